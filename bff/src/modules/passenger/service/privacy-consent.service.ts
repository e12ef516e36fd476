import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { PRIVACY_POLICY_VERSION, type PrivacyConsentState } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity } from '../../account/entity/end-user.entity';
import { AuditService } from '../../audit/service/audit.service';
import { PrivacyConsentEntity } from '../entity';

export interface PrivacyConfig {
  /** the privacy policy version in force; a new version asks every user to accept again */
  policyVersion?: string;
}

/**
 * Privacy consent of the passenger and driver apps (design.md §3 "Personal data"). Each acceptance
 * is kept as a row (who, which version, when, from where); end_user.privacy_version holds the
 * newest one so the access guard decides with one primary-key read per request.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PrivacyConsentService {
  @Config('privacy') private config: PrivacyConfig | undefined;
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  /**
   * Config `privacy.policyVersion`; the default is the version the apps ship with (contracts), so
   * the text the user reads and the version the server asks for are the same unless overridden.
   */
  get currentVersion(): string {
    return this.config?.policyVersion || PRIVACY_POLICY_VERSION;
  }

  async isAccepted(subjectId: number): Promise<boolean> {
    const user = await EndUserEntity.findByPk(subjectId, { attributes: ['id', 'privacyVersion'] });
    return user?.privacyVersion === this.currentVersion;
  }

  async state(principal: EndUserPrincipal): Promise<PrivacyConsentState> {
    const user = await EndUserEntity.findByPk(principal.subjectId);
    if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    return {
      currentVersion: this.currentVersion,
      acceptedVersion: user.privacyVersion,
      acceptedAt: user.privacyAt ? user.privacyAt.toISOString() : null,
      required: user.privacyVersion !== this.currentVersion,
    };
  }

  /** Accepting an older version than the one in force would record consent to a text no longer shown. */
  async accept(principal: EndUserPrincipal, version: string, origin: RequestOrigin): Promise<PrivacyConsentState> {
    if (version !== this.currentVersion) {
      throw new ValidationError([{ field: 'version', reason: `隐私政策已更新，当前版本为 ${this.currentVersion}，请重新阅读后同意` }]);
    }
    const acceptedAt = new Date();
    await this.db.transaction(async (t) => {
      await PrivacyConsentEntity.create(
        { endUserId: principal.subjectId, audience: principal.audience, policyVersion: version, acceptedAt, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 255) ?? null },
        { transaction: t },
      );
      await EndUserEntity.update({ privacyVersion: version, privacyAt: acceptedAt }, { where: { id: principal.subjectId }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'privacy.consent', result: 'success', targetType: 'end_user', targetId: principal.subjectId, detail: { version, audience: principal.audience } }, t);
    });
    return this.state(principal);
  }
}
