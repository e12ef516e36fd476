/**
 * Payments, refunds and rebooking (R-6.2.4; design.md §3 "Channels and payment", §6 WeChat Pay).
 *
 * Money for an order is received through WeChat Pay into the operator's merchant account: as a
 * sub-merchant of the platform's service-provider account (partner APIs) or as a direct merchant.
 * Each attempt to pay is a payment with its own out_trade_no; an order is paid by at most one.
 * Refunds pay back what was actually paid, less the fee of the trading rules' refund tier.
 */
import type { Fen } from './money';
import type { OrderStatus, OrderView, TicketStatus } from './order';
import type { PageQuery } from './envelope';

// ───────────────────────── channels ─────────────────────────

/**
 * jsapi: inside WeChat (the mini-program's requestPayment, or the H5 build in WeChat's browser with
 * the official account); h5: WeChat Pay's H5 page from another mobile browser; native: a QR code
 * to scan from a desktop browser.
 */
export const PAYMENT_CHANNELS = ['jsapi', 'h5', 'native'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

export const PAYMENT_CHANNEL_LABELS: Record<PaymentChannel, { zh: string; en: string }> = {
  jsapi: { zh: '微信内支付', en: 'In WeChat' },
  h5: { zh: '微信H5支付', en: 'WeChat Pay H5' },
  native: { zh: '扫码支付', en: 'Scan to pay' },
};

/** Which WeChat app the payer's openid belongs to for JSAPI: the mini-program or the official account (H5 in WeChat). */
export type PayerApp = 'passenger' | 'official';

export const PAYMENT_STATUSES = ['created', 'paid', 'closed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, { zh: string; en: string }> = {
  created: { zh: '待支付', en: 'Awaiting payment' },
  paid: { zh: '已支付', en: 'Paid' },
  closed: { zh: '已关闭', en: 'Closed' },
};

export type PaymentPurpose = 'order' | 'rebook';

/** POST /api/app/orders/:id/pay */
export interface PayRequest {
  channel: PaymentChannel;
  /** jsapi only: whose openid pays; default 'passenger' (the mini-program) */
  payerApp?: PayerApp;
  /** h5 only: where WeChat's page sends the payer back (an address of the H5 app) */
  returnUrl?: string;
}

/** What the client needs to let the passenger pay. */
export interface PayStart {
  paymentId: number;
  outTradeNo: string;
  channel: PaymentChannel;
  amountFen: Fen;
  /** the payment closes then: the end of the seat hold */
  expiresAt: string;
  /** jsapi: the arguments of wx.requestPayment / WeixinJSBridge getBrandWCPayRequest */
  jsapi?: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };
  /** h5: open this page (WeChat's cashier) */
  h5Url?: string;
  /** native: show this as a QR code */
  codeUrl?: string;
}

/** GET /api/app/orders/:id/payment — the latest payment, checked with WeChat Pay while it is open. */
export interface PaymentStatusView {
  paymentId: number | null;
  status: PaymentStatus | null;
  orderStatus: OrderStatus;
  amountFen: Fen;
  paidAt: string | null;
}

// ───────────────────────── refunds ─────────────────────────

/**
 * requested: written, not yet accepted by WeChat Pay (a crash here is retried by the sweeper);
 * processing: accepted, waiting for the bank; succeeded / closed / abnormal: WeChat Pay's outcome.
 * abnormal refunds (e.g. the payer's card was cancelled) wait for finance: resolved_offline once
 * the money was paid back another way.
 */
