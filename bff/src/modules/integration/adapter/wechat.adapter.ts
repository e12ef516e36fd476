import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { UpstreamError } from '../../../common/error/domain.error';
import {
  WechatPort,
  type SubscribeMessage,
  type SubscribeSendResult,
  type WechatAppRole,
  type WechatPhoneNumber,
  type WechatSession,
  type WechatWebIdentity,
} from '../port/wechat.port';

export interface WechatConfig {
  /** https://api.weixin.qq.com in production; the sandbox elsewhere */
  baseUrl: string;
  apps: Record<WechatAppRole, { appid: string; secret: string }>;
  /** https://open.weixin.qq.com in production (web authorisation); the sandbox elsewhere */
  openBaseUrl?: string;
  /** per request; 10 s when not set */
  timeoutMs?: number;
}

const UPSTREAM = 'wechat';
/** take a new token this long before WeChat's expiry, so no call goes out with a dying one */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** access_token invalid (e.g. replaced by a forced refresh elsewhere) or expired */
const STALE_TOKEN = new Set([40001, 42001]);
const NO_SUBSCRIPTION_LEFT = 43101;

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

/**
 * WeChat server APIs over HTTPS. Access tokens come from `cgi-bin/stable_token` (normal mode, so
 * several bff processes share one token instead of invalidating each other's) and are cached per
 * app until shortly before they expire.
 */
@Provide('wechatPort')
@Scope(ScopeEnum.Singleton)
export class WechatAdapter extends WechatPort {
  @Config('wechat') config: WechatConfig;

  private tokens = new Map<WechatAppRole, { token: string; renewAt: number }>();
  private pending = new Map<WechatAppRole, Promise<string>>();

  appidOf(app: WechatAppRole): string {
    return this.app(app).appid;
  }

  async code2Session(app: WechatAppRole, code: string): Promise<WechatSession> {
    const { appid, secret } = this.app(app);
    const query = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
    const reply = await this.call('jscode2session', `/sns/jscode2session?${query}`);
    this.refuseOnError('jscode2session', reply);
    if (typeof reply.openid !== 'string' || typeof reply.session_key !== 'string') {
      throw new UpstreamError(UPSTREAM, 'jscode2session: reply without openid');
    }
    return {
      appid,
      openid: reply.openid,
      unionid: typeof reply.unionid === 'string' ? reply.unionid : null,
      sessionKey: reply.session_key,
    };
  }

  async webAuthOpenid(code: string): Promise<WechatWebIdentity> {
    const { appid, secret } = this.app('official');
    const query = new URLSearchParams({ appid, secret, code, grant_type: 'authorization_code' });
    const reply = await this.call('oauth2/access_token', `/sns/oauth2/access_token?${query}`);
    this.refuseOnError('oauth2/access_token', reply);
    if (typeof reply.openid !== 'string' || !reply.openid) {
      throw new UpstreamError(UPSTREAM, 'oauth2/access_token: reply without openid');
    }
    return { appid, openid: reply.openid, unionid: typeof reply.unionid === 'string' ? reply.unionid : null };
  }

  webAuthorizeUrl(redirectUri: string, state: string): string {
    const query = new URLSearchParams({
      appid: this.appidOf('official'),
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
    });
    // WeChat wants the parameters in this order and the #wechat_redirect fragment
    const base = (this.config.openBaseUrl ?? 'https://open.weixin.qq.com').replace(/\/+$/, '');
    return `${base}/connect/oauth2/authorize?${query}#wechat_redirect`;
  }

  async getPhoneNumber(app: WechatAppRole, code: string): Promise<WechatPhoneNumber> {
    const reply = await this.withToken(app, 'getuserphonenumber', (token) =>
      this.call(
        'getuserphonenumber',
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        { code },
      ),
    );
    this.refuseOnError('getuserphonenumber', reply);
    const info = reply.phone_info as Partial<WechatPhoneNumber> | undefined;
    if (!info || typeof info.purePhoneNumber !== 'string') {
      throw new UpstreamError(UPSTREAM, 'getuserphonenumber: reply without phone_info');
    }
    return {
      phoneNumber: String(info.phoneNumber ?? info.purePhoneNumber),
      purePhoneNumber: info.purePhoneNumber,
      countryCode: String(info.countryCode ?? '86'),
    };
  }

