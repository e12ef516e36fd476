/**
 * 路线与区域 against a mocked bff and a scripted map: the route's stops and zones on the map,
 * drawing a zone and saving it through the zones API, editing a zone's vertices, the location
 * check, and saving the ordered stops.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LineView, LocateResult, RouteView, ZoneView } from '@dzky/contracts';
import { fakeMaps, lastFakeMap } from '../../../components/map/testing';
import { mockBff, profile, renderPage, reply, writes, type Sent } from '../test-support';

vi.mock('../../../components/map/loader', () =>
  import('../../../components/map/testing').then((m) => m.fakeLoaderModule()),
);

const ring = (w: number, s: number, e: number, n: number): [number, number][] => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const pickupZone: ZoneView = {
  id: 7,
  routeId: 1,
  name: '科技园上车区',
  kind: 'pickup',
  stopSeq: 1,
  // with a hole around a closed-off block
  geometry: {
    type: 'Polygon',
    coordinates: [ring(113.93, 22.52, 113.97, 22.56), ring(113.945, 22.535, 113.955, 22.545)],
  },
};
const dropoffZone: ZoneView = {
  id: 8,
  routeId: 1,
  name: '天河下车区',
  kind: 'dropoff',
  stopSeq: 3,
  geometry: { type: 'Polygon', coordinates: [ring(113.3, 23.1, 113.36, 23.15)] },
};

const stop = (
  seq: number,
  stopId: number,
  code: string,
  name: string,
  lng: number,
  lat: number,
  km: number,
  min: number,
) => ({
  seq,
  stopId,
  stopCode: code,
  stopName: { 'zh-CN': name },
  lng,
  lat,
  distanceFromPrevM: km * 1000,
  minutesFromPrev: min,
  pickup: seq < 3,
  dropoff: seq > 1,
});

const route = (zones: ZoneView[]): RouteView => ({
  id: 1,
  lineId: 10,
  lineName: '深圳—广州定制客运',
  licenceNo: '粤交运管许可深字440300001号',
  orgId: 2,
  code: 'SZ-GZ-01',
  name: '科技园—天河',
  stops: [
    stop(1, 101, 'SZ-KJY', '科技园', 113.95, 22.54, 0, 0),
    stop(2, 102, 'DG-HM', '虎门', 113.67, 22.82, 62, 55),
    stop(3, 103, 'GZ-TH', '天河', 113.33, 23.13, 58, 50),
  ],
  zones,
  totalDistanceM: 120000,
  totalMinutes: 105,
  enabled: true,
  operable: true,
  blockers: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const line: LineView = {
  id: 10,
  orgId: 2,
  orgName: '鹏城快线',
  licenceNo: '粤交运管许可深字440300001号',
  name: '深圳—广州定制客运',
  originCity: '深圳市',
  originRegionCode: '440300',
  destinationCity: '广州市',
  destinationRegionCode: '440100',
  approvedStopIds: [],
  approvedStops: [],
  approvedArea: null,
  validFrom: '2025-01-01',
  validUntil: '2029-12-31',
  enabled: true,
  operable: true,
  blockers: [],
  routeCount: 1,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};

let zones: ZoneView[];
let sent: Sent[];

function bff() {
  return mockBff(profile(['basedata:read', 'basedata:write']), {
    'GET /api/admin/routes/1': () => route(zones),
    'GET /api/admin/lines/10': () => line,
    'POST /api/admin/routes/1/zones': (req) => {
      const z = { ...(req.body as Omit<ZoneView, 'id' | 'routeId'>), id: 9, routeId: 1 };
      zones = [...zones, z];
      return z;
    },
    'PUT /api/admin/routes/1/zones/7': (req) => {
      zones = zones.map((z) => (z.id === 7 ? { ...z, ...(req.body as object) } : z));
      return zones[0];
    },
    'PUT /api/admin/routes/1': (req) => ({
      ...route(zones),
      stops: route(zones).stops.filter((s) =>
        (req.body as RouteView).stops.some((x) => x.stopId === s.stopId),
      ),
    }),
    'POST /api/admin/geo/locate': (): LocateResult => ({
      point: { lng: 113.94, lat: 22.53 },
      zones: [
        { zoneId: 7, routeId: 1, lineId: 10, orgId: 2, name: '科技园上车区', kind: 'pickup', stopSeq: 1 },
      ],
      nearestStops: [{ stopId: 101, code: 'SZ-KJY', name: { 'zh-CN': '科技园' }, distanceM: 1234 }],
    }),
  });
}

async function openEditor() {
  renderPage('/basedata/routes/1');
  expect(
    await screen.findByText('SZ-GZ-01 · 科技园—天河', undefined, { timeout: 15_000 }),
  ).toBeInTheDocument();
  await waitFor(() => expect(screen.getByTestId('route-map')).toHaveAttribute('data-map-ready', 'true'));
  return lastFakeMap();
}

describe('路线与区域 · route editor', { timeout: 60_000 }, () => {
  beforeEach(() => {
    fakeMaps.length = 0;
    zones = [pickupZone, dropoffZone];
    sent = bff();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.1 shows the stops as numbered markers joined by a line, and the zones (pickup green, drop-off blue, holes kept)', async () => {
    const map = await openEditor();
    await waitFor(() => expect(map.markers.map((m) => m.label)).toEqual(['1', '2', '3']));
    expect(map.polylines[0].path).toEqual([
      [113.95, 22.54],
      [113.67, 22.82],
      [113.33, 23.13],
    ]);
    const pickup = map.polygons.find((p) => p.id === 'zone-7')!;
    const dropoff = map.polygons.find((p) => p.id === 'zone-8')!;
    expect(pickup.color).toBe('#52c41a');
    expect(dropoff.color).toBe('#1677ff');
    expect(pickup.geometry.coordinates).toHaveLength(2);
    // the zone list names each zone with its stop
    expect(screen.getByText('科技园上车区')).toBeInTheDocument();
    expect(screen.getAllByText('3. 天河').length).toBeGreaterThan(0);
  });

  it('R-6.1.1 绘制上车区域: a polygon drawn on the map is named, attached to a stop and saved through the zones API', async () => {
    const map = await openEditor();
    fireEvent.click(screen.getByRole('button', { name: /绘制上车区域/ }));
    expect(map.drawing).toBe('polygon');
    expect(map.drawColor).toBe('#52c41a');
    const drawn = { type: 'Polygon' as const, coordinates: [ring(113.96, 22.57, 113.99, 22.6)] };
    map.finishPolygon(drawn);

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('保存新区域')).toBeInTheDocument();
    // sensible defaults, so one click saves: the next pickup zone at the first boarding stop
    expect(within(dialog).getByLabelText('区域名称')).toHaveValue('上车区域 2');
    await waitFor(() => expect(map.polygons.some((p) => p.id === 'draft')).toBe(true));
    fireEvent.change(within(dialog).getByLabelText('区域名称'), { target: { value: '深圳湾上车区' } });
    fireEvent.click(within(dialog).getByTestId('zone-save'));

    await waitFor(() =>
      expect(writes(sent)).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: '/api/admin/routes/1/zones',
          body: { name: '深圳湾上车区', kind: 'pickup', stopSeq: 1, geometry: drawn },
        }),
      ),
    );
    // the route is read again and the new zone drawn as a saved one
    await waitFor(() => expect(map.polygons.map((p) => p.id)).toContain('zone-9'));
    expect(map.polygons.some((p) => p.id === 'draft')).toBe(false);
    expect(await screen.findByText('深圳湾上车区')).toBeInTheDocument();
  });

  it('R-6.1.1 a selected zone gets its vertices edited and the new shape saved with PUT', async () => {
    const map = await openEditor();
    map.clickPolygon('zone-7');
    const panel = await screen.findByTestId('zone-panel');
    fireEvent.click(within(panel).getByRole('button', { name: /编辑顶点/ }));
    await waitFor(() => expect(map.editing).toBe('zone-7'));
    const moved = {
      type: 'Polygon' as const,
      coordinates: [ring(113.92, 22.52, 113.97, 22.57), ring(113.945, 22.535, 113.955, 22.545)],
    };
    map.editShape('zone-7', moved);
    // unsaved edits are drawn orange until saved
    await waitFor(() => expect(map.polygons.find((p) => p.id === 'zone-7')?.color).toBe('#fa8c16'));
    fireEvent.click(await screen.findByTestId('zone-shape-save'));
    await waitFor(() =>
      expect(writes(sent)).toContainEqual(
        expect.objectContaining({
          method: 'PUT',
          path: '/api/admin/routes/1/zones/7',
          body: { name: '科技园上车区', kind: 'pickup', stopSeq: 1, geometry: moved },
        }),
      ),
    );
    await waitFor(() => expect(map.polygons.find((p) => p.id === 'zone-7')?.color).toBe('#52c41a'));
  });

  it('R-6.1.1 位置检测: a click on the map asks geo/locate and lists the zones there and the nearest stops', async () => {
    const map = await openEditor();
    fireEvent.click(screen.getByRole('button', { name: /位置检测/ }));
    await waitFor(() => expect(map.pickMode).toBe(true));
    map.click([113.94, 22.53]);
    await waitFor(() =>
      expect(writes(sent)).toContainEqual(
        expect.objectContaining({
          method: 'POST',
          path: '/api/admin/geo/locate',
          body: { lng: 113.94, lat: 22.53, coordSys: 'gcj02', routeId: 1, limit: 5 },
        }),
      ),
    );
    const result = await screen.findByTestId('locate-result');
    expect(within(result).getByText('科技园上车区')).toBeInTheDocument();
    expect(within(result).getByText('1.23 km')).toBeInTheDocument();
    // the point is marked on the map
    await waitFor(() => expect(map.markers.some((m) => m.id === 'locate')).toBe(true));
  });

  it('R-6.1.1 typed WGS-84 coordinates are sent as WGS-84 for the bff to convert', async () => {
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: /位置检测/ }));
    fireEvent.change(await screen.findByLabelText('检测坐标'), { target: { value: '113.9391, 22.5327' } });
    fireEvent.click(screen.getByText('WGS-84 (GPS)'));
    fireEvent.click(screen.getByRole('button', { name: /^检\s*测$/ }));
    await waitFor(() =>
      expect(writes(sent)).toContainEqual(
        expect.objectContaining({
          path: '/api/admin/geo/locate',
          body: expect.objectContaining({ lng: 113.9391, lat: 22.5327, coordSys: 'wgs84' }),
        }),
      ),
    );
  });

  it('R-6.1.1 removing a stop and saving sends the remaining stops renumbered, the new last stop closed to boarding', async () => {
    await openEditor();
    fireEvent.click(screen.getAllByRole('button', { name: '移除' })[2]);
    fireEvent.click(screen.getByTestId('route-save'));
    await waitFor(() =>
      expect(writes(sent).some((s) => s.method === 'PUT' && s.path === '/api/admin/routes/1')).toBe(true),
    );
    const put = writes(sent).find((s) => s.method === 'PUT' && s.path === '/api/admin/routes/1')!;
    expect(put.body).toEqual({
      code: 'SZ-GZ-01',
      name: '科技园—天河',
      stops: [
        { seq: 1, stopId: 101, distanceFromPrevM: 0, minutesFromPrev: 0, pickup: true, dropoff: false },
        { seq: 2, stopId: 102, distanceFromPrevM: 62000, minutesFromPrev: 55, pickup: false, dropoff: true },
      ],
    });
  });

  it('R-6.1.1 the server refusing a zone shape is shown in the dialog, which stays open', async () => {
    vi.unstubAllGlobals();
    sent = mockBff(profile(['basedata:read', 'basedata:write']), {
      'GET /api/admin/routes/1': () => route(zones),
      'GET /api/admin/lines/10': () => line,
      'POST /api/admin/routes/1/zones': () =>
        reply(422, {
          success: false,
          data: null,
          errorCode: 'BASEDATA.GEOMETRY_INVALID',
          errorMessage: '区域图形无效',
          errors: [{ field: 'geometry', reason: '多边形自相交' }],
        }),
    });
    const map = await openEditor();
    fireEvent.click(screen.getByRole('button', { name: /绘制下车区域/ }));
    map.finishPolygon({ type: 'Polygon', coordinates: [ring(113.3, 23.0, 113.31, 23.01)] });
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('zone-save'));
    expect(await within(dialog).findByText('区域图形无效：多边形自相交')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});

describe('路线与区域 · route list', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.1 a link from 线路管理 filters by its line; 重置 clears that filter from the list and the address', async () => {
    const { stops: _stops, zones: _zones, ...head } = route([]);
    const item = { ...head, stopCount: 3, zoneCount: 0, from: '科技园', to: '天河' };
    sent = mockBff(profile(['basedata:read']), {
      'GET /api/admin/routes': () => ({ items: [item], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/lines': () => ({ items: [line], total: 1, page: 1, pageSize: 50 }),
      'GET /api/admin/lines/10': () => line,
    });
    const router = renderPage('/basedata/routes?lineId=10');
    expect(await screen.findByText('科技园—天河', undefined, { timeout: 15_000 })).toBeInTheDocument();
    const lists = () => sent.filter((s) => s.path === '/api/admin/routes');
    expect(lists()[0].query).toMatchObject({ lineId: '10', page: '1' });
    fireEvent.click(screen.getByRole('button', { name: /重\s*置/ }));
    await waitFor(() => expect(lists()).toHaveLength(2));
    expect(lists()[1].query).not.toHaveProperty('lineId');
    expect(router.state.location.search).toBe('');
    // read-only: the route opens for viewing, with no 停用 and no 导入
    expect(screen.getByRole('button', { name: /查\s*看/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /停\s*用/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /导\s*入/ })).toBeNull();
  });
});
