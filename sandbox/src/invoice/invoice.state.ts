import { createHmac, randomBytes } from 'crypto';
import type { Clock } from '../common/http';
import { taxIncluded } from './invoice.money';
import { invoiceSignature, sameSignature, sha256Hex, signedHeaders } from './invoice.signature';

export interface InvoiceSandboxOptions {
  /** callers allowed in: X-App-Key → secret (answers and callbacks are signed with the same secret) */
  apps: Array<{ appKey: string; appSecret: string }>;
  /** how long issuing takes after a submission is accepted (ms): 1000 by default, 0 in tests */
  issueDelayMs?: number;
  /** multiplies the callback retry schedule (15 s … 6 h); e.g. 0.001 in tests. Default 1. */
  callbackTimeScale?: number;
  /** how long a callbackUrl may take to answer before the attempt counts as failed: 5000 ms */
  callbackTimeoutMs?: number;
  /** how long a file URL stays valid: 300 s */
  fileUrlTtlSeconds?: number;
  /** how far X-Timestamp may be from the server's clock: 300 s */
  maxClockSkewSeconds?: number;
  now?: Clock;
}

/** A refusal: HTTP status and the provider's numeric code and message, answered as `{code, message}`. */
export class InvoiceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type InvoiceKind = 'blue' | 'red';
export type InvoiceStatus = 'PROCESSING' | 'ISSUED' | 'FAILED' | 'REVERSED';

export interface InvoiceParty {
  name: string;
  taxId?: string;
}
export interface InvoiceBuyer extends InvoiceParty {
  type: 'personal' | 'company';
  email?: string;
}
export interface InvoiceItem {
  name: string;
  /** including tax; negative on a red-letter invoice */
  amountFen: number;
  taxRate: number;
  quantity: number;
  taxFen: number;
  amountExclTaxFen: number;
}
/** 旅客运输服务 特定业务: one line per traveller */
export interface InvoiceTraveller {
  name: string;
  idType: string;
  idNumber: string;
  travelDate: string;
  origin: string;
  destination: string;
  class: string;
}

export interface SandboxInvoice {
  serialNo: string;
  requestNo: string;
  appKey: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  invoiceNo: string | null;
  issuedAt: string | null;
  failReason: string | null;
  seller: InvoiceParty & { taxId: string };
  buyer: InvoiceBuyer;
  items: InvoiceItem[];
  travellers: InvoiceTraveller[];
  remark: string;
  callbackUrl: string | null;
  totalFen: number;
  taxFen: number;
  amountExclTaxFen: number;
  /** red: the blue invoice it reverses, and why */
  blueSerialNo: string | null;
  blueInvoiceNo: string | null;
  reason: string | null;
  /** blue: the red invoice that reverses it (once asked, even before it is issued) */
  reversedBySerialNo: string | null;
  createdAt: string;
  fingerprint: string;
}

export interface SandboxCallback {
  id: string;
  serialNo: string;
  url: string;
  body: string;
  attempts: Array<{ at: string; status: number; error?: string }>;
  delivered: boolean;
  pending: boolean;
}

/** Retry schedule after a failed callback, in seconds (the WeChat-style 15 retries over about a day). */
export const CALLBACK_RETRY_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

/** Tax rates a 全电 invoice accepts. */
const TAX_RATES = [0, 0.01, 0.03, 0.05, 0.06, 0.09, 0.13];
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const param = (message: string) => new InvoiceApiError(400, 40001, message);

function str(body: Record<string, unknown>, name: string, max: number, required = true): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw param(`${name} is required`);
    return undefined;
  }
  if (typeof v !== 'string' || v.length > max) throw param(`${name} must be a string of at most ${max} characters`);
  return v;
}

