import { describe, expect, it } from 'vitest';
import type { ZoneView } from '@dzky/contracts';
import {
  estimateSegments,
  move,
  normaliseEnds,
  PENDING_COLOR,
  stopProblems,
  stopsOnMap,
  toStopInputs,
  totals,
  ZONE_COLOR,
  zoneIdOf,
  zonesOnMap,
  type StopRow,
} from './route-model';

const t = (k: string, o?: Record<string, unknown>) => `${k}${o ? JSON.stringify(o) : ''}`;
const row = (over: Partial<StopRow>): StopRow => ({
  key: Math.random().toString(36),
  distanceKm: 0,
  minutes: 0,
  pickup: true,
  dropoff: true,
  ...over,
});

// 深圳北站 → 东莞 → 广州南站
const sz = row({
  stopId: 1,
  code: 'SZB',
  name: '深圳北站',
  lng: 114.029,
  lat: 22.609,
});
const dg = row({
  stopId: 2,
  code: 'DG',
  name: '东莞',
  lng: 113.752,
  lat: 23.02,
  distanceKm: 62,
  minutes: 55,
});
const gz = row({
  stopId: 3,
  code: 'GZN',
  name: '广州南站',
  lng: 113.269,
  lat: 22.988,
  distanceKm: 58,
  minutes: 50,
});

describe('R-6.1.1 route stops: order, ends and segments', () => {
  it('nobody alights at the first stop or boards at the last; the first has no segment', () => {
    const rows = normaliseEnds([{ ...sz, distanceKm: 5, minutes: 3 }, dg, gz]);
    expect(rows[0]).toMatchObject({
      dropoff: false,
      pickup: true,
      distanceKm: 0,
      minutes: 0,
    });
    expect(rows[1]).toMatchObject({ pickup: true, dropoff: true });
    expect(rows[2]).toMatchObject({ pickup: false, dropoff: true });
  });

  it('moving the last stop into the middle lets people board there again', () => {
    const rows = move(normaliseEnds([sz, dg, gz]), 2, 1);
    expect(rows.map((r) => r.code)).toEqual(['SZB', 'GZN', 'DG']);
    expect(rows[1]).toMatchObject({ pickup: true, dropoff: true });
    expect(rows[2]).toMatchObject({ pickup: false });
    // out of range is a no-op
    expect(move(rows, 0, -1)).toBe(rows);
  });

  it('sends seq 1..n with metres and whole minutes', () => {
    expect(toStopInputs(normaliseEnds([sz, { ...dg, distanceKm: 62.35 }, gz]))).toEqual([
      {
        seq: 1,
        stopId: 1,
        distanceFromPrevM: 0,
        minutesFromPrev: 0,
        pickup: true,
        dropoff: false,
      },
      {
        seq: 2,
        stopId: 2,
        distanceFromPrevM: 62350,
        minutesFromPrev: 55,
        pickup: true,
        dropoff: true,
      },
      {
        seq: 3,
        stopId: 3,
        distanceFromPrevM: 58000,
        minutesFromPrev: 50,
        pickup: false,
        dropoff: true,
      },
    ]);
    expect(totals([sz, dg, gz])).toEqual({ km: 120, minutes: 105 });
  });

  it('refuses fewer than two stops, empty rows, a stop repeated and segments without distance', () => {
    expect(stopProblems([sz], t)).toContain('basedata.routes.needTwoStops');
    const problems = stopProblems([sz, row({}), { ...dg, distanceKm: 0 }, { ...dg }], t);
    expect(problems).toEqual([
      'basedata.routes.rowNoStop{"seq":2}',
      'basedata.routes.rowNoSegment{"seq":2}',
      'basedata.routes.rowNoSegment{"seq":3}',
      'basedata.routes.rowRepeated{"seq":4}',
    ]);
    expect(stopProblems([sz, dg, gz], t)).toEqual([]);
  });

  it('estimates empty segments from the straight line and leaves entered ones alone', () => {
    const est = estimateSegments([sz, { ...dg, distanceKm: 0, minutes: 0 }, gz]);
    // straight line 深圳北→东莞 ≈ 54 km; ×1.25 ≈ 67 km; at 60 km/h ≈ 67 min
    expect(est[1].distanceKm).toBeGreaterThan(60);
    expect(est[1].distanceKm).toBeLessThan(75);
    expect(est[1].minutes).toBeGreaterThan(55);
    expect(est[2]).toBe(gz);
  });

  it('draws numbered markers from green start to red end, joined by a line', () => {
    const { markers, line } = stopsOnMap([sz, dg, gz]);
    expect(markers.map((m) => m.label)).toEqual(['1', '2', '3']);
    expect(markers[0].color).not.toBe(markers[2].color);
    expect(line[0].path).toEqual([
      [114.029, 22.609],
      [113.752, 23.02],
      [113.269, 22.988],
    ]);
    // a row without a stop yet is left off the map
    expect(stopsOnMap([sz, row({})]).line).toEqual([]);
  });

  it('zones: pickup green, drop-off blue, unsaved edits orange and drawn with the edited shape', () => {
    const geometry = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [114, 22.6],
          [114.1, 22.6],
          [114.1, 22.7],
          [114, 22.6],
        ],
      ],
    };
    const zones: ZoneView[] = [
      {
        id: 7,
        routeId: 1,
        name: '科技园',
        kind: 'pickup',
        stopSeq: 1,
        geometry,
      },
      {
        id: 8,
        routeId: 1,
        name: '天河',
        kind: 'dropoff',
        stopSeq: 3,
        geometry,
      },
    ];
    const edited = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [114, 22.6],
          [114.2, 22.6],
          [114.2, 22.7],
          [114, 22.6],
        ],
      ] as [number, number][][],
    };
    const drawn = zonesOnMap(zones, {
      pending: new Map([[8, edited]]),
      selectedId: 7,
      label: (z) => z.name,
    });
    expect(drawn[0]).toMatchObject({
      id: 'zone-7',
      color: ZONE_COLOR.pickup,
      selected: true,
    });
    expect(drawn[1]).toMatchObject({
      id: 'zone-8',
      color: PENDING_COLOR,
      geometry: edited,
      selected: false,
    });
    expect(zoneIdOf('zone-8')).toBe(8);
    expect(zoneIdOf('draft')).toBeNull();
  });
});
