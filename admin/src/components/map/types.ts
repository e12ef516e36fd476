/**
 * The map abstraction of the admin app. Pages talk to `<MapView>` and these types only; whether a
 * self-hosted Leaflet map or AMap draws them is chosen by configuration (config.ts).
 *
 * Every coordinate here is GCJ-02 in GeoJSON order `[lng, lat]`, as stored by the bff. A provider
 * whose basemap uses another datum converts at its own edge, never the pages.
 */

/** `[lng, lat]`, GCJ-02. */
export type LngLat = [number, number];

/** A linear ring, closed (first point repeated last) as GeoJSON requires. */
export type Ring = LngLat[];

export interface PolygonGeometry {
  type: 'Polygon';
  /** outer ring first, then holes */
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

/** The shapes a zone may have: what the bff's zone API accepts. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export type ProviderKind = 'selfhosted' | 'amap';

/** Datum of a self-hosted tile server's tiles; most Chinese map data is published in GCJ-02. */
export type TileDatum = 'gcj02' | 'wgs84';

export interface MapConfig {
  provider: ProviderKind;
  /** self-hosted: XYZ tile URL template; absent means the offline demo basemap */
  tileUrl?: string;
  tileDatum: TileDatum;
  /** self-hosted: attribution of the tile data, which must carry its 审图号 in production */
  tileAttribution?: string;
  tileMaxZoom: number;
  amapKey?: string;
  amapSecurityCode?: string;
}

export interface MapMarker {
  id: string;
  position: LngLat;
  /** short text drawn in the marker (a stop's sequence number) */
  label?: string;
  /** tooltip text */
  title?: string;
  color?: string;
  draggable?: boolean;
  /** drawn larger and on top */
  highlighted?: boolean;
}

export interface MapPolyline {
  id: string;
  path: LngLat[];
  color?: string;
  dashed?: boolean;
  weight?: number;
}

export interface MapPolygon {
  id: string;
  geometry: AreaGeometry;
  color: string;
  /** tooltip text */
  label?: string;
  /** drawn with a thicker outline */
  selected?: boolean;
}

/** Callbacks a provider reports through; all coordinates GCJ-02. */
export interface MapEvents {
  onClick?(position: LngLat): void;
  onMarkerClick?(id: string): void;
  onMarkerDragEnd?(id: string, position: LngLat): void;
  onPolygonClick?(id: string): void;
  /** a polygon drawn with startDrawPolygon() was finished */
  onPolygonDrawn?(geometry: PolygonGeometry): void;
  /** the polygon being edited (editPolygon / cutHole) has a new shape */
  onPolygonEdited?(id: string, geometry: AreaGeometry): void;
  /** drawing or cutting ended without a shape (Esc, cancelDraw) */
  onDrawCancelled?(): void;
}

export interface MapInitOptions extends MapEvents {
  center: LngLat;
  zoom: number;
}

/**
 * What every map implementation offers. State setters replace the whole set each time (pages
 * hold the state; the provider only draws it).
 */
export interface MapProvider {
  readonly kind: ProviderKind;
  /** true while the offline demo basemap is shown instead of an approved map */
  readonly demo: boolean;
  setMarkers(markers: MapMarker[]): void;
  setPolylines(lines: MapPolyline[]): void;
  setPolygons(polygons: MapPolygon[]): void;
  /** the crosshair cursor for click-to-place and point picking */
  setPickMode(on: boolean): void;
  fitTo(points: LngLat[], maxZoom?: number): void;
  setView(center: LngLat, zoom?: number): void;
  /** starts drawing one polygon; ends in onPolygonDrawn or onDrawCancelled */
  startDrawPolygon(color?: string): void;
  /** starts cutting a hole into polygon `id`; ends in onPolygonEdited or onDrawCancelled */
  cutHole(id: string): void;
  cancelDraw(): void;
  /** vertex editing of polygon `id` (null: stop editing); changes come through onPolygonEdited */
  editPolygon(id: string | null): void;
  /** the container changed size */
  resize(): void;
  destroy(): void;
}

export type MapProviderFactory = (
  container: HTMLElement,
  config: MapConfig,
  options: MapInitOptions,
) => Promise<MapProvider>;
