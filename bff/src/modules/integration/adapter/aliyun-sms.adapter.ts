import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHmac, randomUUID } from 'crypto';
import { DomainError, UpstreamError } from '../../../common/error/domain.error';
import { SmsPort, type SmsSendReceipt, type SmsTemplate } from '../port/sms.port';

export interface SmsConfig {
  /** https://dysmsapi.aliyuncs.com in production; the sandbox elsewhere */
  baseUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** our template names → the TemplateCode approved in the Aliyun console */
  templates: Record<SmsTemplate, string>;
  /** per request; 10 s when not set */
  timeoutMs?: number;
}

const UPSTREAM = 'aliyun-sms';

/** Aliyun's percent-encoding: RFC 3986 (space %20, `*` %2A, `!'()` encoded, `~` kept). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%7E/g, '~');
}

/**
 * Aliyun RPC signature V1: HMAC-SHA1 with key `secret&` over
 * `METHOD&%2F&encode(sorted encode(k)=encode(v) joined by &)`, base64. Signature itself is left out.
 */
export function signRpcV1(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k])}`)
    .join('&');
  const stringToSign = `${method.toUpperCase()}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Aliyun wants `YYYY-MM-DDThh:mm:ssZ` in UTC. */
const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Dysmsapi (2017-05-25) SendSms over the RPC protocol, signed with V1. */
@Provide('smsPort')
@Scope(ScopeEnum.Singleton)
export class AliyunSmsAdapter extends SmsPort {
  @Config('sms') config: SmsConfig;

  async send(phone: string, template: SmsTemplate, params: Record<string, string>): Promise<SmsSendReceipt> {
    const { accessKeyId, accessKeySecret, signName, templates } = this.config;
    if (!accessKeyId || !accessKeySecret || !templates?.[template]) {
      throw new UpstreamError(UPSTREAM, `not configured (access key, template "${template}")`);
    }
    const request: Record<string, string> = {
      AccessKeyId: accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: templates[template],
      TemplateParam: JSON.stringify(params),
      Timestamp: timestamp(new Date()),
      Version: '2017-05-25',
    };
    request.Signature = signRpcV1('POST', request, accessKeySecret);
    const body = Object.entries(request)
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');

    let res: Response;
    try {
      res = await fetch(this.config.baseUrl.replace(/\/+$/, '') + '/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `SendSms request failed (${(e as Error).name})`);
    }
    let reply: { Code?: string; Message?: string; BizId?: string; RequestId?: string };
    try {
      reply = (await res.json()) as typeof reply;
    } catch {
      throw new UpstreamError(UPSTREAM, `SendSms: HTTP ${res.status}, reply is not JSON`, res.status);
    }
    if (reply.Code === 'OK' && reply.BizId) return { bizId: reply.BizId, requestId: reply.RequestId ?? '' };
    // Aliyun's own flow control (per number and template): the user asked too often
    if (reply.Code === 'isv.BUSINESS_LIMIT_CONTROL') {
      throw new DomainError('RATE_LIMITED', '短信发送太频繁，请稍后再试', {
        detail: { upstream: UPSTREAM, upstreamCode: reply.Code },
      });
    }
    // SignatureDoesNotMatch echoes the string to sign, phone number included: keep it out of logs
    const message = (reply.Message ?? '').split('server string to sign')[0].trim();
    throw new UpstreamError(
      UPSTREAM,
      `SendSms refused: ${reply.Code ?? `HTTP ${res.status}`} ${message}`.trim(),
      reply.Code ?? res.status,
    );
  }
}
