import { TOTP, Secret } from 'otpauth';
import { AdminUserEntity } from '../../src/modules/access/entity/admin-user.entity';
import { AuthSessionEntity } from '../../src/modules/access/entity/auth-session.entity';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, nextTotpCode, PASSWORD, signIn, type TestAdmin } from '../support/fixtures';

describe('admin sign-in: password, TOTP, lock-out, sessions', () => {
  let t: TestApp;
  let sys: TestAdmin;
  beforeAll(async () => {
    t = await startApp();
    sys = await createAdmin(t.app, { username: 'sys', roles: ['system_admin'] });
  });
  afterAll(async () => t.close());

  const login = (username: string, password: string) => t.request().post('/api/admin/auth/login').send({ username, password });

  it('R-8.1 a new account enrols TOTP by QR code at first sign-in and must change its password first', async () => {
    const { accessToken } = await signIn(t.request, sys);
    const created = await t.request().post('/api/admin/users').set(bearer(accessToken))
      .send({ username: 'newbie', displayName: '新用户', orgId: 1, password: 'Initial#2026', roleIds: [] });
    expect(created.status).toBe(200);

    const step1 = await login('newbie', 'Initial#2026');
    expect(step1.status).toBe(200);
    expect(step1.body.data.step).toBe('totp_enrol');
    expect(step1.body.data.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(step1.body.data.otpauthUrl).toContain('otpauth://totp/');
    const secret = step1.body.data.secret as string;

    const wrong = await t.request().post('/api/admin/auth/totp').send({ challengeToken: step1.body.data.challengeToken, code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errorCode).toBe('AUTH.TOTP_INVALID');

    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
    const step2 = await t.request().post('/api/admin/auth/totp').send({ challengeToken: step1.body.data.challengeToken, code });
    expect(step2.status).toBe(200);
    expect(step2.body.data.profile.mustChangePassword).toBe(true);
    const token = step2.body.data.accessToken;

    const blocked = await t.request().get('/api/admin/users').set(bearer(token));
    expect(blocked.status).toBe(403);
    expect(blocked.body.errorCode).toBe('AUTH.PASSWORD_EXPIRED');

    const weak = await t.request().post('/api/admin/auth/password').set(bearer(token)).send({ oldPassword: 'Initial#2026', newPassword: 'alllowercase' });
    expect(weak.status).toBe(422);
    expect(weak.body.errorCode).toBe('AUTH.PASSWORD_WEAK');
    expect(weak.body.errors[0].field).toBe('newPassword');

    const wrongOld = await t.request().post('/api/admin/auth/password').set(bearer(token)).send({ oldPassword: 'Not-the-one#1', newPassword: 'Str0ng&Secure' });
    expect(wrongOld.status).toBe(422);
    expect(wrongOld.body.errors).toEqual([{ field: 'oldPassword', reason: '当前密码不正确' }]);

    const changed = await t.request().post('/api/admin/auth/password').set(bearer(token)).send({ oldPassword: 'Initial#2026', newPassword: 'Str0ng&Secure' });
    expect(changed.status).toBe(200);
    const me = await t.request().get('/api/admin/auth/me').set(bearer(token));
    expect(me.body.data.mustChangePassword).toBe(false);
    // the new password expires after the maximum age (90 days by default)
    const expiresInDays = (new Date(me.body.data.passwordExpiresAt).getTime() - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(89.9);
    expect(expiresInDays).toBeLessThanOrEqual(90);

    // enrolled: the next sign-in asks for a code and offers no new secret
    const again = await login('newbie', 'Str0ng&Secure');
    expect(again.body.data.step).toBe('totp_verify');
    expect(again.body.data.secret).toBeUndefined();
  });

  it('R-8.1 a TOTP code is accepted only once', async () => {
    const a = await login(sys.username, PASSWORD);
    const code = await nextTotpCode(sys.id, sys.totpSecret);
    expect((await t.request().post('/api/admin/auth/totp').send({ challengeToken: a.body.data.challengeToken, code })).status).toBe(200);
    const b = await login(sys.username, PASSWORD);
    const replay = await t.request().post('/api/admin/auth/totp').send({ challengeToken: b.body.data.challengeToken, code });
    expect(replay.status).toBe(401);
    expect(replay.body.errorCode).toBe('AUTH.TOTP_INVALID');
  });

  it('R-8.1 five failed sign-ins lock the account for 15 minutes, even against the right password', async () => {
    const victim = await createAdmin(t.app, { username: 'victim', roles: ['dispatcher'] });
    for (let i = 1; i <= 4; i++) {
      const res = await login('victim', 'wrong-password');
      expect(res.status).toBe(401);
      expect(res.body.errorCode).toBe('AUTH.BAD_CREDENTIALS');
    }
    const fifth = await login('victim', 'wrong-password');
    expect(fifth.status).toBe(423);
    expect(fifth.body.errorCode).toBe('AUTH.ACCOUNT_LOCKED');
    const right = await login('victim', victim.password);
    expect(right.status).toBe(423);
    const user = await AdminUserEntity.findByPk(victim.id);
    const minutes = (user!.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await AuditRecordEntity.count({ where: { action: 'security.lockout', targetId: String(victim.id) } })).toBe(1);

    // the lock ends when its time is up
    await AdminUserEntity.update({ lockedUntil: new Date(Date.now() - 1000) }, { where: { id: victim.id } });
    expect((await login('victim', victim.password)).status).toBe(200);
  });

  it('R-8.1 unknown user names fail exactly like wrong passwords, and are audited', async () => {
    const res = await login('nobody-here', 'whatever');
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('AUTH.BAD_CREDENTIALS');
    expect(await AuditRecordEntity.count({ where: { action: 'auth.login', result: 'failure', actorName: 'nobody-here' } })).toBe(1);
  });

  it('R-8.1 signing out ends the session at once; its refresh token is dead too', async () => {
    const s = await signIn(t.request, sys);
    expect((await t.request().get('/api/admin/auth/me').set(bearer(s.accessToken))).status).toBe(200);
    expect((await t.request().post('/api/admin/auth/logout').set(bearer(s.accessToken))).status).toBe(200);
    const after = await t.request().get('/api/admin/auth/me').set(bearer(s.accessToken));
    expect(after.status).toBe(401);
    expect(after.body.errorCode).toBe('AUTH.SESSION_REVOKED');
    const refresh = await t.request().post('/api/admin/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(refresh.status).toBe(401);
  });

  it('R-8.1 disabling a user ends every session of theirs at once', async () => {
    const d = await createAdmin(t.app, { username: 'leaver', roles: ['dispatcher'] });
    const s1 = await signIn(t.request, d);
    const s2 = await signIn(t.request, d);
    const admin = await signIn(t.request, sys);
    expect((await t.request().post(`/api/admin/users/${d.id}/disable`).set(bearer(admin.accessToken))).status).toBe(200);
    for (const s of [s1, s2]) {
      const res = await t.request().get('/api/admin/auth/me').set(bearer(s.accessToken));
      expect(res.status).toBe(401);
    }
    expect((await login('leaver', d.password)).body.errorCode).toBe('AUTH.ACCOUNT_DISABLED');
  });

  it('R-8.1 refresh tokens rotate; presenting a used one revokes the session (token theft)', async () => {
    const s = await signIn(t.request, sys);
    const r1 = await t.request().post('/api/admin/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body.data.refreshToken).not.toBe(s.refreshToken);
    const reuse = await t.request().post('/api/admin/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(reuse.status).toBe(401);
    // the thief's reuse also killed the legitimate holder's newer tokens
    expect((await t.request().get('/api/admin/auth/me').set(bearer(r1.body.data.accessToken))).status).toBe(401);
  });

  it('R-8.1 a session idle for more than 30 minutes is ended', async () => {
    const s = await signIn(t.request, sys);
    const me = await t.request().get('/api/admin/auth/me').set(bearer(s.accessToken));
    expect(me.status).toBe(200);
    await AuthSessionEntity.update({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }, { where: { subjectId: sys.id, revokedAt: null } });
    const idle = await t.request().get('/api/admin/auth/me').set(bearer(s.accessToken));
    expect(idle.status).toBe(401);
    expect(idle.body.errorCode).toBe('AUTH.SESSION_IDLE');
  });

  it('R-8.1 a password older than the maximum age must be changed before anything else', async () => {
    const old = await createAdmin(t.app, { username: 'oldpass', roles: ['dispatcher'] });
    await AdminUserEntity.update({ passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) }, { where: { id: old.id } });
    const s = await signIn(t.request, old);
    expect(s.profile.mustChangePassword).toBe(true);
    const res = await t.request().get('/api/admin/orgs').set(bearer(s.accessToken));
    expect(res.body.errorCode).toBe('AUTH.PASSWORD_EXPIRED');
  });

  it('R-8.1 a forged or foreign token is refused', async () => {
    const res = await t.request().get('/api/admin/auth/me').set(bearer('eyJhbGciOiJIUzI1NiJ9.e30.bad'));
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('AUTH.UNAUTHENTICATED');
    expect((await t.request().get('/api/admin/users')).body.errorCode).toBe('AUTH.UNAUTHENTICATED');
  });
});
