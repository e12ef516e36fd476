import { randomBytes, type KeyObject } from 'crypto';
import type { Clock } from '../common/http';
import {
  encryptResource,
  generateRsaKeyPair,
  parseAuthorization,
  privateKeyOf,
  publicKeyOf,
  randomSerial,
  requestMessage,
  responseMessage,
  selfSignedCertificate,
  sha256WithRsa,
  verifySha256WithRsa,
  type KeyLike,
} from './wechatpay.crypto';

/** A merchant the sandbox knows: a direct merchant, or a service provider with its sub-merchants. */
export interface WechatPayMerchant {
  mchid: string;
  /** serial of the merchant API certificate: the `serial_no` its requests carry */
  serialNo: string;
  /** the merchant's public key (PEM or KeyObject): verifies its requests */
  publicKey: KeyLike;
  /** the 32-character APIv3 key: notifications and certificates are encrypted with it */
  apiV3Key: string;
  /** how the platform's signatures are identified to this merchant: a platform certificate serial (default) or a WeChat Pay public key ID */
  platformKey?: 'certificate' | 'publicKey';
  /** AppIDs bound to the merchant (sp_appid for a service provider); empty = any */
  appids?: string[];
  /** a service provider's sub-merchants (partner APIs); absent = a direct merchant */
  subMchids?: string[];
}

export interface WechatPayPlatformOptions {
  /** key behind the platform certificate; generated when absent */
  certificatePrivateKey?: KeyLike;
  certificateSerial?: string;
  /** key behind the WeChat Pay public key ID; generated when absent */
  publicKeyPrivateKey?: KeyLike;
  /** `PUB_KEY_ID_…`; generated when absent */
  publicKeyId?: string;
}

export interface WechatPaySandboxOptions {
  merchants: WechatPayMerchant[];
  platform?: WechatPayPlatformOptions;
  /** Multiplies WeChat's notification retry schedule (15 s … 6 h); e.g. 0.001 in tests. Default 1. */
  notifyTimeScale?: number;
  /** how long a notify_url may take to answer before the attempt counts as failed: 5000 ms */
  notifyTimeoutMs?: number;
  /** a refund succeeds this long after it is accepted (ms, default 0); null = stays PROCESSING until a test settles it */
  refundSettleMs?: number | null;
  /** how far the Authorization timestamp may be from the server's clock: 300 s */
  maxClockSkewSeconds?: number;
  now?: Clock;
}

/** WeChat Pay's refusal: HTTP status, `code` and `message`, as `{code, message, detail?}`. */
export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** WeChat's retry schedule after a failed notification, in seconds: 15 retries over about 24 h. */
export const NOTIFY_RETRY_SECONDS = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

export type TradeType = 'JSAPI' | 'MWEB' | 'NATIVE';
export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR';

export interface SandboxOrder {
  /** the merchant whose key signs the calls: the direct merchant or the service provider */
  mchid: string;
  partner: boolean;
  subMchid?: string;
  appid: string;
  subAppid?: string;
  outTradeNo: string;
  tradeType: TradeType;
  description: string;
  attach?: string;
  notifyUrl: string;
  total: number;
  currency: string;
  /** payer from the request (JSAPI) or the payment page */
  openid?: string;
  subOpenid?: string;
  prepayId: string;
  /** token of the native code_url (`weixin://wxpay/bizpayurl?pr=…`) */
  codeToken?: string;
  expiresAt: number;
  state: TradeState;
  closedBy?: 'merchant' | 'expiry' | 'payer';
  transactionId?: string;
  successTime?: string;
  refunded: number;
  /** the create request's business fields, to tell a retried create from a conflicting one */
  fingerprint: string;
}

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface SandboxRefund {
  refundId: string;
  outRefundNo: string;
  order: SandboxOrder;
  reason?: string;
  notifyUrl?: string;
  refund: number;
  status: RefundStatus;
  createTime: string;
  successTime?: string;
}

export interface NotificationAttempt {
  at: string;
  /** HTTP status answered, or 0 when none (refused, timed out) */
  status: number;
  error?: string;
}

