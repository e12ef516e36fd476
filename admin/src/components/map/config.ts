import type { LngLat, MapConfig, TileDatum } from './types';

/** Vite env as far as the map reads it (import.meta.env in the app, a plain object in tests). */
export interface MapEnv {
  VITE_MAP_PROVIDER?: string;
  VITE_MAP_TILE_URL?: string;
  VITE_MAP_TILE_DATUM?: string;
  VITE_MAP_TILE_ATTRIBUTION?: string;
  VITE_MAP_TILE_MAX_ZOOM?: string;
  VITE_AMAP_KEY?: string;
  VITE_AMAP_SECURITY_CODE?: string;
}

export interface ResolvedMapConfig extends MapConfig {
  /** why the configured provider was not used (AMap without a key falls back to the self-hosted map) */
  fallback?: 'amap-key-missing';
}

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/**
 * The map provider and its settings from the build's environment. Self-hosted is the default so a
 * fresh checkout works offline; AMap needs its key, and without one the self-hosted map is used
 * (with the reason kept, so the page can say so) rather than a blank map.
 */
export function resolveMapConfig(env: MapEnv): ResolvedMapConfig {
  const wanted = (trimmed(env.VITE_MAP_PROVIDER) ?? 'selfhosted').toLowerCase();
  const datum: TileDatum = trimmed(env.VITE_MAP_TILE_DATUM)?.toLowerCase() === 'wgs84' ? 'wgs84' : 'gcj02';
  const maxZoom = Number(trimmed(env.VITE_MAP_TILE_MAX_ZOOM));
  const base: MapConfig = {
    provider: 'selfhosted',
    tileUrl: trimmed(env.VITE_MAP_TILE_URL),
    tileDatum: datum,
    tileAttribution: trimmed(env.VITE_MAP_TILE_ATTRIBUTION),
    tileMaxZoom: Number.isInteger(maxZoom) && maxZoom > 0 && maxZoom <= 22 ? maxZoom : 18,
    amapKey: trimmed(env.VITE_AMAP_KEY),
    amapSecurityCode: trimmed(env.VITE_AMAP_SECURITY_CODE),
  };
  if (wanted === 'amap') {
    if (base.amapKey) return { ...base, provider: 'amap' };
    return { ...base, fallback: 'amap-key-missing' };
  }
  if (wanted !== 'selfhosted')
    console.warn(`VITE_MAP_PROVIDER=${wanted} is unknown; using the self-hosted map`);
  return base;
}

/** The app's map configuration, read once from the build environment. */
export function appMapConfig(): ResolvedMapConfig {
  return resolveMapConfig((import.meta.env ?? {}) as MapEnv);
}

/** Where a map opens before it has anything to show: the Pearl River Delta, the demo data's home. */
export const DEFAULT_CENTER: LngLat = [113.75, 22.85];
export const DEFAULT_ZOOM = 9;
