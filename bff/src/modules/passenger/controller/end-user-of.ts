import type { Context } from '@midwayjs/koa';
import { DomainError } from '../../../common/error/domain.error';
import type { EndUserPrincipal } from '../../../common/security/principal';

/** The signed-in passenger or driver of this request (the guard has checked the audience). */
export function endUserOf(ctx: Context, audience: 'passenger' | 'driver'): EndUserPrincipal {
  const p = ctx.state.principal as EndUserPrincipal | undefined;
  if (!p || p.audience !== audience) throw new DomainError('AUTH.UNAUTHENTICATED');
  return p;
}
