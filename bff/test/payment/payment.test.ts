import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { HoldExpiryService } from '../../src/modules/booking/service/hold-expiry.service';
import { PaymentEntity, PaymentNotificationEntity, RefundEntity } from '../../src/modules/payment/entity';
import { TEST_MERCHANTS, startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, segmentsOf, type World } from '../booking/helpers';
import { confirmAtWechat, forgeNotification, payToken, setMerchant, waitFor, wxOrder, wxRefund } from './helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('payments: WeChat Pay, notifications applied once (R-6.2.4, R-8.2)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  const book = async (p: Passenger, tripId: number, riders = [p.riders[0]]) => {
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(tripId, riders));
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.data as { id: number; orderNo: string; totalFen: number; tickets: Array<{ id: number }> };
  };
  const pay = (p: Passenger, orderId: number, body: object) => t.request().post(`/api/app/orders/${orderId}/pay`).set(p.auth).send(body);
  const order = (id: number) => OrderEntity.findByPk(id) as Promise<OrderEntity>;
  const events = async (type: string, orderId: number) => (await OutboxEventEntity.findAll({ where: { type } })).filter((e) => (e.payload as { orderId: number }).orderId === orderId);

  /** Books, pays by Native (QR) through the sandbox and waits for the notification to be applied. */
  const bookAndPay = async (p: Passenger, tripId: number, riders = [p.riders[0]]) => {
    const o = await book(p, tripId, riders);
    const start = await pay(p, o.id, { channel: 'native' });
    expect(start.status).toBe(200);
    expect((await confirmAtWechat(t, payToken(start.body.data))).status).toBe(200);
    await waitFor('order paid', () => order(o.id), (x) => x.status === 'paid');
    return o;
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'pay');
    await setMerchant(t, w, w.op1.id, 'sub_merchant');
    a = await passengerWithRiders(t, 'payer-a', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'payer-b', ['1988-02-02']);
  }, 120_000);
  afterAll(async () => t.close());

  it('R-6.2.4 Native payment as a sub-merchant: paid once, tickets issued, time_expire = end of the hold, outbox events written', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    expect(start.status).toBe(200);
    expect(start.body.data).toMatchObject({ channel: 'native', amountFen: o.totalFen });
    expect(start.body.data.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const wx = wxOrder(t, start.body.data.outTradeNo);
    expect(wx).toMatchObject({ partner: true, mchid: TEST_MERCHANTS.provider, subMchid: TEST_MERCHANTS.subMchids[0], total: o.totalFen });
    expect(new Date(start.body.data.expiresAt).getTime()).toBe((await order(o.id)).holdExpiresAt!.getTime());
    // the same screen asking again (a double tap, a lost answer) gets the payment already started
    const again = await pay(a, o.id, { channel: 'native' });
    expect(again.body.data).toMatchObject({ outTradeNo: start.body.data.outTradeNo, codeUrl: start.body.data.codeUrl });
    expect(await PaymentEntity.count({ where: { orderId: o.id } })).toBe(1);

    await confirmAtWechat(t, payToken(start.body.data));
    const paid = await waitFor('order paid', () => order(o.id), (x) => x.status === 'paid');
    expect(paid.paidFen).toBe(o.totalFen);
    expect((await TicketEntity.findAll({ where: { orderId: o.id } })).map((tk) => [tk.status, tk.paidFen])).toEqual([['issued', o.totalFen]]);
    expect(await events('order.paid', o.id)).toHaveLength(1);
    expect(await events('payment.succeeded', o.id)).toHaveLength(1);

    // the passenger's order now says what was paid and what may be done next
    const view = await t.request().get(`/api/app/orders/${o.id}`).set(a.auth);
    expect(view.body.data.money).toMatchObject({ paidFen: o.totalFen, refundedFen: 0, channel: 'native', canRefund: true, canInvoice: true });
  });

  it('R-6.2.4 the same notification delivered again and again is applied once', async () => {
    const trip = await createTrip(w);
    const o = await bookAndPay(a, trip.id);
    const payment = (await PaymentEntity.findOne({ where: { orderId: o.id } }))!;
    const [n] = (await (await fetch(`${t.sandbox.wechatpay.url}/sandbox/notifications?out_trade_no=${payment.outTradeNo}`)).json()).notifications;
    for (let i = 0; i < 3; i++) {
      const resend = await (await fetch(`${t.sandbox.wechatpay.url}/sandbox/notifications/${n.id}/resend`, { method: 'POST' })).json();
      expect(resend.delivered).toBe(true);
    }
    expect(await events('order.paid', o.id)).toHaveLength(1);
    expect(await events('payment.succeeded', o.id)).toHaveLength(1);
    expect((await order(o.id)).paidFen).toBe(o.totalFen);
    expect(await PaymentNotificationEntity.count({ where: { notificationId: n.id } })).toBe(1);
  });

  it('R-6.2.4 a notification arriving after the order was already settled by a query (out of order) changes nothing', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    t.pauseCallbacks(true);
    try {
      await confirmAtWechat(t, payToken(start.body.data));
      // the page polls: bff asks WeChat Pay and applies the payment without any notification
      const status = await t.request().get(`/api/app/orders/${o.id}/payment`).set(a.auth);
      expect(status.body.data).toMatchObject({ status: 'paid', orderStatus: 'paid' });
    } finally {
      t.pauseCallbacks(false);
    }
    const [n] = (await (await fetch(`${t.sandbox.wechatpay.url}/sandbox/notifications?out_trade_no=${start.body.data.outTradeNo}`)).json()).notifications;
    await fetch(`${t.sandbox.wechatpay.url}/sandbox/notifications/${n.id}/resend`, { method: 'POST' });
    expect(await events('order.paid', o.id)).toHaveLength(1);
    expect((await order(o.id)).paidFen).toBe(o.totalFen);
  });

  it('R-8.2 tampered, stale, unknown-serial and wrong-amount notifications are never applied', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    const payment = (await PaymentEntity.findOne({ where: { outTradeNo: start.body.data.outTradeNo } }))!;
    const resource = (total: number) => ({
      sp_appid: payment.appid, sp_mchid: TEST_MERCHANTS.provider, sub_mchid: TEST_MERCHANTS.subMchids[0], out_trade_no: payment.outTradeNo,
      transaction_id: '4200000000202612070000000001', trade_type: 'NATIVE', trade_state: 'SUCCESS', success_time: new Date().toISOString(),
      payer: { sp_openid: 'oForged' }, amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    });
    const post = (n: { body: string; headers: Record<string, string> }) => fetch(`${t.publicBaseUrl}/api/callbacks/wechatpay/${TEST_MERCHANTS.provider}`, { method: 'POST', headers: n.headers, body: n.body });

    const good = forgeNotification(t, { eventType: 'TRANSACTION.SUCCESS', resource: resource(payment.amountFen) });
    const tampered = { ...good, body: good.body.replace('"summary":"支付成功"', '"summary":"支付成功 "') };
    expect((await post(tampered)).status).toBe(401);
    const stale = forgeNotification(t, { eventType: 'TRANSACTION.SUCCESS', resource: resource(payment.amountFen), timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect((await post(stale)).status).toBe(401);
    const unknownSerial = forgeNotification(t, { eventType: 'TRANSACTION.SUCCESS', resource: resource(payment.amountFen), serial: 'PUB_KEY_ID_0000000000000000000000000000' });
    expect((await post(unknownSerial)).status).toBe(401);
    // correctly signed and encrypted, but for another amount: kept for finance, not applied
    const wrongAmount = forgeNotification(t, { eventType: 'TRANSACTION.SUCCESS', resource: resource(1) });
    expect((await post(wrongAmount)).status).toBeLessThan(300);
    expect(await PaymentNotificationEntity.findOne({ where: { outTradeNo: payment.outTradeNo } })).toMatchObject({ outcome: 'rejected' });

    expect((await order(o.id)).status).toBe('pending_payment');
    expect((await payment.reload()).status).toBe('created');
    expect(await events('order.paid', o.id)).toHaveLength(0);
  });

  it('R-6.2.4 a direct merchant is paid by H5 and verified by platform certificate serial; the sub-merchant by PUB_KEY_ID', async () => {
    const trip = await createTrip(w, { orgId: w.op2.id });
    await setMerchant(t, w, w.op2.id, 'direct');
    const o = await book(b, trip.id);
    const start = await pay(b, o.id, { channel: 'h5', returnUrl: 'http://localhost:7200/#/pages/pay/index?orderId=1&return=1' });
    expect(start.status).toBe(200);
    expect(start.body.data.h5Url).toContain('redirect_url=');
    expect(wxOrder(t, start.body.data.outTradeNo)).toMatchObject({ partner: false, mchid: TEST_MERCHANTS.direct, tradeType: 'MWEB' });
    await confirmAtWechat(t, payToken(start.body.data));
    await waitFor('direct order paid', () => order(o.id), (x) => x.status === 'paid');
    // the direct merchant has no WeChat Pay public key configured: the signed answers and the
    // notification were verified under the platform certificate's serial, fetched from /v3/certificates
    // (without it creating the payment fails and the notification is refused), answered 2xx at once
    await waitFor('notification answered', async () => (await (await fetch(`${t.sandbox.wechatpay.url}/sandbox/notifications?out_trade_no=${start.body.data.outTradeNo}`)).json()).notifications[0], (n) => n.delivered && n.attempts.length === 1);
    await setMerchant(t, w, w.op2.id, 'sub_merchant');
  });

  it('R-6.2.4 JSAPI in the mini-program needs the payer\'s openid and answers requestPayment arguments signed by the merchant', async () => {
    const trip = await createTrip(w);
    const o = await book(b, trip.id);
    // in WeChat's browser the official account's openid is needed, which web authorisation gives
    const refused = await pay(b, o.id, { channel: 'jsapi', payerApp: 'official' });
    expect(refused.body.errorCode).toBe('PAYMENT.NO_OPENID');
    const { WechatIdentityEntity } = await import('../../src/modules/account/entity/end-user.entity');
    const identity = (await WechatIdentityEntity.findOne({ where: { appid: t.apps.passenger, endUserId: b.id } }))!;
    const start = await pay(b, o.id, { channel: 'jsapi' });
    expect(start.status).toBe(200);
    expect(start.body.data.jsapi).toMatchObject({ appId: t.apps.passenger, signType: 'RSA' });
    expect(start.body.data.jsapi.package).toMatch(/^prepay_id=/);
    expect(wxOrder(t, start.body.data.outTradeNo)).toMatchObject({ openid: identity.openid, tradeType: 'JSAPI' });
    await confirmAtWechat(t, payToken(start.body.data));
    await waitFor('jsapi order paid', () => order(o.id), (x) => x.status === 'paid');
  });

  it('R-6.2.4 the hold ends while the money is on its way: WeChat Pay is asked before closing, the order is paid, no seat is released', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    t.pauseCallbacks(true);
    try {
      await confirmAtWechat(t, payToken(start.body.data));
      await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: o.id } });
      const holds = await t.app.getApplicationContext().getAsync(HoldExpiryService);
      expect(await holds.expire(o.id)).toBe(false);
    } finally {
      t.pauseCallbacks(false);
    }
    expect((await order(o.id)).status).toBe('paid');
    expect(await segmentsOf(trip.id)).toEqual([1, 1]);
  });

  it('R-6.2.4 an unpaid order released at the end of its hold has its WeChat order closed (queried first)', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    await OrderEntity.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: o.id } });
    const holds = await t.app.getApplicationContext().getAsync(HoldExpiryService);
    expect(await holds.expire(o.id)).toBe(true);
    expect((await order(o.id)).status).toBe('expired');
    expect(wxOrder(t, start.body.data.outTradeNo).state).toBe('CLOSED');
    expect((await PaymentEntity.findOne({ where: { outTradeNo: start.body.data.outTradeNo } }))!.status).toBe('closed');
    expect(await events('payment.closed', o.id)).toHaveLength(1);
    expect((await confirmAtWechat(t, payToken(start.body.data))).status).toBe(400);
  });

  it('R-6.2.4 money that arrives after the seats were released (trip cancelled while paying) is refunded in full, automatically', async () => {
    const trip = await createTrip(w);
    const o = await book(a, trip.id);
    const start = await pay(a, o.id, { channel: 'native' });
    const cancel = await t.request().post(`/api/admin/trips/${trip.id}/cancel`).set(w.admin1).send({ reason: '车辆故障' });
    expect(cancel.status).toBe(200);
    expect((await order(o.id)).status).toBe('cancelled');
    await confirmAtWechat(t, payToken(start.body.data));
    const refunded = await waitFor('late payment refunded', () => order(o.id), (x) => x.status === 'refunded');
    expect(refunded).toMatchObject({ paidFen: o.totalFen, refundedFen: o.totalFen });
    const refund = (await RefundEntity.findOne({ where: { orderId: o.id } }))!;
    expect(refund).toMatchObject({ reason: 'late_payment', amountFen: o.totalFen, feeFen: 0, status: 'succeeded' });
    expect(wxRefund(t, refund.outRefundNo)).toMatchObject({ status: 'SUCCESS', refund: o.totalFen });
  });

  it('R-6.2.4 another passenger can neither pay, see the payment of, nor return the tickets of an order (404 as if missing)', async () => {
    const trip = await createTrip(w);
    const o = await bookAndPay(a, trip.id);
    for (const res of [
      await pay(b, o.id, { channel: 'native' }),
      await t.request().get(`/api/app/orders/${o.id}/payment`).set(b.auth),
      await t.request().get(`/api/app/orders/${o.id}/refund-quote`).set(b.auth),
      await t.request().post(`/api/app/orders/${o.id}/refunds`).set(b.auth).send({ clientKey: 'steal-refund-1', ticketIds: o.tickets.map((tk) => tk.id) }),
      await t.request().get(`/api/app/orders/${o.id}/rebook-options`).set(b.auth),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await order(o.id)).status).toBe('paid');
  });
});
