/**
 * The self-hosted map: Leaflet 1.9 bundled with the app (no CDN), leaflet-geoman for drawing,
 * vertex editing and cutting holes. The basemap is a configured tile server (VITE_MAP_TILE_URL,
 * which in production must serve approved map data) or, without one, the offline demo sketch.
 * Loaded only when a page shows a map (MapView imports this module on demand).
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { DEMO_ATTRIBUTION, DEMO_BASEMAP, DEMO_BOUNDS, gcj02ToWgs84, wgs84ToGcj02, type DemoFeature } from '@dzky/contracts';
import {
  escapeHtml,
  markerHtml,
  polygonSignature,
  polygonStyle,
  polylineStyle,
  reconcile,
  singlePointZoom,
  type Drawn,
} from './draw';
import { fromLeafletLatLngs, geometryFromPolygons, polygonsOf, toLeafletLatLngs } from './geojson';
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

// leaflet-geoman is a script that extends the global `L`: expose this bundle's Leaflet first.
async function loadGeoman(): Promise<void> {
  (window as unknown as { L: typeof L }).L = L;
  await import('@geoman-io/leaflet-geoman-free');
}

const DEMO_STYLE: Record<string, L.PathOptions> = {
  land: {
    stroke: true,
    color: '#a9b8c6',
    weight: 1,
    fillColor: '#f3f0e8',
    fillOpacity: 1,
  },
  city: {
    color: '#a39a87',
    weight: 1.5,
    dashArray: '6 4',
    fillColor: '#faf8f2',
    fillOpacity: 0.55,
  },
  'district-boundary': { color: '#c7bfae', weight: 1, dashArray: '3 4' },
  river: { color: '#8dbbe3', weight: 3, opacity: 0.9 },
  expressway: { color: '#e8a23a', weight: 2.5, opacity: 0.9 },
};

interface PolygonEntry extends Drawn {
  layer: L.Polygon;
  /** `sig` is what was drawn last (from the page, or from an edit this provider reported) */
  data: MapPolygon;
}

interface MarkerEntry extends Drawn {
  marker: L.Marker;
}

interface LineEntry extends Drawn {
  line: L.Polyline;
}

class LeafletProvider implements MapProvider {
  readonly kind = 'selfhosted' as const;
  readonly demo: boolean;
  private readonly events: MapEvents;
  private markers = new Map<string, MarkerEntry>();
  private lines = new Map<string, LineEntry>();
  private polygons = new Map<string, PolygonEntry>();
  private editing: string | null = null;
  private mode: 'idle' | 'draw' | 'cut' = 'idle';
  private produced = false;
  private cutTarget: string | null = null;
  private pick = false;
  private readonly toDisplay: (p: LngLat) => L.LatLng;
  private readonly fromDisplay: (ll: L.LatLng) => LngLat;

  constructor(
    private readonly map: L.Map,
    config: MapConfig,
    options: MapInitOptions,
  ) {
    this.events = options;
    this.demo = !config.tileUrl;
    // data is GCJ-02; only a WGS-84 tile server needs points moved for display
    const wgs = !this.demo && config.tileDatum === 'wgs84';
    this.toDisplay = (p) => {
      const [lng, lat] = wgs ? gcj02ToWgs84(p) : p;
      return L.latLng(lat, lng);
    };
    this.fromDisplay = (ll) => (wgs ? wgs84ToGcj02([ll.lng, ll.lat]) : [ll.lng, ll.lat]);
    this.wire();
  }