export interface SandboxNotification {
  id: string;
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  mchid: string;
  notifyUrl: string;
  outTradeNo: string;
  outRefundNo?: string;
  /** the JSON body sent (identical for every attempt and resend) */
  body: string;
  /** the decrypted resource, for tests */
  resource: Record<string, unknown>;
  attempts: NotificationAttempt[];
  delivered: boolean;
  /** retries still planned (false once delivered or the schedule is used up) */
  pending: boolean;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `2026-12-07T15:54:08+08:00`: WeChat writes times in Beijing time with the offset. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const param = (message: string, location = 'body') => new WechatPayError(400, 'PARAM_ERROR', message, { location });

function str(body: Record<string, any>, name: string, max: number, required = true): string | undefined {
  const v = body[name];
  if (v === undefined || v === null || v === '') {
    if (required) throw param(`输入源"/body/${name}"映射到字段"${name}"必填性规则校验失败，此字段为必填项`);
    return undefined;
  }
  if (typeof v !== 'string') throw param(`输入源"/body/${name}"映射到字段"${name}"类型规则校验失败，此字段应为字符串`);
  if (Buffer.byteLength(v) > max) throw param(`输入源"/body/${name}"映射到字段"${name}"长度规则校验失败，长度不能超过${max}`);
  return v;
}

export interface PlatformKey {
  serial: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** Merchants, orders, refunds and notification deliveries of the sandbox WeChat Pay. */
export class WechatPayState {
  readonly now: Clock;
  readonly merchants = new Map<string, WechatPayMerchant & { key: KeyObject }>();
  /** platform certificate: serial, PEM and key */
  readonly certificate: PlatformKey & { pem: string; effectiveTime: string; expireTime: string };
  /** WeChat Pay public key: ID (`PUB_KEY_ID_…`), PEM and key */
  readonly wechatpayPublicKey: PlatformKey & { pem: string };
  private orders = new Map<string, SandboxOrder>();
  private byPrepayId = new Map<string, SandboxOrder>();
  private byCodeToken = new Map<string, SandboxOrder>();
  private byTransactionId = new Map<string, SandboxOrder>();
  private refunds = new Map<string, SandboxRefund>();
  private notifications: SandboxNotification[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private readonly skewMs: number;
  /** the next refunds' outcome when they settle (a test hook: 'ABNORMAL' plays a closed bank card) */
  nextRefundOutcome: Exclude<RefundStatus, 'PROCESSING'> | null = null;

  constructor(readonly options: WechatPaySandboxOptions) {
    this.now = options.now ?? Date.now;
    this.skewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
    for (const m of options.merchants) {
      if (Buffer.byteLength(m.apiV3Key) !== 32) throw new Error(`merchant ${m.mchid}: the APIv3 key must be 32 bytes`);
      this.merchants.set(m.mchid, { ...m, key: publicKeyOf(m.publicKey) });
    }
    const p = options.platform ?? {};
    const certKey = privateKeyOf(p.certificatePrivateKey ?? generateRsaKeyPair().privateKeyPem);
    const serial = (p.certificateSerial ?? randomSerial()).toUpperCase();
    const notBefore = new Date(this.now() - 86400_000);
    const notAfter = new Date(this.now() + 5 * 365 * 86400_000);
    this.certificate = {
      serial,
      privateKey: certKey,
      publicKey: publicKeyOf(certKey),
      pem: selfSignedCertificate({ privateKey: certKey, serialHex: serial, notBefore, notAfter }),
      effectiveTime: beijingTime(notBefore.getTime()),
      expireTime: beijingTime(notAfter.getTime()),
    };
    const pubKey = privateKeyOf(p.publicKeyPrivateKey ?? generateRsaKeyPair().privateKeyPem);
    this.wechatpayPublicKey = {
      serial: p.publicKeyId ?? `PUB_KEY_ID_0${digits(10)}${new Date(this.now()).toISOString().slice(0, 10).replace(/-/g, '')}${digits(10)}`,
      privateKey: pubKey,
      publicKey: publicKeyOf(pubKey),
      pem: publicKeyOf(pubKey).export({ type: 'spki', format: 'pem' }).toString(),
    };
  }

  /** the key and the serial (certificate serial or public key ID) the platform signs with for this merchant */
  platformKeyFor(mchid: string | undefined): PlatformKey {
    const m = mchid ? this.merchants.get(mchid) : undefined;
    return m?.platformKey === 'publicKey' ? this.wechatpayPublicKey : this.certificate;
  }

  /** headers for a signed answer or notification: Wechatpay-Timestamp/-Nonce/-Signature/-Serial */
  signedHeaders(mchid: string | undefined, body: string): Record<string, string> {
    const key = this.platformKeyFor(mchid);
    const timestamp = String(Math.floor(this.now() / 1000));
    const nonce = randomBytes(16).toString('hex').toUpperCase();
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': sha256WithRsa(key.privateKey, responseMessage(timestamp, nonce, body)),
      'Wechatpay-Serial': key.serial,
    };
  }

