import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { X509Certificate } from 'crypto';
import { decryptResource, generateRsaKeyPair, merchantAuthorization, responseMessage, verifySha256WithRsa } from './wechatpay.crypto';
import { createWechatPayServer, type WechatPaySandboxHandle } from './wechatpay.server';
import { NOTIFY_RETRY_SECONDS, beijingTime } from './wechatpay.state';

// three merchants: a direct merchant verified by platform certificate, one by public key ID, a service provider
const direct = { mchid: '1900000101', serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', apiV3Key: 'a'.repeat(16) + 'directv3key00000', ...generateRsaKeyPair() };
const directPk = { mchid: '1900000102', serialNo: '3775B6A45ACD588826D15E583A95F5DD00000002', apiV3Key: 'pubkeymode-apiv3-key-0123456789a', ...generateRsaKeyPair() };
const sp = { mchid: '1900000109', serialNo: '2C3A2C3A2C3A2C3A2C3A2C3A2C3A2C3A2C3A0109', apiV3Key: 'service-provider-apiv3-key-01234', ...generateRsaKeyPair() };
const SUB = '1900000801';
const APPID = 'wx00000000passenger';
type Merchant = typeof direct;

let pay: WechatPaySandboxHandle;
let receiver: Server;
let notifyUrl: string;
/** notifications received by the merchant's notify_url */
let received: Array<{ headers: IncomingHttpHeaders; body: string }>;
/** statuses the notify_url answers, in turn (0 = too late); then 200 */
let answers: number[];

beforeAll(async () => {
  pay = await createWechatPayServer({
    merchants: [
      { mchid: direct.mchid, serialNo: direct.serialNo, publicKey: direct.publicKeyPem, apiV3Key: direct.apiV3Key, appids: [APPID] },
      { mchid: directPk.mchid, serialNo: directPk.serialNo, publicKey: directPk.publicKeyPem, apiV3Key: directPk.apiV3Key, platformKey: 'publicKey' },
      { mchid: sp.mchid, serialNo: sp.serialNo, publicKey: sp.publicKeyPem, apiV3Key: sp.apiV3Key, platformKey: 'publicKey', subMchids: [SUB] },
    ],
    notifyTimeScale: 0.001, // 15 s → 15 ms
    notifyTimeoutMs: 500,
  });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 200;
      // 0: answer only after the sandbox's notify timeout (500 ms here)
      setTimeout(
        () => {
          res.statusCode = status || 200;
          res.end(res.statusCode === 200 ? '' : JSON.stringify({ code: 'FAIL', message: 'busy' }));
        },
        status === 0 ? 800 : 0,
      );
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify/wechatpay`;
});
afterAll(async () => {
  await pay.close();
  await new Promise((r) => receiver.close(r));
});
beforeEach(() => {
  pay.state.reset();
  received = [];
  answers = [];
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

async function call(m: Merchant, method: 'GET' | 'POST', pathAndQuery: string, body?: unknown, opts: { timestamp?: string; privateKey?: string; serialNo?: string; authorization?: string } = {}): Promise<Answer> {
  const text = body === undefined ? '' : JSON.stringify(body);
  const authorization =
    opts.authorization ??
    merchantAuthorization({ mchid: m.mchid, serialNo: opts.serialNo ?? m.serialNo, privateKey: opts.privateKey ?? m.privateKeyPem, method, pathAndQuery, body: text, timestamp: opts.timestamp });
  const res = await fetch(pay.url + pathAndQuery, {
    method,
    headers: { Authorization: authorization, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : text,
  });
  const answer = await res.text();
  return { status: res.status, headers: res.headers, text: answer, json: answer ? JSON.parse(answer) : undefined };
}

/** what the adapter must do: check Wechatpay-Signature over TIMESTAMP\nNONCE\nBODY\n with the key named by Wechatpay-Serial */
function verifiesWith(headers: { get(name: string): string | null }, body: string, expectedSerial: string, publicKeyPem: string): boolean {
  if (headers.get('wechatpay-serial') !== expectedSerial) return false;
  return verifySha256WithRsa(publicKeyPem, responseMessage(headers.get('wechatpay-timestamp')!, headers.get('wechatpay-nonce')!, body), headers.get('wechatpay-signature')!);
}
const certKeyPem = () => new X509Certificate(pay.platform.certificatePem).publicKey.export({ type: 'spki', format: 'pem' }).toString();

const jsapiOrder = (outTradeNo: string, extra: Record<string, unknown> = {}) => ({
  appid: APPID,
  mchid: direct.mchid,
  description: '广州-深圳 定制客运 1 座',
  out_trade_no: outTradeNo,
  notify_url: notifyUrl,
  amount: { total: 8800, currency: 'CNY' },
  payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
  ...extra,
});
const partnerOrder = (outTradeNo: string, type: 'jsapi' | 'h5' | 'native') => ({
  sp_appid: APPID,
  sp_mchid: sp.mchid,
  sub_mchid: SUB,
  description: '深圳-珠海 定制客运',
  out_trade_no: outTradeNo,
  notify_url: notifyUrl,
  amount: { total: 12050 },
  ...(type === 'jsapi' ? { payer: { sp_openid: 'oSpOpenid0000000000000000001' } } : {}),
  ...(type === 'h5' ? { scene_info: { payer_client_ip: '203.0.113.7', h5_info: { type: 'Wap' } } } : {}),
});

async function until<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const confirm = (token: string, body: Record<string, unknown> = {}) =>
  fetch(`${pay.url}/sandbox/pay/${encodeURIComponent(token)}/confirm`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

describe('WeChat Pay sandbox: signatures', () => {
  it('R-6.2.4: a signed JSAPI order is answered with a prepay_id, and the answer verifies with the platform certificate', async () => {
    const res = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000001'));
    expect(res.status).toBe(200);
    expect(res.json.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(res.headers.get('request-id')).toBeTruthy();
    expect(verifiesWith(res.headers, res.text, pay.platform.certificateSerial, certKeyPem())).toBe(true);
    expect(verifiesWith(res.headers, res.text + ' ', pay.platform.certificateSerial, certKeyPem())).toBe(false);
  });

  it('R-6.2.4: a merchant configured for the WeChat Pay public key gets answers under its PUB_KEY_ID_', async () => {
    const res = await call(directPk, 'POST', '/v3/pay/transactions/native', { ...jsapiOrder('DZ20261207000002'), mchid: directPk.mchid, payer: undefined });
    expect(res.status).toBe(200);
    expect(pay.platform.publicKeyId).toMatch(/^PUB_KEY_ID_\d+$/);
    expect(res.headers.get('wechatpay-serial')).toBe(pay.platform.publicKeyId);
    expect(verifiesWith(res.headers, res.text, pay.platform.publicKeyId, pay.platform.publicKeyPem)).toBe(true);
    expect(verifiesWith(res.headers, res.text, pay.platform.publicKeyId, certKeyPem())).toBe(false);
  });

  it('R-6.2.4: a wrong signature, a missing header, an unknown serial or mchid is 401 SIGN_ERROR (signed too)', async () => {
    const path = '/v3/pay/transactions/jsapi';
    const body = jsapiOrder('DZ20261207000003');
    const other = generateRsaKeyPair().privateKeyPem;
    for (const res of [
      await call(direct, 'POST', path, body, { privateKey: other }),
      await call(direct, 'POST', path, body, { authorization: '' }),
      await call(direct, 'POST', path, body, { serialNo: '00000000000000000000000000000000000000FF' }),
      await call({ ...direct, mchid: '1999999999' }, 'POST', path, body),
    ]) {
      expect(res.status).toBe(401);
      expect(res.json.code).toBe('SIGN_ERROR');
      expect(verifiesWith(res.headers, res.text, pay.platform.certificateSerial, certKeyPem())).toBe(true);
    }
    // the body is signed: the same signature over another body fails
    const auth = merchantAuthorization({ mchid: direct.mchid, serialNo: direct.serialNo, privateKey: direct.privateKeyPem, method: 'POST', pathAndQuery: path, body: JSON.stringify(body) });
    expect((await call(direct, 'POST', path, { ...body, amount: { total: 1 } }, { authorization: auth })).status).toBe(401);
  });

  it('R-6.2.4: a timestamp more than 5 minutes old is refused; within 5 minutes is accepted', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stale = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000004'), { timestamp: String(now - 301) });
    expect(stale.status).toBe(401);
    expect(stale.json.code).toBe('SIGN_ERROR');
    const fresh = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000004'), { timestamp: String(now - 240) });
    expect(fresh.status).toBe(200);
  });

  it('R-6.2.4: GET /v3/certificates gives the platform certificate encrypted with the APIv3 key', async () => {
    const res = await call(direct, 'GET', '/v3/certificates');
    expect(res.status).toBe(200);
    const [entry] = res.json.data;
    expect(entry.serial_no).toBe(pay.platform.certificateSerial);
    expect(entry.encrypt_certificate).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'certificate' });
    const pem = decryptResource(direct.apiV3Key, entry.encrypt_certificate);
    const cert = new X509Certificate(pem);
    expect(cert.serialNumber).toBe(pay.platform.certificateSerial);
    expect(cert.verify(cert.publicKey)).toBe(true);
  });
});

describe('WeChat Pay sandbox: orders', () => {
  it('R-6.2.4: pay a JSAPI order → TRANSACTION.SUCCESS arrives signed, decrypts to the transaction with the amount; query shows SUCCESS', async () => {
    const { json } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000010', { attach: 'order:42' }));
    const page = await fetch(`${pay.url}/sandbox/pay/${json.prepay_id}`);
    expect(page.headers.get('content-type')).toMatch(/html/);
    const html = await page.text();
    expect(html).toContain('确认支付');
    expect(html).toContain('取消');
    expect(html).toContain('￥88.00');
    expect((await confirm(json.prepay_id)).status).toBe(200);

    const n = await until(() => received[0]);
    const h = { get: (name: string) => (n.headers[name.toLowerCase()] as string) ?? null };
    expect(verifiesWith(h, n.body, pay.platform.certificateSerial, certKeyPem())).toBe(true);
    const notification = JSON.parse(n.body);
    expect(notification).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功' });
    expect(notification.resource).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction', associated_data: 'transaction' });
    const tx = JSON.parse(decryptResource(direct.apiV3Key, notification.resource));
    expect(tx).toMatchObject({
      appid: APPID,
      mchid: direct.mchid,
      out_trade_no: 'DZ20261207000010',
      trade_state: 'SUCCESS',
      trade_type: 'JSAPI',
      attach: 'order:42',
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      amount: { total: 8800, payer_total: 8800, currency: 'CNY' },
    });
    expect(tx.transaction_id).toMatch(/^\d{28}$/);
    expect(() => decryptResource(directPk.apiV3Key, notification.resource)).toThrow();

    const q = await call(direct, 'GET', `/v3/pay/transactions/out-trade-no/DZ20261207000010?mchid=${direct.mchid}`);
    expect(q.status).toBe(200);
    expect(q.json).toMatchObject({ trade_state: 'SUCCESS', transaction_id: tx.transaction_id, amount: { total: 8800 } });
    expect(verifiesWith(q.headers, q.text, pay.platform.certificateSerial, certKeyPem())).toBe(true);
    const byId = await call(direct, 'GET', `/v3/pay/transactions/id/${tx.transaction_id}?mchid=${direct.mchid}`);
    expect(byId.json.out_trade_no).toBe('DZ20261207000010');
  });

  it('R-6.2.4: partner JSAPI, H5 and Native orders for a sub-merchant; notification and query in partner form under the public key ID', async () => {
    const jsapi = await call(sp, 'POST', '/v3/pay/partner/transactions/jsapi', partnerOrder('SP20261207000001', 'jsapi'));
    expect(jsapi.status).toBe(200);
    const h5 = await call(sp, 'POST', '/v3/pay/partner/transactions/h5', partnerOrder('SP20261207000002', 'h5'));
    expect(h5.json.h5_url).toMatch(new RegExp(`^${pay.url}/sandbox/pay/wx\\w+\\?package=\\d+$`));
    const native = await call(sp, 'POST', '/v3/pay/partner/transactions/native', partnerOrder('SP20261207000003', 'native'));
    expect(native.json.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[\w-]+$/);

    // the payer opens the H5 page and scans the QR code
    expect((await fetch(h5.json.h5_url)).status).toBe(200);
    const pr = new URL(native.json.code_url.replace('weixin:', 'http:')).searchParams.get('pr')!;
    expect((await confirm(pr, { openid: 'oNativePayer000000000000000' })).status).toBe(200);

    const n = await until(() => received[0]);
    expect(n.headers['wechatpay-serial']).toBe(pay.platform.publicKeyId);
    const tx = JSON.parse(decryptResource(sp.apiV3Key, JSON.parse(n.body).resource));
    expect(tx).toMatchObject({ sp_mchid: sp.mchid, sub_mchid: SUB, sp_appid: APPID, trade_type: 'NATIVE', amount: { total: 12050 }, payer: { sp_openid: 'oNativePayer000000000000000' } });

    const q = await call(sp, 'GET', `/v3/pay/partner/transactions/out-trade-no/SP20261207000003?sp_mchid=${sp.mchid}&sub_mchid=${SUB}`);
    expect(q.json).toMatchObject({ trade_state: 'SUCCESS', sub_mchid: SUB });
    const notpay = await call(sp, 'GET', `/v3/pay/partner/transactions/out-trade-no/SP20261207000001?sp_mchid=${sp.mchid}&sub_mchid=${SUB}`);
    expect(notpay.json.trade_state).toBe('NOTPAY');
    // a sub-merchant the provider does not serve, and the direct path for a partner order
    expect((await call(sp, 'GET', `/v3/pay/partner/transactions/out-trade-no/SP20261207000001?sp_mchid=${sp.mchid}&sub_mchid=1900000999`)).json.code).toBe('INVALID_REQUEST');
    expect((await call(sp, 'GET', `/v3/pay/transactions/out-trade-no/SP20261207000001?mchid=${sp.mchid}`)).status).toBe(404);
    expect((await call(sp, 'POST', '/v3/pay/partner/transactions/jsapi', { ...partnerOrder('SP20261207000004', 'jsapi'), sub_mchid: '1900000999' })).status).toBe(400);
    expect((await call(direct, 'POST', '/v3/pay/partner/transactions/native', { ...partnerOrder('SP20261207000005', 'native'), sp_mchid: direct.mchid })).json.code).toBe('INVALID_REQUEST');
  });

  it('R-6.2.4: amounts and fields are validated (PARAM_ERROR); an AppID not bound to the merchant is refused', async () => {
    for (const total of [0, -1, 12.5, '100']) {
      const res = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000020', { amount: { total } }));
      expect(res.status).toBe(400);
      expect(res.json.code).toBe('PARAM_ERROR');
    }
    expect((await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000020', { payer: {} }))).json.code).toBe('PARAM_ERROR');
    expect((await call(direct, 'POST', '/v3/pay/transactions/h5', jsapiOrder('DZ20261207000020'))).json.code).toBe('PARAM_ERROR');
    expect((await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000020', { appid: 'wx0000000000other' }))).json.code).toBe('APPID_MCHID_NOT_MATCH');
    expect((await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('short'))).json.code).toBe('PARAM_ERROR');
  });

  it('R-6.2.4: the same out_trade_no: same request → same prepay_id, other content → OUT_TRADE_NO_USED, after close → ORDER_CLOSED', async () => {
    const a = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000030'));
    const b = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000030'));
    expect(b.json.prepay_id).toBe(a.json.prepay_id);
    const c = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000030', { amount: { total: 9900 } }));
    expect([c.status, c.json.code]).toEqual([403, 'OUT_TRADE_NO_USED']);

    const close = await call(direct, 'POST', '/v3/pay/transactions/out-trade-no/DZ20261207000030/close', { mchid: direct.mchid });
    expect(close.status).toBe(204);
    expect(close.text).toBe('');
    expect(verifiesWith(close.headers, '', pay.platform.certificateSerial, certKeyPem())).toBe(true);
    expect((await call(direct, 'GET', `/v3/pay/transactions/out-trade-no/DZ20261207000030?mchid=${direct.mchid}`)).json.trade_state).toBe('CLOSED');
    const again = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000030'));
    expect([again.status, again.json.code]).toEqual([400, 'ORDER_CLOSED']);
    expect((await confirm(a.json.prepay_id)).status).toBe(400);
    expect((await call(direct, 'GET', `/v3/pay/transactions/out-trade-no/NOSUCHORDER1?mchid=${direct.mchid}`)).json.code).toBe('ORDER_NOT_EXIST');
  });

  it('R-6.2.4: partner close; closing a paid order is ORDERPAID', async () => {
    const o = await call(sp, 'POST', '/v3/pay/partner/transactions/jsapi', partnerOrder('SP20261207000040', 'jsapi'));
    await confirm(o.json.prepay_id);
    const res = await call(sp, 'POST', '/v3/pay/partner/transactions/out-trade-no/SP20261207000040/close', { sp_mchid: sp.mchid, sub_mchid: SUB });
    expect([res.status, res.json.code]).toEqual([400, 'ORDERPAID']);
    await call(sp, 'POST', '/v3/pay/partner/transactions/native', partnerOrder('SP20261207000041', 'native'));
    expect((await call(sp, 'POST', '/v3/pay/partner/transactions/out-trade-no/SP20261207000041/close', { sp_mchid: sp.mchid, sub_mchid: SUB })).status).toBe(204);
  });

  it('R-6.2.4: time_expire is honoured: after it the order is CLOSED and cannot be paid; a past time_expire is refused', async () => {
    let now = Date.now();
    const clocked = await createWechatPayServer({
      merchants: [{ mchid: direct.mchid, serialNo: direct.serialNo, publicKey: direct.publicKeyPem, apiV3Key: direct.apiV3Key }],
      now: () => now,
    });
    try {
      const call2 = async (body: unknown) => {
        const text = JSON.stringify(body);
        const res = await fetch(clocked.url + '/v3/pay/transactions/jsapi', {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: merchantAuthorization({ mchid: direct.mchid, serialNo: direct.serialNo, privateKey: direct.privateKeyPem, method: 'POST', pathAndQuery: '/v3/pay/transactions/jsapi', body: text, timestamp: String(Math.floor(now / 1000)) }),
          },
          body: text,
        });
        return { status: res.status, json: (await res.json()) as any };
      };
      const past = await call2(jsapiOrder('DZ20261207000050', { time_expire: beijingTime(now - 1000) }));
      expect([past.status, past.json.code]).toEqual([400, 'INVALID_REQUEST']);
      expect((await call2(jsapiOrder('DZ20261207000050', { time_expire: '2026/12/07 10:00' }))).json.code).toBe('PARAM_ERROR');
      const { json } = await call2(jsapiOrder('DZ20261207000051', { time_expire: beijingTime(now + 15 * 60_000) }));
      now += 15 * 60_000 + 1000; // the seat hold ran out
      const res = await fetch(`${clocked.url}/sandbox/pay/${json.prepay_id}/confirm`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error).toBe('订单已过期');
      expect(await (await fetch(`${clocked.url}/sandbox/pay/${json.prepay_id}`)).text()).toContain('订单已过期');
      expect(clocked.state.findOrder(direct.mchid, undefined, 'DZ20261207000051').state).toBe('CLOSED');
    } finally {
      await clocked.close();
    }
  });

  it('R-6.2.4: cancelling on the payment page leaves the order NOTPAY and sends nothing', async () => {
    const { json } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000060'));
    const res = await fetch(`${pay.url}/sandbox/pay/${json.prepay_id}/cancel`, { method: 'POST' });
    expect(((await res.json()) as any).trade_state).toBe('NOTPAY');
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toHaveLength(0);
  });
});

describe('WeChat Pay sandbox: notifications', () => {
  it('R-6.2.4: a notify_url answering 500 gets the notification again on the (compressed) schedule until it answers 200', async () => {
    answers = [500, 500];
    const { json } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000070'));
    await confirm(json.prepay_id);
    await until(() => (received.length >= 3 ? true : undefined));
    expect(new Set(received.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    // the sandbox records an attempt once the answer is back, a moment after our handler saw it
    await until(() => pay.state.notificationsFor({ outTradeNo: 'DZ20261207000070' }).find((x) => x.delivered));
    const list = await fetch(`${pay.url}/sandbox/notifications?out_trade_no=DZ20261207000070`).then((r) => r.json() as Promise<any>);
    const [n] = list.notifications;
    expect(n.attempts.map((a: any) => a.status)).toEqual([500, 500, 200]);
    expect(n).toMatchObject({ delivered: true, pending: false, eventType: 'TRANSACTION.SUCCESS' });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(3);
    expect(NOTIFY_RETRY_SECONDS).toHaveLength(15);
  });

  it('R-6.2.4: a notify_url that does not answer in time, or cannot be reached, counts as failed; the test hook re-sends a duplicate', async () => {
    answers = [0];
    const { json: slow } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000073'));
    await confirm(slow.prepay_id);
    const late = await until(() => pay.state.notificationsFor({ outTradeNo: 'DZ20261207000073' }).find((x) => x.delivered), 5000);
    expect(late.attempts.map((a) => [a.status, a.error])).toEqual([
      [0, 'timeout'],
      [200, undefined],
    ]);
    const { json } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000071', { notify_url: 'http://127.0.0.1:9/unreachable' }));
    await confirm(json.prepay_id);
    const n = await until(() => pay.state.notificationsFor({ outTradeNo: 'DZ20261207000071' }).find((x) => x.attempts.length >= 2));
    expect(n.attempts[0].status).toBe(0);
    expect(n.delivered).toBe(false);

    received = [];
    const { json: o2 } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder('DZ20261207000072'));
    await confirm(o2.prepay_id);
    const first = await until(() => received[0]);
    const id = JSON.parse(first.body).id;
    const resend = await fetch(`${pay.url}/sandbox/notifications/${id}/resend`, { method: 'POST' }).then((r) => r.json() as Promise<any>);
    expect(resend.delivered).toBe(true);
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(first.body);
    expect(received[1].headers['wechatpay-nonce']).not.toBe(first.headers['wechatpay-nonce']);
  });
});

describe('WeChat Pay sandbox: refunds', () => {
  async function paidOrder(outTradeNo: string) {
    const { json } = await call(direct, 'POST', '/v3/pay/transactions/jsapi', jsapiOrder(outTradeNo));
    await confirm(json.prepay_id);
    await until(() => received[0]);
    received = [];
  }

  it('R-6.2.4: refund → PROCESSING, then REFUND.SUCCESS notification; query shows SUCCESS; over-refund is refused', async () => {
    await paidOrder('DZ20261207000080');
    const refundUrl = notifyUrl.replace('wechatpay', 'refund');
    const res = await call(direct, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: 'DZ20261207000080', out_refund_no: 'RF20261207000080', reason: '行程取消', notify_url: refundUrl, amount: { refund: 8000, total: 8800, currency: 'CNY' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'PROCESSING', out_refund_no: 'RF20261207000080', amount: { refund: 8000, total: 8800 } });
    expect(verifiesWith(res.headers, res.text, pay.platform.certificateSerial, certKeyPem())).toBe(true);

    const n = await until(() => received[0]);
    const body = JSON.parse(n.body);
    expect(body).toMatchObject({ event_type: 'REFUND.SUCCESS', summary: '退款成功', resource: { original_type: 'refund', associated_data: 'refund' } });
    expect(JSON.parse(decryptResource(direct.apiV3Key, body.resource))).toMatchObject({ mchid: direct.mchid, out_trade_no: 'DZ20261207000080', out_refund_no: 'RF20261207000080', refund_status: 'SUCCESS', amount: { refund: 8000, total: 8800 } });
    expect((await call(direct, 'GET', '/v3/refund/domestic/refunds/RF20261207000080')).json.status).toBe('SUCCESS');
    expect((await call(direct, 'GET', `/v3/pay/transactions/out-trade-no/DZ20261207000080?mchid=${direct.mchid}`)).json.trade_state).toBe('REFUND');

    const over = await call(direct, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: 'DZ20261207000080', out_refund_no: 'RF20261207000081', amount: { refund: 801, total: 8800, currency: 'CNY' } });
    expect([over.status, over.json.code]).toEqual([400, 'INVALID_REQUEST']);
    expect((await call(direct, 'GET', '/v3/refund/domestic/refunds/NOSUCHREFUND')).json.code).toBe('RESOURCE_NOT_EXISTS');
    expect((await call(direct, 'POST', '/v3/refund/domestic/refunds', { out_trade_no: 'NOSUCHORDER1', out_refund_no: 'RF1', amount: { refund: 1, total: 1 } })).status).toBe(404);
  });

  it('R-6.2.4: a refund forced ABNORMAL sends REFUND.ABNORMAL; a partner refund carries sub_mchid', async () => {
    const { json } = await call(sp, 'POST', '/v3/pay/partner/transactions/jsapi', partnerOrder('SP20261207000090', 'jsapi'));
    await confirm(json.prepay_id);
    await until(() => received[0]);
    received = [];
    await fetch(`${pay.url}/sandbox/refund-outcome`, { method: 'POST', body: JSON.stringify({ status: 'ABNORMAL' }) });
    const res = await call(sp, 'POST', '/v3/refund/domestic/refunds', { sub_mchid: SUB, out_trade_no: 'SP20261207000090', out_refund_no: 'RF20261207000090', notify_url: notifyUrl, amount: { refund: 12050, total: 12050, currency: 'CNY' } });
    expect(res.status).toBe(200);
    const n = await until(() => received[0]);
    expect(n.headers['wechatpay-serial']).toBe(pay.platform.publicKeyId);
    const body = JSON.parse(n.body);
    expect(body.event_type).toBe('REFUND.ABNORMAL');
    expect(JSON.parse(decryptResource(sp.apiV3Key, body.resource))).toMatchObject({ sp_mchid: sp.mchid, sub_mchid: SUB, refund_status: 'ABNORMAL' });
    expect((await call(sp, 'GET', `/v3/refund/domestic/refunds/RF20261207000090?sub_mchid=${SUB}`)).json.status).toBe('ABNORMAL');
  });

  it('R-6.2.4: with refundSettleMs null a refund stays PROCESSING until the test hook settles it', async () => {
    const held = await createWechatPayServer({
      merchants: [{ mchid: direct.mchid, serialNo: direct.serialNo, publicKey: direct.publicKeyPem, apiV3Key: direct.apiV3Key }],
      refundSettleMs: null,
    });
    try {
      const order = held.state.createOrder(held.state.merchants.get(direct.mchid)!, 'NATIVE', false, { ...jsapiOrder('DZ20261207000100'), payer: undefined });
      held.state.pay(order);
      await until(() => received[0]);
      received = [];
      const refund = held.state.createRefund(held.state.merchants.get(direct.mchid)!, { out_trade_no: 'DZ20261207000100', out_refund_no: 'RF20261207000100', notify_url: notifyUrl, amount: { refund: 100, total: 8800 } });
      await new Promise((r) => setTimeout(r, 50));
      expect(refund.status).toBe('PROCESSING');
      expect(received).toHaveLength(0);
      const res = await fetch(`${held.url}/sandbox/refunds/RF20261207000100/settle`, { method: 'POST', body: JSON.stringify({ status: 'SUCCESS' }) });
      expect(res.status).toBe(200);
      expect(JSON.parse((await until(() => received[0])).body).event_type).toBe('REFUND.SUCCESS');
    } finally {
      await held.close();
    }
  });
});
