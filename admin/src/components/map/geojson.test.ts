import { describe, expect, it } from 'vitest';
import {
  addHole,
  boundsOf,
  closeRing,
  describeGeometry,
  fromAmapPath,
  fromLeafletLatLngs,
  geometryPoints,
  isAreaGeometry,
  parseLngLat,
  pointInGeometry,
  signedArea2,
  toAmapPath,
  toLeafletLatLngs,
} from './geojson';
import type { LngLat, MultiPolygonGeometry, PolygonGeometry } from './types';

// a square around 科技园 (Shenzhen) with a square hole, in GCJ-02
const OUTER: LngLat[] = [
  [113.94, 22.53],
  [113.96, 22.53],
  [113.96, 22.55],
  [113.94, 22.55],
];
const HOLE: LngLat[] = [
  [113.945, 22.535],
  [113.945, 22.545],
  [113.955, 22.545],
  [113.955, 22.535],
];
const withHole: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [closeRing(OUTER), closeRing(HOLE)],
};

describe('R-6.1.1 zone geometry conversions (GeoJSON ↔ map layers)', () => {
  it('closes rings, drops repeated points and rounds to 6 decimals', () => {
    const ring = closeRing([
      [113.1234567, 22.1],
      [113.1234567, 22.1],
      [113.2, 22.1],
      [113.2, 22.2],
    ]);
    expect(ring).toEqual([
      [113.123457, 22.1],
      [113.2, 22.1],
      [113.2, 22.2],
      [113.123457, 22.1],
    ]);
    // an already closed ring is not closed twice
    expect(closeRing(ring)).toEqual(ring);
  });

  it('Leaflet gets [lat, lng] without the closing point, holes kept as further rings', () => {
    const latlngs = toLeafletLatLngs(withHole) as [number, number][][];
    expect(latlngs).toHaveLength(2);
    expect(latlngs[0]).toHaveLength(4);
    expect(latlngs[0][0]).toEqual([22.53, 113.94]);
    expect(latlngs[1]).toHaveLength(4);
  });

  it('a Leaflet polygon with a hole comes back as the same GeoJSON, wound per RFC 7946', () => {
    const asLeaflet = (toLeafletLatLngs(withHole) as [number, number][][]).map((r) =>
      r.map(([lat, lng]) => ({ lat, lng })),
    );
    const back = fromLeafletLatLngs(asLeaflet) as PolygonGeometry;
    expect(back.type).toBe('Polygon');
    expect(back.coordinates).toHaveLength(2);
    // closed rings; outer counter-clockwise, hole clockwise
    for (const r of back.coordinates) expect(r[0]).toEqual(r[r.length - 1]);
    expect(signedArea2(back.coordinates[0].slice(0, -1))).toBeGreaterThan(0);
    expect(signedArea2(back.coordinates[1].slice(0, -1))).toBeLessThan(0);
    expect(new Set(back.coordinates[0].map((p) => p.join()))).toEqual(
      new Set(closeRing(OUTER).map((p) => p.join())),
    );
  });

  it('a single drawn ring (depth 1) and a multipolygon (depth 3) are both understood', () => {
    const ring = OUTER.map(([lng, lat]) => ({ lng, lat }));
    expect(fromLeafletLatLngs(ring)?.type).toBe('Polygon');
    const east = OUTER.map(([lng, lat]) => ({ lng: lng + 0.1, lat }));
    const multi = fromLeafletLatLngs([[ring], [east]]) as MultiPolygonGeometry;
    expect(multi.type).toBe('MultiPolygon');
    expect(multi.coordinates).toHaveLength(2);
  });

  it('rings with fewer than three distinct points are not a polygon', () => {
    expect(
      fromLeafletLatLngs([
        { lat: 22.5, lng: 113.9 },
        { lat: 22.6, lng: 113.9 },
      ]),
    ).toBeNull();
    expect(fromLeafletLatLngs([])).toBeNull();
  });

  it('AMap paths are [lng, lat] open rings, and AMap LngLat objects convert back', () => {
    const path = toAmapPath(withHole) as LngLat[][];
    expect(path[0][0]).toEqual([113.94, 22.53]);
    expect(path[0]).toHaveLength(4);
    const objects = path.map((r) => r.map(([lng, lat]) => ({ lng, lat })));
    const back = fromAmapPath(objects) as PolygonGeometry;
    expect(back.coordinates).toHaveLength(2);
    expect(describeGeometry(back)).toEqual({
      polygons: 1,
      holes: 1,
      vertices: 8,
    });
    expect(fromAmapPath(OUTER)?.type).toBe('Polygon');
  });

  it('a hole is added only to the polygon that contains it', () => {
    const plain: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [closeRing(OUTER)],
    };
    const holed = addHole(plain, HOLE) as PolygonGeometry;
    expect(holed.coordinates).toHaveLength(2);
    expect(pointInGeometry([113.95, 22.54], holed)).toBe(false);
    expect(pointInGeometry([113.941, 22.531], holed)).toBe(true);
    // a "hole" partly outside the zone is refused
    expect(
      addHole(plain, [
        [113.95, 22.54],
        [113.99, 22.54],
        [113.99, 22.56],
      ]),
    ).toBeNull();
  });

  it('fits the view to every vertex', () => {
    expect(geometryPoints(withHole)).toHaveLength(8);
    expect(boundsOf(geometryPoints(withHole))).toEqual([113.94, 22.53, 113.96, 22.55]);
    expect(boundsOf([])).toBeNull();
  });

  it('recognises zone geometries from the API', () => {
    expect(isAreaGeometry(withHole)).toBe(true);
    expect(isAreaGeometry({ type: 'Point', coordinates: [1, 2] })).toBe(false);
    expect(isAreaGeometry(null)).toBe(false);
  });
});

describe('R-6.1.1 typed coordinates for the location check', () => {
  it('reads "lng,lat" with the separators people type', () => {
    expect(parseLngLat('113.9436, 22.5405')).toEqual([113.9436, 22.5405]);
    expect(parseLngLat('113.9436，22.5405')).toEqual([113.9436, 22.5405]);
    expect(parseLngLat(' 113.9436 22.5405 ')).toEqual([113.9436, 22.5405]);
  });

  it('swaps a "lat,lng" pair and refuses points outside China or garbage', () => {
    expect(parseLngLat('22.5405,113.9436')).toEqual([113.9436, 22.5405]);
    expect(parseLngLat('0,0')).toBeNull();
    expect(parseLngLat('-73.98,40.75')).toBeNull();
    expect(parseLngLat('abc')).toBeNull();
    expect(parseLngLat('113.9')).toBeNull();
  });
});
