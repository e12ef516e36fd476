import type { Context } from '@midwayjs/koa';
import type { AdminPrincipal, EndUserPrincipal, Principal, RequestOrigin } from './principal';
import { DomainError } from '../error/domain.error';

export function originOf(ctx: Context): RequestOrigin {
  return {
    ip: ctx.ip || null,
    userAgent: ctx.get('user-agent') || null,
    requestId: ctx.state.requestId ?? null,
    principal: ctx.state.principal as Principal | undefined,
  };
}

export function adminOf(ctx: Context): AdminPrincipal {
  const p = ctx.state.principal as Principal | undefined;
  if (!p || p.audience !== 'admin') throw new DomainError('AUTH.UNAUTHENTICATED');
  return p;
}

/** The signed-in passenger or driver of this request, of the app (audience) the route belongs to. */
export function endUserOf(ctx: Context, audience: EndUserPrincipal['audience']): EndUserPrincipal {
  const p = ctx.state.principal as Principal | undefined;
  if (!p || p.audience !== audience) throw new DomainError('AUTH.UNAUTHENTICATED');
  return p;
}
