import { Catch, MidwayHttpError } from '@midwayjs/core';
import { MidwayValidationError } from '@midwayjs/validate';
import type { Context } from '@midwayjs/koa';
import type { ApiEnvelope, ErrorCode, FieldError } from '@dzky/contracts';
import { ErrorCodes } from '@dzky/contracts';
import { DomainError } from '../error/domain.error';

function send(ctx: Context, status: number, code: ErrorCode | string, message: string, errors?: FieldError[]): ApiEnvelope {
  ctx.status = status;
  return { success: false, data: null, errorCode: code, errorMessage: message, errors, requestId: ctx.state.requestId };
}

/** Domain errors (and their subclasses: validation, not found, upstream) carry their own code and status. */
@Catch(DomainError, { matchPrototype: true })
export class DomainErrorFilter {
  async catch(err: DomainError, ctx: Context) {
    if (err.status >= 500) ctx.logger.error(err);
    return send(ctx, err.status, err.errorCode, err.message, err.errors);
  }
}

/** Request validation (Joi through @midwayjs/validate): every bad field, with its reason. */
@Catch(MidwayValidationError)
export class ValidationErrorFilter {
  async catch(err: MidwayValidationError, ctx: Context) {
    const details: any[] = (err as any).cause?.details ?? [];
    const errors: FieldError[] = details.map((d) => ({
      field: (d.path ?? []).join('.') || String(d.context?.key ?? ''),
      // a named pattern says what is expected ("应为 11 位手机号") rather than echoing a regex
      reason: d.type === 'string.pattern.name' && d.context?.name ? `格式不正确，应为${d.context.name}` : String(d.message).replace(/^"[^"]*"\s*/, ''),
    }));
    return send(ctx, ErrorCodes.VALIDATION_FAILED.status, 'VALIDATION_FAILED', err.message, errors);
  }
}

/** Framework HTTP errors (unknown route, bad JSON body …) keep their status, in the envelope. */
@Catch(MidwayHttpError)
export class HttpErrorFilter {
  async catch(err: MidwayHttpError, ctx: Context) {
    const status = err.status ?? 500;
    if (status === 404) return send(ctx, 404, 'NOT_FOUND', `${ctx.method} ${ctx.path} 不存在`);
    if (status === 400 || status === 413 || status === 415) return send(ctx, status, 'VALIDATION_FAILED', err.message, [{ field: 'body', reason: err.message }]);
    if (status >= 500) ctx.logger.error(err);
    return send(ctx, status, status >= 500 ? 'INTERNAL' : `HTTP_${status}`, status >= 500 ? ErrorCodes.INTERNAL.message : err.message);
  }
}

/** Anything else is a bug: log it whole, tell the client nothing internal. */
@Catch()
export class DefaultErrorFilter {
  async catch(err: Error, ctx: Context) {
    const status = (err as any).status;
    if (status === 404) return send(ctx, 404, 'NOT_FOUND', `${ctx.method} ${ctx.path} 不存在`);
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // koa-bodyparser and friends throw plain http-errors
      return send(ctx, status, 'VALIDATION_FAILED', err.message, [{ field: 'body', reason: err.message }]);
    }
    ctx.logger.error(err);
    return send(ctx, 500, 'INTERNAL', ErrorCodes.INTERNAL.message);
  }
}
