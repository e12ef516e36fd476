/**
 * The public internet map: AMap JS API 2.0 through @amap/amap-jsapi-loader, with AMap.MouseTool
 * for drawing and AMap.PolygonEditor for vertices. AMap works in GCJ-02, like our data, so
 * coordinates pass through unchanged. Holes are drawn as a second polygon and added to the zone
 * when it lies inside (AMap has no cutting tool of its own).
 */
import AMapLoader from '@amap/amap-jsapi-loader';
import { addHole, fromAmapPath, toAmapPath } from './geojson';
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

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pairOf = (ll: AMapLngLat): LngLat => [ll.getLng(), ll.getLat()];

interface PolygonEntry {
  overlay: AMapOverlay;
  sig: string;
  data: MapPolygon;
}
const sigOf = (p: MapPolygon) => JSON.stringify([p.geometry, p.color, p.label ?? '', Boolean(p.selected)]);

class AmapProvider implements MapProvider {
  readonly kind = 'amap' as const;
  readonly demo = false;
  private events: MapEvents;
  private markers = new Map<string, { overlay: AMapOverlay; draggable: boolean }>();
  private lines: AMapOverlay[] = [];
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
    entry.sig = sigOf(entry.data);
    entry.overlay.setPath?.(toAmapPath(geometry));
    if (this.editing === id) this.editPolygon(id);
  }

  setEvents(events: MapEvents) {
    this.events = events;
  }

  private markerHtml(m: MapMarker) {
    const size = m.highlighted ? 30 : m.label ? 24 : 16;
    const color = m.color ?? '#1677ff';
    return {
      size,
      html: `<div class="dzky-map-marker${m.highlighted ? ' dzky-map-marker--hl' : ''}" title="${escapeHtml(m.title ?? '')}" style="background:${escapeHtml(color)};width:${size}px;height:${size}px;line-height:${size}px">${escapeHtml(m.label ?? '')}</div>`,
    };
  }

  setMarkers(markers: MapMarker[]) {
    const keep = new Set(markers.map((m) => m.id));
    for (const [id, m] of this.markers) {
      if (!keep.has(id)) {
        m.overlay.setMap(null);
        this.markers.delete(id);
      }
    }
    for (const m of markers) {
      const { size, html } = this.markerHtml(m);
      const old = this.markers.get(m.id);
      if (old && old.draggable === Boolean(m.draggable)) {
        old.overlay.setPosition?.(m.position);
        old.overlay.setContent?.(html);
        continue;
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
      this.markers.set(m.id, { overlay, draggable: Boolean(m.draggable) });
    }
  }

  setPolylines(lines: MapPolyline[]) {
    for (const l of this.lines) l.setMap(null);
    this.lines = lines.map((l) => {
      const overlay: AMapOverlay = new this.AMap.Polyline({
        path: l.path,
        strokeColor: l.color ?? '#1677ff',
        strokeWeight: l.weight ?? 4,
        strokeOpacity: 0.85,
        strokeStyle: l.dashed ? 'dashed' : 'solid',
        bubble: true,
      });
      overlay.setMap(this.map);
      return overlay;
    });
  }

  private addPolygon(p: MapPolygon) {
    const overlay: AMapOverlay = new this.AMap.Polygon({
      path: toAmapPath(p.geometry),
      strokeColor: p.color,
      strokeWeight: p.selected ? 4 : 2,
      fillColor: p.color,
      fillOpacity: p.selected ? 0.35 : 0.2,
      extData: { id: p.id },
    });
    overlay.on('click', (e: { lnglat: AMapLngLat }) => {
      if (this.mode !== 'idle') return;
      if (this.pick) this.events.onClick?.(pairOf(e.lnglat));
      else this.events.onPolygonClick?.(p.id);
    });
    overlay.setMap(this.map);
    this.polygons.set(p.id, { overlay, sig: sigOf(p), data: p });
  }

  setPolygons(polygons: MapPolygon[]) {
    const keep = new Set(polygons.map((p) => p.id));
    for (const [id, entry] of this.polygons) {
      if (!keep.has(id)) {
        if (this.editing === id) this.editPolygon(null);
        entry.overlay.setMap(null);
        this.polygons.delete(id);
      }
    }
    for (const p of polygons) {
      const entry = this.polygons.get(p.id);
      if (entry && entry.sig === sigOf(p)) continue;
      if (entry) {
        entry.data = p;
        entry.sig = sigOf(p);
        entry.overlay.setPath?.(toAmapPath(p.geometry));
        entry.overlay.setOptions?.({
          strokeColor: p.color,
          fillColor: p.color,
          strokeWeight: p.selected ? 4 : 2,
          fillOpacity: p.selected ? 0.35 : 0.2,
        });
        continue;
      }
      this.addPolygon(p);
    }
    if (this.editing && !this.editor) this.editPolygon(this.editing);
  }

  setPickMode(on: boolean) {
    this.pick = on;
    this.map.setDefaultCursor(on ? 'crosshair' : 'default');
  }

  fitTo(points: LngLat[], maxZoom = 15) {
    if (points.length === 0) return;
    if (points.length === 1) {
      this.map.setZoomAndCenter(Math.max(this.map.getZoom(), Math.min(14, maxZoom)), points[0]);
      return;
    }
    const lngs = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const bounds = new this.AMap.Bounds(
      [Math.min(...lngs), Math.min(...lats)],
      [Math.max(...lngs), Math.max(...lats)],
    );
    this.map.setBounds(bounds, false, [36, 36, 36, 36]);
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
      entry.sig = sigOf(entry.data);
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
