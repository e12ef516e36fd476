/**
 * The AMap provider against a scripted AMap namespace (the JS API needs the network and a key):
 * what pages hand it becomes overlays, unchanged ones are left alone, and what MouseTool and
 * PolygonEditor report comes back as GeoJSON.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeRing } from './geojson';
import type { MapConfig, MapEvents, MapProvider, PolygonGeometry } from './types';

type Handler = (e?: unknown) => void;
class Overlay {
  static made: Overlay[] = [];
  handlers: Record<string, Handler> = {};
  map: unknown = null;
  constructor(public kind: string, public opts: Record<string, unknown>) {
    Overlay.made.push(this);
  }
  on(event: string, fn: Handler) {
    this.handlers[event] = fn;
  }
  setMap(m: unknown) {
    this.map = m;
  }
  getPath() {
    return this.opts.path;
  }
  setPath(path: unknown) {
    this.opts.path = path;
  }
  setOptions(o: Record<string, unknown>) {
    Object.assign(this.opts, o);
  }
  setPosition(p: unknown) {
    this.opts.position = p;
  }
  setContent(html: string) {
    this.opts.content = html;
  }
}
const tool = { handlers: {} as Record<string, Handler>, polygon: vi.fn(), close: vi.fn() };
const editor = { handlers: {} as Record<string, Handler>, open: vi.fn(), close: vi.fn() };
const map = { on: vi.fn(), addControl: vi.fn(), getZoom: () => 9, setZoomAndCenter: vi.fn(), setBounds: vi.fn(), setZoom: vi.fn(), destroy: vi.fn() };
const AMap = {
  Map: vi.fn(function () {
    return map;
  }),
  Scale: vi.fn(function () {}),
  ToolBar: vi.fn(function () {}),
  Pixel: vi.fn(function () {}),
  Bounds: vi.fn(function (sw: unknown, ne: unknown) {
    return { sw, ne };
  }),
  MouseTool: vi.fn(function () {
    return { ...tool, on: (e: string, fn: Handler) => (tool.handlers[e] = fn) };
  }),
  PolygonEditor: vi.fn(function () {
    return { ...editor, on: (e: string, fn: Handler) => (editor.handlers[e] = fn) };
  }),
  Marker: vi.fn(function (o: Record<string, unknown>) {
    return new Overlay('marker', o);
  }),
  Polyline: vi.fn(function (o: Record<string, unknown>) {
    return new Overlay('polyline', o);
  }),
  Polygon: vi.fn(function (o: Record<string, unknown>) {
    return new Overlay('polygon', o);
  }),
};
vi.mock('@amap/amap-jsapi-loader', () => ({ default: { load: async () => AMap } }));

const config: MapConfig = { provider: 'amap', tileDatum: 'gcj02', tileMaxZoom: 18, amapKey: 'k' };
const square: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [closeRing([[113.94, 22.53], [113.96, 22.53], [113.96, 22.55], [113.94, 22.55]])],
};
const open = (g: PolygonGeometry) => g.coordinates.map((r) => r.slice(0, -1));

async function provider(events: MapEvents = {}): Promise<MapProvider> {
  const { createAmapProvider } = await import('./amap-provider');
  return createAmapProvider(document.createElement('div'), config, { ...events, center: [113.9, 22.5], zoom: 9 });
}

describe('R-7.5 AMap provider', () => {
  beforeEach(() => {
    Overlay.made = [];
    vi.clearAllMocks();
  });

  it('draws markers and lines, redraws only what changed and removes what is gone', async () => {
    const p = await provider();
    const a = { id: 'a', position: [113.9, 22.5] as [number, number], label: '1' };
    const b = { id: 'b', position: [113.95, 22.55] as [number, number], label: '2' };
    p.setMarkers([a, b]);
    p.setPolylines([{ id: 'l', path: [a.position, b.position] }]);
    expect(Overlay.made.map((o) => o.kind)).toEqual(['marker', 'marker', 'polyline']);
    const [ma, mb, line] = Overlay.made;
    p.setMarkers([a, { ...b, highlighted: true }]);
    p.setPolylines([{ id: 'l', path: [a.position, b.position] }]);
    // nothing new was created: b changed in place, a and the line were left alone
    expect(Overlay.made).toHaveLength(3);
    expect(mb.opts.content).toContain('dzky-map-marker--hl');
    expect(ma.opts.content).not.toContain('dzky-map-marker--hl');
    expect(line.map).toBe(map);
    p.setMarkers([b]);
    expect(ma.map).toBeNull();
    expect(mb.map).toBe(map);
  });

  it('a polygon drawn with MouseTool comes back as closed GeoJSON', async () => {
    const onPolygonDrawn = vi.fn();
    const p = await provider({ onPolygonDrawn });
    p.startDrawPolygon('#52c41a');
    expect(tool.polygon).toHaveBeenCalledWith(expect.objectContaining({ strokeColor: '#52c41a' }));
    tool.handlers.draw({ obj: { getPath: () => open(square)[0] } });
    expect(onPolygonDrawn).toHaveBeenCalledWith(square);
  });

  it('vertex edits are reported, and the echo from the page does not restart the editor', async () => {
    const onPolygonEdited = vi.fn();
    const p = await provider({ onPolygonEdited });
    p.setPolygons([{ id: 'z', geometry: square, color: '#52c41a' }]);
    p.editPolygon('z');
    expect(AMap.PolygonEditor).toHaveBeenCalledTimes(1);
    const zone = Overlay.made[0];
    const moved = open(square)[0].map(([lng, lat]) => [lng + 0.01, lat]);
    zone.setPath([moved]);
    editor.handlers.adjust();
    const geometry = onPolygonEdited.mock.calls[0][1] as PolygonGeometry;
    expect(geometry.coordinates[0][0]).toEqual([113.95, 22.53]);
    // the page stores the edit and hands it back (unsaved: orange): restyled, same overlay, same editor
    p.setPolygons([{ id: 'z', geometry, color: '#fa8c16' }]);
    expect(Overlay.made).toHaveLength(1);
    expect(zone.opts.strokeColor).toBe('#fa8c16');
    expect(AMap.PolygonEditor).toHaveBeenCalledTimes(1);
  });

  it('a hole drawn inside a zone is added to it', async () => {
    const onPolygonEdited = vi.fn();
    const p = await provider({ onPolygonEdited });
    p.setPolygons([{ id: 'z', geometry: square, color: '#52c41a' }]);
    p.cutHole('z');
    const hole = [[113.945, 22.535], [113.955, 22.535], [113.955, 22.545], [113.945, 22.545]];
    tool.handlers.draw({ obj: { getPath: () => hole } });
    const [id, geometry] = onPolygonEdited.mock.calls[0] as [string, PolygonGeometry];
    expect(id).toBe('z');
    expect(geometry.coordinates).toHaveLength(2);
  });

  it('fits several points to their bounds', async () => {
    const p = await provider();
    p.fitTo([[113.9, 22.5], [114.1, 22.7], [113.8, 22.6]]);
    expect(AMap.Bounds).toHaveBeenCalledWith([113.8, 22.5], [114.1, 22.7]);
    expect(map.setBounds).toHaveBeenCalled();
  });
});