  async sendSubscribeMessage(app: WechatAppRole, message: SubscribeMessage): Promise<SubscribeSendResult> {
    const body = {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      lang: 'zh_CN',
    };
    const reply = await this.withToken(app, 'subscribe/send', (token) =>
      this.call(
        'subscribe/send',
        `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
        body,
      ),
    );
    if (reply.errcode === NO_SUBSCRIPTION_LEFT) {
      return { delivered: false, errcode: reply.errcode, errmsg: reply.errmsg ?? '' };
    }
    this.refuseOnError('subscribe/send', reply);
    return { delivered: true, msgid: reply.msgid === undefined || reply.msgid === null ? null : String(reply.msgid) };
  }

  // ---- plumbing -----------------------------------------------------------------------------

  private app(app: WechatAppRole): { appid: string; secret: string } {
    const configured = this.config?.apps?.[app];
    if (!configured?.appid || !configured.secret) {
      throw new UpstreamError(UPSTREAM, `app "${app}" is not configured (appid and secret)`);
    }
    return configured;
  }

  /** Runs `call` with the app's token; on 40001/42001 takes a fresh token and tries once more. */
  private async withToken(
    app: WechatAppRole,
    api: string,
    call: (token: string) => Promise<WechatReply>,
  ): Promise<WechatReply> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(app);
      const reply = await call(token);
      if (!STALE_TOKEN.has(reply.errcode ?? 0)) return reply;
      // forget it only if no one has replaced it meanwhile
      if (this.tokens.get(app)?.token === token) this.tokens.delete(app);
      if (attempt >= 1) this.refuseOnError(api, reply);
    }
  }

  private accessToken(app: WechatAppRole): Promise<string> {
    const cached = this.tokens.get(app);
    if (cached && cached.renewAt > Date.now()) return Promise.resolve(cached.token);
    // one request per app at a time; concurrent callers share it
    let pending = this.pending.get(app);
    if (!pending) {
      pending = this.fetchToken(app).finally(() => this.pending.delete(app));
      this.pending.set(app, pending);
    }
    return pending;
  }

  private async fetchToken(app: WechatAppRole): Promise<string> {
    const { appid, secret } = this.app(app);
    const reply = await this.call('stable_token', '/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid,
      secret,
      force_refresh: false,
    });
    this.refuseOnError('stable_token', reply);
    if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
      throw new UpstreamError(UPSTREAM, 'stable_token: reply without access_token');
    }
    const lifetime = reply.expires_in * 1000;
    this.tokens.set(app, {
      token: reply.access_token,
      renewAt: Date.now() + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 2),
    });
    return reply.access_token;
  }

  /** WeChat answers errors with HTTP 200 and a non-zero errcode; both kinds become UpstreamError. */
  private refuseOnError(api: string, reply: WechatReply): void {
    if (reply.errcode)
      throw new UpstreamError(
        UPSTREAM,
        `${api}: ${reply.errcode} ${reply.errmsg ?? ''}`.trim(),
        reply.errcode,
      );
  }

  /**
   * One HTTP exchange. The path may carry the app secret or a token, so it never goes into an
   * error message; only the API name does.
   */
  private async call(api: string, path: string, json?: unknown): Promise<WechatReply> {
    let res: Response;
    try {
      res = await fetch(this.config.baseUrl.replace(/\/+$/, '') + path, {
        method: json === undefined ? 'GET' : 'POST',
        headers: json === undefined ? undefined : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
      });
    } catch (e) {
      throw new UpstreamError(UPSTREAM, `${api}: request failed (${(e as Error).name})`);
    }
    if (!res.ok) throw new UpstreamError(UPSTREAM, `${api}: HTTP ${res.status}`, res.status);
    try {
      const reply = await res.json();
      if (reply && typeof reply === 'object') return reply as WechatReply;
    } catch {
      // answered below
    }
    throw new UpstreamError(UPSTREAM, `${api}: reply is not JSON`);
  }
}