  /** Checks the Authorization header; answers the merchant or throws 401 SIGN_ERROR. */
  authenticate(method: string, pathAndQuery: string, authorization: string | undefined, body: string): WechatPayMerchant {
    const auth = parseAuthorization(authorization);
    if (!auth) throw new WechatPayError(401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误：应为 WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"');
    const merchant = this.merchants.get(auth.mchid);
    if (!merchant) throw new WechatPayError(401, 'SIGN_ERROR', `商户号 ${auth.mchid} 不存在或未开通 APIv3`);
    if (auth.serial_no.toUpperCase() !== merchant.serialNo.toUpperCase()) throw new WechatPayError(401, 'SIGN_ERROR', `商户证书序列号 ${auth.serial_no} 无效`);
    if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(Number(auth.timestamp) * 1000 - this.now()) > this.skewMs) {
      throw new WechatPayError(401, 'SIGN_ERROR', '请求时间戳与服务器时间相差超过5分钟');
    }
    if (!verifySha256WithRsa(merchant.key, requestMessage(method, pathAndQuery, auth.timestamp, auth.nonce_str, body), auth.signature)) {
      throw new WechatPayError(401, 'SIGN_ERROR', '签名错误，请检查签名参数和方法是否都符合签名算法要求');
    }
    return merchant;
  }

  // --- orders

  private orderKey = (mchid: string, subMchid: string | undefined, outTradeNo: string) => `${mchid}|${subMchid ?? ''}|${outTradeNo}`;

  /** Settles an order's expiry: an unpaid order past time_expire is CLOSED. */
  private refresh(order: SandboxOrder): SandboxOrder {
    if (order.state === 'NOTPAY' && this.now() >= order.expiresAt) {
      order.state = 'CLOSED';
      order.closedBy = 'expiry';
    }
    return order;
  }

