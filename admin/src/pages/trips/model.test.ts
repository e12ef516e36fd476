import { describe, expect, it } from 'vitest';
import { callingStops, normalizeTime, occupancyLevel, segmentRows, timetableDates } from './model';
import { routeView, trip } from './test-fixtures';

describe('trip page helpers', () => {
  it('R-6.1.3 a timetable covers the chosen weekdays of the range, both ends included', () => {
    // 2030-03-04 is a Monday
    expect(timetableDates('2030-03-04', '2030-03-17', [1, 3])).toEqual(['2030-03-04', '2030-03-06', '2030-03-11', '2030-03-13']);
    expect(timetableDates('2030-03-04', '2030-03-10')).toHaveLength(7);
    expect(timetableDates('2030-03-10', '2030-03-04')).toEqual([]);
  });

  it('R-6.1.3 departure times are read leniently and written HH:mm', () => {
    expect(normalizeTime('7:30')).toBe('07:30');
    expect(normalizeTime('18：05')).toBe('18:05');
    expect(normalizeTime('24:00')).toBeNull();
    expect(normalizeTime('9.30')).toBeNull();
  });

  it('R-6.2.3 segments are coloured by how full they are and missing ones count as empty', () => {
    expect(occupancyLevel(9, 10)).toBe('high');
    expect(occupancyLevel(6, 10)).toBe('mid');
    expect(occupancyLevel(3, 10)).toBe('low');
    expect(segmentRows({ segments: [{ segNo: 2, sold: 4 }] }, 4)).toEqual([
      { segNo: 1, sold: 0 },
      { segNo: 2, sold: 4 },
      { segNo: 3, sold: 0 },
    ]);
  });

  it('R-6.2.2 stops are timed from the departure by the route’s minutes when the trip has no snapshot', () => {
    const stops = callingStops(trip(), routeView);
    expect(stops.map((s) => s.plannedAt)).toEqual(['2030-03-02T01:00:00.000Z', '2030-03-02T01:55:00.000Z', '2030-03-02T02:45:00.000Z']);
  });
});
