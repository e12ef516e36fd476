import { DEFAULT_TRADING_RULES } from '@dzky/contracts';
import {
  isShortNotice, journeyProblem, journeyTimes, presaleOpensAt, saleStateOf, shanghaiDay, shanghaiInstant, shanghaiTime,
} from '../../src/modules/trip/service/trip-rules';

/** Pure rules with an explicit `now`: no clock, no database. */
describe('trip rules (R-6.1.4 presale window, R-6.2.2 sale state)', () => {
  const rules = { presaleDays: 15, salesCloseMinutes: 10 };
  // 2026-12-20 09:00 in Shanghai = 01:00 UTC
  const departAt = shanghaiInstant('2026-12-20', '09:00');
  const trip = { status: 'on_sale' as const, departAt };
  const at = (day: string, time: string) => shanghaiInstant(day, time);

  it('converts Shanghai days and times (UTC+8, no daylight saving) both ways', () => {
    expect(departAt.toISOString()).toBe('2026-12-20T01:00:00.000Z');
    expect(shanghaiDay(new Date('2026-12-19T16:00:00Z'))).toBe('2026-12-20');
    expect(shanghaiDay(new Date('2026-12-19T15:59:59Z'))).toBe('2026-12-19');
    expect(shanghaiTime(new Date('2026-12-19T23:30:00Z'))).toBe('07:30');
  });

  it('R-6.1.4 presale opens at 00:00 Shanghai time, presaleDays before the departure day', () => {
    expect(presaleOpensAt('2026-12-20', 15).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(saleStateOf(trip, 19, rules, at('2026-12-04', '23:59'))).toBe('not_yet_open');
    expect(saleStateOf(trip, 19, rules, at('2026-12-05', '00:00'))).toBe('open');
  });

  it('R-6.1.4 sales close salesCloseMinutes before departure, and stay closed after it', () => {
    expect(saleStateOf(trip, 19, rules, at('2026-12-20', '08:49'))).toBe('open');
    expect(saleStateOf(trip, 19, rules, at('2026-12-20', '08:50'))).toBe('closed');
    expect(saleStateOf(trip, 19, rules, at('2026-12-20', '10:00'))).toBe('closed');
    expect(saleStateOf(trip, 19, { ...rules, salesCloseMinutes: 0 }, at('2026-12-20', '08:59'))).toBe('open');
  });

  it('R-6.2.2 answers in the agreed order: cancelled, suspended, closed, not yet open, sold out, open', () => {
    const early = at('2026-12-01', '12:00');
    const inside = at('2026-12-10', '12:00');
    const late = at('2026-12-20', '08:55');
    expect(saleStateOf({ ...trip, status: 'cancelled' }, 0, rules, late)).toBe('cancelled');
    expect(saleStateOf({ ...trip, status: 'suspended' }, 0, rules, late)).toBe('suspended');
    expect(saleStateOf({ ...trip, status: 'departed' }, 5, rules, inside)).toBe('closed');
    expect(saleStateOf({ ...trip, status: 'completed' }, 5, rules, inside)).toBe('closed');
    expect(saleStateOf(trip, 0, rules, late)).toBe('closed');
    expect(saleStateOf(trip, 0, rules, early)).toBe('not_yet_open');
    expect(saleStateOf(trip, 0, rules, inside)).toBe('sold_out');
    expect(saleStateOf(trip, 1, DEFAULT_TRADING_RULES, inside)).toBe('open');
  });

  it('R-6.2.2 planned times add the route\'s minutes stop by stop', () => {
    const stops = [
      { seq: 1, minutesFromPrev: 0, distanceFromPrevM: 0 },
      { seq: 2, minutesFromPrev: 25, distanceFromPrevM: 14800 },
      { seq: 3, minutesFromPrev: 95, distanceFromPrevM: 126500 },
    ];
    expect(journeyTimes({ departAt }, stops).map((s) => [s.seq, shanghaiTime(s.plannedAt), s.distanceFromStartM])).toEqual([[1, '09:00', 0], [2, '09:25', 14800], [3, '11:00', 141300]]);
  });

  it('R-6.2.3 a journey boards at a pickup stop and alights at a later drop-off stop', () => {
    const stops = [{ seq: 1, pickup: true, dropoff: false }, { seq: 2, pickup: true, dropoff: true }, { seq: 3, pickup: false, dropoff: true }];
    expect(journeyProblem(stops, 1, 3)).toBeNull();
    expect(journeyProblem(stops, 1, 2)).toBeNull();
    expect(journeyProblem(stops, 3, 3)).toEqual({ field: 'fromSeq', reason: '站序 3 不允许上客' });
    expect(journeyProblem(stops, 2, 1)).toEqual({ field: 'toSeq', reason: '站序 1 不允许下客' });
    expect(journeyProblem(stops, 2, 2)).toEqual({ field: 'toSeq', reason: '下车站须在上车站之后' });
    expect(journeyProblem(stops, 1, 7)).toEqual({ field: 'toSeq', reason: '线路中没有站序 7' });
  });

  it('R-6.2.2 a trip made less than 24 h before departure is 临时加班', () => {
    expect(isShortNotice(departAt, new Date(departAt.getTime() - 23 * 3600_000))).toBe(true);
    expect(isShortNotice(departAt, new Date(departAt.getTime() - 24 * 3600_000))).toBe(false);
  });
});
