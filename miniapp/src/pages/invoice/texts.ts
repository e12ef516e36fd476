/** Texts of the invoice pages, Chinese first with English; state labels come from contracts. */
import { useI18n, type Lang } from '../../i18n';

const zh = {
  'request.title': '申请开票',
  'request.amount': '开票金额',
  'request.order': '订单号 {no}',
  'request.buyerType': '抬头类型',
  'request.personal': '个人',
  'request.company': '单位',
  'request.name': '发票抬头',
  'request.namePersonal': '请输入姓名',
  'request.nameCompany': '请输入单位名称',
  'request.taxId': '税号',
  'request.taxIdHint': '请输入18位统一社会信用代码',
  'request.email': '电子邮箱（选填）',
  'request.emailHint': '发票开具后同时发送到邮箱',
  'request.note': '发票由承运的运营方开具，为电子发票（普通发票），可作为报销凭证。',
  'request.submit': '提交申请',
  'request.sent': '已提交开票申请',
  'request.already': '该订单已开票或正在开票',
  'request.status': '开票状态',
  'request.viewList': '查看发票',
  'list.title': '发票',
  'list.empty': '暂无发票',
  'list.request': '申请开票',
  'list.download': '下载发票',
  'list.number': '发票号码 {no}',
  'list.buyer': '抬头 {title}',
  'list.issuing': '发票开具中，通常几秒到几分钟',
  'list.opened': '已打开发票文件',
  'list.openFailed': '发票文件打开失败，请稍后再试',
};
export type InvoiceTextKey = keyof typeof zh;

const en: Record<InvoiceTextKey, string> = {
  'request.title': 'Request an invoice',
  'request.amount': 'Amount',
  'request.order': 'Order {no}',
  'request.buyerType': 'Issued to',
  'request.personal': 'Person',
  'request.company': 'Company',
  'request.name': 'Invoice title',
  'request.namePersonal': 'Your name',
  'request.nameCompany': 'Company name',
  'request.taxId': 'Tax number',
  'request.taxIdHint': '18-character unified social credit code',
  'request.email': 'E-mail (optional)',
  'request.emailHint': 'The invoice is also sent to this address',
  'request.note': 'The operator carrying you issues an electronic invoice (普通发票), valid for reimbursement.',
  'request.submit': 'Submit',
  'request.sent': 'Invoice requested',
  'request.already': 'This order already has an invoice',
  'request.status': 'Status',
  'request.viewList': 'View invoices',
  'list.title': 'Invoices',
  'list.empty': 'No invoices yet',
  'list.request': 'Request an invoice',
  'list.download': 'Download',
  'list.number': 'No. {no}',
  'list.buyer': 'Title {title}',
  'list.issuing': 'Being issued, usually within minutes',
  'list.opened': 'Invoice opened',
  'list.openFailed': 'Could not open the invoice, please try again',
};

const dictionaries: Record<Lang, Record<InvoiceTextKey, string>> = { zh, en };

export function invoiceText(lang: Lang, key: InvoiceTextKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? zh[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function useInvoiceText() {
  const { lang } = useI18n();
  return {
    lang,
    it: (key: InvoiceTextKey, vars?: Record<string, string | number>) => invoiceText(lang, key, vars),
    label: (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh),
  };
}
