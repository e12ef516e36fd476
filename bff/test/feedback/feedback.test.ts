import { randomUUID } from 'crypto';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { OrderEntity } from '../../src/modules/booking/entity';
import { ComplaintEntity, RatingEntity } from '../../src/modules/feedback/entity';
import { TripEntity } from '../../src/modules/trip/entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, signIn } from '../support/fixtures';
import type { Auth } from '../basedata/helpers';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, type World } from '../booking/helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('service evaluation: ratings, complaints and suggestions, statistics (R-6.2.8)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  let service1: Auth;

  const refusal = (res: { status: number; body: any }) => ({ status: res.status, code: res.body.errorCode });
  const rate = (p: Passenger, body: object) => t.request().post('/api/app/feedback/ratings').set(p.auth).send({ clientKey: randomUUID(), score: 5, ...body });
  const submit = (p: Passenger, body: object) => t.request().post('/api/app/feedback/complaints').set(p.auth)
    .send({ clientKey: randomUUID(), kind: 'complaint', category: 'timing', content: '司机迟到了二十分钟，也没有提前通知乘客', ...body });
  const act = (auth: Auth, id: number, action: string, note?: string) => t.request().post(`/api/admin/feedback/complaints/${id}/${action}`).set(auth).send(note ? { note } : {});

  /**
   * A booked order moved to `status` directly: payments are built in their own module, so these tests
   * set the order (and, for "departed", the trip's departure) through the entities.
   */
  const order = async (p: Passenger, rider: number, opts: { status?: 'paid' | 'completed' | 'pending_payment'; departed?: boolean; orgId?: number } = {}) => {
    const trip = await createTrip(w, { orgId: opts.orgId });
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(trip.id, [rider]));
    if (res.status !== 200) throw new Error(`booking: ${JSON.stringify(res.body)}`);
    if (opts.status && opts.status !== 'pending_payment') await OrderEntity.update({ status: opts.status, paidAt: new Date(), holdExpiresAt: null }, { where: { id: res.body.data.id } });
    if (opts.departed) await TripEntity.update({ departAt: new Date(Date.now() - 3_600_000) }, { where: { id: trip.id } });
    return res.body.data as { id: number; orderNo: string };
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'fb');
    a = await passengerWithRiders(t, 'fb-alice', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'fb-bob', ['1988-02-02', '1987-03-03']);
    const cs = await createAdmin(t.app, { username: 'fb_cs1', orgId: w.op1.id, roles: ['customer_service'] });
    service1 = bearer((await signIn(t.request, cs)).accessToken);
  });
  afterAll(async () => t.close());

  it('R-6.2.8 the app reads the hotline without signing in', async () => {
    const res = await t.request().get('/api/app/feedback/settings');
    expect(res.status).toBe(200);
    expect(res.body.data.hotline).toMatch(/^\d{3}-\d{3}-\d{4}$/);
  });

  it('R-6.2.8 a paid order is rated only after departure, a completed one at once; unpaid orders never', async () => {
    const unpaid = await order(a, a.riders[0]);
    expect(refusal(await rate(a, { orderId: unpaid.id }))).toEqual({ status: 409, code: 'FEEDBACK.NOT_RATABLE' });
    await OrderEntity.update({ status: 'paid' }, { where: { id: unpaid.id } });
    // paid, but the trip leaves in two days
    expect(refusal(await rate(a, { orderId: unpaid.id }))).toEqual({ status: 409, code: 'FEEDBACK.NOT_RATABLE' });
    expect(await RatingEntity.count({ where: { orderId: unpaid.id } })).toBe(0);

    const completed = await order(a, a.riders[1], { status: 'completed' });
    const res = await rate(a, { orderId: completed.id, score: 4, subScores: { driver: 5, punctuality: 3 }, tags: ['polite_driver', 'late'], comment: '  司机很好，就是晚了一点  ' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orderId: completed.id, orderNo: completed.orderNo, score: 4, subScores: { driver: 5, punctuality: 3 }, tags: ['polite_driver', 'late'], comment: '司机很好，就是晚了一点' });
    const departed = await order(a, a.riders[0], { status: 'paid', departed: true });
    expect((await rate(a, { orderId: departed.id })).status).toBe(200);
    // a cancelled or fully refunded order was never travelled
    const refunded = await order(a, a.riders[1], { departed: true });
    await OrderEntity.update({ status: 'refunded' }, { where: { id: refunded.id } });
    expect(refusal(await rate(a, { orderId: refunded.id }))).toEqual({ status: 409, code: 'FEEDBACK.NOT_RATABLE' });
  });

  it('R-6.2.8 an order is rated once: a retry with the same clientKey answers the same rating, any other attempt is FEEDBACK.ALREADY_RATED', async () => {
    const o = await order(a, a.riders[0], { status: 'completed' });
    const body = { clientKey: randomUUID(), orderId: o.id, score: 5, tags: ['punctual'] };
    const first = await rate(a, body);
    const retry = await rate(a, body);
    expect(retry.status).toBe(200);
    expect(retry.body.data.id).toBe(first.body.data.id);
    expect(refusal(await rate(a, { orderId: o.id, score: 1 }))).toEqual({ status: 409, code: 'FEEDBACK.ALREADY_RATED' });
    // the same key reused with other content is no retry either
    expect(refusal(await rate(a, { ...body, score: 2 }))).toEqual({ status: 409, code: 'FEEDBACK.ALREADY_RATED' });
    expect(await RatingEntity.count({ where: { orderId: o.id } })).toBe(1);
    const mine = await t.request().get(`/api/app/feedback/ratings/order/${o.id}`).set(a.auth);
    expect(mine.body.data).toMatchObject({ id: first.body.data.id, score: 5 });
  });

  it('R-6.2.8 a bad score, sub-score, tag or comment is refused with the field and the reason', async () => {
    const o = await order(a, a.riders[1], { status: 'completed' });
    const bad = await rate(a, { orderId: o.id, score: 6, subScores: { vehicle: 0 }, tags: ['fast'], comment: '长'.repeat(301) });
    expect(bad.status).toBe(422);
    expect(bad.body.errorCode).toBe('VALIDATION_FAILED');
    expect(bad.body.errors).toEqual(expect.arrayContaining([
      { field: 'score', reason: '请选择 1–5 星' },
      { field: 'subScores.vehicle', reason: '请选择 1–5 星' },
      { field: 'tags.0', reason: '没有这个标签' },
      { field: 'comment', reason: '评价内容不超过 300 字' },
    ]));
    expect((await rate(a, { orderId: o.id, score: 0 })).body.errors).toEqual([{ field: 'score', reason: '请选择 1–5 星' }]);
    expect(await RatingEntity.count({ where: { orderId: o.id } })).toBe(0);
  });

  it('R-6.2.8 another passenger\'s order and rating answer as missing', async () => {
    const o = await order(a, a.riders[0], { status: 'completed' });
    expect(refusal(await rate(b, { orderId: o.id }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await rate(b, { orderId: 99_999_999 }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await t.request().get(`/api/app/feedback/ratings/order/${o.id}`).set(b.auth))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await t.request().get(`/api/app/feedback/ratings/order/${o.id}`).set(a.auth)).body.data).toBeNull();
  });

  it('R-6.2.8 a complaint goes submitted → processing → resolved through named events, each audited; illegal moves are refused', async () => {
    const o = await order(a, a.riders[1], { status: 'paid' });
    const short = await submit(a, { content: '太慢了', orderId: o.id });
    expect(short.status).toBe(422);
    expect(short.body.errors).toEqual([{ field: 'content', reason: '请至少写 10 个字' }]);

    const key = randomUUID();
    const made = await submit(a, { clientKey: key, orderId: o.id, contactPhone: '13912345678' });
    expect(made.status).toBe(200);
    const c = made.body.data;
    expect(c).toMatchObject({ kind: 'complaint', category: 'timing', status: 'submitted', orderId: o.id, orderNo: o.orderNo, contactPhoneMasked: '139****5678', replies: [] });
    expect(c.complaintNo).toMatch(/^TS\d{10}\d{6}$/);
    // a retry answers the same item
    expect((await submit(a, { clientKey: key, orderId: o.id, contactPhone: '13912345678' })).body.data.id).toBe(c.id);
    expect(await ComplaintEntity.count({ where: { endUserId: a.id, clientKey: key } })).toBe(1);

    // resolving needs accepting first; a reply needs a note
    expect(refusal(await act(service1, c.id, 'resolve', '已处理'))).toEqual({ status: 409, code: 'FEEDBACK.STATE_INVALID' });
    const noNote = await act(service1, c.id, 'reply');
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors).toEqual([{ field: 'note', reason: '请填写回复内容' }]);
    expect(refusal(await act(service1, c.id, 'approve', 'x'))).toEqual({ status: 404, code: 'NOT_FOUND' });

    expect((await act(service1, c.id, 'accept', '转车队核实')).body.data.status).toBe('processing');
    expect(refusal(await act(service1, c.id, 'accept'))).toEqual({ status: 409, code: 'FEEDBACK.STATE_INVALID' });
    expect((await act(service1, c.id, 'reply', '已联系车队核实迟到原因')).body.data.status).toBe('processing');
    const resolved = await act(service1, c.id, 'resolve', '已向您致歉并补偿优惠券');
    expect(resolved.body.data).toMatchObject({ status: 'resolved', orgId: w.op1.id, orgName: w.op1.name });
    expect(resolved.body.data.resolvedAt).toBeTruthy();
    expect(resolved.body.data.timeline.map((e: any) => [e.event, e.fromStatus, e.toStatus])).toEqual([
      ['SUBMITTED', null, 'submitted'], ['ACCEPTED', 'submitted', 'processing'], ['REPLIED', 'processing', 'processing'], ['RESOLVED', 'processing', 'resolved'],
    ]);
    expect(resolved.body.data.timeline[1]).toMatchObject({ note: '转车队核实', actorName: 'fb_cs1' });
    // nothing leaves a final state
    expect(refusal(await act(service1, c.id, 'close', '关闭'))).toEqual({ status: 409, code: 'FEEDBACK.STATE_INVALID' });
    expect(refusal(await act(service1, c.id, 'reply', '再补充一句'))).toEqual({ status: 409, code: 'FEEDBACK.STATE_INVALID' });

    const audits = await AuditRecordEntity.findAll({ where: { targetType: 'complaint', targetId: String(c.id) }, order: [['seq', 'ASC']] });
    expect(audits.map((r) => r.action)).toEqual(['complaint.accept', 'complaint.reply', 'complaint.resolve']);

    // the passenger sees the replies written to them, not the internal note made on accepting
    const mine = await t.request().get(`/api/app/feedback/complaints/${c.id}`).set(a.auth);
    expect(mine.body.data.status).toBe('resolved');
    expect(mine.body.data.replies.map((r: any) => r.note)).toEqual(['已联系车队核实迟到原因', '已向您致歉并补偿优惠券']);
    const list = await t.request().get('/api/app/feedback/complaints').set(a.auth);
    expect(list.body.data.items.map((i: any) => i.id)).toContain(c.id);

    // a suggestion can be closed straight away
    const s = (await submit(a, { kind: 'suggestion', category: 'other', content: '希望增加早上六点的班次，方便赶早班飞机' })).body.data;
    expect((await act(service1, s.id, 'close', '感谢建议，已转线路规划')).status).toBe(404); // no order: platform customer service handles it
    expect((await act(w.platform, s.id, 'close', '感谢建议，已转线路规划')).body.data.status).toBe('closed');
  });

  it('R-6.2.8 ownership both ways: another passenger and another operator\'s staff get 404; staff without the permission 403; regulators 403', async () => {
    const o = await order(a, a.riders[0], { status: 'paid' });
    const c = (await submit(a, { orderId: o.id, category: 'attitude' })).body.data;
    expect(refusal(await t.request().get(`/api/app/feedback/complaints/${c.id}`).set(b.auth))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect((await t.request().get('/api/app/feedback/complaints').set(b.auth)).body.data.items.map((i: any) => i.id)).not.toContain(c.id);
    // a passenger cannot attach someone else's order
    expect(refusal(await submit(b, { orderId: o.id }))).toEqual({ status: 404, code: 'NOT_FOUND' });

    const missing = refusal(await t.request().get('/api/admin/feedback/complaints/99999999').set(w.admin2));
    expect(missing).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(refusal(await t.request().get(`/api/admin/feedback/complaints/${c.id}`).set(w.admin2))).toEqual(missing);
    expect(refusal(await act(w.admin2, c.id, 'accept'))).toEqual(missing);
    expect((await t.request().get('/api/admin/feedback/complaints').query({ pageSize: 100 }).set(w.admin2)).body.data.items.map((i: any) => i.id)).not.toContain(c.id);
    expect((await t.request().get('/api/admin/feedback/complaints').query({ pageSize: 100 }).set(service1)).body.data.items.map((i: any) => i.id)).toContain(c.id);
    expect((await t.request().get(`/api/admin/feedback/complaints/${c.id}`).set(w.platform)).status).toBe(200);
    expect((await t.request().get('/api/admin/feedback/complaints').set(w.dispatcher1)).status).toBe(403);
    expect((await t.request().get('/api/admin/feedback/stats').set(w.regulator)).status).toBe(403);
    expect((await ComplaintEntity.findByPk(c.id))!.status).toBe('submitted');
  });

  describe('hotline calls logged by customer service', () => {
    const hotline = (auth: Auth, body: object) => t.request().post('/api/admin/feedback/complaints').set(auth)
      .send({ clientKey: randomUUID(), kind: 'complaint', category: 'attitude', content: '来电反映：司机接站时态度恶劣，拒绝帮忙放行李', contactPhone: '13912345678', ...body });

    it('R-6.2.8 a call about an order goes to that order\'s operator: listed as 来电 with the caller masked, handled like any complaint, audited; a retry logs it once', async () => {
      const o = await order(a, a.riders[1], { status: 'paid' });
      const clientKey = randomUUID();
      const res = await hotline(service1, { clientKey, orderNo: o.orderNo });
      expect(res.status).toBe(200);
      const c = res.body.data;
      expect(c).toMatchObject({ channel: 'hotline', endUserId: null, orderId: o.id, orderNo: o.orderNo, orgId: w.op1.id, status: 'submitted', contactPhoneMasked: '139****5678' });
      expect(c.timeline).toEqual([expect.objectContaining({ event: 'SUBMITTED', toStatus: 'submitted', actorName: 'fb_cs1' })]);
      // the same save again (a double click, a lost answer): the same item, nothing new
      const again = await hotline(service1, { clientKey, orderNo: o.orderNo });
      expect(again.body.data.id).toBe(c.id);
      expect(await ComplaintEntity.count({ where: { clientKey } })).toBe(1);
      // the same key with other content is a conflict, not a silent overwrite
      expect(refusal(await hotline(service1, { clientKey, orderNo: o.orderNo, content: '来电反映：车内空调不制冷，温度过高' }))).toEqual({ status: 409, code: 'CONFLICT' });
      // the phone number is encrypted at rest
      const raw = await ComplaintEntity.findByPk(c.id);
      expect(raw!.contactPhoneEnc).not.toContain('13912345678');
      expect(await AuditRecordEntity.count({ where: { action: 'complaint.log_hotline', targetId: String(c.id) } })).toBe(1);

      const listed = await t.request().get('/api/admin/feedback/complaints').query({ channel: 'hotline', pageSize: 100 }).set(w.admin1);
      expect(listed.body.data.items.map((i: any) => [i.id, i.channel])).toContainEqual([c.id, 'hotline']);
      const onlyApp = await t.request().get('/api/admin/feedback/complaints').query({ channel: 'app', pageSize: 100 }).set(w.admin1);
      expect(onlyApp.body.data.items.map((i: any) => i.id)).not.toContain(c.id);
      // handled through the same events; the passenger's app account does not see it (it has none)
      expect((await act(service1, c.id, 'accept')).body.data.status).toBe('processing');
      expect((await act(service1, c.id, 'resolve', '已回电致歉，并对司机进行教育')).body.data.status).toBe('resolved');
      expect((await t.request().get('/api/app/feedback/complaints').set(a.auth)).body.data.items.map((i: any) => i.id)).not.toContain(c.id);
      // another operator's staff neither see it nor can log a call against that order
      expect(refusal(await t.request().get(`/api/admin/feedback/complaints/${c.id}`).set(w.admin2))).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(refusal(await hotline(w.admin2, { orderNo: o.orderNo }))).toEqual({ status: 404, code: 'NOT_FOUND' });
    });

    it('R-6.2.8 a call about no order goes to the caller\'s own operator (platform staff: the platform); the phone is required; bad fields are named', async () => {
      const own = await hotline(service1, { kind: 'suggestion', category: 'other', content: '来电建议：希望增加早上六点半的班次' });
      expect(own.body.data).toMatchObject({ channel: 'hotline', orgId: w.op1.id, orderId: null, kind: 'suggestion' });
      const platform = await hotline(w.platform, { kind: 'suggestion', category: 'other', content: '来电建议：希望开通到机场的定制线路' });
      expect(platform.body.data).toMatchObject({ channel: 'hotline', orgId: null });
      // the platform's own items stay with the platform
      expect(refusal(await t.request().get(`/api/admin/feedback/complaints/${platform.body.data.id}`).set(w.admin1))).toEqual({ status: 404, code: 'NOT_FOUND' });

      const bad = await hotline(service1, { contactPhone: '', content: '太短', orderNo: 'dz-1', kind: 'praise' });
      expect(bad.body.errorCode).toBe('VALIDATION_FAILED');
      expect(bad.body.errors).toEqual(expect.arrayContaining([
        { field: 'kind', reason: '请选择投诉或建议' },
        { field: 'content', reason: '请至少写 10 个字' },
        { field: 'contactPhone', reason: '请填写来电号码，用于回访' },
        { field: 'orderNo', reason: '订单号应为 8–32 位大写字母或数字' },
      ]));
      expect(await ComplaintEntity.count({ where: { content: '太短' } })).toBe(0);
      expect((await t.request().post('/api/admin/feedback/complaints').set(w.dispatcher1).send({})).status).toBe(403);
      expect((await t.request().post('/api/admin/feedback/complaints').set(w.regulator).send({})).status).toBe(403);
    });
  });

  it('R-6.2.8 statistics: average and distribution per operator, route and month, tag counts, complaints by category and state, time to resolve', async () => {
    // operator 2 only: the other tests rate operator 1's trips
    const scores = [5, 4, 2];
    const tags = [['punctual', 'clean_vehicle'], ['punctual'], ['late']];
    const ratingIds: number[] = [];
    for (const [i, score] of scores.entries()) {
      const o = await order(b, b.riders[i % 2], { status: 'completed', orgId: w.op2.id });
      const res = await rate(b, { orderId: o.id, score, tags: tags[i], subScores: i === 0 ? { driver: 4 } : i === 1 ? { driver: 5 } : {} });
      expect(res.status).toBe(200);
      ratingIds.push(res.body.data.id);
    }
    // one rating from an earlier month
    await RatingEntity.update({ month: '2020-01', createdAt: new Date('2020-01-15T04:00:00Z') }, { where: { id: ratingIds[2] } });
    const thisMonth = (await RatingEntity.findByPk(ratingIds[0]))!.month;

    const c1 = (await submit(b, { orderId: (await order(b, b.riders[0], { status: 'paid', orgId: w.op2.id })).id })).body.data;
    const c2 = (await submit(b, { orderId: (await order(b, b.riders[1], { status: 'paid', orgId: w.op2.id })).id })).body.data;
    const s1 = (await submit(b, { kind: 'suggestion', category: 'other', orderId: (await order(b, b.riders[0], { status: 'paid', orgId: w.op2.id })).id })).body.data;
    await act(w.admin2, c1.id, 'accept');
    await act(w.admin2, c1.id, 'resolve', '已处理');
    await act(w.admin2, c2.id, 'reply', '正在核实');
    // resolved three hours after submission
    const resolvedAt = (await ComplaintEntity.findByPk(c1.id))!.resolvedAt!;
    await ComplaintEntity.update({ createdAt: new Date(resolvedAt.getTime() - 3 * 3_600_000) }, { where: { id: c1.id } });

    const res = await t.request().get('/api/admin/feedback/stats').set(w.admin2);
    expect(res.status).toBe(200);
    const s = res.body.data;
    expect(s.ratings).toEqual({ count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] });
    expect(s.byOperator).toEqual([{ orgId: w.op2.id, orgName: w.op2.name, count: 3, average: 3.67, distribution: [0, 1, 0, 1, 1] }]);
    expect(s.byRoute).toEqual([expect.objectContaining({ routeId: w.routeId, routeName: '深圳北站—广州南站', count: 3, average: 3.67 })]);
    expect(s.byMonth).toEqual([
      { month: '2020-01', count: 1, average: 2, distribution: [0, 1, 0, 0, 0] },
      { month: thisMonth, count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] },
    ]);
    expect(s.tags).toEqual([{ tag: 'punctual', count: 2 }, { tag: 'clean_vehicle', count: 1 }, { tag: 'late', count: 1 }]);
    expect(s.subScores.driver).toEqual({ count: 2, average: 4.5 });
    expect(s.subScores.vehicle).toEqual({ count: 0, average: null });
    expect(s.complaints).toEqual({
      total: 3,
      byCategory: [{ kind: 'complaint', category: 'timing', count: 2 }, { kind: 'suggestion', category: 'other', count: 1 }],
      byStatus: { submitted: 1, processing: 1, resolved: 1, closed: 0 },
      averageResolveHours: 3,
    });
    expect(s1.status).toBe('submitted');

    // the platform sees the same figures for operator 2, and operator 1 none of them
    const platform = (await t.request().get('/api/admin/feedback/stats').query({ orgId: w.op2.id }).set(w.platform)).body.data;
    expect(platform.ratings).toEqual(s.ratings);
    expect(platform.complaints).toEqual(s.complaints);
    const op1 = (await t.request().get('/api/admin/feedback/stats').set(w.admin1)).body.data;
    expect(op1.byOperator.map((o: any) => o.orgId)).toEqual([w.op1.id]);
    expect((await t.request().get('/api/admin/feedback/stats').query({ orgId: w.op2.id }).set(w.admin1)).body.data.ratings.count).toBe(0);
    // a period leaves the earlier month out
    const period = (await t.request().get('/api/admin/feedback/stats').query({ dateFrom: '2021-01-01' }).set(w.admin2)).body.data;
    expect(period.ratings).toMatchObject({ count: 2, average: 4.5 });

    // the ratings list filters by score and tag within the scope
    const list = await t.request().get('/api/admin/feedback/ratings').query({ tag: 'punctual' }).set(w.admin2);
    expect(list.body.data.items.map((r: any) => r.id).sort()).toEqual([ratingIds[0], ratingIds[1]].sort());
    expect(list.body.data.items[0]).toMatchObject({ orgId: w.op2.id, orgName: w.op2.name, routeName: '深圳北站—广州南站', lineName: '深圳—广州' });
    expect((await t.request().get('/api/admin/feedback/ratings').query({ score: 2 }).set(w.admin2)).body.data.items.map((r: any) => r.id)).toEqual([ratingIds[2]]);
    expect((await t.request().get('/api/admin/feedback/ratings').query({ pageSize: 100 }).set(w.admin1)).body.data.items.every((r: any) => r.orgId === w.op1.id)).toBe(true);
  });
});
