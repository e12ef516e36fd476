/**
 * Which basemap the H5 map draws, from the build: Taro defines `process.env.TARO_APP_*` from the
 * project's `.env` files (`.env.production` …). Without TARO_APP_MAP_TILE_URL the offline demo
 * sketch is shown, labelled 演示. A production tile server must serve approved map data (审图号),
 * named in TARO_APP_MAP_TILE_ATTRIBUTION.
 */
export interface H5MapConfig {
  /** XYZ tile URL template; absent: the offline demo basemap */
  tileUrl?: string;
  /** datum of the tiles; most Chinese map data is GCJ-02, OpenStreetMap-style tiles are WGS-84 */
  tileDatum: 'gcj02' | 'wgs84';
  tileAttribution?: string;
  tileMaxZoom: number;
}

// A name Taro did not define stays a `process.env.X` expression, and a browser has no `process`.
function read(get: () => string | undefined): string | undefined {
  try {
    const value = get();
    return value && value.trim() ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function h5MapConfig(): H5MapConfig {
  const maxZoom = Number(read(() => process.env.TARO_APP_MAP_TILE_MAX_ZOOM));
  return {
    tileUrl: read(() => process.env.TARO_APP_MAP_TILE_URL),
    tileDatum: read(() => process.env.TARO_APP_MAP_TILE_DATUM)?.toLowerCase() === 'wgs84' ? 'wgs84' : 'gcj02',
    tileAttribution: read(() => process.env.TARO_APP_MAP_TILE_ATTRIBUTION),
    tileMaxZoom: Number.isInteger(maxZoom) && maxZoom > 0 && maxZoom <= 22 ? maxZoom : 18,
  };
}

/** Where a map opens before it has anything to fit: the Pearl River Delta, the demo data's home. */
export const DEFAULT_CENTER = { lng: 113.75, lat: 22.85 };
export const DEFAULT_ZOOM = 9;
