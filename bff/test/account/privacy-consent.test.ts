import { MidwayWebRouterService } from '@midwayjs/core';
import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { accessMetadata } from '../../src/common/security/access.decorator';
import { audienceOf } from '../../src/common/security/access.guard';
import { EndUserEntity } from '../../src/modules/account/entity/end-user.entity';
import { PrivacyConsentEntity } from '../../src/modules/account/entity/privacy-consent.entity';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { idCard, passenger } from '../passenger/helpers';

describe('privacy consent gate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  const rider = { name: '张三', idType: 'id_card', idNumber: idCard('1990-03-07') };
  const privacyAt = async (id: number) => (await EndUserEntity.findByPk(id))!.privacyAt;

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
    const me = await t.request().get('/api/app/me').set(p.auth);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ privacyPolicyVersion: null, privacyConsentRequired: PRIVACY_POLICY_VERSION });
    expect(await privacyAt(p.id)).toBeNull();

    const accepted = await t.request().post('/api/app/me/privacy-consent').set(p.auth).set('user-agent', 'jest-agent').send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toMatchObject({ id: p.id, privacyPolicyVersion: PRIVACY_POLICY_VERSION, privacyConsentRequired: null });
    expect(await privacyAt(p.id)).toEqual(expect.any(Date));

    const after = await t.request().get('/api/app/riders').set(p.auth);
    expect(after.status).toBe(200);
    expect((await t.request().post('/api/app/riders').set(p.auth).send(rider)).status).toBe(200);

    const rows = await PrivacyConsentEntity.findAll({ where: { endUserId: p.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ audience: 'passenger', policyVersion: PRIVACY_POLICY_VERSION, userAgent: 'jest-agent' });
    expect(rows[0].acceptedAt).toEqual(await privacyAt(p.id));
    expect(await AuditRecordEntity.count({ where: { action: 'privacy.consent', targetId: String(p.id) } })).toBe(1);
  });

  it('R-8.2 consent to a version other than the one in force is refused with the field and the reason', async () => {
    const p = await passenger(t, 'gate-bob', { consent: false });
    const res = await t.request().post('/api/app/me/privacy-consent').set(p.auth).send({ policyVersion: '2020-01-01' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'policyVersion', reason: expect.stringContaining(PRIVACY_POLICY_VERSION) }]);
    const missing = await t.request().post('/api/app/me/privacy-consent').set(p.auth).send({});
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('policyVersion');
    expect((await t.request().get('/api/app/riders').set(p.auth)).status).toBe(403);
    expect(await PrivacyConsentEntity.count({ where: { endUserId: p.id } })).toBe(0);
  });

  it('R-8.2 the sign-in flow keeps working before consent: phone binding, the consent itself, sign-out', async () => {
    const p = await passenger(t, 'gate-carl', { consent: false });
    const code = t.sandbox.wechat.phoneCode(t.apps.passenger, 'gate-carl', '13500135000').code;
    expect((await t.request().post('/api/app/me/phone').set(p.auth).send({ code })).status).toBe(200);
    const consent = await t.request().post('/api/app/me/privacy-consent').set(p.auth).send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect(consent.status).toBe(200);
    expect((await t.request().get('/api/app/riders').set(p.auth)).status).toBe(200);
    expect((await t.request().post('/api/app/auth/logout').set(p.auth)).status).toBe(200);
  });

  it('R-8.2 consent given in one session opens the account\'s other sessions at once', async () => {
    const first = await passenger(t, 'gate-fay', { consent: false });
    const second = await passenger(t, 'gate-fay', { consent: false });
    expect((await t.request().get('/api/app/riders').set(second.auth)).status).toBe(403);
    await t.request().post('/api/app/me/privacy-consent').set(first.auth).send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect((await t.request().get('/api/app/riders').set(second.auth)).status).toBe(200);
  });

  it('R-8.2 the guard reads the account once, not on every request, after consent', async () => {
    const p = await passenger(t, 'gate-gus');
    const reads = jest.spyOn(EndUserEntity, 'findByPk');
    try {
      for (let i = 0; i < 3; i++) expect((await t.request().get('/api/app/riders').set(p.auth)).status).toBe(200);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('R-8.2 drivers give consent through the driver app the same way', async () => {
    const res = await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, 'gate-dan').code });
    const auth = bearer(res.body.data.accessToken);
    expect((await t.request().get('/api/driver/me').set(auth)).body.data.privacyConsentRequired).toBe(PRIVACY_POLICY_VERSION);
    const ok = await t.request().post('/api/driver/me/privacy-consent').set(auth).send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect(ok.body.data.privacyConsentRequired).toBeNull();
    expect(await PrivacyConsentEntity.count({ where: { endUserId: res.body.data.profile.id, audience: 'driver' } })).toBe(1);
    // a passenger token does not open the driver's consent, nor the reverse
    const p = await passenger(t, 'gate-eve', { consent: false });
    expect((await t.request().post('/api/driver/me/privacy-consent').set(p.auth).send({ policyVersion: PRIVACY_POLICY_VERSION })).status).toBe(403);
    expect((await t.request().post('/api/app/me/privacy-consent').set(auth).send({ policyVersion: PRIVACY_POLICY_VERSION })).status).toBe(403);
  });

  it('R-8.2 only sign-in, account read, phone binding, consent, the profile read and the public timetable are open before consent; every other app and driver route is gated', async () => {
    const router = await t.app.getApplicationContext().getAsync(MidwayWebRouterService);
    const open: string[] = [];
    const gated: string[] = [];
    for (const r of await router.getFlattenRouterTable()) {
      const url = String(r.fullUrl);
      if (audienceOf(url) !== 'passenger' && audienceOf(url) !== 'driver') continue;
      const meta = accessMetadata(r.controllerClz, String(r.method));
      (meta.isPublic || meta.allowWithoutPrivacyConsent ? open : gated).push(`${r.requestMethod.toUpperCase()} ${url}`);
    }
    const account = (app: string) => [
      `POST /api/${app}/auth/wechat`, `POST /api/${app}/auth/sms/send`, `POST /api/${app}/auth/sms/login`, `POST /api/${app}/auth/refresh`,
      `POST /api/${app}/auth/logout`, `GET /api/${app}/me`, `POST /api/${app}/me/phone`, `POST /api/${app}/me/privacy-consent`,
    ];
    // the timetable, notices and weather are public information: anyone may browse before signing in
    const timetable = ['home', 'cities', 'trips', 'trips/:id', 'trips/:id/seats', 'stops', 'travel-info'].map((p) => `GET /api/app/${p}`);
    // so is the customer-service hotline
    const hotline = 'GET /api/app/feedback/settings';
    expect(open.sort()).toEqual([...account('app'), ...account('driver'), 'GET /api/app/profile', ...timetable, hotline].sort());
    expect(gated).toEqual(expect.arrayContaining([
      'GET /api/app/riders', 'POST /api/app/riders', 'PUT /api/app/profile', 'POST /api/app/orders', 'GET /api/app/orders', 'GET /api/app/orders/:id',
      'POST /api/app/orders/:id/pay', 'POST /api/app/orders/:id/refunds', 'GET /api/app/orders/:id/vouchers',
    ]));
  });
});
