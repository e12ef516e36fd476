import { DatabaseService } from '../../src/common/db/database.service';
import { OrderEntity, SeatOccupancyEntity, TicketEntity } from '../../src/modules/booking/entity';
import { HoldExpiryService } from '../../src/modules/booking/service/hold-expiry.service';
import { OrderService } from '../../src/modules/booking/service/order.service';
import { startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, liveSeatsPerSegment, passengerWithRiders, segmentsOf, watchStrayQueries, type World } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

/** Contention on one trip, on whichever database the run uses (SQLite or MariaDB with TEST_DB_URL). */
describe('booking under contention (R-6.2.3)', () => {
  let t: TestApp;
  let w: World;
  let crowd: Passenger[];
  const book = (p: Passenger, body: object) => t.request().post('/api/app/orders').set(p.auth).send(body);
  const cancel = (p: Passenger, id: number) => t.request().post(`/api/app/orders/${id}/cancel`).set(p.auth).send({});

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'cc');
    crowd = [];
    for (let i = 0; i < 14; i++) crowd.push(await passengerWithRiders(t, `cc${i}`, [`1970-02-${String(i + 1).padStart(2, '0')}`]));
  });
  afterAll(async () => t.close());

  it('R-6.2.3 on a trip with seat selection, riders who chose no seat get distinct seats; the rest are refused as sold out, never as "seat taken"', async () => {
    const trip = await createTrip(w, { capacity: 7, seatSelection: true });
    const answers = await Promise.all(crowd.slice(0, 12).map((p) => book(p, fixedOrder(trip.id, [p.riders[0]]))));
    const ok = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused.map((r) => `${r.status} ${r.body.errorCode}`)).toEqual(Array(5).fill('409 ORDER.SEAT_SOLD_OUT'));
    expect(ok.map((r) => r.body.data.tickets[0].seatNo).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await segmentsOf(trip.id)).toEqual([7, 7]);
    expect(await SeatOccupancyEntity.count({ where: { tripId: trip.id } })).toBe(14);
    await Promise.all(ok.map((r) => cancel(crowd[answers.indexOf(r)], r.body.data.id)));
    expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    expect(await SeatOccupancyEntity.count({ where: { tripId: trip.id } })).toBe(0);
  });

  it('R-6.2.3 bookings, cancels and hold expiry at the same moment keep every counter equal to the live tickets, and within capacity', async () => {
    const trip = await createTrip(w, { capacity: 8 });
    const journeys = [[1, 3], [1, 2], [2, 3]];
    const first = crowd.slice(0, 6);
    const made = [];
    for (const [i, p] of first.entries()) {
      const [fromSeq, toSeq] = journeys[i % 3];
      const res = await book(p, fixedOrder(trip.id, [p.riders[0]], { fromSeq, toSeq }));
      expect(res.status).toBe(200);
      made.push(res.body.data.id as number);
    }
    // two holds ended, not yet swept
    await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: made.slice(0, 2) } });
    const holds = await t.app.getApplicationContext().getAsync(HoldExpiryService);

    const late = crowd.slice(6, 14);
    const results = await Promise.all([
      holds.sweep(),
      cancel(first[2], made[2]),
      cancel(first[3], made[3]),
      ...late.map((p, i) => {
        const [fromSeq, toSeq] = journeys[i % 3];
        return book(p, fixedOrder(trip.id, [p.riders[0]], { fromSeq, toSeq }));
      }),
    ]);
    const bookings = results.slice(3) as Array<{ status: number; body: any }>;
    expect(bookings.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.errorCode === 'ORDER.SEAT_SOLD_OUT')).toBe(true);
    expect((results[1] as any).status).toBe(200);
    expect((results[2] as any).status).toBe(200);

    const sold = await segmentsOf(trip.id);
    expect(sold).toEqual(await liveSeatsPerSegment(trip.id));
    expect(Math.max(...sold)).toBeLessThanOrEqual(8);
    // every order that still holds seats holds them as tickets, and the released ones hold none
    expect(await TicketEntity.count({ where: { tripId: trip.id, live: true } })).toBe(2 + bookings.filter((r) => r.status === 200).length);
    expect(await OrderEntity.count({ where: { id: made.slice(0, 2), status: 'expired' } })).toBe(2);
  });

  it('R-6.2.3 booking, cancelling, expiring and cancelling a trip run every query inside their own transaction: none waits for a second pooled connection', async () => {
    const watch = await watchStrayQueries(t);
    try {
      const [p, q] = crowd.slice(0, 2);
      const fixed = await createTrip(w, { seatSelection: true });
      const made = await book(p, fixedOrder(fixed.id, [p.riders[0]]));
      expect(made.status).toBe(200);
      const door = await book(q, fixedOrder(fixed.id, [q.riders[0]], { mode: 'door', pickup: { lng: 114.05, lat: 22.54 }, dropoff: { lng: 113.27, lat: 22.98 } }));
      expect(door.status).toBe(200);
      // refused ones too: sold out and rider already booked
      expect((await book(p, fixedOrder(fixed.id, [p.riders[0]]))).body.errorCode).toBe('ORDER.RIDER_ALREADY_BOOKED');
      expect((await cancel(p, made.body.data.id)).status).toBe(200);
      expect((await t.request().post(`/api/admin/orders/${door.body.data.id}/cancel`).set(w.admin1).send({})).status).toBe(200);

      const expiring = await createTrip(w);
      const held = await book(p, fixedOrder(expiring.id, [p.riders[0]]));
      const listed = await book(q, fixedOrder(expiring.id, [q.riders[0]]));
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: [held.body.data.id, listed.body.data.id] } });
      expect(await (await t.app.getApplicationContext().getAsync(HoldExpiryService)).expire(held.body.data.id)).toBe(true);
      expect((await t.request().get('/api/app/orders').set(q.auth)).status).toBe(200);

      const cancelled = await createTrip(w, { sold: [1, 1] });
      await book(p, fixedOrder(cancelled.id, [p.riders[0]], { contactPhone: '13500000077' }));
      await book(q, fixedOrder(cancelled.id, [q.riders[0]], { contactPhone: '13500000078' }));
      const res = await t.request().post(`/api/admin/trips/${cancelled.id}/cancel`).set(w.admin1).send({ reason: '线路调整' });
      expect(res.body.data).toMatchObject({ ordersAffected: 2, passengersNotified: 2 });
      expect((await t.request().get('/api/admin/orders').query({ keyword: '13500000077' }).set(w.admin1)).body.data.total).toBe(1);
      expect((await t.request().get(`/api/admin/trips/${fixed.id}/manifest`).set(w.admin1)).status).toBe(200);
    } finally {
      watch.stop();
    }
    expect(watch.stray).toEqual([]);
  });

  it('R-6.2.3 a booking for a sold-out, cancelled or suspended trip is refused before it queues for the write lock', async () => {
    const db = await t.app.getApplicationContext().getAsync(DatabaseService);
    const full = await createTrip(w, { capacity: 7, sold: [7, 7] });
    const lastLegFree = await createTrip(w, { capacity: 7, sold: [7, 6] });
    const cancelled = await createTrip(w, { status: 'cancelled' });
    const suspended = await createTrip(w, { status: 'suspended' });
    const p = crowd[0];
    const writes = jest.spyOn(db, 'transaction');
    try {
      for (const [trip, code] of [[full, 'ORDER.SEAT_SOLD_OUT'], [lastLegFree, 'ORDER.SEAT_SOLD_OUT'], [cancelled, 'TRIP.CANCELLED'], [suspended, 'TRIP.NOT_BOOKABLE']] as const) {
        const res = await book(p, fixedOrder(trip.id, [p.riders[0]]));
        expect([trip.id, res.status, res.body.errorCode]).toEqual([trip.id, 409, code]);
      }
      expect(writes).not.toHaveBeenCalled();
      // a journey that still has a seat goes on to the transaction
      const ok = await book(p, fixedOrder(lastLegFree.id, [p.riders[0]], { fromSeq: 2, toSeq: 3 }));
      expect(ok.status).toBe(200);
      expect(writes).toHaveBeenCalled();
      await cancel(p, ok.body.data.id);
    } finally {
      writes.mockRestore();
    }
  });

  it('R-6.2.3 a duplicate of the request that took the last seat answers that order, not "sold out"', async () => {
    const trip = await createTrip(w, { capacity: 7, sold: [6, 6] });
    const p = crowd[1];
    const body = fixedOrder(trip.id, [p.riders[0]]);
    const first = await book(p, body);
    expect(first.status).toBe(200);
    // the duplicate looked for its key a moment before the first one committed, and saw none
    const orders = await t.app.getApplicationContext().getAsync(OrderService);
    const lookup = jest.spyOn(orders as unknown as { byClientKey: () => Promise<unknown> }, 'byClientKey').mockResolvedValueOnce(null);
    try {
      const duplicate = await book(p, body);
      expect(duplicate.status).toBe(200);
      expect(duplicate.body.data.id).toBe(first.body.data.id);
      expect(lookup).toHaveBeenCalledTimes(2);
    } finally {
      lookup.mockRestore();
    }
    expect(await OrderEntity.count({ where: { tripId: trip.id } })).toBe(1);
    await cancel(p, first.body.data.id);
  });
});
