/**
 * Pure conversions between the zones' GeoJSON (GCJ-02, `[lng, lat]`, closed rings) and what the
 * map libraries draw: Leaflet takes `[lat, lng]` without the closing point, AMap `[lng, lat]`
 * without it. Kept free of any map library so they are unit-tested and shared by both providers.
 */
import type { AreaGeometry, LngLat, MultiPolygonGeometry, PolygonGeometry, Ring } from './types';

/** 6 decimals ≈ 0.1 m: more would only be noise from the mouse. */
export function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

const same = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1];

/** Closes a ring (first point repeated last) and drops repeated consecutive points. */
export function closeRing(points: LngLat[]): Ring {
  const out: LngLat[] = [];
  for (const p of points) {
    const q: LngLat = [round6(p[0]), round6(p[1])];
    if (out.length === 0 || !same(out[out.length - 1], q)) out.push(q);
  }
  if (out.length > 1 && same(out[0], out[out.length - 1])) out.pop();
  return out.length ? [...out, out[0]] : out;
}

/** A ring without its closing point, as map libraries draw it. */
export function openRing(ring: Ring): LngLat[] {
  return ring.length > 1 && same(ring[0], ring[ring.length - 1]) ? ring.slice(0, -1) : ring.slice();
}

/** Twice the signed area (shoelace); positive when counter-clockwise in lng/lat axes. */
export function signedArea2(ring: LngLat[]): number {
  let s = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % n];
    s += x1 * y2 - x2 * y1;
  }
  return s;
}

/** RFC 7946 winding: outer rings counter-clockwise, holes clockwise. */
function wind(ring: Ring, outer: boolean): Ring {
  const ccw = signedArea2(openRing(ring)) > 0;
  return ccw === outer ? ring : ring.slice().reverse();
}

/** A polygon without a usable outer ring is dropped whole; degenerate holes alone are dropped. */
function polygonOf(rings: LngLat[][]): Ring[] {
  const closed = rings.map((r) => closeRing(r));
  if (closed.length === 0 || closed[0].length < 4) return [];
  return closed.filter((r) => r.length >= 4).map((r, i) => wind(r, i === 0));
}

/** The polygons of a geometry as lists of rings (one for a Polygon). */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** One polygon stays a Polygon; several make a MultiPolygon. Rings are closed and wound per RFC 7946. */
export function geometryFromPolygons(polygons: LngLat[][][]): AreaGeometry | null {
  const cleaned = polygons.map(polygonOf).filter((p) => p.length > 0);
  if (cleaned.length === 0) return null;
  if (cleaned.length === 1) return { type: 'Polygon', coordinates: cleaned[0] };
  return { type: 'MultiPolygon', coordinates: cleaned };
}

/** Every vertex of the geometry, for fitting the view. */
export function geometryPoints(geometry: AreaGeometry): LngLat[] {
  return polygonsOf(geometry).flatMap((rings) => rings.flatMap((r) => openRing(r)));
}

// ---- Leaflet: [lat, lng], open rings; a polygon is LatLng[][], a multipolygon LatLng[][][] ----

export type LatLngPair = [number, number];

export function toLeafletLatLngs(geometry: AreaGeometry): LatLngPair[][] | LatLngPair[][][] {
  const flip = (rings: Ring[]) => rings.map((r) => openRing(r).map(([lng, lat]) => [lat, lng] as LatLngPair));
  return geometry.type === 'Polygon' ? flip(geometry.coordinates) : geometry.coordinates.map(flip);
}

interface LatLngLike {
  lat: number;
  lng: number;
}
type Nested<T> = T | Nested<T>[];

function isPoint(v: unknown): v is LatLngLike {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as LatLngLike).lat === 'number'
  );
}

/** Nesting depth down to the points: 1 for a ring, 2 for a polygon, 3 for a multipolygon. */
function depthOf(v: Nested<unknown>): number {
  let d = 0;
  let cur: unknown = v;
  while (Array.isArray(cur) && cur.length > 0) {
    d++;
    cur = cur[0];
  }
  return d;
}

/** What Leaflet's Polygon#getLatLngs() returns (a ring, a polygon or a multipolygon) back to GeoJSON. */
export function fromLeafletLatLngs(latlngs: Nested<LatLngLike>): AreaGeometry | null {
  const toPair = (p: LatLngLike): LngLat => [p.lng, p.lat];
  if (!Array.isArray(latlngs) || latlngs.length === 0) return null;
  const depth = depthOf(latlngs);
  const ring = (r: Nested<LatLngLike>) => (r as LatLngLike[]).filter(isPoint).map(toPair);
  if (depth === 1) return geometryFromPolygons([[ring(latlngs)]]);
  if (depth === 2) return geometryFromPolygons([(latlngs as Nested<LatLngLike>[]).map(ring)]);
  return geometryFromPolygons((latlngs as Nested<LatLngLike>[][]).map((poly) => poly.map(ring)));
}

