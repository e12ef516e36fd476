import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createDecipheriv, createPrivateKey, createPublicKey, createVerify, randomBytes, X509Certificate } from 'crypto';
import WxPay from 'wechatpay-node-v3';
import { DomainError, UpstreamError } from '../../../common/error/domain.error';
import {
  AlreadyPaid, NotificationRejected, PaymentPort,
  type CreateRefund, type CreateTransaction, type CreatedTransaction, type JsapiParams, type MerchantRef, type PaymentNotification,
  type RefundStateView, type TransactionState,
} from '../port/payment.port';

/** One merchant's keys: the service provider's or a direct merchant's. */
export interface MerchantKeys {
  mchid: string;
  /** serial of the merchant API certificate */
  serialNo: string;
  privateKey: string;
  apiV3Key: string;
  /** the WeChat Pay public key (PUB_KEY_ID_…) this merchant verifies with; empty: platform certificates */
  platformPublicKeyId?: string;
  platformPublicKey?: string;
}

export interface PaymentConfig {
  /** https://api.mch.weixin.qq.com in production; the sandbox elsewhere */
  baseUrl: string;
  timeoutMs: number;
  provider: MerchantKeys;
  directMerchants: MerchantKeys[];
}

const UPSTREAM = 'wechatpay';
/** WeChat's rule: refuse answers and notifications signed more than 5 minutes away from now */
const MAX_SKEW_SECONDS = 300;

interface Signer {
  keys: MerchantKeys;
  /** the library signs requests (getSignature + getAuthorization) and JSAPI parameters */
  pay: WxPay;
}

/** WeChat Pay's answer to a call: status, parsed body, verified signature. */
interface Answer {
  status: number;
  body: any;
}

/**
 * WeChat Pay API v3. wechatpay-node-v3 signs our requests; it hard-codes WeChat's host and has no
 * partner (service-provider) methods, so the calls themselves go to the configured base URL from
 * here, and every answer and notification is verified here with node:crypto against the platform
 * certificate (fetched from /v3/certificates) or the WeChat Pay public key, whichever its serial names.
 */
@Provide('paymentPort')
@Scope(ScopeEnum.Singleton)
export class WechatPayAdapter extends PaymentPort {
  @Config('payment') config: PaymentConfig;

  private signers = new Map<string, Signer>();
  /** platform certificate serial → public key, per merchant that fetched it */
  private certificates = new Map<string, string>();

  canCollect(merchant: MerchantRef): boolean {
    try {
      this.signerFor(merchant);
      return true;
    } catch {
      return false;
    }
  }

  callbackKey(merchant: MerchantRef): string {
    return this.signerFor(merchant).keys.mchid;
  }

  async createTransaction(merchant: MerchantRef, input: CreateTransaction): Promise<CreatedTransaction> {
    const partner = merchant.mode === 'sub_merchant';
    const signer = this.signerFor(merchant);
    const ids = partner
      ? { sp_appid: input.appid, sp_mchid: signer.keys.mchid, sub_mchid: merchant.subMchid }
      : { appid: input.appid, mchid: signer.keys.mchid };
    const body: Record<string, unknown> = {
      ...ids,
      description: input.description,
      out_trade_no: input.outTradeNo,
      time_expire: rfc3339Shanghai(input.timeExpire),
      notify_url: input.notifyUrl,
      amount: { total: input.amountFen, currency: 'CNY' },
    };
    if (input.channel === 'jsapi') body.payer = partner ? { sp_openid: input.openid } : { openid: input.openid };
    if (input.channel === 'h5') body.scene_info = { payer_client_ip: input.payerIp ?? '127.0.0.1', h5_info: { type: 'Wap' } };
    const path = `/v3/pay/${partner ? 'partner/' : ''}transactions/${input.channel}`;
    const res = await this.call(signer, 'POST', path, body);
    if (res.status !== 200) throw this.refused(res, 'create');
    if (input.channel === 'h5' && input.returnUrl) {
      return { h5Url: `${res.body.h5_url}${String(res.body.h5_url).includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(input.returnUrl)}` };
    }
    return { prepayId: res.body.prepay_id, h5Url: res.body.h5_url, codeUrl: res.body.code_url };
  }

