import { Op } from 'sequelize';
import { DatabaseService } from '../../src/common/db/database.service';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { TicketEntity } from '../../src/modules/booking/entity';
import { TripEntity, TripSegmentEntity } from '../../src/modules/trip/entity';
import { TripService } from '../../src/modules/trip/service/trip.service';
import { startApp, type TestApp } from '../support/app';
import { inMinutes, routeStops, setSold, shanghaiDate, tripWorld, type Auth } from './helpers';

describe('trips: scheduling, capacity, sales pauses (R-6.1.3, R-6.2.2)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tripWorld>>;
  const post = (auth: Auth, path: string, body: object = {}) => t.request().post(path).set(auth).send(body);
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const get = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth);
  const trip = (over: object = {}) => ({ routeId: w.routeId, departDate: shanghaiDate(3), departTime: '09:00', vehicleType: 'medium', serviceLevel: 'standard', capacity: 19, ...over });
  const fields = (res: any) => (res.body.errors ?? []).map((e: any) => e.field);

  beforeAll(async () => {
    t = await startApp();
    w = await tripWorld(t, 't');
  });
  afterAll(async () => t.close());

  it('R-6.1.3 a trip snapshots the route stops, opens n−1 empty segments, publishes an outbox event and an audit record', async () => {
    const res = await post(w.dispatcher1, '/api/admin/trips', trip({ remark: '首班' }));
    expect(res.status).toBe(200);
    const view = res.body.data;
    expect(view).toMatchObject({
      routeId: w.routeId, routeCode: 'SZ-GZ', routeName: '深圳北站—广州南站', lineName: '深圳—广州', licenceNo: 't粤交运线许可深字440300-0001',
      orgId: w.op1.id, departDate: shanghaiDate(3), departTime: '09:00', capacity: 19, status: 'on_sale', saleState: 'open',
      seatsLeft: 19, segments: [{ segNo: 1, sold: 0 }, { segNo: 2, sold: 0 }], ticketCount: 0, temporary: false, remark: '首班',
    });
    // 09:00 Shanghai is 01:00 UTC; arrival after 25 + 95 minutes
    expect(view.departAt).toBe(`${shanghaiDate(3)}T01:00:00.000Z`);
    expect(view.arriveAt).toBe(`${shanghaiDate(3)}T03:00:00.000Z`);
    const row = (await TripEntity.findByPk(view.id))!;
    expect(row.stops.map((s) => [s.seq, s.stopId, s.pickup, s.dropoff])).toEqual(routeStops(w.stopIds).map((s) => [s.seq, s.stopId, s.pickup, s.dropoff]));

    const events = await OutboxEventEntity.findAll({ where: { aggregateType: 'trip', aggregateId: view.id } });
    expect(events.map((e) => [e.type, e.version, e.orgId])).toEqual([['trip.published', 1, w.op1.id]]);
    expect(events[0].payload).toMatchObject({ tripId: view.id, routeCode: 'SZ-GZ', licenceNo: 't粤交运线许可深字440300-0001', capacity: 19, status: 'on_sale', temporary: false, reason: null });
    expect(await AuditRecordEntity.count({ where: { action: 'trip.create', targetId: String(view.id) } })).toBe(1);

    const dup = await post(w.dispatcher1, '/api/admin/trips', trip());
    expect(dup.status).toBe(409);
    expect(dup.body.errorCode).toBe('TRIP.DUPLICATE');
    // another service level at the same time is another trip
    expect((await post(w.dispatcher1, '/api/admin/trips', trip({ serviceLevel: 'business' }))).status).toBe(200);
  });

  it('R-6.1.3 refuses a past departure, a capacity outside 7 … the fleet\'s largest approved seats, and a type the operator has no vehicle of', async () => {
    const past = await post(w.admin1, '/api/admin/trips', trip({ ...inMinutes(-10) }));
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ field: 'departTime', reason: '发车时间已过，只能为将来的时间排班' }]);

    const small = await post(w.admin1, '/api/admin/trips', trip({ capacity: 6 }));
    expect(small.status).toBe(422);
    expect(fields(small)).toEqual(['capacity']);
    expect(small.body.errors[0].reason).toContain('不小于 7');

    // op1's enabled medium vehicles have 19 and 15 seats; the disabled 33-seat one does not count
    const big = await post(w.admin1, '/api/admin/trips', trip({ capacity: 20, departTime: '10:00' }));
    expect(big.status).toBe(422);
    expect(big.body.errors).toEqual([{ field: 'capacity', reason: '座位数不能超过本运营方中型客车的最大核定座位数 19' }]);

    // the only small vehicle is disabled; large vehicles belong to another operator
    for (const vehicleType of ['small', 'large']) {
      const none = await post(w.admin1, '/api/admin/trips', trip({ vehicleType, capacity: 7, departTime: '10:00' }));
      expect(none.status).toBe(422);
      expect(fields(none)).toEqual(['vehicleType']);
      expect(none.body.errors[0].reason).toMatch(/^本运营方没有启用的.+车辆档案/);
    }

    const bad = await post(w.admin1, '/api/admin/trips', trip({ departDate: '2026-02-30' }));
    expect(bad.status).toBe(422);
    expect(fields(bad)).toEqual(['departDate']);
  });

  it('R-6.1.3 refuses a route that cannot run on the departure day: disabled, or licence not in force then', async () => {
    await post(w.admin1, `/api/admin/routes/${w.routeId}/disable`);
    const disabled = await post(w.admin1, '/api/admin/trips', trip({ departTime: '11:00' }));
    expect(disabled.status).toBe(422);
    expect(disabled.body.errors[0]).toMatchObject({ field: 'routeId' });
    expect(disabled.body.errors[0].reason).toContain('线路已停用');
    await post(w.admin1, `/api/admin/routes/${w.routeId}/enable`);

    // the licence ends in 2 days: a trip in 3 days is refused, one tomorrow is fine
    await put(w.admin1, `/api/admin/lines/${w.lineId}`, { validUntil: shanghaiDate(2) });
    const late = await post(w.admin1, '/api/admin/trips', trip({ departTime: '11:00' }));
    expect(late.status).toBe(422);
    expect(late.body.errors[0].reason).toBe(`线路在 ${shanghaiDate(3)} 不可运营：班线许可已于 ${shanghaiDate(2)} 过期`);
    expect((await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(1), departTime: '11:00' }))).status).toBe(200);
    await put(w.admin1, `/api/admin/lines/${w.lineId}`, { validUntil: '2029-12-31' });

    // a route of another operator does not exist for op2's staff
    const foreign = await post(w.admin2, '/api/admin/trips', trip({ vehicleType: 'large', capacity: 45 }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.errors).toEqual([{ field: 'routeId', reason: '线路不存在' }]);
  });

  it('R-6.1.3 a timetable creates every time on every chosen weekday in one go, and skips what exists', async () => {
    const from = shanghaiDate(10);
    const to = shanghaiDate(13);
    const existing = await post(w.admin1, '/api/admin/trips', trip({ departDate: from, departTime: '07:30' }));
    expect(existing.status).toBe(200);
    const outboxBefore = await OutboxEventEntity.count({ where: { type: 'trip.published' } });
    const batch = { routeId: w.routeId, dateFrom: from, dateTo: to, departTimes: ['07:30', '18:30'], vehicleType: 'medium', serviceLevel: 'standard', capacity: 15 };
    const res = await post(w.admin1, '/api/admin/trips/batch', batch);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 7, skipped: 1 });
    expect(res.body.data.tripIds).toHaveLength(7);
    expect(await OutboxEventEntity.count({ where: { type: 'trip.published' } })).toBe(outboxBefore + 7);
    expect(await TripSegmentEntity.count({ where: { tripId: { [Op.in]: res.body.data.tripIds } } })).toBe(14);

    const again = await post(w.admin1, '/api/admin/trips/batch', batch);
    expect(again.body.data).toEqual({ created: 0, skipped: 8, tripIds: [] });

    // weekdays: only the Mondays of a two-week range
    const weekly = await post(w.admin1, '/api/admin/trips/batch', { ...batch, dateFrom: shanghaiDate(20), dateTo: shanghaiDate(33), weekdays: [1], departTimes: ['12:30'] });
    expect(weekly.body.data.created).toBe(2);
    const mondays = await TripEntity.findAll({ where: { id: { [Op.in]: weekly.body.data.tripIds } } });
    for (const m of mondays) expect(new Date(`${m.departDate}T00:00:00Z`).getUTCDay()).toBe(1);

    const tooLong = await post(w.admin1, '/api/admin/trips/batch', { ...batch, dateFrom: shanghaiDate(1), dateTo: shanghaiDate(63) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([{ field: 'dateTo', reason: '一次最多排 62 天的班次' }]);
    const badTimes = await post(w.admin1, '/api/admin/trips/batch', { ...batch, departTimes: ['07:30', '07:30'] });
    expect(fields(badTimes)).toEqual(['departTimes[1]']);
  });

  it('R-6.2.3 capacity shrinks only down to the most seats sold on any segment; seat selection stays while tickets exist', async () => {
    const created = await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(5), departTime: '15:00' }));
    const id = created.body.data.id;
    await setSold(id, { 1: 3, 2: 12 });
    const below = await put(w.admin1, `/api/admin/trips/${id}`, { capacity: 11 });
    expect(below.status).toBe(409);
    expect(below.body.errorCode).toBe('TRIP.CAPACITY_BELOW_SOLD');
    expect(below.body.errors).toEqual([{ field: 'capacity', reason: '已售 12 座，座位数不能少于 12' }]);
    expect((await TripEntity.findByPk(id))!.capacity).toBe(19);

    const shrunk = await put(w.admin1, `/api/admin/trips/${id}`, { capacity: 12, remark: '换 15 座车' });
    expect(shrunk.status).toBe(200);
    expect(shrunk.body.data).toMatchObject({ capacity: 12, seatsLeft: 0, saleState: 'sold_out', remark: '换 15 座车' });
    const changed = await OutboxEventEntity.findAll({ where: { aggregateId: id, type: 'trip.changed' } });
    expect(changed.map((e) => (e.payload as any).capacity)).toEqual([12]);
    // growing above the fleet's largest approved seats is still refused
    expect((await put(w.admin1, `/api/admin/trips/${id}`, { capacity: 25 })).status).toBe(422);

    await TicketEntity.create({
      ticketNo: 'T-TEST-1', orderId: 1, tripId: id, riderId: 1, riderName: '张三', idType: 'id_card', idNumberEnc: 'x', idNumberBidx: 'bidx-1',
      ticketType: 'adult', seatNo: null, fromSeq: 1, toSeq: 3, priceFen: 6500, status: 'held', live: true,
    });
    const switched = await put(w.admin1, `/api/admin/trips/${id}`, { seatSelection: true });
    expect(switched.status).toBe(409);
    expect(switched.body.errors).toEqual([{ field: 'seatSelection', reason: '已有 1 张有效车票，不能切换是否选座' }]);
    expect((await get(w.admin1, `/api/admin/trips/${id}`)).body.data.ticketCount).toBe(1);
  });

  it('R-6.2.2 suspend and resume move only from the right state, each with an outbox event', async () => {
    const created = await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(6) }));
    const id = created.body.data.id;
    const wrong = await post(w.admin1, `/api/admin/trips/${id}/resume`);
    expect(wrong.status).toBe(409);
    expect(wrong.body.errorCode).toBe('TRIP.STATE_INVALID');
    const paused = await post(w.dispatcher1, `/api/admin/trips/${id}/suspend`);
    expect(paused.body.data).toMatchObject({ status: 'suspended', saleState: 'suspended' });
    expect((await post(w.dispatcher1, `/api/admin/trips/${id}/suspend`)).body.errorCode).toBe('TRIP.STATE_INVALID');
    const resumed = await post(w.dispatcher1, `/api/admin/trips/${id}/resume`);
    expect(resumed.body.data).toMatchObject({ status: 'on_sale', saleState: 'open' });
    const events = await OutboxEventEntity.findAll({ where: { aggregateId: id, aggregateType: 'trip' }, order: [['id', 'ASC']] });
    expect(events.map((e) => [e.type, (e.payload as any).status])).toEqual([['trip.published', 'on_sale'], ['trip.changed', 'suspended'], ['trip.changed', 'on_sale']]);
    expect(await AuditRecordEntity.count({ where: { targetType: 'trip', targetId: String(id), action: { [Op.in]: ['trip.suspend', 'trip.resume'] } } })).toBe(2);
  });

  it('R-6.2.2 markCancelled (booking\'s trip cancellation) records the reason and writes trip.cancelled in the caller\'s transaction', async () => {
    const created = await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(7) }));
    const id = created.body.data.id;
    const ctx = t.app.getApplicationContext();
    const [service, db] = await Promise.all([ctx.getAsync(TripService), ctx.getAsync(DatabaseService)]);
    const origin = { ip: '127.0.0.1', userAgent: null, requestId: null };
    await db.transaction(async (tx) => service.markCancelled(tx, (await TripEntity.findByPk(id, { transaction: tx }))!, '  台风停运  ', origin));
    const view = (await get(w.admin1, `/api/admin/trips/${id}`)).body.data;
    expect(view).toMatchObject({ status: 'cancelled', saleState: 'cancelled', cancelReason: '台风停运' });
    expect(view.cancelledAt).toEqual(expect.any(String));
    const event = await OutboxEventEntity.findOne({ where: { aggregateId: id, type: 'trip.cancelled' } });
    expect(event!.payload).toMatchObject({ status: 'cancelled', reason: '台风停运' });
    await expect(db.transaction(async (tx) => service.markCancelled(tx, (await TripEntity.findByPk(id, { transaction: tx }))!, '再取消', origin))).rejects.toMatchObject({ errorCode: 'TRIP.STATE_INVALID' });
    // a cancelled trip is not edited any more
    expect((await put(w.admin1, `/api/admin/trips/${id}`, { capacity: 15 })).body.errorCode).toBe('TRIP.STATE_INVALID');
    // a rolled-back transaction leaves neither the status nor the event behind
    const other = (await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(7), departTime: '18:30' }))).body.data.id;
    await expect(db.transaction(async (tx) => {
      await service.markCancelled(tx, (await TripEntity.findByPk(other, { transaction: tx }))!, '测试回滚', origin);
      throw new Error('booking failed later');
    })).rejects.toThrow('booking failed later');
    expect((await TripEntity.findByPk(other))!.status).toBe('on_sale');
    expect(await OutboxEventEntity.count({ where: { aggregateId: other, type: 'trip.cancelled' } })).toBe(0);
  });

  it('R-6.1.2 scope: another operator cannot read, list or change the trip (404); platform staff see all', async () => {
    const id = (await post(w.admin1, '/api/admin/trips', trip({ departDate: shanghaiDate(8) }))).body.data.id;
    expect((await get(w.admin2, `/api/admin/trips/${id}`)).status).toBe(404);
    expect((await put(w.admin2, `/api/admin/trips/${id}`, { capacity: 10 })).status).toBe(404);
    expect((await post(w.admin2, `/api/admin/trips/${id}/suspend`)).status).toBe(404);
    const list2 = await get(w.admin2, '/api/admin/trips', { pageSize: 100 });
    expect(list2.body.data.total).toBe(0);
    expect((await get(w.platform, `/api/admin/trips/${id}`)).status).toBe(200);

    const list1 = await get(w.admin1, '/api/admin/trips', { dateFrom: shanghaiDate(8), dateTo: shanghaiDate(8), status: 'on_sale', keyword: 'SZ-GZ' });
    expect(list1.body.data.items.map((x: any) => x.id)).toEqual([id]);
    // an op2 filter through an op1 account finds nothing rather than op2's trips
    expect((await get(w.admin1, '/api/admin/trips', { orgId: w.op2.id })).body.data.total).toBe(0);
  });

  it('R-6.1.1 a route\'s stops cannot change while it has trips still to run (zones point at its stop positions)', async () => {
    const stops = routeStops(w.stopIds);
    const future = await TripEntity.count({ where: { routeId: w.routeId, status: { [Op.ne]: 'cancelled' }, departAt: { [Op.gt]: new Date() } } });
    expect(future).toBeGreaterThan(0);
    const changed = await put(w.admin1, `/api/admin/routes/${w.routeId}`, { stops: stops.map((s) => (s.seq === 3 ? { ...s, minutesFromPrev: 100 } : s)) });
    expect(changed.status).toBe(409);
    expect(changed.body.errorCode).toBe('BASEDATA.IN_USE');
    expect(changed.body.errors).toEqual([{ field: 'stops', reason: `线路还有 ${future} 个未发车的班次，不能修改站点；请先取消这些班次，或另建一条线路` }]);
    // the same stops (a form that always sends them) and other fields still save
    const renamed = await put(w.admin1, `/api/admin/routes/${w.routeId}`, { name: '深圳北站—广州南站（快线）', stops });
    expect(renamed.status).toBe(200);

    // once no trip is left to run, the stops may change
    await TripEntity.update({ status: 'cancelled' }, { where: { routeId: w.routeId } });
    const later = await put(w.admin1, `/api/admin/routes/${w.routeId}`, { stops: stops.map((s) => (s.seq === 3 ? { ...s, minutesFromPrev: 100 } : s)) });
    expect(later.status).toBe(200);
  });
});
