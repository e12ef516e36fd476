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
  'trip.published',
  'trip.changed',
  'trip.cancelled',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

export interface OutboxEnvelope<T extends OutboxEventType = OutboxEventType, P = unknown> {
  /** unique, increasing */
  id: number;
  type: T;
  version: number;
  aggregateType: 'order' | 'trip';
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

export const ORDER_EVENT_PAYLOAD_VERSION = 1;
export const TRIP_EVENT_PAYLOAD_VERSION = 1;
