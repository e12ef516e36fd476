import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'crypto';
import { ControlError, type Clock } from '../common/http';

export interface WechatSandboxApp {
  appid: string;
  secret: string;
  /**
   * Subscribe-message template IDs the app has picked in the WeChat console; others get 40037.
   * Omitted: any template ID is accepted.
   */
  templates?: string[];
  /**
   * Official accounts: the 网页授权域名 (hosts, with the port when not 80/443) web authorisation may
   * redirect to; others get WeChat's error page (10003). Omitted: any http(s) address is accepted.
   */
  webAuthDomains?: string[];
}

export interface WechatSandboxOptions {
  apps: WechatSandboxApp[];
  /** openids and unionids are derived from it, so they are stable across restarts (as WeChat's are) */
  seed?: string;
  now?: Clock;
  /** wx.login and getPhoneNumber codes live 5 minutes */
  codeTtlSeconds?: number;
  /** access tokens live 7200 s */
  tokenTtlSeconds?: number;
}

/** A WeChat API error: HTTP 200 with `{ errcode, errmsg }`, as WeChat answers. */
export class WechatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

interface Code {
  kind: 'login' | 'phone' | 'web';
  appid: string;
  user: string;
  phoneNumber?: string;
  /** web authorisation: snsapi_base or snsapi_userinfo */
  scope?: WebAuthScope;
  expiresAt: number;
  used: boolean;
}

interface Token {
  appid: string;
  expiresAt: number;
  /** replaced by a forced refresh: WeChat answers 40001 for it from then on */
  replaced: boolean;
}

export interface SentSubscribeMessage {
  msgid: number;
  appid: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
  /** ISO 8601 */
  sentAt: string;
}

export type WebAuthScope = 'snsapi_base' | 'snsapi_userinfo';
export const WEB_AUTH_SCOPES: readonly WebAuthScope[] = ['snsapi_base', 'snsapi_userinfo'];

/** The query of an authorisation link (`connect/oauth2/authorize`). */
export interface AuthorizeLink {
  appid?: string;
  redirect_uri?: string;
  response_type?: string;
  scope?: string;
  state?: string;
}

/** What `sns/oauth2/access_token` answers for a web-authorisation code. */
export interface WebAuthToken {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: WebAuthScope;
  unionid: string;
}

/** A refusal on WeChat's authorisation page (HTML, not JSON): the browser shows the errcode. */
export class WebAuthPageError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

export interface Session {
  openid: string;
  unionid: string;
  session_key: string;
}

/**
 * What WeChat's servers know: apps, simulated users, one-time codes, access tokens, accepted
 * subscriptions and the messages sent. Shared by the HTTP routes and the in-process test helpers.
 */
export class WechatState {
  private readonly apps = new Map<string, WechatSandboxApp>();
  private readonly seed: string;
  private readonly now: Clock;
  private readonly codeTtlMs: number;
  private readonly tokenTtlMs: number;
  private codes = new Map<string, Code>();
  private tokens = new Map<string, Token>();
  /** appid → the token stable_token hands out while it is valid */
  private currentToken = new Map<string, string>();
  /** `${appid}|${openid}` → simulated user */
  private openids = new Map<string, string>();
  /** `${appid}|${openid}|${templateId}` → sends left */
  private subscriptions = new Map<string, number>();
  private sent: SentSubscribeMessage[] = [];
  private nextMsgid = 1;

  constructor(options: WechatSandboxOptions) {
    for (const app of options.apps) {
      if (!app.appid || !app.secret) throw new Error('wechat sandbox: every app needs an appid and a secret');
      this.apps.set(app.appid, app);
    }
    this.seed = options.seed ?? 'dzky-sandbox';
    this.now = options.now ?? Date.now;
    this.codeTtlMs = (options.codeTtlSeconds ?? 300) * 1000;
    this.tokenTtlMs = (options.tokenTtlSeconds ?? 7200) * 1000;
  }

  reset(): void {
    this.codes.clear();
    this.tokens.clear();
    this.currentToken.clear();
    this.openids.clear();
    this.subscriptions.clear();
    this.sent = [];
  }

  // ---- identities ---------------------------------------------------------------------------

  /** Stable per (appid, user), 28 characters starting with "o" like WeChat's. */
  openidOf(appid: string, user: string): string {
    const openid = this.derive(`openid|${appid}|${user}`);
    this.openids.set(`${appid}|${openid}`, user);
    return openid;
  }

