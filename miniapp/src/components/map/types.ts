/**
 * The trip map of the passenger app. Pages pass what to draw and get taps back; `map.h5.tsx`
 * (Leaflet, self-hosted tiles or the offline demo basemap) and `map.weapp.tsx` (WeChat's native
 * <map>) draw it. Every coordinate is GCJ-02, as the bff stores and expects it.
 */
import type { LngLat, ZoneGeometry } from '@dzky/contracts';

/** stop: a stop of the route; pickup / dropoff: a point the passenger chose */
export type MapMarkerKind = 'stop' | 'pickup' | 'dropoff';

export interface MapMarker {
  id: string;
  kind: MapMarkerKind;
  position: LngLat;
  /** one or two characters drawn in the marker (a stop's position, 上 / 下) */
  label?: string;
  /** the name shown beside or on tap */
  title?: string;
}

export interface MapPolygon {
  id: string;
  kind: 'pickup' | 'dropoff';
  /** GeoJSON Polygon or MultiPolygon, [lng, lat] positions; holes are drawn as holes */
  geometry: ZoneGeometry;
  label?: string;
  /** drawn stronger: the zones the passenger is choosing in now */
  active?: boolean;
}

export interface TripMapProps {
  /** element id of the map's outer box (browser tests look for data-map-ready on it) */
  id?: string;
  className?: string;
  markers: MapMarker[];
  polygons: MapPolygon[];
  /** the view fits these points whenever they change (e.g. the zones being chosen in) */
  fitTo?: LngLat[];
  /** a tap on the map, in GCJ-02 */
  onTap?: (point: LngLat) => void;
}

export const KIND_COLORS: Record<MapMarkerKind, string> = {
  stop: '#1677ff',
  pickup: '#00a870',
  dropoff: '#ff8800',
};
