/** Typed calls of the passenger's electronic invoices (/api/app, R-6.2.6). */
import type { InvoiceDownload, InvoiceRequest, InvoiceView } from '@dzky/contracts';
import { http } from '../../services/request';

/** The pages of this area; the order page opens both with `?orderId=`. */
export const INVOICE_ROUTES = {
  request: '/pages/invoice/request/index',
  list: '/pages/invoice/list/index',
} as const;

export const invoiceApi = {
  // silent: the form shows field refusals beside the fields
  request: (orderId: number, body: InvoiceRequest) => http.post<InvoiceView>(`/orders/${orderId}/invoice`, body, { silent: true }),
  list: (orderId: number) => http.get<InvoiceView[]>(`/orders/${orderId}/invoices`),
  download: (invoiceId: number) => http.get<InvoiceDownload>(`/invoices/${invoiceId}/download`),
};

/** One key per visit of the form: a retry after a lost answer sends the same, so one invoice is asked for. */
export function newClientKey(now = Date.now(), random: () => number = Math.random): string {
  return `iv-${now.toString(36)}-${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
}
