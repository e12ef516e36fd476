/**
 * Outbox events (design.md §1): every business change the regulator feeds need is written to the
 * outbox in the same transaction as the change; regulator-adapter reads and pushes them. Payloads
 * are versioned: a consumer switches on `type` and `version`, and a shipped version never changes
 * shape — a new shape is a new version.
 */
import type { BookingMode, OrderEvent, OrderStatus, TicketStatus } from './order';
import type { ServiceLevel, TicketType } from './fare';
import type { TripStatus } from './trip';
import type { VehicleType } from './archive';
import type { IdType } from './id-number';

export const OUTBOX_EVENT_TYPES = [
  'order.created',
  'order.cancelled',
  'order.expired',
  'order.paid',
  'order.refunding',
  'order.refunded',
  'order.rebooked',
  'payment.succeeded',
  'payment.closed',
  'refund.requested',
  'refund.succeeded',
  'refund.abnormal',
  'refund.closed',
  'invoice.issued',
  'invoice.reversed',
  'invoice.failed',
  'trip.published',
  'trip.changed',
  'trip.cancelled',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

export type OutboxAggregateType = 'order' | 'trip' | 'payment' | 'refund' | 'invoice';

export interface OutboxEnvelope<T extends OutboxEventType = OutboxEventType, P = unknown> {
  /** unique, increasing */
  id: number;
  type: T;
  version: number;
  aggregateType: OutboxAggregateType;
  aggregateId: number;
  /** the operator the event belongs to (feeds are per operator and region) */
  orgId: number;
  /** ISO 8601 */
  occurredAt: string;
  payload: P;
}

/** One ticket as the feeds see it. The ID number stays masked here; the adapter that must send it whole reads it through the order. */
export interface OutboxTicketV1 {
  ticketNo: string;
  riderName: string;
  idType: IdType;
  idNumberMasked: string;
  ticketType: TicketType;
  seatNo: number | null;
  priceFen: number;
  status: TicketStatus;
}

/** order.* version 1 */
export interface OrderEventPayloadV1 {
  orderNo: string;
  orderId: number;
  event: OrderEvent | 'ORDER_CREATED';
  status: OrderStatus;
  mode: BookingMode;
  tripId: number;
  routeId: number;
  lineId: number;
  licenceNo: string;
  departAt: string;
  fromStopCode: string;
  toStopCode: string;
  fromSeq: number;
  toSeq: number;
  totalFen: number;
  tickets: OutboxTicketV1[];
  reason: string | null;
}

/** trip.* version 1 */
export interface TripEventPayloadV1 {
  tripId: number;
  routeId: number;
  routeCode: string;
  lineId: number;
  licenceNo: string;
  departAt: string;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  capacity: number;
  status: TripStatus;
  temporary: boolean;
  reason: string | null;
}

/** payment.* version 1: money received for an order (or a rebooking's price difference) or a payment closed unpaid */
export interface PaymentEventPayloadV1 {
  paymentId: number;
  outTradeNo: string;
  orderId: number;
  orderNo: string;
  purpose: 'order' | 'rebook';
  channel: string;
  /** the merchant that received the money: the sub-merchant or the direct merchant */
  mchid: string;
  amountFen: number;
  transactionId: string | null;
  status: string;
  paidAt: string | null;
}

/** refund.* version 1 */
export interface RefundEventPayloadV1 {
  refundId: number;
  outRefundNo: string;
  orderId: number;
  orderNo: string;
  outTradeNo: string;
  reason: string;
  /** what the refund pays back and what the passenger was charged (fee tiers) */
  amountFen: number;
  feeFen: number;
  ticketNos: string[];
  status: string;
  wechatRefundId: string | null;
}

/** invoice.* version 1 */
export interface InvoiceEventPayloadV1 {
  invoiceId: number;
  orderId: number;
  orderNo: string;
  kind: 'blue' | 'red';
  amountFen: number;
  invoiceNo: string | null;
  /** the blue invoice a red one reverses */
  reversesInvoiceId: number | null;
  status: string;
}

export const PAYMENT_EVENT_PAYLOAD_VERSION = 1;
export const REFUND_EVENT_PAYLOAD_VERSION = 1;
export const INVOICE_EVENT_PAYLOAD_VERSION = 1;
export const ORDER_EVENT_PAYLOAD_VERSION = 1;
export const TRIP_EVENT_PAYLOAD_VERSION = 1;
