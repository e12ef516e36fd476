import { randomInt, randomUUID, timingSafeEqual } from 'crypto';
import type { Clock } from '../common/http';
import { rpcSignature, stringToSign } from './rpc-signature';

export interface SmsSandboxOptions {
  accessKeys: Array<{ accessKeyId: string; accessKeySecret: string }>;
  /** approved signature name(s) */
  signName: string | string[];
  /** approved template codes; omitted: any code that looks like Aliyun's (`SMS_…`) */
  templates?: string[];
  /**
   * Aliyun's default flow control per number, signature and template: 1 a minute, 5 an hour,
   * 10 a day. The minute limit is the one the brief requires; the others are Aliyun's defaults too.
   */
  flowControl?: { perMinute?: number; perHour?: number; perDay?: number };
  /** how far Timestamp may be from the server's clock: 15 minutes */
  maxClockSkewSeconds?: number;
  now?: Clock;
}

/** One delivered message, named like Aliyun's own fields. */
export interface SentSms {
  BizId: string;
  RequestId: string;
  /** the 11-digit mainland number (PhoneNumbers may have carried +86/0086) */
  PhoneNumber: string;
  SignName: string;
  TemplateCode: string;
  /** TemplateParam, parsed */
  TemplateParam: Record<string, string>;
  OutId?: string;
  AccessKeyId: string;
  /** ISO 8601, UTC */
  SendDate: string;
}

/** An answer that is not OK: HTTP status, Aliyun's code and message. */
export class AliyunError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const COMMON = [
  'AccessKeyId',
  'Action',
  'Version',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Signature',
];
const MAINLAND = /^(?:\+?86|0086)?(1\d{10})$/;

/** Dysmsapi's state: keys, seen nonces, flow-control counters and the messages "delivered". */
export class SmsState {
  private readonly keys: Map<string, string>;
  private readonly signNames: string[];
  private readonly templates?: string[];
  private readonly limits: { perMinute: number; perHour: number; perDay: number };
  private readonly skewMs: number;
  private readonly now: Clock;
  /** nonce → when it was seen; pruned after twice the allowed clock skew */
  private nonces = new Map<string, number>();
  private sent: SentSms[] = [];

  constructor(options: SmsSandboxOptions) {
    this.keys = new Map(options.accessKeys.map((k) => [k.accessKeyId, k.accessKeySecret]));
    this.signNames = Array.isArray(options.signName) ? options.signName : [options.signName];
    this.templates = options.templates;
    this.limits = { perMinute: 1, perHour: 5, perDay: 10, ...options.flowControl };
    this.skewMs = (options.maxClockSkewSeconds ?? 900) * 1000;
    this.now = options.now ?? Date.now;
  }

  reset(): void {
    this.nonces.clear();
    this.sent = [];
  }

  /** Messages, newest first; for one number when `phone` is given (with or without +86). */
  messages(phone?: string): SentSms[] {
    const wanted = phone ? (MAINLAND.exec(phone)?.[1] ?? phone) : undefined;
    return this.sent.filter((m) => !wanted || m.PhoneNumber === wanted).reverse();
  }

  /**
   * Authenticates an RPC request the way Aliyun's gateway does: common parameters, access key,
   * timestamp window, signature, then the nonce (consumed only by a correctly signed request).
   */
  authenticate(method: string, params: Record<string, string>): string {
    for (const name of COMMON) {
      if (!params[name]) {
        if (name === 'Signature')
          throw new AliyunError(400, 'MissingSignature', 'Signature is mandatory for this action.');
        throw new AliyunError(400, `Missing${name}`, `${name} is mandatory for this action.`);
      }
    }
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
      throw new AliyunError(
        400,
        'IncompleteSignature',
        'The request signature does not conform to Aliyun standards.',
      );
    }
    const secret = this.keys.get(params.AccessKeyId);
    if (secret === undefined)
      throw new AliyunError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