  private wire() {
    const map = this.map;
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (this.mode !== 'idle') return;
      this.events.onClick?.(this.fromDisplay(e.latlng));
    });
    map.on('pm:drawstart', () => {
      this.produced = false;
    });
    map.on('pm:create', (e: { layer: L.Layer }) => {
      this.produced = true;
      const layer = e.layer as L.Polygon;
      const geometry = this.geometryOf(layer);
      // the page owns the shape from now on (as a draft zone): drop geoman's copy
      layer.remove();
      this.mode = 'idle';
      if (geometry && geometry.type === 'Polygon') this.events.onPolygonDrawn?.(geometry);
      else this.events.onDrawCancelled?.();
    });
    map.on('pm:drawend', () => {
      if (this.mode === 'draw') {
        this.mode = 'idle';
        if (!this.produced) this.events.onDrawCancelled?.();
      }
    });
    map.on('pm:cut', (e: { layer: L.Layer; originalLayer: L.Layer }) => {
      this.produced = true;
      const id = this.cutTarget;
      const geometry = this.geometryOf(e.layer);
      // geoman replaced our layer by its result; draw the result as our own layer again
      map.removeLayer(e.layer);
      if (id) {
        const entry = this.polygons.get(id);
        if (entry) {
          this.polygons.delete(id);
          if (geometry) {
            this.addPolygon({ ...entry.data, geometry });
            this.events.onPolygonEdited?.(id, geometry);
          } else {
            // the cut took all of it: keep the zone as it was, nothing changes
            this.addPolygon(entry.data);
          }
        }
      }
    });
    map.on('pm:globalcutmodetoggled', (e: { enabled: boolean }) => {
      if (e.enabled) return;
      const wasCutting = this.mode === 'cut';
      this.mode = 'idle';
      this.cutTarget = null;
      if (wasCutting && !this.produced) this.events.onDrawCancelled?.();
      if (this.editing) this.polygons.get(this.editing)?.layer.pm.enable({ allowSelfIntersection: false });
    });
    this.onKey = this.onKey.bind(this);
    document.addEventListener('keydown', this.onKey);
  }

  private onKey(e: KeyboardEvent) {
    if (e.key === 'Escape' && this.mode !== 'idle') this.cancelDraw();
  }

  private geometryOf(layer: L.Layer): AreaGeometry | null {
    const toGcj = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(toGcj)
        : v instanceof L.LatLng
          ? (([lng, lat]) => ({ lng, lat }))(this.fromDisplay(v))
          : v;
    if (layer instanceof L.Polygon) return fromLeafletLatLngs(toGcj(layer.getLatLngs()) as never);
    if (layer instanceof L.LayerGroup) {
      // a cut that split a shape may come back as a group of polygons
      const parts = layer
        .getLayers()
        .map((l) => this.geometryOf(l))
        .filter((g): g is AreaGeometry => g !== null);
      return geometryFromPolygons(parts.flatMap(polygonsOf));
    }
    return null;
  }

  private latLngsOf(geometry: AreaGeometry) {
    const nested = toLeafletLatLngs(geometry) as unknown;
    const conv = (v: unknown): unknown =>
      Array.isArray(v) && typeof v[0] === 'number'
        ? this.toDisplay([v[1] as number, v[0] as number])
        : Array.isArray(v)
          ? v.map(conv)
          : v;
    return conv(nested) as L.LatLng[][] | L.LatLng[][][];
  }

  setMarkers(markers: MapMarker[]) {
    reconcile(this.markers, markers, {
      remove: (e) => e.marker.remove(),
      upsert: (m, sig, old) => {
        const { size, html } = markerHtml({ ...m, title: undefined });
        const icon = L.divIcon({
          className: 'dzky-map-marker-wrap',
          html,
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        });
        const zIndexOffset = m.highlighted ? 1000 : 0;
        if (old && old.marker.options.draggable === Boolean(m.draggable)) {
          old.marker.setLatLng(this.toDisplay(m.position));
          old.marker.setIcon(icon);
          old.marker.setZIndexOffset(zIndexOffset);
          if (m.title) old.marker.setTooltipContent(m.title);
          return { marker: old.marker, sig };
        }
        old?.marker.remove();
        const opts = { icon, draggable: Boolean(m.draggable), pmIgnore: true, snapIgnore: true, zIndexOffset, title: '' };
        const marker = L.marker(this.toDisplay(m.position), opts as L.MarkerOptions).addTo(this.map);
        if (m.title) marker.bindTooltip(m.title, { direction: 'top', offset: [0, -size / 2] });
        marker.on('click', (e) => {
          L.DomEvent.stopPropagation(e);
          if (this.pick) this.events.onClick?.(this.fromDisplay((e as L.LeafletMouseEvent).latlng));
          else this.events.onMarkerClick?.(m.id);
        });
        marker.on('dragend', () => this.events.onMarkerDragEnd?.(m.id, this.fromDisplay(marker.getLatLng())));
        return { marker, sig };
      },
    });
  }

  setPolylines(lines: MapPolyline[]) {
    reconcile(this.lines, lines, {
      remove: (e) => e.line.remove(),
      upsert: (l, sig, old) => {
        old?.line.remove();
        const { dashed, ...style } = polylineStyle(l);
        const line = L.polyline(
          l.path.map((p) => this.toDisplay(p)),
          { ...style, dashArray: dashed ? '8 8' : undefined, interactive: false, pmIgnore: true, snapIgnore: true },
        ).addTo(this.map);
        return { line, sig };
      },
    });
  }

  private styleOf(p: MapPolygon): L.PathOptions {
    const style = polygonStyle(p);
    return { ...style, fillColor: style.color };
  }

  private addPolygon(p: MapPolygon): PolygonEntry {
    const layer = L.polygon(this.latLngsOf(p.geometry), this.styleOf(p));
    if (p.label) layer.bindTooltip(p.label, { sticky: true });
    layer.on('click', (e) => {
      // while drawing or picking a point, a click on a zone is a click on the map
      if (this.mode !== 'idle' || this.pick) return;
      L.DomEvent.stopPropagation(e);
      this.events.onPolygonClick?.(p.id);
    });
    layer.on('pm:edit', () => {
      const entry = this.polygons.get(p.id);
      // after a cut geoman also reports an "edit" of the replaced layer, with its old shape
      if (!entry || entry.layer !== layer) return;
      const geometry = this.geometryOf(layer);
      if (!geometry) return;
      entry.data = { ...entry.data, geometry };
      entry.sig = polygonSignature(entry.data);
      this.events.onPolygonEdited?.(p.id, geometry);
    });
    layer.addTo(this.map);
    const entry = { layer, sig: polygonSignature(p), data: p };
    this.polygons.set(p.id, entry);
    if (this.editing === p.id) layer.pm.enable({ allowSelfIntersection: false });
    return entry;
  }

  setPolygons(polygons: MapPolygon[]) {
    // the same shape (for instance the echo of an edit reported from here) is left alone by
    // reconcile, so a vertex being dragged is not interrupted
    reconcile(this.polygons, polygons, {
      signature: polygonSignature,
      remove: (e) => e.layer.remove(),
      upsert: (p, sig, old) => {
        if (old && JSON.stringify(old.data.geometry) === JSON.stringify(p.geometry)) {
          // only the look changed (selected, unsaved colour): restyle in place, editing goes on
          old.layer.setStyle(this.styleOf(p));
          if (p.label) old.layer.setTooltipContent(p.label);
          // the same entry: handlers that hold it (vertex editing) see the new state
          return Object.assign(old, { data: p, sig });
        }
        if (old) {
          old.layer.pm.disable();
          old.layer.remove();
        }
        return this.addPolygon(p);
      },
    });
  }

  setPickMode(on: boolean) {
    this.pick = on;
    this.map.getContainer().classList.toggle('dzky-map--pick', on);
  }

  fitTo(points: LngLat[], maxZoom = 15) {
    if (points.length === 0) return;
    const bounds = L.latLngBounds(points.map((p) => this.toDisplay(p)));
    if (points.length === 1) this.map.setView(bounds.getCenter(), singlePointZoom(this.map.getZoom(), maxZoom));
    else this.map.fitBounds(bounds, { padding: [36, 36], maxZoom });
  }

  setView(center: LngLat, zoom?: number) {
    this.map.setView(this.toDisplay(center), zoom ?? this.map.getZoom());
  }

  startDrawPolygon(color = '#52c41a') {
    this.cancelDraw();
    this.mode = 'draw';
    this.produced = false;
    this.map.pm.enableDraw('Polygon', {
      allowSelfIntersection: false,
      continueDrawing: false,
      snappable: true,
      pathOptions: { color, fillColor: color, fillOpacity: 0.2 },
      templineStyle: { color },
      hintlineStyle: { color, dashArray: [5, 5] },
    });
  }

  cutHole(id: string) {
    const entry = this.polygons.get(id);
    if (!entry) return;
    this.cancelDraw();
    entry.layer.pm.disable();
    this.mode = 'cut';
    this.produced = false;
    this.cutTarget = id;
    this.map.pm.enableGlobalCutMode({
      layersToCut: [entry.layer],
      allowSelfIntersection: false,
      continueDrawing: false,
    } as never);
  }

  cancelDraw() {
    if (this.mode === 'draw') this.map.pm.disableDraw();
    if (this.mode === 'cut') this.map.pm.disableGlobalCutMode();
  }

  editPolygon(id: string | null) {
    if (this.editing && this.editing !== id) this.polygons.get(this.editing)?.layer.pm.disable();
    this.editing = id;
    if (id) this.polygons.get(id)?.layer.pm.enable({ allowSelfIntersection: false });
  }

  resize() {
    this.map.invalidateSize();
  }

  destroy() {
    document.removeEventListener('keydown', this.onKey);
    this.map.remove();
  }
}

