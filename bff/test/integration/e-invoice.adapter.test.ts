import { createHash, createHmac, randomBytes } from 'crypto';
import { startInvoiceServer, type InvoiceSandboxHandle } from '@dzky/sandbox';
import { UpstreamError } from '../../src/common/error/domain.error';
import { EInvoiceAdapter, eInvoiceSignature, type EInvoiceConfig } from '../../src/modules/integration/adapter/e-invoice.adapter';
import { InvoiceAlreadyReversedError, InvoiceCallbackRejected, type BlueInvoiceSubmission } from '../../src/modules/integration/port/invoice.port';

describe('eInvoiceSignature (R-6.2.6)', () => {
  it('is base64 HMAC-SHA256 over METHOD, path, timestamp, nonce and the hex SHA-256 of the body', () => {
    const body = '{"a":1}';
    const expected = createHmac('sha256', 'secret')
      .update(`POST\n/api/v1/invoices\n1700000000000\nabc12345\n${createHash('sha256').update(body).digest('hex')}`)
      .digest('base64');
    expect(eInvoiceSignature('secret', 'post', '/api/v1/invoices', '1700000000000', 'abc12345', body)).toBe(expected);
  });
});

/** The production adapter against the e-invoice provider sandbox, which checks every signature. */
describe('EInvoiceAdapter against the provider sandbox', () => {
  const app = { appKey: 'dzky-adapter', appSecret: randomBytes(16).toString('hex') };
  let provider: InvoiceSandboxHandle;

  const adapter = (override: Partial<EInvoiceConfig> = {}) => {
    const a = new EInvoiceAdapter();
    a.config = { baseUrl: provider.url, ...app, ...override };
    a.publicBaseUrl = 'http://127.0.0.1:9'; // nobody listens: callbacks are not what these tests read
    return a;
  };
  const submission = (requestNo = `T${randomBytes(6).toString('hex')}`): BlueInvoiceSubmission => ({
    requestNo,
    seller: { name: '深圳鹏程客运有限公司', taxId: '91440300MA5F000007' },
    buyer: { type: 'personal', name: '张三' },
    items: [{ name: '*运输服务*客运服务费', amountFen: 6500, taxRate: 0.03, quantity: 1 }],
    travellers: [{ name: '张三', idType: 'id_card', idNumber: '110105199005011234', travelDate: '2026-03-15', origin: '深圳北站', destination: '广州南站', class: '标准' }],
  });
  const issued = async (a: EInvoiceAdapter) => {
    const { serialNo } = await a.submitBlue(submission());
    for (let i = 0; i < 100 && (await a.query(serialNo)).status === 'PROCESSING'; i++) await new Promise((r) => setTimeout(r, 10));
    return serialNo;
  };

  beforeAll(async () => {
    provider = await startInvoiceServer({ apps: [app], issueDelayMs: 0, callbackTimeScale: 0.001 });
  });
  afterAll(() => provider.stop());
  beforeEach(() => {
    provider.state.reset();
    // the callback URL leads nowhere: its retries must not take the tamper switch meant for an answer
    provider.state.callbacksPaused = true;
  });

  it('R-6.2.6 submits, reads the issued invoice and downloads its PDF', async () => {
    const a = adapter();
    const serialNo = await issued(a);
    const inv = await a.query(serialNo);
    expect(inv).toMatchObject({ serialNo, kind: 'blue', status: 'ISSUED', totalAmountFen: 6500, totalTaxFen: 189 });
    expect(inv.invoiceNo).toMatch(/^\d{20}$/);
    const pdf = await a.download(serialNo);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // the callback URL it gave the provider is bff's public address
    expect(provider.state.find(serialNo)!.callbackUrl).toBe('http://127.0.0.1:9/api/callbacks/einvoice');
  });

  it('R-6.2.6 a wrong secret is refused by the provider (401), and the adapter reports it', async () => {
    const err = await adapter({ appSecret: 'wrong' }).submitBlue(submission()).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toMatch(/HTTP 401/);
    expect(provider.state.all()).toHaveLength(0);
  });

  it('R-6.2.6 a tampered answer, or one signed with another secret, is refused by the adapter', async () => {
    const a = adapter();
    const serialNo = await issued(a);
    await fetch(`${provider.url}/__sandbox/invoice/tamper-next`, { method: 'POST' });
    await expect(a.query(serialNo)).rejects.toThrow(/signature does not match/);
    // the next answer is honest again
    await expect(a.query(serialNo)).resolves.toMatchObject({ status: 'ISSUED' });
    // an answer signed with another secret (another provider, or a forgery) is refused too
    const other = adapter({ appSecret: 'other' });
    await expect(other.query(serialNo)).rejects.toThrow(UpstreamError);
  });

  it('R-6.2.6 reversing twice is InvoiceAlreadyReversedError', async () => {
    const a = adapter();
    const blueSerialNo = await issued(a);
    await a.submitRed({ requestNo: 'R1', blueSerialNo, reason: '服务中止' });
    await expect(a.submitRed({ requestNo: 'R2', blueSerialNo, reason: '服务中止' })).rejects.toBeInstanceOf(InvoiceAlreadyReversedError);
  });

  it('R-6.2.6 verifies callbacks: a signed one is read, an altered or replayed one refused', () => {
    const a = adapter();
    const body = JSON.stringify({ serialNo: 'SN1', requestNo: 'T1', status: 'ISSUED' });
    const ts = String(Date.now());
    const sign = (nonce: string, b = body) => ({ 'x-app-key': app.appKey, 'x-timestamp': ts, 'x-nonce': nonce, 'x-signature': eInvoiceSignature(app.appSecret, 'POST', '/api/callbacks/einvoice', ts, nonce, b) });
    expect(a.parseCallback('/api/callbacks/einvoice', sign('nonce0001'), body)).toEqual({ serialNo: 'SN1', requestNo: 'T1', status: 'ISSUED' });
    expect(() => a.parseCallback('/api/callbacks/einvoice', sign('nonce0001'), body)).toThrow(InvoiceCallbackRejected);
    expect(() => a.parseCallback('/api/callbacks/einvoice', sign('nonce0002'), body.replace('ISSUED', 'FAILED'))).toThrow(InvoiceCallbackRejected);
  });
});
