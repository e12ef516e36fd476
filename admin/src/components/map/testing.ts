/**
 * A map provider for component tests (jsdom has no canvas or layout for Leaflet or AMap). It keeps
 * what the page asked it to draw and lets a test play the user's part on the map: click, drag,
 * finish a polygon, edit one. Tests install it with
 *   vi.mock('<path>/components/map/loader', () => import('<path>/components/map/testing').then((m) => m.fakeLoaderModule()));
 * Production code never imports this file.
 */
import type {
  AreaGeometry,
  LngLat,
  MapEvents,
  MapInitOptions,
  MapMarker,
  MapPolygon,
  MapPolyline,
  MapProvider,
  MapProviderFactory,
  PolygonGeometry,
  ProviderKind,
} from './types';

export class FakeMap implements MapProvider {
  readonly kind: ProviderKind;
  readonly demo: boolean;
  events: MapEvents;
  markers: MapMarker[] = [];
  polylines: MapPolyline[] = [];
  polygons: MapPolygon[] = [];
  pickMode = false;
  editing: string | null = null;
  drawing: 'polygon' | { cut: string } | null = null;
  drawColor: string | undefined;
  fits: LngLat[][] = [];
  destroyed = false;

  constructor(kind: ProviderKind, demo: boolean, options: MapInitOptions) {
    this.kind = kind;
    this.demo = demo;
    this.events = options;
  }

  setMarkers(m: MapMarker[]) {
    this.markers = m;
  }
  setPolylines(l: MapPolyline[]) {
    this.polylines = l;
  }
  setPolygons(p: MapPolygon[]) {
    this.polygons = p;
  }
  setPickMode(on: boolean) {
    this.pickMode = on;
  }
  fitTo(points: LngLat[]) {
    this.fits.push(points);
  }
  setView() {}
  startDrawPolygon(color?: string) {
    this.drawing = 'polygon';
    this.drawColor = color;
  }
  cutHole(id: string) {
    this.drawing = { cut: id };
  }
  cancelDraw() {
    if (!this.drawing) return;
    this.drawing = null;
    this.events.onDrawCancelled?.();
  }
  editPolygon(id: string | null) {
    this.editing = id;
  }
  resize() {}
  destroy() {
    this.destroyed = true;
  }

  // ---- the user's part ----
  click(p: LngLat) {
    this.events.onClick?.(p);
  }
  clickPolygon(id: string) {
    this.events.onPolygonClick?.(id);
  }
  clickMarker(id: string) {
    this.events.onMarkerClick?.(id);
  }
  drag(id: string, p: LngLat) {
    this.events.onMarkerDragEnd?.(id, p);
  }
  finishPolygon(g: PolygonGeometry) {
    if (this.drawing !== 'polygon') throw new Error('not drawing a polygon');
    this.drawing = null;
    this.events.onPolygonDrawn?.(g);
  }
  finishCut(g: AreaGeometry) {
    if (!this.drawing || this.drawing === 'polygon') throw new Error('not cutting');
    const id = this.drawing.cut;
    this.drawing = null;
    this.events.onPolygonEdited?.(id, g);
  }
  editShape(id: string, g: AreaGeometry) {
    this.events.onPolygonEdited?.(id, g);
  }
}

/** Every fake map created, newest last. */
export const fakeMaps: FakeMap[] = [];
export const lastFakeMap = (): FakeMap => {
  const m = fakeMaps[fakeMaps.length - 1];
  if (!m) throw new Error('no map was created');
  return m;
};

export const createFakeMap: MapProviderFactory = async (_el, config, options) => {
  const map = new FakeMap(config.provider, config.provider === 'selfhosted' && !config.tileUrl, options);
  fakeMaps.push(map);
  return map;
};

/** What vi.mock of ./loader returns. */
export function fakeLoaderModule() {
  return {
    PROVIDER_LOADERS: {
      selfhosted: async () => createFakeMap,
      amap: async () => createFakeMap,
    },
    loadProvider: async () => createFakeMap,
  };
}
