import type { AdminInvoiceListItem, AdminInvoiceQuery, InvoiceDownload, InvoiceView, Page } from '@dzky/contracts';
import { http, type Query } from '../../../request';

/** 发票管理: electronic invoices, scoped by the bff to the caller's organisations. */
export const invoiceApi = {
  list: (q: AdminInvoiceQuery) => http.get<Page<AdminInvoiceListItem>>('/api/admin/invoices', q as Query),
  /** a signed URL of the PDF, valid for a few minutes */
  download: (id: number) => http.get<InvoiceDownload>(`/api/admin/invoices/${id}/download`),
  retry: (id: number) => http.post<InvoiceView>(`/api/admin/invoices/${id}/retry`),
};
