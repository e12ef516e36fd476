import { Config, Init, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { Op } from 'sequelize';
import type { Audience, TokenPair } from '@dzky/contracts';
import { DomainError } from '../../../common/error/domain.error';
import type { RequestOrigin } from '../../../common/security/principal';
import { AuthSessionEntity } from '../entity/auth-session.entity';

export interface AuthConfig {
  tokenSecret: string;
  adminAccessTtlSeconds: number;
  endUserAccessTtlSeconds: number;
  adminRefreshTtlSeconds: number;
  endUserRefreshTtlSeconds: number;
  challengeTtlSeconds: number;
  totpIssuer: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** lastSeenAt is written at most this often per session, to keep reads from becoming writes */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * Sessions and tokens for every audience. The access token is a short-lived JWT naming the session;
 * the refresh token is opaque, stored only as a hash, and rotates on every use. Because each
 * request checks the session row, sign-out and disabling a user end every session at once.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SessionService {
  @Config('auth')
  private config: AuthConfig;

  private secret: Uint8Array;

  @Init()
  init(): void {
    this.secret = new TextEncoder().encode(this.config.tokenSecret);
  }

  private ttl(audience: Audience) {
    return audience === 'admin'
      ? { access: this.config.adminAccessTtlSeconds, refresh: this.config.adminRefreshTtlSeconds }
      : { access: this.config.endUserAccessTtlSeconds, refresh: this.config.endUserRefreshTtlSeconds };
  }

  async issue(audience: Audience, subjectId: number, origin: RequestOrigin): Promise<TokenPair & { sessionId: string }> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = await AuthSessionEntity.create({
      id: randomUUID(),
      audience,
      subjectId,
      refreshHash: sha256(refreshToken),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.ttl(audience).refresh * 1000),
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 255) ?? null,
    });
    return { ...(await this.accessToken(session)), refreshToken, sessionId: session.id };
  }

  /** Rotates the refresh token. Presenting an already rotated token revokes the session (theft). */
  async refresh(audience: Audience, refreshToken: string, idleTimeoutMinutes?: number): Promise<TokenPair & { session: AuthSessionEntity }> {
    const hash = sha256(refreshToken);
    const session = await AuthSessionEntity.findOne({ where: { audience, [Op.or]: [{ refreshHash: hash }, { previousRefreshHash: hash }] } });
    if (!session) throw new DomainError('AUTH.SESSION_REVOKED');
    if (session.refreshHash !== hash) {
      await this.revoke(session.id, 'refresh_reuse');
      throw new DomainError('AUTH.SESSION_REVOKED', '登录凭证已被使用，为安全起见请重新登录');
    }
    await this.assertLive(session, idleTimeoutMinutes);
    const next = randomBytes(32).toString('base64url');
    const [updated] = await AuthSessionEntity.update(
      { refreshHash: sha256(next), previousRefreshHash: hash, lastSeenAt: new Date() },
      // compare-and-set: two concurrent refreshes with one token cannot both win
      { where: { id: session.id, refreshHash: hash } },
    );
    if (!updated) throw new DomainError('AUTH.SESSION_REVOKED');
    return { ...(await this.accessToken(session)), refreshToken: next, session };
  }

  /** Checks an access token for an audience and returns its live session. */
  async authenticate(audience: Audience, token: string, idleTimeoutMinutes?: number): Promise<AuthSessionEntity> {
    let payload: { sid?: string; aud?: unknown };
    try {
      ({ payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], typ: 'access' } as any));
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new DomainError('AUTH.TOKEN_EXPIRED');
      throw new DomainError('AUTH.UNAUTHENTICATED', '登录凭证无效');
    }
    if (payload.aud !== audience) throw new DomainError('AUTH.WRONG_AUDIENCE');
    const session = payload.sid ? await AuthSessionEntity.findByPk(payload.sid) : null;
    if (!session || session.audience !== audience) throw new DomainError('AUTH.SESSION_REVOKED');
    await this.assertLive(session, idleTimeoutMinutes);
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await AuthSessionEntity.update({ lastSeenAt: new Date() }, { where: { id: session.id } });
    }
    return session;
  }

  private async assertLive(session: AuthSessionEntity, idleTimeoutMinutes?: number): Promise<void> {
    if (session.revokedAt) {
      throw new DomainError(session.revokedReason === 'idle' ? 'AUTH.SESSION_IDLE' : 'AUTH.SESSION_REVOKED');
    }
    if (session.expiresAt.getTime() < Date.now()) throw new DomainError('AUTH.SESSION_REVOKED', '登录已过期，请重新登录');
    if (idleTimeoutMinutes && Date.now() - session.lastSeenAt.getTime() > idleTimeoutMinutes * 60_000) {
      await this.revoke(session.id, 'idle');
      throw new DomainError('AUTH.SESSION_IDLE');
    }
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await AuthSessionEntity.update({ revokedAt: new Date(), revokedReason: reason }, { where: { id: sessionId, revokedAt: null } });
  }

  /** Ends every session of an account: disabling, password reset, TOTP reset. */
  async revokeAll(audience: Audience, subjectId: number, reason: string, exceptSessionId?: string): Promise<number> {
    const where: any = { audience, subjectId, revokedAt: null };
    if (exceptSessionId) where.id = { [Op.ne]: exceptSessionId };
    const [n] = await AuthSessionEntity.update({ revokedAt: new Date(), revokedReason: reason }, { where });
    return n;
  }

  /** Moves a session to another account (a WeChat sign-in merged into the phone's account). */
  async reassign(sessionId: string, subjectId: number): Promise<void> {
    await AuthSessionEntity.update({ subjectId }, { where: { id: sessionId } });
  }

  private async accessToken(session: AuthSessionEntity): Promise<{ accessToken: string; expiresIn: number }> {
    const expiresIn = this.ttl(session.audience).access;
    const accessToken = await new SignJWT({ sid: session.id })
      .setProtectedHeader({ alg: 'HS256', typ: 'access' })
      .setAudience(session.audience)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.secret);
    return { accessToken, expiresIn };
  }

  /** Short-lived signed token for the step between password and TOTP. */
  async challenge(userId: number, step: 'totp_enrol' | 'totp_verify'): Promise<string> {
    return new SignJWT({ uid: userId, step })
      .setProtectedHeader({ alg: 'HS256', typ: 'challenge' })
      .setAudience('admin-challenge')
      .setIssuedAt()
      .setExpirationTime(`${this.config.challengeTtlSeconds}s`)
      .sign(this.secret);
  }

  async readChallenge(token: string): Promise<{ userId: number; step: 'totp_enrol' | 'totp_verify' }> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'], audience: 'admin-challenge', typ: 'challenge' } as any);
      return { userId: Number(payload.uid), step: payload.step as 'totp_enrol' | 'totp_verify' };
    } catch {
      throw new DomainError('AUTH.CHALLENGE_INVALID');
    }
  }
}
