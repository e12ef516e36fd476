/**
 * The trip map in the H5 app: Leaflet bundled with the app (no CDN), on a self-hosted tile server
 * or — by default — the offline demo sketch of the Pearl River Delta, always labelled 演示底图.
 * The same self-hosted provider the admin app uses; the demo basemap and the datum conversion are
 * the shared ones from contracts. Taro's <Map> is never used here: in H5 it loads
 * Baidu's map online, in BD-09, and our points would sit hundreds of metres off.
 *
 * Data in and taps out are GCJ-02; only a WGS-84 tile server needs points moved for display.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import { useI18n } from '../../i18n';
import { DEMO_ATTRIBUTION, DEMO_BASEMAP, DEMO_BOUNDS, gcj02ToWgs84, wgs84ToGcj02, type DemoFeature, type LngLat } from '@dzky/contracts';
import { DEFAULT_CENTER, DEFAULT_ZOOM, h5MapConfig } from './map-config';
import { KIND_COLORS, type MapMarker, type MapPolygon, type TripMapProps } from './types';
import './map.h5.css';

const DEMO_STYLE: Record<string, L.PathOptions> = {
  land: { stroke: true, color: '#a9b8c6', weight: 1, fillColor: '#f3f0e8', fillOpacity: 1 },
  city: { color: '#a39a87', weight: 1.5, dashArray: '6 4', fillColor: '#faf8f2', fillOpacity: 0.55 },
  'district-boundary': { color: '#c7bfae', weight: 1, dashArray: '3 4' },
  river: { color: '#8dbbe3', weight: 3, opacity: 0.9 },
  expressway: { color: '#e8a23a', weight: 2.5, opacity: 0.9 },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function addDemoBasemap(map: L.Map) {
  map.createPane('dzkyDemo').style.zIndex = '150';
  map.createPane('dzkyDemoLabels').style.zIndex = '380';
  const renderer = L.svg({ pane: 'dzkyDemo' });
  L.geoJSON(DEMO_BASEMAP as unknown as GeoJSON.FeatureCollection, {
    pane: 'dzkyDemo',
    interactive: false,
    filter: (f) => (f as unknown as DemoFeature).properties.kind !== 'label',
    style: (f) => ({ ...DEMO_STYLE[(f as unknown as DemoFeature).properties.kind], renderer, interactive: false }),
  } as L.GeoJSONOptions).addTo(map);
  for (const f of DEMO_BASEMAP.features) {
    if (f.geometry.type !== 'Point') continue;
    const [lng, lat] = f.geometry.coordinates;
    L.marker([lat, lng], {
      pane: 'dzkyDemoLabels',
      interactive: false,
      keyboard: false,
      icon: L.divIcon({
        className: 'trip-map-demo-label',
        html: `<span class="trip-map-demo-label--${f.properties.rank ?? 'other'}">${escapeHtml(f.properties.name)}</span>`,
        iconSize: [0, 0],
      }),
    }).addTo(map);
  }
  // district names only when zoomed in enough to read them
  const zoomClass = () => map.getContainer().classList.toggle('trip-map--near', map.getZoom() >= 10);
  map.on('zoomend', zoomClass);
  zoomClass();
}

/** Names of stops and zones only from this zoom on: a whole intercity route would pile them up. */
const LABEL_ZOOM = 11;
/** zone names sit above the zones (overlay pane, 400) but below the markers (600): a point chosen under a name stays visible */
const ZONE_LABEL_PANE = 'dzkyZoneLabels';

interface Drawn {
  map: L.Map;
  zones: L.LayerGroup;
  points: L.LayerGroup;
  toDisplay: (p: LngLat) => L.LatLng;
  fromDisplay: (ll: L.LatLng) => LngLat;
}

function drawZones(d: Drawn, polygons: MapPolygon[]) {
  d.zones.clearLayers();
  for (const p of polygons) {
    const rings = (rs: number[][][]) => rs.map((ring) => ring.map(([lng, lat]) => d.toDisplay({ lng, lat })));
    const latlngs = p.geometry.type === 'Polygon' ? rings(p.geometry.coordinates) : p.geometry.coordinates.map(rings);
    const color = KIND_COLORS[p.kind];
    // not interactive: a tap inside a zone is a tap on the map (choosing a point there)
    const layer = L.polygon(latlngs, {
      color,
      fillColor: color,
      weight: p.active ? 3 : 1.5,
      fillOpacity: p.active ? 0.25 : 0.1,
      dashArray: p.active ? undefined : '4 4',
      interactive: false,
    });
    d.zones.addLayer(layer);
    if (p.label && p.active) {
      // the name just inside the zone's top edge: the middle is where its stop usually sits
      const b = layer.getBounds();
      const at = L.latLng(b.getNorth(), b.getCenter().lng);
      d.zones.addLayer(
        L.tooltip({
          pane: ZONE_LABEL_PANE,
          permanent: true,
          direction: 'bottom',
          offset: [0, 2],
          className: `trip-map-zone-label trip-map-zone-label--${p.kind}`,
          interactive: false,
        })
          .setLatLng(at)
          .setContent(escapeHtml(p.label)),
      );
    }
  }
}

