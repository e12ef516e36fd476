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

/** The WeChat user behind an official-account web-authorisation code. */
export interface WechatWebIdentity {
  /** the official account's AppID: identities are keyed by (appid, openid) */
  appid: string;
  openid: string;
  unionid: string | null;
}

export type SubscribeSendResult =
  /** msgid: WeChat's ID of the message sent, kept with the delivery record */
  | { delivered: true; msgid: string | null }
  /** 43101: the user has no accepted subscription left for this template — fall back to SMS */
  | { delivered: false; errcode: number; errmsg: string };

export abstract class WechatPort {
  /** `sns/jscode2session`: exchanges a wx.login code for the user's openid (and unionid). */
  abstract code2Session(app: WechatAppRole, code: string): Promise<WechatSession>;
  /** `wxa/business/getuserphonenumber`: the phone number behind a getPhoneNumber button code. */
  abstract getPhoneNumber(app: WechatAppRole, code: string): Promise<WechatPhoneNumber>;
  /** `cgi-bin/message/subscribe/send` */
  abstract sendSubscribeMessage(app: WechatAppRole, message: SubscribeMessage): Promise<SubscribeSendResult>;
  /**
   * `sns/oauth2/access_token`: exchanges the code that the official account's web authorisation
   * (`snsapi_base`) hands to the H5 page for the payer's openid under the official account.
   * Only the openid is kept: the user access token it also yields is never used or stored.
   */
  abstract webAuthOpenid(code: string): Promise<WechatWebIdentity>;
  /**
   * The official account's silent web-authorisation link (`connect/oauth2/authorize`, `snsapi_base`):
   * WeChat's browser opens it and comes back to `redirectUri` with `code` and `state` in the query.
   */
  abstract webAuthorizeUrl(redirectUri: string, state: string): string;
  /** The AppID configured for an app role. */
  abstract appidOf(app: WechatAppRole): string;
}
