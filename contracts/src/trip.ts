/**
 * Trips (班次) and their seat inventory (R-6.2.1, R-6.2.2; design.md §3 "Capacity").
 *
 * A trip is a departure of a route at a time with a capacity (the approved seats of the planned
 * vehicle type). Seats are sold by segment: on a route with stops 1…n, segment k runs from stop k to
 * stop k+1, and a ticket from stop a to stop b holds segments a … b−1. A seat sold 1→2 can be sold
 * again 2→3; a ticket 1→3 holds both. Door-to-door bookings hold the segments between the stop
 * positions their pickup and drop-off zones are attached to.
 */
import type { PageQuery } from './envelope';
import type { VehicleType } from './archive';
import type { LocalizedName, ZoneView } from './basedata';
import type { ServiceLevel, TicketType } from './fare';
import type { Fen } from './money';
import type { NoticeView } from './publishing';
import type { WeatherNow } from './weather';

/** Segments a ticket from stop position `fromSeq` to `toSeq` holds: fromSeq … toSeq−1. */
export function segmentsOf(fromSeq: number, toSeq: number): number[] {
  if (!Number.isInteger(fromSeq) || !Number.isInteger(toSeq) || fromSeq < 1 || toSeq <= fromSeq) {
    throw new RangeError(`not a journey: ${fromSeq} → ${toSeq}`);
  }
  return Array.from({ length: toSeq - fromSeq }, (_, i) => fromSeq + i);
}

/** Seats left for a journey: the fewest free seats over the segments it holds. */
export function seatsLeftFor(segmentSold: ReadonlyArray<{ segNo: number; sold: number }>, capacity: number, fromSeq: number, toSeq: number): number {
  const wanted = new Set(segmentsOf(fromSeq, toSeq));
  let left = capacity;
  for (const s of segmentSold) if (wanted.has(s.segNo)) left = Math.min(left, capacity - s.sold);
  return Math.max(0, left);
}

/**
 * on_sale: bookable (inside the presale window and before sales close);
 * suspended: temporarily not sold (existing tickets stand);
 * cancelled: will not run (passengers are told; unpaid orders are cancelled);
 * departed / completed: set by dispatch and driver reports.
 */
