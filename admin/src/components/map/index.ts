/**
 * The admin app's map: `<MapView>` plus the types and pure helpers pages need. The provider
 * (self-hosted Leaflet or AMap) is chosen by configuration and loaded on demand; nothing here
 * imports a map library.
 */
export { default as MapView, type MapHandle, type MapViewProps } from './MapView';
export {
  appMapConfig,
  resolveMapConfig,
  DEFAULT_CENTER,
  DEFAULT_ZOOM,
  type MapEnv,
  type ResolvedMapConfig,
} from './config';
export { DEMO_ATTRIBUTION } from '@dzky/contracts';
export * from './geojson';
export type * from './types';
