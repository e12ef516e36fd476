/** Typed calls of the passenger's own orders (/api/app/orders). */
import type { OrderCancelRequest, OrderCreateRequest, OrderListItem, OrderQuery, OrderView, Page } from '@dzky/contracts';
import { http } from './request';
import { queryString } from './trip-api';

export const orderApi = {
  // silent: the booking form shows field refusals (outside the zone, a taken seat) beside the fields
  create: (body: OrderCreateRequest) => http.post<OrderView>('/orders', body, { silent: true }),
  list: (q: OrderQuery = {}) => http.get<Page<OrderListItem>>(`/orders${queryString({ status: q.status, page: q.page, pageSize: q.pageSize })}`),
  get: (id: number) => http.get<OrderView>(`/orders/${id}`),
  cancel: (id: number, body: OrderCancelRequest = {}) => http.post<OrderView>(`/orders/${id}/cancel`, body),
};
