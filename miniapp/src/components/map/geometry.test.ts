import type { ZoneView } from '@dzky/contracts';
import { outlinePoints, pointInGeometry, zoneAt } from './geometry';

// the demo route's Futian pickup zone: a box with the Huanggang port control area cut out
const futian: ZoneView = {
  id: 1,
  routeId: 1,
  name: '福田中心区上客区（不含皇岗口岸管制区）',
  kind: 'pickup',
  stopSeq: 2,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [[114.0, 22.515], [114.09, 22.515], [114.09, 22.57], [114.0, 22.57], [114.0, 22.515]],
      [[114.06, 22.518], [114.08, 22.518], [114.08, 22.532], [114.06, 22.532], [114.06, 22.518]],
    ],
  },
};
const haizhu: ZoneView = {
  id: 2,
  routeId: 1,
  name: '海珠下客区',
  kind: 'dropoff',
  stopSeq: 3,
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [[[113.26, 23.075], [113.33, 23.075], [113.33, 23.105], [113.26, 23.105], [113.26, 23.075]]],
      [[[113.33, 23.08], [113.38, 23.08], [113.38, 23.1], [113.33, 23.1], [113.33, 23.08]]],
    ],
  },
};

describe('zone geometry (door to door)', () => {
  it('R-6.2.3 a point in a zone is inside, a point in its hole is not', () => {
    expect(pointInGeometry({ lng: 114.03, lat: 22.54 }, futian.geometry)).toBe(true);
    expect(pointInGeometry({ lng: 114.07, lat: 22.525 }, futian.geometry)).toBe(false);
    expect(pointInGeometry({ lng: 113.98, lat: 22.54 }, futian.geometry)).toBe(false);
  });

  it('R-6.2.3 every part of a multipolygon counts, and the zone kind must match', () => {
    expect(zoneAt({ lng: 113.35, lat: 23.09 }, [futian, haizhu], 'dropoff')?.name).toBe('海珠下客区');
    expect(zoneAt({ lng: 113.35, lat: 23.09 }, [futian, haizhu], 'pickup')).toBeNull();
    expect(zoneAt({ lng: 114.03, lat: 22.54 }, [futian, haizhu], 'pickup')?.stopSeq).toBe(2);
  });

  it('fits views to the outer corners only', () => {
    expect(outlinePoints([futian])).toHaveLength(5);
    expect(outlinePoints([haizhu])).toHaveLength(10);
  });
});
