import Koa from 'koa';
import Router from '@koa/router';
import { randomBytes } from 'crypto';
import { ControlError, controlErrors, listen, readBody, readJsonObject, type ListeningServer } from '../common/http';
import { encryptResource } from './wechatpay.crypto';
import { WechatPayError, WechatPayState, type RefundStatus, type SandboxOrder, type TradeType, type WechatPayMerchant, type WechatPaySandboxOptions } from './wechatpay.state';

const TRADE_TYPES: Record<string, TradeType> = { jsapi: 'JSAPI', h5: 'MWEB', native: 'NATIVE' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page WeChat shows the payer (收银台), reduced to the order and two buttons. */
function paymentPage(order: SandboxOrder, token: string, redirectUrl: string | undefined): string {
  const yuan = (order.total / 100).toFixed(2);
  const channel = { JSAPI: 'JSAPI（小程序 / 公众号）', MWEB: 'H5', NATIVE: 'Native 扫码' }[order.tradeType];
  const closed = order.state === 'CLOSED' ? (order.closedBy === 'expiry' ? '订单已过期' : '订单已关闭') : order.state !== 'NOTPAY' ? '订单已支付' : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信支付（沙箱）</title>
<style>body{font-family:sans-serif;max-width:420px;margin:2em auto;text-align:center}button{font-size:1.1em;margin:.5em;padding:.6em 2em}#pay{background:#07c160;color:#fff;border:0}.amount{font-size:2em}</style>
</head><body>
<p>微信支付 · 沙箱 · ${escapeHtml(channel)}</p>
<p data-testid="description">${escapeHtml(order.description)}</p>
<p class="amount" data-testid="amount">￥${yuan}</p>
<p>商户订单号 <span data-testid="out-trade-no">${escapeHtml(order.outTradeNo)}</span></p>
<p id="status" data-testid="status">${escapeHtml(closed)}</p>
<button id="pay" data-testid="confirm"${closed ? ' disabled' : ''}>确认支付</button>
<button id="cancel" data-testid="cancel"${closed ? ' disabled' : ''}>取消</button>
<script>
const token = ${JSON.stringify(token)}, redirect = ${JSON.stringify(redirectUrl ?? null)};
async function act(what) {
  const res = await fetch('/sandbox/pay/' + encodeURIComponent(token) + '/' + what, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const body = await res.json();
  document.getElementById('status').textContent = res.ok ? (what === 'confirm' ? '支付成功' : '已取消支付') : body.error;
  document.getElementById('pay').disabled = document.getElementById('cancel').disabled = true;
  if (redirect) setTimeout(() => { location.href = redirect; }, 300);
}
document.getElementById('pay').onclick = () => act('confirm');
document.getElementById('cancel').onclick = () => act('cancel');
</script>
</body></html>`;
}

/**
 * WeChat Pay API v3 (api.mch.weixin.qq.com) for direct merchants and service providers, with
 * signatures both ways, encrypted notifications with WeChat's retry schedule, and the payment
 * page the payer would see. See README.md in this folder.
 */
export function createWechatPayApp(options: WechatPaySandboxOptions): { app: Koa; state: WechatPayState } {
  const state = new WechatPayState(options);
  const app = new Koa();

  // --- sandbox: the payer's side and test hooks
  const sandbox = new Router({ prefix: '/sandbox' });
  sandbox.use(controlErrors);
  const pageOrder = (token: string) => {
    const order = state.orderByPageToken(token);
    if (!order) throw new ControlError('no such prepay_id or code_url', 404);
    return order;
  };
  const hookError = (e: unknown): never => {
    if (e instanceof WechatPayError) throw new ControlError(e.message, 400);
    throw e;
  };
  sandbox.get('/pay/:token', (ctx) => {
    const order = pageOrder(ctx.params.token);
    ctx.type = 'html';
    ctx.body = paymentPage(order, ctx.params.token, typeof ctx.query.redirect_url === 'string' ? ctx.query.redirect_url : undefined);
  });
  sandbox.post('/pay/:token/confirm', async (ctx) => {
    const body = await readJsonObject(ctx);
    const order = pageOrder(ctx.params.token);
    try {
      state.pay(order, { openid: typeof body.openid === 'string' ? body.openid : undefined });
    } catch (e) {
      hookError(e);
    }
    ctx.body = { ok: true, transaction: state.transaction(order) };
  });
  sandbox.post('/pay/:token/cancel', (ctx) => {
    const order = pageOrder(ctx.params.token);
    state.cancel(order);
    ctx.body = { ok: true, trade_state: order.state };
  });
  sandbox.get('/notifications', (ctx) => {
    const q = ctx.query;
    ctx.body = {
      notifications: state
        .notificationsFor({ outTradeNo: q.out_trade_no as string | undefined, outRefundNo: q.out_refund_no as string | undefined })
        .map(({ body: _body, ...n }) => n),
    };
  });
  sandbox.post('/notifications/:id/resend', async (ctx) => {
    const n = await state.resend(ctx.params.id);
    if (!n) throw new ControlError('no such notification', 404);
    ctx.body = { ok: true, delivered: n.delivered, attempts: n.attempts };
  });
  const refundStatus = (v: unknown): Exclude<RefundStatus, 'PROCESSING'> => {
    if (v === 'SUCCESS' || v === 'ABNORMAL' || v === 'CLOSED') return v;
    throw new ControlError('status must be SUCCESS, ABNORMAL or CLOSED');
  };
  sandbox.post('/refunds/:outRefundNo/settle', async (ctx) => {
    const body = await readJsonObject(ctx);
    const refund = state.refundByOutRefundNo(ctx.params.outRefundNo);
    if (!refund) throw new ControlError('no such refund', 404);
    if (refund.status !== 'PROCESSING') throw new ControlError(`refund is already ${refund.status}`);
    state.settleRefund(refund, refundStatus(body.status ?? 'SUCCESS'));
    ctx.body = { ok: true, refund: state.refundView(refund) };
  });
  sandbox.post('/refund-outcome', async (ctx) => {
    const body = await readJsonObject(ctx);
    state.nextRefundOutcome = body.status === null ? null : refundStatus(body.status);
    ctx.body = { ok: true };
  });
  sandbox.get('/platform', (ctx) => {
    ctx.body = {
      certificateSerial: state.certificate.serial,
      certificatePem: state.certificate.pem,
      publicKeyId: state.wechatpayPublicKey.serial,
      publicKeyPem: state.wechatpayPublicKey.pem,
    };
  });
  sandbox.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(sandbox.routes()).use(sandbox.allowedMethods());

  // --- APIv3
  const api = new Router({ prefix: '/v3' });
  type Ctx = Koa.ParameterizedContext<{ merchant: WechatPayMerchant; json: Record<string, any> }>;
  const queryParam = (ctx: Ctx, name: string, required = true): string | undefined => {
    const v = ctx.query[name];
    if (typeof v === 'string' && v) return v;
    if (required) throw new WechatPayError(400, 'PARAM_ERROR', `输入源"/query/${name}"映射到字段"${name}"必填性规则校验失败，此字段为必填项`, { location: 'query' });
    return undefined;
  };
  const sameMerchant = (ctx: Ctx, mchid: string | undefined) => {
    if (mchid !== ctx.state.merchant.mchid) throw new WechatPayError(400, 'PARAM_ERROR', '商户号与请求头 Authorization 中的 mchid 不一致');
  };
  const subOf = (ctx: Ctx, sub: string | undefined) => {
    if (!sub || !ctx.state.merchant.subMchids?.includes(sub)) throw new WechatPayError(400, 'INVALID_REQUEST', '特约商户号与服务商不存在受理关系');
    return sub;
  };

  const create = (partner: boolean) => (ctx: Ctx) => {
    const tradeType = TRADE_TYPES[ctx.params.type];
    if (!tradeType) return; // 404 below
    const order = state.createOrder(ctx.state.merchant, tradeType, partner, ctx.state.json);
    if (tradeType === 'JSAPI') ctx.body = { prepay_id: order.prepayId };
    else if (tradeType === 'MWEB') ctx.body = { h5_url: `${ctx.origin}/sandbox/pay/${order.prepayId}?package=${randomBytes(5).readUInt32BE(0)}` };
    else ctx.body = { code_url: `weixin://wxpay/bizpayurl?pr=${order.codeToken}` };
  };
  api.post('/pay/transactions/:type', create(false));
  api.post('/pay/partner/transactions/:type', create(true));

  api.get('/pay/transactions/out-trade-no/:no', (ctx: Ctx) => {
    sameMerchant(ctx, queryParam(ctx, 'mchid'));
    ctx.body = state.transaction(state.findOrder(ctx.state.merchant.mchid, undefined, ctx.params.no));
  });
  api.get('/pay/transactions/id/:id', (ctx: Ctx) => {
    sameMerchant(ctx, queryParam(ctx, 'mchid'));
    ctx.body = state.transaction(state.findByTransactionId(ctx.state.merchant.mchid, undefined, ctx.params.id));
  });
  api.get('/pay/partner/transactions/out-trade-no/:no', (ctx: Ctx) => {
    sameMerchant(ctx, queryParam(ctx, 'sp_mchid'));
    ctx.body = state.transaction(state.findOrder(ctx.state.merchant.mchid, subOf(ctx, queryParam(ctx, 'sub_mchid')), ctx.params.no));
  });
  api.get('/pay/partner/transactions/id/:id', (ctx: Ctx) => {
    sameMerchant(ctx, queryParam(ctx, 'sp_mchid'));
    ctx.body = state.transaction(state.findByTransactionId(ctx.state.merchant.mchid, subOf(ctx, queryParam(ctx, 'sub_mchid')), ctx.params.id));
  });
  api.post('/pay/transactions/out-trade-no/:no/close', (ctx: Ctx) => {
    sameMerchant(ctx, ctx.state.json.mchid);
    state.closeOrder(state.findOrder(ctx.state.merchant.mchid, undefined, ctx.params.no));
    ctx.status = 204;
  });
  api.post('/pay/partner/transactions/out-trade-no/:no/close', (ctx: Ctx) => {
    sameMerchant(ctx, ctx.state.json.sp_mchid);
    state.closeOrder(state.findOrder(ctx.state.merchant.mchid, subOf(ctx, ctx.state.json.sub_mchid), ctx.params.no));
    ctx.status = 204;
  });
  api.post('/refund/domestic/refunds', (ctx: Ctx) => {
    ctx.body = state.refundView(state.createRefund(ctx.state.merchant, ctx.state.json));
  });
  api.get('/refund/domestic/refunds/:no', (ctx: Ctx) => {
    const sub = queryParam(ctx, 'sub_mchid', false);
    if (ctx.state.merchant.subMchids) subOf(ctx, sub);
    ctx.body = state.refundView(state.findRefund(ctx.state.merchant.mchid, sub, ctx.params.no));
  });
  api.get('/certificates', (ctx: Ctx) => {
    const merchant = state.merchants.get(ctx.state.merchant.mchid)!;
    const c = state.certificate;
    ctx.body = {
      data: [
        {
          serial_no: c.serial,
          effective_time: c.effectiveTime,
          expire_time: c.expireTime,
          encrypt_certificate: encryptResource(merchant.apiV3Key, c.pem, 'certificate'),
        },
      ],
    };
  });

  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/v3/')) return next();
    let mchid: string | undefined;
    const requestId = `08${randomBytes(16).toString('hex').toUpperCase()}`;
    try {
      const raw = await readBody(ctx);
      // the signature covers the path and query exactly as sent (ctx.url is the raw request target)
      const merchant = state.authenticate(ctx.method, ctx.url, ctx.get('authorization') || undefined, raw);
      mchid = merchant.mchid;
      ctx.state.merchant = merchant;
      let json: unknown = {};
      if (raw.trim()) {
        try {
          json = JSON.parse(raw);
        } catch {
          throw new WechatPayError(400, 'PARAM_ERROR', '请求体不是合法的 JSON', { location: 'body' });
        }
      }
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new WechatPayError(400, 'PARAM_ERROR', '请求体应为 JSON 对象', { location: 'body' });
      ctx.state.json = json;
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new WechatPayError(404, 'NOT_FOUND', `无此接口：${ctx.method} ${ctx.path}`);
    } catch (e) {
      if (!(e instanceof WechatPayError)) throw e;
      ctx.status = e.status;
      ctx.body = { code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) };
    }
    const text = ctx.status === 204 ? '' : JSON.stringify(ctx.body);
    if (ctx.status !== 204) {
      ctx.type = 'application/json';
      ctx.body = text;
    }
    ctx.set('Request-ID', requestId);
    ctx.set(state.signedHeaders(mchid, text));
  });
  app.use(api.routes()).use(api.allowedMethods());
  return { app, state };
}

export interface WechatPaySandboxHandle extends ListeningServer {
  state: WechatPayState;
  /** the same as stop(); also cancels pending notification retries */
  close(): Promise<void>;
  /** what a merchant configures to verify WeChat Pay: the platform certificate and the public key ID */
  platform: { certificateSerial: string; certificatePem: string; publicKeyId: string; publicKeyPem: string };
}

export async function createWechatPayServer(options: WechatPaySandboxOptions, port = 0, host?: string): Promise<WechatPaySandboxHandle> {
  const { app, state } = createWechatPayApp(options);
  const server = await listen(app, port, host);
  const stop = async () => {
    state.reset();
    await server.stop();
  };
  return {
    ...server,
    stop,
    close: stop,
    state,
    platform: {
      certificateSerial: state.certificate.serial,
      certificatePem: state.certificate.pem,
      publicKeyId: state.wechatpayPublicKey.serial,
      publicKeyPem: state.wechatpayPublicKey.pem,
    },
  };
}

/** alias in the naming of the other sandbox servers */
export const startWechatPayServer = createWechatPayServer;
