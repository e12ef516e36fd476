/**
 * Plain geometry on zones, free of any map library: which zone a point falls in (holes excluded)
 * and the points a view should fit. The app uses it to show the price a door-to-door booking will
 * have; whether a point is served is the bff's decision (ORDER.OUTSIDE_ZONE), not this file's.
 */
import type { LngLat, ZoneGeometry, ZoneView } from '@dzky/contracts';

type Ring = number[][];

/** Each polygon of a geometry as its rings: outer ring first, then holes. */
export function polygonsOf(geometry: ZoneGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Ray casting; a point exactly on an edge may land on either side, which is fine for a hint. */
function inRing(p: LngLat, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInGeometry(p: LngLat, geometry: ZoneGeometry): boolean {
  return polygonsOf(geometry).some(([outer, ...holes]) => Boolean(outer) && inRing(p, outer) && !holes.some((h) => inRing(p, h)));
}

/** The first zone of `kind` that holds the point, or null. */
export function zoneAt(p: LngLat, zones: readonly ZoneView[], kind: ZoneView['kind']): ZoneView | null {
  return zones.find((z) => z.kind === kind && pointInGeometry(p, z.geometry)) ?? null;
}

/** The outer-ring corners of the zones: enough for a view to fit them. */
export function outlinePoints(zones: ReadonlyArray<{ geometry: ZoneGeometry }>): LngLat[] {
  return zones.flatMap((z) => polygonsOf(z.geometry).flatMap(([outer]) => (outer ?? []).map(([lng, lat]) => ({ lng, lat }))));
}