export const TRIP_STATUSES = ['on_sale', 'suspended', 'cancelled', 'departed', 'completed'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];
export const TRIP_STATUS_LABELS: Record<TripStatus, { zh: string; en: string }> = {
  on_sale: { zh: '售票中', en: 'On sale' },
  suspended: { zh: '暂停售票', en: 'Sales paused' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  departed: { zh: '已发车', en: 'Departed' },
  completed: { zh: '已完成', en: 'Completed' },
};

/** Why a trip cannot be booked now, computed from its status and the trading rules. */
export type TripSaleState = 'open' | 'not_yet_open' | 'closed' | 'suspended' | 'cancelled' | 'sold_out';

export interface TripStopView {
  seq: number;
  stopId: number;
  code: string;
  name: LocalizedName;
  address: string;
  regionCode: string;
  lng: number;
  lat: number;
  pickup: boolean;
  dropoff: boolean;
  /** planned time at this stop (ISO 8601), departure + the route's minutes so far */
  plannedAt: string;
  distanceFromStartM: number;
}

export interface TripView {
  id: number;
  orgId: number;
  orgName: string;
  lineId: number;
  lineName: string;
  licenceNo: string;
  routeId: number;
  routeCode: string;
  routeName: string;
  /** ISO 8601 (UTC); show in Asia/Shanghai */
  departAt: string;
  /** YYYY-MM-DD in Asia/Shanghai */
  departDate: string;
  /** HH:mm in Asia/Shanghai */
  departTime: string;
  arriveAt: string;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  capacity: number;
  seatSelection: boolean;
  status: TripStatus;
  saleState: TripSaleState;
  /** 临时加班: added at short notice (shown to passengers as travel information) */
  temporary: boolean;
  cancelReason: string | null;
  cancelledAt: string | null;
  /** fewest free seats over the whole route */
  seatsLeft: number;
  /** seats held or sold per segment: segNo 1 = stop 1 → stop 2 */
  segments: Array<{ segNo: number; sold: number }>;
  /** tickets held or issued on the trip */
  ticketCount: number;
  remark: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TripQuery extends PageQuery {
  orgId?: number;
  routeId?: number;
  lineId?: number;
  /** YYYY-MM-DD, inclusive */
  dateFrom?: string;
  dateTo?: string;
  status?: TripStatus;
  keyword?: string;
}

/** POST /api/admin/trips — one trip. */
export interface TripCreateRequest {
  routeId: number;
  /** YYYY-MM-DD and HH:mm, Asia/Shanghai */
  departDate: string;
  departTime: string;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  /** ≥ 7 (design.md §6), at most the largest approved seats among the operator's vehicles of that type */
  capacity: number;
  seatSelection?: boolean;
  /** added at short notice (临时加班) */
  temporary?: boolean;
  remark?: string | null;
}

/** POST /api/admin/trips/batch — a timetable over a date range: every listed time on every chosen weekday. */
export interface TripBatchRequest {
  routeId: number;
  dateFrom: string;
  dateTo: string;
  /** ISO weekdays 1 = Monday … 7 = Sunday; omitted = every day */
  weekdays?: number[];
  departTimes: string[];
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  capacity: number;
  seatSelection?: boolean;
}

export interface TripBatchResult {
  created: number;
  /** departures that already existed (same route, time and service level) and were left alone */
  skipped: number;
  tripIds: number[];
}

/** PUT /api/admin/trips/:id — capacity can grow, or shrink down to what is sold. */
export interface TripUpdateRequest {
  capacity?: number;
  vehicleType?: VehicleType;
  serviceLevel?: ServiceLevel;
  seatSelection?: boolean;
  remark?: string | null;
}

/** POST /api/admin/trips/:id/cancel */
export interface TripCancelRequest {
  /** shown to passengers and sent to them */
  reason: string;
}

export interface TripCancelResult {
  trip: TripView;
  /** orders cancelled (unpaid) or marked for refund (paid) */
  ordersAffected: number;
  /** passengers told by message */
  passengersNotified: number;
}

// ───────────────────────── passenger-facing queries ─────────────────────────

/** A city passengers can travel from or to: a 4-digit GB/T 2260 prefix and its name. */
export interface CityOption {
  code: string;
  name: string;
}

export interface TripSearchQuery {
  /** 4-digit city code (GB/T 2260 prefix) of the origin and destination */
  fromCity: string;
  toCity: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface TripSearchItem {
  tripId: number;
  orgName: string;
  lineName: string;
  routeName: string;
  departAt: string;
  departTime: string;
  /** the first boarding stop in the origin city and the last alighting stop in the destination city */
  fromSeq: number;
  fromStopName: LocalizedName;
  toSeq: number;
  toStopName: LocalizedName;
  /** planned times at those stops */
  boardAt: string;
  arriveAt: string;
  /** adult price for that pair after vehicle and service adjustments */
  priceFen: Fen;
  seatsLeft: number;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  saleState: TripSaleState;
  temporary: boolean;
  /** the route has pickup and drop-off zones: door-to-door is offered */
  doorToDoor: boolean;
}

/** GET /api/app/trips/:id — what the trip page shows. */
export interface TripDetail {
  trip: TripView;
  stops: TripStopView[];
  /** pickup and drop-off zones of the route (GCJ-02) */
  zones: ZoneView[];
  /** price of every sold pair and ticket type after vehicle and service adjustments */
  fares: Array<{ fromSeq: number; toSeq: number; prices: Record<TicketType, Fen> }>;
  /** the rules a passenger needs before paying, in words */
  rules: {
    holdMinutes: number;
    refundTiers: Array<{ minMinutesBefore: number; feePercent: number }>;
    rebookAllowed: boolean;
    freeChildMaxAge: number;
    childMaxAge: number;
  };
  /** notices that apply (special requirements, service commitments) */
  notices: NoticeView[];
  weather: { origin: WeatherNow | null; destination: WeatherNow | null };
}

/** GET /api/app/trips/:id/seats?fromSeq&toSeq — seat map for trips with seat selection. */
export interface SeatMap {
  capacity: number;
  /** seat numbers 1 … capacity that are free for the whole journey */
  free: number[];
}

/** GET /api/app/stops — stops by city, by line, or near a point. */
export interface StopSearchQuery {
  city?: string;
  lineId?: number;
  /** "lng,lat" */
  near?: string;
  coordSys?: 'wgs84' | 'gcj02';
}

export interface PublicStop {
  id: number;
  name: LocalizedName;
  address: string;
  regionCode: string;
  lng: number;
  lat: number;
  type: 'station' | 'fixed' | 'zone';
  /** metres from the `near` point, when one was given */
  distanceM?: number;
  /** lines serving the stop */
  lines: Array<{ id: number; name: string }>;
}
