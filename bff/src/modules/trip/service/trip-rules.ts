import type { RouteStopInput, TradingRules, TripSaleState, TripStatus } from '@dzky/contracts';
import type { TripStopSnapshot } from '../entity';

/**
 * The trip rules as pure functions (no database, explicit `now`), so booking, the passenger pages,
 * the admin views and the tests all decide sale state and times the same way.
 *
 * China has had no daylight saving time since 1991: Asia/Shanghai is always UTC+8, so a fixed
 * offset is exact and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** Trips created less than this long before departure are 临时加班 (travel information for passengers). */
export const TEMPORARY_NOTICE_MS = DAY_MS;

/** A calendar day YYYY-MM-DD that exists (2026-02-30 does not). */
export function isCalendarDay(day: unknown): day is string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** HH:mm on a 24-hour clock. */
export function isClockTime(time: unknown): time is string {
  return typeof time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/** The instant of a Shanghai calendar day and clock time. */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(Date.parse(`${day}T${time}:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar day of an instant (YYYY-MM-DD). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai clock time of an instant (HH:mm). */
export function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Presale opens at 00:00 Asia/Shanghai of the departure day minus presaleDays. */
export function presaleOpensAt(departDate: string, presaleDays: number): Date {
  return shanghaiInstant(addDays(departDate, -presaleDays));
}

/** Sales close salesCloseMinutes before departure. */
export function salesCloseAt(departAt: Date, salesCloseMinutes: number): Date {
  return new Date(departAt.getTime() - salesCloseMinutes * 60_000);
}

/**
 * Why a trip can or cannot be booked now. The order of the answers matters and is agreed with
 * booking (api.md): cancelled, suspended (the status says it all), closed (departed or completed,
 * or past the close), not yet open, sold out, open.
 */
export function saleStateOf(
  trip: { status: TripStatus; departAt: Date },
  seatsLeft: number,
  rules: Pick<TradingRules, 'presaleDays' | 'salesCloseMinutes'>,
  now: Date,
): TripSaleState {
  if (trip.status === 'cancelled') return 'cancelled';
  if (trip.status === 'suspended') return 'suspended';
  if (trip.status === 'departed' || trip.status === 'completed') return 'closed';
  const departAt = new Date(trip.departAt);
  if (now.getTime() >= salesCloseAt(departAt, rules.salesCloseMinutes).getTime()) return 'closed';
  if (now.getTime() < presaleOpensAt(shanghaiDay(departAt), rules.presaleDays).getTime()) return 'not_yet_open';
  if (seatsLeft <= 0) return 'sold_out';
  return 'open';
}

export interface StopTime {
  seq: number;
  plannedAt: Date;
  distanceFromStartM: number;
}

/** Planned time and distance at every stop: departure plus the route's minutes and metres so far. */
export function journeyTimes(trip: { departAt: Date }, stops: ReadonlyArray<Pick<TripStopSnapshot, 'seq' | 'minutesFromPrev' | 'distanceFromPrevM'>>): StopTime[] {
  const start = new Date(trip.departAt).getTime();
  let minutes = 0;
  let metres = 0;
  return [...stops]
    .sort((a, b) => a.seq - b.seq)
    .map((s, i) => {
      if (i > 0) {
        minutes += s.minutesFromPrev;
        metres += s.distanceFromPrevM;
      }
      return { seq: s.seq, plannedAt: new Date(start + minutes * 60_000), distanceFromStartM: metres };
    });
}

/** When the trip reaches its last stop. */
export function arrivalOf(trip: { departAt: Date }, stops: ReadonlyArray<Pick<TripStopSnapshot, 'seq' | 'minutesFromPrev' | 'distanceFromPrevM'>>): Date {
  const times = journeyTimes(trip, stops);
  return times.length ? times[times.length - 1].plannedAt : new Date(trip.departAt);
}

/** The route's stops as the trip keeps them: seat segments must not move when the route changes later. */
export function stopSnapshotOf(stops: ReadonlyArray<RouteStopInput>): TripStopSnapshot[] {
  return [...stops]
    .sort((a, b) => a.seq - b.seq)
    .map((s) => ({
      seq: s.seq, stopId: s.stopId, distanceFromPrevM: s.distanceFromPrevM, minutesFromPrev: s.minutesFromPrev,
      pickup: Boolean(s.pickup), dropoff: Boolean(s.dropoff),
    }));
}

/** Segment numbers 1 … n−1 of a trip with n stops (segment k runs from stop k to stop k+1). */
export function segmentNumbers(stopCount: number): number[] {
  return Array.from({ length: Math.max(0, stopCount - 1) }, (_, i) => i + 1);
}

/** Added at short notice (临时加班): flagged so, or made less than a day before departure. */
export function isShortNotice(departAt: Date, createdAt: Date): boolean {
  return departAt.getTime() - createdAt.getTime() < TEMPORARY_NOTICE_MS;
}

/**
 * Whether fromSeq → toSeq is a journey passengers may book on these stops: boarding allowed at
 * the first, alighting at the second, in travel order. Returns the reason when not, else null.
 */
export function journeyProblem(stops: ReadonlyArray<Pick<TripStopSnapshot, 'seq' | 'pickup' | 'dropoff'>>, fromSeq: number, toSeq: number): { field: 'fromSeq' | 'toSeq'; reason: string } | null {
  const from = stops.find((s) => s.seq === fromSeq);
  const to = stops.find((s) => s.seq === toSeq);
  if (!from) return { field: 'fromSeq', reason: `线路中没有站序 ${fromSeq}` };
  if (!from.pickup) return { field: 'fromSeq', reason: `站序 ${fromSeq} 不允许上客` };
  if (!to) return { field: 'toSeq', reason: `线路中没有站序 ${toSeq}` };
  if (!to.dropoff) return { field: 'toSeq', reason: `站序 ${toSeq} 不允许下客` };
  if (toSeq <= fromSeq) return { field: 'toSeq', reason: '下车站须在上车站之后' };
  return null;
}
