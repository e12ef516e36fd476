import { DatabaseError } from 'sequelize';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { OrderEntity } from '../../src/modules/booking/entity';
import * as support from '../../src/modules/booking/service/booking-support';
import { startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, segmentsOf, type World } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('booking: a passenger reaches only their own orders (R-6.2.3)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  const book = (p: Passenger, body: object) => t.request().post('/api/app/orders').set(p.auth).send(body);
  const get = (p: Passenger, id: number | string) => t.request().get(`/api/app/orders/${id}`).set(p.auth);
  const cancel = (p: Passenger, id: number | string) => t.request().post(`/api/app/orders/${id}/cancel`).set(p.auth).send({});
  const list = (p: Passenger, query: object = {}) => t.request().get('/api/app/orders').query({ pageSize: 100, ...query }).set(p.auth);
  /** what a refusal tells the caller: two refusals that say the same reveal nothing between them */
  const answer = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.errorCode, message: res.body.errorMessage, data: res.body.data });

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'ac');
    a = await passengerWithRiders(t, 'ac-alice', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'ac-bob', ['1988-02-02']);
  });
  afterAll(async () => t.close());

  it('R-6.2.3 another passenger\'s order answers 404 exactly like an order that does not exist, and is left as it was', async () => {
    const trip = await createTrip(w);
    const mine = await book(a, fixedOrder(trip.id, [a.riders[0]]));
    expect(mine.status).toBe(200);
    const id: number = mine.body.data.id;

    const missing = answer(await get(b, 99_999_999));
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', data: null });
    expect(answer(await get(b, id))).toEqual(missing);
    expect(answer(await cancel(b, id))).toEqual(answer(await cancel(b, 99_999_999)));

    // the refused cancel changed nothing: still held, no event, the seats still taken
    expect((await OrderEntity.findByPk(id))!.status).toBe('pending_payment');
    expect(await OutboxEventEntity.count({ where: { aggregateType: 'order', aggregateId: id, type: 'order.cancelled' } })).toBe(0);
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);

    // the owner reads and cancels it
    expect((await get(a, id)).body.data).toMatchObject({ id, status: 'pending_payment' });
    expect((await cancel(a, id)).body.data.status).toBe('cancelled');
    expect(await segmentsOf(trip.id)).toEqual([0, 0]);
  });

  it('R-6.2.3 the list shows only one\'s own orders, with the status filter too', async () => {
    const trip = await createTrip(w);
    const a1 = (await book(a, fixedOrder(trip.id, [a.riders[0]]))).body.data.id;
    const a2 = (await book(a, fixedOrder(trip.id, [a.riders[1]], { fromSeq: 2, toSeq: 3 }))).body.data.id;
    const b1 = (await book(b, fixedOrder(trip.id, [b.riders[0]]))).body.data.id;
    await cancel(a, a2);

    const ofA = (await list(a)).body.data;
    const ofB = (await list(b)).body.data;
    const aIds: number[] = ofA.items.map((o: any) => o.id);
    const bIds: number[] = ofB.items.map((o: any) => o.id);
    expect(aIds).toEqual(expect.arrayContaining([a1, a2]));
    expect(aIds).not.toContain(b1);
    expect(bIds).toEqual([b1]);
    expect(ofB.total).toBe(1);
    // every order listed is the caller's, counted by the database itself
    expect(ofA.total).toBe(await OrderEntity.count({ where: { endUserId: a.id } }));
    expect(await OrderEntity.count({ where: { id: aIds, endUserId: a.id } })).toBe(aIds.length);

    const cancelledOfA = (await list(a, { status: 'cancelled' })).body.data.items.map((o: any) => o.id);
    expect(cancelledOfA).toContain(a2);
    expect(cancelledOfA).not.toContain(a1);
    expect((await list(b, { status: 'cancelled' })).body.data.items).toEqual([]);
    await cancel(a, a1);
    await cancel(b, b1);
  });

  it('R-6.2.3 without a sign-in the order API answers 401', async () => {
    const trip = await createTrip(w);
    const made = (await book(a, fixedOrder(trip.id, [a.riders[0]]))).body.data.id;
    for (const res of [
      await t.request().get('/api/app/orders'),
      await t.request().get(`/api/app/orders/${made}`),
      await t.request().post(`/api/app/orders/${made}/cancel`).send({}),
      await t.request().post('/api/app/orders').send(fixedOrder(trip.id, [a.riders[1]])),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body.errorCode).toBe('AUTH.UNAUTHENTICATED');
    }
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);
    await cancel(a, made);
  });

  it('R-6.2.3 cancelling twice (a double tap, or a retry after a lost answer) answers the cancelled order; its seats are released once', async () => {
    const trip = await createTrip(w, { capacity: 9, sold: [2, 2] });
    const made = (await book(a, fixedOrder(trip.id, a.riders))).body.data.id;
    expect(await segmentsOf(trip.id)).toEqual([4, 4]);
    const [first, second] = await Promise.all([cancel(a, made), cancel(a, made)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.body.data.status, second.body.data.status]).toEqual(['cancelled', 'cancelled']);
    const again = await cancel(a, made);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'cancelled', cancelReason: '乘客取消' });
    // released once: the two seats sold before are still sold
    expect(await segmentsOf(trip.id)).toEqual([2, 2]);
    expect(await OutboxEventEntity.count({ where: { aggregateType: 'order', aggregateId: made, type: 'order.cancelled' } })).toBe(1);
  });

  it('R-6.2.3 an expired order still cannot be cancelled, and says so in words', async () => {
    const trip = await createTrip(w);
    const made = (await book(b, fixedOrder(trip.id, [b.riders[0]]))).body.data.id;
    await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: made } });
    const res = await cancel(b, made);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ errorCode: 'ORDER.STATE_INVALID', errorMessage: '订单已超时，不能执行此操作' });
  });

  it('R-6.2.3 an order number drawn a second time is drawn again, not answered with a 500', async () => {
    const trip = await createTrip(w);
    const first = (await book(a, fixedOrder(trip.id, [a.riders[0]]))).body.data;
    const draw = jest.spyOn(support, 'newOrderNo').mockReturnValueOnce(first.orderNo);
    try {
      const second = await book(b, fixedOrder(trip.id, [b.riders[0]]));
      expect(second.status).toBe(200);
      expect(second.body.data.orderNo).not.toBe(first.orderNo);
      expect(second.body.data.tickets[0].ticketNo).toBe(`${second.body.data.orderNo}01`);
      expect(draw).toHaveBeenCalledTimes(2);
      // the failed attempt left nothing behind
      expect(await OrderEntity.count({ where: { tripId: trip.id } })).toBe(2);
      expect(await segmentsOf(trip.id)).toEqual([2, 2]);
      await cancel(b, second.body.data.id);
    } finally {
      draw.mockRestore();
    }
    await cancel(a, first.id);
  });
});

