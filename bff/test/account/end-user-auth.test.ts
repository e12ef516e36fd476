import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { EndUserEntity, SmsCodeEntity } from '../../src/modules/account/entity/end-user.entity';
import { bearer, startApp, type TestApp } from '../support/app';

describe('passenger and driver sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  const smsCode = (phone: string) => {
    const [latest] = t.sandbox.sms.messages(phone);
    return (latest.TemplateParam as any).code as string;
  };
  const send = (phone: string, app = 'app') => t.request().post(`/api/${app}/auth/sms/send`).send({ phone });
  const smsLogin = (phone: string, code: string, app = 'app') => t.request().post(`/api/${app}/auth/sms/login`).send({ phone, code });

  it('R-6.2.1 an H5 passenger signs in with a phone number and an SMS code, then accepts the privacy policy', async () => {
    const sent = await send('13800138000');
    expect(sent.status).toBe(200);
    expect(sent.body.data).toEqual({ resendAfter: 60, expiresIn: 300 });
    const login = await smsLogin('13800138000', smsCode('13800138000'));
    expect(login.status).toBe(200);
    const { accessToken, profile } = login.body.data;
    expect(profile).toMatchObject({ audience: 'passenger', phone: '138****8000', privacyConsentRequired: PRIVACY_POLICY_VERSION });
    const consent = await t.request().post('/api/app/me/privacy-consent').set(bearer(accessToken)).send({ policyVersion: PRIVACY_POLICY_VERSION });
    expect(consent.body.data.privacyConsentRequired).toBeNull();
    const me = await t.request().get('/api/app/me').set(bearer(accessToken));
    expect(me.body.data.privacyPolicyVersion).toBe(PRIVACY_POLICY_VERSION);
  });

  it('R-8.2 phone numbers are stored encrypted, never in plain text', async () => {
    const rows = await EndUserEntity.findAll({ raw: true });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain('13800138000');
    const codes = await SmsCodeEntity.findAll({ raw: true });
    for (const row of codes) expect(JSON.stringify(row)).not.toContain('13800138000');
  });

  it('R-8.1 an SMS code works once only', async () => {
    await send('13900139000');
    const code = smsCode('13900139000');
    expect((await smsLogin('13900139000', code)).status).toBe(200);
    const again = await smsLogin('13900139000', code);
    expect(again.status).toBe(401);
    expect(again.body.errorCode).toBe('AUTH.SMS_CODE_INVALID');
  });

  it('R-8.1 an expired SMS code is refused', async () => {
    await send('13700137000');
    const code = smsCode('13700137000');
    await SmsCodeEntity.update({ expiresAt: new Date(Date.now() - 1000) }, { where: { consumedAt: null } });
    const res = await smsLogin('13700137000', code);
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('AUTH.SMS_CODE_INVALID');
  });

  it('R-8.1 five wrong guesses burn the code', async () => {
    await send('13600136000');
    const code = smsCode('13600136000');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await smsLogin('13600136000', wrong)).status).toBe(401);
    expect((await smsLogin('13600136000', code)).status).toBe(401);
  });

  it('R-8.1 SMS codes are rate limited per number: one a minute, five an hour', async () => {
    const phone = '13500135000';
    expect((await send(phone)).status).toBe(200);
    const soon = await send(phone);
    expect(soon.status).toBe(429);
    expect(soon.body.errorCode).toBe('RATE_LIMITED');
    // move the earlier codes back past the one-minute interval (but within the hour), and the
    // sandbox's own per-minute flow control out of the way
    for (let i = 2; i <= 5; i++) {
      await SmsCodeEntity.update({ createdAt: new Date(Date.now() - 2 * 60_000) }, { where: {} });
      await fetch(`${t.sandbox.sms.url}/__sandbox/reset`, { method: 'POST' });
      expect((await send(phone)).status).toBe(200);
    }
    await SmsCodeEntity.update({ createdAt: new Date(Date.now() - 2 * 60_000) }, { where: {} });
    const sixth = await send(phone);
    expect(sixth.status).toBe(429);
    expect(t.sandbox.sms.messages(phone).length).toBeLessThanOrEqual(5);
  });

  it('R-6.2.1 a bad phone number is refused with the field and the reason', async () => {
    const res = await send('12345');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'phone', reason: expect.stringContaining('手机号') }]);
  });

  it('R-6.1.1 mini-program users sign in with WeChat; identities are keyed by (appid, openid)', async () => {
    const first = t.sandbox.wechat.login(t.apps.passenger, 'alice');
    const a = await t.request().post('/api/app/auth/wechat').send({ code: first.code });
    expect(a.status).toBe(200);
    const again = await t.request().post('/api/app/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.passenger, 'alice').code });
    expect(again.body.data.profile.id).toBe(a.body.data.profile.id);
    // the same person in the driver app is a different account of a different audience
    const driver = await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, 'alice').code });
    expect(driver.status).toBe(200);
    expect(driver.body.data.profile.audience).toBe('driver');
    expect(driver.body.data.profile.id).not.toBe(a.body.data.profile.id);
    // a wx.login code is single-use
    const reused = await t.request().post('/api/app/auth/wechat').send({ code: first.code });
    expect(reused.status).toBe(401);
    expect(reused.body.errorCode).toBe('AUTH.WECHAT_LOGIN_FAILED');
  });

  it('R-6.1.1 binding a phone in the mini-program joins the account that H5 created for that number', async () => {
    await send('13400134000');
    const h5 = await smsLogin('13400134000', smsCode('13400134000'));
    const wx = await t.request().post('/api/app/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.passenger, 'bob').code });
    expect(wx.body.data.profile.id).not.toBe(h5.body.data.profile.id);
    const code = t.sandbox.wechat.phoneCode(t.apps.passenger, 'bob', '13400134000').code;
    const bound = await t.request().post('/api/app/me/phone').set(bearer(wx.body.data.accessToken)).send({ code });
    expect(bound.status).toBe(200);
    expect(bound.body.data).toMatchObject({ id: h5.body.data.profile.id, phone: '134****4000', wechatBound: true });
    const me = await t.request().get('/api/app/me').set(bearer(wx.body.data.accessToken));
    expect(me.body.data.id).toBe(h5.body.data.profile.id);
  });

  it('R-8.1 passenger and driver tokens are refused on admin routes and on each other\'s', async () => {
    await send('13300133000');
    const p = await smsLogin('13300133000', smsCode('13300133000'));
    const token = p.body.data.accessToken;
    for (const url of ['/api/admin/users', '/api/admin/auth/me', '/api/driver/me']) {
      const res = await t.request().get(url).set(bearer(token));
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('AUTH.WRONG_AUDIENCE');
    }
    const driverToken = (await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, 'carl').code })).body.data.accessToken;
    expect((await t.request().get('/api/app/me').set(bearer(driverToken))).status).toBe(403);
    expect((await t.request().get('/api/admin/orgs').set(bearer(driverToken))).status).toBe(403);
  });

  it('R-8.1 passenger sessions refresh with rotation and end on sign-out', async () => {
    await send('13200132000');
    const s = (await smsLogin('13200132000', smsCode('13200132000'))).body.data;
    const r = await t.request().post('/api/app/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(r.status).toBe(200);
    expect((await t.request().post('/api/app/auth/logout').set(bearer(r.body.data.accessToken))).status).toBe(200);
    expect((await t.request().get('/api/app/me').set(bearer(r.body.data.accessToken))).status).toBe(401);
  });
});