    if (
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(params.Timestamp) ||
      Number.isNaN(Date.parse(params.Timestamp))
    ) {
      throw new AliyunError(
        400,
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted.',
      );
    }
    const now = this.now();
    if (Math.abs(Date.parse(params.Timestamp) - now) > this.skewMs) {
      throw new AliyunError(
        400,
        'InvalidTimeStamp.Expired',
        'Specified time stamp or date value is expired.',
      );
    }

    const expected = Buffer.from(rpcSignature(method, params, secret));
    const given = Buffer.from(params.Signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new AliyunError(
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(method, params)}`,
      );
    }

    for (const [nonce, seen] of this.nonces) {
      if (seen < now - 2 * this.skewMs) this.nonces.delete(nonce);
    }
    const nonceKey = `${params.AccessKeyId}|${params.SignatureNonce}`;
    if (this.nonces.has(nonceKey))
      throw new AliyunError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.nonces.set(nonceKey, now);
    return params.AccessKeyId;
  }

  /** `Action=SendSms`, after authentication. Business refusals are HTTP 200 with an `isv.*` code. */
  sendSms(accessKeyId: string, params: Record<string, string>, requestId: string): { BizId: string } {
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params[name])
        throw new AliyunError(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }
    const numbers = params.PhoneNumbers.split(',').map((n) => n.trim());
    if (numbers.length > 1000)
      throw new AliyunError(200, 'isv.MOBILE_COUNT_OVER_LIMIT', '手机号码数量超过限制');
    const phones = numbers.map((n) => {
      const m = MAINLAND.exec(n);
      if (!m) throw new AliyunError(200, 'isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      return m[1];
    });
    if (!this.signNames.includes(params.SignName)) {
      throw new AliyunError(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    }
    const known = this.templates
      ? this.templates.includes(params.TemplateCode)
      : /^SMS_\w+$/.test(params.TemplateCode);
    if (!known) throw new AliyunError(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParam: Record<string, string> = {};
    if (params.TemplateParam) {
      try {
        templateParam = JSON.parse(params.TemplateParam);
      } catch {
        throw new AliyunError(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
      if (
        !templateParam ||
        typeof templateParam !== 'object' ||
        Array.isArray(templateParam) ||
        Object.values(templateParam).some((v) => typeof v !== 'string')
      ) {
        throw new AliyunError(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
      }
    }

    const now = this.now();
    for (const phone of phones) {
      const earlier = this.sent.filter(
        (m) =>
          m.PhoneNumber === phone && m.SignName === params.SignName && m.TemplateCode === params.TemplateCode,
      );
      const within = (ms: number) => earlier.filter((m) => Date.parse(m.SendDate) > now - ms).length;
      if (within(60_000) >= this.limits.perMinute) {
        throw new AliyunError(
          200,
          'isv.BUSINESS_LIMIT_CONTROL',
          `触发分钟级流控Permits:${this.limits.perMinute}`,
        );
      }
      if (within(3_600_000) >= this.limits.perHour) {
        throw new AliyunError(
          200,
          'isv.BUSINESS_LIMIT_CONTROL',
          `触发小时级流控Permits:${this.limits.perHour}`,
        );
      }
      if (within(86_400_000) >= this.limits.perDay) {
        throw new AliyunError(200, 'isv.BUSINESS_LIMIT_CONTROL', `触发天级流控Permits:${this.limits.perDay}`);
      }
    }

    const bizId = `${randomInt(100000, 999999)}${String(now).slice(-10)}^0`;
    for (const phone of phones) {
      this.sent.push({
        BizId: bizId,
        RequestId: requestId,
        PhoneNumber: phone,
        SignName: params.SignName,
        TemplateCode: params.TemplateCode,
        TemplateParam: templateParam,
        OutId: params.OutId || undefined,
        AccessKeyId: accessKeyId,
        SendDate: new Date(now).toISOString(),
      });
    }
    return { BizId: bizId };
  }

  static requestId(): string {
    return randomUUID().toUpperCase();
  }
}
