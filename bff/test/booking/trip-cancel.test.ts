import { Op } from 'sequelize';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { DomainError } from '../../src/common/error/domain.error';
import { FieldCipher } from '../../src/common/security/field-cipher.service';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { OrderLifecycle } from '../../src/modules/booking/service/order-lifecycle.service';
import { WechatIdentityEntity } from '../../src/modules/account/entity/end-user.entity';
import { NotificationDeliveryEntity } from '../../src/modules/notification/entity';
import { TripEntity } from '../../src/modules/trip/entity';
import { startApp, type TestApp } from '../support/app';
import type { Auth } from '../basedata/helpers';
import { bookingWorld, createTrip, fixedOrder, liveSeatsPerSegment, passengerWithRiders, segmentsOf, type World } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('trip manifest and trip cancellation (R-6.2.2, R-6.1.4)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  let c: Passenger;
  let d: Passenger;
  let cipher: FieldCipher;
  const book = async (p: Passenger, body: object) => {
    const res = await t.request().post('/api/app/orders').set(p.auth).send(body);
    if (res.status !== 200) throw new Error(`booking: ${JSON.stringify(res.body)}`);
    return res.body.data;
  };
  const manifest = (auth: Auth, tripId: number) => t.request().get(`/api/admin/trips/${tripId}/manifest`).set(auth);
  const cancelTrip = (auth: Auth, tripId: number, reason = '台风停运') => t.request().post(`/api/admin/trips/${tripId}/cancel`).set(auth).send({ reason });
  const sms = (phone: string) => t.sandbox.sms.messages(phone);
  const orderEvents = async (orderIds: number[]) =>
    (await OutboxEventEntity.findAll({ where: { aggregateType: 'order', aggregateId: { [Op.in]: orderIds } }, order: [['id', 'ASC']] })).map((e) => ({ id: e.aggregateId, type: e.type, payload: e.payload as any }));
  const statusOf = async (id: number) => (await OrderEntity.findByPk(id))!.status;
  const markPaid = async (orderId: number) => {
    await OrderEntity.update({ status: 'paid', paidAt: new Date(), holdExpiresAt: null }, { where: { id: orderId } });
    await TicketEntity.update({ status: 'issued' }, { where: { orderId } });
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'tc');
    a = await passengerWithRiders(t, 'tc-alice', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'tc-bob', ['1988-02-02']);
    c = await passengerWithRiders(t, 'tc-carol', ['1992-06-06', '1993-07-07']);
    d = await passengerWithRiders(t, 'tc-dave', ['1979-09-09', '1980-10-10']);
    cipher = await t.app.getApplicationContext().getAsync(FieldCipher);
  });
  afterAll(async () => t.close());

  describe('manifest', () => {
    it('R-6.1.4 the manifest lists who rides: riders, journeys, seats, door-to-door points and masked ID numbers; released tickets are left out', async () => {
      const trip = await createTrip(w, { capacity: 7, seatSelection: true });
      const pair = await book(a, fixedOrder(trip.id, [], { riders: [{ riderId: a.riders[0], ticketType: 'adult', seatNo: 5 }, { riderId: a.riders[1], ticketType: 'adult', seatNo: 2 }] }));
      const door = await book(b, fixedOrder(trip.id, [b.riders[0]], {
        mode: 'door', fromSeq: undefined, toSeq: undefined,
        pickup: { lng: 114.05, lat: 22.54, address: '福田区福华三路 88 号' }, dropoff: { lng: 113.27, lat: 22.98, address: '海珠区新港东路' },
      }));
      const gone = await book(c, fixedOrder(trip.id, [c.riders[0]], { fromSeq: 1, toSeq: 2 }));
      await t.request().post(`/api/app/orders/${gone.id}/cancel`).set(c.auth).send({});

      const res = await manifest(w.dispatcher1, trip.id);
      expect(res.status).toBe(200);
      const { trip: view, tickets } = res.body.data;
      expect(view).toMatchObject({ id: trip.id, status: 'on_sale', capacity: 7 });
      // seats in order; the cancelled order's rider is not on board
      expect(tickets.map((tk: any) => [tk.seatNo, tk.orderNo, tk.fromSeq, tk.toSeq])).toEqual([
        [1, door.orderNo, 2, 3],
        [2, pair.orderNo, 1, 3],
        [5, pair.orderNo, 1, 3],
      ]);
      const riderNames = [pair.tickets[1].riderName, pair.tickets[0].riderName];
      expect(tickets.slice(1).map((tk: any) => tk.riderName)).toEqual(riderNames);
      expect(tickets[1]).toMatchObject({ status: 'held', ticketType: 'adult', pickup: { seq: 1, stopName: { 'zh-CN': '深圳北站' } }, dropoff: { seq: 3, stopName: { 'zh-CN': '广州南站' } } });
      expect(tickets[0]).toMatchObject({
        pickup: { seq: 2, zoneName: '福田中心区', point: { address: '福田区福华三路 88 号' } },
        dropoff: { seq: 3, zoneName: '天河/海珠下客区', point: { address: '海珠区新港东路' } },
      });
      for (const tk of tickets) expect(tk.idNumberMasked).toMatch(/^110\*{11}\d{3}[\dX]$/);
      const whole = (await TicketEntity.findAll({ where: { tripId: trip.id } })).map((tk) => cipher.decrypt(tk.idNumberEnc) as string);
      expect(whole).toHaveLength(4);
      for (const n of whole) expect(JSON.stringify(res.body)).not.toContain(n);
    });

    it('R-6.1.4 the manifest belongs to the trip\'s operator: another operator gets 404 like a missing trip; platform staff may read it', async () => {
      const trip = await createTrip(w);
      await book(d, fixedOrder(trip.id, [d.riders[0]]));
      const missing = await manifest(w.admin2, 99_999_999);
      const other = await manifest(w.admin2, trip.id);
      expect([other.status, other.body.errorCode, other.body.errorMessage]).toEqual([404, 'NOT_FOUND', missing.body.errorMessage]);
      expect(other.body.data).toBeNull();
      expect((await manifest(w.admin1, trip.id)).body.data.tickets).toHaveLength(1);
      expect((await manifest(w.platform, trip.id)).body.data.tickets).toHaveLength(1);
      expect((await manifest(w.regulator, trip.id)).status).toBe(403);
      // and the other operator's own trip is theirs alone
      const theirs = await createTrip(w, { orgId: w.op2.id });
      expect((await manifest(w.admin1, theirs.id)).status).toBe(404);
      expect((await manifest(w.admin2, theirs.id)).body.data.tickets).toEqual([]);
    });
  });

  describe('cancelling a trip at short notice', () => {
    it('R-6.2.2 R-6.2.5 every live order is cancelled in one transaction: seats released, an outbox event per order, passengers told once per phone (WeChat subscribe message, else SMS), deliveries recorded', async () => {
      const trip = await createTrip(w, { inHours: 3, capacity: 19, sold: [0, 0] });
      const P = { a: '13600000001', b: '13600000002', c: '13600000003', d: '13600000004', paid: '13600000005', due: '13600000006' };
      const oa = await book(a, fixedOrder(trip.id, a.riders, { contactPhone: P.a }));
      const ob = await book(b, fixedOrder(trip.id, [b.riders[0]], { contactPhone: P.b, fromSeq: 2, toSeq: 3 }));
      // one passenger, two orders, one phone: told once
      const oc1 = await book(c, fixedOrder(trip.id, [c.riders[0]], { contactPhone: P.c }));
      const oc2 = await book(c, fixedOrder(trip.id, [c.riders[1]], { contactPhone: P.c, fromSeq: 1, toSeq: 2 }));
      // cancelled before: left alone, not told
      const od = await book(d, fixedOrder(trip.id, [d.riders[0]], { contactPhone: P.d }));
      await t.request().post(`/api/app/orders/${od.id}/cancel`).set(d.auth).send({});
      // paid: goes to refunding and is told
      const paid = await book(d, fixedOrder(trip.id, [d.riders[1]], { contactPhone: P.paid }));
      await markPaid(paid.id);
      // a hold that ended before the sweeper came: expires, nothing to tell
      const erin = await passengerWithRiders(t, 'tc-erin', ['1971-02-02']);
      const late = await book(erin, fixedOrder(trip.id, [erin.riders[0]], { contactPhone: P.due }));
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: late.id } });
      expect(await segmentsOf(trip.id)).toEqual([6, 6]);
      // alice accepted the trip-cancelled subscription in the mini-program; the others have none left
      const aliceOpenid = (await WechatIdentityEntity.findOne({ where: { endUserId: a.id, appid: t.apps.passenger } }))!.openid;
      t.sandbox.wechat.subscribe(t.apps.passenger, aliceOpenid, 'tpl-trip-cancelled', 1);
      const before = { sms: t.sandbox.sms.messages().length, events: await OutboxEventEntity.count() };

      const res = await cancelTrip(w.dispatcher1, trip.id);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ ordersAffected: 5, passengersNotified: 4, trip: { id: trip.id, status: 'cancelled', cancelReason: '台风停运' } });

      // orders: unpaid cancelled with the reason, paid refunding, the ended hold expired, the cancelled one as it was
      expect(await Promise.all([oa, ob, oc1, oc2].map((o) => statusOf(o.id)))).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
      expect((await OrderEntity.findByPk(oa.id))!.cancelReason).toBe('台风停运');
      expect(await statusOf(paid.id)).toBe('refunding');
      expect(await statusOf(late.id)).toBe('expired');
      expect((await OrderEntity.findByPk(od.id))!.cancelReason).toBe('乘客取消');

      // seats: only the paid rider's (awaiting the refund) still counted; counters agree with the tickets
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      expect(await liveSeatsPerSegment(trip.id)).toEqual([1, 1]);
      expect(await TicketEntity.count({ where: { orderId: { [Op.in]: [oa.id, ob.id, oc1.id, oc2.id, late.id] }, status: 'released', live: null } })).toBe(6);
      expect(await TicketEntity.findOne({ where: { orderId: paid.id } })).toMatchObject({ status: 'refunding' });

      // one outbox event per order moved, and the trip's own
      const events = await orderEvents([oa.id, ob.id, oc1.id, oc2.id, od.id, paid.id, late.id]);
      const after = (id: number) => events.filter((e) => e.id === id && e.type !== 'order.created');
      for (const o of [oa, ob, oc1, oc2]) {
        expect(after(o.id)).toEqual([{ id: o.id, type: 'order.cancelled', payload: expect.objectContaining({ event: 'TRIP_CANCELLED', status: 'cancelled', reason: '台风停运' }) }]);
      }
      expect(after(paid.id)).toEqual([{ id: paid.id, type: 'order.refunding', payload: expect.objectContaining({ event: 'TRIP_CANCELLED', status: 'refunding' }) }]);
      expect(after(late.id).map((e) => e.type)).toEqual(['order.expired']);
      expect(after(od.id).map((e) => e.type)).toEqual(['order.cancelled']);
      expect(await OutboxEventEntity.count({ where: { aggregateType: 'trip', aggregateId: trip.id, type: 'trip.cancelled' } })).toBe(1);
      expect((await OutboxEventEntity.count()) - before.events).toBe(7);

      // alice: the subscribe message, opening her order, and no SMS
      const wx = t.sandbox.wechat.messages({ openid: aliceOpenid, appid: t.apps.passenger });
      expect(wx).toHaveLength(1);
      expect(wx[0]).toMatchObject({ templateId: 'tpl-trip-cancelled', page: `pages/order/detail/index?id=${oa.id}` });
      expect(wx[0].data).toMatchObject({ character_string1: { value: oa.orderNo }, thing2: { value: '深圳北站-广州南站' }, thing4: { value: '台风停运' } });
      expect(wx[0].data.time3.value).toContain(trip.departTime);
      expect(sms(P.a)).toEqual([]);
      // the others' phones got the SMS (the sandbox's inbox), once each; carol's names her first order
      for (const [phone, order] of [[P.b, ob], [P.c, oc1], [P.paid, paid]] as const) {
        expect(sms(phone)).toHaveLength(1);
        expect(sms(phone)[0].TemplateParam).toEqual({ title: '班次取消', order: order.orderNo, trip: expect.stringContaining('深圳北站-广州南站'), reason: '台风停运' });
        expect((sms(phone)[0].TemplateParam as any).trip).toContain(trip.departTime);
      }
      expect(sms(P.d)).toEqual([]);
      expect(sms(P.due)).toEqual([]);
      expect(t.sandbox.sms.messages().length - before.sms).toBe(3);
      // every order told has its delivery recorded: WeChat for alice; for the others WeChat refused
      // (no subscription left, 43101) and the SMS went
      const deliveries = await NotificationDeliveryEntity.findAll({ where: { tripId: trip.id }, order: [['orderId', 'ASC'], ['id', 'ASC']] });
      expect(deliveries.map((x) => [x.orderId, x.kind, x.channel, x.status])).toEqual([
        [oa.id, 'trip_cancelled', 'wechat', 'sent'],
        ...[ob, oc1, oc2, paid].flatMap((o) => [[o.id, 'trip_cancelled', 'wechat', 'failed'], [o.id, 'trip_cancelled', 'sms', 'sent']]),
      ]);
      // the provider's reference of each message sent: Aliyun's BizId, WeChat's msgid
      expect(deliveries.filter((x) => x.channel === 'sms').every((x) => x.providerRef)).toBe(true);
      expect(deliveries[0].providerRef).toBe(String(wx[0].msgid));
      expect(deliveries.filter((x) => x.status === 'failed').every((x) => x.error?.startsWith('43101 '))).toBe(true);

      // nobody books the cancelled trip any more
      const refused = await t.request().post('/api/app/orders').set(b.auth).send(fixedOrder(trip.id, [b.riders[0]]));
      expect([refused.status, refused.body.errorCode]).toEqual([409, 'TRIP.CANCELLED']);
      // the passenger sees why
      const seen = await t.request().get(`/api/app/orders/${oa.id}`).set(a.auth);
      expect(seen.body.data).toMatchObject({ status: 'cancelled', cancelReason: '台风停运' });
    });

    it('R-6.2.2 cancelling again, or twice at the same moment, sends nothing twice', async () => {
      const trip = await createTrip(w, { inHours: 2 });
      const phone = '13600000011';
      const order = await book(b, fixedOrder(trip.id, [b.riders[0]], { contactPhone: phone }));
      const [r1, r2] = await Promise.all([cancelTrip(w.admin1, trip.id), cancelTrip(w.dispatcher1, trip.id)]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      expect([r1, r2].find((r) => r.status === 409)!.body.errorCode).toBe('TRIP.STATE_INVALID');
      const third = await cancelTrip(w.admin1, trip.id, '再次取消');
      expect([third.status, third.body.errorCode]).toEqual([409, 'TRIP.STATE_INVALID']);

      expect(sms(phone)).toHaveLength(1);
      // one attempt per channel: WeChat refused (no subscription), the SMS went
      expect(await NotificationDeliveryEntity.count({ where: { orderId: order.id, channel: 'sms' } })).toBe(1);
      expect(await NotificationDeliveryEntity.count({ where: { orderId: order.id } })).toBe(2);
      expect((await orderEvents([order.id])).map((e) => e.type)).toEqual(['order.created', 'order.cancelled']);
      expect(await OutboxEventEntity.count({ where: { aggregateType: 'trip', aggregateId: trip.id } })).toBe(1);
      expect((await TripEntity.findByPk(trip.id))!.cancelReason).toBe('台风停运');
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.2 another operator cannot cancel the trip: 404 like a missing trip, and nothing changes', async () => {
      const trip = await createTrip(w);
      const phone = '13600000021';
      const order = await book(c, fixedOrder(trip.id, [c.riders[0]], { contactPhone: phone }));
      const missing = await cancelTrip(w.admin2, 99_999_999);
      const res = await cancelTrip(w.admin2, trip.id);
      expect([res.status, res.body.errorCode, res.body.errorMessage]).toEqual([404, 'NOT_FOUND', missing.body.errorMessage]);
      expect((await cancelTrip(w.regulator, trip.id)).status).toBe(403);
      expect((await TripEntity.findByPk(trip.id))!.status).toBe('on_sale');
      expect(await statusOf(order.id)).toBe('pending_payment');
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      expect(sms(phone)).toEqual([]);
      expect(await OutboxEventEntity.count({ where: { aggregateType: 'trip', aggregateId: trip.id } })).toBe(0);
      await t.request().post(`/api/app/orders/${order.id}/cancel`).set(c.auth).send({});
    });

    it('R-6.2.2 all or nothing: when one order cannot be moved, the trip, every order, the seats and the outbox stay as they were, and nobody is told', async () => {
      const trip = await createTrip(w);
      const phones = ['13600000031', '13600000032'];
      const o1 = await book(a, fixedOrder(trip.id, [a.riders[0]], { contactPhone: phones[0] }));
      const o2 = await book(b, fixedOrder(trip.id, [b.riders[0]], { contactPhone: phones[1] }));
      const eventsBefore = await OutboxEventEntity.count();
      const lifecycle = await t.app.getApplicationContext().getAsync(OrderLifecycle);
      const original = lifecycle.apply.bind(lifecycle);
      let calls = 0;
      const spy = jest.spyOn(lifecycle, 'apply').mockImplementation(async (...args) => {
        // the first order moves, the second fails: the first must not stay moved
        if (++calls === 2) throw new DomainError('CONFLICT');
        return original(...args);
      });
      try {
        const res = await cancelTrip(w.admin1, trip.id);
        expect([res.status, res.body.errorCode]).toEqual([409, 'CONFLICT']);
        expect(calls).toBe(2);
      } finally {
        spy.mockRestore();
      }
      expect((await TripEntity.findByPk(trip.id))!.status).toBe('on_sale');
      expect([await statusOf(o1.id), await statusOf(o2.id)]).toEqual(['pending_payment', 'pending_payment']);
      expect(await segmentsOf(trip.id)).toEqual([2, 2]);
      expect(await TicketEntity.count({ where: { tripId: trip.id, status: 'held', live: true } })).toBe(2);
      expect(await OutboxEventEntity.count()).toBe(eventsBefore);
      for (const phone of phones) expect(sms(phone)).toEqual([]);

      // and then it goes through whole
      const res = await cancelTrip(w.admin1, trip.id);
      expect(res.body.data).toMatchObject({ ordersAffected: 2, passengersNotified: 2 });
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.5 a message the SMS provider refuses is recorded as failed and never undoes the cancellation', async () => {
      // Aliyun's flow control: one message a minute to a number for a template; the second trip's
      // message to the same phone is refused
      const phone = '13600000041';
      const [first, second] = [await createTrip(w), await createTrip(w)];
      await book(d, fixedOrder(first.id, [d.riders[0]], { contactPhone: phone }));
      const refusedOrder = await book(d, fixedOrder(second.id, [d.riders[0]], { contactPhone: phone }));
      expect((await cancelTrip(w.admin1, first.id)).body.data.passengersNotified).toBe(1);
      const res = await cancelTrip(w.admin1, second.id, '车辆故障');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ ordersAffected: 1, passengersNotified: 0, trip: { status: 'cancelled' } });
      expect(await statusOf(refusedOrder.id)).toBe('cancelled');
      expect(await segmentsOf(second.id)).toEqual([0, 0]);
      expect(sms(phone)).toHaveLength(1);
      const delivery = await NotificationDeliveryEntity.findOne({ where: { orderId: refusedOrder.id, channel: 'sms' } });
      expect(delivery).toMatchObject({ status: 'failed', providerRef: null, kind: 'trip_cancelled' });
      expect(delivery!.error).toMatch(/^RATE_LIMITED: /);
      expect(delivery!.error).not.toContain(phone);
    });

    it('R-6.2.2 a reason is required: it is what the passengers are told', async () => {
      const trip = await createTrip(w);
      const res = await cancelTrip(w.admin1, trip.id, '   ');
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ field: 'reason', reason: '请填写取消原因（将通知已购票乘客）' }]);
      expect((await TripEntity.findByPk(trip.id))!.status).toBe('on_sale');
    });
  });
});
