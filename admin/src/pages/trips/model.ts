/**
 * Pure helpers of the trip pages: the default date window, the timetable preview and the stops a
 * trip calls at. Dates are calendar days in Beijing time (YYYY-MM-DD), as the bff keeps them.
 */
import dayjs from 'dayjs';
import type { LocalizedName, RouteView, TripStopView, TripView } from '@dzky/contracts';
import { DISPLAY_TZ } from '../../utils/time';

/** Today in Beijing, and the day `days` later. */
export function beijingDay(offsetDays = 0, now: Date = new Date()): string {
  return dayjs(now).tz(DISPLAY_TZ).add(offsetDays, 'day').format('YYYY-MM-DD');
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return dayjs(`${date}T12:00:00Z`).day() || 7;
}

/** Calendar days from `from` to `to` (inclusive) falling on one of `weekdays` (all days when empty). */
export function timetableDates(from: string, to: string, weekdays: readonly number[] = []): string[] {
  const out: string[] = [];
  const end = dayjs(`${to}T12:00:00Z`);
  for (let d = dayjs(`${from}T12:00:00Z`); !d.isAfter(end) && out.length <= 366; d = d.add(1, 'day')) {
    const date = d.format('YYYY-MM-DD');
    if (weekdays.length === 0 || weekdays.includes(isoWeekday(date))) out.push(date);
  }
  return out;
}

/** Days spanned by a range, both ends counted. */
export function daysInRange(from: string, to: string): number {
  return dayjs(`${to}T12:00:00Z`).diff(dayjs(`${from}T12:00:00Z`), 'day') + 1;
}

const TIME = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/** "7:30" / "07：30" → "07:30"; null when it is not a time of day. */
export function normalizeTime(text: string): string | null {
  const m = TIME.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : null;
}

/** A stop the trip calls at, as the detail shows it. */
export interface CallingStop {
  seq: number;
  name: LocalizedName;
  address: string;
  lng: number;
  lat: number;
  pickup: boolean;
  dropoff: boolean;
  /** ISO 8601 */
  plannedAt: string;
}

/**
 * The trip's stops: its own snapshot when the bff sends it, otherwise the route's stops timed from
 * the departure (the route's stops cannot change while it has future trips, so they agree).
 */
export function callingStops(trip: TripView & { stops?: TripStopView[] }, route: RouteView | null): CallingStop[] {
  if (trip.stops?.length) {
    return trip.stops.map((s) => ({ seq: s.seq, name: s.name, address: s.address, lng: s.lng, lat: s.lat, pickup: s.pickup, dropoff: s.dropoff, plannedAt: s.plannedAt }));
  }
  if (!route) return [];
  let minutes = 0;
  return [...route.stops]
    .sort((a, b) => a.seq - b.seq)
    .map((s) => {
      minutes += s.minutesFromPrev;
      return {
        seq: s.seq,
        name: s.stopName,
        address: '',
        lng: s.lng,
        lat: s.lat,
        pickup: s.pickup,
        dropoff: s.dropoff,
        plannedAt: dayjs(trip.departAt).add(minutes, 'minute').toISOString(),
      };
    });
}

/** How full a segment is, for its colour: green, then amber from 60 %, red from 90 % and when full. */
export function occupancyLevel(sold: number, capacity: number): 'low' | 'mid' | 'high' {
  if (capacity <= 0) return 'high';
  const r = sold / capacity;
  if (r >= 0.9) return 'high';
  if (r >= 0.6) return 'mid';
  return 'low';
}

export const OCCUPANCY_COLOR = { low: '#52c41a', mid: '#faad14', high: '#ff4d4f' } as const;

/** Segments 1 … n−1 with their sold counts, filling in segments the bff left out (nothing sold). */
export function segmentRows(trip: Pick<TripView, 'segments'>, stopCount?: number): Array<{ segNo: number; sold: number }> {
  const sold = new Map(trip.segments.map((s) => [s.segNo, s.sold]));
  const n = Math.max(stopCount ? stopCount - 1 : 0, ...trip.segments.map((s) => s.segNo), 0);
  return Array.from({ length: n }, (_, i) => ({ segNo: i + 1, sold: sold.get(i + 1) ?? 0 }));
}
