import type { AdminOrderListItem, AdminOrderQuery, NotificationDeliveryView, OrderCancelRequest, OrderView, Page } from '@dzky/contracts';
import { http, type Query } from '../../request';

const BASE = '/api/admin/orders';

/** 订单管理 and a passenger's booking history (R-6.1.2, `endUserId`). */
export const orderApi = {
  list: (q: AdminOrderQuery) => http.get<Page<AdminOrderListItem>>(BASE, q as Query),
  get: (id: number) => http.get<OrderView>(`${BASE}/${id}`),
  // unpaid orders only; ORDER.STATE_INVALID when it was paid or released meanwhile
  cancel: (id: number, req: OrderCancelRequest) => http.post<OrderView>(`${BASE}/${id}/cancel`, req, { silent: true }),
  // the messages sent about the order; the drawer shows its own notice when they fail to load
  notifications: (id: number) => http.get<NotificationDeliveryView[]>(`${BASE}/${id}/notifications`, undefined, { silent: true }),
};
