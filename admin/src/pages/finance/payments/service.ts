import type { Page, PaymentListItem, PaymentQuery } from '@dzky/contracts';
import { http, type Query } from '../../../request';

/** 收款记录: WeChat Pay payments, scoped by the bff to the caller's organisations. */
export const paymentApi = {
  list: (q: PaymentQuery) => http.get<Page<PaymentListItem>>('/api/admin/payments', q as Query),
};