  jsapiParams(merchant: MerchantRef, appid: string, prepayId: string): JsapiParams {
    const signer = this.signerFor(merchant);
    const timeStamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const pkg = `prepay_id=${prepayId}`;
    const paySign = signer.pay.sha256WithRsa(`${appid}\n${timeStamp}\n${nonceStr}\n${pkg}\n`);
    return { appId: appid, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  async queryTransaction(merchant: MerchantRef, outTradeNo: string): Promise<TransactionState | null> {
    const signer = this.signerFor(merchant);
    const no = encodeURIComponent(outTradeNo);
    const path = merchant.mode === 'sub_merchant'
      ? `/v3/pay/partner/transactions/out-trade-no/${no}?sp_mchid=${signer.keys.mchid}&sub_mchid=${merchant.subMchid}`
      : `/v3/pay/transactions/out-trade-no/${no}?mchid=${signer.keys.mchid}`;
    const res = await this.call(signer, 'GET', path);
    if (res.status === 404 && res.body?.code === 'ORDER_NOT_EXIST') return null;
    if (res.status !== 200) throw this.refused(res, 'query');
    return transactionOf(res.body);
  }

  async closeTransaction(merchant: MerchantRef, outTradeNo: string): Promise<void> {
    const signer = this.signerFor(merchant);
    const no = encodeURIComponent(outTradeNo);
    const res = merchant.mode === 'sub_merchant'
      ? await this.call(signer, 'POST', `/v3/pay/partner/transactions/out-trade-no/${no}/close`, { sp_mchid: signer.keys.mchid, sub_mchid: merchant.subMchid })
      : await this.call(signer, 'POST', `/v3/pay/transactions/out-trade-no/${no}/close`, { mchid: signer.keys.mchid });
    if (res.status === 204 || res.status === 200) return;
    if (res.body?.code === 'ORDERPAID') throw new AlreadyPaid(outTradeNo);
    // never created at WeChat, or closed already: closed either way
    if (res.body?.code === 'ORDER_NOT_EXIST' || res.body?.code === 'ORDER_CLOSED') return;
    throw this.refused(res, 'close');
  }

  async createRefund(merchant: MerchantRef, input: CreateRefund): Promise<RefundStateView> {
    const signer = this.signerFor(merchant);
    const res = await this.call(signer, 'POST', '/v3/refund/domestic/refunds', {
      ...(merchant.mode === 'sub_merchant' ? { sub_mchid: merchant.subMchid } : {}),
      out_trade_no: input.outTradeNo,
      out_refund_no: input.outRefundNo,
      reason: input.reason.slice(0, 80),
      notify_url: input.notifyUrl,
      amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
    });
    if (res.status !== 200) throw this.refused(res, 'refund');
    return refundOf(res.body);
  }

  async queryRefund(merchant: MerchantRef, outRefundNo: string): Promise<RefundStateView | null> {
    const signer = this.signerFor(merchant);
    const query = merchant.mode === 'sub_merchant' ? `?sub_mchid=${merchant.subMchid}` : '';
    const res = await this.call(signer, 'GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}${query}`);
    if (res.status === 404) return null;
    if (res.status !== 200) throw this.refused(res, 'refund query');
    return refundOf(res.body);
  }

  async parseNotification(callbackKey: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<PaymentNotification> {
    const signer = this.signers.get(callbackKey) ?? this.knownSigner(callbackKey);
    if (!signer) throw new NotificationRejected('UNKNOWN_MERCHANT', `no merchant ${callbackKey}`);
    const h = (name: string) => {
      const v = headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    await this.verify(signer, { timestamp: h('Wechatpay-Timestamp'), nonce: h('Wechatpay-Nonce'), signature: h('Wechatpay-Signature'), serial: h('Wechatpay-Serial') }, rawBody, (code, m) => new NotificationRejected(code, m));
    let envelope: any;
    try {
      envelope = JSON.parse(rawBody);
    } catch {
      throw new NotificationRejected('MALFORMED', 'body is not JSON');
    }
    const r = envelope?.resource;
    if (!envelope?.id || !r?.ciphertext || !r?.nonce) throw new NotificationRejected('MALFORMED', 'missing id or resource');
    let resource: any;
    try {
      resource = JSON.parse(decryptAead(signer.keys.apiV3Key, r.ciphertext, r.nonce, r.associated_data ?? ''));
    } catch {
      throw new NotificationRejected('DECRYPT', 'resource does not decrypt with the APIv3 key');
    }
    const eventType = String(envelope.event_type);
    if (eventType === 'TRANSACTION.SUCCESS') return { id: envelope.id, eventType, transaction: transactionOf(resource) };
    if (eventType === 'REFUND.SUCCESS' || eventType === 'REFUND.ABNORMAL' || eventType === 'REFUND.CLOSED') {
      return { id: envelope.id, eventType, refund: refundOf({ ...resource, status: resource.refund_status }) };
    }
    return { id: envelope.id, eventType, other: true };
  }

  // ───────────── signing, calling, verifying ─────────────

  private signerFor(merchant: MerchantRef): Signer {
    const keys = merchant.mode === 'sub_merchant' ? this.config.provider : this.config.directMerchants.find((m) => m.mchid === merchant.mchid);
    if (!keys?.privateKey || !keys.serialNo || !keys.apiV3Key) {
      throw new DomainError('PAYMENT.MERCHANT_NOT_CONFIGURED');
    }
    return this.signerOf(keys);
  }

  private knownSigner(mchid: string): Signer | undefined {
    const keys = [this.config.provider, ...this.config.directMerchants].find((m) => m.mchid === mchid && m.privateKey);
    return keys ? this.signerOf(keys) : undefined;
  }

  private signerOf(keys: MerchantKeys): Signer {
    let signer = this.signers.get(keys.mchid);
    if (!signer) {
      const privateKey = Buffer.from(keys.privateKey);
      // the library wants the merchant certificate only to read its serial, which we give it
      const publicKey = Buffer.from(createPublicKey(createPrivateKey(keys.privateKey)).export({ type: 'spki', format: 'pem' }).toString());
      const pay = new WxPay({ appid: '', mchid: keys.mchid, serial_no: keys.serialNo, publicKey, privateKey, key: keys.apiV3Key });
      signer = { keys, pay };
      this.signers.set(keys.mchid, signer);
    }
    return signer;
  }

  private async call(signer: Signer, method: 'GET' | 'POST', pathAndQuery: string, body?: object): Promise<Answer> {
    const text = body ? JSON.stringify(body) : '';
    const nonce = randomBytes(16).toString('hex');
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signer.pay.getSignature(method, nonce, timestamp, pathAndQuery, text || undefined);
    let res: Response;
    try {
      res = await fetch(`${this.config.baseUrl}${pathAndQuery}`, {
        method,
        headers: {
          Authorization: signer.pay.getAuthorization(nonce, timestamp, signature),
          Accept: 'application/json',
          'User-Agent': 'dzky-bff',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? text : undefined,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `${method} ${pathAndQuery.split('?')[0]}: ${(e as Error).message}`);
    }
    const raw = await res.text();
    // a refusal of our signature is itself signed; any answer we act on must be verified first
    await this.verify(
      signer,
      { timestamp: res.headers.get('Wechatpay-Timestamp') ?? undefined, nonce: res.headers.get('Wechatpay-Nonce') ?? undefined, signature: res.headers.get('Wechatpay-Signature') ?? undefined, serial: res.headers.get('Wechatpay-Serial') ?? undefined },
      raw,
      (_code, m) => new UpstreamError(UPSTREAM, `answer to ${method} ${pathAndQuery.split('?')[0]} not verified: ${m}`),
    );
    let parsed: any = null;
    if (raw) {
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new UpstreamError(UPSTREAM, `answer to ${method} ${pathAndQuery.split('?')[0]} is not JSON`);
      }
    }
    return { status: res.status, body: parsed };
  }

  private async verify(
    signer: Signer,
    h: { timestamp?: string; nonce?: string; signature?: string; serial?: string },
    body: string,
    fail: (code: NotificationRejected['code'], message: string) => Error,
  ): Promise<void> {
    if (!h.timestamp || !h.nonce || !h.signature || !h.serial) throw fail('SIGNATURE', 'Wechatpay-* headers missing');
    if (Math.abs(Date.now() / 1000 - Number(h.timestamp)) > MAX_SKEW_SECONDS) throw fail('STALE', `timestamp ${h.timestamp} more than 5 minutes away`);
    const key = await this.platformKey(signer, h.serial);
    if (!key) throw fail('UNKNOWN_SERIAL', `unknown platform serial ${h.serial}`);
    const ok = createVerify('RSA-SHA256').update(`${h.timestamp}\n${h.nonce}\n${body}\n`).verify(key, h.signature, 'base64');
    if (!ok) throw fail('SIGNATURE', 'signature does not verify');
  }

  /** The public key behind a serial: the configured WeChat Pay public key, or a platform certificate. */
  private async platformKey(signer: Signer, serial: string): Promise<string | null> {
    const { platformPublicKeyId, platformPublicKey } = signer.keys;
    if (serial.startsWith('PUB_KEY_ID_')) return serial === platformPublicKeyId && platformPublicKey ? platformPublicKey : null;
    const cached = this.certificates.get(serial);
    if (cached) return cached;
    // unknown certificate serial: WeChat rotated its certificate, or we have not fetched it yet
    await this.fetchCertificates(signer);
    return this.certificates.get(serial) ?? null;
  }

  private fetching: Promise<void> | null = null;

  private async fetchCertificates(signer: Signer): Promise<void> {
    this.fetching ??= (async () => {
      const nonce = randomBytes(16).toString('hex');
      const timestamp = String(Math.floor(Date.now() / 1000));
      const path = '/v3/certificates';
      const signature = signer.pay.getSignature('GET', nonce, timestamp, path);
      const res = await fetch(`${this.config.baseUrl}${path}`, {
        headers: { Authorization: signer.pay.getAuthorization(nonce, timestamp, signature), Accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
      const raw = await res.text();
      if (res.status !== 200) throw new UpstreamError(UPSTREAM, `certificates: ${res.status}`);
      const fresh = new Map<string, string>();
      for (const item of JSON.parse(raw).data ?? []) {
        const e = item.encrypt_certificate;
        const pem = decryptAead(signer.keys.apiV3Key, e.ciphertext, e.nonce, e.associated_data ?? '');
        fresh.set(item.serial_no, new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }).toString());
      }
      // the answer is signed by one of the certificates it carries (WeChat's bootstrap rule)
      const serial = res.headers.get('Wechatpay-Serial') ?? '';
      const key = fresh.get(serial);
      const ok = key && createVerify('RSA-SHA256')
        .update(`${res.headers.get('Wechatpay-Timestamp')}\n${res.headers.get('Wechatpay-Nonce')}\n${raw}\n`)
        .verify(key, res.headers.get('Wechatpay-Signature') ?? '', 'base64');
      if (!ok) throw new UpstreamError(UPSTREAM, 'certificates answer not signed by its own certificate');
      for (const [s, k] of fresh) this.certificates.set(s, k);
    })().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private refused(res: Answer, what: string): Error {
    const code = res.body?.code ?? `HTTP_${res.status}`;
    return new UpstreamError(UPSTREAM, `${what} refused: ${code} ${res.body?.message ?? ''}`.trim());
  }
}

/** AEAD_AES_256_GCM with the APIv3 key: the last 16 bytes of the ciphertext are the tag. */
function decryptAead(apiV3Key: string, ciphertext: string, nonce: string, associatedData: string): string {
  const data = Buffer.from(ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(associatedData));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** WeChat wants RFC 3339 with an offset; Beijing time as its examples show. */
function rfc3339Shanghai(date: Date): string {
  const shifted = new Date(Math.floor(date.getTime() / 1000) * 1000 + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

function transactionOf(t: any): TransactionState {
  return {
    outTradeNo: t.out_trade_no,
    tradeState: t.trade_state,
    transactionId: t.transaction_id ?? null,
    receivingMchid: t.sub_mchid ?? t.mchid,
    appid: t.sp_appid ?? t.appid,
    totalFen: Number(t.amount?.total ?? 0),
    payerOpenid: t.payer?.sp_openid ?? t.payer?.openid ?? null,
    successTime: t.success_time ? new Date(t.success_time) : null,
  };
}

function refundOf(r: any): RefundStateView {
  return {
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    refundId: r.refund_id ?? null,
    status: r.status,
    refundFen: Number(r.amount?.refund ?? 0),
    successTime: r.success_time ? new Date(r.success_time) : null,
    userReceivedAccount: r.user_received_account ?? null,
  };
}