function obj(value: unknown, name: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw param(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** Issued invoices, callbacks waiting to be delivered, seen nonces and the test switches. */
export class InvoiceState {
  private readonly apps: Map<string, string>;
  private readonly skewMs: number;
  readonly now: Clock;
  private invoices = new Map<string, SandboxInvoice>();
  private byRequest = new Map<string, string>();
  private nonces = new Map<string, number>();
  private callbacks: SandboxCallback[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private files = new Map<string, Buffer>();
  private sequence = 0;
  /** the next submission fails: refused outright ('submit') or accepted and then not issued ('issue') */
  failNext: { stage: 'submit' | 'issue'; reason: string } | null = null;
  /** the next signed answer has its body changed after signing (the adapter must refuse it) */
  tamperNext = false;
  /** callbacks are recorded but not sent (a lost callback) until resent */
  callbacksPaused = false;
  /** renders the PDF of an invoice; set by the server (keeps pdfkit out of the state) */
  render: (invoice: SandboxInvoice) => Promise<Buffer> = async () => Buffer.from('%PDF-1.7\n');

  constructor(private readonly options: InvoiceSandboxOptions) {
    this.apps = new Map(options.apps.map((a) => [a.appKey, a.appSecret]));
    this.skewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
    this.now = options.now ?? Date.now;
  }

  secretOf(appKey: string): string | undefined {
    return this.apps.get(appKey);
  }

  /**
   * Checks the four headers: known app key, X-Timestamp (ms) within the window, signature over
   * METHOD, path as sent, timestamp, nonce and the body's SHA-256; then the nonce (consumed only by a
   * correctly signed request). Returns the app key.
   */
  authenticate(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: string): string {
    const h = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const appKey = h('x-app-key');
    const timestamp = h('x-timestamp');
    const nonce = h('x-nonce');
    const signature = h('x-signature');
    if (!appKey || !timestamp || !nonce || !signature) {
      throw new InvoiceApiError(401, 40101, 'missing authentication headers: X-App-Key, X-Timestamp, X-Nonce, X-Signature');
    }
    const secret = this.apps.get(appKey);
    if (secret === undefined) throw new InvoiceApiError(401, 40102, 'unknown app key');
    if (!/^\d{13}$/.test(timestamp)) throw new InvoiceApiError(401, 40103, 'X-Timestamp must be milliseconds since the epoch');
    const now = this.now();
    if (Math.abs(Number(timestamp) - now) > this.skewMs) {
      throw new InvoiceApiError(401, 40104, `X-Timestamp is more than ${this.skewMs / 1000} s from server time`);
    }
    if (!/^[\w-]{8,64}$/.test(nonce)) throw new InvoiceApiError(401, 40105, 'X-Nonce must be 8-64 letters, digits, - or _');
    if (!sameSignature(invoiceSignature(secret, method, path, timestamp, nonce, body), signature)) {
      throw new InvoiceApiError(401, 40106, 'signature does not match');
    }
    for (const [key, seen] of this.nonces) if (seen < now - 2 * this.skewMs) this.nonces.delete(key);
    const nonceKey = `${appKey}|${nonce}`;
    if (this.nonces.has(nonceKey)) throw new InvoiceApiError(401, 40107, 'nonce already used');
    this.nonces.set(nonceKey, now);
    return appKey;
  }

  /** Headers that sign an answer or a callback with the app's secret. */
  sign(appKey: string, method: string, path: string, body: string | Buffer): Record<string, string> {
    return signedHeaders(appKey, this.apps.get(appKey)!, method, path, body, this.now(), randomBytes(12).toString('hex'));
  }

  // --- submissions

  submitBlue(appKey: string, body: Record<string, unknown>): SandboxInvoice {
    const requestNo = this.requestNo(body);
    const fingerprint = sha256Hex(JSON.stringify(body));
    const existing = this.existing(appKey, requestNo, fingerprint);
    if (existing) return existing;

    const s = obj(body.seller, 'seller');
    const seller = { name: str(s, 'name', 100)!, taxId: str(s, 'taxId', 18)! };
    if (!CREDIT_CODE.test(seller.taxId)) throw param('seller.taxId must be an 18-character 统一社会信用代码');
    const b = obj(body.buyer, 'buyer');
    const type = b.type;
    if (type !== 'personal' && type !== 'company') throw param('buyer.type must be personal or company');
    const buyer: InvoiceBuyer = { type, name: str(b, 'name', 100)! };
    const taxId = str(b, 'taxId', 20, type === 'company');
    if (taxId !== undefined) {
      if (!CREDIT_CODE.test(taxId)) throw param('buyer.taxId must be an 18-character 统一社会信用代码');
      buyer.taxId = taxId;
    }
    const email = str(b, 'email', 100, false);
    if (email !== undefined) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw param('buyer.email is not an e-mail address');
      buyer.email = email;
    }
    if (!Array.isArray(body.items) || body.items.length === 0 || body.items.length > 100) throw param('items must be 1-100 lines');
    const items = body.items.map((raw, i) => {
      const it = obj(raw, `items[${i}]`);
      const amountFen = it.amountFen;
      const taxRate = it.taxRate;
      const quantity = it.quantity ?? 1;
      if (!Number.isInteger(amountFen) || (amountFen as number) <= 0) throw param(`items[${i}].amountFen must be a positive integer of fen`);
      if (typeof taxRate !== 'number' || !TAX_RATES.includes(taxRate)) throw param(`items[${i}].taxRate must be one of ${TAX_RATES.join(', ')}`);
      if (!Number.isInteger(quantity) || (quantity as number) <= 0) throw param(`items[${i}].quantity must be a positive integer`);
      const name = str(it, 'name', 100)!;
      if (!/^\*[^*]+\*.+/.test(name)) throw param(`items[${i}].name must start with its tax category, e.g. *运输服务*客运服务费`);
      return item(name, amountFen as number, taxRate, quantity as number);
    });
    if (!Array.isArray(body.travellers) || body.travellers.length === 0) throw param('travellers are required for passenger transport (旅客运输服务)');
    const travellers = body.travellers.map((raw, i) => {
      const tr = obj(raw, `travellers[${i}]`);
      const t: InvoiceTraveller = {
        name: str(tr, 'name', 64)!,
        idType: str(tr, 'idType', 32)!,
        idNumber: str(tr, 'idNumber', 32)!,
        travelDate: str(tr, 'travelDate', 10)!,
        origin: str(tr, 'origin', 64)!,
        destination: str(tr, 'destination', 64)!,
        class: str(tr, 'class', 16)!,
      };
      if (!DATE.test(t.travelDate)) throw param(`travellers[${i}].travelDate must be YYYY-MM-DD`);
      return t;
    });
    const callbackUrl = this.callbackUrl(body);
    const remark = str(body, 'remark', 200, false) ?? '';
    this.consumeSubmitFailure();
    return this.store({
      serialNo: this.serial(),
      requestNo,
      appKey,
      kind: 'blue',
      status: 'PROCESSING',
      invoiceNo: null,
      issuedAt: null,
      failReason: null,
      seller,
      buyer,
      items,
      travellers,
      remark,
      callbackUrl,
      ...totals(items),
      blueSerialNo: null,
      blueInvoiceNo: null,
      reason: null,
      reversedBySerialNo: null,
      createdAt: new Date(this.now()).toISOString(),
      fingerprint,
    });
  }

  /** 红字: reverses a whole issued blue invoice; a blue invoice is reversed at most once. */
  submitRed(appKey: string, body: Record<string, unknown>): SandboxInvoice {
    const requestNo = this.requestNo(body);
    const fingerprint = sha256Hex(JSON.stringify(body));
    const existing = this.existing(appKey, requestNo, fingerprint);
    if (existing) return existing;
    const blueSerialNo = str(body, 'blueSerialNo', 32)!;
    const reason = str(body, 'reason', 100)!;
    const blue = this.invoices.get(blueSerialNo);
    if (!blue || blue.appKey !== appKey || blue.kind !== 'blue') throw new InvoiceApiError(404, 40401, 'no such invoice');
    if (blue.reversedBySerialNo) throw new InvoiceApiError(409, 40902, 'the invoice is already reversed (红冲) or being reversed');
    if (blue.status !== 'ISSUED') throw new InvoiceApiError(409, 40903, 'only an issued invoice can be reversed');
    const callbackUrl = this.callbackUrl(body);
    this.consumeSubmitFailure();
    const items = blue.items.map((it) => item(it.name, -it.amountFen, it.taxRate, it.quantity));
    const red = this.store({
      serialNo: this.serial(),
      requestNo,
      appKey,
      kind: 'red',
      status: 'PROCESSING',
      invoiceNo: null,
      issuedAt: null,
      failReason: null,
      seller: { ...blue.seller },
      buyer: { ...blue.buyer },
      items,
      travellers: blue.travellers.map((t) => ({ ...t })),
      remark: `被红冲蓝字数电发票号码：${blue.invoiceNo}\u3000红冲原因：${reason}`,
      callbackUrl,
      ...totals(items),
      blueSerialNo,
      blueInvoiceNo: blue.invoiceNo,
      reason,
      reversedBySerialNo: null,
      createdAt: new Date(this.now()).toISOString(),
      fingerprint,
    });
    blue.reversedBySerialNo = red.serialNo;
    return red;
  }

  get(appKey: string, serialNo: string): SandboxInvoice {
    const inv = this.invoices.get(serialNo);
    if (!inv || inv.appKey !== appKey) throw new InvoiceApiError(404, 40401, 'no such invoice');
    return inv;
  }

  all(): SandboxInvoice[] {
    return [...this.invoices.values()];
  }

  find(serialNo: string): SandboxInvoice | undefined {
    return this.invoices.get(serialNo);
  }

  /** The answer to a query: the invoice without its fingerprint, with a file URL once issued. */
  view(inv: SandboxInvoice, origin: string): Record<string, unknown> {
    return {
      serialNo: inv.serialNo,
      requestNo: inv.requestNo,
      kind: inv.kind,
      status: inv.status,
      invoiceNo: inv.invoiceNo,
      issuedAt: inv.issuedAt,
      failReason: inv.failReason,
      totalAmountFen: inv.totalFen,
      totalTaxFen: inv.taxFen,
      amountExclTaxFen: inv.amountExclTaxFen,
      blueSerialNo: inv.blueSerialNo,
      reversedBySerialNo: inv.reversedBySerialNo,
      fileUrl: inv.invoiceNo ? this.fileUrl(inv, origin) : null,
    };
  }

  // --- files

  /** `…/api/v1/files/{serialNo}.pdf?expires=&signature=`: hex HMAC of `serialNo\nexpires` with the app secret. */
  fileUrl(inv: SandboxInvoice, origin: string): string {
    const expires = String(this.now() + (this.options.fileUrlTtlSeconds ?? 300) * 1000);
    return `${origin}/api/v1/files/${inv.serialNo}.pdf?expires=${expires}&signature=${this.fileSignature(inv, expires)}`;
  }

  private fileSignature(inv: SandboxInvoice, expires: string): string {
    return createHmac('sha256', this.apps.get(inv.appKey)!).update(`${inv.serialNo}\n${expires}`).digest('hex');
  }

  async file(serialNo: string, expires: string, signature: string): Promise<{ invoice: SandboxInvoice; pdf: Buffer }> {
    const inv = this.invoices.get(serialNo);
    if (!inv || !inv.invoiceNo) throw new InvoiceApiError(404, 40401, 'no such file');
    if (!/^\d{13}$/.test(expires) || !sameSignature(this.fileSignature(inv, expires), signature)) {
      throw new InvoiceApiError(403, 40301, 'file signature does not match');
    }
    if (Number(expires) < this.now()) throw new InvoiceApiError(403, 40302, 'file URL expired');
    let pdf = this.files.get(serialNo);
    if (!pdf) {
      pdf = await this.render(inv);
      this.files.set(serialNo, pdf);
    }
    return { invoice: inv, pdf };
  }

  // --- issuing and callbacks

  private store(inv: SandboxInvoice): SandboxInvoice {
    this.invoices.set(inv.serialNo, inv);
    this.byRequest.set(`${inv.appKey}|${inv.requestNo}`, inv.serialNo);
    const failure = this.failNext?.stage === 'issue' ? this.failNext : null;
    if (failure) this.failNext = null;
    this.later(this.options.issueDelayMs ?? 1000, () => this.complete(inv, failure?.reason ?? null));
    return inv;
  }

  private complete(inv: SandboxInvoice, failReason: string | null): void {
    if (inv.status !== 'PROCESSING') return;
    if (failReason) {
      inv.status = 'FAILED';
      inv.failReason = failReason;
      // a failed red letter leaves the blue invoice as it was: it may be reversed again
      if (inv.blueSerialNo) this.invoices.get(inv.blueSerialNo)!.reversedBySerialNo = null;
    } else {
      inv.status = 'ISSUED';
      inv.invoiceNo = this.invoiceNo();
      inv.issuedAt = new Date(this.now()).toISOString();
      if (inv.blueSerialNo) this.invoices.get(inv.blueSerialNo)!.status = 'REVERSED';
    }
    if (inv.callbackUrl) this.callback(inv);
  }

  private callback(inv: SandboxInvoice): void {
    const body = JSON.stringify({
      eventType: inv.status === 'ISSUED' ? 'INVOICE.ISSUED' : 'INVOICE.FAILED',
      serialNo: inv.serialNo,
      requestNo: inv.requestNo,
      kind: inv.kind,
      status: inv.status,
      invoiceNo: inv.invoiceNo,
      issuedAt: inv.issuedAt,
      failReason: inv.failReason,
      totalAmountFen: inv.totalFen,
      blueSerialNo: inv.blueSerialNo,
    });
    const c: SandboxCallback = { id: randomBytes(8).toString('hex'), serialNo: inv.serialNo, url: inv.callbackUrl!, body, attempts: [], delivered: false, pending: !this.callbacksPaused };
    this.callbacks.push(c);
    if (!this.callbacksPaused) void this.deliver(c, inv.appKey, 0);
  }

  private async deliver(c: SandboxCallback, appKey: string, retry: number | null): Promise<void> {
    if (await this.attempt(c, appKey)) {
      c.delivered = true;
      c.pending = false;
      return;
    }
    if (retry === null) return;
    if (retry >= CALLBACK_RETRY_SECONDS.length) {
      c.pending = false;
      return;
    }
    this.later(CALLBACK_RETRY_SECONDS[retry] * 1000 * (this.options.callbackTimeScale ?? 1), () => {
      if (!c.delivered) void this.deliver(c, appKey, retry + 1);
    });
  }

  /** POSTs the callback signed like an answer (path of the callback URL); any 2xx is success. */
  private async attempt(c: SandboxCallback, appKey: string): Promise<boolean> {
    const at = new Date(this.now()).toISOString();
    try {
      const url = new URL(c.url);
      let body = c.body;
      const headers = this.sign(appKey, 'POST', url.pathname + url.search, body);
      if (this.tamperNext) {
        this.tamperNext = false;
        body = body.replace('"status":"', '"status":"X');
      }
      const res = await fetch(c.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.options.callbackTimeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      c.attempts.push({ at, status: res.status });
      return res.status >= 200 && res.status < 300;
    } catch (e) {
      c.attempts.push({ at, status: 0, error: (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message });
      return false;
    }
  }

  /** Sends a callback again (providers do send duplicates), with a fresh signature. */
  async resend(id: string): Promise<SandboxCallback | undefined> {
    const c = this.callbacks.find((x) => x.id === id);
    if (!c) return undefined;
    const inv = this.invoices.get(c.serialNo)!;
    if (await this.attempt(c, inv.appKey)) {
      c.delivered = true;
      c.pending = false;
    }
    return c;
  }

  callbacksFor(serialNo?: string): SandboxCallback[] {
    return this.callbacks.filter((c) => !serialNo || c.serialNo === serialNo);
  }

  /** Forgets invoices, callbacks and switches and cancels pending work; apps stay. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.invoices.clear();
    this.byRequest.clear();
    this.nonces.clear();
    this.files.clear();
    this.callbacks = [];
    this.failNext = null;
    this.tamperNext = false;
    this.callbacksPaused = false;
  }

  // --- helpers

  private requestNo(body: Record<string, unknown>): string {
    const requestNo = str(body, 'requestNo', 64)!;
    if (!/^[\w-]{1,64}$/.test(requestNo)) throw param('requestNo must be 1-64 letters, digits, - or _');
    return requestNo;
  }

  /** The same request number again: the same invoice if the content is the same, else a conflict. */
  private existing(appKey: string, requestNo: string, fingerprint: string): SandboxInvoice | null {
    const serial = this.byRequest.get(`${appKey}|${requestNo}`);
    if (!serial) return null;
    const inv = this.invoices.get(serial)!;
    if (inv.fingerprint !== fingerprint) throw new InvoiceApiError(409, 40901, 'requestNo already used for another invoice');
    return inv;
  }

  private callbackUrl(body: Record<string, unknown>): string | null {
    const url = str(body, 'callbackUrl', 256, false);
    if (url === undefined) return null;
    if (!/^https?:\/\/[^\s#]+$/.test(url)) throw param('callbackUrl must be an absolute http(s) URL');
    return url;
  }

  private consumeSubmitFailure(): void {
    if (this.failNext?.stage !== 'submit') return;
    const { reason } = this.failNext;
    this.failNext = null;
    throw new InvoiceApiError(500, 50001, reason);
  }

  private serial(): string {
    return `SN${new Date(this.now()).toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(6).toString('hex').toUpperCase()}`;
  }

  /** 全电发票号码: 20 digits — year (2), 44 (Guangdong), 0, a 15-digit sequence. */
  private invoiceNo(): string {
    const yy = new Date(this.now()).toISOString().slice(2, 4);
    this.sequence += 1;
    return `${yy}440${String(Math.floor(this.now() / 1000) % 1e9).padStart(9, '0')}${String(this.sequence % 1e6).padStart(6, '0')}`;
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }
}

function item(name: string, amountFen: number, taxRate: number, quantity: number): InvoiceItem {
  const taxFen = taxIncluded(amountFen, taxRate);
  return { name, amountFen, taxRate, quantity, taxFen, amountExclTaxFen: amountFen - taxFen };
}

function totals(items: InvoiceItem[]): { totalFen: number; taxFen: number; amountExclTaxFen: number } {
  return {
    totalFen: items.reduce((s, i) => s + i.amountFen, 0),
    taxFen: items.reduce((s, i) => s + i.taxFen, 0),
    amountExclTaxFen: items.reduce((s, i) => s + i.amountExclTaxFen, 0),
  };
}
