/**
 * The trip map: `import { TripMap } from '../../components/map'`. Taro builds `map.h5.tsx` into
 * the H5 app (Leaflet — never Taro's <Map>, which loads Baidu's BD-09 map in H5) and
 * `map.weapp.tsx` into the mini-program (WeChat's native GCJ-02 <map>).
 */
export { TripMap } from './map';
export type { MapMarker, MapMarkerKind, MapPolygon, TripMapProps } from './types';
export { KIND_COLORS } from './types';
