import type { FormInstance } from 'antd';
import { localizedName, type LocalizedName } from '@dzky/contracts';
import { currentLang } from '../../locales/i18n';
import { isApiError } from '../../request';

/** A stop's (or anything's) name in the UI language, falling back to Chinese. */
export function nameOf(name: LocalizedName | null | undefined): string {
  return localizedName(name, currentLang() === 'en-US' ? 'en' : 'zh-CN');
}

/**
 * Puts the bff's field errors onto the form. `fieldOf` maps an API field ("name.zh-CN", "lat",
 * "stops.2.stopId") to the form field that shows it; unmapped fields go to themselves. Returns the
 * errors that found no form field, so the caller can show them elsewhere.
 */
export function applyErrors(
  form: FormInstance,
  err: unknown,
  fieldOf: (field: string) => (string | number)[] | null = (f) => f.split('.'),
): string[] {
  if (!isApiError(err)) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const { field, reason } of err.errors) {
    const name = fieldOf(field);
    if (!name) {
      rest.push(`${field}: ${reason}`);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(reason);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return rest;
}

/** `YYYY-MM-DD` (Beijing) of today, for licence validity. */
export function todayInBeijing(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** How a licence's end date reads today: expired (red), ending within 30 days (orange) or fine. */
export function validityState(
  validUntil: string,
  today: string = todayInBeijing(),
): 'expired' | 'expiring' | 'valid' {
  if (validUntil < today) return 'expired';
  const days = (Date.parse(`${validUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= 30 ? 'expiring' : 'valid';
}

/** Metres → "12.3 km". */
export function km(m: number): string {
  return `${(m / 1000).toFixed(m >= 100_000 ? 0 : 1)} km`;
}

/** Great-circle distance in metres, for suggesting a segment's length from its stops. */
export function haversineM(a: [number, number], b: [number, number]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
