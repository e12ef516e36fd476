/**
 * Orders and tickets (R-6.2.3, R-6.2.4; design.md §3 "Capacity", "Real name", state machines).
 *
 * An order is one passenger's purchase on one trip: one ticket per rider, each holding one seat on
 * the segments of its journey. Orders and tickets move only through the named events below; any
 * other move is refused (ORDER.STATE_INVALID). Payments, refunds and rebooking (the payments issue)
 * use the same machines.
 */
import type { FieldError, PageQuery } from './envelope';
import type { CoordSys, LngLat, LocalizedName } from './basedata';
import type { IdType } from './id-number';
import type { ServiceLevel, TicketType } from './fare';
import type { TripView } from './trip';
import type { Fen } from './money';
import type { VehicleType } from './archive';
import type { OrderMoney } from './payment';

// ───────────────────────── state machines ─────────────────────────

export interface StateMachine<S extends string, E extends string> {
  name: string;
  initial: S;
  /** event → the states it may leave → the state it leads to */
  transitions: Record<E, Partial<Record<S, S>>>;
  final: readonly S[];
}

export class InvalidTransitionError extends Error {
  constructor(readonly machine: string, readonly from: string, readonly event: string) {
    super(`${machine}: event ${event} is not allowed in state ${from}`);
  }
}

/** The state `event` leads to from `from`; throws InvalidTransitionError when the move is not allowed. */
export function nextState<S extends string, E extends string>(machine: StateMachine<S, E>, from: S, event: E): S {
  const to = machine.transitions[event]?.[from];
  if (!to) throw new InvalidTransitionError(machine.name, from, event);
  return to;
}

export function canApply<S extends string, E extends string>(machine: StateMachine<S, E>, from: S, event: E): boolean {
  return Boolean(machine.transitions[event]?.[from]);
}

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'cancelled',
  'expired',
  'refunding',
  'partially_refunded',
  'refunded',
  'rebooked',
  'completed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = [
  'PASSENGER_CANCELLED',
  'HOLD_EXPIRED',
  'TRIP_CANCELLED',
  'PAYMENT_SUCCEEDED',
  'REFUND_REQUESTED',
  'REFUND_SUCCEEDED_PARTIAL',
  'REFUND_SUCCEEDED_FULL',
  'REBOOKED',
  'TRIP_COMPLETED',
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/**
 * ORDER_CREATED makes an order in pending_payment (the initial state). A trip cancelled by the
 * operator cancels unpaid orders outright and puts paid ones into refunding; a payment that
 * arrives after the hold expired is refunded (expired → refunding).
 */
