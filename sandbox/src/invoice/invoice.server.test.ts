import { randomUUID } from 'crypto';
import { createServer, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { readFileSync } from 'fs';
import { chineseCapital, taxIncluded } from './invoice.money';
import { CJK_FONT_FILES } from './invoice.pdf';
import { startInvoiceServer, type InvoiceSandboxHandle } from './invoice.server';
import { invoiceSignature } from './invoice.signature';

const APP = { appKey: 'dzky-test', appSecret: 'invoice-test-secret' };
let provider: InvoiceSandboxHandle;
let hook: Server;
let hookUrl: string;
let received: Array<{ headers: IncomingMessage['headers']; body: string; path: string }> = [];
let hookStatus = 200;

beforeAll(async () => {
  provider = await startInvoiceServer({ apps: [APP], issueDelayMs: 0, callbackTimeScale: 0.001 });
  hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), path: req.url! });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/callbacks/einvoice`;
});
afterAll(async () => {
  await provider.stop();
  await new Promise((r) => hook.close(r));
});
beforeEach(() => {
  provider.state.reset();
  received = [];
  hookStatus = 200;
});

async function call(method: 'GET' | 'POST', path: string, body?: object, opts: { secret?: string; timestamp?: number; nonce?: string } = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? Date.now());
  const nonce = opts.nonce ?? randomUUID().replace(/-/g, '');
  const res = await fetch(provider.url + path, {
    method,
    headers: {
      'content-type': 'application/json',
      'x-app-key': APP.appKey,
      'x-timestamp': timestamp,
      'x-nonce': nonce,
      'x-signature': invoiceSignature(opts.secret ?? APP.appSecret, method, path, timestamp, nonce, text),
    },
    body: method === 'POST' ? text : undefined,
  });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, raw, body: JSON.parse(raw) as { code: number; message: string; data?: any } };
}

const blue = (requestNo = randomUUID().replace(/-/g, ''), over: Record<string, unknown> = {}) => ({
  requestNo,
  seller: { name: '深圳鹏程客运有限公司', taxId: '91440300MA5F000007' },
  buyer: { type: 'personal', name: '张三', email: 'zhang@example.com' },
  items: [{ name: '*运输服务*客运服务费', amountFen: 26000, taxRate: 0.03, quantity: 2 }],
  travellers: [
    { name: '张三', idType: 'id_card', idNumber: '110105199005011234', travelDate: '2026-03-15', origin: '深圳北站', destination: '广州南站', class: '标准' },
    { name: '李四', idType: 'id_card', idNumber: '110105198801012345', travelDate: '2026-03-15', origin: '深圳北站', destination: '广州南站', class: '标准' },
  ],
  callbackUrl: hookUrl,
  ...over,
});

const until = async (check: () => boolean | Promise<boolean>, ms = 3000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function issued(requestNo?: string) {
  const submitted = await call('POST', '/api/v1/invoices', blue(requestNo));
  expect(submitted.body.data.status).toBe('PROCESSING');
  const serial = submitted.body.data.serialNo as string;
  await until(() => provider.state.find(serial)?.status === 'ISSUED');
  return serial;
}

describe('e-invoice sandbox: money', () => {
  it('R-6.2.6: 价税合计 in Chinese capitals, and the tax inside an amount', () => {
    expect(chineseCapital(12300)).toBe('壹佰贰拾叁元整');
    expect(chineseCapital(100550)).toBe('壹仟零伍元伍角');
    expect(chineseCapital(10000007)).toBe('壹拾万元零柒分');
    expect(chineseCapital(5)).toBe('伍分');
    expect(chineseCapital(1000000000000)).toBe('壹佰亿元整');
    expect(chineseCapital(1001000000)).toBe('壹仟零壹万元整');
    expect(chineseCapital(-26000)).toBe('（负数）贰佰陆拾元整');
    expect(taxIncluded(26000, 0.03)).toBe(757); // 26000 × 3 / 103 = 757.28
    expect(taxIncluded(-26000, 0.03)).toBe(-757);
    expect(taxIncluded(10900, 0.09)).toBe(900);
  });
});

describe('e-invoice sandbox: issuing', () => {
  it('R-6.2.6: a blue invoice is issued with a 20-digit number, a signed callback and a signed file URL', async () => {
    const serial = await issued();
    const q = await call('GET', `/api/v1/invoices/${serial}`);
    expect(q.status).toBe(200);
    expect(q.body.data).toMatchObject({ status: 'ISSUED', kind: 'blue', totalAmountFen: 26000, totalTaxFen: 757, amountExclTaxFen: 25243 });
    expect(q.body.data.invoiceNo).toMatch(/^\d{20}$/);
    // the answer is signed by the provider over this request's method and path
    const h = q.headers;
    expect(h.get('x-signature')).toBe(invoiceSignature(APP.appSecret, 'GET', `/api/v1/invoices/${serial}`, h.get('x-timestamp')!, h.get('x-nonce')!, q.raw));

    await until(() => received.some((r) => JSON.parse(r.body).serialNo === serial));
    const cb = received.find((r) => JSON.parse(r.body).serialNo === serial)!;
    expect(JSON.parse(cb.body)).toMatchObject({ serialNo: serial, status: 'ISSUED', invoiceNo: q.body.data.invoiceNo });
    expect(cb.headers['x-signature']).toBe(invoiceSignature(APP.appSecret, 'POST', '/callbacks/einvoice', String(cb.headers['x-timestamp']), String(cb.headers['x-nonce']), cb.body));

    const file = await fetch(q.body.data.fileUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await file.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const path = new URL(q.body.data.fileUrl);
    expect(file.headers.get('x-signature')).toBe(invoiceSignature(APP.appSecret, 'GET', path.pathname + path.search, file.headers.get('x-timestamp')!, file.headers.get('x-nonce')!, pdf));
  });

  it('R-6.2.6: the PDF embeds the Chinese font (a subset of Noto Sans SC) and draws text with it', async () => {
    const serial = await issued();
    const q = await call('GET', `/api/v1/invoices/${serial}`);
    const pdf = Buffer.from(await (await fetch(q.body.data.fileUrl)).arrayBuffer()).toString('latin1');
    // the embedded font program (CFF of the OpenType font) and its name, subset-tagged
    expect(pdf).toMatch(/\/FontFile3/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/);
    // a ToUnicode map, so the text is searchable and copyable as Chinese
    expect(pdf).toMatch(/\/ToUnicode/);
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(readFileSync(CJK_FONT_FILES.regular).subarray(0, 4).toString('latin1')).toBe('OTTO');
  });

  it('R-6.2.6: the same request number returns the same invoice; other content under it is refused', async () => {
    const requestNo = 'REQ-0001';
    const a = await call('POST', '/api/v1/invoices', blue(requestNo));
    const b = await call('POST', '/api/v1/invoices', blue(requestNo));
    expect(b.body.data.serialNo).toBe(a.body.data.serialNo);
    const c = await call('POST', '/api/v1/invoices', blue(requestNo, { buyer: { type: 'personal', name: '王五' } }));
    expect(c.status).toBe(409);
    expect(c.body.code).toBe(40901);
  });

  it('R-6.2.6: a company buyer needs a valid 统一社会信用代码; items need a tax category and a known rate', async () => {
    const noTaxId = await call('POST', '/api/v1/invoices', blue(undefined, { buyer: { type: 'company', name: '某某科技有限公司' } }));
    expect(noTaxId.status).toBe(400);
    expect(noTaxId.body.code).toBe(40001);
    const badRate = await call('POST', '/api/v1/invoices', blue(undefined, { items: [{ name: '*运输服务*客运服务费', amountFen: 100, taxRate: 0.07, quantity: 1 }] }));
    expect(badRate.status).toBe(400);
    const ok = await call('POST', '/api/v1/invoices', blue(undefined, { buyer: { type: 'company', name: '某某科技有限公司', taxId: '91440100MA5G00000F' } }));
    expect(ok.status).toBe(200);
  });

  it('R-6.2.6: a forced failure: the submission is accepted, then FAILED with a reason and a callback', async () => {
    await fetch(`${provider.url}/__sandbox/invoice/fail-next`, { method: 'POST', body: JSON.stringify({ stage: 'issue', reason: '开票失败' }) });
    const s = await call('POST', '/api/v1/invoices', blue());
    const mine = () => received.filter((r) => JSON.parse(r.body).serialNo === s.body.data.serialNo);
    await until(() => mine().length === 1);
    expect(JSON.parse(mine()[0].body)).toMatchObject({ status: 'FAILED', failReason: '开票失败', invoiceNo: null });
    await fetch(`${provider.url}/__sandbox/invoice/fail-next`, { method: 'POST', body: JSON.stringify({ stage: 'submit' }) });
    expect((await call('POST', '/api/v1/invoices', blue())).status).toBe(500);
  });

  it('R-6.2.6: a callback that is not answered 2xx is retried until it is', async () => {
    hookStatus = 500;
    await issued();
    await until(() => received.length >= 2);
    hookStatus = 204;
    await until(() => provider.state.callbacksFor()[0].delivered, 5000);
    expect(provider.state.callbacksFor()[0].attempts.at(-1)!.status).toBe(204);
  });
});

describe('e-invoice sandbox: red-letter reversal', () => {
  it('R-6.2.6: reverses an issued blue invoice with negative amounts; the blue is REVERSED; twice is refused', async () => {
    const blueSerial = await issued();
    const red = await call('POST', '/api/v1/invoices/red', { requestNo: 'RED-1', blueSerialNo: blueSerial, reason: '服务中止', callbackUrl: hookUrl });
    expect(red.status).toBe(200);
    await until(() => provider.state.find(red.body.data.serialNo)?.status === 'ISSUED');
    const q = await call('GET', `/api/v1/invoices/${red.body.data.serialNo}`);
    expect(q.body.data).toMatchObject({ kind: 'red', totalAmountFen: -26000, totalTaxFen: -757, blueSerialNo: blueSerial });
    expect((await call('GET', `/api/v1/invoices/${blueSerial}`)).body.data).toMatchObject({ status: 'REVERSED', reversedBySerialNo: red.body.data.serialNo });
    const again = await call('POST', '/api/v1/invoices/red', { requestNo: 'RED-2', blueSerialNo: blueSerial, reason: '服务中止' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe(40902);
    const pdf = await fetch(q.body.data.fileUrl);
    expect(pdf.status).toBe(200);
  });
});

describe('e-invoice sandbox: authentication', () => {
  it('R-6.2.6: a wrong secret, an old timestamp or a replayed nonce is 401 with its code', async () => {
    const wrong = await call('POST', '/api/v1/invoices', blue(), { secret: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe(40106);
    expect((await call('GET', '/api/v1/invoices/SN1', undefined, { timestamp: Date.now() - 6 * 60_000 })).body.code).toBe(40104);
    const nonce = randomUUID();
    expect((await call('GET', '/api/v1/invoices/SN1', undefined, { nonce })).status).toBe(404);
    expect((await call('GET', '/api/v1/invoices/SN1', undefined, { nonce })).body.code).toBe(40107);
  });

  it('R-6.2.6: a file URL with a changed signature or past its expiry is refused', async () => {
    const serial = await issued();
    const url = new URL((await call('GET', `/api/v1/invoices/${serial}`)).body.data.fileUrl);
    url.searchParams.set('signature', '0'.repeat(64));
    expect((await fetch(url)).status).toBe(403);
    url.searchParams.set('expires', String(Date.now() - 1000));
    expect((await fetch(url)).status).toBe(403);
  });
});
