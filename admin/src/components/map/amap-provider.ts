/**
 * The public internet map: AMap JS API 2.0 through @amap/amap-jsapi-loader, with AMap.MouseTool
 * for drawing and AMap.PolygonEditor for vertices. AMap works in GCJ-02, like our data, so
 * coordinates pass through unchanged. Holes are drawn as a second polygon and added to the zone
 * when it lies inside (AMap has no cutting tool of its own).
 */
import AMapLoader from '@amap/amap-jsapi-loader';
import { markerHtml, polygonSignature, polygonStyle, polylineStyle, reconcile, singlePointZoom, type Drawn } from './draw';
import { addHole, boundsOf, fromAmapPath, toAmapPath } from './geojson';
import type {
  AreaGeometry,
  LngLat,
  MapConfig,
  MapEvents,
  MapInitOptions,
  MapMarker,
  MapPolygon,
  MapPolyline,
  MapProvider,
} from './types';

/* The JS API ships without TypeScript types; these are the few members used here. */
interface AMapLngLat {
  getLng(): number;
  getLat(): number;
}
interface AMapOverlay {
  on(event: string, fn: (e: any) => void): void;
  setMap(map: unknown): void;
  getPath?(): unknown;
  setPath?(path: unknown): void;
  setOptions?(opts: Record<string, unknown>): void;
  setPosition?(p: LngLat): void;
  setContent?(html: string): void;
  getPosition?(): AMapLngLat;
  setzIndex?(z: number): void;
}
type AMapNS = any;

const pairOf = (ll: AMapLngLat): LngLat => [ll.getLng(), ll.getLat()];

interface PolygonEntry extends Drawn {
  overlay: AMapOverlay;
  data: MapPolygon;
}
interface OverlayEntry extends Drawn {
  overlay: AMapOverlay;
  draggable?: boolean;
}

const zoneOptions = (p: MapPolygon) => {
  const { color, weight, fillOpacity } = polygonStyle(p);
  return { strokeColor: color, fillColor: color, strokeWeight: weight, fillOpacity };
};

class AmapProvider implements MapProvider {
  readonly kind = 'amap' as const;
  readonly demo = false;
  private readonly events: MapEvents;
  private markers = new Map<string, OverlayEntry>();
  private lines = new Map<string, OverlayEntry>();
  private polygons = new Map<string, PolygonEntry>();
  private mouseTool: any;
  private editor: any = null;
  private editing: string | null = null;
  private mode: 'idle' | 'draw' | 'cut' = 'idle';
  private cutTarget: string | null = null;
  private pick = false;