export const ORDER_MACHINE: StateMachine<OrderStatus, OrderEvent> = {
  name: 'order',
  initial: 'pending_payment',
  transitions: {
    PASSENGER_CANCELLED: { pending_payment: 'cancelled' },
    HOLD_EXPIRED: { pending_payment: 'expired' },
    TRIP_CANCELLED: { pending_payment: 'cancelled', paid: 'refunding', partially_refunded: 'refunding' },
    PAYMENT_SUCCEEDED: { pending_payment: 'paid', expired: 'refunding', cancelled: 'refunding' },
    REFUND_REQUESTED: { paid: 'refunding', partially_refunded: 'refunding' },
    REFUND_SUCCEEDED_PARTIAL: { refunding: 'partially_refunded' },
    REFUND_SUCCEEDED_FULL: { refunding: 'refunded' },
    /** every ticket moved to the order that replaced this one (改签) */
    REBOOKED: { paid: 'rebooked', partially_refunded: 'rebooked' },
    TRIP_COMPLETED: { paid: 'completed', partially_refunded: 'completed' },
  },
  final: ['cancelled', 'expired', 'refunded', 'rebooked', 'completed'],
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, { zh: string; en: string }> = {
  pending_payment: { zh: '待支付', en: 'Awaiting payment' },
  paid: { zh: '已支付', en: 'Paid' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  expired: { zh: '已超时', en: 'Expired' },
  refunding: { zh: '退款中', en: 'Refunding' },
  partially_refunded: { zh: '部分退款', en: 'Partly refunded' },
  refunded: { zh: '已退款', en: 'Refunded' },
  rebooked: { zh: '已改签', en: 'Rebooked' },
  completed: { zh: '已完成', en: 'Completed' },
};

export const TICKET_STATUSES = ['held', 'issued', 'released', 'checked', 'refunding', 'refunded', 'rebooked', 'used'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_EVENTS = ['PAID', 'RELEASED', 'CHECKED', 'REFUND_REQUESTED', 'REFUNDED', 'REBOOKED', 'TRIP_COMPLETED'] as const;
export type TicketEvent = (typeof TICKET_EVENTS)[number];

/** held: the seat is held for an unpaid order; released: its seat went back to sale. */
export const TICKET_MACHINE: StateMachine<TicketStatus, TicketEvent> = {
  name: 'ticket',
  initial: 'held',
  transitions: {
    PAID: { held: 'issued' },
    RELEASED: { held: 'released' },
    CHECKED: { issued: 'checked' },
    REFUND_REQUESTED: { issued: 'refunding' },
    REFUNDED: { refunding: 'refunded' },
    REBOOKED: { issued: 'rebooked' },
    TRIP_COMPLETED: { checked: 'used' },
  },
  final: ['released', 'refunded', 'rebooked', 'used'],
};

export const TICKET_STATUS_LABELS: Record<TicketStatus, { zh: string; en: string }> = {
  held: { zh: '占座中', en: 'Held' },
  issued: { zh: '已出票', en: 'Issued' },
  released: { zh: '已释放', en: 'Released' },
  checked: { zh: '已检票', en: 'Checked' },
  refunding: { zh: '退票中', en: 'Refunding' },
  refunded: { zh: '已退票', en: 'Refunded' },
  rebooked: { zh: '已改签', en: 'Rebooked' },
  used: { zh: '已使用', en: 'Used' },
};

/** Ticket states that hold a seat on the trip's segments. */
export const SEAT_HOLDING_TICKET_STATUSES: readonly TicketStatus[] = ['held', 'issued', 'checked', 'refunding', 'used'];

// ───────────────────────── booking ─────────────────────────

export type BookingMode = 'fixed' | 'door';

/** A point the passenger chose on the map (door to door). */
export interface BookingPoint {
  lng: number;
  lat: number;
  coordSys?: CoordSys;
  /** what the passenger typed or the map's address for the point */
  address?: string;
}

export interface BookingRiderInput {
  riderId: number;
  ticketType: TicketType;
  /** only on trips with seat selection; omitted there: a seat is chosen for the rider */
  seatNo?: number;
}

/**
 * POST /api/app/orders. `clientKey` makes the request idempotent: the same key with the same
 * content answers the order already made; with other content it is refused
 * (ORDER.IDEMPOTENCY_MISMATCH).
 */
export interface OrderCreateRequest {
  /** 8–64 characters chosen by the client, unique per attempt to book (e.g. a UUID) */
  clientKey: string;
  tripId: number;
  mode: BookingMode;
  /** mode 'fixed': stop positions of the route */
  fromSeq?: number;
  toSeq?: number;
  /** mode 'door': points inside a pickup zone and a drop-off zone of the route */
  pickup?: BookingPoint;
  dropoff?: BookingPoint;
  riders: BookingRiderInput[];
  /** 11-digit mainland mobile */
  contactPhone: string;
  remark?: string | null;
}

export interface TicketView {
  id: number;
  ticketNo: string;
  riderId: number;
  riderName: string;
  idType: IdType;
  /** masked (design.md §3 "Personal data") */
  idNumberMasked: string;
  ticketType: TicketType;
  seatNo: number | null;
  priceFen: Fen;
  status: TicketStatus;
}

export interface OrderPlace {
  seq: number;
  stopName: LocalizedName;
  /** planned time at the stop */
  plannedAt: string;
  /** door to door: the passenger's own point (GCJ-02) and address, and the zone it fell in */
  point: (LngLat & { address: string | null }) | null;
  zoneName: string | null;
}

/**
 * One line of a trip's passenger list (乘客名单, GET /api/admin/trips/:id/manifest): a ticket with its
 * order and journey; door to door, `pickup` and `dropoff` carry the passenger's own point.
 */
export type ManifestTicket = TicketView & { orderNo: string; fromSeq: number; toSeq: number; pickup: OrderPlace; dropoff: OrderPlace };

export interface TripManifest {
  trip: TripView;
  tickets: ManifestTicket[];
}

export interface OrderView {
  id: number;
  orderNo: string;
  status: OrderStatus;
  mode: BookingMode;
  tripId: number;
  orgId: number;
  orgName: string;
  lineName: string;
  routeName: string;
  departAt: string;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  from: OrderPlace;
  to: OrderPlace;
  tickets: TicketView[];
  totalFen: Fen;
  /** masked */
  contactPhoneMasked: string;
  remark: string | null;
  /** while pending_payment: when the seats are released */
  holdExpiresAt: string | null;
  cancelReason: string | null;
  /** what was paid and refunded, and what the passenger may do next (absent in lists) */
  money?: OrderMoney;
  createdAt: string;
  updatedAt: string;
}

export interface OrderListItem {
  id: number;
  orderNo: string;
  status: OrderStatus;
  tripId: number;
  lineName: string;
  departAt: string;
  fromName: string;
  toName: string;
  riderCount: number;
  totalFen: Fen;
  holdExpiresAt: string | null;
  createdAt: string;
}

export interface OrderQuery extends PageQuery {
  status?: OrderStatus;
}

/** GET /api/admin/orders — operator staff find and handle online orders (R-6.1.4 order management). */
export interface AdminOrderQuery extends PageQuery {
  orgId?: number;
  tripId?: number;
  status?: OrderStatus;
  /** order number, or the contact phone (matched through its blind index) */
  keyword?: string;
  /** YYYY-MM-DD of departure, inclusive */
  dateFrom?: string;
  dateTo?: string;
  /** a passenger's bookings (passenger records, R-6.1.2) */
  endUserId?: number;
}

export interface AdminOrderListItem extends OrderListItem {
  orgName: string;
  endUserId: number;
  contactPhoneMasked: string;
  mode: BookingMode;
}

/** POST /api/app/orders/:id/cancel and POST /api/admin/orders/:id/cancel (unpaid orders). */
export interface OrderCancelRequest {
  reason?: string;
}

const CLIENT_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** Shape checks of a booking request the app can run before sending (bff runs them again). */
export function orderRequestProblems(r: Partial<OrderCreateRequest>): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, reason: string) => errors.push({ field, reason });
  if (typeof r.clientKey !== 'string' || !CLIENT_KEY.test(r.clientKey)) push('clientKey', '应为 8–64 位字母、数字、- 或 _');
  if (!Number.isInteger(r.tripId) || (r.tripId as number) <= 0) push('tripId', '请选择班次');
  if (r.mode !== 'fixed' && r.mode !== 'door') push('mode', '请选择固定站点或上门接送');
  if (r.mode === 'fixed') {
    if (!Number.isInteger(r.fromSeq) || !Number.isInteger(r.toSeq)) push('fromSeq', '请选择上车站和下车站');
    else if ((r.toSeq as number) <= (r.fromSeq as number)) push('toSeq', '下车站应在上车站之后');
  }
  if (r.mode === 'door') {
    for (const key of ['pickup', 'dropoff'] as const) {
      const p = r[key];
      if (!p || typeof p.lng !== 'number' || typeof p.lat !== 'number' || !Number.isFinite(p.lng) || !Number.isFinite(p.lat)) {
        push(key, key === 'pickup' ? '请在地图上选择上车地点' : '请在地图上选择下车地点');
      }
    }
  }
  if (!Array.isArray(r.riders) || r.riders.length === 0) push('riders', '请至少选择一位乘车人');
  else {
    if (r.riders.length > 9) push('riders', '一个订单最多 9 位乘车人');
    const seen = new Set<number>();
    r.riders.forEach((rider, i) => {
      if (!Number.isInteger(rider?.riderId)) push(`riders.${i}.riderId`, '请选择乘车人');
      else if (seen.has(rider.riderId)) push(`riders.${i}.riderId`, '同一乘车人不能重复选择');
      else seen.add(rider.riderId);
      if (!rider || typeof rider.ticketType !== 'string') push(`riders.${i}.ticketType`, '请选择票种');
      if (rider?.seatNo !== undefined && (!Number.isInteger(rider.seatNo) || rider.seatNo < 1)) push(`riders.${i}.seatNo`, '座位号无效');
    });
  }
  if (typeof r.contactPhone !== 'string' || !/^1[3-9]\d{9}$/.test(r.contactPhone)) push('contactPhone', '请输入 11 位手机号码');
  if (r.remark != null && (typeof r.remark !== 'string' || r.remark.length > 200)) push('remark', '备注不超过 200 字');
  return errors;
}
