import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { ValidationError } from '../../../common/error/domain.error';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { PRIVACY_CONSENT_GATE, type PrivacyConsentGate } from '../../../common/security/privacy-consent.gate';
import { AuditService } from '../../audit/service/audit.service';
import { EndUserEntity } from '../entity/end-user.entity';
import { PrivacyConsentEntity } from '../entity/privacy-consent.entity';

/** Bounds the memory of the accepted-accounts cache; past it the cache starts over. */
const ACCEPTED_CACHE_MAX = 100_000;

/**
 * Privacy consent of the passenger and driver apps (design.md §3 "Personal data"). Each acceptance
 * is kept as a row (who, which version, when, from where) and audited; end_user.privacy_version
 * holds the newest one for the profile and the access guard.
 *
 * The version in force is the one the apps ship with (PRIVACY_POLICY_VERSION in contracts), so the
 * text a user reads and the version recorded are the same; a new version is a new release.
 */
@Provide(PRIVACY_CONSENT_GATE)
@Scope(ScopeEnum.Singleton)
export class PrivacyConsentService implements PrivacyConsentGate {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  /**
   * Accounts known to have accepted the version in force, so the guard reads end_user once per
   * account rather than on every request. Only acceptance is cached: it is never undone and the
   * version in force changes only with a release (a new process), so an entry cannot go stale here
   * or in another process, while "not yet accepted" is always read fresh.
   */
  private accepted = new Set<number>();

  /** EndUserProfile.privacyConsentRequired: null when accepted, else the version to accept. */
  requiredVersion(acceptedVersion: string | null): string | null {
    return acceptedVersion === PRIVACY_POLICY_VERSION ? null : PRIVACY_POLICY_VERSION;
  }

  async isAccepted(subjectId: number): Promise<boolean> {
    if (this.accepted.has(subjectId)) return true;
    const user = await EndUserEntity.findByPk(subjectId, { attributes: ['id', 'privacyVersion'] });
    const accepted = user?.privacyVersion === PRIVACY_POLICY_VERSION;
    if (accepted) this.remember(subjectId);
    return accepted;
  }

  /** Accepting another version than the one in force would record consent to a text not shown. */
  async accept(principal: EndUserPrincipal, policyVersion: string, origin: RequestOrigin): Promise<void> {
    if (policyVersion !== PRIVACY_POLICY_VERSION) {
      throw new ValidationError([{ field: 'policyVersion', reason: `隐私政策已更新，当前版本为 ${PRIVACY_POLICY_VERSION}，请重新阅读后同意` }]);
    }
    const acceptedAt = new Date();
    await this.db.transaction(async (t) => {
      await PrivacyConsentEntity.create(
        { endUserId: principal.subjectId, audience: principal.audience, policyVersion, acceptedAt, ip: origin.ip, userAgent: origin.userAgent?.slice(0, 255) ?? null },
        { transaction: t },
      );
      await EndUserEntity.update({ privacyVersion: policyVersion, privacyAt: acceptedAt }, { where: { id: principal.subjectId }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'privacy.consent', result: 'success', targetType: 'end_user', targetId: principal.subjectId, detail: { version: policyVersion, audience: principal.audience } }, t);
    });
    this.remember(principal.subjectId);
  }

  private remember(subjectId: number): void {
    if (this.accepted.size >= ACCEPTED_CACHE_MAX) this.accepted.clear();
    this.accepted.add(subjectId);
  }
}
