import Koa from 'koa';
import Router from '@koa/router';
import { ControlError, controlErrors, listen, readBody, readJsonObject, type ListeningServer } from '../common/http';
import { renderInvoicePdf } from './invoice.pdf';
import { InvoiceApiError, InvoiceState, type InvoiceSandboxOptions } from './invoice.state';

/**
 * An e-invoice service provider (电子发票服务平台 / 乐企-style API, README.md beside this file): a
 * signed JSON API to submit blue invoices and red-letter reversals, query them and fetch their PDF
 * through short-lived signed URLs; completion is reported to the caller's callbackUrl, signed, and
 * retried until it answers 2xx. Control API for tests under /__sandbox/invoice.
 */
export function createInvoiceApp(options: InvoiceSandboxOptions): { app: Koa; state: InvoiceState } {
  const state = new InvoiceState(options);
  state.render = renderInvoicePdf;
  const app = new Koa();

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.post('/invoice/fail-next', async (ctx) => {
    const body = await readJsonObject(ctx);
    const stage = body.stage ?? 'issue';
    if (stage !== 'submit' && stage !== 'issue') throw new ControlError('stage must be submit or issue');
    state.failNext = { stage, reason: typeof body.reason === 'string' && body.reason ? body.reason : '税务数字账户开票失败：购买方信息校验不通过' };
    ctx.body = { ok: true };
  });
  control.post('/invoice/tamper-next', (ctx) => {
    state.tamperNext = true;
    ctx.body = { ok: true };
  });
  control.post('/invoice/callbacks/pause', async (ctx) => {
    const body = await readJsonObject(ctx);
    state.callbacksPaused = body.paused !== false;
    ctx.body = { ok: true, paused: state.callbacksPaused };
  });
  control.get('/invoice/callbacks', (ctx) => {
    ctx.body = { callbacks: state.callbacksFor(typeof ctx.query.serialNo === 'string' ? ctx.query.serialNo : undefined) };
  });
  control.post('/invoice/callbacks/:id/resend', async (ctx) => {
    const c = await state.resend(ctx.params.id);
    if (!c) throw new ControlError('no such callback', 404);
    ctx.body = { callback: c };
  });
  control.get('/invoice/invoices', (ctx) => {
    ctx.body = { invoices: state.all().map(({ fingerprint: _f, ...inv }) => inv) };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(control.routes()).use(control.allowedMethods());

  // files: authorised by the signed URL itself, answered signed like every other answer
  app.use(async (ctx, next) => {
    const m = /^\/api\/v1\/files\/([\w-]+)\.pdf$/.exec(ctx.path);
    if (!m || ctx.method !== 'GET') return next();
    try {
      const { invoice, pdf } = await state.file(m[1], String(ctx.query.expires ?? ''), String(ctx.query.signature ?? ''));
      const headers = state.sign(invoice.appKey, 'GET', ctx.url, pdf);
      ctx.set(headers);
      ctx.type = 'application/pdf';
      ctx.set('Content-Disposition', `inline; filename="${invoice.invoiceNo}.pdf"`);
      ctx.body = state.tamperNext ? ((state.tamperNext = false), Buffer.concat([pdf, Buffer.from('\n%tampered\n')])) : pdf;
    } catch (e) {
      if (!(e instanceof InvoiceApiError)) throw e;
      ctx.status = e.status;
      ctx.body = { code: e.code, message: e.message };
    }
  });

  const api = new Router({ prefix: '/api/v1' });
  api.post('/invoices', (ctx) => {
    const inv = state.submitBlue(ctx.state.appKey, ctx.state.json);
    ctx.body = { code: 0, message: 'ok', data: { serialNo: inv.serialNo, status: 'PROCESSING' } };
  });
  api.post('/invoices/red', (ctx) => {
    const inv = state.submitRed(ctx.state.appKey, ctx.state.json);
    ctx.body = { code: 0, message: 'ok', data: { serialNo: inv.serialNo, status: 'PROCESSING' } };
  });
  api.get('/invoices/:serialNo', (ctx) => {
    ctx.body = { code: 0, message: 'ok', data: state.view(state.get(ctx.state.appKey, ctx.params.serialNo), ctx.origin) };
  });

  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/api/')) return next();
    let appKey: string | null = null;
    try {
      const raw = await readBody(ctx);
      appKey = state.authenticate(ctx.method, ctx.url, ctx.headers, raw);
      ctx.state.appKey = appKey;
      if (ctx.method === 'POST') {
        try {
          const json = JSON.parse(raw);
          if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('not an object');
          ctx.state.json = json;
        } catch {
          throw new InvoiceApiError(400, 40000, 'body must be a JSON object');
        }
      }
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new InvoiceApiError(404, 40400, `no such API: ${ctx.method} ${ctx.path}`);
    } catch (e) {
      if (!(e instanceof InvoiceApiError)) throw e;
      ctx.status = e.status;
      ctx.body = { code: e.code, message: e.message };
    }
    // every answer to a known caller is signed over the request's method and path, so an answer
    // cannot be replayed to another request
    if (appKey) {
      const text = JSON.stringify(ctx.body);
      ctx.set(state.sign(appKey, ctx.method, ctx.url, text));
      ctx.type = 'application/json';
      ctx.body = state.tamperNext ? ((state.tamperNext = false), text.replace(/"code":0/, '"code":0,"tampered":true')) : text;
    }
  });
  app.use(api.routes()).use(api.allowedMethods());
  return { app, state };
}

export interface InvoiceSandboxHandle extends ListeningServer {
  state: InvoiceState;
}

export async function startInvoiceServer(options: InvoiceSandboxOptions, port = 0, host?: string): Promise<InvoiceSandboxHandle> {
  const { app, state } = createInvoiceApp(options);
  const server = await listen(app, port, host);
  return {
    ...server,
    state,
    stop: async () => {
      state.reset();
      await server.stop();
    },
  };
}
