import dayjs from 'dayjs';
import { DISPLAY_TZ } from '../../../utils/time';

/** Certificates due within this many days are flagged (orange); past due ones red. */
export const WARN_DAYS = 30;

export type ExpiryLevel = 'expired' | 'soon' | 'ok' | 'none';

/** Whole days from today (Beijing) to a YYYY-MM-DD date; negative once past. */
export function daysUntil(date: string | null | undefined, now: dayjs.Dayjs = dayjs()): number | null {
  if (!date) return null;
  const d = dayjs.tz(date.slice(0, 10), DISPLAY_TZ);
  if (!d.isValid()) return null;
  const today = dayjs.tz(now.tz(DISPLAY_TZ).format('YYYY-MM-DD'), DISPLAY_TZ);
  return Math.round(d.diff(today, 'day', true));
}

export function expiryLevel(days: number | null): ExpiryLevel {
  if (days === null) return 'none';
  if (days < 0) return 'expired';
  if (days <= WARN_DAYS) return 'soon';
  return 'ok';
}

export const LEVEL_COLOR: Record<ExpiryLevel, string | undefined> = {
  expired: '#cf1322',
  soon: '#d46b08',
  ok: undefined,
  none: undefined,
};

export const LEVEL_TAG: Record<ExpiryLevel, string> = { expired: 'red', soon: 'orange', ok: 'green', none: 'default' };

/** Date-only values from pickers and to the API: YYYY-MM-DD, no time zone involved. */
export const toDay = (d: dayjs.Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): dayjs.Dayjs | null => (s ? dayjs(s.slice(0, 10)) : null);
