import { randomBytes } from 'crypto';
import { startSandbox, type Sandbox } from '@dzky/sandbox';
import { UpstreamError } from '../../src/common/error/domain.error';
import { WechatAdapter, type WechatConfig } from '../../src/modules/integration/adapter/wechat.adapter';

/** The production adapter against the WeChat sandbox: real HTTP, real errcodes. */
describe('WechatAdapter against the WeChat sandbox', () => {
  const secret = () => randomBytes(16).toString('hex');
  const apps: WechatConfig['apps'] = {
    passenger: { appid: 'wxtestpassenger01', secret: secret() },
    driver: { appid: 'wxtestdriver00001', secret: secret() },
    official: { appid: 'wxtestofficial001', secret: secret() },
  };
  let sandbox: Sandbox;
  let wechat: WechatAdapter;

  const adapter = (override: Partial<WechatConfig> = {}) => {
    const a = new WechatAdapter();
    a.config = { baseUrl: sandbox.wechat.url, apps, ...override };
    return a;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      wechat: { apps: Object.values(apps) },
      sms: { accessKeys: [], signName: 'unused' },
    });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => {
    sandbox.wechat.state.reset();
    wechat = adapter();
  });

  it('R-6.1.1 exchanges a wx.login code for the openid and unionid of the app the user signed in to', async () => {
    const login = sandbox.wechat.login(apps.passenger.appid, 'alice');
    const session = await wechat.code2Session('passenger', login.code);
    expect(session).toEqual({
      appid: apps.passenger.appid,
      openid: login.openid,
      unionid: login.unionid,
      sessionKey: expect.any(String),
    });

    const driver = await wechat.code2Session('driver', sandbox.wechat.login(apps.driver.appid, 'alice').code);
    expect(driver.appid).toBe(apps.driver.appid);
    expect(driver.openid).not.toBe(session.openid);
    expect(driver.unionid).toBe(session.unionid);
  });

  it('R-6.1.1 a login code is single-use: the second exchange is refused with errcode 40163', async () => {
    const { code } = sandbox.wechat.login(apps.passenger.appid, 'alice');
    await wechat.code2Session('passenger', code);
    const again = wechat.code2Session('passenger', code);
    await expect(again).rejects.toBeInstanceOf(UpstreamError);
    await expect(again).rejects.toMatchObject({
      errorCode: 'UPSTREAM_FAILED',
      upstream: 'wechat',
      upstreamCode: 40163,
    });
    await expect(wechat.code2Session('passenger', 'not-a-code')).rejects.toMatchObject({
      upstreamCode: 40029,
    });
  });

  it('R-8.2 a wrong app secret is refused (40125) and the secret never appears in the error', async () => {
    const wrong = adapter({
      apps: { ...apps, passenger: { appid: apps.passenger.appid, secret: 'wrong-secret' } },
    });
    const { code } = sandbox.wechat.login(apps.passenger.appid, 'alice');
    const error = await wrong.code2Session('passenger', code).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.upstreamCode).toBe(40125);
    expect(error.message).not.toContain('wrong-secret');
    await expect(wrong.getPhoneNumber('passenger', 'x')).rejects.toMatchObject({ upstreamCode: 40125 });
  });

  it('fetches the phone number behind a getPhoneNumber code', async () => {
    const { code } = sandbox.wechat.phoneCode(apps.passenger.appid, 'alice', '13800138000');
    await expect(wechat.getPhoneNumber('passenger', code)).resolves.toEqual({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    });
    await expect(wechat.getPhoneNumber('passenger', code)).rejects.toMatchObject({ upstreamCode: 40029 });
  });

  it('takes a fresh access token and retries once when WeChat says 42001 (expired) or 40001 (replaced)', async () => {
    const phone = (user: string) => sandbox.wechat.phoneCode(apps.passenger.appid, user, '13900139000').code;
    await wechat.getPhoneNumber('passenger', phone('a'));
    sandbox.wechat.state.expireToken(apps.passenger.appid, 'expired');
    await expect(wechat.getPhoneNumber('passenger', phone('b'))).resolves.toMatchObject({
      purePhoneNumber: '13900139000',
    });
    sandbox.wechat.state.expireToken(apps.passenger.appid, 'replaced');
    await expect(wechat.getPhoneNumber('passenger', phone('c'))).resolves.toMatchObject({
      purePhoneNumber: '13900139000',
    });
  });

  it('delivers one subscribe message per accepted subscription, then reports 43101 without throwing', async () => {
    const { openid } = sandbox.wechat.login(apps.passenger.appid, 'alice');
    sandbox.wechat.subscribe(apps.passenger.appid, openid, 'TPL_TRIP_REMINDER', 1);
    const message = {
      touser: openid,
      templateId: 'TPL_TRIP_REMINDER',
      page: 'pages/order/detail/index?id=7',
      data: { thing1: { value: '北京—天津' } },
    };

    await expect(wechat.sendSubscribeMessage('passenger', message)).resolves.toEqual({ delivered: true, msgid: expect.stringMatching(/^\d+$/) });
    await expect(wechat.sendSubscribeMessage('passenger', message)).resolves.toEqual({
      delivered: false,
      errcode: 43101,
      errmsg: expect.stringContaining('user refuse to accept the msg'),
    });
    const sent = sandbox.wechat.messages({ openid });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      templateId: 'TPL_TRIP_REMINDER',
      page: message.page,
      data: message.data,
    });
  });

  it('other subscribe refusals are UpstreamErrors with their errcode (40003 unknown openid)', async () => {
    const message = {
      touser: 'o' + 'x'.repeat(27),
      templateId: 'TPL_TRIP_REMINDER',
      data: { thing1: { value: 'x' } },
    };
    await expect(wechat.sendSubscribeMessage('passenger', message)).rejects.toMatchObject({
      upstreamCode: 40003,
    });
  });

  it('R-6.2.4 exchanges an official-account web-authorisation code for the payer\'s openid, once', async () => {
    const web = sandbox.wechat.webAuth(apps.official.appid, 'alice');
    await expect(wechat.webAuthOpenid(web.code)).resolves.toEqual({
      appid: apps.official.appid,
      openid: web.openid,
      unionid: web.unionid,
    });
    // the official account's openid is not the mini-program's; the unionid joins them
    const mini = sandbox.wechat.login(apps.passenger.appid, 'alice');
    expect(web.openid).not.toBe(mini.openid);
    expect(web.unionid).toBe(mini.unionid);
    await expect(wechat.webAuthOpenid(web.code)).rejects.toMatchObject({ upstreamCode: 40029 });
    // a code of the mini-program's web authorisation is not the official account's
    const other = sandbox.wechat.webAuth(apps.passenger.appid, 'alice').code;
    await expect(wechat.webAuthOpenid(other)).rejects.toMatchObject({ upstreamCode: 40029 });
  });

  it('R-6.2.4 builds the silent snsapi_base link of the official account (open.weixin.qq.com unless configured)', () => {
    const link = new URL(wechat.webAuthorizeUrl('https://h5.example.cn/#/pages/index/index', 'abc123'));
    expect(link.origin + link.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect([...link.searchParams.entries()]).toEqual([
      ['appid', apps.official.appid],
      ['redirect_uri', 'https://h5.example.cn/#/pages/index/index'],
      ['response_type', 'code'],
      ['scope', 'snsapi_base'],
      ['state', 'abc123'],
    ]);
    expect(link.hash).toBe('#wechat_redirect');
    const local = adapter({ openBaseUrl: sandbox.wechat.url });
    expect(local.webAuthorizeUrl('http://localhost:7200/', 's')).toMatch(new RegExp(`^${sandbox.wechat.url}/connect/oauth2/authorize\\?`));
  });

  it('R-8.2 web authorisation with a wrong official-account secret is refused (40125) without leaking it', async () => {
    const wrong = adapter({ apps: { ...apps, official: { appid: apps.official.appid, secret: 'wrong-secret' } } });
    const error = await wrong.webAuthOpenid(sandbox.wechat.webAuth(apps.official.appid, 'bob').code).catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.upstreamCode).toBe(40125);
    expect(error.message).not.toContain('wrong-secret');
  });

  it('an unreachable WeChat is an UpstreamError too', async () => {
    const down = adapter({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
    await expect(down.code2Session('passenger', 'x')).rejects.toBeInstanceOf(UpstreamError);
  });
});