  createOrder(merchant: WechatPayMerchant, tradeType: TradeType, partner: boolean, body: Record<string, any>): SandboxOrder {
    let mchid: string;
    let subMchid: string | undefined;
    let appid: string;
    let subAppid: string | undefined;
    if (partner) {
      appid = str(body, 'sp_appid', 32)!;
      mchid = str(body, 'sp_mchid', 32)!;
      subAppid = str(body, 'sub_appid', 32, false);
      subMchid = str(body, 'sub_mchid', 32)!;
      if (mchid !== merchant.mchid) throw param('sp_mchid 与请求头 Authorization 中的 mchid 不一致');
      if (!merchant.subMchids) throw new WechatPayError(400, 'INVALID_REQUEST', '商户号不是服务商，不能使用服务商接口');
      if (!merchant.subMchids.includes(subMchid)) throw new WechatPayError(400, 'INVALID_REQUEST', '特约商户号与服务商不存在受理关系');
    } else {
      appid = str(body, 'appid', 32)!;
      mchid = str(body, 'mchid', 32)!;
      if (mchid !== merchant.mchid) throw param('mchid 与请求头 Authorization 中的 mchid 不一致');
    }
    if (merchant.appids?.length && !merchant.appids.includes(appid)) throw new WechatPayError(400, 'APPID_MCHID_NOT_MATCH', 'AppID和mch_id不匹配');
    const description = str(body, 'description', 127)!;
    const outTradeNo = str(body, 'out_trade_no', 32)!;
    if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(outTradeNo)) throw param('out_trade_no 只能是6到32位数字、大小写字母_-|*');
    const attach = str(body, 'attach', 128, false);
    const notifyUrl = str(body, 'notify_url', 256)!;
    if (!/^https?:\/\/[^\s?#]+$/.test(notifyUrl)) throw param('notify_url 必须是不带参数的 http(s) 绝对地址');
    const amount = body.amount;
    if (!amount || typeof amount !== 'object') throw param('输入源"/body/amount"映射到字段"订单金额"必填性规则校验失败，此字段为必填项');
    const total = amount.total;
    if (!Number.isInteger(total) || total < 1 || total > 100_000_000_00) throw param('输入源"/body/amount/total"映射到值字段"总金额"规则校验失败，应为大于0的整数（单位：分）');
    const currency = amount.currency ?? 'CNY';
    if (currency !== 'CNY') throw param('amount.currency 只支持 CNY');
    let expiresAt = this.now() + 2 * 3600_000;
    const timeExpire = str(body, 'time_expire', 64, false);
    if (timeExpire !== undefined) {
      if (!RFC3339.test(timeExpire) || Number.isNaN(Date.parse(timeExpire))) throw param('time_expire 格式应为 rfc3339，如 2018-06-08T10:34:56+08:00');
      expiresAt = Date.parse(timeExpire);
      if (expiresAt <= this.now()) throw new WechatPayError(400, 'INVALID_REQUEST', '订单失效时间必须晚于当前时间');
    }
    let openid: string | undefined;
    let subOpenid: string | undefined;
    if (tradeType === 'JSAPI') {
      const payer = body.payer ?? {};
      openid = partner ? payer.sp_openid : payer.openid;
      subOpenid = partner ? payer.sub_openid : undefined;
      if (partner && subOpenid && !subAppid) throw param('传入 sub_openid 时 sub_appid 必填');
      if (typeof (openid ?? subOpenid) !== 'string' || !(openid ?? subOpenid)) {
        throw param(partner ? 'payer.sp_openid 和 payer.sub_openid 必须二选一' : '输入源"/body/payer/openid"映射到字段"用户标识"必填性规则校验失败，此字段为必填项');
      }
    }
    if (tradeType === 'MWEB') {
      const scene = body.scene_info;
      if (!scene?.payer_client_ip || !scene?.h5_info?.type) throw param('H5 下单 scene_info.payer_client_ip 与 scene_info.h5_info.type 必填');
    }
    const fingerprint = stable({ ...body, _tradeType: tradeType });
    const key = this.orderKey(mchid, subMchid, outTradeNo);
    const existing = this.orders.get(key);
    if (existing) {
      this.refresh(existing);
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') throw new WechatPayError(400, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') throw new WechatPayError(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.fingerprint !== fingerprint) throw new WechatPayError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      return existing; // the same request again: the same prepay_id
    }
    const order: SandboxOrder = {
      mchid,
      partner,
      subMchid,
      appid,
      subAppid,
      outTradeNo,
      tradeType,
      description,
      attach,
      notifyUrl,
      total,
      currency,
      openid,
      subOpenid,
      prepayId: `wx${new Date(this.now() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(10).toString('hex')}`,
      codeToken: tradeType === 'NATIVE' ? randomBytes(12).toString('base64url') : undefined,
      expiresAt,
      state: 'NOTPAY',
      refunded: 0,
      fingerprint,
    };
    this.orders.set(key, order);
    this.byPrepayId.set(order.prepayId, order);
    if (order.codeToken) this.byCodeToken.set(order.codeToken, order);
    return order;
  }

  findOrder(mchid: string, subMchid: string | undefined, outTradeNo: string): SandboxOrder {
    const order = this.orders.get(this.orderKey(mchid, subMchid, outTradeNo));
    if (!order) throw new WechatPayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return this.refresh(order);
  }

