import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'crypto';
import { UpstreamError } from '../../../common/error/domain.error';
import {
  InvoiceAlreadyReversedError,
  InvoiceCallbackRejected,
  InvoicePort,
  type BlueInvoiceSubmission,
  type InvoiceCallback,
  type ProviderInvoice,
  type ProviderInvoiceStatus,
  type RedInvoiceSubmission,
} from '../port/invoice.port';

export interface EInvoiceConfig {
  /** the provider's API root in production; the sandbox elsewhere */
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** per request; 10 s when not set */
  timeoutMs?: number;
}

const UPSTREAM = 'e-invoice';
const WINDOW_MS = 5 * 60_000;
const ALREADY_REVERSED = 40902;
const STATUSES: ProviderInvoiceStatus[] = ['PROCESSING', 'ISSUED', 'FAILED', 'REVERSED'];
export const EINVOICE_CALLBACK_PATH = '/api/callbacks/einvoice';

/** base64 HMAC-SHA256(appSecret, `METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256(BODY) hex`). */
export function eInvoiceSignature(appSecret: string, method: string, path: string, timestamp: string, nonce: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', appSecret).update(`${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('base64');
}

type Headers = Record<string, string | string[] | undefined>;
const header = (h: Headers, name: string) => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

interface Reply<T> {
  code?: number;
  message?: string;
  data?: T;
}

interface InvoiceRecord {
  serialNo: string;
  requestNo: string;
  kind: 'blue' | 'red';
  status: string;
  invoiceNo: string | null;
  issuedAt: string | null;
  failReason: string | null;
  totalAmountFen: number;
  totalTaxFen: number;
  fileUrl: string | null;
}

/**
 * The e-invoice provider over its signed JSON API (sandbox/src/invoice/README.md). Every request
 * is signed with the app secret; every answer, file and callback must carry the provider's
 * signature with the same secret, over this request (or the callback's path) — anything else is
 * refused, so a forged or altered answer can never mark an invoice issued.
 */
@Provide('invoicePort')
@Scope(ScopeEnum.Singleton)
export class EInvoiceAdapter extends InvoicePort {
  @Config('invoice') config: EInvoiceConfig;
  @Config('publicBaseUrl') publicBaseUrl: string;

  /** callback nonces seen in the last window: a replayed callback is refused */
  private seen = new Map<string, number>();

  async submitBlue(s: BlueInvoiceSubmission): Promise<{ serialNo: string }> {
    const data = await this.call<{ serialNo: string }>('POST', '/api/v1/invoices', { ...s, callbackUrl: this.callbackUrl() });
    return { serialNo: String(data.serialNo) };
  }

  async submitRed(s: RedInvoiceSubmission): Promise<{ serialNo: string }> {
    const data = await this.call<{ serialNo: string }>('POST', '/api/v1/invoices/red', { ...s, callbackUrl: this.callbackUrl() });
    return { serialNo: String(data.serialNo) };
  }

  async query(serialNo: string): Promise<ProviderInvoice> {
    return toInvoice(await this.call<InvoiceRecord>('GET', `/api/v1/invoices/${encodeURIComponent(serialNo)}`));
  }

