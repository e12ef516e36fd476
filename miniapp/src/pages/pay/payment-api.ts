/**
 * Typed calls of paying, returning and rebooking the passenger's own orders (/api/app/orders/:id/…),
 * through the app's one request wrapper.
 */
import type {
  OrderVouchers,
  PayRequest,
  PayStart,
  PaymentStatusView,
  RebookOptions,
  RebookRequest,
  RebookResult,
  RefundCreateRequest,
  RefundQuote,
  RefundView,
} from '@dzky/contracts';
import { http } from '../../services/request';

export const paymentApi = {
  // silent: PAYMENT.NO_OPENID is handled by authorising, not by a toast; the page shows the others
  pay: (orderId: number, body: PayRequest) =>
    http.post<PayStart>(`/orders/${orderId}/pay`, body, { silent: true }),
  // silent: polled every few seconds; one lost answer is followed by the next
  status: (orderId: number) => http.get<PaymentStatusView>(`/orders/${orderId}/payment`, { silent: true }),
  vouchers: (orderId: number) => http.get<OrderVouchers>(`/orders/${orderId}/vouchers`),
  refundQuote: (orderId: number, ticketIds: number[]) =>
    http.get<RefundQuote>(`/orders/${orderId}/refund-quote?ticketIds=${ticketIds.join(',')}`),
  refund: (orderId: number, body: RefundCreateRequest) =>
    http.post<RefundView>(`/orders/${orderId}/refunds`, body),
  rebookOptions: (orderId: number, date: string) =>
    http.get<RebookOptions>(`/orders/${orderId}/rebook-options?date=${encodeURIComponent(date)}`),
  rebook: (orderId: number, body: RebookRequest) =>
    http.post<RebookResult>(`/orders/${orderId}/rebook`, body),
};

/** Page addresses of this flow and the pages it hands over to. */
export const PAY_ROUTES = {
  pay: '/pages/pay/index',
  refund: '/pages/refund/index',
  rebook: '/pages/rebook/index',
  orderDetail: '/pages/order/detail/index',
  orders: '/pages/order/list/index',
  invoiceRequest: '/pages/invoice/request/index',
  invoiceList: '/pages/invoice/list/index',
  rate: '/pages/feedback/rate/index',
  complaint: '/pages/feedback/complaint/index',
} as const;

/** Polling interval of the payment status while the payer is paying elsewhere. */
export const POLL_MS = 2000;

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The idempotency key of one visit to a refund or rebook screen (contracts: 8–64 of
 * [A-Za-z0-9_-]): every retry from the same screen sends it, so a lost answer never refunds or
 * rebooks twice. Unique per account, not a secret, so Math.random is enough.
 */
export function newClientKey(prefix: string, now = Date.now(), random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 12; i++) tail += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length)];
  return `${prefix}-${now.toString(36)}-${tail}`;
}
