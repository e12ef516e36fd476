import { PRIVACY_POLICY_VERSION } from '@dzky/contracts';
import { WechatIdentityEntity } from '../../src/modules/account/entity/end-user.entity';
import { bearer, startApp, type TestApp } from '../support/app';

/** The H5 passenger app inside WeChat: it must know the payer's official-account openid to pay. */
describe('WeChat web authorisation of the H5 passenger app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  const H5_PAGE = 'http://localhost:7200/#/pages/order/detail/index?id=1';

  /** An H5 passenger signed in by phone + SMS code, with the privacy policy accepted. */
  async function passenger(phone: string): Promise<{ token: string; id: number }> {
    await t.request().post('/api/app/auth/sms/send').send({ phone });
    const [sms] = t.sandbox.sms.messages(phone);
    const login = await t.request().post('/api/app/auth/sms/login').send({ phone, code: (sms.TemplateParam as any).code });
    const token = login.body.data.accessToken as string;
    await t.request().post('/api/app/me/privacy-consent').set(bearer(token)).send({ policyVersion: PRIVACY_POLICY_VERSION });
    return { token, id: login.body.data.profile.id };
  }

  const authUrl = (token: string, redirect: string) =>
    t.request().get('/api/app/wechat/web-auth-url').query({ redirect }).set(bearer(token));
  const link = (token: string, code: string) => t.request().post('/api/app/wechat/web-auth').set(bearer(token)).send({ code });

  /** The browser inside WeChat of `wechatUser` opens the link and comes back to the H5 page. */
  async function followInWechat(url: string, wechatUser: string): Promise<URL> {
    const visit = new URL(url);
    visit.searchParams.set('sandbox_user', wechatUser);
    const res = await fetch(visit, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  const officialRows = (endUserId?: number) =>
    WechatIdentityEntity.findAll({ where: { appid: t.apps.official, ...(endUserId ? { endUserId } : {}) }, raw: true });

  it('R-6.2.4 follows the authorisation from the sandbox back to the H5 page and links the official-account openid once', async () => {
    const alice = await passenger('13800138001');
    const res = await authUrl(alice.token, H5_PAGE);
    expect(res.status).toBe(200);
    const { url, state } = res.body.data;
    const link0 = new URL(url);
    expect(link0.origin + link0.pathname).toBe(`${t.sandbox.wechat.url}/connect/oauth2/authorize`);
    expect(Object.fromEntries(link0.searchParams)).toEqual({
      appid: t.apps.official,
      redirect_uri: H5_PAGE,
      response_type: 'code',
      scope: 'snsapi_base',
      state,
    });
    expect(link0.hash).toBe('#wechat_redirect');

    const back = await followInWechat(url, 'alice-wechat');
    expect(back.origin).toBe('http://localhost:7200');
    expect(back.hash).toBe('#/pages/order/detail/index?id=1');
    expect(back.searchParams.get('state')).toBe(state);
    const linked = await link(alice.token, back.searchParams.get('code')!);
    expect(linked.status).toBe(200);
    expect(linked.body.data).toEqual({ linked: true });

    const openid = t.sandbox.wechat.state.openidOf(t.apps.official, 'alice-wechat');
    expect(await officialRows(alice.id)).toEqual([
      expect.objectContaining({ endUserId: alice.id, appid: t.apps.official, openid, unionid: t.sandbox.wechat.state.unionidOf('alice-wechat') }),
    ]);
    // a later visit in the same WeChat gives a new code for the same openid: still one identity
    const again = await followInWechat((await authUrl(alice.token, H5_PAGE)).body.data.url, 'alice-wechat');
    expect((await link(alice.token, again.searchParams.get('code')!)).body.data).toEqual({ linked: true });
    expect(await officialRows(alice.id)).toHaveLength(1);
    expect((await t.request().get('/api/app/me').set(bearer(alice.token))).body.data.wechatBound).toBe(true);
  });

  it('R-6.2.4 a code already used is refused with a stable code and changes nothing', async () => {
    const dan = await passenger('13800138002');
    const back = await followInWechat((await authUrl(dan.token, H5_PAGE)).body.data.url, 'dan-wechat');
    const code = back.searchParams.get('code')!;
    expect((await link(dan.token, code)).status).toBe(200);
    const reused = await link(dan.token, code);
    expect(reused.status).toBe(422);
    expect(reused.body.errorCode).toBe('VALIDATION_FAILED');
    expect(reused.body.errors).toEqual([{ field: 'code', reason: expect.any(String) }]);
    expect(await officialRows(dan.id)).toHaveLength(1);
  });

  it('R-6.2.4 an openid linked to one passenger is refused for another (ACCOUNT.WECHAT_BOUND_ELSEWHERE)', async () => {
    const erin = await passenger('13800138003');
    const frank = await passenger('13800138004');
    await link(erin.token, t.sandbox.wechat.webAuth(t.apps.official, 'shared-phone').code);
    const refused = await link(frank.token, t.sandbox.wechat.webAuth(t.apps.official, 'shared-phone').code);
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe('ACCOUNT.WECHAT_BOUND_ELSEWHERE');
    expect(await officialRows(frank.id)).toEqual([]);
    expect((await officialRows(erin.id)).map((r) => r.openid)).toEqual([t.sandbox.wechat.state.openidOf(t.apps.official, 'shared-phone')]);
  });

  it('R-6.2.4 a passenger in another WeChat keeps one official-account openid: the one now paying', async () => {
    const gina = await passenger('13800138005');
    await link(gina.token, t.sandbox.wechat.webAuth(t.apps.official, 'gina-old-phone').code);
    await link(gina.token, t.sandbox.wechat.webAuth(t.apps.official, 'gina-new-phone').code);
    expect((await officialRows(gina.id)).map((r) => r.openid)).toEqual([t.sandbox.wechat.state.openidOf(t.apps.official, 'gina-new-phone')]);
  });

  it('R-8.1 only pages of the H5 app may receive the code: other redirects are refused with the field', async () => {
    const hank = await passenger('13800138006');
    for (const redirect of ['https://evil.example.com/#/pages/index', 'http://localhost:7200.evil.example.com/', 'javascript:alert(1)', 'not a url']) {
      const res = await authUrl(hank.token, redirect);
      expect(res.status).toBe(422);
      expect(res.body.errorCode).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'redirect', reason: expect.any(String) }]);
    }
    expect((await authUrl(hank.token, 'http://127.0.0.1:7200/')).status).toBe(200);
    const missing = await t.request().get('/api/app/wechat/web-auth-url').set(bearer(hank.token));
    expect(missing.status).toBe(422);
  });

  it('R-8.1 web authorisation needs a signed-in passenger', async () => {
    expect((await t.request().get('/api/app/wechat/web-auth-url').query({ redirect: H5_PAGE })).status).toBe(401);
    expect((await t.request().post('/api/app/wechat/web-auth').send({ code: 'x' })).status).toBe(401);
    const driver = await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, 'ivan').code });
    expect((await link(driver.body.data.accessToken, 'x')).status).toBe(403);
  });
});