export const REFUND_STATUSES = ['requested', 'processing', 'succeeded', 'closed', 'abnormal', 'resolved_offline'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REFUND_STATUS_LABELS: Record<RefundStatus, { zh: string; en: string }> = {
  requested: { zh: '已申请', en: 'Requested' },
  processing: { zh: '退款中', en: 'Processing' },
  succeeded: { zh: '已退款', en: 'Refunded' },
  closed: { zh: '退款关闭', en: 'Closed' },
  abnormal: { zh: '退款异常', en: 'Abnormal' },
  resolved_offline: { zh: '已线下处理', en: 'Resolved offline' },
};

/**
 * passenger: the passenger returned tickets (fee tiers apply); trip_cancelled: the operator
 * cancelled the trip (no fee); late_payment: money arrived after the seats were released (no fee);
 * rebook: the cheaper trip's price difference; operator: staff refunded (fee waived or not).
 */
export const REFUND_REASONS = ['passenger', 'trip_cancelled', 'late_payment', 'rebook', 'operator'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export const REFUND_REASON_LABELS: Record<RefundReason, { zh: string; en: string }> = {
  passenger: { zh: '乘客退票', en: 'Returned by passenger' },
  trip_cancelled: { zh: '班次取消', en: 'Trip cancelled' },
  late_payment: { zh: '超时支付自动退款', en: 'Paid after the hold ended' },
  rebook: { zh: '改签差价', en: 'Rebooking difference' },
  operator: { zh: '运营方退款', en: 'Refunded by operator' },
};

/** GET /api/app/orders/:id/refund-quote?ticketIds=1,2 — what returning these tickets now pays back. */
export interface RefundQuote {
  allowed: boolean;
  /** why not, when not allowed */
  reason: string | null;
  minutesBeforeDeparture: number;
  feePercent: number;
  tickets: Array<{ ticketId: number; ticketNo: string; riderName: string; paidFen: Fen; feeFen: Fen; refundFen: Fen }>;
  totalPaidFen: Fen;
  totalFeeFen: Fen;
  totalRefundFen: Fen;
}

/** POST /api/app/orders/:id/refunds — idempotent on clientKey. */
export interface RefundCreateRequest {
  clientKey: string;
  ticketIds: number[];
  remark?: string | null;
}

export interface RefundView {
  id: number;
  outRefundNo: string;
  orderId: number;
  orderNo: string;
  reason: RefundReason;
  remark: string | null;
  status: RefundStatus;
  amountFen: Fen;
  feeFen: Fen;
  ticketNos: string[];
  createdAt: string;
  settledAt: string | null;
}

// ───────────────────────── rebooking (改签) ─────────────────────────

/** GET /api/app/orders/:id/rebook-options?date=YYYY-MM-DD — other trips of the same route and journey. */
export interface RebookOption {
  tripId: number;
  departAt: string;
  seatsLeft: number;
  /** new price of the same riders and ticket types */
  totalFen: Fen;
  /** new price + fee − what was paid: > 0 to pay, < 0 paid back */
  differenceFen: Fen;
  feeFen: Fen;
}

export interface RebookOptions {
  allowed: boolean;
  reason: string | null;
  rebooksLeft: number;
  options: RebookOption[];
}

/** POST /api/app/orders/:id/rebook — idempotent on clientKey. */
export interface RebookRequest {
  clientKey: string;
  tripId: number;
}

/**
 * The new order. differenceFen > 0: the new order awaits payment of the difference (pay it like any
 * order; the old tickets stay valid until it is paid); otherwise the switch is done and any
 * difference is refunded (`refund`).
 */
export interface RebookResult {
  order: OrderView;
  differenceFen: Fen;
  refund: RefundView | null;
}

// ───────────────────────── order money (shown with the order) ─────────────────────────

export interface OrderMoney {
  paidFen: Fen;
  refundedFen: Fen;
  paidAt: string | null;
  channel: PaymentChannel | null;
  refunds: RefundView[];
  /** the order this one replaced by rebooking, and the one that replaced it */
  rebookedFrom: { id: number; orderNo: string } | null;
  rebookedTo: { id: number; orderNo: string } | null;
  /** what the passenger may do now */
  canRefund: boolean;
  canRebook: boolean;
  canInvoice: boolean;
}

// ───────────────────────── admin finance ─────────────────────────

export interface PaymentQuery extends PageQuery {
  orgId?: number;
  status?: PaymentStatus;
  channel?: PaymentChannel;
  /** order number, out_trade_no or WeChat transaction id */
  keyword?: string;
  /** Asia/Shanghai days, inclusive */
  from?: string;
  to?: string;
}

export interface PaymentListItem {
  id: number;
  outTradeNo: string;
  transactionId: string | null;
  orderId: number;
  orderNo: string;
  orgId: number;
  orgName: string;
  purpose: PaymentPurpose;
  channel: PaymentChannel;
  merchantMode: 'sub_merchant' | 'direct';
  mchid: string;
  amountFen: Fen;
  refundedFen: Fen;
  status: PaymentStatus;
  paidAt: string | null;
  createdAt: string;
}

export interface RefundQuery extends PageQuery {
  orgId?: number;
  status?: RefundStatus;
  reason?: RefundReason;
  keyword?: string;
  from?: string;
  to?: string;
}

export type RefundListItem = RefundView & {
  orgId: number;
  orgName: string;
  outTradeNo: string;
  wechatRefundId: string | null;
  /** WeChat Pay's or the provider's words when it failed */
  error: string | null;
  /** finance's note when resolved offline */
  resolution: string | null;
};

/** POST /api/admin/refunds/:id/resolve — an abnormal refund paid back another way. */
export interface RefundResolveRequest {
  note: string;
}

/** POST /api/admin/orders/:id/refunds — staff return tickets (e.g. a complaint upheld). */
export interface AdminRefundRequest {
  clientKey: string;
  ticketIds: number[];
  /** no fee when true */
  waiveFee: boolean;
  remark: string;
}

/** GET /api/admin/finance/summary?orgId&from&to — per Shanghai day. */
export interface FinanceSummary {
  days: Array<{ day: string; paidFen: Fen; refundedFen: Fen; feeFen: Fen; netFen: Fen; payments: number; refunds: number }>;
  totals: { paidFen: Fen; refundedFen: Fen; feeFen: Fen; netFen: Fen; payments: number; refunds: number; abnormalRefunds: number };
}

/** Ticket states a passenger may return (refund) or rebook. */
export const REFUNDABLE_TICKET_STATUSES: readonly TicketStatus[] = ['issued'];