  /** The same for every app of one user (apps bound to one open-platform account). */
  unionidOf(user: string): string {
    return this.derive(`unionid|${user}`);
  }

  private derive(what: string): string {
    return 'o' + createHmac('sha256', this.seed).update(what).digest('base64url').slice(0, 27);
  }

  private app(appid: string): WechatSandboxApp {
    const app = this.apps.get(appid);
    if (!app) throw new ControlError(`unknown appid ${appid}`);
    return app;
  }

  // ---- what the phone does (test control) ---------------------------------------------------

  /** wx.login() on the phone of `user` in app `appid`. */
  mintLoginCode(appid: string, user: string): { code: string; openid: string; unionid: string } {
    this.app(appid);
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { kind: 'login', appid, user, expiresAt: this.now() + this.codeTtlMs, used: false });
    return { code, openid: this.openidOf(appid, user), unionid: this.unionidOf(user) };
  }

  /** The user taps a getPhoneNumber button and allows it. */
  mintPhoneCode(appid: string, user: string, phoneNumber: string): { code: string } {
    this.app(appid);
    if (!/^1\d{10}$/.test(phoneNumber))
      throw new ControlError('phoneNumber must be a mainland mobile number (11 digits)');
    const code = randomBytes(32).toString('hex');
    this.codes.set(code, {
      kind: 'phone',
      appid,
      user,
      phoneNumber,
      expiresAt: this.now() + this.codeTtlMs,
      used: false,
    });
    this.openidOf(appid, user);
    return { code };
  }

  /**
   * The user opens an official account's authorisation link in WeChat and is let through (silently
   * for snsapi_base, after tapping 允许 for snsapi_userinfo): a code for `sns/oauth2/access_token`.
   */
  mintWebAuthCode(
    appid: string,
    user: string,
    scope: WebAuthScope = 'snsapi_base',
  ): { code: string; openid: string; unionid: string } {
    this.app(appid);
    if (!WEB_AUTH_SCOPES.includes(scope)) throw new ControlError(`scope must be one of ${WEB_AUTH_SCOPES.join(', ')}`);
    return this.webCode(appid, user, scope);
  }

  private webCode(appid: string, user: string, scope: WebAuthScope) {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { kind: 'web', appid, user, scope, expiresAt: this.now() + this.codeTtlMs, used: false });
    return { code, openid: this.openidOf(appid, user), unionid: this.unionidOf(user) };
  }

  /** wx.requestSubscribeMessage(): the user accepts `count` sends of a template. */
  subscribe(appid: string, openid: string, templateId: string, count = 1): { remaining: number } {
    const app = this.app(appid);
    if (!this.openids.has(`${appid}|${openid}`))
      throw new ControlError(`openid ${openid} has not used app ${appid}`);
    if (app.templates && !app.templates.includes(templateId)) {
      throw new ControlError(`template ${templateId} is not one of app ${appid}'s templates`);
    }
    if (!Number.isInteger(count) || count < 1) throw new ControlError('count must be a positive integer');
    const key = `${appid}|${openid}|${templateId}`;
    const remaining = (this.subscriptions.get(key) ?? 0) + count;
    this.subscriptions.set(key, remaining);
    return { remaining };
  }

  subscriptionsOf(openid: string): Array<{ appid: string; templateId: string; remaining: number }> {
    const out: Array<{ appid: string; templateId: string; remaining: number }> = [];
    for (const [key, remaining] of this.subscriptions) {
      const [appid, who, templateId] = key.split('|');
      if (who === openid) out.push({ appid, templateId, remaining });
    }
    return out;
  }

  /** Sent subscribe messages, newest first; all of them without a filter. */
  messages(filter: { openid?: string; appid?: string } = {}): SentSubscribeMessage[] {
    return this.sent
      .filter(
        (m) => (!filter.openid || m.touser === filter.openid) && (!filter.appid || m.appid === filter.appid),
      )
      .reverse();
  }

  /**
   * Makes the app's current access token fail: expired (42001), or replaced as if another server
   * forced a refresh (40001). Lets tests prove that clients refresh and retry.
   */
  expireToken(appid: string, how: 'expired' | 'replaced' = 'expired'): void {
    this.app(appid);
    const current = this.currentToken.get(appid);
    const token = current ? this.tokens.get(current) : undefined;
    if (!token) return;
    if (how === 'expired') token.expiresAt = this.now();
    else token.replaced = true;
    this.currentToken.delete(appid);
  }

  // ---- WeChat server APIs -------------------------------------------------------------------

  private checkCredentials(appid: string | undefined, secret: string | undefined): void {
    if (!appid) throw new WechatError(41002, 'appid missing');
    const app = this.apps.get(appid);
    if (!app) throw new WechatError(40013, 'invalid appid');
    if (!secret) throw new WechatError(41004, 'appsecret missing');
    const a = Buffer.from(secret);
    const b = Buffer.from(app.secret);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new WechatError(40125, 'invalid appsecret');
  }

  /** `GET /sns/jscode2session` */
  code2Session(q: { appid?: string; secret?: string; js_code?: string; grant_type?: string }): Session {
    this.checkCredentials(q.appid, q.secret);
    if (q.grant_type !== 'authorization_code') throw new WechatError(40002, 'invalid grant_type');
    if (!q.js_code) throw new WechatError(41008, 'missing code');
    const code = this.codes.get(q.js_code);
    if (!code || code.kind !== 'login' || code.appid !== q.appid || code.expiresAt <= this.now()) {
      throw new WechatError(40029, 'invalid code');
    }
    if (code.used) throw new WechatError(40163, 'code been used');
    code.used = true;
    return {
      openid: this.openidOf(code.appid, code.user),
      unionid: this.unionidOf(code.user),
      session_key: randomBytes(16).toString('base64'),
    };
  }

  /**
   * `GET open.weixin.qq.com/connect/oauth2/authorize` for the WeChat user `user`: checks the link as
   * WeChat does and answers where the browser goes next — `redirect_uri` with `code` and `state`
   * added to its query (before any `#fragment`, as WeChat does, which hash-routed pages must expect).
   * `consented` is false until the user taps 允许 on the snsapi_userinfo page.
   */
  authorize(
    q: AuthorizeLink,
    user: string,
    consented = false,
  ): { redirect: string } | { consentNeeded: true } {
    const { appid, target, scope } = this.checkAuthorizeLink(q);
    if (scope === 'snsapi_userinfo' && !consented) return { consentNeeded: true };
    const { code } = this.webCode(appid, user, scope);
    target.searchParams.set('code', code);
    target.searchParams.set('state', q.state ?? '');
    return { redirect: target.toString() };
  }

  /** The refusals of WeChat's authorisation page, in the order WeChat checks. */
  checkAuthorizeLink(q: AuthorizeLink): { appid: string; target: URL; scope: WebAuthScope } {
    const app = q.appid ? this.apps.get(q.appid) : undefined;
    if (!app) throw new WebAuthPageError(40013, 'invalid appid');
    let target: URL;
    try {
      target = new URL(q.redirect_uri ?? '');
    } catch {
      throw new WebAuthPageError(10003, 'redirect_uri 参数错误');
    }
    if (!/^https?:$/.test(target.protocol)) throw new WebAuthPageError(10003, 'redirect_uri 参数错误');
    if (app.webAuthDomains && !app.webAuthDomains.includes(target.host)) {
      throw new WebAuthPageError(10003, 'redirect_uri 域名与后台配置不一致');
    }
    if (q.response_type !== 'code') throw new WebAuthPageError(10008, 'response_type 参数错误');
    if (!q.scope) throw new WebAuthPageError(10010, 'scope 不能为空');
    if (!WEB_AUTH_SCOPES.includes(q.scope as WebAuthScope)) {
      throw new WebAuthPageError(10005, '此公众号并没有这些 scope 的权限');
    }
    return { appid: app.appid, target, scope: q.scope as WebAuthScope };
  }

  /** `GET /sns/oauth2/access_token`: a web-authorisation code, once, for the user's openid. */
  webAuthToken(q: { appid?: string; secret?: string; code?: string; grant_type?: string }): WebAuthToken {
    this.checkCredentials(q.appid, q.secret);
    if (q.grant_type !== 'authorization_code') throw new WechatError(40002, 'invalid grant_type');
    if (!q.code) throw new WechatError(41008, 'missing code');
    const code = this.codes.get(q.code);
    if (!code || code.kind !== 'web' || code.appid !== q.appid || code.used || code.expiresAt <= this.now()) {
      throw new WechatError(40029, 'invalid code');
    }
    code.used = true;
    return {
      access_token: randomBytes(48).toString('base64url'),
      expires_in: Math.floor(this.tokenTtlMs / 1000),
      refresh_token: randomBytes(48).toString('base64url'),
      openid: this.openidOf(code.appid, code.user),
      scope: code.scope!,
      unionid: this.unionidOf(code.user),
    };
  }

  /** `POST /cgi-bin/stable_token` */
  stableToken(body: Record<string, unknown>): { access_token: string; expires_in: number } {
    if (body.grant_type !== 'client_credential') throw new WechatError(40002, 'invalid grant_type');
    const appid = typeof body.appid === 'string' ? body.appid : undefined;
    this.checkCredentials(appid, typeof body.secret === 'string' ? body.secret : undefined);
    const now = this.now();
    const currentId = this.currentToken.get(appid!);
    const current = currentId ? this.tokens.get(currentId) : undefined;
    // normal mode hands out the same token while it is valid; force_refresh replaces it
    if (current && currentId && !current.replaced && current.expiresAt > now && body.force_refresh !== true) {
      return { access_token: currentId, expires_in: Math.floor((current.expiresAt - now) / 1000) };
    }
    if (current) current.replaced = true;
    const token = randomBytes(96).toString('base64url');
    this.tokens.set(token, { appid: appid!, expiresAt: now + this.tokenTtlMs, replaced: false });
    this.currentToken.set(appid!, token);
    return { access_token: token, expires_in: Math.floor(this.tokenTtlMs / 1000) };
  }

  /** The app an access token was issued to; WeChat's errors when it is missing, unknown or old. */
  appOfToken(accessToken: string | undefined): WechatSandboxApp {
    if (!accessToken) throw new WechatError(41001, 'access_token missing');
    const token = this.tokens.get(accessToken);
    if (!token || token.replaced) {
      throw new WechatError(40001, 'invalid credential, access_token is invalid or not latest');
    }
    if (token.expiresAt <= this.now()) throw new WechatError(42001, 'access_token expired');
    return this.apps.get(token.appid)!;
  }

  /** `POST /wxa/business/getuserphonenumber` */
  phoneNumber(accessToken: string | undefined, body: Record<string, unknown>) {
    const app = this.appOfToken(accessToken);
    if (typeof body.code !== 'string' || !body.code) throw new WechatError(47001, 'data format error');
    const code = this.codes.get(body.code);
    if (
      !code ||
      code.kind !== 'phone' ||
      code.appid !== app.appid ||
      code.used ||
      code.expiresAt <= this.now()
    ) {
      throw new WechatError(40029, 'invalid code');
    }
    code.used = true;
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: code.phoneNumber!,
        purePhoneNumber: code.phoneNumber!,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.now() / 1000), appid: app.appid },
      },
    };
  }

  /** `POST /cgi-bin/message/subscribe/send`: one send per accepted subscription. */
  sendSubscribe(
    accessToken: string | undefined,
    body: Record<string, unknown>,
  ): { errcode: 0; errmsg: 'ok'; msgid: number } {
    const app = this.appOfToken(accessToken);
    const templateId = body.template_id;
    if (
      typeof templateId !== 'string' ||
      !templateId ||
      (app.templates && !app.templates.includes(templateId))
    ) {
      throw new WechatError(40037, 'invalid template id');
    }
    const touser = body.touser;
    if (typeof touser !== 'string' || !this.openids.has(`${app.appid}|${touser}`)) {
      throw new WechatError(40003, 'invalid openid');
    }
    const data = body.data;
    if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.keys(data).length) {
      throw new WechatError(47003, 'argument invalid! data is empty');
    }
    for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
      if (!entry || typeof (entry as { value?: unknown }).value !== 'string') {
        throw new WechatError(47003, `argument invalid! data.${key}.value is empty`);
      }
    }
    const key = `${app.appid}|${touser}|${templateId}`;
    const left = this.subscriptions.get(key) ?? 0;
    if (left < 1) throw new WechatError(43101, 'user refuse to accept the msg');
    this.subscriptions.set(key, left - 1);
    const msgid = this.nextMsgid++;
    this.sent.push({
      msgid,
      appid: app.appid,
      touser,
      templateId,
      page: typeof body.page === 'string' ? body.page : undefined,
      data: data as Record<string, { value: string }>,
      miniprogramState: typeof body.miniprogram_state === 'string' ? body.miniprogram_state : undefined,
      lang: typeof body.lang === 'string' ? body.lang : undefined,
      sentAt: new Date(this.now()).toISOString(),
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  }

  /** WeChat appends a request ID to every errmsg. */
  static rid(): string {
    return randomUUID().split('-').slice(0, 3).join('-');
  }
}
