import { createHash, randomInt } from 'crypto';
import { UniqueConstraintError } from 'sequelize';
import type { ComplaintCreateRequest, RatingCreateRequest, RatingSummary } from '@dzky/contracts';
import { shanghaiDay, shanghaiTime } from '../../trip/service/trip-rules';

/**
 * The customer service hotline the app shows (客服热线). SERVICE_HOTLINE sets the real number; the
 * default is a demo number that reaches nobody.
 */
export function serviceHotline(): string {
  return process.env.SERVICE_HOTLINE?.trim() || '400-000-0000';
}

/** YYYY-MM of an instant in Asia/Shanghai: the month a rating counts towards. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The first instant of a Shanghai calendar day (YYYY-MM-DD), `plusDays` later. */
export function shanghaiDayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000);
}

/** 'TS' + yyMMddHHmm (Shanghai) + 6 random digits: short enough to read out on the hotline. */
export function newComplaintNo(now: Date = new Date()): string {
  const stamp = `${shanghaiDay(now).slice(2)}${shanghaiTime(now)}`.replace(/[-:]/g, '');
  return `TS${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** What a retry must repeat to be answered with the record the first attempt made (the key left out). */
export function ratingHash(r: RatingCreateRequest): string {
  return sha256({
    orderId: r.orderId,
    score: r.score,
    subScores: Object.fromEntries(Object.entries(r.subScores ?? {}).filter(([, v]) => v != null).sort(([a], [b]) => a.localeCompare(b))),
    tags: [...(r.tags ?? [])].sort(),
    comment: r.comment?.trim() || null,
  });
}

export function complaintHash(r: Pick<ComplaintCreateRequest, 'kind' | 'category' | 'content' | 'orderId' | 'contactPhone'> & { orderNo?: string | null }): string {
  // a hotline call names its order by number; an app submission by ID (its hash stays as it was)
  const order = r.orderNo !== undefined ? { orderNo: r.orderNo } : { orderId: r.orderId ?? null };
  return sha256({ kind: r.kind, category: r.category, content: r.content.trim(), ...order, contactPhone: r.contactPhone || null });
}

export function isUniqueOn(e: unknown, index: string): boolean {
  if (!(e instanceof UniqueConstraintError)) return false;
  const text = [e.message, (e as any).parent?.message, (e as any).original?.message, JSON.stringify((e as any).fields ?? {})].join(' ');
  return text.includes(index);
}

/** Count, average (two decimals) and 1–5 star distribution from per-score counts. */
export function summarise(countsByScore: Map<number, number>): RatingSummary {
  const distribution = [1, 2, 3, 4, 5].map((s) => countsByScore.get(s) ?? 0) as RatingSummary['distribution'];
  const count = distribution.reduce((a, b) => a + b, 0);
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0);
  return { count, average: count ? Math.round((sum / count) * 100) / 100 : null, distribution };
}
