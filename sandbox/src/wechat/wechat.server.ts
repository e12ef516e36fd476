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
import { WechatError, WechatState, type WechatSandboxOptions } from './wechat.state';

/**
 * WeChat's server APIs as the platform calls them, plus `/__sandbox/wx/*` control endpoints that
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
    phoneCode: (appid, user, phoneNumber) => state.mintPhoneCode(appid, user, phoneNumber),
    subscribe: (appid, openid, templateId, count) => state.subscribe(appid, openid, templateId, count),
    messages: (filter) => state.messages(filter),
  };
}
