import { describe, expect, it } from 'vitest';
import { haversineM, km, todayInBeijing, validityState } from './utils';

describe('R-6.1.1 line licence validity as shown in the list', () => {
  it('expired before today, expiring within 30 days, else valid', () => {
    expect(validityState('2026-03-31', '2026-04-01')).toBe('expired');
    expect(validityState('2026-04-01', '2026-04-01')).toBe('expiring');
    expect(validityState('2026-05-01', '2026-04-01')).toBe('expiring');
    expect(validityState('2026-05-02', '2026-04-01')).toBe('valid');
  });

  it('today is the Beijing date, not the browser zone’s', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Beijing
    expect(todayInBeijing(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
  });

  it('formats distances and measures straight lines', () => {
    expect(km(62350)).toBe('62.4 km');
    const d = haversineM([114.029, 22.609], [113.269, 22.988]);
    expect(d).toBeGreaterThan(85_000);
    expect(d).toBeLessThan(92_000);
  });
});
