import { Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import type { ApiEnvelope } from '@dzky/contracts';

/**
 * Wraps what /api controllers return into the one envelope `{ success, data }`. Errors are
 * enveloped by the error filters; files and streams (CSV exports) pass through untouched.
 */
@Middleware()
export class EnvelopeMiddleware implements IMiddleware<Context, NextFunction> {
  match(ctx: Context) {
    return ctx.path.startsWith('/api/');
  }

  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      await next();
      const body = ctx.body;
      if (ctx.state.rawResponse || Buffer.isBuffer(body) || (body && typeof (body as any).pipe === 'function')) return;
      if (ctx.status === 404 && body === undefined) {
        // no route answered: the same envelope as any other miss
        ctx.status = 404;
        ctx.body = { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: `${ctx.method} ${ctx.path} 不存在`, requestId: ctx.state.requestId };
        return;
      }
      if (body && typeof body === 'object' && 'success' in (body as object) && 'data' in (body as object)) return;
      const envelope: ApiEnvelope = { success: true, data: body ?? null, requestId: ctx.state.requestId };
      ctx.body = envelope;
      ctx.status = ctx.status === 204 ? 200 : ctx.status;
    };
  }

  static getName() {
    return 'envelope';
  }
}