  constructor(
    private readonly AMap: AMapNS,
    private readonly map: any,
    options: MapInitOptions,
  ) {
    this.events = options;
    this.mouseTool = new AMap.MouseTool(map);
    map.on('click', (e: { lnglat: AMapLngLat }) => {
      if (this.mode === 'idle') this.events.onClick?.(pairOf(e.lnglat));
    });
    this.mouseTool.on('draw', (e: { obj: AMapOverlay }) => this.onDrawn(e.obj));
    this.onKey = this.onKey.bind(this);
    document.addEventListener('keydown', this.onKey);
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && this.mode !== 'idle') this.cancelDraw();
  }

  private onDrawn(obj: AMapOverlay) {
    const path = obj.getPath?.();
    // the page draws the result itself; drop the tool's copy
    this.mouseTool.close(true);
    const mode = this.mode;
    const target = this.cutTarget;
    this.mode = 'idle';
    this.cutTarget = null;
    const drawn = fromAmapPath(path);
    if (!drawn || drawn.type !== 'Polygon') return this.events.onDrawCancelled?.();
    if (mode === 'draw') return this.events.onPolygonDrawn?.(drawn);
    const entry = target ? this.polygons.get(target) : undefined;
    const next = entry ? addHole(entry.data.geometry, drawn.coordinates[0]) : null;
    if (!entry || !next) return this.events.onDrawCancelled?.();
    this.replace(entry.data.id, next);
    this.events.onPolygonEdited?.(entry.data.id, next);
  }

  private replace(id: string, geometry: AreaGeometry) {
    const entry = this.polygons.get(id);
    if (!entry) return;
    entry.data = { ...entry.data, geometry };
    entry.sig = polygonSignature(entry.data);
    entry.overlay.setPath?.(toAmapPath(geometry));
    if (this.editing === id) this.editPolygon(id);
  }

  setMarkers(markers: MapMarker[]) {
    reconcile(this.markers, markers, {
      remove: (e) => e.overlay.setMap(null),
      upsert: (m, sig, old) => this.drawMarker(m, sig, old),
    });
  }

  private drawMarker(m: MapMarker, sig: string, old: OverlayEntry | undefined): OverlayEntry {
    const { size, html } = markerHtml(m);
    if (old && old.draggable === Boolean(m.draggable)) {
      old.overlay.setPosition?.(m.position);
      old.overlay.setContent?.(html);
      return { ...old, sig };
    }
    old?.overlay.setMap(null);
    const overlay: AMapOverlay = new this.AMap.Marker({
      position: m.position,
      content: html,
      offset: new this.AMap.Pixel(-size / 2, -size / 2),
      draggable: Boolean(m.draggable),
      zIndex: m.highlighted ? 200 : 120,
    });
    overlay.on('click', (e: { lnglat: AMapLngLat }) => {
      if (this.pick) this.events.onClick?.(pairOf(e.lnglat));
      else this.events.onMarkerClick?.(m.id);
    });
    overlay.on('dragend', () => {
      const p = overlay.getPosition?.();
      if (p) this.events.onMarkerDragEnd?.(m.id, pairOf(p));
    });
    overlay.setMap(this.map);
    return { overlay, draggable: Boolean(m.draggable), sig };
  }

  setPolylines(lines: MapPolyline[]) {
    reconcile(this.lines, lines, {
      remove: (e) => e.overlay.setMap(null),
      upsert: (l, sig, old) => {
        old?.overlay.setMap(null);
        const { color, weight, opacity, dashed } = polylineStyle(l);
        const overlay: AMapOverlay = new this.AMap.Polyline({
          path: l.path,
          strokeColor: color,
          strokeWeight: weight,
          strokeOpacity: opacity,
          strokeStyle: dashed ? 'dashed' : 'solid',
          bubble: true,
        });
        overlay.setMap(this.map);
        return { overlay, sig };
      },
    });
  }

  private addPolygon(p: MapPolygon, sig: string): PolygonEntry {
    const overlay: AMapOverlay = new this.AMap.Polygon({
      path: toAmapPath(p.geometry),
      ...zoneOptions(p),
      extData: { id: p.id },
    });
    overlay.on('click', (e: { lnglat: AMapLngLat }) => {
      if (this.mode !== 'idle') return;
      if (this.pick) this.events.onClick?.(pairOf(e.lnglat));
      else this.events.onPolygonClick?.(p.id);
    });
    overlay.setMap(this.map);
    return { overlay, sig, data: p };
  }

  setPolygons(polygons: MapPolygon[]) {
    reconcile(this.polygons, polygons, {
      signature: polygonSignature,
      remove: (e, id) => {
        if (this.editing === id) this.editPolygon(null);
        e.overlay.setMap(null);
      },
      upsert: (p, sig, old) => {
        if (!old) return this.addPolygon(p, sig);
        // in place: the polygon editor keeps working on the same overlay
        old.overlay.setPath?.(toAmapPath(p.geometry));
        old.overlay.setOptions?.(zoneOptions(p));
        // the same entry: handlers that hold it (vertex editing) see the new state
        return Object.assign(old, { data: p, sig });
      },
    });
    if (this.editing && !this.editor) this.editPolygon(this.editing);
  }

  setPickMode(on: boolean) {
    this.pick = on;
    this.map.setDefaultCursor(on ? 'crosshair' : 'default');
  }

  fitTo(points: LngLat[], maxZoom = 15) {
    if (points.length === 0) return;
    if (points.length === 1) {
      this.map.setZoomAndCenter(singlePointZoom(this.map.getZoom(), maxZoom), points[0]);
      return;
    }
    const [w, s, e, n] = boundsOf(points)!;
    this.map.setBounds(new this.AMap.Bounds([w, s], [e, n]), false, [36, 36, 36, 36]);
    if (this.map.getZoom() > maxZoom) this.map.setZoom(maxZoom);
  }

  setView(center: LngLat, zoom?: number) {
    this.map.setZoomAndCenter(zoom ?? this.map.getZoom(), center);
  }

  startDrawPolygon(color = '#52c41a') {
    this.cancelDraw();
    this.mode = 'draw';
    this.mouseTool.polygon({
      strokeColor: color,
      fillColor: color,
      fillOpacity: 0.2,
      strokeWeight: 2,
    });
  }

  cutHole(id: string) {
    if (!this.polygons.has(id)) return;
    this.cancelDraw();
    this.mode = 'cut';
    this.cutTarget = id;
    this.mouseTool.polygon({
      strokeColor: '#ff4d4f',
      fillColor: '#ffffff',
      fillOpacity: 0.5,
      strokeWeight: 2,
      strokeStyle: 'dashed',
    });
  }

  cancelDraw() {
    if (this.mode === 'idle') return;
    this.mouseTool.close(true);
    this.mode = 'idle';
    this.cutTarget = null;
    this.events.onDrawCancelled?.();
  }

  editPolygon(id: string | null) {
    if (this.editor) {
      this.editor.close();
      this.editor = null;
    }
    this.editing = id;
    const entry = id ? this.polygons.get(id) : undefined;
    if (!id || !entry) return;
    const editor = new this.AMap.PolygonEditor(this.map, entry.overlay);
    const report = () => {
      const geometry = fromAmapPath(entry.overlay.getPath?.());
      if (!geometry) return;
      entry.data = { ...entry.data, geometry };
      entry.sig = polygonSignature(entry.data);
      this.events.onPolygonEdited?.(id, geometry);
    };
    editor.on('adjust', report);
    editor.on('addnode', report);
    editor.on('removenode', report);
    editor.open();
    this.editor = editor;
  }

  resize() {
    this.map.resize?.();
  }

  destroy() {
    document.removeEventListener('keydown', this.onKey);
    this.editor?.close();
    this.mouseTool.close(true);
    this.map.destroy();
  }
}

export async function createAmapProvider(
  container: HTMLElement,
  config: MapConfig,
  options: MapInitOptions,
): Promise<MapProvider> {
  if (config.amapSecurityCode) {
    // must be set before the script loads (AMap 2.0 security key for the JS API)
    (window as unknown as { _AMapSecurityConfig: unknown })._AMapSecurityConfig = {
      securityJsCode: config.amapSecurityCode,
    };
  }
  const AMap: AMapNS = await AMapLoader.load({
    key: config.amapKey ?? '',
    version: '2.0',
    plugins: ['AMap.MouseTool', 'AMap.PolygonEditor', 'AMap.Scale', 'AMap.ToolBar'],
  });
  const map = new AMap.Map(container, {
    center: options.center,
    zoom: options.zoom,
    viewMode: '2D',
    resizeEnable: true,
  });
  map.addControl(new AMap.Scale());
  map.addControl(new AMap.ToolBar({ position: 'LT' }));
  return new AmapProvider(AMap, map, options);
}
