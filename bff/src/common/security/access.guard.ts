import { Guard, Inject, type IGuard } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import type { Audience } from '@dzky/contracts';
import { DomainError } from '../error/domain.error';
import { AdminAuthService } from '../../modules/access/service/admin-auth.service';
import { SessionService } from '../../modules/access/service/session.service';
import { AuditService } from '../../modules/audit/service/audit.service';
import { accessMetadata } from './access.decorator';
import { originOf } from './origin';
import { PRIVACY_CONSENT_GATE, type PrivacyConsentGate } from './privacy-consent.gate';

const AUDIENCE_BY_PREFIX: [string, Audience][] = [
  ['/api/admin/', 'admin'],
  ['/api/app/', 'passenger'],
  ['/api/driver/', 'driver'],
];

export function audienceOf(path: string): Audience | null {
  return AUDIENCE_BY_PREFIX.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null;
}

/**
 * Default deny: every route under /api/{admin,app,driver} needs a valid token of that audience
 * unless marked @Public(); admin routes then check @RequirePermission. Refusals of signed-in users
 * are audited as denied access. Passengers and drivers must also have accepted the privacy policy
 * in force, except on routes marked @AllowWithoutPrivacyConsent().
 */
@Guard()
export class AccessGuard implements IGuard<Context> {
  @Inject() private adminAuth: AdminAuthService;
  @Inject() private sessions: SessionService;
  @Inject() private audit: AuditService;
  @Inject(PRIVACY_CONSENT_GATE) private consents: PrivacyConsentGate;

  async canActivate(ctx: Context, supplierClz: any, methodName: string): Promise<boolean> {
    const meta = accessMetadata(supplierClz, methodName);
    const audience = audienceOf(ctx.path);
    if (meta.isPublic || !audience) return true;
    const token = /^Bearer (.+)$/i.exec(ctx.get('authorization'))?.[1];
    if (!token) throw new DomainError('AUTH.UNAUTHENTICATED');
    try {
      if (audience === 'admin') {
        const principal = await this.adminAuth.authenticate(token);
        ctx.state.principal = principal;
        if (principal.mustChangePassword && !meta.allowDuringPasswordChange) throw new DomainError('AUTH.PASSWORD_EXPIRED');
        if (meta.permissions.length && !meta.permissions.some((p) => principal.permissions.has(p))) {
          throw new DomainError('ACCESS.DENIED', `需要权限：${meta.permissions.join(' 或 ')}`);
        }
      } else {
        const session = await this.sessions.authenticate(audience, token);
        ctx.state.principal = { audience, sessionId: session.id, subjectId: session.subjectId };
        // personal data is processed only after consent to the policy in force (design.md §3)
        if (!meta.allowWithoutPrivacyConsent && !(await this.consents.isAccepted(session.subjectId))) {
          throw new DomainError('PRIVACY.CONSENT_REQUIRED');
        }
      }
    } catch (e) {
      if (e instanceof DomainError && (e.errorCode === 'ACCESS.DENIED' || e.errorCode === 'AUTH.WRONG_AUDIENCE')) {
        await this.audit.record(originOf(ctx), {
          category: 'access_denied', action: `${ctx.method} ${ctx.routerPath ?? ctx.path}`.slice(0, 64), result: 'denied',
          detail: { reason: e.errorCode, path: ctx.path, required: meta.permissions },
        });
      }
      throw e;
    }
    return true;
  }
}