describe('retryOnDeadlock (MariaDB deadlock victims)', () => {
  const deadlock = () => new DatabaseError(Object.assign(new Error('Deadlock found when trying to get lock; try restarting transaction'), { code: 'ER_LOCK_DEADLOCK', errno: 1213, sql: 'UPDATE …' }) as any);

  it('R-6.2.3 runs the transaction again after a deadlock and answers its result', async () => {
    let calls = 0;
    const result = await support.retryOnDeadlock(async () => {
      calls++;
      if (calls < 3) throw deadlock();
      return 'booked';
    });
    expect([result, calls]).toEqual(['booked', 3]);
  });

  it('R-6.2.3 gives up with CONFLICT (409) after a few deadlocks, and never retries other errors', async () => {
    let calls = 0;
    await expect(support.retryOnDeadlock(async () => {
      calls++;
      throw deadlock();
    })).rejects.toMatchObject({ errorCode: 'CONFLICT', status: 409 });
    expect(calls).toBe(4);

    let other = 0;
    const boom = new Error('something else');
    await expect(support.retryOnDeadlock(async () => {
      other++;
      throw boom;
    })).rejects.toBe(boom);
    expect(other).toBe(1);
    expect(support.isDeadlock(deadlock())).toBe(true);
    expect(support.isDeadlock(new Error('x'))).toBe(false);
  });
});