// ---- AMap: [lng, lat] or AMap.LngLat objects, open rings; [outer, ...holes] per polygon ----

export function toAmapPath(geometry: AreaGeometry): LngLat[][] | LngLat[][][] {
  const open = (rings: Ring[]) => rings.map((r) => openRing(r));
  return geometry.type === 'Polygon' ? open(geometry.coordinates) : geometry.coordinates.map(open);
}

type AmapPoint = LngLat | LatLngLike;

function amapPair(p: AmapPoint): LngLat {
  return Array.isArray(p) ? [p[0], p[1]] : [p.lng, p.lat];
}

function amapDepth(v: unknown): number {
  let d = 0;
  let cur: unknown = v;
  // a [lng, lat] pair is an array of numbers: stop there
  while (Array.isArray(cur) && cur.length > 0 && typeof cur[0] !== 'number') {
    d++;
    cur = cur[0];
  }
  return d;
}

/** AMap.Polygon#getPath() (a ring, rings, or polygons of rings) back to GeoJSON. */
export function fromAmapPath(path: unknown): AreaGeometry | null {
  if (!Array.isArray(path) || path.length === 0) return null;
  const depth = amapDepth(path);
  const ring = (r: unknown) => (r as AmapPoint[]).map(amapPair);
  if (depth === 1) return geometryFromPolygons([[ring(path)]]);
  if (depth === 2) return geometryFromPolygons([(path as unknown[]).map(ring)]);
  return geometryFromPolygons((path as unknown[][]).map((poly) => poly.map(ring)));
}

// ---- holes, containment, bounds ----

/** Ray casting; points on the edge may fall either way, which is fine for drawing checks. */
export function pointInRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  const pts = openRing(ring);
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i];
    const [xj, yj] = pts[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole of one of the polygons. */
export function pointInGeometry(p: LngLat, geometry: AreaGeometry): boolean {
  return polygonsOf(geometry).some(
    ([outer, ...holes]) => pointInRing(p, outer) && !holes.some((h) => pointInRing(p, h)),
  );
}

/**
 * Adds a hole to the polygon that contains all of its points. Returns null when no polygon
 * contains it (a hole must lie inside; cutting across an edge is the self-hosted editor's job).
 */
export function addHole(geometry: AreaGeometry, hole: LngLat[]): AreaGeometry | null {
  const ring = closeRing(hole);
  if (ring.length < 4) return null;
  const polygons = polygonsOf(geometry);
  const at = polygons.findIndex(([outer]) => openRing(ring).every((p) => pointInRing(p, outer)));
  if (at < 0) return null;
  const next = polygons.map((rings, i) => (i === at ? [...rings, ring] : rings));
  return geometryFromPolygons(next);
}

export type Bounds = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export function boundsOf(points: LngLat[]): Bounds | null {
  if (points.length === 0) return null;
  let [minLng, minLat, maxLng, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lng, lat] of points) {
    minLng = Math.min(minLng, lng);
    minLat = Math.min(minLat, lat);
    maxLng = Math.max(maxLng, lng);
    maxLat = Math.max(maxLat, lat);
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** The count of vertices and holes, for a short description of a zone. */
export function describeGeometry(geometry: AreaGeometry): {
  polygons: number;
  holes: number;
  vertices: number;
} {
  const polys = polygonsOf(geometry);
  return {
    polygons: polys.length,
    holes: polys.reduce((n, rings) => n + rings.length - 1, 0),
    vertices: polys.reduce((n, rings) => n + rings.reduce((m, r) => m + openRing(r).length, 0), 0),
  };
}

/** Whether something from the API is a geometry the map can draw. */
export function isAreaGeometry(v: unknown): v is AreaGeometry {
  if (!v || typeof v !== 'object') return false;
  const g = v as Partial<PolygonGeometry | MultiPolygonGeometry>;
  return (
    (g.type === 'Polygon' || g.type === 'MultiPolygon') &&
    Array.isArray(g.coordinates) &&
    g.coordinates.length > 0
  );
}

/**
 * "113.93,22.53" (or with a space, a Chinese comma, or swapped as "22.53,113.93" when the first
 * number cannot be a longitude) to `[lng, lat]`; null when it is not a point in or near China.
 */
export function parseLngLat(text: string): LngLat | null {
  const parts = text
    .trim()
    .split(/[\s,，;；]+/)
    .filter(Boolean)
    .map(Number);
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n))) return null;
  let [a, b] = parts;
  if (Math.abs(a) <= 90 && Math.abs(b) > 90) [a, b] = [b, a];
  if (a < 73 || a > 136 || b < 3 || b > 54) return null;
  return [round6(a), round6(b)];
}
