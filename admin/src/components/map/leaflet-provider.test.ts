/**
 * The self-hosted provider on real Leaflet and leaflet-geoman (jsdom draws nothing, but layers,
 * events and conversions are all real): what pages hand it ends up as layers, and what geoman
 * reports comes back as GCJ-02 GeoJSON.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import L from 'leaflet';
import { createLeafletProvider } from './leaflet-provider';
import { closeRing } from './geojson';
import type { MapConfig, MapEvents, MapProvider, PolygonGeometry } from './types';

const demo: MapConfig = { provider: 'selfhosted', tileDatum: 'gcj02', tileMaxZoom: 18 };
const square: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    closeRing([
      [113.94, 22.53],
      [113.96, 22.53],
      [113.96, 22.55],
      [113.94, 22.55],
    ]),
  ],
};

/** The Leaflet map behind a provider (private, reached for assertions only). */
const leafletOf = (p: MapProvider) => (p as unknown as { map: L.Map }).map;
const layersOf = <T extends L.Layer>(map: L.Map, type: abstract new (...a: never[]) => T) => {
  const out: T[] = [];
  map.eachLayer((l) => {
    if (l instanceof type) out.push(l as T);
  });
  return out;
};

describe('R-7.5 self-hosted Leaflet provider', () => {
  let container: HTMLDivElement;
  let provider: MapProvider | null = null;
  beforeEach(() => {
    container = document.createElement('div');
    container.style.width = '800px';
    container.style.height = '600px';
    document.body.appendChild(container);
  });
  afterEach(() => {
    provider?.destroy();
    provider = null;
    container.remove();
  });

  it('shows the offline demo basemap with its attribution when no tile server is configured', async () => {
    provider = await createLeafletProvider(container, demo, { center: [113.75, 22.85], zoom: 9 });
    expect(provider.demo).toBe(true);
    expect(container.classList.contains('dzky-map--demo')).toBe(true);
    expect(container.textContent).toContain('演示数据，非正式地图，无审图号');
    expect(container.querySelectorAll('.dzky-demo-label').length).toBeGreaterThan(10);
    expect(layersOf(leafletOf(provider), L.TileLayer)).toHaveLength(0);
  });

  it('uses the configured tile server and its 审图号 attribution instead', async () => {
    provider = await createLeafletProvider(
      container,
      {
        ...demo,
        tileUrl: 'https://tiles.example.cn/{z}/{x}/{y}.png',
        tileAttribution: '审图号 GS(2025)1234号',
      },
      { center: [113.75, 22.85], zoom: 9 },
    );
    expect(provider.demo).toBe(false);
    expect(layersOf(leafletOf(provider), L.TileLayer)).toHaveLength(1);
    expect(container.textContent).toContain('审图号 GS(2025)1234号');
    expect(container.textContent).not.toContain('演示数据');
  });

  it('draws markers, lines and polygons with holes; clicks come back as [lng, lat]', async () => {
    const events: MapEvents = { onClick: vi.fn(), onPolygonClick: vi.fn() };
    provider = await createLeafletProvider(container, demo, { ...events, center: [113.75, 22.85], zoom: 9 });
    const map = leafletOf(provider);
    provider.setMarkers([{ id: 's1', position: [113.95, 22.54], label: '1' }]);
    provider.setPolylines([
      {
        id: 'r',
        path: [
          [113.95, 22.54],
          [113.3, 23.1],
        ],
      },
    ]);
    const holed: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        ...square.coordinates,
        closeRing([
          [113.945, 22.535],
          [113.945, 22.545],
          [113.955, 22.545],
        ]),
      ],
    };
    provider.setPolygons([{ id: 'zone-1', geometry: holed, color: '#52c41a' }]);
    const marker = layersOf(map, L.Marker).find((m) => m.getLatLng().lat === 22.54)!;
    expect(marker.getLatLng().lng).toBe(113.95);
    const zone = layersOf(map, L.Polygon).find((p) => (p.options as L.PathOptions).color === '#52c41a')!;
    expect((zone.getLatLngs() as L.LatLng[][]).length).toBe(2);

    map.fire('click', { latlng: L.latLng(22.6, 114.0) });
    expect(events.onClick).toHaveBeenCalledWith([114.0, 22.6]);
    zone.fire('click', { latlng: L.latLng(22.54, 113.941) });
    expect(events.onPolygonClick).toHaveBeenCalledWith('zone-1');
  });

  it('a polygon finished in geoman comes back as closed GeoJSON and its temporary layer is removed', async () => {
    const onPolygonDrawn = vi.fn();
    const onClick = vi.fn();
    provider = await createLeafletProvider(container, demo, {
      onPolygonDrawn,
      onClick,
      center: [113.75, 22.85],
      zoom: 9,
    });
    const map = leafletOf(provider);
    provider.startDrawPolygon('#52c41a');
    expect(map.pm.globalDrawModeEnabled()).toBe(true);
    // clicks while drawing place vertices; they are not map clicks for the page
    map.fire('click', { latlng: L.latLng(22.53, 113.94) });
    expect(onClick).not.toHaveBeenCalled();
    const drawn = L.polygon([
      [22.53, 113.94],
      [22.53, 113.96],
      [22.55, 113.96],
      [22.55, 113.94],
    ]).addTo(map);
    map.fire('pm:create', { layer: drawn, shape: 'Polygon' });
    expect(onPolygonDrawn).toHaveBeenCalledTimes(1);
    const g = onPolygonDrawn.mock.calls[0][0] as PolygonGeometry;
    expect(g.type).toBe('Polygon');
    expect(g.coordinates[0]).toHaveLength(5);
    expect(g.coordinates[0][0]).toEqual(g.coordinates[0][4]);
    expect(map.hasLayer(drawn)).toBe(false);
  });

  it('vertex edits and cuts report the new shape for the polygon being worked on', async () => {
    const onPolygonEdited = vi.fn();
    const onDrawCancelled = vi.fn();
    provider = await createLeafletProvider(container, demo, {
      onPolygonEdited,
      onDrawCancelled,
      center: [113.75, 22.85],
      zoom: 9,
    });
    const map = leafletOf(provider);
    provider.setPolygons([{ id: 'zone-1', geometry: square, color: '#1677ff' }]);
    provider.editPolygon('zone-1');
    const zone = layersOf(map, L.Polygon).find((p) => (p.options as L.PathOptions).color === '#1677ff')!;
    expect(zone.pm.enabled()).toBe(true);
    zone.setLatLngs([
      [22.53, 113.94],
      [22.53, 113.98],
      [22.55, 113.98],
      [22.55, 113.94],
    ]);
    zone.fire('pm:edit');
    expect(onPolygonEdited).toHaveBeenCalledWith('zone-1', expect.objectContaining({ type: 'Polygon' }));
    const edited = onPolygonEdited.mock.calls[0][1] as PolygonGeometry;
    expect(edited.coordinates[0].map((p) => p[0])).toContain(113.98);
    // the page echoes the edit in another colour (unsaved): same layer, still being edited
    provider.setPolygons([{ id: 'zone-1', geometry: edited, color: '#fa8c16' }]);
    expect(map.hasLayer(zone)).toBe(true);
    expect((zone.options as L.PathOptions).color).toBe('#fa8c16');
    expect(zone.pm.enabled()).toBe(true);
    provider.editPolygon(null);
    expect(zone.pm.enabled()).toBe(false);

    // cutting: geoman hands back a new layer; the provider keeps the zone under its id
    provider.cutHole('zone-1');
    expect(map.pm.globalCutModeEnabled()).toBe(true);
    const result = L.polygon([
      [
        [22.53, 113.94],
        [22.53, 113.98],
        [22.55, 113.98],
        [22.55, 113.94],
      ],
      [
        [22.535, 113.95],
        [22.545, 113.95],
        [22.545, 113.96],
      ],
    ]).addTo(map);
    map.fire('pm:cut', { layer: result, originalLayer: zone });
    // geoman then reports an edit of the replaced layer with its old shape: not a change
    zone.fire('pm:edit');
    expect(onPolygonEdited).toHaveBeenCalledTimes(2);
    const cut = onPolygonEdited.mock.calls[1][1] as PolygonGeometry;
    expect(onPolygonEdited.mock.calls[1][0]).toBe('zone-1');
    expect(cut.coordinates).toHaveLength(2);
    expect(map.hasLayer(result)).toBe(false);
    map.pm.disableGlobalCutMode();
    expect(onDrawCancelled).not.toHaveBeenCalled();

    // Esc / cancel without a shape reports a cancel
    provider.startDrawPolygon();
    provider.cancelDraw();
    expect(onDrawCancelled).toHaveBeenCalledTimes(1);
  });
});