  findByTransactionId(mchid: string, subMchid: string | undefined, transactionId: string): SandboxOrder {
    const order = this.byTransactionId.get(transactionId);
    if (!order || order.mchid !== mchid || order.subMchid !== subMchid) throw new WechatPayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return this.refresh(order);
  }

  /** the order behind a payment-page token: a prepay_id (JSAPI, H5) or a code_url's `pr` (Native) */
  orderByPageToken(token: string): SandboxOrder | undefined {
    const order = this.byPrepayId.get(token) ?? this.byCodeToken.get(token);
    return order && this.refresh(order);
  }

  closeOrder(order: SandboxOrder): void {
    if (order.state === 'SUCCESS' || order.state === 'REFUND') throw new WechatPayError(400, 'ORDERPAID', '订单已支付');
    order.state = 'CLOSED';
    order.closedBy ??= 'merchant';
  }

  /** The transaction as the query API and the TRANSACTION.SUCCESS notification show it. */
  transaction(order: SandboxOrder): Record<string, unknown> {
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    const descs: Record<TradeState, string> = { NOTPAY: '订单未支付', SUCCESS: '支付成功', CLOSED: '订单已关闭', REFUND: '转入退款', PAYERROR: '支付失败' };
    const ids = order.partner
      ? { sp_appid: order.appid, sp_mchid: order.mchid, sub_mchid: order.subMchid, ...(order.subAppid ? { sub_appid: order.subAppid } : {}) }
      : { appid: order.appid, mchid: order.mchid };
    const payer = order.partner
      ? { ...(order.openid ? { sp_openid: order.openid } : {}), ...(order.subOpenid ? { sub_openid: order.subOpenid } : {}) }
      : { ...(order.openid ? { openid: order.openid } : {}) };
    return {
      ...ids,
      out_trade_no: order.outTradeNo,
      ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
      trade_type: order.tradeType,
      trade_state: order.state,
      trade_state_desc: descs[order.state],
      ...(paid ? { bank_type: 'OTHERS', success_time: order.successTime } : {}),
      attach: order.attach ?? '',
      payer,
      amount: paid ? { total: order.total, payer_total: order.total, currency: order.currency, payer_currency: order.currency } : { total: order.total, currency: order.currency },
      promotion_detail: [],
    };
  }

  /** The payer pays on the payment page (or through the test hook). */
  pay(order: SandboxOrder, payer?: { openid?: string }): void {
    this.refresh(order);
    if (order.state === 'SUCCESS' || order.state === 'REFUND') throw new WechatPayError(400, 'ORDERPAID', '该订单已支付');
    if (order.state === 'CLOSED') throw new WechatPayError(400, 'ORDER_CLOSED', order.closedBy === 'expiry' ? '订单已过期' : '订单已关闭');
    if (!order.openid && !order.subOpenid) {
      // H5 and Native: the payer is whoever confirms on the page (sp_openid in partner mode)
      order.openid = payer?.openid ?? `o${randomBytes(20).toString('base64url').slice(0, 27)}`;
    }
    order.state = 'SUCCESS';
    order.successTime = beijingTime(this.now());
    order.transactionId = `4200${digits(6)}${new Date(this.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')}${digits(10)}`;
    this.byTransactionId.set(order.transactionId, order);
    this.notify(order.mchid, order.notifyUrl, 'TRANSACTION.SUCCESS', '支付成功', 'transaction', this.transaction(order), order.outTradeNo);
  }

  /** The payer cancels on the payment page: the order stays NOTPAY (WeChat does not close it). */
  cancel(order: SandboxOrder): void {
    this.refresh(order);
  }

  // --- refunds

