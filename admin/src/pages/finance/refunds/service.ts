import type { AdminRefundRequest, Page, RefundListItem, RefundQuery, RefundResolveRequest, RefundView } from '@dzky/contracts';
import { http, type Query } from '../../../request';

const BASE = '/api/admin/refunds';

/** 退款管理: refunds of the caller's organisations, abnormal ones resolved offline, and refunds by staff. */
export const refundApi = {
  list: (q: RefundQuery) => http.get<Page<RefundListItem>>(BASE, q as Query),
  /** how many abnormal refunds wait for finance (the badge of the 退款异常 tab) */
  abnormalCount: async (orgId?: number) =>
    (await http.get<Page<RefundListItem>>(BASE, { status: 'abnormal', orgId, page: 1, pageSize: 1 }, { silent: true })).total,
  // the dialog shows REFUND.* refusals itself
  resolve: (id: number, req: RefundResolveRequest) => http.post<RefundListItem>(`${BASE}/${id}/resolve`, req, { silent: true }),
  /** staff return tickets of an order (idempotent on clientKey) */
  refundOrder: (orderId: number, req: AdminRefundRequest) => http.post<RefundView>(`/api/admin/orders/${orderId}/refunds`, req, { silent: true }),
};