function drawMarkers(d: Drawn, markers: MapMarker[]) {
  d.points.clearLayers();
  for (const m of markers) {
    const chosen = m.kind !== 'stop';
    const size = chosen ? 30 : 22;
    const icon = L.divIcon({
      className: 'trip-map-marker-wrap',
      html: `<div class="trip-map-marker trip-map-marker--${m.kind}" style="background:${KIND_COLORS[m.kind]};width:${size}px;height:${size}px;line-height:${size}px">${escapeHtml(m.label ?? '')}</div>`,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    const marker = L.marker(d.toDisplay(m.position), { icon, interactive: false, keyboard: false, zIndexOffset: chosen ? 1000 : 0 });
    if (m.title) marker.bindTooltip(m.title, { permanent: true, direction: 'right', offset: [size / 2, 0], className: 'trip-map-stop-label' });
    d.points.addLayer(marker);
  }
}

function fit(d: Drawn, points: LngLat[]) {
  if (!points.length) return;
  const bounds = L.latLngBounds(points.map((p) => d.toDisplay(p)));
  // no animation: the view is where it should be as soon as the call returns
  if (points.length === 1) d.map.setView(bounds.getCenter(), Math.max(d.map.getZoom(), 13), { animate: false });
  else d.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15, animate: false });
}

export function TripMap({ id, className, markers, polygons, fitTo, onTap }: TripMapProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const tap = useRef(onTap);
  tap.current = onTap;
  const config = useMemo(h5MapConfig, []);
  const demo = !config.tileUrl;
  const [bounds, setBounds] = useState('');

  useEffect(() => {
    const container = host.current;
    if (!container) return undefined;
    const wgs = !demo && config.tileDatum === 'wgs84';
    const toDisplay = (p: LngLat) => {
      const [lng, lat] = wgs ? gcj02ToWgs84([p.lng, p.lat]) : [p.lng, p.lat];
      return L.latLng(lat, lng);
    };
    const fromDisplay = (ll: L.LatLng): LngLat => {
      const [lng, lat] = wgs ? wgs84ToGcj02([ll.lng, ll.lat]) : [ll.lng, ll.lat];
      return { lng: Number(lng.toFixed(6)), lat: Number(lat.toFixed(6)) };
    };
    const [[w, s], [e, n]] = DEMO_BOUNDS;
    const map = L.map(container, {
      center: [DEFAULT_CENTER.lat, DEFAULT_CENTER.lng],
      zoom: DEFAULT_ZOOM,
      attributionControl: false,
      zoomControl: true,
      minZoom: demo ? 7 : 3,
      maxZoom: demo ? 18 : config.tileMaxZoom,
      // the demo sketch covers the Pearl River Delta only
      maxBounds: demo ? L.latLngBounds([s - 1, w - 1.5], [n + 1, e + 1.5]) : undefined,
    });
    const attribution = L.control.attribution({ prefix: 'Leaflet' }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    if (demo) {
      container.classList.add('trip-map__canvas--demo');
      addDemoBasemap(map);
      attribution.addAttribution(DEMO_ATTRIBUTION);
    } else {
      L.tileLayer(config.tileUrl!, { maxZoom: config.tileMaxZoom, attribution: config.tileAttribution ?? '' }).addTo(map);
    }
    map.createPane(ZONE_LABEL_PANE).style.zIndex = '450';
    const zones = L.layerGroup().addTo(map);
    const points = L.layerGroup().addTo(map);
    drawn.current = { map, zones, points, toDisplay, fromDisplay };
    const labelClass = () => container.classList.toggle('trip-map--labels', map.getZoom() >= LABEL_ZOOM);
    map.on('zoomend', labelClass);
    labelClass();
    map.on('click', (ev: L.LeafletMouseEvent) => tap.current?.(fromDisplay(ev.latlng)));
    // the view's edges, for people reading the DOM and for browser tests that tap a known place
    const report = () => {
      const b = map.getBounds();
      setBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(','));
    };
    map.on('moveend', report);
    report();
    // H5 pages are hidden, not unmounted, when another page opens: measure again when shown
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => map.invalidateSize()) : null;
    observer?.observe(container);
    return () => {
      observer?.disconnect();
      drawn.current = null;
      map.remove();
    };
  }, [config, demo]);

  const zonesKey = JSON.stringify(polygons);
  const markersKey = JSON.stringify(markers);
  const fitKey = JSON.stringify(fitTo ?? []);
  // the page re-creates these arrays on every render: redraw when their content changes
  useEffect(() => {
    if (drawn.current) drawZones(drawn.current, polygons);
  }, [zonesKey]);
  useEffect(() => {
    if (drawn.current) drawMarkers(drawn.current, markers);
  }, [markersKey]);
  useEffect(() => {
    if (drawn.current && fitTo) fit(drawn.current, fitTo);
  }, [fitKey]);

  return (
    <div id={id} className={`trip-map ${className ?? ''}`} data-map-ready={bounds ? 'true' : 'false'} data-bounds={bounds} data-demo={demo ? 'true' : 'false'}>
      <div ref={host} className="trip-map__canvas" />
      {demo ? (
        <div className="trip-map__badge" title={DEMO_ATTRIBUTION}>
          {t('map.demo')}
        </div>
      ) : null}
    </div>
  );
}
