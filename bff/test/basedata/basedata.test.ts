import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { GeofenceService } from '../../src/modules/basedata/service/geofence.service';
import { RouteEntity } from '../../src/modules/basedata/entity';
import { startApp, type TestApp } from '../support/app';
import { basedataWorld, square, STOPS, type Auth } from './helpers';

describe('base data: stops, lines, routes, zones, geofence', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof basedataWorld>>;
  const post = (auth: Auth, path: string, body?: object) => t.request().post(path).set(auth).send(body ?? {});
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const get = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth);
  const stopIds: Record<string, number> = {};
  let lineId: number;
  let routeId: number;

  // pickup zone around 福田 with a hole (a restricted area), drop-off zone as two polygons
  const pickupRing = square(114.0, 22.52, 114.08, 22.56);
  const hole = square(114.03, 22.53, 114.04, 22.54);
  const dropoff = { type: 'MultiPolygon', coordinates: [[square(113.25, 22.97, 113.29, 23.0)], [square(113.3, 23.1, 113.35, 23.15)]] };

  beforeAll(async () => {
    t = await startApp();
    w = await basedataWorld(t, 'b');
    for (const s of Object.values(STOPS)) {
      const res = await post(w.admin1, '/api/admin/stops', s);
      expect(res.status).toBe(200);
      stopIds[s.code] = res.body.data.id;
    }
  });
  afterAll(async () => t.close());

  describe('stops', () => {
    it('R-6.1.1 a stop keeps several languages, GCJ-02 coordinates and its owner', async () => {
      const res = await get(w.admin1, `/api/admin/stops/${stopIds.SZB}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ code: 'SZB', name: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station' }, lng: 114.029525, lat: 22.609726, type: 'station', enabled: true, orgId: w.op1.id });
      const bo = await put(w.admin1, `/api/admin/stops/${stopIds.SZB}`, { name: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station', bo: 'ཞེན་ཀྲུན་བྱང་' } });
      expect(bo.status).toBe(200);
      expect(bo.body.data.name.bo).toBe('ཞེན་ཀྲུན་བྱང་');
    });

    it('R-6.1.1 R-7.5 a WGS-84 input is stored converted to GCJ-02', async () => {
      const res = await post(w.admin1, '/api/admin/stops', { ...STOPS.SZB, code: 'WGS1', lng: 114.0579, lat: 22.5431, coordSys: 'wgs84' });
      expect(res.status).toBe(200);
      // GCJ-02 lies about 500 m north-east-ish of WGS-84 in Shenzhen
      expect(res.body.data.lng).toBeCloseTo(114.063014, 5);
      expect(res.body.data.lat).toBeCloseTo(22.540383, 5);
    });

    it('R-6.1.1 bad input is refused with field and reason: region code, bounds, missing zh-CN name, duplicate code', async () => {
      const bad = await post(w.admin1, '/api/admin/stops', { ...STOPS.SZB, code: 'BAD1', regionCode: '990101', lng: 151.2, lat: -33.8, name: { en: 'Sydney' } });
      expect(bad.status).toBe(422);
      expect(bad.body.errorCode).toBe('VALIDATION_FAILED');
      const fields = bad.body.errors.map((e: any) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['regionCode', 'lng', 'name.zh-CN']));
      expect(bad.body.errors.find((e: any) => e.field === 'regionCode').reason).toContain('99');

      const dup = await post(w.admin1, '/api/admin/stops', STOPS.SZB);
      expect(dup.status).toBe(409);
      expect(dup.body.errorCode).toBe('BASEDATA.DUPLICATE');
      // another operator may use the same code
      expect((await post(w.admin2, '/api/admin/stops', { ...STOPS.GZN, code: 'SZB' })).status).toBe(200);
    });

    it('R-6.1.1 every create, update and disable is a version (who, when, before/after) and an audit record', async () => {
      const created = await post(w.admin1, '/api/admin/stops', { ...STOPS.FTJT, code: 'HIST' });
      const id = created.body.data.id;
      await put(w.admin1, `/api/admin/stops/${id}`, { address: '深圳市福田区福华路' });
      await post(w.admin1, `/api/admin/stops/${id}/disable`);
      const history = await get(w.admin1, `/api/admin/stops/${id}/history`);
      expect(history.status).toBe(200);
      expect(history.body.data.map((h: any) => h.action)).toEqual(['disable', 'update', 'create']);
      const [disable, update, create] = history.body.data;
      expect(create).toMatchObject({ before: null, actorName: 'b_op1', after: { code: 'HIST', enabled: true } });
      expect(update.before.address).toBe(STOPS.FTJT.address);
      expect(update.after.address).toBe('深圳市福田区福华路');
      expect(disable.after.enabled).toBe(false);
      const audits = await AuditRecordEntity.findAll({ where: { targetType: 'stop', targetId: String(id) } });
      expect(audits.map((a) => a.action).sort()).toEqual(['basedata.stop.create', 'basedata.stop.disable', 'basedata.stop.update']);
    });

    it('R-6.1.1 scope: another operator cannot read, list or change the stop (404); the dispatcher can write; a regulator reads in its region only', async () => {
      expect((await get(w.admin2, `/api/admin/stops/${stopIds.SZB}`)).status).toBe(404);
      expect((await put(w.admin2, `/api/admin/stops/${stopIds.SZB}`, { address: 'x' })).status).toBe(404);
      expect((await post(w.admin2, `/api/admin/stops/${stopIds.SZB}/disable`)).status).toBe(404);
      expect((await get(w.admin2, `/api/admin/stops/${stopIds.SZB}/history`)).status).toBe(404);
      const list2 = await get(w.admin2, '/api/admin/stops', { pageSize: 100 });
      expect(list2.body.data.items.every((s: any) => s.orgId === w.op2.id)).toBe(true);

      const byDispatcher = await put(w.dispatcher1, `/api/admin/stops/${stopIds.BAT3}`, { address: '深圳市宝安区机场路T3' });
      expect(byDispatcher.status).toBe(200);

      // the Shenzhen regulator sees Shenzhen operator's stops, not Guangzhou operator's, and cannot write
      const regList = await get(w.regulator, '/api/admin/stops', { pageSize: 100 });
      expect(regList.status).toBe(200);
      expect(regList.body.data.items.some((s: any) => s.id === stopIds.SZB)).toBe(true);
      expect(regList.body.data.items.some((s: any) => s.orgId === w.op2.id)).toBe(false);
      expect((await put(w.regulator, `/api/admin/stops/${stopIds.SZB}`, { address: 'x' })).status).toBe(403);

      // platform staff see both operators
      const all = await get(w.platform, '/api/admin/stops', { pageSize: 100 });
      expect(new Set(all.body.data.items.map((s: any) => s.orgId))).toEqual(new Set([w.op1.id, w.op2.id]));
    });

    it('R-6.1.1 list searches code and any language of the name, with paging', async () => {
      const zh = await get(w.admin1, '/api/admin/stops', { keyword: '广州' });
      expect(zh.body.data.items.map((s: any) => s.code)).toEqual(['GZN']);
      const en = await get(w.admin1, '/api/admin/stops', { keyword: 'Airport' });
      expect(en.body.data.items.map((s: any) => s.code)).toEqual(['BAT3']);
      const page = await get(w.admin1, '/api/admin/stops', { page: 2, pageSize: 2 });
      expect(page.body.data).toMatchObject({ page: 2, pageSize: 2 });
      expect(page.body.data.total).toBeGreaterThan(4);
      expect(page.body.data.items).toHaveLength(2);
    });
  });

  describe('lines and routes', () => {
    it('R-6.1.1 a line licence lists approved stops of its own operator only', async () => {
      const foreign = await post(w.admin2, '/api/admin/stops', { ...STOPS.GZN, code: 'GZ2' });
      const bad = await post(w.admin1, '/api/admin/lines', lineInput([stopIds.SZB, foreign.body.data.id]));
      expect(bad.status).toBe(422);
      expect(bad.body.errors[0].field).toBe('approvedStopIds');

      const res = await post(w.admin1, '/api/admin/lines', lineInput(Object.values(stopIds)));
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ licenceNo: '粤交运线许可深字440300-0001', operable: true, blockers: [], approvedStopIds: Object.values(stopIds) });
      lineId = res.body.data.id;
    });

    it('R-6.1.1 an expired licence makes the line non-operable, with the reason', async () => {
      const res = await post(w.admin1, '/api/admin/lines', { ...lineInput([]), licenceNo: 'EXPIRED-1', validFrom: '2020-01-01', validUntil: '2024-12-31' });
      expect(res.status).toBe(200);
      expect(res.body.data.operable).toBe(false);
      expect(res.body.data.blockers).toEqual(['班线许可已于 2024-12-31 过期']);
      const list = await get(w.admin1, '/api/admin/lines', { operable: false });
      expect(list.body.data.items.map((l: any) => l.licenceNo)).toEqual(['EXPIRED-1']);
    });

    it('R-6.1.1 route stops are checked: at least 2, first 0/0 and pickup, last drop-off, approved by the line', async () => {
      const otherStop = await post(w.admin1, '/api/admin/stops', { ...STOPS.GZN, code: 'NOTAPPR' });
      const bad = await post(w.admin1, '/api/admin/routes', {
        lineId, code: 'R-BAD', name: '错误线路',
        stops: [
          { seq: 1, stopId: stopIds.SZB, distanceFromPrevM: 100, minutesFromPrev: 0, pickup: true, dropoff: false },
          { seq: 2, stopId: otherStop.body.data.id, distanceFromPrevM: 120000, minutesFromPrev: 90, pickup: true, dropoff: true },
        ],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual(expect.arrayContaining([
        { field: 'stops[0].distanceFromPrevM', reason: '首站的里程和用时应为 0' },
        { field: 'stops[1].stopId', reason: '站点 NOTAPPR 不在班线许可核定的站点内' },
        { field: 'stops[1].pickup', reason: '末站不能上客' },
      ]));
      const one = await post(w.admin1, '/api/admin/routes', { lineId, code: 'R-ONE', name: '一站', stops: [routeStops()[0]] });
      expect(one.status).toBe(422);
    });

    it('R-6.1.1 a route is created with ordered stops and zones; replace-all update of stops', async () => {
      const res = await post(w.admin1, '/api/admin/routes', {
        lineId, code: 'SZ-GZ-01', name: '深圳北站—广州南站', stops: routeStops(),
        zones: [{ name: '福田上客区', kind: 'pickup', stopSeq: 2, geometry: { type: 'Polygon', coordinates: [pickupRing, hole] } }],
      });
      expect(res.status).toBe(200);
      routeId = res.body.data.id;
      expect(res.body.data).toMatchObject({ code: 'SZ-GZ-01', totalDistanceM: 140000, totalMinutes: 110, operable: true });
      expect(res.body.data.stops.map((s: any) => s.stopCode)).toEqual(['SZB', 'FTJT', 'GZN']);
      expect(res.body.data.zones).toHaveLength(1);

      // dropping the stop the zone hangs on is refused while the zone exists
      const drop = await put(w.admin1, `/api/admin/routes/${routeId}`, { stops: [routeStops()[0], { ...routeStops()[2], seq: 2 }] });
      expect(drop.status).toBe(422);
      expect(drop.body.errors[0].reason).toContain('福田上客区');

      const renamed = await put(w.admin1, `/api/admin/routes/${routeId}`, { stops: routeStops().map((s) => (s.seq === 3 ? { ...s, distanceFromPrevM: 130000 } : s)) });
      expect(renamed.status).toBe(200);
      expect(renamed.body.data.totalDistanceM).toBe(145000);
      const history = await get(w.admin1, `/api/admin/routes/${routeId}/history`);
      expect(history.body.data[0]).toMatchObject({ action: 'update' });
      expect(history.body.data[0].before.stops[2].distanceFromPrevM).toBe(125000);
      expect(history.body.data[0].after.stops[2].distanceFromPrevM).toBe(130000);
    });

    it('R-6.1.1 zone endpoints validate geometry (closed rings, ≥ 4 positions) and the stop position', async () => {
      const open = await post(w.admin1, `/api/admin/routes/${routeId}/zones`, { name: '未闭合', kind: 'dropoff', stopSeq: 3, geometry: { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.35, 23.1], [113.35, 23.15], [113.3, 23.15]]] } });
      expect(open.status).toBe(422);
      expect(open.body.errorCode).toBe('BASEDATA.GEOMETRY_INVALID');
      expect(open.body.errors[0]).toEqual({ field: 'geometry.coordinates[0]', reason: '环未闭合：首尾坐标必须相同' });

      const short = await post(w.admin1, `/api/admin/routes/${routeId}/zones`, { name: '三点', kind: 'dropoff', stopSeq: 3, geometry: { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.35, 23.1], [113.3, 23.1]]] } });
      expect(short.body.errors[0].reason).toBe('每个环至少需要 4 个坐标（首尾相同）');

      const wrongKind = await post(w.admin1, `/api/admin/routes/${routeId}/zones`, { name: '首站下客', kind: 'dropoff', stopSeq: 1, geometry: { type: 'Polygon', coordinates: [square(114.0, 22.6, 114.05, 22.62)] } });
      expect(wrongKind.status).toBe(422);
      expect(wrongKind.body.errors).toEqual([{ field: 'stopSeq', reason: '站序 1 不允许下客，不能挂下客区' }]);

      const ok = await post(w.admin1, `/api/admin/routes/${routeId}/zones`, { name: '天河/海珠下客区', kind: 'dropoff', stopSeq: 3, geometry: dropoff });
      expect(ok.status).toBe(200);
      // another operator cannot touch the route's zones
      expect((await post(w.admin2, `/api/admin/routes/${routeId}/zones`, { name: 'x', kind: 'dropoff', stopSeq: 3, geometry: dropoff })).status).toBe(404);
      expect((await t.request().delete(`/api/admin/routes/${routeId}/zones/${ok.body.data.id}`).set(w.admin2)).status).toBe(404);
    });
  });

  describe('geofence', () => {
    let geo: GeofenceService;
    beforeAll(async () => {
      geo = await t.app.getApplicationContext().getAsync(GeofenceService);
    });

    it('R-6.1.1 a point inside the pickup zone is found; a point in its hole is outside', async () => {
      const inside = await geo.zonesAt({ lng: 114.01, lat: 22.55 });
      expect(inside.map((z) => [z.name, z.kind, z.stopSeq, z.routeId])).toEqual([['福田上客区', 'pickup', 2, routeId]]);
      expect(await geo.zonesAt({ lng: 114.035, lat: 22.535 })).toEqual([]);
    });

    it('R-6.1.1 a point exactly on the border counts as inside', async () => {
      expect((await geo.zonesAt({ lng: 114.0, lat: 22.54 })).map((z) => z.name)).toEqual(['福田上客区']);
      expect((await geo.zonesAt({ lng: 114.08, lat: 22.56 })).map((z) => z.name)).toEqual(['福田上客区']);
    });

    it('R-7.5 a WGS-84 point is converted to GCJ-02 before the test (inside only after conversion)', async () => {
      const p = { lng: 113.997, lat: 22.545 };
      expect(await geo.zonesAt(p)).toEqual([]);
      expect((await geo.zonesAt({ ...p, coordSys: 'wgs84' })).map((z) => z.name)).toEqual(['福田上客区']);
    });

    it('R-6.1.1 MultiPolygon zones match in each part and not between them', async () => {
      expect((await geo.zonesAt({ lng: 113.27, lat: 22.98 }, { kind: 'dropoff' })).map((z) => z.name)).toEqual(['天河/海珠下客区']);
      expect((await geo.zonesAt({ lng: 113.32, lat: 23.12 }, { kind: 'dropoff' })).map((z) => z.name)).toEqual(['天河/海珠下客区']);
      expect(await geo.zonesAt({ lng: 113.295, lat: 23.05 })).toEqual([]);
      expect(await geo.zonesAt({ lng: 113.27, lat: 22.98 }, { kind: 'pickup' })).toEqual([]);
    });

    it('R-6.1.1 nearest stops come nearest first and within the distance limit', async () => {
      const near = await geo.nearestStops({ lng: 114.03, lat: 22.6 }, { orgIds: [w.op1.id], limit: 3 });
      expect(near).toHaveLength(3);
      expect(near[0].code).toBe('SZB');
      // HIST sits on 福田交通枢纽's spot but is disabled: never offered
      expect(near.map((s) => s.code)).not.toContain('HIST');
      expect(near.map((s) => s.distanceM)).toEqual([...near.map((s) => s.distanceM)].sort((a, b) => a - b));
      expect(near[0].distanceM).toBeGreaterThan(1000);
      expect(near[0].distanceM).toBeLessThan(1200);
      const far = await geo.nearestStops({ lng: 114.03, lat: 22.6 }, { orgIds: [w.op1.id], maxDistanceM: 5000 });
      expect(far.map((s) => s.code)).toEqual(['SZB']);
    });

    it('R-6.1.1 a disabled route\'s zones stop matching for bookings; a zone change is seen at once', async () => {
      await post(w.admin1, `/api/admin/routes/${routeId}/disable`);
      expect(await geo.zonesAt({ lng: 114.01, lat: 22.55 })).toEqual([]);
      expect(await geo.zonesAt({ lng: 114.01, lat: 22.55 }, { includeDisabled: true })).toHaveLength(1);
      await post(w.admin1, `/api/admin/routes/${routeId}/enable`);
      const route = await get(w.admin1, `/api/admin/routes/${routeId}`);
      const pickup = route.body.data.zones.find((z: any) => z.kind === 'pickup');
      // the hole is removed: the restricted point is now inside
      await put(w.admin1, `/api/admin/routes/${routeId}/zones/${pickup.id}`, { ...pickup, geometry: { type: 'Polygon', coordinates: [pickupRing] } });
      expect(await geo.zonesAt({ lng: 114.035, lat: 22.535 })).toHaveLength(1);
    });

    it('R-6.1.1 another process\'s change is picked up once the snapshot is old, without a lookup waiting for the reload', async () => {
      const point = { lng: 114.01, lat: 22.55 };
      expect(await geo.zonesAt(point)).toHaveLength(1);
      // a change this process did not make (so no invalidate): another bff, or the seed CLI
      await RouteEntity.update({ enabled: false }, { where: { id: routeId } });
      expect(await geo.zonesAt(point)).toHaveLength(1);
      const later = Date.now() + 61_000;
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
      try {
        // the old snapshot answers at once while the new one loads
        expect(await geo.zonesAt(point)).toHaveLength(1);
        let seen = 1;
        for (let i = 0; i < 50 && seen; i++) {
          await new Promise((r) => setTimeout(r, 20));
          seen = (await geo.zonesAt(point)).length;
        }
        expect(seen).toBe(0);
      } finally {
        clock.mockRestore();
        await RouteEntity.update({ enabled: true }, { where: { id: routeId } });
        geo.invalidate();
      }
      expect(await geo.zonesAt(point)).toHaveLength(1);
    });

    it('R-6.1.1 POST /geo/locate answers zones and nearest stops within the caller\'s scope', async () => {
      const mine = await post(w.admin1, '/api/admin/geo/locate', { lng: 114.01, lat: 22.55 });
      expect(mine.status).toBe(200);
      expect(mine.body.data.point).toEqual({ lng: 114.01, lat: 22.55 });
      expect(mine.body.data.zones.map((z: any) => z.name)).toEqual(['福田上客区']);
      expect(mine.body.data.nearestStops[0]).toMatchObject({ code: 'FTJT' });
      const theirs = await post(w.admin2, '/api/admin/geo/locate', { lng: 114.01, lat: 22.55 });
      expect(theirs.body.data.zones).toEqual([]);
      expect(theirs.body.data.nearestStops.every((s: any) => !Object.values(stopIds).includes(s.stopId))).toBe(true);
      expect((await post(w.admin2, '/api/admin/geo/locate', { lng: 114.01, lat: 22.55, routeId })).status).toBe(404);
      const outside = await post(w.admin1, '/api/admin/geo/locate', { lng: 2.35, lat: 48.85 });
      expect(outside.status).toBe(422);
    });
  });

  function lineInput(approvedStopIds: number[]) {
    return {
      licenceNo: '粤交运线许可深字440300-0001', name: '深圳—广州', originCity: '深圳市', originRegionCode: '440300',
      destinationCity: '广州市', destinationRegionCode: '440100', approvedStopIds, approvedArea: '深圳市福田区、南山区；广州市天河区、海珠区',
      validFrom: '2025-01-01', validUntil: '2099-12-31',
    };
  }

  function routeStops() {
    return [
      { seq: 1, stopId: stopIds.SZB, distanceFromPrevM: 0, minutesFromPrev: 0, pickup: true, dropoff: false },
      { seq: 2, stopId: stopIds.FTJT, distanceFromPrevM: 15000, minutesFromPrev: 25, pickup: true, dropoff: false },
      { seq: 3, stopId: stopIds.GZN, distanceFromPrevM: 125000, minutesFromPrev: 85, pickup: false, dropoff: true },
    ];
  }
});