  createRefund(merchant: WechatPayMerchant, body: Record<string, any>): SandboxRefund {
    const subMchid = str(body, 'sub_mchid', 32, false);
    if (subMchid && !merchant.subMchids?.includes(subMchid)) throw new WechatPayError(400, 'INVALID_REQUEST', '特约商户号与服务商不存在受理关系');
    if (!subMchid && merchant.subMchids) throw param('服务商退款 sub_mchid 必填');
    const outRefundNo = str(body, 'out_refund_no', 64)!;
    const transactionId = str(body, 'transaction_id', 32, false);
    const outTradeNo = str(body, 'out_trade_no', 32, false);
    if (!transactionId && !outTradeNo) throw param('transaction_id 和 out_trade_no 必须二选一');
    const amount = body.amount;
    if (!amount || !Number.isInteger(amount.refund) || amount.refund < 1 || !Number.isInteger(amount.total) || amount.total < 1) {
      throw param('amount.refund 与 amount.total 必填，应为大于0的整数（单位：分）');
    }
    if ((amount.currency ?? 'CNY') !== 'CNY') throw param('amount.currency 只支持 CNY');
    const notifyUrl = str(body, 'notify_url', 256, false);
    let order: SandboxOrder;
    try {
      order = transactionId ? this.findByTransactionId(merchant.mchid, subMchid, transactionId) : this.findOrder(merchant.mchid, subMchid, outTradeNo!);
    } catch {
      throw new WechatPayError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    }
    const key = `${merchant.mchid}|${subMchid ?? ''}|${outRefundNo}`;
    const existing = this.refunds.get(key);
    if (existing) {
      if (existing.order !== order || existing.refund !== amount.refund) throw new WechatPayError(400, 'INVALID_REQUEST', '商户退款单号重复，且与原退款请求参数不一致');
      return existing;
    }
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') throw new WechatPayError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    if (amount.total !== order.total) throw param('amount.total 与原订单金额不一致');
    if (amount.refund > order.total - order.refunded) throw new WechatPayError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: SandboxRefund = {
      refundId: `50${digits(6)}${new Date(this.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')}${digits(12)}`,
      outRefundNo,
      order,
      reason: str(body, 'reason', 80, false),
      notifyUrl,
      refund: amount.refund,
      status: 'PROCESSING',
      createTime: beijingTime(this.now()),
    };
    order.refunded += refund.refund;
    order.state = 'REFUND';
    this.refunds.set(key, refund);
    const settle = this.options.refundSettleMs === undefined ? 0 : this.options.refundSettleMs;
    if (settle !== null) this.later(settle, () => this.settleRefund(refund, this.nextRefundOutcome ?? 'SUCCESS'));
    return refund;
  }

  findRefund(mchid: string, subMchid: string | undefined, outRefundNo: string): SandboxRefund {
    const refund = this.refunds.get(`${mchid}|${subMchid ?? ''}|${outRefundNo}`);
    if (!refund) throw new WechatPayError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refund;
  }

  refundByOutRefundNo(outRefundNo: string): SandboxRefund | undefined {
    return [...this.refunds.values()].find((r) => r.outRefundNo === outRefundNo);
  }

  /** Ends a PROCESSING refund (auto after refundSettleMs, or by the test hook) and notifies. */
  settleRefund(refund: SandboxRefund, status: Exclude<RefundStatus, 'PROCESSING'>): void {
    if (refund.status !== 'PROCESSING') return;
    refund.status = status;
    if (status === 'SUCCESS') refund.successTime = beijingTime(this.now());
    else refund.order.refunded -= refund.refund; // the money did not leave: it can be refunded again (e.g. offline)
    if (!refund.notifyUrl) return;
    const summary = status === 'SUCCESS' ? '退款成功' : status === 'ABNORMAL' ? '退款异常' : '退款关闭';
    const o = refund.order;
    const resource = {
      ...(o.partner ? { sp_mchid: o.mchid, sub_mchid: o.subMchid } : { mchid: o.mchid }),
      out_trade_no: o.outTradeNo,
      transaction_id: o.transactionId,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_status: status,
      ...(refund.successTime ? { success_time: refund.successTime } : {}),
      user_received_account: '支付用户零钱',
      amount: { total: o.total, refund: refund.refund, payer_total: o.total, payer_refund: refund.refund },
    };
    this.notify(o.mchid, refund.notifyUrl, `REFUND.${status}`, summary, 'refund', resource, o.outTradeNo, refund.outRefundNo);
  }

