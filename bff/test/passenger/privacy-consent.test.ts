import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { consentExempt } from '../../src/common/security/access.guard';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { PrivacyConsentEntity } from '../../src/modules/passenger/entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { idCard, passenger } from './helpers';

describe('privacy consent gate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  const rider = { name: '张三', idType: 'id_card', idNumber: idCard('1990-03-07') };

  it('R-8.2 before consent the app answers 403 PRIVACY.CONSENT_REQUIRED; after it, 200', async () => {
    const p = await passenger(t, 'gate-alice', { consent: false });
    const before = await t.request().get('/api/app/riders').set(p.auth);
    expect(before.status).toBe(403);
    expect(before.body.errorCode).toBe('PRIVACY.CONSENT_REQUIRED');
    const write = await t.request().post('/api/app/riders').set(p.auth).send(rider);
    expect(write.status).toBe(403);
    expect((await t.request().put('/api/app/profile').set(p.auth).send({ nickname: 'x' })).status).toBe(403);

    // what the app needs to find out and give consent stays open
    const profile = await t.request().get('/api/app/profile').set(p.auth);
    expect(profile.status).toBe(200);
    expect(profile.body.data.privacyConsentRequired).toBe(PRIVACY_POLICY_VERSION);
    expect((await t.request().get('/api/app/me').set(p.auth)).status).toBe(200);
    const state = await t.request().get('/api/app/privacy-consent').set(p.auth);
    expect(state.body.data).toEqual({ currentVersion: PRIVACY_POLICY_VERSION, acceptedVersion: null, acceptedAt: null, required: true });

    const accepted = await t.request().post('/api/app/privacy-consent').set(p.auth).set('user-agent', 'jest-agent').send({ version: PRIVACY_POLICY_VERSION });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ currentVersion: PRIVACY_POLICY_VERSION, acceptedVersion: PRIVACY_POLICY_VERSION, required: false });
    expect(accepted.body.data.acceptedAt).toEqual(expect.any(String));

    const after = await t.request().get('/api/app/riders').set(p.auth);
    expect(after.status).toBe(200);
    expect((await t.request().post('/api/app/riders').set(p.auth).send(rider)).status).toBe(200);

    const rows = await PrivacyConsentEntity.findAll({ where: { endUserId: p.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ audience: 'passenger', policyVersion: PRIVACY_POLICY_VERSION, userAgent: 'jest-agent' });
    expect(await AuditRecordEntity.count({ where: { action: 'privacy.consent', targetId: String(p.id) } })).toBe(1);
  });

  it('R-8.2 consent to a version other than the one in force is refused with the field and the reason', async () => {
    const p = await passenger(t, 'gate-bob', { consent: false });
    const res = await t.request().post('/api/app/privacy-consent').set(p.auth).send({ version: '2020-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'version', reason: expect.stringContaining(PRIVACY_POLICY_VERSION) }]);
    const missing = await t.request().post('/api/app/privacy-consent').set(p.auth).send({});
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('version');
    expect((await t.request().get('/api/app/riders').set(p.auth)).status).toBe(403);
  });

  it('R-8.2 the sign-in flow keeps working before consent: phone binding, sign-out, the account\'s own consent route', async () => {
    const p = await passenger(t, 'gate-carl', { consent: false });
    const code = t.sandbox.wechat.phoneCode(t.apps.passenger, 'gate-carl', '13500135000').code;
    expect((await t.request().post('/api/app/me/phone').set(p.auth).send({ code })).status).toBe(200);
    const older = await t.request().post('/api/app/me/privacy-consent').set(p.auth).send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect(older.status).toBe(200);
    expect((await t.request().get('/api/app/riders').set(p.auth)).status).toBe(200);
    expect((await t.request().post('/api/app/auth/logout').set(p.auth)).status).toBe(200);
  });

  it('R-8.2 drivers give consent through the driver app the same way', async () => {
    const res = await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, 'gate-dan').code });
    const auth = bearer(res.body.data.accessToken);
    expect((await t.request().get('/api/driver/privacy-consent').set(auth)).body.data.required).toBe(true);
    const ok = await t.request().post('/api/driver/privacy-consent').set(auth).send({ version: PRIVACY_POLICY_VERSION });
    expect(ok.body.data.required).toBe(false);
    expect(await PrivacyConsentEntity.count({ where: { endUserId: res.body.data.profile.id, audience: 'driver' } })).toBe(1);
    // a passenger token does not open the driver's consent, nor the reverse
    const p = await passenger(t, 'gate-eve', { consent: false });
    expect((await t.request().get('/api/driver/privacy-consent').set(p.auth)).status).toBe(403);
  });

  it('R-8.2 only sign-in, account read and consent routes are exempt; every other app and driver route is gated', () => {
    for (const [method, path] of [['POST', '/api/app/auth/logout'], ['GET', '/api/app/me'], ['POST', '/api/driver/me/privacy-consent'], ['POST', '/api/app/me/phone']]) {
      expect(consentExempt(method, path)).toBe(true);
    }
    for (const [method, path] of [['GET', '/api/app/riders'], ['GET', '/api/driver/trips'], ['PUT', '/api/app/me'], ['GET', '/api/app/mean'], ['GET', '/api/app/me/orders']]) {
      expect(consentExempt(method, path)).toBe(false);
    }
  });
});
