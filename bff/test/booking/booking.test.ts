import { FieldCipher } from '../../src/common/security/field-cipher.service';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { OrderEntity, SeatOccupancyEntity, TicketEntity } from '../../src/modules/booking/entity';
import { HoldExpiryService } from '../../src/modules/booking/service/hold-expiry.service';
import { TradingRulesEntity } from '../../src/modules/trip/entity';
import { DEFAULT_TRADING_RULES } from '@dzky/contracts';
import { startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, liveSeatsPerSegment, passengerWithRiders, segmentsOf, type World } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('booking: seats by segment, riders, idempotency, holds (R-6.2.3)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  let c: Passenger;
  const book = (p: Passenger, body: object) => t.request().post('/api/app/orders').set(p.auth).send(body);
  const cancel = (p: Passenger, id: number) => t.request().post(`/api/app/orders/${id}/cancel`).set(p.auth).send({});

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'bk');
    a = await passengerWithRiders(t, 'alice', ['1990-05-01', '2016-03-01', '2022-08-01', '1985-01-01']);
    b = await passengerWithRiders(t, 'bob', ['1988-02-02']);
    c = await passengerWithRiders(t, 'carol', ['1992-06-06', '1993-07-07']);
  });
  afterAll(async () => t.close());

  describe('segment inventory', () => {
    it('R-6.2.3 a ticket A→C holds every segment: on a one-seat trip neither A→B nor B→C is left', async () => {
      const trip = await createTrip(w, { capacity: 1 });
      const ac = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 1, toSeq: 3 }));
      expect(ac.status).toBe(200);
      expect(ac.body.data).toMatchObject({ status: 'pending_payment', mode: 'fixed', totalFen: 6500, from: { seq: 1, stopName: { 'zh-CN': '深圳北站' } }, to: { seq: 3, stopName: { 'zh-CN': '广州南站' } } });
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      for (const [fromSeq, toSeq] of [[1, 2], [2, 3]]) {
        const refused = await book(b, fixedOrder(trip.id, [b.riders[0]], { fromSeq, toSeq }));
        expect(refused.status).toBe(409);
        expect(refused.body.errorCode).toBe('ORDER.SEAT_SOLD_OUT');
      }
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      await cancel(a, ac.body.data.id);
    });

    it('R-6.2.3 a seat sold A→B is sold again B→C; A→C is then refused, and a freed segment is sold again after a cancel', async () => {
      const trip = await createTrip(w, { capacity: 1 });
      const ab = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 1, toSeq: 2 }));
      expect(ab.status).toBe(200);
      expect(ab.body.data.totalFen).toBe(2000);
      const bc = await book(b, fixedOrder(trip.id, [b.riders[0]], { fromSeq: 2, toSeq: 3 }));
      expect(bc.status).toBe(200);
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      const ac = await book(c, fixedOrder(trip.id, [c.riders[0]], { fromSeq: 1, toSeq: 3 }));
      expect(ac.body.errorCode).toBe('ORDER.SEAT_SOLD_OUT');

      const cancelled = await cancel(a, ab.body.data.id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data.status).toBe('cancelled');
      expect(cancelled.body.data.tickets[0].status).toBe('released');
      expect(await segmentsOf(trip.id)).toEqual([0, 1]);
      // A→B is free again; A→C still is not (B→C is taken)
      expect((await book(c, fixedOrder(trip.id, [c.riders[0]], { fromSeq: 1, toSeq: 3 }))).body.errorCode).toBe('ORDER.SEAT_SOLD_OUT');
      const resold = await book(c, fixedOrder(trip.id, [c.riders[0]], { fromSeq: 1, toSeq: 2 }));
      expect(resold.status).toBe(200);
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      expect(await liveSeatsPerSegment(trip.id)).toEqual([1, 1]);
      await cancel(b, bc.body.data.id);
      await cancel(c, resold.body.data.id);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.3 concurrent bookings on a nearly full trip never oversell, whatever the journeys', async () => {
      const trip = await createTrip(w, { capacity: 6, sold: [4, 4] });
      const crowd = await Promise.all(Array.from({ length: 12 }, (_, i) => passengerWithRiders(t, `crowd${i}`, [`1980-01-${String(i + 1).padStart(2, '0')}`])));
      const journeys = [[1, 2], [2, 3], [1, 3]];
      const answers = await Promise.all(crowd.map((p, i) => {
        const [fromSeq, toSeq] = journeys[i % 3];
        return book(p, fixedOrder(trip.id, [p.riders[0]], { fromSeq, toSeq }));
      }));
      const ok = answers.filter((r) => r.status === 200);
      const refused = answers.filter((r) => r.status !== 200);
      expect(refused.every((r) => r.status === 409 && r.body.errorCode === 'ORDER.SEAT_SOLD_OUT')).toBe(true);
      expect(ok.length).toBeGreaterThanOrEqual(2);
      const sold = await segmentsOf(trip.id);
      const live = await liveSeatsPerSegment(trip.id);
      // the counters agree with the tickets, and no segment holds more than the capacity
      expect(sold).toEqual(live.map((n) => n + 4));
      expect(Math.max(...sold)).toBeLessThanOrEqual(6);
      expect(await TicketEntity.count({ where: { tripId: trip.id } })).toBe(ok.length);
    });
  });

  describe('seat selection', () => {
    it('R-6.2.3 a chosen seat is refused while taken on an overlapping segment; free on another segment it is sold again; seats are chosen when left out', async () => {
      const trip = await createTrip(w, { capacity: 7, seatSelection: true });
      const first = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 1, toSeq: 2, riders: [{ riderId: a.riders[0], ticketType: 'adult', seatNo: 3 }] }));
      expect(first.status).toBe(200);
      expect(first.body.data.tickets[0].seatNo).toBe(3);
      const later = await book(b, fixedOrder(trip.id, [], { fromSeq: 2, toSeq: 3, riders: [{ riderId: b.riders[0], ticketType: 'adult', seatNo: 3 }] }));
      expect(later.status).toBe(200);
      expect(later.body.data.tickets[0].seatNo).toBe(3);
      const taken = await book(c, fixedOrder(trip.id, [], { fromSeq: 1, toSeq: 3, riders: [{ riderId: c.riders[0], ticketType: 'adult', seatNo: 3 }] }));
      expect(taken.status).toBe(409);
      expect(taken.body.errorCode).toBe('ORDER.SEAT_TAKEN');
      expect(taken.body.errors).toEqual([{ field: 'riders.0.seatNo', reason: '座位 3 已被占用' }]);
      const outOfRange = await book(c, fixedOrder(trip.id, [], { riders: [{ riderId: c.riders[0], ticketType: 'adult', seatNo: 8 }] }));
      expect(outOfRange.status).toBe(422);
      expect(outOfRange.body.errors[0]).toEqual({ field: 'riders.0.seatNo', reason: '座位号应为 1–7' });
      // the refusals held nothing
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);

      const auto = await book(c, fixedOrder(trip.id, c.riders, { fromSeq: 1, toSeq: 3 }));
      expect(auto.status).toBe(200);
      expect(auto.body.data.tickets.map((tk: any) => tk.seatNo)).toEqual([1, 2]);
      expect(await SeatOccupancyEntity.count({ where: { tripId: trip.id } })).toBe(1 + 1 + 2 * 2);

      await cancel(c, auto.body.data.id);
      expect(await SeatOccupancyEntity.count({ where: { tripId: trip.id } })).toBe(2);
      for (const [p, o] of [[a, first], [b, later]] as const) await cancel(p, o.body.data.id);
    });
  });

  describe('the order itself', () => {
    it('R-6.2.3 R-6.1.4 tickets are priced by type and age on the travel day; a child ticket for an adult and free children without an adult are refused', async () => {
      const trip = await createTrip(w);
      // riders: adult (1990), child born 2016 (10 on the travel day), toddler born 2022 (4)
      const wrong = await book(a, fixedOrder(trip.id, [], { riders: [{ riderId: a.riders[0], ticketType: 'child' }, { riderId: a.riders[2], ticketType: 'free_child' }] }));
      expect(wrong.status).toBe(422);
      expect(wrong.body.errors).toEqual(expect.arrayContaining([
        { field: 'riders.0.ticketType', reason: '儿童票须未满 14 周岁' },
        { field: 'riders', reason: expect.stringContaining('每位购票成人最多携带 1 名免票儿童') },
      ]));
      const ok = await book(a, fixedOrder(trip.id, [], {
        riders: [{ riderId: a.riders[0], ticketType: 'adult' }, { riderId: a.riders[1], ticketType: 'child' }, { riderId: a.riders[2], ticketType: 'free_child' }],
      }));
      expect(ok.status).toBe(200);
      expect(ok.body.data.tickets.map((tk: any) => [tk.ticketType, tk.priceFen])).toEqual([['adult', 6500], ['child', 3250], ['free_child', 0]]);
      expect(ok.body.data.totalFen).toBe(9750);
      // a free child still takes a seat (design.md §3)
      expect(await segmentsOf(trip.id)).toEqual([3, 3]);
      expect(ok.body.data.orderNo).toMatch(/^DZ\d{18}$/);
      expect(ok.body.data.contactPhoneMasked).toBe('138****8000');
      expect(ok.body.data.tickets[0].idNumberMasked).toMatch(/^110\*{11}\d{3}[\dX]$/);
      const holdMinutes = (Date.parse(ok.body.data.holdExpiresAt) - Date.parse(ok.body.data.createdAt)) / 60_000;
      expect(Math.round(holdMinutes)).toBe(DEFAULT_TRADING_RULES.holdMinutes);
      await cancel(a, ok.body.data.id);
    });

    it('R-6.2.3 bad requests are refused with every field and its reason', async () => {
      const trip = await createTrip(w);
      const bad = await book(a, { clientKey: 'x', tripId: trip.id, mode: 'fixed', fromSeq: 3, toSeq: 1, riders: [], contactPhone: '12345' });
      expect(bad.status).toBe(422);
      expect(bad.body.errorCode).toBe('VALIDATION_FAILED');
      expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['clientKey', 'contactPhone', 'riders', 'toSeq']);
      // positions must be a boarding stop and a later alighting stop of the trip
      const notBoarding = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 3, toSeq: 4 }));
      expect(notBoarding.status).toBe(422);
      expect(notBoarding.body.errors).toEqual([{ field: 'fromSeq', reason: '站序 3 不允许上客' }]);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
      expect((await book(a, fixedOrder(999_999, [a.riders[0]]))).status).toBe(404);
    });

    it('R-6.2.3 trips that cannot be sold say why: presale not open, sales closed, cancelled, suspended', async () => {
      const cases = [
        [await createTrip(w, { inHours: 24 * 30 }), 'TRIP.PRESALE_NOT_OPEN'],
        [await createTrip(w, { inMinutes: 5 }), 'TRIP.SALES_CLOSED'],
        [await createTrip(w, { status: 'cancelled' }), 'TRIP.CANCELLED'],
        [await createTrip(w, { status: 'suspended' }), 'TRIP.NOT_BOOKABLE'],
        [await createTrip(w, { capacity: 7, sold: [7, 7] }), 'ORDER.SEAT_SOLD_OUT'],
      ] as const;
      for (const [trip, code] of cases) {
        const res = await book(a, fixedOrder(trip.id, [a.riders[0]]));
        expect([trip.id, res.status, res.body.errorCode]).toEqual([trip.id, 409, code]);
      }
    });

    it('R-6.2.3 an unpriced pair answers FARE.NOT_SET and holds nothing', async () => {
      const trip = await createTrip(w);
      await TicketEntity.sequelize!.query('DELETE FROM fare_pair WHERE route_id = :r AND from_seq = 1 AND to_seq = 2', { replacements: { r: w.routeId } });
      try {
        const res = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 1, toSeq: 2 }));
        expect(res.status).toBe(409);
        expect(res.body.errorCode).toBe('FARE.NOT_SET');
        expect(await segmentsOf(trip.id)).toEqual([0, 0]);
      } finally {
        await TicketEntity.sequelize!.query('INSERT INTO fare_pair (org_id, route_id, from_seq, to_seq, base_fen, updated_at) VALUES (:o, :r, 1, 2, 2000, :now)', { replacements: { o: w.op1.id, r: w.routeId, now: new Date() } });
      }
    });

    it('R-6.2.3 riders of another account are refused as not found, and nothing is held', async () => {
      const trip = await createTrip(w);
      const res = await book(b, fixedOrder(trip.id, [b.riders[0], a.riders[3]]));
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe('NOT_FOUND');
      expect(res.body.errorMessage).toContain('乘车人');
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.3 one seat per rider per trip: a second order with the same rider is refused, also from another account; after a cancel it works again', async () => {
      const trip = await createTrip(w);
      const first = await book(a, fixedOrder(trip.id, [a.riders[3]], { fromSeq: 1, toSeq: 2 }));
      expect(first.status).toBe(200);
      const again = await book(a, fixedOrder(trip.id, [a.riders[3]], { fromSeq: 2, toSeq: 3 }));
      expect(again.status).toBe(409);
      expect(again.body.errorCode).toBe('ORDER.RIDER_ALREADY_BOOKED');
      expect(again.body.errors).toEqual([{ field: 'riders.0.riderId', reason: '该乘车人已有本班次的车票' }]);

      // the same person added as a rider by another account is the same person
      const riderA = await TicketEntity.findOne({ where: { orderId: first.body.data.id } });
      const cipher = await t.app.getApplicationContext().getAsync(FieldCipher);
      const sameId = cipher.decrypt(riderA!.idNumberEnc);
      const added = await t.request().post('/api/app/riders').set(c.auth).send({ name: riderA!.riderName, idType: 'id_card', idNumber: sameId });
      expect(added.status).toBe(200);
      const fromC = await book(c, fixedOrder(trip.id, [added.body.data.id], { fromSeq: 2, toSeq: 3 }));
      expect(fromC.body.errorCode).toBe('ORDER.RIDER_ALREADY_BOOKED');

      await cancel(a, first.body.data.id);
      const afterCancel = await book(a, fixedOrder(trip.id, [a.riders[3]], { fromSeq: 2, toSeq: 3 }));
      expect(afterCancel.status).toBe(200);
      await cancel(a, afterCancel.body.data.id);
      await t.request().delete(`/api/app/riders/${added.body.data.id}`).set(c.auth);
    });

    it('R-6.2.3 idempotent creation: the same key and content answer the same order (one set of tickets); other content under the key is refused', async () => {
      const trip = await createTrip(w);
      const body = fixedOrder(trip.id, [b.riders[0]]);
      const first = await book(b, body);
      const retry = await book(b, body);
      expect(retry.status).toBe(200);
      expect(retry.body.data).toEqual(first.body.data);
      // two identical requests at the same moment
      const raceBody = fixedOrder(trip.id, [c.riders[0]]);
      const [r1, r2] = await Promise.all([book(c, raceBody), book(c, raceBody)]);
      expect([r1.status, r2.status]).toEqual([200, 200]);
      expect(r1.body.data.id).toBe(r2.body.data.id);
      expect(await OrderEntity.count({ where: { tripId: trip.id } })).toBe(2);
      expect(await TicketEntity.count({ where: { tripId: trip.id } })).toBe(2);
      expect(await segmentsOf(trip.id)).toEqual([2, 2]);

      const changed = await book(b, { ...body, contactPhone: '13900139000' });
      expect(changed.status).toBe(409);
      expect(changed.body.errorCode).toBe('ORDER.IDEMPOTENCY_MISMATCH');
      // keys are per account: another passenger may happen to use the same key
      expect((await book(a, { ...body, riders: [{ riderId: a.riders[0], ticketType: 'adult' }] })).status).toBe(200);
      await OrderEntity.findAll({ where: { tripId: trip.id } }).then((orders) => Promise.all(orders.map((o) => cancel([a, b, c].find((p) => p.id === o.endUserId)!, o.id))));
    });

    it('R-6.2.3 a cap on unpaid orders per account; cancelling one makes room', async () => {
      const trips = await Promise.all([1, 2, 3, 4].map(() => createTrip(w)));
      const made = [];
      for (const trip of trips.slice(0, DEFAULT_TRADING_RULES.maxUnpaidOrders)) {
        const res = await book(c, fixedOrder(trip.id, [c.riders[1]]));
        expect(res.status).toBe(200);
        made.push(res.body.data.id);
      }
      const over = await book(c, fixedOrder(trips[3].id, [c.riders[1]]));
      expect(over.status).toBe(409);
      expect(over.body.errorCode).toBe('ORDER.UNPAID_LIMIT');
      await cancel(c, made[0]);
      expect((await book(c, fixedOrder(trips[3].id, [c.riders[1]]))).status).toBe(200);
      const pending = await OrderEntity.findAll({ where: { endUserId: c.id, status: 'pending_payment' } });
      for (const o of pending) await cancel(c, o.id);
    });

    it('R-6.2.3 the cap follows the operator\'s trading rules', async () => {
      await TradingRulesEntity.create({ orgId: w.op1.id, routeId: 0, rules: { ...DEFAULT_TRADING_RULES, maxUnpaidOrders: 1 }, updatedBy: null });
      try {
        const [t1, t2] = [await createTrip(w), await createTrip(w)];
        const first = await book(b, fixedOrder(t1.id, [b.riders[0]]));
        expect(first.status).toBe(200);
        expect((await book(b, fixedOrder(t2.id, [b.riders[0]]))).body.errorCode).toBe('ORDER.UNPAID_LIMIT');
        await cancel(b, first.body.data.id);
      } finally {
        await TradingRulesEntity.destroy({ where: { orgId: w.op1.id, routeId: 0 } });
      }
    });
  });

  describe('door to door', () => {
    it('R-6.2.3 a pickup outside every pickup zone of the route is refused with the field and the zones there are', async () => {
      const trip = await createTrip(w);
      const res = await book(a, fixedOrder(trip.id, [a.riders[0]], { mode: 'door', fromSeq: undefined, toSeq: undefined, pickup: { lng: 114.2, lat: 22.7 }, dropoff: { lng: 113.27, lat: 22.98 } }));
      expect(res.status).toBe(422);
      expect(res.body.errorCode).toBe('ORDER.OUTSIDE_ZONE');
      expect(res.body.errors).toEqual([{ field: 'pickup', reason: '上车点不在服务区域内，可选区域：南山科技园、福田中心区' }]);
      const badDrop = await book(a, fixedOrder(trip.id, [a.riders[0]], { mode: 'door', pickup: { lng: 114.05, lat: 22.54 }, dropoff: { lng: 113.5, lat: 22.9 } }));
      expect(badDrop.body.errors).toEqual([{ field: 'dropoff', reason: '下车点不在服务区域内，可选区域：天河/海珠下客区' }]);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.3 points inside the zones book the segments between the zones\' stop positions, at that pair\'s price, and keep the points', async () => {
      const trip = await createTrip(w);
      const res = await book(a, fixedOrder(trip.id, [a.riders[0]], {
        mode: 'door', fromSeq: undefined, toSeq: undefined,
        pickup: { lng: 114.05, lat: 22.54, address: '福田区福华三路 88 号' },
        dropoff: { lng: 113.27, lat: 22.98, address: '海珠区新港东路' },
      }));
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        mode: 'door', totalFen: 5000,
        from: { seq: 2, zoneName: '福田中心区', point: { lng: 114.05, lat: 22.54, address: '福田区福华三路 88 号' } },
        to: { seq: 3, zoneName: '天河/海珠下客区', point: { lng: 113.27, lat: 22.98, address: '海珠区新港东路' } },
      });
      expect(await segmentsOf(trip.id)).toEqual([0, 1]);
      // a WGS-84 point (a phone's GPS) is converted before the test: inside only after conversion
      const wgs = await book(b, fixedOrder(trip.id, [b.riders[0]], { mode: 'door', pickup: { lng: 113.928, lat: 22.545, coordSys: 'wgs84' }, dropoff: { lng: 113.27, lat: 22.98 } }));
      expect(wgs.status).toBe(200);
      expect(wgs.body.data.from).toMatchObject({ seq: 1, zoneName: '南山科技园' });
      expect(wgs.body.data.from.point.lng).toBeGreaterThan(113.93);
      // no address typed: the map provider's (the AMap sandbox names the district) is kept for the driver
      expect(wgs.body.data.from.point.address).toBe('广东省深圳市南山区');
      expect(await segmentsOf(trip.id)).toEqual([1, 2]);
      await cancel(a, res.body.data.id);
      await cancel(b, wgs.body.data.id);
    });
  });

  describe('holds and the outbox', () => {
    let holds: HoldExpiryService;
    beforeAll(async () => {
      holds = await t.app.getApplicationContext().getAsync(HoldExpiryService);
    });

    it('R-6.2.3 an ended hold expires in one sweep: seats back, tickets released, an order.expired event; a second sweep changes nothing', async () => {
      const trip = await createTrip(w);
      const res = await book(b, fixedOrder(trip.id, [b.riders[0]]));
      expect(await segmentsOf(trip.id)).toEqual([1, 1]);
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: res.body.data.id } });
      expect(await holds.sweep()).toBe(1);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
      const order = await t.request().get(`/api/app/orders/${res.body.data.id}`).set(b.auth);
      expect(order.body.data).toMatchObject({ status: 'expired', holdExpiresAt: null });
      expect(order.body.data.tickets[0].status).toBe('released');
      expect(await TicketEntity.count({ where: { orderId: res.body.data.id, live: true } })).toBe(0);
      const events = await OutboxEventEntity.findAll({ where: { aggregateType: 'order', aggregateId: res.body.data.id }, order: [['id', 'ASC']] });
      expect(events.map((e) => e.type)).toEqual(['order.created', 'order.expired']);
      expect(events[1].payload).toMatchObject({ event: 'HOLD_EXPIRED', status: 'expired', tickets: [{ status: 'released' }] });

      expect(await holds.sweep()).toBe(0);
      expect(await holds.expire(res.body.data.id)).toBe(false);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
      // an expired order cannot be cancelled
      expect((await cancel(b, res.body.data.id)).body.errorCode).toBe('ORDER.STATE_INVALID');
    });

    it('R-6.2.3 reading an order whose hold ended expires it at once, sweeper or not', async () => {
      const trip = await createTrip(w);
      const res = await book(b, fixedOrder(trip.id, [b.riders[0]]));
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: res.body.data.id } });
      const list = await t.request().get('/api/app/orders').query({ status: 'expired' }).set(b.auth);
      expect(list.body.data.items.map((o: any) => o.id)).toContain(res.body.data.id);
      expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    });

    it('R-6.2.3 two sweepers at once release an order\'s seats once', async () => {
      const trip = await createTrip(w, { sold: [3, 3] });
      const res = await book(c, fixedOrder(trip.id, c.riders));
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: res.body.data.id } });
      const results = await Promise.all([holds.expire(res.body.data.id), holds.expire(res.body.data.id), holds.sweep()]);
      expect(results.filter((r) => r === true || r === 1)).toHaveLength(1);
      expect(await segmentsOf(trip.id)).toEqual([3, 3]);
      expect(await OutboxEventEntity.count({ where: { aggregateId: res.body.data.id, type: 'order.expired' } })).toBe(1);
    });

    it('R-6.2.3 R-6.3.1 order.created carries version 1, the journey, prices and tickets with the ID number masked', async () => {
      const trip = await createTrip(w);
      const res = await book(a, fixedOrder(trip.id, [a.riders[0]], { fromSeq: 1, toSeq: 2 }));
      const event = await OutboxEventEntity.findOne({ where: { aggregateType: 'order', aggregateId: res.body.data.id, type: 'order.created' } });
      expect(event).not.toBeNull();
      expect(event!.version).toBe(1);
      expect(event!.orgId).toBe(w.op1.id);
      expect(event!.publishedAt).toBeNull();
      const payload = event!.payload as any;
      expect(payload).toMatchObject({
        orderNo: res.body.data.orderNo, orderId: res.body.data.id, event: 'ORDER_CREATED', status: 'pending_payment', mode: 'fixed',
        tripId: trip.id, routeId: w.routeId, lineId: w.lineId, licenceNo: '粤交运线许可深字440300-bk', departAt: trip.departAt.toISOString(),
        fromStopCode: 'SZB', toStopCode: 'FTJT', fromSeq: 1, toSeq: 2, totalFen: 2000, reason: null,
      });
      expect(payload.tickets).toEqual([{
        ticketNo: `${res.body.data.orderNo}01`, riderName: expect.any(String), idType: 'id_card',
        idNumberMasked: expect.stringMatching(/^110\*{11}\d{3}[\dX]$/), ticketType: 'adult', seatNo: null, priceFen: 2000, status: 'held',
      }]);
      // nothing in the event reveals the whole number
      const ticket = await TicketEntity.findOne({ where: { orderId: res.body.data.id } });
      const cipher = await t.app.getApplicationContext().getAsync(FieldCipher);
      expect(JSON.stringify(payload)).not.toContain(cipher.decrypt(ticket!.idNumberEnc));
      await cancel(a, res.body.data.id);
      const cancelled = await OutboxEventEntity.findOne({ where: { aggregateId: res.body.data.id, type: 'order.cancelled' } });
      expect(cancelled!.payload).toMatchObject({ event: 'PASSENGER_CANCELLED', status: 'cancelled', reason: '乘客取消' });
    });
  });
});
