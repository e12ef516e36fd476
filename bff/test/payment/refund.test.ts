import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { RefundEntity } from '../../src/modules/payment/entity';
import { PaymentSweeper } from '../../src/modules/payment/service/payment-jobs';
import { TEST_MERCHANTS, startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, segmentsOf, type World } from '../booking/helpers';
import { confirmAtWechat, payToken, setMerchant, waitFor, wxRefund } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('refunds and rebooking (R-6.2.4)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  const order = (id: number) => OrderEntity.findByPk(id) as Promise<OrderEntity>;
  const outcome = (status: 'ABNORMAL' | 'CLOSED' | 'SUCCESS' | null) =>
    fetch(`${t.sandbox.wechatpay.url}/sandbox/refund-outcome`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status }) });

  const bookAndPay = async (p: Passenger, tripId: number, riders = [p.riders[0]]) => {
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(tripId, riders));
    expect(res.status).toBe(200);
    const o = res.body.data as { id: number; orderNo: string; totalFen: number; tickets: Array<{ id: number; priceFen: number }> };
    const start = await t.request().post(`/api/app/orders/${o.id}/pay`).set(p.auth).send({ channel: 'native' });
    expect(start.status).toBe(200);
    await confirmAtWechat(t, payToken(start.body.data));
    await waitFor('order paid', () => order(o.id), (x) => x.status === 'paid');
    return o;
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'rf');
    await setMerchant(t, w, w.op1.id, 'sub_merchant');
    a = await passengerWithRiders(t, 'refund-a', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'refund-b', ['1988-02-02']);
  }, 120_000);
  afterAll(async () => t.close());

  it('R-6.2.4 partial refund: one of two tickets returned 10 h before departure costs 10 % of what was paid; its seat is back at once', async () => {
    const trip = await createTrip(w, { inHours: 10 });
    const o = await bookAndPay(a, trip.id, a.riders);
    expect(await segmentsOf(trip.id)).toEqual([2, 2]);
    const [first, second] = o.tickets;

    const quote = await t.request().get(`/api/app/orders/${o.id}/refund-quote?ticketIds=${first.id}`).set(a.auth);
    expect(quote.body.data).toMatchObject({ allowed: true, feePercent: 10, totalPaidFen: 6500, totalFeeFen: 650, totalRefundFen: 5850 });

    const body = { clientKey: 'refund-partial-01', ticketIds: [first.id], remark: '行程有变' };
    const res = await t.request().post(`/api/app/orders/${o.id}/refunds`).set(a.auth).send(body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ reason: 'passenger', amountFen: 5850, feeFen: 650 });
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);
    // the same request again (a lost answer) makes no second refund
    const again = await t.request().post(`/api/app/orders/${o.id}/refunds`).set(a.auth).send(body);
    expect(again.body.data.id).toBe(res.body.data.id);

    const settled = await waitFor('partial refund settled', () => order(o.id), (x) => x.status === 'partially_refunded');
    expect(settled).toMatchObject({ paidFen: 13000, refundedFen: 5850 });
    const tickets = await TicketEntity.findAll({ where: { orderId: o.id }, order: [['id', 'ASC']] });
    expect(tickets.map((tk) => tk.status)).toEqual(['refunded', 'issued']);
    const refund = (await RefundEntity.findByPk(res.body.data.id))!;
    expect(refund.status).toBe('succeeded');
    expect(wxRefund(t, refund.outRefundNo)).toMatchObject({ refund: 5850, status: 'SUCCESS' });
    const types = (await OutboxEventEntity.findAll()).filter((e) => (e.payload as { orderId?: number }).orderId === o.id).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['order.refunding', 'refund.requested', 'refund.succeeded', 'order.refunded']));

    // the other ticket is still valid and may be returned later
    const view = await t.request().get(`/api/app/orders/${o.id}`).set(a.auth);
    expect(view.body.data.money).toMatchObject({ paidFen: 13000, refundedFen: 5850, canRefund: true });
    expect(view.body.data.money.refunds).toHaveLength(1);
    expect(second.id).toBe(tickets[1].id);
  });

  it('R-6.2.4 returning everything 2 days ahead costs nothing (first tier 0 %); the order ends refunded', async () => {
    const trip = await createTrip(w, { inHours: 48 });
    const o = await bookAndPay(b, trip.id);
    const res = await t.request().post(`/api/app/orders/${o.id}/refunds`).set(b.auth).send({ clientKey: 'refund-full-0001', ticketIds: o.tickets.map((tk) => tk.id) });
    expect(res.body.data).toMatchObject({ amountFen: 6500, feeFen: 0 });
    const done = await waitFor('refunded', () => order(o.id), (x) => x.status === 'refunded');
    expect(done.refundedFen).toBe(6500);
    expect(await segmentsOf(trip.id)).toEqual([0, 0]);
  });

  it('R-6.2.4 no online refund after departure; a ticket already returned cannot be returned twice', async () => {
    const trip = await createTrip(w, { inHours: 48 });
    const o = await bookAndPay(b, trip.id);
    await t.request().post(`/api/app/orders/${o.id}/refunds`).set(b.auth).send({ clientKey: 'refund-twice-001', ticketIds: [o.tickets[0].id] });
    const twice = await t.request().post(`/api/app/orders/${o.id}/refunds`).set(b.auth).send({ clientKey: 'refund-twice-002', ticketIds: [o.tickets[0].id] });
    expect(twice.status).toBe(409);
    expect(['REFUND.TICKET_INVALID', 'REFUND.NOT_ALLOWED']).toContain(twice.body.errorCode);

    const gone = await createTrip(w, { inHours: 48 });
    const o2 = await bookAndPay(b, gone.id);
    await gone.update({ departAt: new Date(Date.now() - 60_000) });
    const late = await t.request().post(`/api/app/orders/${o2.id}/refunds`).set(b.auth).send({ clientKey: 'refund-late-0001', ticketIds: [o2.tickets[0].id] });
    expect(late.status).toBe(409);
    expect(late.body.errorCode).toBe('REFUND.NOT_ALLOWED');
  });

  it('R-6.2.4 a refund WeChat Pay ends ABNORMAL is listed for finance, who resolves it offline; the order then ends refunded', async () => {
    const trip = await createTrip(w, { inHours: 48 });
    const o = await bookAndPay(b, trip.id);
    await outcome('ABNORMAL');
    try {
      await t.request().post(`/api/app/orders/${o.id}/refunds`).set(b.auth).send({ clientKey: 'refund-abnormal1', ticketIds: [o.tickets[0].id] });
      const refund = await waitFor('abnormal', () => RefundEntity.findOne({ where: { orderId: o.id } }) as Promise<RefundEntity>, (r) => r?.status === 'abnormal');
      expect((await order(o.id)).status).toBe('refunding');

      const list = await t.request().get('/api/admin/refunds?status=abnormal').set(w.admin1);
      expect(list.status).toBe(200);
      expect(list.body.data.items.map((r: { id: number }) => r.id)).toContain(refund.id);
      // another operator's finance never sees it
      const other = await t.request().get('/api/admin/refunds?status=abnormal').set(w.admin2);
      expect(other.body.data.items.map((r: { id: number }) => r.id)).not.toContain(refund.id);
      const otherResolve = await t.request().post(`/api/admin/refunds/${refund.id}/resolve`).set(w.admin2).send({ note: '银行转账' });
      expect(otherResolve.status).toBe(404);

      const resolved = await t.request().post(`/api/admin/refunds/${refund.id}/resolve`).set(w.admin1).send({ note: '已通过银行转账退回，凭证号 TX001' });
      expect(resolved.status).toBe(200);
      expect(resolved.body.data).toMatchObject({ status: 'resolved_offline', resolution: '已通过银行转账退回，凭证号 TX001' });
      expect(await order(o.id)).toMatchObject({ status: 'refunded', refundedFen: 6500 });
    } finally {
      await outcome(null);
    }
  });

  it('R-6.2.4 a cancelled trip refunds its paid orders in full, and the sweeper writes any refund a crash left out', async () => {
    const trip = await createTrip(w, { inHours: 5 });
    const o = await bookAndPay(a, trip.id);
    const cancel = await t.request().post(`/api/admin/trips/${trip.id}/cancel`).set(w.admin1).send({ reason: '道路封闭' });
    expect(cancel.status).toBe(200);
    const done = await waitFor('refunded', () => order(o.id), (x) => x.status === 'refunded');
    expect(done.refundedFen).toBe(6500);
    expect(await RefundEntity.findOne({ where: { orderId: o.id } })).toMatchObject({ reason: 'trip_cancelled', feeFen: 0, amountFen: 6500 });

    // a paid order left in refunding with no refund written (the process died after the cancel)
    const trip2 = await createTrip(w, { inHours: 5 });
    const o2 = await bookAndPay(b, trip2.id);
    await OrderEntity.update({ status: 'refunding', updatedAt: new Date(Date.now() - 120_000) }, { where: { id: o2.id }, silent: true });
    await TicketEntity.update({ status: 'refunding' }, { where: { orderId: o2.id } });
    const sweeper = await t.app.getApplicationContext().getAsync(PaymentSweeper);
    await sweeper.sweep();
    await waitFor('swept refund', () => order(o2.id), (x) => x.status === 'refunded');
  });

  it('R-6.2.4 finance: payments listed within the operator only, a staff refund with the fee waived, daily totals that add up', async () => {
    const trip = await createTrip(w, { inHours: 10 });
    const o = await bookAndPay(b, trip.id);
    const payments = await t.request().get(`/api/admin/payments?keyword=${o.orderNo}`).set(w.admin1);
    expect(payments.status).toBe(200);
    expect(payments.body.data.items).toHaveLength(1);
    expect(payments.body.data.items[0]).toMatchObject({ orderNo: o.orderNo, amountFen: 6500, status: 'paid', merchantMode: 'sub_merchant', mchid: TEST_MERCHANTS.subMchids[0] });
    const foreign = await t.request().get(`/api/admin/payments?keyword=${o.orderNo}`).set(w.admin2);
    expect(foreign.body.data.items).toHaveLength(0);

    const totals = async () => (await t.request().get('/api/admin/finance/summary').set(w.admin1)).body.data.totals as { paidFen: number; refundedFen: number; feeFen: number; netFen: number };
    const before = await totals();
    // 10 h before departure the tier would keep 650; staff waive it (a complaint upheld)
    const staff = await t.request().post(`/api/admin/orders/${o.id}/refunds`).set(w.admin1).send({ clientKey: 'staff-refund-0001', ticketIds: [o.tickets[0].id], waiveFee: true, remark: '投诉成立，全额退款' });
    expect(staff.status).toBe(200);
    expect(staff.body.data).toMatchObject({ reason: 'operator', amountFen: 6500, feeFen: 0 });
    await waitFor('staff refund settled', () => order(o.id), (x) => x.status === 'refunded');
    const after = await totals();
    expect(after.refundedFen - before.refundedFen).toBe(6500);
    expect(after.netFen).toBe(after.paidFen - after.refundedFen);
  });

  it('R-6.2.4 R-6.2.6 a ticket returned after invoicing: the invoice is reversed in red and issued again for what was kept', async () => {
    const trip = await createTrip(w, { inHours: 10 });
    const o = await bookAndPay(a, trip.id, a.riders);
    const asked = await t.request().post(`/api/app/orders/${o.id}/invoice`).set(a.auth).send({ clientKey: 'invoice-refund-01', buyerType: 'personal', title: '张先生' });
    expect(asked.status).toBe(200);
    const list = () => t.request().get(`/api/app/orders/${o.id}/invoices`).set(a.auth).then((r) => r.body.data as Array<{ kind: string; status: string; amountFen: number }>);
    await waitFor('blue issued', list, (xs) => xs.some((x) => x.kind === 'blue' && x.status === 'issued'));

    await t.request().post(`/api/app/orders/${o.id}/refunds`).set(a.auth).send({ clientKey: 'invoice-refund-02', ticketIds: [o.tickets[0].id] });
    await waitFor('partly refunded', () => order(o.id), (x) => x.status === 'partially_refunded');
    // 13000 paid, 5850 back (10 % fee kept): red −13000 for the first invoice, a new blue for 7150
    const after = await waitFor('reversed and issued again', list, (xs) => xs.filter((x) => x.status === 'issued').length === 2);
    expect(after.find((x) => x.kind === 'red')).toMatchObject({ amountFen: -13000 });
    expect(after.filter((x) => x.kind === 'blue').map((x) => [x.status, x.amountFen]).sort()).toEqual([['issued', 7150], ['reversed', 13000]]);
  });

  it('R-6.2.4 rebooking to a dearer trip waits for the difference; paid, the old seats go back and the new tickets are issued', async () => {
    const trip = await createTrip(w, { inHours: 48 });
    const dearer = await createTrip(w, { inHours: 49 });
    await dearer.update({ vehicleType: 'small' }); // 110 % of the base price
    const o = await bookAndPay(a, trip.id);
    const options = await t.request().get(`/api/app/orders/${o.id}/rebook-options?date=${dearer.departDate}`).set(a.auth);
    expect(options.status).toBe(200);
    expect(options.body.data.options.find((x: { tripId: number }) => x.tripId === dearer.id)).toMatchObject({ totalFen: 7150, differenceFen: 650 });

    const res = await t.request().post(`/api/app/orders/${o.id}/rebook`).set(a.auth).send({ clientKey: 'rebook-dearer-01', tripId: dearer.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ differenceFen: 650, refund: null, order: { status: 'pending_payment', tripId: dearer.id } });
    const newId = res.body.data.order.id;
    // both held until the difference is paid: the old ticket stays valid meanwhile
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);
    expect(await segmentsOf(dearer.id)).toEqual([1, 1]);

    const start = await t.request().post(`/api/app/orders/${newId}/pay`).set(a.auth).send({ channel: 'native' });
    expect(start.body.data.amountFen).toBe(650);
    await confirmAtWechat(t, payToken(start.body.data));
    await waitFor('rebooked', () => order(newId), (x) => x.status === 'paid');
    expect((await order(o.id)).status).toBe('rebooked');
    expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    expect(await segmentsOf(dearer.id)).toEqual([1, 1]);
    expect(await order(newId)).toMatchObject({ paidFen: 7150, rebookedFromOrderId: o.id });

    // returning the new ticket 2 days ahead pays back all of it, from both payments
    const back = await t.request().post(`/api/app/orders/${newId}/refunds`).set(a.auth).send({ clientKey: 'rebook-refund-01', ticketIds: [res.body.data.order.tickets[0].id] });
    expect(back.status).toBe(200);
    await waitFor('rebooked order refunded', () => order(newId), (x) => x.status === 'refunded');
    const parts = await RefundEntity.findAll({ where: { orderId: newId } });
    expect(parts.reduce((s, r) => s + r.amountFen, 0)).toBe(7150);
  });

  it('R-6.2.4 rebooking to a cheaper trip switches at once and refunds the difference', async () => {
    const trip = await createTrip(w, { inHours: 48 });
    await trip.update({ vehicleType: 'small' });
    const cheaper = await createTrip(w, { inHours: 50 });
    const o = await bookAndPay(b, trip.id);
    expect((await order(o.id)).paidFen).toBe(7150);
    const res = await t.request().post(`/api/app/orders/${o.id}/rebook`).set(b.auth).send({ clientKey: 'rebook-cheap-001', tripId: cheaper.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ differenceFen: -650, order: { status: 'paid' }, refund: { reason: 'rebook', amountFen: 650 } });
    expect((await order(o.id)).status).toBe('rebooked');
    expect(await segmentsOf(trip.id)).toEqual([0, 0]);
    await waitFor('difference refunded', () => RefundEntity.findByPk(res.body.data.refund.id) as Promise<RefundEntity>, (r) => r.status === 'succeeded');
    expect((await order(res.body.data.order.id)).refundedFen).toBe(650);
    // rules allow one rebooking by default
    const again = await t.request().get(`/api/app/orders/${res.body.data.order.id}/rebook-options`).set(b.auth);
    expect(again.body.data).toMatchObject({ allowed: false });
  });
});