  /** The refund as the create and query APIs answer it. */
  refundView(r: SandboxRefund): Record<string, unknown> {
    return {
      refund_id: r.refundId,
      out_refund_no: r.outRefundNo,
      transaction_id: r.order.transactionId,
      out_trade_no: r.order.outTradeNo,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(r.successTime ? { success_time: r.successTime } : {}),
      create_time: r.createTime,
      status: r.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: r.order.total,
        refund: r.refund,
        from: [],
        payer_total: r.order.total,
        payer_refund: r.refund,
        settlement_refund: r.refund,
        settlement_total: r.order.total,
        discount_refund: 0,
        currency: r.order.currency,
        refund_fee: 0,
      },
      promotion_detail: [],
    };
  }

  // --- notifications

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  private notify(
    mchid: string,
    notifyUrl: string,
    eventType: SandboxNotification['eventType'],
    summary: string,
    originalType: 'transaction' | 'refund',
    resource: Record<string, unknown>,
    outTradeNo: string,
    outRefundNo?: string,
  ): SandboxNotification {
    const merchant = this.merchants.get(mchid)!;
    const encrypted = encryptResource(merchant.apiV3Key, JSON.stringify(resource), originalType);
    const id = [8, 4, 4, 4, 12].map((n) => randomBytes(n).toString('hex').slice(0, n)).join('-');
    const body = JSON.stringify({
      id,
      create_time: beijingTime(this.now()),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: { original_type: originalType, ...encrypted },
    });
    const n: SandboxNotification = { id, eventType, mchid, notifyUrl, outTradeNo, outRefundNo, body, resource, attempts: [], delivered: false, pending: true };
    this.notifications.push(n);
    void this.deliver(n, 0);
    return n;
  }

  /** One attempt; on failure schedules the next per NOTIFY_RETRY_SECONDS × notifyTimeScale. */
  private async deliver(n: SandboxNotification, retry: number | null): Promise<void> {
    const ok = await this.attempt(n);
    if (ok) {
      n.delivered = true;
      n.pending = false;
      return;
    }
    if (retry === null) return; // a manual resend does not touch the schedule
    if (retry >= NOTIFY_RETRY_SECONDS.length || n.delivered) {
      n.pending = false;
      return;
    }
    this.later(NOTIFY_RETRY_SECONDS[retry] * 1000 * (this.options.notifyTimeScale ?? 1), () => {
      if (!n.delivered) void this.deliver(n, retry + 1);
    });
  }

  /** POSTs the notification with fresh signed headers; success is HTTP 200 or 204, as WeChat requires. */
  private async attempt(n: SandboxNotification): Promise<boolean> {
    const at = new Date(this.now()).toISOString();
    try {
      const res = await fetch(n.notifyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Mozilla/4.0', ...this.signedHeaders(n.mchid, n.body) },
        body: n.body,
        signal: AbortSignal.timeout(this.options.notifyTimeoutMs ?? 5000),
      });
      await res.arrayBuffer().catch(() => undefined);
      n.attempts.push({ at, status: res.status });
      return res.status === 200 || res.status === 204;
    } catch (e) {
      n.attempts.push({ at, status: 0, error: (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message });
      return false;
    }
  }

  /** Sends a notification again (WeChat sends duplicates): same body, fresh signature. */
  async resend(id: string): Promise<SandboxNotification | undefined> {
    const n = this.notifications.find((x) => x.id === id);
    if (!n) return undefined;
    if (await this.attempt(n)) n.delivered = true;
    return n;
  }

  notificationsFor(filter: { outTradeNo?: string; outRefundNo?: string } = {}): SandboxNotification[] {
    return this.notifications.filter((n) => (!filter.outTradeNo || n.outTradeNo === filter.outTradeNo) && (!filter.outRefundNo || n.outRefundNo === filter.outRefundNo));
  }

  /** Forgets orders, refunds and notifications and cancels pending retries; keys stay. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.orders.clear();
    this.byPrepayId.clear();
    this.byCodeToken.clear();
    this.byTransactionId.clear();
    this.refunds.clear();
    this.notifications = [];
    this.nextRefundOutcome = null;
  }
}
