import { TripEntity } from '../../src/modules/trip/entity';
import { startApp, type TestApp } from '../support/app';
import { DROPOFF_RING, inMinutes, setSold, shanghaiDate, tripWorld, type Auth } from './helpers';

/** The passenger app's public pages: no token on any request here. */
describe('passenger queries without sign-in (R-6.2.1, R-6.2.2)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tripWorld>>;
  const post = (auth: Auth, path: string, body: object = {}) => t.request().post(path).set(auth).send(body);
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const open = (path: string, query: object = {}) => t.request().get(path).query(query);
  // two days ahead: more than 24 h away whatever the time of day, so not 临时加班
  const day = shanghaiDate(2);
  let morning: number;
  let seated: number;
  let unpricedRouteTrip: number;
  let lineNotice: number;

  const createTrip = async (over: object) => {
    const res = await post(w.admin1, '/api/admin/trips', { routeId: w.routeId, departDate: day, departTime: '09:00', vehicleType: 'medium', serviceLevel: 'standard', capacity: 19, ...over });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.data.id as number;
  };

  beforeAll(async () => {
    t = await startApp();
    w = await tripWorld(t, 'p');
    await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: [{ fromSeq: 1, toSeq: 3, baseFen: 6500 }, { fromSeq: 2, toSeq: 3, baseFen: 6000 }] });
    morning = await createTrip({ departTime: '09:00' });
    seated = await createTrip({ departTime: '12:30', serviceLevel: 'business', seatSelection: true, capacity: 15 });
    // a second route of the line (深圳北站 → 广州南站 direct) with no fares: never offered
    const direct = await post(w.admin1, '/api/admin/routes', {
      lineId: w.lineId, code: 'SZ-GZ-D', name: '深圳北站—广州南站直达',
      stops: [
        { seq: 1, stopId: w.stopIds.SZB, distanceFromPrevM: 0, minutesFromPrev: 0, pickup: true, dropoff: false },
        { seq: 2, stopId: w.stopIds.GZN, distanceFromPrevM: 135000, minutesFromPrev: 110, pickup: false, dropoff: true },
      ],
    });
    unpricedRouteTrip = (await post(w.admin1, '/api/admin/trips', { routeId: direct.body.data.id, departDate: day, departTime: '10:00', vehicleType: 'medium', serviceLevel: 'standard', capacity: 19 })).body.data.id;
    await post(w.admin1, '/api/admin/notices', { kind: 'special_requirement', title: '乘车须知', body: '实名制乘车，请携带有效身份证件。', priority: 100 });
    lineNotice = (await post(w.admin1, '/api/admin/notices', { kind: 'service_commitment', title: '服务承诺', body: '准点发车、上门接送。', lineIds: [w.lineId] })).body.data.id;
    await post(w.admin1, '/api/admin/notices', { kind: 'announcement', title: '草稿', body: '未发布', published: false });
    await post(w.admin2, '/api/admin/notices', { kind: 'announcement', title: '羊城公告', body: '另一家运营方', validUntil: new Date(Date.now() + 86_400_000).toISOString() });
  });
  afterAll(async () => t.close());

  it('R-6.2.2 cities come from stops of operable routes with trips on sale, named after the lines\' cities', async () => {
    const res = await open('/api/app/cities');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([{ code: '4401', name: '广州市' }, { code: '4403', name: '深圳市' }]);
  });

  it('R-6.2.2 search by city codes: first boarding stop in the origin city, last alighting stop in the destination, adult price, seats left', async () => {
    await setSold(morning, { 1: 4, 2: 6 });
    const res = await open('/api/app/trips', { fromCity: '4403', toCity: '4401', date: day });
    expect(res.status).toBe(200);
    expect(res.body.data.map((x: any) => x.tripId)).toEqual([morning, seated]);
    const [first, second] = res.body.data;
    expect(first).toMatchObject({
      tripId: morning, lineName: '深圳—广州', routeName: '深圳北站—广州南站', departTime: '09:00',
      fromSeq: 1, fromStopName: { 'zh-CN': '深圳北站' }, toSeq: 3, toStopName: { 'zh-CN': '广州南站' },
      priceFen: 6500, seatsLeft: 13, saleState: 'open', vehicleType: 'medium', serviceLevel: 'standard', temporary: false, doorToDoor: true,
    });
    expect(first.boardAt).toBe(`${day}T01:00:00.000Z`);
    expect(first.arriveAt).toBe(`${day}T03:00:00.000Z`);
    // business is 130 %: 6500 → 8450
    expect(second).toMatchObject({ priceFen: 8450, seatsLeft: 15 });

    // boarding in Futian (440304) is the same city; a district code narrows to the stops there
    expect((await open('/api/app/trips', { fromCity: '4401', toCity: '4403', date: day })).body.data).toEqual([]);
    expect((await open('/api/app/trips', { fromCity: '4403', toCity: '4401', date: shanghaiDate(3) })).body.data).toEqual([]);
    expect(res.body.data.some((x: any) => x.tripId === unpricedRouteTrip)).toBe(false);

    const bad = await open('/api/app/trips', { fromCity: '深圳', toCity: '4401', date: 'tomorrow' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['date', 'fromCity']);
    const noSuchDay = await open('/api/app/trips', { fromCity: '4403', toCity: '4401', date: '2026-13-01' });
    expect(noSuchDay.body.errors).toEqual([{ field: 'date', reason: '日期应为 YYYY-MM-DD' }]);
  });

  it('R-6.2.2 sold-out, suspended and cancelled trips stay in the list, greyed by their sale state; non-operable routes drop out', async () => {
    await setSold(seated, { 1: 15, 2: 15 });
    await post(w.admin1, `/api/admin/trips/${morning}/suspend`);
    const states = (await open('/api/app/trips', { fromCity: '4403', toCity: '4401', date: day })).body.data.map((x: any) => [x.tripId, x.saleState, x.seatsLeft]);
    expect(states).toEqual([[morning, 'suspended', 13], [seated, 'sold_out', 0]]);
    await post(w.admin1, `/api/admin/trips/${morning}/resume`);
    await setSold(seated, { 1: 0, 2: 0 });

    await post(w.admin1, `/api/admin/routes/${w.routeId}/disable`);
    expect((await open('/api/app/trips', { fromCity: '4403', toCity: '4401', date: day })).body.data).toEqual([]);
    await post(w.admin1, `/api/admin/routes/${w.routeId}/enable`);
  });

  it('R-6.2.1 R-6.2.2 the trip page: stops with planned times, zones, fares per ticket type, rules, the line\'s notices, weather at both ends', async () => {
    t.sandbox.amap.state.setWeather('440300', { weather: '雷阵雨', temperature: 29 });
    t.sandbox.amap.state.setWeather('440100', { weather: '多云', temperature: 24 });
    const res = await open(`/api/app/trips/${morning}`);
    expect(res.status).toBe(200);
    const d = res.body.data;
    expect(d.trip).toMatchObject({ id: morning, capacity: 19, seatsLeft: 13 });
    expect(d.stops.map((s: any) => [s.seq, s.code, s.regionCode, s.plannedAt.slice(11, 16), s.pickup, s.dropoff])).toEqual([
      [1, 'SZB', '440309', '01:00', true, false],
      [2, 'FTJT', '440304', '01:25', true, false],
      [3, 'GZN', '440113', '03:00', false, true],
    ]);
    expect(d.zones.map((z: any) => [z.name, z.kind, z.stopSeq])).toEqual([['福田上客区', 'pickup', 2], ['广州南下客区', 'dropoff', 3]]);
    expect(d.zones[1].geometry.coordinates[0]).toEqual(DROPOFF_RING);
    expect(d.fares).toEqual([
      { fromSeq: 1, toSeq: 3, prices: { adult: 6500, child: 3250, student: 4875, senior: 3250, military_disabled: 3250, free_child: 0 } },
      { fromSeq: 2, toSeq: 3, prices: { adult: 6000, child: 3000, student: 4500, senior: 3000, military_disabled: 3000, free_child: 0 } },
    ]);
    expect(d.rules).toEqual({ holdMinutes: 15, refundTiers: [{ minMinutesBefore: 1440, feePercent: 0 }, { minMinutesBefore: 120, feePercent: 10 }, { minMinutesBefore: 0, feePercent: 20 }], rebookAllowed: true, freeChildMaxAge: 6, childMaxAge: 14 });
    // the operator's published notices for every line or this one — not drafts, not another operator's
    expect(d.notices.map((n: any) => n.title)).toEqual(['乘车须知', '服务承诺']);
    expect(d.weather.origin).toMatchObject({ weather: '雷阵雨', temperatureC: 29 });
    expect(d.weather.origin.adcode.startsWith('4403')).toBe(true);
    expect(d.weather.destination).toMatchObject({ weather: '多云', temperatureC: 24 });
    expect(t.sandbox.amap.state.requests().some((r) => r.path === '/v3/weather/weatherInfo' && r.params.city === '440309')).toBe(true);

    // a notice limited to another line of the operator is not shown here
    const other = await post(w.admin1, '/api/admin/lines', {
      licenceNo: 'p-OTHER-LINE', name: '深圳—东莞', originCity: '深圳市', originRegionCode: '440300', destinationCity: '东莞市',
      destinationRegionCode: '441900', validFrom: '2025-01-01', validUntil: '2029-12-31',
    });
    const moved = await put(w.admin1, `/api/admin/notices/${lineNotice}`, { kind: 'service_commitment', title: '服务承诺', body: '准点发车、上门接送。', lineIds: [other.body.data.id] });
    expect(moved.status).toBe(200);
    expect((await open(`/api/app/trips/${morning}`)).body.data.notices.map((n: any) => n.title)).toEqual(['乘车须知']);
    await put(w.admin1, `/api/admin/notices/${lineNotice}`, { kind: 'service_commitment', title: '服务承诺', body: '准点发车、上门接送。', lineIds: [w.lineId] });
    expect((await open('/api/app/trips/999999')).status).toBe(404);
  });

  describe('with the weather service down', () => {
    let adapter: any;
    let saved: { baseUrl: string; weatherCacheSeconds?: number };
    beforeAll(async () => {
      // the real adapter pointed at a port nobody listens on, without its cache
      adapter = await t.app.getApplicationContext().getAsync('mapPort');
      saved = { ...adapter.config };
      adapter.config.baseUrl = 'http://127.0.0.1:9';
      adapter.config.weatherCacheSeconds = 0;
    });
    afterAll(() => {
      Object.assign(adapter.config, saved);
    });

    it('R-6.2.2 the trip page still opens, with no weather rather than an error', async () => {
      const res = await open(`/api/app/trips/${morning}`);
      expect(res.status).toBe(200);
      expect(res.body.data.weather).toEqual({ origin: null, destination: null });
      expect(res.body.data.fares).toHaveLength(2);
    });
  });

  it('R-6.2.3 the seat map lists seats free over the whole journey; trips without seat selection have none', async () => {
    const res = await open(`/api/app/trips/${seated}/seats`, { fromSeq: 2, toSeq: 3 });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ capacity: 15, free: Array.from({ length: 15 }, (_, i) => i + 1) });
    const wrong = await open(`/api/app/trips/${seated}/seats`, { fromSeq: 3, toSeq: 1 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'fromSeq', reason: '站序 3 不允许上客' }]);
    expect((await open(`/api/app/trips/${morning}/seats`, { fromSeq: 1, toSeq: 3 })).status).toBe(422);
  });

  it('R-6.2.2 stops by city, by line, and near me (phone GPS in WGS-84 is converted before measuring)', async () => {
    const byCity = await open('/api/app/stops', { city: '4401' });
    expect(byCity.status).toBe(200);
    expect(byCity.body.data.map((s: any) => s.name['zh-CN'])).toEqual(['广州南站']);
    expect(byCity.body.data[0].lines).toEqual([{ id: w.lineId, name: '深圳—广州' }]);

    // BAT3 is approved for the line but on no route: not a place passengers can board
    const byLine = await open('/api/app/stops', { lineId: w.lineId });
    expect(byLine.body.data.map((s: any) => s.name['zh-CN']).sort()).toEqual(['广州南站', '深圳北站', '福田交通枢纽'].sort());

    // 深圳北站 is at GCJ-02 114.029525, 22.609726; GPS (WGS-84) reads the same place about 0.005° west and 0.003° north
    const near = await open('/api/app/stops', { near: '114.02462,22.61271', coordSys: 'wgs84' });
    expect(near.status).toBe(200);
    expect(near.body.data[0].name['zh-CN']).toBe('深圳北站');
    expect(near.body.data[0].distanceM).toBeLessThan(100);
    expect(near.body.data.map((s: any) => s.name['zh-CN'])).toEqual(['深圳北站', '福田交通枢纽']);
    expect(near.body.data[1].distanceM).toBeGreaterThan(5000);

    const none = await open('/api/app/stops');
    expect(none.status).toBe(422);
    const badPoint = await open('/api/app/stops', { near: '151.2,-33.8' });
    expect(badPoint.status).toBe(422);
  });

  it('R-6.2.2 travel information lists trips added at short notice and cancelled ones for the next days; home gathers it all', async () => {
    const added = await createTrip({ ...inMinutes(180), remark: '客流高峰加开' });
    const cancelled = await createTrip({ departDate: shanghaiDate(3), departTime: '15:00' });
    await t.request().post(`/api/admin/trips/${cancelled}/suspend`).set(w.admin1);
    await TripEntity.update({ status: 'cancelled', cancelReason: '台风停运', cancelledAt: new Date() }, { where: { id: cancelled } });

    const info = await open('/api/app/travel-info');
    expect(info.status).toBe(200);
    expect(info.body.data).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'trip_added', tripId: added, lineName: '深圳—广州', reason: '客流高峰加开' }),
      expect.objectContaining({ kind: 'trip_cancelled', tripId: cancelled, reason: '台风停运' }),
    ]));
    expect(info.body.data.some((x: any) => x.tripId === morning)).toBe(false);

    const home = await open('/api/app/home');
    expect(home.status).toBe(200);
    expect(home.body.data.cities).toEqual([{ code: '4401', name: '广州市' }, { code: '4403', name: '深圳市' }]);
    expect(home.body.data.notices.map((n: any) => n.title)).toEqual(expect.arrayContaining(['乘车须知', '服务承诺', '羊城公告']));
    expect(home.body.data.notices.map((n: any) => n.title)).not.toContain('草稿');
    expect(home.body.data.travelInfo.map((x: any) => x.tripId)).toEqual(expect.arrayContaining([added, cancelled]));
  });
});
