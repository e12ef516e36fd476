import { Op } from 'sequelize';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { FieldCipher } from '../../src/common/security/field-cipher.service';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, signIn } from '../support/fixtures';
import type { Auth } from '../basedata/helpers';
import { bookingWorld, createTrip, fixedOrder, liveSeatsPerSegment, passengerWithRiders, segmentsOf, type World } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('admin orders: scope, passenger history, search, masking, cancel (R-6.1.4, R-6.1.2)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  let service1: Auth;
  let cipher: FieldCipher;
  const book = async (p: Passenger, body: object) => {
    const res = await t.request().post('/api/app/orders').set(p.auth).send(body);
    if (res.status !== 200) throw new Error(`booking: ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const list = (auth: Auth, query: object = {}) => t.request().get('/api/admin/orders').query({ pageSize: 100, ...query }).set(auth);
  const get = (auth: Auth, id: number) => t.request().get(`/api/admin/orders/${id}`).set(auth);
  const cancel = (auth: Auth, id: number, reason?: string) => t.request().post(`/api/admin/orders/${id}/cancel`).set(auth).send(reason ? { reason } : {});
  const ids = (res: { body: any }) => res.body.data.items.map((o: any) => o.id) as number[];
  const refusal = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.errorCode, message: res.body.errorMessage });

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'ao');
    a = await passengerWithRiders(t, 'ao-alice', ['1990-05-01', '1991-06-02', '1992-07-03']);
    b = await passengerWithRiders(t, 'ao-bob', ['1988-02-02', '1987-03-03']);
    const cs = await createAdmin(t.app, { username: 'ao_cs1', orgId: w.op1.id, roles: ['customer_service'] });
    service1 = bearer((await signIn(t.request, cs)).accessToken);
    cipher = await t.app.getApplicationContext().getAsync(FieldCipher);
  });
  afterAll(async () => t.close());

  it('R-6.1.4 operator staff see only their operator\'s orders: another operator\'s order answers 404 like a missing one and is left out of lists; platform staff see all', async () => {
    const trip1 = await createTrip(w);
    const trip2 = await createTrip(w, { orgId: w.op2.id });
    const o1 = await book(a, fixedOrder(trip1.id, [a.riders[0]]));
    const o2 = await book(b, fixedOrder(trip2.id, [b.riders[0]]));
    expect([o1.orgId, o2.orgId]).toEqual([w.op1.id, w.op2.id]);

    const missing = refusal(await get(w.admin1, 99_999_999));
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await get(w.admin1, o2.id))).toEqual(missing);
    expect(refusal(await get(w.admin2, o1.id))).toEqual(missing);
    expect((await get(w.admin1, o1.id)).body.data).toMatchObject({ id: o1.id, orderNo: o1.orderNo });
    expect((await get(w.admin2, o2.id)).body.data).toMatchObject({ id: o2.id, orderNo: o2.orderNo });

    const of1 = await list(w.admin1);
    expect(ids(of1)).toContain(o1.id);
    expect(ids(of1)).not.toContain(o2.id);
    expect(of1.body.data.items.every((o: any) => o.orgName === w.op1.name)).toBe(true);
    expect(of1.body.data.total).toBe(await OrderEntity.count({ where: { orgId: w.op1.id } }));
    const of2 = await list(w.admin2);
    expect(ids(of2)).toEqual([o2.id]);
    // asking for the other operator by name finds nothing either
    expect((await list(w.admin1, { orgId: w.op2.id })).body.data).toMatchObject({ items: [], total: 0 });
    expect(ids(await list(w.admin1, { tripId: trip2.id }))).toEqual([]);

    expect((await get(w.platform, o1.id)).status).toBe(200);
    expect((await get(w.platform, o2.id)).status).toBe(200);
    expect(ids(await list(w.platform))).toEqual(expect.arrayContaining([o1.id, o2.id]));
    expect(ids(await list(w.platform, { orgId: w.op2.id }))).toEqual([o2.id]);
    // regulators get the regulator feeds, not order handling
    const reg = await list(w.regulator);
    expect(reg.status).toBe(403);
    expect((await get(w.regulator, o1.id)).status).toBe(403);
    for (const o of [o1, o2]) await cancel(w.platform, o.id);
  });

  it('R-6.1.2 a passenger\'s booking history: ?endUserId= lists that account\'s orders, newest first, within the caller\'s scope', async () => {
    const [trip1, trip2] = [await createTrip(w), await createTrip(w)];
    const trip3 = await createTrip(w, { orgId: w.op2.id });
    const first = await book(a, fixedOrder(trip1.id, [a.riders[1]]));
    const second = await book(a, fixedOrder(trip2.id, [a.riders[1]], { fromSeq: 2, toSeq: 3 }));
    const elsewhere = await book(a, fixedOrder(trip3.id, [a.riders[1]]));
    const other = await book(b, fixedOrder(trip1.id, [b.riders[1]]));

    const history = await list(w.admin1, { endUserId: a.id });
    expect(history.status).toBe(200);
    const seen = ids(history);
    expect(seen.indexOf(second.id)).toBeLessThan(seen.indexOf(first.id));
    expect(seen).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(seen).not.toContain(elsewhere.id);
    expect(seen).not.toContain(other.id);
    expect(history.body.data.items.every((o: any) => o.endUserId === a.id)).toBe(true);
    expect(history.body.data.total).toBe(await OrderEntity.count({ where: { endUserId: a.id, orgId: w.op1.id } }));
    // platform staff see the whole history, both operators
    expect(ids(await list(w.platform, { endUserId: a.id }))).toEqual(expect.arrayContaining([first.id, second.id, elsewhere.id]));
    for (const o of [first, second, elsewhere, other]) await cancel(w.platform, o.id);
  });

  it('R-6.1.4 the keyword finds an order by its number (whole or its leading part) and by the contact phone through the blind index; phone searches are audited', async () => {
    const trip = await createTrip(w);
    const phone = '13712345678';
    const byPhone = await book(a, fixedOrder(trip.id, [a.riders[2]], { contactPhone: phone }));
    const otherPhone = await book(b, fixedOrder(trip.id, [b.riders[0]], { contactPhone: '13787654321' }));

    // the phone is stored encrypted and found only through its HMAC
    const row = (await OrderEntity.findByPk(byPhone.id))!;
    expect(row.contactPhoneEnc).not.toContain(phone);
    expect(row.contactPhoneBidx).not.toContain(phone);
    expect(cipher.decrypt(row.contactPhoneEnc)).toBe(phone);

    const found = await list(w.admin1, { keyword: phone });
    expect(ids(found)).toEqual([byPhone.id]);
    expect(found.body.data.items[0].contactPhoneMasked).toBe('137****5678');
    const searches = await AuditRecordEntity.findAll({ where: { action: 'order.search' } });
    expect(searches.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(searches.map((s) => s.toJSON()))).not.toContain(phone);
    // another operator's staff find nothing with the same phone
    expect(ids(await list(w.admin2, { keyword: phone }))).toEqual([]);

    expect(ids(await list(w.admin1, { keyword: byPhone.orderNo }))).toEqual([byPhone.id]);
    expect(ids(await list(w.admin1, { keyword: otherPhone.orderNo }))).toEqual([otherPhone.id]);
    const leading = ids(await list(w.admin1, { keyword: byPhone.orderNo.slice(0, 10) }));
    expect(leading).toEqual(expect.arrayContaining([byPhone.id]));
    // LIKE's wildcards are no part of an order number: they match nothing, not everything
    for (const keyword of ['%', '_', 'DZ%']) expect((await list(w.admin1, { keyword })).body.data.total).toBe(0);
    expect((await list(w.admin1, { keyword: '13700000000' })).body.data.total).toBe(0);
    await cancel(w.admin1, byPhone.id);
    await cancel(w.admin1, otherPhone.id);
  });

  it('R-6.1.4 the departure date range filters by the trip\'s day', async () => {
    const soon = await createTrip(w, { inHours: 30 });
    const later = await createTrip(w, { inHours: 24 * 6 });
    const o1 = await book(a, fixedOrder(soon.id, [a.riders[0]]));
    const o2 = await book(a, fixedOrder(later.id, [a.riders[0]]));
    const onSoon = ids(await list(w.admin1, { dateFrom: soon.departDate, dateTo: soon.departDate }));
    expect(onSoon).toContain(o1.id);
    expect(onSoon).not.toContain(o2.id);
    const fromLater = ids(await list(w.admin1, { dateFrom: later.departDate }));
    expect(fromLater).toContain(o2.id);
    expect(fromLater).not.toContain(o1.id);
    expect(ids(await list(w.admin1, { dateTo: soon.departDate }))).not.toContain(o2.id);
    await cancel(w.admin1, o1.id);
    await cancel(w.admin1, o2.id);
  });

  it('R-6.1.4 phone and ID numbers leave only masked: the list and the order never carry them whole', async () => {
    const trip = await createTrip(w);
    const phone = '13955556666';
    const order = await book(b, fixedOrder(trip.id, b.riders, { contactPhone: phone }));
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id } });
    const idNumbers = tickets.map((tk) => cipher.decrypt(tk.idNumberEnc) as string);
    expect(idNumbers).toHaveLength(2);

    const listed = await list(w.admin1, { tripId: trip.id });
    const one = await get(w.admin1, order.id);
    const mine = await t.request().get(`/api/app/orders/${order.id}`).set(b.auth);
    for (const res of [listed, one, mine]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(phone);
      for (const n of idNumbers) expect(text).not.toContain(n);
    }
    expect(listed.body.data.items[0].contactPhoneMasked).toBe('139****6666');
    expect(one.body.data.contactPhoneMasked).toBe('139****6666');
    for (const tk of one.body.data.tickets) expect(tk.idNumberMasked).toMatch(/^110\*{11}\d{3}[\dX]$/);
    await cancel(w.admin1, order.id);
  });

  it('R-6.1.4 staff cancel an unpaid order: its seats go back on sale, tickets released, order.cancelled with the reason; another operator gets 404 and changes nothing', async () => {
    const trip = await createTrip(w, { capacity: 7, sold: [5, 5] });
    const order = await book(a, fixedOrder(trip.id, [a.riders[0], a.riders[1]]));
    expect(await segmentsOf(trip.id)).toEqual([7, 7]);
    // full: nobody else gets a seat
    const full = await t.request().post('/api/app/orders').set(b.auth).send(fixedOrder(trip.id, [b.riders[0]]));
    expect(full.body.errorCode).toBe('ORDER.SEAT_SOLD_OUT');

    const outsider = await cancel(w.admin2, order.id, '越权');
    expect(refusal(outsider)).toEqual(refusal(await get(w.admin2, 99_999_999)));
    // order:read alone does not cancel
    const dispatcher = await cancel(w.dispatcher1, order.id);
    expect([dispatcher.status, dispatcher.body.errorCode]).toEqual([403, 'ACCESS.DENIED']);
    expect((await OrderEntity.findByPk(order.id))!.status).toBe('pending_payment');
    expect(await segmentsOf(trip.id)).toEqual([7, 7]);

    const done = await cancel(service1, order.id, '乘客来电取消');
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'cancelled', cancelReason: '乘客来电取消', holdExpiresAt: null });
    expect(done.body.data.tickets.map((tk: any) => tk.status)).toEqual(['released', 'released']);
    expect(await segmentsOf(trip.id)).toEqual([5, 5]);
    expect(await liveSeatsPerSegment(trip.id)).toEqual([0, 0]);
    expect(await TicketEntity.count({ where: { orderId: order.id, live: true } })).toBe(0);
    const events = await OutboxEventEntity.findAll({ where: { aggregateType: 'order', aggregateId: order.id }, order: [['id', 'ASC']] });
    expect(events.map((e) => e.type)).toEqual(['order.created', 'order.cancelled']);
    expect(events[1].payload).toMatchObject({ event: 'PASSENGER_CANCELLED', status: 'cancelled', reason: '乘客来电取消', tickets: [{ status: 'released' }, { status: 'released' }] });
    const audit = await AuditRecordEntity.findOne({ where: { action: 'order.cancel', targetId: String(order.id) } });
    expect(audit).toMatchObject({ category: 'admin_write', result: 'success' });

    // the seats are on sale again
    const resold = await t.request().post('/api/app/orders').set(b.auth).send(fixedOrder(trip.id, [b.riders[0]]));
    expect(resold.status).toBe(200);
    // a second cancel answers the cancelled order and releases nothing more
    const again = await cancel(w.admin1, order.id);
    expect([again.status, again.body.data.status]).toEqual([200, 'cancelled']);
    expect(await segmentsOf(trip.id)).toEqual([6, 6]);
    expect(await OutboxEventEntity.count({ where: { aggregateId: order.id, type: 'order.cancelled' } })).toBe(1);
    await cancel(w.admin1, resold.body.data.id);
  });

  it('R-6.1.4 a paid order is not cancelled by staff (it is refunded), and nothing changes', async () => {
    const trip = await createTrip(w);
    const order = await book(b, fixedOrder(trip.id, [b.riders[1]]));
    await OrderEntity.update({ status: 'paid', paidAt: new Date(), holdExpiresAt: null }, { where: { id: order.id } });
    await TicketEntity.update({ status: 'issued' }, { where: { orderId: order.id } });
    const res = await cancel(w.admin1, order.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ errorCode: 'ORDER.STATE_INVALID', errorMessage: '只能取消待支付的订单；已支付的订单请走退款' });
    expect((await OrderEntity.findByPk(order.id))!.status).toBe('paid');
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);
    expect(await TicketEntity.count({ where: { orderId: order.id, status: 'issued', live: true } })).toBe(1);
    expect(await OutboxEventEntity.count({ where: { aggregateType: 'order', aggregateId: order.id, type: { [Op.ne]: 'order.created' } } })).toBe(0);
  });
});
