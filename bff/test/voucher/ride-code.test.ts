import { verifyRideCode, type OrderVouchers, type RideCodeKeys } from '@dzky/contracts';
import { randomBytes } from 'crypto';
import { FieldCipher } from '../../src/common/security/field-cipher.service';
import { OrderEntity, TicketEntity } from '../../src/modules/booking/entity';
import { RideCodeService } from '../../src/modules/voucher/service/ride-code.service';
import { startApp, type TestApp } from '../support/app';
import { bookingWorld, createTrip, fixedOrder, passengerWithRiders, type World } from '../booking/helpers';

type Passenger = Awaited<ReturnType<typeof passengerWithRiders>>;

describe('ride codes: 乘车码 per rider, verified offline with the published key (R-6.2.6)', () => {
  let t: TestApp;
  let w: World;
  let alice: Passenger;
  let bob: Passenger;
  let keys: Record<string, string>;

  const book = async (p: Passenger, tripId: number, riders: number[]) => {
    const res = await t.request().post('/api/app/orders').set(p.auth).send(fixedOrder(tripId, riders));
    if (res.status !== 200) throw new Error(`order: ${JSON.stringify(res.body)}`);
    return res.body.data as { id: number; orderNo: string; departAt: string };
  };
  /**
   * Payment does not exist yet: the order is marked paid and its tickets issued directly in the
   * database, as a successful payment will do.
   */
  const pay = async (orderId: number, paidAt = new Date()) => {
    await OrderEntity.update({ status: 'paid', paidAt, holdExpiresAt: null }, { where: { id: orderId } });
    await TicketEntity.update({ status: 'issued' }, { where: { orderId } });
  };
  const vouchers = (p: Passenger, orderId: number) => t.request().get(`/api/app/orders/${orderId}/vouchers`).set(p.auth);

  beforeAll(async () => {
    t = await startApp();
    w = await bookingWorld(t, 'vc');
    alice = await passengerWithRiders(t, 'alice', ['1990-05-01', '1985-01-01', '1992-06-06']);
    bob = await passengerWithRiders(t, 'bob', ['1988-02-02']);
    const res = await t.request().get('/api/public/ride-code-keys');
    expect(res.status).toBe(200);
    keys = Object.fromEntries((res.body.data as RideCodeKeys).keys.map((k) => [k.kid, k.publicKey]));
    // booting with migrations and building the world on MariaDB takes a while on a busy machine
  }, 120_000);
  afterAll(async () => t.close());

  it('R-6.2.6 the public keys are published without signing in, as raw 32-byte Ed25519 keys', async () => {
    const res = await t.request().get('/api/public/ride-code-keys');
    expect(res.status).toBe(200);
    const published = (res.body.data as RideCodeKeys).keys;
    expect(published.length).toBeGreaterThanOrEqual(1);
    for (const k of published) {
      expect(k.alg).toBe('Ed25519');
      expect(Buffer.from(k.publicKey, 'base64')).toHaveLength(32);
    }
  });

  it('R-6.2.6 each issued ticket gets a ride code that verifies with the published key and names its ticket, trip and journey', async () => {
    const trip = await createTrip(w);
    const order = await book(alice, trip.id, alice.riders.slice(0, 2));
    const paidAt = new Date(Date.now() - 60_000);
    await pay(order.id, paidAt);
    const res = await vouchers(alice, order.id);
    expect(res.status).toBe(200);
    const data = res.body.data as OrderVouchers;
    expect(data).toMatchObject({ orderId: order.id, orderNo: order.orderNo, tripId: trip.id, departAt: trip.departAt.toISOString() });
    expect(data.vouchers).toHaveLength(2);
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    for (const [i, v] of data.vouchers.entries()) {
      expect(v).toMatchObject({ ticketId: tickets[i].id, ticketNo: tickets[i].ticketNo, riderName: tickets[i].riderName, status: 'issued', ticketType: 'adult' });
      expect(v.idNumberMasked).toMatch(/^\d{3}\*+\w{4}$/);
      expect(v.checkCode).toMatch(/^\d{6}$/);
      const verified = verifyRideCode(v.rideCode!, keys);
      if (!verified.ok) throw new Error(`ride code refused: ${verified.reason}`);
      const chars = Array.from(tickets[i].riderName);
      expect(verified.payload).toEqual({
        ticketNo: tickets[i].ticketNo, tripId: trip.id, orderNo: order.orderNo, riderName: `${chars[0]}*${chars.length > 2 ? chars[chars.length - 1] : ''}`,
        seatNo: null, fromSeq: 1, toSeq: 3, departAt: trip.departAt.toISOString(), kid: expect.any(String), issuedAt: paidAt.toISOString(),
      });
      // the passenger's real name never travels in the code
      expect(Buffer.from(v.rideCode!.split('.')[1], 'base64url').toString('utf8')).not.toContain(tickets[i].riderName);
    }
    // each rider has a code of their own
    expect(data.vouchers[0].rideCode).not.toBe(data.vouchers[1].rideCode);
    expect(data.vouchers[0].checkCode).not.toBe(data.vouchers[1].checkCode);
    // nothing is stored: the same ticket answers the same codes again
    const again = (await vouchers(alice, order.id)).body.data as OrderVouchers;
    expect(again.vouchers.map((v) => [v.rideCode, v.checkCode])).toEqual(data.vouchers.map((v) => [v.rideCode, v.checkCode]));
  });

  it('R-6.2.6 rotating the signing key changes the ride codes\' key ID, not the check codes already sent by SMS', async () => {
    const ctx = t.app.getApplicationContext();
    const before = await ctx.getAsync(RideCodeService);
    // the configuration after a rotation: a new key signs, the old one stays published
    const [oldKid, oldSeed] = process.env.RIDE_CODE_SIGNING_KEYS!.split(':');
    const after = new RideCodeService();
    Object.assign(after, { config: { signingKeys: { r9: randomBytes(32).toString('base64'), [oldKid]: oldSeed }, currentKeyId: 'r9' }, cipher: await ctx.getAsync(FieldCipher) });
    after.init();
    const content = { ticketNo: 'T26120800000101', tripId: 1, orderNo: 'DZ2612080000010', riderName: '张*', seatNo: null, fromSeq: 1, toSeq: 3, departAt: '2026-12-08T01:30:00.000Z', issuedAt: '2026-12-07T01:30:00.000Z' };
    expect(after.checkCode(content.ticketNo)).toBe(before.checkCode(content.ticketNo));
    expect(after.checkCode('T26120800000102')).not.toBe(after.checkCode(content.ticketNo));
    const verified = verifyRideCode(after.tokenFor(content), Object.fromEntries(after.publicKeys().map((k) => [k.kid, k.publicKey])), new Date('2026-12-07T12:00:00Z'));
    expect(verified.ok && verified.payload.kid).toBe('r9');
  });

  it('R-6.2.6 a ride code that was altered, or moved to another ticket, is refused', async () => {
    const trip = await createTrip(w, { seatSelection: true });
    const order = await book(alice, trip.id, [alice.riders[2]]);
    await pay(order.id);
    const { vouchers: [v] } = (await vouchers(alice, order.id)).body.data as OrderVouchers;
    expect(v.seatNo).not.toBeNull();
    const [version, payload, signature] = v.rideCode!.split('.');
    expect(verifyRideCode(v.rideCode!, keys)).toMatchObject({ ok: true, payload: { seatNo: v.seatNo, tripId: trip.id } });
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    for (const change of [{ seatNo: v.seatNo! + 1 }, { tripId: trip.id + 1 }, { ticketNo: `${json.ticketNo}9` }]) {
      const forged = Buffer.from(JSON.stringify({ ...json, ...change })).toString('base64url');
      expect(verifyRideCode([version, forged, signature].join('.'), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    const sig = Buffer.from(signature, 'base64url');
    sig[10] ^= 0x80;
    expect(verifyRideCode([version, payload, sig.toString('base64url')].join('.'), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    // a phone holding only some other key cannot accept it
    expect(verifyRideCode(v.rideCode!, { other: Object.values(keys)[0] })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('R-6.2.6 an unpaid (held) ticket and a refunded one are listed without codes', async () => {
    const trip = await createTrip(w);
    const held = await book(bob, trip.id, bob.riders);
    const res = await vouchers(bob, held.id);
    expect(res.status).toBe(200);
    expect((res.body.data as OrderVouchers).vouchers).toEqual([expect.objectContaining({ status: 'held', rideCode: null, checkCode: null })]);

    const paid = await book(alice, (await createTrip(w)).id, alice.riders.slice(0, 2));
    await pay(paid.id);
    const [first] = await TicketEntity.findAll({ where: { orderId: paid.id }, order: [['id', 'ASC']] });
    await first.update({ status: 'refunded', live: null });
    const listed = ((await vouchers(alice, paid.id)).body.data as OrderVouchers).vouchers;
    expect(listed.map((v) => [v.status, v.rideCode === null, v.checkCode === null])).toEqual([['refunded', true, true], ['issued', false, false]]);
  });

  it('R-8.2 another passenger gets 404 for the vouchers, exactly like an order that does not exist', async () => {
    const order = await book(alice, (await createTrip(w)).id, [alice.riders[0]]);
    await pay(order.id);
    const theirs = await vouchers(bob, order.id);
    const missing = await vouchers(bob, 99_999_999);
    const orderRead = await t.request().get(`/api/app/orders/${order.id}`).set(bob.auth);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ success: false, data: null, errorCode: 'NOT_FOUND' });
    expect([missing.status, missing.body.errorCode, missing.body.errorMessage]).toEqual([404, 'NOT_FOUND', theirs.body.errorMessage]);
    expect([orderRead.status, orderRead.body.errorCode]).toEqual([theirs.status, theirs.body.errorCode]);
    expect(JSON.stringify(theirs.body)).not.toContain(order.orderNo);
    // and nobody without a session
    expect((await t.request().get(`/api/app/orders/${order.id}/vouchers`)).status).toBe(401);
  });
});
