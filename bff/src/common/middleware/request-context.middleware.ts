import { Middleware, type IMiddleware } from '@midwayjs/core';
import type { Context, NextFunction } from '@midwayjs/koa';
import { randomUUID } from 'crypto';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Gives every request an ID (the caller's X-Request-Id when it is well-formed, else a new one),
 * returns it in the response header, and writes one access log line when the request ends.
 */
@Middleware()
export class RequestContextMiddleware implements IMiddleware<Context, NextFunction> {
  resolve() {
    return async (ctx: Context, next: NextFunction) => {
      const given = ctx.get('x-request-id');
      const requestId = SAFE_REQUEST_ID.test(given) ? given : randomUUID();
      (ctx as any).requestId = requestId;
      ctx.state.requestId = requestId;
      ctx.set('X-Request-Id', requestId);
      const started = process.hrtime.bigint();
      // logged when the response is written, so the status is the one the error filters set;
      // the path only, never the query string (it can hold phone numbers being searched for)
      ctx.res.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (ctx.path !== '/health') ctx.logger.info(`${ctx.method} ${ctx.path} ${ctx.status} ${ms.toFixed(1)}ms`);
      });
      await next();
    };
  }

  static getName() {
    return 'requestContext';
  }
}