function addDemoBasemap(map: L.Map) {
  map.createPane('dzkyDemo').style.zIndex = '150';
  map.createPane('dzkyDemoLabels').style.zIndex = '380';
  const renderer = L.svg({ pane: 'dzkyDemo' });
  L.geoJSON(
    DEMO_BASEMAP as unknown as GeoJSON.FeatureCollection,
    {
      pane: 'dzkyDemo',
      interactive: false,
      pmIgnore: true,
      snapIgnore: true,
      filter: (f) => (f as unknown as DemoFeature).properties.kind !== 'label',
      style: (f) => ({
        ...DEMO_STYLE[(f as unknown as DemoFeature).properties.kind],
        renderer,
        interactive: false,
      }),
    } as L.GeoJSONOptions,
  ).addTo(map);
  for (const f of DEMO_BASEMAP.features) {
    if (f.geometry.type !== 'Point') continue;
    const [lng, lat] = f.geometry.coordinates;
    L.marker([lat, lng], {
      pane: 'dzkyDemoLabels',
      interactive: false,
      keyboard: false,
      pmIgnore: true,
      snapIgnore: true,
      icon: L.divIcon({
        className: 'dzky-demo-label',
        html: `<span class="dzky-demo-label--${f.properties.rank ?? 'other'}">${escapeHtml(f.properties.name)}</span>`,
        iconSize: [0, 0],
      }),
    }).addTo(map);
  }
  // district names only when zoomed in enough to read them
  const zoomClass = () => map.getContainer().classList.toggle('dzky-map--near', map.getZoom() >= 10);
  map.on('zoomend', zoomClass);
  zoomClass();
}

