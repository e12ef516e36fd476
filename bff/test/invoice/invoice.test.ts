import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { OperatorArchiveEntity } from '../../src/modules/archive/entity/operator-archive.entity';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { InvoiceEntity } from '../../src/modules/invoice/entity';
import { InvoiceService } from '../../src/modules/invoice/service/invoice.service';
import { TripEntity } from '../../src/modules/trip/entity';
import { eInvoiceSignature } from '../../src/modules/integration/adapter/e-invoice.adapter';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, type World } from '../booking/helpers';
import { startApp, type TestApp } from '../support/app';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

const SELLERS = { op1: { legalName: '深圳鹏程客运有限公司', creditCode: '91440300MA5F000007' }, op2: { legalName: '广州羊城客运有限公司', creditCode: '91440100MA5G00000F' } };

async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

describe('electronic invoices: 报销凭证 (R-6.2.6, R-8.2)', () => {
  let t: TestApp;
  let w: World;
  let a: Passenger;
  let b: Passenger;
  let service: InvoiceService;

  /**
   * A paid order of the passenger. Payment is set through the entities (order `paid` with paidFen,
   * tickets `issued` with their paidFen) so these tests do not depend on the payment flow.
   */
  const paidOrder = async (p: Passenger, riders = [p.riders[0]], orgId?: number) => {
    const trip = await createTrip(w, orgId ? { orgId } : {});
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(trip.id, riders));
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    const order = (await OrderEntity.findByPk(res.body.data.id))!;
    await order.update({ status: 'paid', paidFen: order.totalFen, paidAt: new Date(), holdExpiresAt: null });
    for (const tk of await TicketEntity.findAll({ where: { orderId: order.id } })) await tk.update({ status: 'issued', paidFen: tk.priceFen });
    return order;
  };
  const ask = (p: Passenger, orderId: number, body: object = {}) =>
    t.request().post(`/api/app/orders/${orderId}/invoice`).set(p.auth).send({ clientKey: `key-${orderId}-${Math.random().toString(36).slice(2)}`, buyerType: 'personal', title: '张三', ...body });
  const invoicesOf = (orderId: number) => InvoiceEntity.findAll({ where: { orderId }, order: [['id', 'ASC']] });
  const events = async (type: string, invoiceId: number) => (await OutboxEventEntity.findAll({ where: { type, aggregateType: 'invoice', aggregateId: invoiceId } })).length;
  const issuedOf = async (p: Passenger, orderId: number, body: object = {}) => {
    const res = await ask(p, orderId, body);
    expect(res.status).toBe(200);
    return waitFor('invoice issued', () => InvoiceEntity.findByPk(res.body.data.id) as Promise<InvoiceEntity>, (i) => i.status === 'issued');
  };

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'inv');
    for (const [org, s] of [[w.op1, SELLERS.op1], [w.op2, SELLERS.op2]] as const) {
      await OperatorArchiveEntity.create({ orgId: org.id, ...s, status: 'active', verificationStatus: 'verified', operable: true });
    }
    a = await passengerWithRiders(t, 'invoice-a', ['1990-05-01', '1991-06-02']);
    b = await passengerWithRiders(t, 'invoice-b', ['1988-02-02']);
    service = await t.app.getApplicationContext().getAsync(InvoiceService);
  }, 120_000);
  afterAll(async () => t.close());
  beforeEach(() => {
    t.sandbox.invoice.state.callbacksPaused = false;
  });

  it('R-6.2.6 an invoice for a paid order is issued with the operator as seller, stored as a PDF and downloadable; one outbox event', async () => {
    const order = await paidOrder(a, a.riders);
    const clientKey = 'inv-first-request-0001';
    const res = await ask(a, order.id, { clientKey, buyerType: 'company', title: '某某科技有限公司', taxId: '91440100ma5g00000f', email: 'finance@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orderId: order.id, kind: 'blue', amountFen: order.totalFen, sellerName: SELLERS.op1.legalName, taxId: '91440100MA5G00000F' });
    // the same request again answers the same invoice
    const again = await ask(a, order.id, { clientKey, buyerType: 'company', title: '某某科技有限公司', taxId: '91440100ma5g00000f', email: 'finance@example.com' });
    expect(again.body.data.id).toBe(res.body.data.id);

    const inv = await waitFor('invoice issued', () => InvoiceEntity.findByPk(res.body.data.id) as Promise<InvoiceEntity>, (i) => i.status === 'issued');
    expect(inv.invoiceNo).toMatch(/^\d{20}$/);
    expect(inv.fileKey).toBe(`invoices/${w.op1.id}/${inv.id}.pdf`);
    expect(await events('invoice.issued', inv.id)).toBe(1);

    // what the provider was asked: seller, buyer and one traveller line per rider with the real ID number
    const sent = t.sandbox.invoice.state.find(inv.serialNo!)!;
    expect(sent.seller).toEqual({ name: SELLERS.op1.legalName, taxId: SELLERS.op1.creditCode });
    expect(sent.buyer).toMatchObject({ type: 'company', name: '某某科技有限公司', taxId: '91440100MA5G00000F' });
    expect(sent.items).toEqual([expect.objectContaining({ name: '*运输服务*客运服务费', amountFen: order.totalFen, taxRate: 0.03, quantity: 2 })]);
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    const trip = await TripEntity.findByPk(order.tripId);
    expect(sent.travellers).toEqual(tickets.map((tk) => ({ name: tk.riderName, idType: 'id_card', idNumber: expect.stringMatching(/^110105\d{11}[\dX]$/), travelDate: trip!.departDate, origin: '深圳北站', destination: '广州南站', class: '标准' })));
    expect(sent.travellers.map((x) => x.idNumber.slice(6, 14))).toEqual(['19900501', '19910602']);

    const list = await t.request().get(`/api/app/orders/${order.id}/invoices`).set(a.auth);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining({ id: inv.id, status: 'issued', downloadable: true, invoiceNo: inv.invoiceNo })]);
    const link = await t.request().get(`/api/app/invoices/${inv.id}/download`).set(a.auth);
    expect(link.status).toBe(200);
    const pdf = await fetch(link.body.data.url);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('R-6.2.6 refusals: a wrong 统一社会信用代码, a second invoice for the order, an unpaid order', async () => {
    const order = await paidOrder(b);
    const bad = await ask(b, order.id, { buyerType: 'company', title: '某某公司', taxId: '91440100MA5G00000A' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'taxId' })]);
    expect((await ask(b, order.id)).status).toBe(200);
    const second = await ask(b, order.id);
    expect(second.status).toBe(409);
    expect(second.body.errorCode).toBe('INVOICE.ALREADY_REQUESTED');

    const trip = await createTrip(w);
    const unpaid = await t.request().post('/api/app/orders').set(b.auth).send(fixedOrder(trip.id, [b.riders[0]]));
    const refused = await ask(b, unpaid.body.data.id);
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe('INVOICE.NOT_ALLOWED');
  });

  it('R-6.2.6 a lost callback: the sweeper reads the provider and finishes the invoice', async () => {
    t.sandbox.invoice.state.callbacksPaused = true;
    const order = await paidOrder(a);
    const res = await ask(a, order.id);
    const serialNo = (await InvoiceEntity.findByPk(res.body.data.id))!.serialNo!;
    await waitFor('issued at the provider', async () => t.sandbox.invoice.state.find(serialNo)!.status, (s) => s === 'ISSUED');
    expect((await InvoiceEntity.findByPk(res.body.data.id))!.status).toBe('issuing');
    // not stale yet: left alone
    expect(await service.sweep(60_000)).toBe(0);
    expect(await service.sweep(0)).toBeGreaterThanOrEqual(1);
    const inv = (await InvoiceEntity.findByPk(res.body.data.id))!;
    expect(inv.status).toBe('issued');
    expect(inv.fileKey).toBeTruthy();
    expect(await events('invoice.issued', inv.id)).toBe(1);
  });

  it('R-6.2.6 R-8.2 a duplicate callback is applied once; a tampered or forged callback is refused', async () => {
    const order = await paidOrder(b);
    const inv = await issuedOf(b, order.id);
    // the provider counts it delivered once our 200 reached it
    const [cb] = await waitFor('callback delivered', async () => t.sandbox.invoice.state.callbacksFor(inv.serialNo!), (cbs) => cbs[0]?.delivered);
    const resent = await t.sandbox.invoice.state.resend(cb.id);
    expect(resent!.attempts.at(-1)!.status).toBe(200);
    expect(await events('invoice.issued', inv.id)).toBe(1);

    // signed with another secret, or altered after signing: 401, nothing changes
    const body = JSON.stringify({ serialNo: inv.serialNo, requestNo: inv.requestNo, status: 'FAILED', failReason: 'forged' });
    const ts = String(Date.now());
    const forged = await t.request().post('/api/callbacks/einvoice').set({
      'content-type': 'application/json', 'x-app-key': 'dzky-test', 'x-timestamp': ts, 'x-nonce': 'forged-nonce-1',
      'x-signature': eInvoiceSignature('not-the-secret', 'POST', '/api/callbacks/einvoice', ts, 'forged-nonce-1', body),
    }).send(body);
    expect(forged.status).toBe(401);
    await fetch(`${t.sandbox.invoice.url}/__sandbox/invoice/tamper-next`, { method: 'POST' });
    const tampered = await t.sandbox.invoice.state.resend(cb.id);
    expect(tampered!.attempts.at(-1)!.status).toBe(401);
    const after = (await InvoiceEntity.findByPk(inv.id))!;
    expect(after.status).toBe('issued');
    expect(await events('invoice.failed', inv.id)).toBe(0);
  });

  it('R-6.2.6 afterRefund after a partial refund: the blue invoice is reversed (红冲) and a new one issued for the rest, with outbox events', async () => {
    const order = await paidOrder(a, a.riders);
    const blue = await issuedOf(a, order.id, { title: '李雷' });
    const [kept, refunded] = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    // the refund of one rider's ticket, as the payment code leaves it
    await refunded.update({ status: 'refunded', live: null });
    await order.reload();
    await order.update({ status: 'partially_refunded', refundedFen: refunded.paidFen });
    await service.afterRefund(order.id);
    await service.afterRefund(order.id); // twice: still one reversal

    const all = await waitFor('reversal and new invoice', () => invoicesOf(order.id), (rows) => rows.length === 3 && rows.every((r) => r.status === 'issued' || r.status === 'reversed'));
    const [oldBlue, red, newBlue] = all;
    expect(oldBlue).toMatchObject({ id: blue.id, kind: 'blue', status: 'reversed', amountFen: order.paidFen });
    expect(red).toMatchObject({ kind: 'red', status: 'issued', amountFen: -order.paidFen, reversesInvoiceId: blue.id, title: '李雷' });
    expect(newBlue).toMatchObject({ kind: 'blue', status: 'issued', amountFen: order.paidFen - refunded.paidFen, title: '李雷', buyerType: 'personal' });
    expect(red.invoiceNo).toMatch(/^\d{20}$/);
    expect(await events('invoice.reversed', blue.id)).toBe(1);
    expect(await events('invoice.issued', red.id)).toBe(1);
    expect(await events('invoice.issued', newBlue.id)).toBe(1);
    // the provider: the red letter is negative; the new invoice names only the rider who travels
    expect(t.sandbox.invoice.state.find(red.serialNo!)).toMatchObject({ kind: 'red', totalFen: -order.paidFen, blueSerialNo: blue.serialNo });
    expect(t.sandbox.invoice.state.find(newBlue.serialNo!)!.travellers.map((x) => x.name)).toEqual([kept.riderName]);
    // both PDFs are stored
    expect(red.fileKey).toBeTruthy();
    expect(newBlue.fileKey).toBeTruthy();

    // a full refund afterwards: reversed, and nothing left to invoice
    await order.update({ status: 'refunded', refundedFen: order.paidFen });
    await service.afterRefund(order.id);
    const final = await waitFor('second reversal', () => invoicesOf(order.id), (rows) => rows.length === 4 && rows[3].status === 'issued');
    expect(final[2].status).toBe('reversed');
    expect(final[3]).toMatchObject({ kind: 'red', amountFen: -(order.paidFen - refunded.paidFen) });
  });

  it('R-6.2.6 R-8.2 a failed invoice is reported (outbox) and finance staff retry it', async () => {
    await fetch(`${t.sandbox.invoice.url}/__sandbox/invoice/fail-next`, { method: 'POST', body: JSON.stringify({ stage: 'issue', reason: '购买方信息校验不通过' }) });
    const order = await paidOrder(b);
    const res = await ask(b, order.id);
    const failed = await waitFor('invoice failed', () => InvoiceEntity.findByPk(res.body.data.id) as Promise<InvoiceEntity>, (i) => i.status === 'failed');
    expect(failed.failReason).toBe('购买方信息校验不通过');
    expect(await events('invoice.failed', failed.id)).toBe(1);
    expect((await t.request().get(`/api/app/invoices/${failed.id}/download`).set(b.auth)).body.errorCode).toBe('INVOICE.NOT_READY');

    expect((await t.request().post(`/api/admin/invoices/${failed.id}/retry`).set(w.admin2)).status).toBe(404);
    const retry = await t.request().post(`/api/admin/invoices/${failed.id}/retry`).set(w.admin1);
    expect(retry.status).toBe(200);
    await waitFor('retried invoice issued', () => InvoiceEntity.findByPk(failed.id) as Promise<InvoiceEntity>, (i) => i.status === 'issued');
    expect((await t.request().post(`/api/admin/invoices/${failed.id}/retry`).set(w.admin1)).body.errorCode).toBe('INVOICE.STATE_INVALID');
  });

  it('R-6.2.6 R-8.2 another passenger cannot list or download an invoice (404); another operator cannot see it in admin', async () => {
    const order = await paidOrder(a);
    const inv = await issuedOf(a, order.id);
    const list = await t.request().get(`/api/app/orders/${order.id}/invoices`).set(b.auth);
    expect(list.status).toBe(404);
    const dl = await t.request().get(`/api/app/invoices/${inv.id}/download`).set(b.auth);
    expect(dl.status).toBe(404);
    expect(dl.body.errorCode).toBe('NOT_FOUND');
    expect((await ask(b, order.id)).status).toBe(404);

    const mine = await t.request().get('/api/admin/invoices').query({ orderNo: order.orderNo }).set(w.admin1);
    expect(mine.status).toBe(200);
    expect(mine.body.data.items.map((i: { id: number }) => i.id)).toEqual([inv.id]);
    expect(mine.body.data.items[0]).toMatchObject({ orgId: w.op1.id, status: 'issued', kind: 'blue' });
    const theirs = await t.request().get('/api/admin/invoices').query({ orderNo: order.orderNo }).set(w.admin2);
    expect(theirs.body.data.items).toEqual([]);
    expect((await t.request().get(`/api/admin/invoices/${inv.id}/download`).set(w.admin2)).status).toBe(404);
    const platform = await t.request().get('/api/admin/invoices').query({ status: 'issued', kind: 'blue' }).set(w.platform);
    expect(platform.body.data.items.map((i: { id: number }) => i.id)).toContain(inv.id);
    const staff = await t.request().get(`/api/admin/invoices/${inv.id}/download`).set(w.admin1);
    expect(staff.status).toBe(200);
    expect(staff.body.data.url).toContain(`invoices/${w.op1.id}/${inv.id}.pdf`);
    // a regulator reads the feeds, not the finance pages
    expect((await t.request().get('/api/admin/invoices').set(w.regulator)).status).toBe(403);
  });
});
