import Koa from 'koa';
import Router from '@koa/router';
import { controlErrors, listen, readBody, type ListeningServer } from '../common/http';
import { AliyunError, SmsState, type SentSms, type SmsSandboxOptions } from './sms.state';

const HOST_ID = 'dysmsapi.aliyuncs.com';

/** Aliyun's default response format is XML; the platform asks for JSON. */
function render(
  ctx: Koa.Context,
  format: string | undefined,
  status: number,
  body: Record<string, string>,
  root: string,
): void {
  ctx.status = status;
  if ((format ?? 'XML').toUpperCase() === 'JSON') {
    ctx.body = body;
    return;
  }
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  ctx.type = 'text/xml';
  ctx.body =
    `<?xml version='1.0' encoding='UTF-8'?><${root}>` +
    Object.entries(body)
      .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
      .join('') +
    `</${root}>`;
}

/** Query and form body together, as the gateway reads them (first value of a repeated name). */
function parameters(ctx: Koa.Context, body: string): Record<string, string> {
  const params: Record<string, string> = {};
  const add = (source: URLSearchParams) => {
    for (const [k, v] of source) if (!(k in params)) params[k] = v;
  };
  add(new URLSearchParams(ctx.querystring));
  if (body) add(new URLSearchParams(body));
  return params;
}

/**
 * Aliyun SMS (Dysmsapi 2017-05-25) over the RPC protocol: SendSms with the V1 signature checked,
 * nonces single-use, timestamps within 15 minutes, Aliyun's flow control; and
 * `/__sandbox/sms/messages` where tests read what was "delivered".
 */
export function createSmsApp(options: SmsSandboxOptions): { app: Koa; state: SmsState } {
  const state = new SmsState(options);
  const app = new Koa();

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.get('/sms/messages', (ctx) => {
    const phone = ctx.query.phone;
    ctx.body = { messages: state.messages(Array.isArray(phone) ? phone[0] : phone) };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(control.routes()).use(control.allowedMethods());

  app.use(async (ctx, next) => {
    if (ctx.path !== '/' || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();
    const requestId = SmsState.requestId();
    const params = parameters(ctx, ctx.method === 'POST' ? await readBody(ctx) : '');
    try {
      const accessKeyId = state.authenticate(ctx.method, params);
      if (params.Action !== 'SendSms') {
        throw new AliyunError(
          404,
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method.',
        );
      }
      if (params.Version !== '2017-05-25')
        throw new AliyunError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');
      const { BizId } = state.sendSms(accessKeyId, params, requestId);
      render(
        ctx,
        params.Format,
        200,
        { RequestId: requestId, Message: 'OK', BizId, Code: 'OK' },
        'SendSmsResponse',
      );
    } catch (e) {
      if (!(e instanceof AliyunError)) throw e;
      const body: Record<string, string> =
        e.status === 200
          ? { RequestId: requestId, Message: e.message, Code: e.code }
          : {
              RequestId: requestId,
              HostId: HOST_ID,
              Code: e.code,
              Message: e.message,
              Recommend: `https://api.aliyun.com/troubleshoot?q=${e.code}&product=Dysmsapi`,
            };
      render(ctx, params.Format, e.status, body, e.status === 200 ? 'SendSmsResponse' : 'Error');
    }
  });
  return { app, state };
}

export interface SmsSandboxHandle extends ListeningServer {
  state: SmsState;
  /** messages delivered, newest first; to one number when given */
  messages(phone?: string): SentSms[];
}

export async function startSmsServer(
  options: SmsSandboxOptions,
  port = 0,
  host?: string,
): Promise<SmsSandboxHandle> {
  const { app, state } = createSmsApp(options);
  const server = await listen(app, port, host);
  return { ...server, state, messages: (phone) => state.messages(phone) };
}
