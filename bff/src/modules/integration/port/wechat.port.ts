/**
 * WeChat server APIs the platform uses (mini-program sign-in, phone number, subscribe messages,
 * official-account web authorisation). Shaped by our domain; the adapter speaks WeChat's protocol.
 * Apps are named by role ('passenger' | 'driver' | 'official'), never by raw appid, so business code
 * does not care which AppID an environment uses.
 */
export type WechatAppRole = 'passenger' | 'driver' | 'official';

export interface WechatSession {
  appid: string;
  openid: string;
  unionid: string | null;
  /** never stored or logged; kept only to decrypt data the client sends in the same request */
  sessionKey: string;
}

export interface WechatPhoneNumber {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export type SubscribeSendResult =
  | { delivered: true }
  /** 43101: the user has no accepted subscription left for this template — fall back to SMS */
  | { delivered: false; errcode: number; errmsg: string };

export abstract class WechatPort {
  /** `sns/jscode2session`: exchanges a wx.login code for the user's openid (and unionid). */
  abstract code2Session(app: WechatAppRole, code: string): Promise<WechatSession>;
  /** `wxa/business/getuserphonenumber`: the phone number behind a getPhoneNumber button code. */
  abstract getPhoneNumber(app: WechatAppRole, code: string): Promise<WechatPhoneNumber>;
  /** `cgi-bin/message/subscribe/send` */
  abstract sendSubscribeMessage(app: WechatAppRole, message: SubscribeMessage): Promise<SubscribeSendResult>;
  /** The AppID configured for an app role. */
  abstract appidOf(app: WechatAppRole): string;
}