export async function createLeafletProvider(
  container: HTMLElement,
  config: MapConfig,
  options: MapInitOptions,
): Promise<MapProvider> {
  await loadGeoman();
  const demo = !config.tileUrl;
  const [[w, s], [e, n]] = DEMO_BOUNDS;
  const map = L.map(container, {
    center: [options.center[1], options.center[0]],
    zoom: options.zoom,
    attributionControl: false,
    zoomControl: true,
    minZoom: demo ? 7 : 3,
    maxZoom: demo ? 18 : config.tileMaxZoom,
    // the demo sketch covers the Pearl River Delta only
    maxBounds: demo ? L.latLngBounds([s - 1, w - 1.5], [n + 1, e + 1.5]) : undefined,
  });
  const attribution = L.control
    .attribution({
      prefix: '<a href="https://leafletjs.com" target="_blank" rel="noreferrer">Leaflet</a>',
    })
    .addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  if (demo) {
    container.classList.add('dzky-map--demo');
    addDemoBasemap(map);
    attribution.addAttribution(DEMO_ATTRIBUTION);
  } else {
    L.tileLayer(config.tileUrl!, {
      maxZoom: config.tileMaxZoom,
      attribution: config.tileAttribution ?? '',
    }).addTo(map);
  }
  map.pm.setLang(document.documentElement.lang === 'en-US' ? 'en' : 'zh');
  map.pm.setGlobalOptions({
    snappable: true,
    snapDistance: 12,
    allowSelfIntersection: false,
  });
  return new LeafletProvider(map, config, options);
}
