import type zh from './locale.zh-CN';

const invoice: Record<keyof typeof zh, string> = {
  menu: 'Invoices',
  title: 'Electronic invoices',
  subtitle: 'Electronic invoices passengers asked for: issued, reversed and reissued; failed ones can be retried',
  empty: 'No invoices',
  orderNo: 'Order no.',
  invoiceNo: 'Invoice no.',
  kind: 'Kind',
  title_: 'Title',
  taxId: 'Tax no.',
  amount: 'Total',
  tax: 'Tax',
  issuedAt: 'Issued at',
  createdAt: 'Requested at',
  dates: 'Requested on',
  failReason: 'Failure',
  download: 'Download',
  retry: 'Retry',
  retryConfirm: 'Submit this invoice to the provider again?',
  retried: 'Submitted again',
  personal: 'Person',
  company: 'Company',
};
export default invoice;
