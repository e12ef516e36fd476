import type { WhereOptions } from 'sequelize';
import { UpstreamError } from '../../src/common/error/domain.error';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { WechatIdentityEntity } from '../../src/modules/account/entity/end-user.entity';
import { NotificationDeliveryEntity } from '../../src/modules/notification/entity';
import { PassengerNotifier, type NoticeTarget } from '../../src/modules/notification/service/passenger-notifier.service';
import type { WechatPort } from '../../src/modules/integration/port/wechat.port';
import { bearer, startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, type World } from '../booking/helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

const TPL = {
  payment: 'tpl-payment-succeeded',
  vehicleAssigned: 'tpl-vehicle-assigned',
  vehicleChanged: 'tpl-vehicle-changed',
  cancelled: 'tpl-trip-cancelled',
};

describe('passenger notifications: WeChat subscribe messages first, SMS when none is left (R-6.2.5)', () => {
  let t: TestApp;
  let w: World;
  let notifier: PassengerNotifier;
  let wx: Passenger;
  let openid: string;
  let phoneSerial = 0;
  // one number per message: Aliyun's flow control allows one message a minute per number and template
  const nextPhone = () => `1370000${String(++phoneSerial).padStart(4, '0')}`;

  const book = async (p: Passenger, contactPhone: string) => {
    const trip = await createTrip(w);
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(trip.id, [p.riders[0]], { contactPhone }));
    if (res.status !== 200) throw new Error(`booking: ${JSON.stringify(res.body)}`);
    // paid, as the orders these messages are about are (and the passenger's unpaid-order limit stays free)
    await OrderEntity.update({ status: 'paid', paidAt: new Date(), holdExpiresAt: null }, { where: { id: res.body.data.id } });
    await TicketEntity.update({ status: 'issued' }, { where: { orderId: res.body.data.id } });
    return res.body.data as { id: number; orderNo: string; tripId: number };
  };
  const target = (p: { id: number }, phone: string, order?: { id: number; tripId: number }): NoticeTarget => ({
    phone,
    endUserId: p.id,
    orderIds: order ? [order.id] : [],
    tripId: order?.tripId ?? null,
  });
  const payment = (orderNo: string) => ({
    orderNo,
    lineName: '深圳北站—广州南站（经福田交通枢纽）城际定制快线',
    departAt: '2026-12-08T01:30:00.000Z',
    amountFen: 9750,
    riders: 2,
  });
  const vehicle = (orderNo: string) => ({
    orderNo,
    departAt: '2026-12-08 09:30',
    plateNo: '粤B D12345',
    vehicleColour: '白色',
    vehicleModel: '别克GL8',
    driverSurname: '王',
    driverPhoneMasked: '138****1234',
  });
  const rows = async (where: WhereOptions) =>
    (await NotificationDeliveryEntity.findAll({ where, order: [['id', 'ASC']] })).map((r) => ({ kind: r.kind, channel: r.channel, status: r.status, providerRef: r.providerRef, error: r.error }));
  const wxMessages = () => t.sandbox.wechat.messages({ openid, appid: t.apps.passenger });
  const sms = (phone: string) => t.sandbox.sms.messages(phone);

  /** A passenger signed in with phone + SMS code in the H5 build: no WeChat identity. */
  const h5Passenger = async (phone: string) => {
    await t.request().post('/api/app/auth/sms/send').send({ phone });
    const code = sms(phone)[0].TemplateParam.code;
    const res = await t.request().post('/api/app/auth/sms/login').send({ phone, code });
    if (res.status !== 200) throw new Error(`sms sign-in: ${JSON.stringify(res.body)}`);
    return { id: res.body.data.profile.id as number, auth: bearer(res.body.data.accessToken) };
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'nt');
    wx = await passengerWithRiders(t, 'nt-wechat');
    notifier = await t.app.getApplicationContext().getAsync(PassengerNotifier);
    openid = (await WechatIdentityEntity.findOne({ where: { endUserId: wx.id, appid: t.apps.passenger } }))!.openid;
    // booting the app and migrating a fresh MariaDB database is slow on a busy machine
  }, 120_000);
  afterAll(async () => t.close());

  it('R-6.2.5 a passenger who accepted the subscription gets the subscribe message, opening the order page; one wechat delivery recorded, no SMS', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    t.sandbox.wechat.subscribe(t.apps.passenger, openid, TPL.payment, 1);
    const before = wxMessages().length;

    const outcome = await notifier.send('payment_succeeded', target(wx, phone, order), payment(order.orderNo));

    expect(outcome).toEqual({ status: 'sent', channel: 'wechat', error: null });
    const sent = wxMessages();
    expect(sent).toHaveLength(before + 1);
    expect(sent[0]).toMatchObject({ templateId: TPL.payment, page: `pages/order/detail/index?id=${order.id}` });
    const data = sent[0].data;
    expect(data.character_string1.value).toBe(order.orderNo);
    // thing: at most 20 characters, cut visibly
    expect(Array.from(data.thing2.value)).toHaveLength(20);
    expect(data.thing2.value.endsWith('…')).toBe(true);
    // Beijing time of the departure, in WeChat's time format
    expect(data.time3.value).toBe('2026年12月8日 09:30');
    expect(data.amount4.value).toBe('97.50元');
    expect(data.number5.value).toBe('2');
    expect(sms(phone).filter((m) => m.TemplateCode === 'SMS_NOTICE')).toEqual([]);
    expect(await rows({ orderId: order.id })).toEqual([{ kind: 'payment_succeeded', channel: 'wechat', status: 'sent', providerRef: String(sent[0].msgid), error: null }]);
  });

  it('R-6.2.5 no subscription left (43101): the message goes by SMS, and both attempts are recorded', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    const before = wxMessages().length;

    const outcome = await notifier.send('vehicle_assigned', target(wx, phone, order), vehicle(order.orderNo));

    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(wxMessages()).toHaveLength(before);
    const [message] = sms(phone).filter((m) => m.TemplateCode === 'SMS_NOTICE');
    expect(message.TemplateParam).toMatchObject({ title: '派车通知', order: order.orderNo, time: '12-08 09:30' });
    expect(message.TemplateParam.detail).toContain('王师傅138****1234');
    for (const v of Object.values(message.TemplateParam)) expect(Array.from(v).length).toBeLessThanOrEqual(35);
    const recorded = await rows({ orderId: order.id });
    expect(recorded.map((r) => [r.kind, r.channel, r.status])).toEqual([
      ['vehicle_assigned', 'wechat', 'failed'],
      ['vehicle_assigned', 'sms', 'sent'],
    ]);
    expect(recorded[0].error).toMatch(/^43101 /);
    expect(recorded[1].providerRef).toBe(message.BizId);
  });

  it('R-6.2.5 a WeChat failure other than 43101 also falls back to SMS, and is recorded with its reason', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    t.sandbox.wechat.subscribe(t.apps.passenger, openid, TPL.vehicleChanged, 1);
    const port = await t.app.getApplicationContext().getAsync<WechatPort>('wechatPort');
    const spy = jest.spyOn(port, 'sendSubscribeMessage').mockRejectedValueOnce(new UpstreamError('wechat', 'subscribe/send: 47003 argument invalid!', 47003));
    try {
      const outcome = await notifier.send('vehicle_changed', target(wx, phone, order), { ...vehicle(order.orderNo), previousPlateNo: '粤B A00001' });
      expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    } finally {
      spy.mockRestore();
    }
    expect(sms(phone).filter((m) => m.TemplateCode === 'SMS_NOTICE')[0].TemplateParam.title).toBe('车辆变更');
    const recorded = await rows({ orderId: order.id });
    expect(recorded.map((r) => [r.channel, r.status])).toEqual([['wechat', 'failed'], ['sms', 'sent']]);
    expect(recorded[0].error).toMatch(/^UPSTREAM_FAILED: .*47003/);
  });

  it('R-6.2.5 a passenger without a WeChat identity (H5 phone sign-in) is told by SMS only', async () => {
    const phone = nextPhone();
    const h5 = await h5Passenger(phone);
    const before = t.sandbox.wechat.messages().length;

    const outcome = await notifier.send('trip_cancelled', target(h5, phone), { orderNo: 'DZ300301120000999001', lineName: '深圳—广州', departAt: '2026-12-08 09:30', reason: '台风停运' });

    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(t.sandbox.wechat.messages()).toHaveLength(before);
    const [message] = sms(phone).filter((m) => m.TemplateCode === 'SMS_NOTICE');
    expect(message.TemplateParam).toEqual({ title: '班次取消', order: 'DZ300301120000999001', trip: '12-08 09:30 深圳—广州', reason: '台风停运' });
    expect((await rows({ endUserId: h5.id })).map((r) => [r.kind, r.channel, r.status])).toEqual([['trip_cancelled', 'sms', 'sent']]);
  });

  it('R-6.2.6 the ride voucher always goes by SMS (template rideVoucher) with the check codes, even to a WeChat passenger', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    const before = wxMessages().length;
    const outcome = await notifier.send('ride_voucher', target(wx, phone, order), { orderNo: order.orderNo, checkCodes: ['483920', '105733'], departAt: '2026-12-08 09:30' });
    expect(outcome).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(wxMessages()).toHaveLength(before);
    const [message] = sms(phone).filter((m) => m.TemplateCode === 'SMS_RIDE_VOUCHER');
    expect(message.TemplateParam).toEqual({ order: order.orderNo, code: '483920,105733', time: '12-08 09:30' });
    expect((await rows({ orderId: order.id })).map((r) => [r.kind, r.channel, r.status])).toEqual([['ride_voucher', 'sms', 'sent']]);
  });

  it('R-6.2.5 the same dedupeKey twice (in turn or at the same moment) sends one message', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    t.sandbox.wechat.subscribe(t.apps.passenger, openid, TPL.payment, 5);
    const before = wxMessages().length;
    const key = `payment:${order.orderNo}`;

    const first = await notifier.send('payment_succeeded', target(wx, phone, order), payment(order.orderNo), { dedupeKey: key });
    const again = await notifier.send('payment_succeeded', target(wx, phone, order), payment(order.orderNo), { dedupeKey: key });
    expect(first.status).toBe('sent');
    expect(again.status).toBe('duplicate');
    expect(wxMessages()).toHaveLength(before + 1);
    expect(await NotificationDeliveryEntity.count({ where: { orderId: order.id } })).toBe(1);

    // two deliveries of the same callback racing each other
    const h5Phone = nextPhone();
    const h5 = await h5Passenger(h5Phone);
    const raced = await Promise.all([1, 2, 3].map(() => notifier.send('refund_succeeded', target(h5, h5Phone), { orderNo: 'DZ300301120000999002', lineName: '深圳—广州', departAt: '2026-12-08 09:30', amountFen: 6500 }, { dedupeKey: 'refund:R1' })));
    expect(raced.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'sent']);
    expect(sms(h5Phone).filter((m) => m.TemplateCode === 'SMS_NOTICE')).toHaveLength(1);
    expect(await rows({ endUserId: h5.id })).toEqual([{ kind: 'refund_succeeded', channel: 'sms', status: 'sent', providerRef: expect.any(String), error: null }]);
    // the remaining subscriptions were not spent on duplicates
    expect(t.sandbox.wechat.state.subscriptionsOf(openid).find((s) => s.templateId === TPL.payment)?.remaining).toBe(4);
  });

  it('R-6.2.5 an SMS the provider refuses is recorded as failed and never thrown at the caller', async () => {
    const phone = nextPhone();
    const h5 = await h5Passenger(phone);
    const cancelled = { orderNo: 'DZ300301120000999003', lineName: '深圳—广州', departAt: '2026-12-08 09:30', reason: '车辆故障' };
    expect((await notifier.send('trip_cancelled', target(h5, phone), cancelled)).status).toBe('sent');
    // a second 'notice' to the number within the minute: Aliyun's flow control refuses it
    const refused = await notifier.send('refund_failed', target(h5, phone), { orderNo: cancelled.orderNo, amountFen: 6500, reason: '原支付账户已注销，客服将联系您' });
    expect(refused).toMatchObject({ status: 'failed', channel: 'sms', error: expect.stringMatching(/^RATE_LIMITED: /) });
    const recorded = await rows({ endUserId: h5.id });
    expect(recorded.map((r) => [r.kind, r.channel, r.status])).toEqual([['trip_cancelled', 'sms', 'sent'], ['refund_failed', 'sms', 'failed']]);
    expect(recorded[1]).toMatchObject({ providerRef: null, error: expect.stringMatching(/^RATE_LIMITED: /) });
    // nothing to send to: recorded, not thrown
    const nowhere = await notifier.send('refund_failed', { phone: '', endUserId: h5.id, orderIds: [], tripId: null }, { orderNo: 'X', amountFen: 1, reason: '-' });
    expect(nowhere).toMatchObject({ status: 'failed', channel: 'sms', error: expect.stringMatching(/^NO_PHONE/) });
  });

  it('R-6.2.5 the passenger app learns which templates to ask for before paying (at most 3); drivers and strangers are refused', async () => {
    const res = await t.request().get('/api/app/notification/subscribe-templates').set(wx.auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      templateIds: [TPL.payment, TPL.vehicleAssigned, TPL.vehicleChanged],
      refundTemplateIds: ['tpl-refund-succeeded', 'tpl-refund-failed'],
      byKind: {
        payment_succeeded: TPL.payment,
        refund_succeeded: 'tpl-refund-succeeded',
        refund_failed: 'tpl-refund-failed',
        vehicle_assigned: TPL.vehicleAssigned,
        vehicle_changed: TPL.vehicleChanged,
        trip_cancelled: TPL.cancelled,
      },
    });
    expect((await t.request().get('/api/app/notification/subscribe-templates')).status).toBe(401);
    expect((await t.request().get('/api/app/notification/subscribe-templates').set(w.admin1)).status).toBe(403);
  });

  it('R-6.2.5 staff see an order\'s deliveries on the order, scoped like the order itself', async () => {
    const phone = nextPhone();
    const order = await book(wx, phone);
    await notifier.send('vehicle_assigned', target(wx, phone, order), vehicle(order.orderNo));
    const list = (auth: object, id = order.id) => t.request().get(`/api/admin/orders/${id}/notifications`).set(auth);

    const res = await list(w.admin1);
    expect(res.status).toBe(200);
    expect(res.body.data.map((d: any) => [d.kind, d.channel, d.status])).toEqual([
      ['vehicle_assigned', 'wechat', 'failed'],
      ['vehicle_assigned', 'sms', 'sent'],
    ]);
    expect(res.body.data[0]).toMatchObject({ error: expect.stringMatching(/^43101 /), createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(JSON.stringify(res.body.data)).not.toContain(phone);
    expect((await list(w.platform)).body.data).toHaveLength(2);
    // another operator: 404 exactly like a missing order; regulators use the regulator feeds
    const missing = await list(w.admin2, 99_999_999);
    const other = await list(w.admin2);
    expect([other.status, other.body.errorCode, other.body.errorMessage]).toEqual([404, 'NOT_FOUND', missing.body.errorMessage]);
    expect((await list(w.regulator)).status).toBe(403);
    expect((await list(wx.auth)).status).toBe(403);
  });
});