  async download(serialNo: string): Promise<Buffer> {
    const record = await this.call<InvoiceRecord>('GET', `/api/v1/invoices/${encodeURIComponent(serialNo)}`);
    if (!record.fileUrl) throw new UpstreamError(UPSTREAM, `invoice ${serialNo} has no file yet`);
    const url = new URL(record.fileUrl);
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `file request failed (${(e as Error).name})`);
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (!res.ok) throw new UpstreamError(UPSTREAM, `file refused: HTTP ${res.status}`, res.status);
    this.verify('GET', url.pathname + url.search, headersOf(res), bytes, 'file');
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new UpstreamError(UPSTREAM, 'file is not a PDF');
    return bytes;
  }

  parseCallback(path: string, headers: Headers, rawBody: string): InvoiceCallback {
    try {
      this.verify('POST', path, headers, rawBody, 'callback');
    } catch (e) {
      throw new InvoiceCallbackRejected((e as Error).message);
    }
    const nonceKey = header(headers, 'x-nonce')!;
    const now = Date.now();
    for (const [k, at] of this.seen) if (at < now - 2 * WINDOW_MS) this.seen.delete(k);
    if (this.seen.has(nonceKey)) throw new InvoiceCallbackRejected('callback nonce already used');
    this.seen.set(nonceKey, now);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw new InvoiceCallbackRejected('callback body is not JSON');
    }
    if (typeof body.serialNo !== 'string' || !STATUSES.includes(body.status as ProviderInvoiceStatus)) throw new InvoiceCallbackRejected('callback without serialNo or status');
    return { serialNo: body.serialNo, requestNo: String(body.requestNo ?? ''), status: body.status as ProviderInvoiceStatus };
  }

  private callbackUrl(): string {
    return `${this.publicBaseUrl.replace(/\/+$/, '')}${EINVOICE_CALLBACK_PATH}`;
  }

  /** Checks the provider's signature on an answer, a file or a callback; throws UpstreamError. */
  private verify(method: string, path: string, headers: Headers, body: string | Buffer, what: string): void {
    const appKey = header(headers, 'x-app-key');
    const timestamp = header(headers, 'x-timestamp');
    const nonce = header(headers, 'x-nonce');
    const signature = header(headers, 'x-signature');
    if (!appKey || !timestamp || !nonce || !signature) throw new UpstreamError(UPSTREAM, `${what} is not signed`);
    if (appKey !== this.config.appKey) throw new UpstreamError(UPSTREAM, `${what} signed for another app key`);
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Number(timestamp) - Date.now()) > WINDOW_MS) throw new UpstreamError(UPSTREAM, `${what} timestamp outside the window`);
    const expected = Buffer.from(eInvoiceSignature(this.config.appSecret, method, path, timestamp, nonce, body));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new UpstreamError(UPSTREAM, `${what} signature does not match`);
  }

  private async call<T>(method: 'GET' | 'POST', pathAndQuery: string, payload?: object): Promise<T> {
    const { appKey, appSecret } = this.config;
    if (!appKey || !appSecret) throw new UpstreamError(UPSTREAM, 'not configured (app key and secret)');
    const base = new URL(this.config.baseUrl);
    // the API may sit under a path prefix: it is part of what is signed
    const path = base.pathname.replace(/\/+$/, '') + pathAndQuery;
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Date.now());
    const nonce = randomUUID().replace(/-/g, '');
    const operation = `${method} ${pathAndQuery.replace(/\/[^/]*\d[^/]*$/, '/…')}`;
    let res: Response;
    try {
      res = await fetch(`${base.origin}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          'x-app-key': appKey,
          'x-timestamp': timestamp,
          'x-nonce': nonce,
          'x-signature': eInvoiceSignature(appSecret, method, path, timestamp, nonce, body),
        },
        body: payload === undefined ? undefined : body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `${operation} request failed (${(e as Error).name})`);
    }
    const text = await res.text();
    // an unsigned answer is trusted for nothing (e.g. a 401 to a caller the provider does not know)
    this.verify(method, path, headersOf(res), text, `${operation} answer (HTTP ${res.status})`);
    let reply: Reply<T>;
    try {
      reply = JSON.parse(text) as Reply<T>;
    } catch {
      throw new UpstreamError(UPSTREAM, `${operation}: HTTP ${res.status}, reply is not JSON`, res.status);
    }
    if (res.ok && reply.code === 0 && reply.data) return reply.data;
    if (reply.code === ALREADY_REVERSED) throw new InvoiceAlreadyReversedError(reply.message ?? 'already reversed');
    throw new UpstreamError(UPSTREAM, `${operation} refused: HTTP ${res.status} ${reply.code ?? ''} ${reply.message ?? ''}`.trim(), reply.code ?? res.status);
  }
}

function headersOf(res: Response): Headers {
  const out: Headers = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return out;
}

function toInvoice(r: InvoiceRecord): ProviderInvoice {
  if (!STATUSES.includes(r.status as ProviderInvoiceStatus)) throw new UpstreamError(UPSTREAM, `unknown invoice status ${r.status}`);
  if (r.status === 'ISSUED' && !/^\d{20}$/.test(r.invoiceNo ?? '')) throw new UpstreamError(UPSTREAM, 'issued invoice without a 20-digit number');
  return {
    serialNo: r.serialNo,
    requestNo: r.requestNo,
    kind: r.kind === 'red' ? 'red' : 'blue',
    status: r.status as ProviderInvoiceStatus,
    invoiceNo: r.invoiceNo ?? null,
    issuedAt: r.issuedAt ? new Date(r.issuedAt) : null,
    failReason: r.failReason ?? null,
    totalAmountFen: Number(r.totalAmountFen),
    totalTaxFen: Number(r.totalTaxFen),
  };
}
