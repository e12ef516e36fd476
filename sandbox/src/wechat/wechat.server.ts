import Koa from 'koa';
import Router from '@koa/router';
import {
  ControlError,
  controlErrors,
  listen,
  readBody,
  readJsonObject,
  requireString,
  type ListeningServer,
} from '../common/http';
import { randomBytes } from 'crypto';
import {
  WebAuthPageError,
  WechatError,
  WechatState,
  type WebAuthScope,
  type WechatSandboxOptions,
} from './wechat.state';

/** Which WeChat user this browser is: set on the first authorisation, so later visits get the same openid. */
export const SANDBOX_USER_COOKIE = 'sandbox_wx_user';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A page in WeChat's built-in browser; refusals show the errcode as WeChat's own error page does. */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

/**
 * WeChat's server APIs as the platform calls them, official-account web authorisation as the
 * browser inside WeChat meets it (open.weixin.qq.com), plus `/__sandbox/wx/*` control endpoints that
 * play the WeChat client on the user's phone (wx.login, getPhoneNumber, requestSubscribeMessage).
 */
export function createWechatApp(options: WechatSandboxOptions): { app: Koa; state: WechatState } {
  const state = new WechatState(options);
  const app = new Koa();
  const api = new Router();

  // WeChat answers every API error with HTTP 200 and { errcode, errmsg }
  const wechatErrors: Koa.Middleware = async (ctx, next) => {
    try {
      await next();
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      ctx.status = 200;
      ctx.body = { errcode: e.errcode, errmsg: `${e.errmsg} rid: ${WechatState.rid()}` };
    }
  };

  /** WeChat parses the body as JSON whatever the Content-Type says. */
  const jsonBody = async (ctx: Koa.Context): Promise<Record<string, unknown>> => {
    const text = await readBody(ctx);
    try {
      const value = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch {
      // answered below
    }
    throw new WechatError(47001, 'data format error');
  };
  const query = (ctx: Koa.Context, name: string) => {
    const v = ctx.query[name];
    return Array.isArray(v) ? v[0] : v;
  };

  api.get('/sns/jscode2session', wechatErrors, (ctx) => {
    ctx.body = state.code2Session({
      appid: query(ctx, 'appid'),
      secret: query(ctx, 'secret'),
      js_code: query(ctx, 'js_code'),
      grant_type: query(ctx, 'grant_type'),
    });
  });
  api.get('/sns/oauth2/access_token', wechatErrors, (ctx) => {
    ctx.body = state.webAuthToken({
      appid: query(ctx, 'appid'),
      secret: query(ctx, 'secret'),
      code: query(ctx, 'code'),
      grant_type: query(ctx, 'grant_type'),
    });
  });

  /**
   * open.weixin.qq.com's authorisation link. The WeChat user is the browser's: `sandbox_user` when a
   * test names one, else the cookie set on the first visit, so one browser keeps one openid per app.
   */
  api.get('/connect/oauth2/authorize', (ctx) => {
    let user = query(ctx, 'sandbox_user') || ctx.cookies.get(SANDBOX_USER_COOKIE);
    if (!user) {
      user = `browser-${randomBytes(8).toString('hex')}`;
      ctx.cookies.set(SANDBOX_USER_COOKIE, user, { httpOnly: true, sameSite: 'lax', maxAge: 365 * 86_400_000 });
    }
    const consent = query(ctx, 'sandbox_consent');
    const q = {
      appid: query(ctx, 'appid'),
      redirect_uri: query(ctx, 'redirect_uri'),
      response_type: query(ctx, 'response_type'),
      scope: query(ctx, 'scope'),
      state: query(ctx, 'state'),
    };
    ctx.type = 'html';
    try {
      if (consent === '0') {
        // the user tapped 拒绝: WeChat returns to the page with the state and no code
        const { target: back } = state.checkAuthorizeLink(q);
        back.searchParams.set('state', q.state ?? '');
        ctx.redirect(back.toString());
        return;
      }
      const next = state.authorize(q, user, consent === '1');
      if ('redirect' in next) {
        ctx.redirect(next.redirect);
        return;
      }
      const choice = (value: string) => {
        const url = new URL(ctx.href);
        url.searchParams.set('sandbox_consent', value);
        return escapeHtml(url.pathname + url.search);
      };
      ctx.body = page(
        '微信授权',
        `<h2>申请获取你的昵称、头像</h2><p>appid: ${escapeHtml(q.appid!)}</p>` +
          `<p><a id="allow" href="${choice('1')}">允许</a> <a id="deny" href="${choice('0')}">拒绝</a></p>`,
      );
    } catch (e) {
      if (!(e instanceof WebAuthPageError)) throw e;
      ctx.body = page(
        '微信',
        `<h2>Oops! Something went wrong:(</h2><p>错误码：<span id="errcode">${e.errcode}</span></p>` +
          `<p id="errmsg">${escapeHtml(e.errmsg)}</p>`,
      );
    }
  });
  api.post('/cgi-bin/stable_token', wechatErrors, async (ctx) => {
    ctx.body = state.stableToken(await jsonBody(ctx));
  });
  api.post('/wxa/business/getuserphonenumber', wechatErrors, async (ctx) => {
    const token = query(ctx, 'access_token');
    ctx.body = state.phoneNumber(token, await jsonBody(ctx));
  });
  api.post('/cgi-bin/message/subscribe/send', wechatErrors, async (ctx) => {
    const token = query(ctx, 'access_token');
    ctx.body = state.sendSubscribe(token, await jsonBody(ctx));
  });

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.post('/wx/login', async (ctx) => {
    const body = await readJsonObject(ctx);
    ctx.body = state.mintLoginCode(requireString(body, 'appid'), requireString(body, 'user'));
  });
  control.post('/wx/phone-code', async (ctx) => {
    const body = await readJsonObject(ctx);
    ctx.body = state.mintPhoneCode(
      requireString(body, 'appid'),
      requireString(body, 'user'),
      requireString(body, 'phoneNumber'),
    );
  });
  control.post('/wx/web-auth', async (ctx) => {
    const body = await readJsonObject(ctx);
    const scope = typeof body.scope === 'string' ? (body.scope as WebAuthScope) : undefined;
    ctx.body = state.mintWebAuthCode(requireString(body, 'appid'), requireString(body, 'user'), scope);
  });
  control.post('/wx/subscribe', async (ctx) => {
    const body = await readJsonObject(ctx);
    const appid = requireString(body, 'appid');
    const openid =
      typeof body.openid === 'string' && body.openid
        ? body.openid
        : typeof body.user === 'string' && body.user
          ? state.openidOf(appid, body.user)
          : undefined;
    if (!openid) throw new ControlError('openid (or user) is required');
    const templateId = requireString(body, 'templateId');
    const count = body.count === undefined ? 1 : Number(body.count);
    ctx.body = { openid, templateId, ...state.subscribe(appid, openid, templateId, count) };
  });
  control.get('/wx/subscriptions', (ctx) => {
    const openid = query(ctx, 'openid');
    if (!openid) throw new ControlError('openid is required');
    ctx.body = { subscriptions: state.subscriptionsOf(openid) };
  });
  control.get('/wx/messages', (ctx) => {
    ctx.body = { messages: state.messages({ openid: query(ctx, 'openid'), appid: query(ctx, 'appid') }) };
  });
  control.post('/wx/expire-token', async (ctx) => {
    const body = await readJsonObject(ctx);
    state.expireToken(requireString(body, 'appid'), body.replaced === true ? 'replaced' : 'expired');
    ctx.body = { ok: true };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });

  app.use(api.routes()).use(api.allowedMethods());
  app.use(control.routes()).use(control.allowedMethods());
  return { app, state };
}

export interface WechatSandboxHandle extends ListeningServer {
  state: WechatState;
  /** wx.login on the phone of `user`: a code for jscode2session, and the openid it will yield */
  login(appid: string, user: string): { code: string; openid: string; unionid: string };
  /** `user` passes an official account's web authorisation: a code for sns/oauth2/access_token */
  webAuth(appid: string, user: string, scope?: WebAuthScope): { code: string; openid: string; unionid: string };
  /** getPhoneNumber on the phone of `user` */
  phoneCode(appid: string, user: string, phoneNumber: string): { code: string };
  subscribe(appid: string, openid: string, templateId: string, count?: number): { remaining: number };
  messages(filter?: { openid?: string; appid?: string }): ReturnType<WechatState['messages']>;
}

export async function startWechatServer(
  options: WechatSandboxOptions,
  port = 0,
  host?: string,
): Promise<WechatSandboxHandle> {
  const { app, state } = createWechatApp(options);
  const server = await listen(app, port, host);
  return {
    ...server,
    state,
    login: (appid, user) => state.mintLoginCode(appid, user),
    webAuth: (appid, user, scope) => state.mintWebAuthCode(appid, user, scope),
    phoneCode: (appid, user, phoneNumber) => state.mintPhoneCode(appid, user, phoneNumber),
    subscribe: (appid, openid, templateId, count) => state.subscribe(appid, openid, templateId, count),
    messages: (filter) => state.messages(filter),
  };
}
