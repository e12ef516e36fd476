import { Config, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import * as argon2 from 'argon2';
import { Op } from 'sequelize';
import { randomBytes } from 'crypto';
import type { AdminLoginChallenge, AdminProfile, AdminSession, PermissionCode } from '@dzky/contracts';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import { DatabaseService } from '../../../common/db/database.service';
import { CounterStoreProvider } from '../../../common/kv/counter-store.provider';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { AdminUserEntity, AdminUserRoleEntity } from '../entity/admin-user.entity';
import { OrgEntity } from '../entity/org.entity';
import { RoleEntity } from '../entity/role.entity';
import { passwordProblems } from './password-policy';
import { SecuritySettingsService } from './security-settings.service';
import { SessionService, type AuthConfig } from './session.service';
import { enrolmentQr, matchingStep, newTotpSecret, totpFor } from './totp';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

// verified against when the user name is unknown, so both paths take about the same time
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/**
 * Admin sign-in: user name + password (argon2id), then a TOTP code — mandatory for every admin
 * account, enrolled by QR code at first sign-in. Lock-out after repeated failures, password expiry,
 * idle timeout; every success and failure is audited.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AdminAuthService {
  @Inject() private db: DatabaseService;
  @Inject() private sessions: SessionService;
  @Inject() private settings: SecuritySettingsService;
  @Inject() private audit: AuditService;
  @Inject() private cipher: FieldCipher;
  @Inject() private counters: CounterStoreProvider;
  @Config('auth') private config: AuthConfig;

  /**
   * Failed sign-ins per client address, across all user names: per-account lock-out alone does not
   * stop one address from trying one password against many accounts.
   */
  private static readonly IP_FAILURES = { max: 30, windowSeconds: 900 };

  async login(username: string, password: string, origin: RequestOrigin): Promise<AdminLoginChallenge> {
    await this.assertAddressNotThrottled(origin);
    const user = await AdminUserEntity.findOne({ where: { username } });
    if (!user) {
      await this.countAddressFailure(origin);
      await argon2.verify(await getDummyHash(), password).catch(() => false);
      await this.audit.record(origin, {
        category: 'auth', action: 'auth.login', result: 'failure', detail: { reason: 'unknown_user' },
        actor: { id: null, name: username.slice(0, 64), orgId: null, orgPath: null },
      });
      throw new DomainError('AUTH.BAD_CREDENTIALS');
    }
    const actor = await this.actorOf(user);
    await this.assertCanSignIn(user, origin, actor);
    if (!(await argon2.verify(user.passwordHash, password).catch(() => false))) {
      await this.fail(user, origin, actor, 'bad_password');
    }
    if (user.totpSecretEnc) {
      return { step: 'totp_verify', challengeToken: await this.sessions.challenge(user.id, 'totp_verify') };
    }
    // first sign-in: offer a new secret; it takes effect when the first code proves the app has it
    const secret = newTotpSecret();
    await AdminUserEntity.update({ totpPendingEnc: this.cipher.encrypt(secret) }, { where: { id: user.id } });
    const otpauthUrl = totpFor(secret, this.config.totpIssuer, user.username).toString();
    return {
      step: 'totp_enrol',
      challengeToken: await this.sessions.challenge(user.id, 'totp_enrol'),
      otpauthUrl,
      qrDataUrl: await enrolmentQr(otpauthUrl),
      secret,
    };
  }

  async verifyTotp(challengeToken: string, code: string, origin: RequestOrigin): Promise<AdminSession> {
    const challenge = await this.sessions.readChallenge(challengeToken);
    const user = await AdminUserEntity.findByPk(challenge.userId);
    if (!user) throw new DomainError('AUTH.CHALLENGE_INVALID');
    const actor = await this.actorOf(user);
    await this.assertCanSignIn(user, origin, actor);
    const enrolling = challenge.step === 'totp_enrol';
    const secretEnc = enrolling ? user.totpPendingEnc : user.totpSecretEnc;
    if (!secretEnc) throw new DomainError('AUTH.CHALLENGE_INVALID');
    const step = matchingStep(this.cipher.decrypt(secretEnc), code);
    // a code is accepted once: a replayed or older code fails like a wrong one
    if (step === null || (user.totpLastStep !== null && step <= Number(user.totpLastStep))) {
      await this.fail(user, origin, actor, step === null ? 'bad_totp' : 'totp_replay', 'AUTH.TOTP_INVALID');
    }
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update(
        {
          totpLastStep: step,
          failedAttempts: 0,
          lockedUntil: null,
          lastLoginAt: new Date(),
          ...(enrolling ? { totpSecretEnc: secretEnc, totpPendingEnc: null } : {}),
        },
        { where: { id: user.id }, transaction: t },
      );
      if (enrolling) await this.audit.record(origin, { category: 'security', action: 'security.totp_enrol', result: 'success', targetType: 'admin_user', targetId: user.id, actor }, t);
      await this.audit.record(origin, { category: 'auth', action: 'auth.login', result: 'success', actor }, t);
    });
    const tokens = await this.sessions.issue('admin', user.id, origin);
    const principal = await this.loadPrincipal(user.id, tokens.sessionId);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, refreshToken: tokens.refreshToken, profile: this.profile(principal) };
  }

  async refresh(refreshToken: string): Promise<AdminSession> {
    const { idleTimeoutMinutes } = await this.settings.get();
    const { session, ...tokens } = await this.sessions.refresh('admin', refreshToken, idleTimeoutMinutes);
    const principal = await this.loadPrincipal(session.subjectId, session.id);
    if (!principal) {
      await this.sessions.revoke(session.id, 'user_disabled');
      throw new DomainError('AUTH.ACCOUNT_DISABLED');
    }
    return { ...tokens, profile: this.profile(principal) };
  }

  async logout(principal: AdminPrincipal, origin: RequestOrigin): Promise<void> {
    await this.sessions.revoke(principal.sessionId, 'logout');
    await this.audit.record(origin, { category: 'auth', action: 'auth.logout', result: 'success' });
  }

  async changePassword(principal: AdminPrincipal, oldPassword: string, newPassword: string, origin: RequestOrigin): Promise<void> {
    const user = await AdminUserEntity.findByPk(principal.subjectId);
    if (!user || !(await argon2.verify(user.passwordHash, oldPassword).catch(() => false))) {
      await this.audit.record(origin, { category: 'security', action: 'security.password_change', result: 'failure', targetType: 'admin_user', targetId: principal.subjectId, detail: { reason: 'bad_old_password' } });
      throw new ValidationError([{ field: 'oldPassword', reason: '当前密码不正确' }]);
    }
    const problems = passwordProblems(newPassword, user.username).map((p) => ({ ...p, field: 'newPassword' }));
    if (problems.length) throw new DomainError('AUTH.PASSWORD_WEAK', problems.map((p) => p.reason).join('；'), { errors: problems });
    if (await argon2.verify(user.passwordHash, newPassword).catch(() => false)) {
      throw new DomainError('AUTH.PASSWORD_REUSED', undefined, { errors: [{ field: 'newPassword', reason: '不能与当前密码相同' }] });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.transaction(async (t) => {
      await AdminUserEntity.update({ passwordHash, passwordChangedAt: new Date(), mustChangePassword: false }, { where: { id: user.id }, transaction: t });
      await this.audit.record(origin, { category: 'security', action: 'security.password_change', result: 'success', targetType: 'admin_user', targetId: user.id }, t);
    });
    // other devices signed in with the old password are signed out
    await this.sessions.revokeAll('admin', user.id, 'password_changed', principal.sessionId);
  }

  /** Authenticates an access token and loads who it is, with permissions. */
  async authenticate(token: string): Promise<AdminPrincipal> {
    const { idleTimeoutMinutes } = await this.settings.get();
    const session = await this.sessions.authenticate('admin', token, idleTimeoutMinutes);
    const principal = await this.loadPrincipal(session.subjectId, session.id);
    if (!principal) {
      await this.sessions.revoke(session.id, 'user_disabled');
      throw new DomainError('AUTH.ACCOUNT_DISABLED');
    }
    return principal;
  }

  async loadPrincipal(userId: number, sessionId: string): Promise<AdminPrincipal | null> {
    const user = await AdminUserEntity.findByPk(userId);
    if (!user || !user.enabled) return null;
    const org = await OrgEntity.findByPk(user.orgId);
    if (!org || !org.enabled) return null;
    const links = await AdminUserRoleEntity.findAll({ where: { userId } });
    const roles = links.length ? await RoleEntity.findAll({ where: { id: { [Op.in]: links.map((l) => l.roleId) } } }) : [];
    const { passwordMaxAgeDays } = await this.settings.get();
    const passwordExpiresAt = passwordMaxAgeDays > 0 ? new Date(user.passwordChangedAt.getTime() + passwordMaxAgeDays * 86_400_000) : null;
    const expired = passwordExpiresAt !== null && passwordExpiresAt.getTime() < Date.now();
    return {
      audience: 'admin',
      sessionId,
      subjectId: user.id,
      username: user.username,
      displayName: user.displayName,
      orgId: org.id,
      orgPath: org.path,
      orgKind: org.kind,
      orgName: org.name,
      regionCode: org.regionCode,
      roles: roles.map((r) => r.code),
      permissions: new Set<PermissionCode>(roles.flatMap((r) => r.permissions)),
      mustChangePassword: user.mustChangePassword || expired,
      passwordExpiresAt,
    };
  }

  profile(principal: AdminPrincipal | null): AdminProfile {
    if (!principal) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    return {
      id: principal.subjectId,
      username: principal.username,
      displayName: principal.displayName,
      orgId: principal.orgId,
      orgName: principal.orgName,
      orgKind: principal.orgKind,
      roles: principal.roles,
      permissions: [...principal.permissions].sort(),
      mustChangePassword: principal.mustChangePassword,
      passwordExpiresAt: principal.passwordExpiresAt?.toISOString() ?? null,
    };
  }

  private async actorOf(user: AdminUserEntity) {
    const org = await OrgEntity.findByPk(user.orgId);
    return { id: user.id, name: user.username, orgId: user.orgId, orgPath: org?.path ?? null };
  }

  private async assertCanSignIn(user: AdminUserEntity, origin: RequestOrigin, actor: Awaited<ReturnType<AdminAuthService['actorOf']>>) {
    if (!user.enabled) {
      await this.audit.record(origin, { category: 'auth', action: 'auth.login', result: 'failure', detail: { reason: 'disabled' }, actor });
      throw new DomainError('AUTH.ACCOUNT_DISABLED');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await this.audit.record(origin, { category: 'auth', action: 'auth.login', result: 'failure', detail: { reason: 'locked' }, actor });
      throw new DomainError('AUTH.ACCOUNT_LOCKED', `账号已锁定，请于 ${minutesUntil(user.lockedUntil)} 分钟后再试`, {
        detail: { lockedUntil: user.lockedUntil.toISOString() },
      });
    }
  }

  private addressKey(origin: RequestOrigin): string | null {
    return origin.ip ? `admin-login-fail:${origin.ip}` : null;
  }

  private async assertAddressNotThrottled(origin: RequestOrigin): Promise<void> {
    const key = this.addressKey(origin);
    const { max, windowSeconds } = AdminAuthService.IP_FAILURES;
    if (key && (await this.counters.store.peek(key, windowSeconds)) >= max) {
      await this.audit.record(origin, { category: 'auth', action: 'auth.login', result: 'failure', detail: { reason: 'address_throttled' } });
      throw new DomainError('RATE_LIMITED', '登录失败次数过多，请稍后再试');
    }
  }

  private async countAddressFailure(origin: RequestOrigin): Promise<void> {
    const key = this.addressKey(origin);
    if (key) await this.counters.store.hit(key, AdminAuthService.IP_FAILURES.windowSeconds);
  }

  /** Counts a failed password or TOTP; the threshold-th failure in a row locks the account. */
  private async fail(user: AdminUserEntity, origin: RequestOrigin, actor: any, reason: string, code: 'AUTH.BAD_CREDENTIALS' | 'AUTH.TOTP_INVALID' = 'AUTH.BAD_CREDENTIALS'): Promise<never> {
    const { lockoutThreshold, lockoutMinutes } = await this.settings.get();
    await this.countAddressFailure(origin);
    const locked = await this.db.transaction(async (t) => {
      const fresh = await AdminUserEntity.findByPk(user.id, { transaction: t, lock: t.LOCK.UPDATE });
      const attempts = (fresh?.failedAttempts ?? 0) + 1;
      const lockNow = attempts >= lockoutThreshold;
      const lockedUntil = lockNow ? new Date(Date.now() + lockoutMinutes * 60_000) : null;
      await AdminUserEntity.update({ failedAttempts: lockNow ? 0 : attempts, ...(lockNow ? { lockedUntil } : {}) }, { where: { id: user.id }, transaction: t });
      await this.audit.record(origin, { category: 'auth', action: 'auth.login', result: 'failure', detail: { reason, attempts }, actor }, t);
      if (lockNow) await this.audit.record(origin, { category: 'security', action: 'security.lockout', result: 'success', targetType: 'admin_user', targetId: user.id, detail: { minutes: lockoutMinutes }, actor }, t);
      return lockedUntil;
    });
    if (locked) throw new DomainError('AUTH.ACCOUNT_LOCKED', `连续失败次数过多，账号已锁定 ${lockoutMinutes} 分钟`, { detail: { lockedUntil: locked.toISOString() } });
    throw new DomainError(code);
  }
}

function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}
