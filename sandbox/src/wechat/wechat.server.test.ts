import { startWechatServer, type WechatSandboxHandle } from './wechat.server';

const PASSENGER = {
  appid: 'wxpassenger000001',
  secret: 'passenger-secret',
  templates: ['TPL_TRIP_REMINDER'],
};
const DRIVER = { appid: 'wxdriver000000001', secret: 'driver-secret' };

let now = Date.parse('2026-03-01T08:00:00Z');
let wx: WechatSandboxHandle;

beforeAll(async () => {
  wx = await startWechatServer({ apps: [PASSENGER, DRIVER], now: () => now });
});
afterAll(() => wx.stop());
beforeEach(() => wx.state.reset());

async function get(path: string, query: Record<string, string>) {
  const res = await fetch(`${wx.url}${path}?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

async function post(path: string, body: unknown, query: Record<string, string> = {}) {
  const qs = Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
  const res = await fetch(`${wx.url}${path}${qs}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const jscode2session = (code: string, app: { appid: string; secret: string } = PASSENGER) =>
  get('/sns/jscode2session', {
    appid: app.appid,
    secret: app.secret,
    js_code: code,
    grant_type: 'authorization_code',
  });

async function login(user: string, appid = PASSENGER.appid): Promise<{ code: string; openid: string }> {
  const { status, body } = await post('/__sandbox/wx/login', { appid, user });
  expect(status).toBe(200);
  return body as { code: string; openid: string };
}

async function token(app: { appid: string; secret: string } = PASSENGER, forceRefresh = false) {
  const { body } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: app.appid,
    secret: app.secret,
    force_refresh: forceRefresh,
  });
  return body as { access_token: string; expires_in: number };
}

describe('WeChat sandbox: jscode2session (R-6.1.1 sign-in)', () => {
  it('exchanges a wx.login code once for the openid and unionid, then answers 40163', async () => {
    const { code, openid } = await login('alice');
    const session = await jscode2session(code);
    expect(session).toEqual({
      openid,
      unionid: expect.stringMatching(/^o.{27}$/),
      session_key: expect.any(String),
    });
    expect(session.errcode).toBeUndefined();
    expect(await jscode2session(code)).toMatchObject({
      errcode: 40163,
      errmsg: expect.stringContaining('code been used'),
    });
  });

  it('answers 40029 for an unknown code, a code of another app and a code older than 5 minutes', async () => {
    expect((await jscode2session('0'.repeat(32))).errcode).toBe(40029);
    const driverCode = (await login('alice', DRIVER.appid)).code;
    expect((await jscode2session(driverCode)).errcode).toBe(40029);
    const old = (await login('alice')).code;
    now += 5 * 60_000 + 1000;
    expect((await jscode2session(old)).errcode).toBe(40029);
  });

  it('R-8.2: answers 40013 for an unknown appid and 40125 for a wrong secret', async () => {
    const { code } = await login('alice');
    expect((await jscode2session(code, { appid: 'wxnobody', secret: PASSENGER.secret })).errcode).toBe(40013);
    expect((await jscode2session(code, { appid: PASSENGER.appid, secret: 'wrong' })).errcode).toBe(40125);
    // a refused exchange does not burn the code
    expect((await jscode2session(code)).openid).toBeDefined();
  });

  it('keeps openids stable per (appid, user) and the unionid the same across apps of one user', async () => {
    const a1 = await jscode2session((await login('alice')).code);
    const a2 = await jscode2session((await login('alice')).code);
    const aDriver = await jscode2session((await login('alice', DRIVER.appid)).code, DRIVER);
    const b = await jscode2session((await login('bob')).code);
    expect(a2.openid).toBe(a1.openid);
    expect(aDriver.openid).not.toBe(a1.openid);
    expect(aDriver.unionid).toBe(a1.unionid);
    expect(b.openid).not.toBe(a1.openid);
    expect(b.unionid).not.toBe(a1.unionid);
  });
});

describe('WeChat sandbox: stable_token', () => {
  it('R-8.2: issues a token for 7200 s, the same one again in normal mode, and refuses a wrong secret', async () => {
    const first = await token();
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    now += 60_000;
    const again = await token();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBe(7140);
    expect(
      (
        await post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: PASSENGER.appid,
          secret: 'nope',
        })
      ).body.errcode,
    ).toBe(40125);
    expect(
      (
        await post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: 'wxnobody',
          secret: 'x',
        })
      ).body.errcode,
    ).toBe(40013);
  });

  it('force_refresh replaces the token (the old one then answers 40001); an expired one answers 42001', async () => {
    const old = await token();
    const fresh = await token(PASSENGER, true);
    expect(fresh.access_token).not.toBe(old.access_token);
    const send = (t: string) => post('/wxa/business/getuserphonenumber', { code: 'x' }, { access_token: t });
    expect((await send(old.access_token)).body.errcode).toBe(40001);
    now += 7200 * 1000;
    expect((await send(fresh.access_token)).body.errcode).toBe(42001);
    expect((await token()).access_token).not.toBe(fresh.access_token);
  });
});

describe('WeChat sandbox: getuserphonenumber', () => {
  it('returns the phone number behind a getPhoneNumber code, once', async () => {
    const { body: minted } = await post('/__sandbox/wx/phone-code', {
      appid: PASSENGER.appid,
      user: 'alice',
      phoneNumber: '13800138000',
    });
    const { access_token } = await token();
    const { status, body } = await post(
      '/wxa/business/getuserphonenumber',
      { code: minted.code },
      { access_token },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: Math.floor(now / 1000), appid: PASSENGER.appid },
      },
    });
    expect(
      (await post('/wxa/business/getuserphonenumber', { code: minted.code }, { access_token })).body.errcode,
    ).toBe(40029);
  });

  it('refuses a code minted for another app and a missing access_token', async () => {
    const { code } = wx.phoneCode(DRIVER.appid, 'alice', '13800138000');
    const { access_token } = await token();
    expect((await post('/wxa/business/getuserphonenumber', { code }, { access_token })).body.errcode).toBe(
      40029,
    );
    expect((await post('/wxa/business/getuserphonenumber', { code })).body.errcode).toBe(41001);
  });
});

describe('WeChat sandbox: subscribe/send', () => {
  const message = (touser: string, templateId = 'TPL_TRIP_REMINDER') => ({
    touser,
    template_id: templateId,
    page: 'pages/order/detail/index?id=1',
    data: { thing1: { value: '北京—天津' }, time2: { value: '2026-03-02 08:30' } },
  });

  it('delivers one message per accepted subscription and answers 43101 once it is used up', async () => {
    const { openid } = await login('alice');
    const { body: accepted } = await post('/__sandbox/wx/subscribe', {
      appid: PASSENGER.appid,
      openid,
      templateId: 'TPL_TRIP_REMINDER',
      count: 1,
    });
    expect(accepted).toEqual({ openid, templateId: 'TPL_TRIP_REMINDER', remaining: 1 });
    const { access_token } = await token();

    const sent = await post('/cgi-bin/message/subscribe/send', message(openid), { access_token });
    expect(sent.body).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    const refused = await post('/cgi-bin/message/subscribe/send', message(openid), { access_token });
    expect(refused.body).toMatchObject({
      errcode: 43101,
      errmsg: expect.stringContaining('user refuse to accept the msg'),
    });

    const listed = await fetch(`${wx.url}/__sandbox/wx/messages?openid=${openid}`).then(
      (r) => r.json() as Promise<{ messages: any[] }>,
    );
    expect(listed.messages).toHaveLength(1);
    expect(listed.messages[0]).toMatchObject({
      msgid: sent.body.msgid,
      touser: openid,
      templateId: 'TPL_TRIP_REMINDER',
      data: message(openid).data,
    });
  });

  it('lets a user accept several sends and counts them down', async () => {
    const { openid } = await login('bob');
    wx.subscribe(PASSENGER.appid, openid, 'TPL_TRIP_REMINDER', 2);
    const { access_token } = await token();
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await post('/cgi-bin/message/subscribe/send', message(openid), { access_token })).body.errcode,
      );
    expect(codes).toEqual([0, 0, 43101]);
    expect(wx.messages({ openid })).toHaveLength(2);
  });

  it('answers 40037 for a template the app does not have, 40003 for a stranger and 40001 for a bad token', async () => {
    const { openid } = await login('carol');
    wx.subscribe(PASSENGER.appid, openid, 'TPL_TRIP_REMINDER');
    const { access_token } = await token();
    expect(
      (await post('/cgi-bin/message/subscribe/send', message(openid, 'TPL_UNKNOWN'), { access_token })).body
        .errcode,
    ).toBe(40037);
    expect(
      (await post('/cgi-bin/message/subscribe/send', message('o' + 'x'.repeat(27)), { access_token })).body
        .errcode,
    ).toBe(40003);
    // an openid of another app is a stranger to this one
    const driverOpenid = (await login('carol', DRIVER.appid)).openid;
    expect(
      (await post('/cgi-bin/message/subscribe/send', message(driverOpenid), { access_token })).body.errcode,
    ).toBe(40003);
    expect(
      (await post('/cgi-bin/message/subscribe/send', message(openid), { access_token: 'bogus' })).body
        .errcode,
    ).toBe(40001);
    expect(wx.messages()).toEqual([]);
  });

  it('control endpoints answer 400 with a reason for bad input', async () => {
    const res = await post('/__sandbox/wx/subscribe', {
      appid: PASSENGER.appid,
      openid: 'o-never-seen',
      templateId: 'TPL_TRIP_REMINDER',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/has not used app/);
    expect((await post('/__sandbox/wx/login', { appid: PASSENGER.appid })).status).toBe(400);
  });
});

describe('WeChat sandbox: official-account web authorisation (R-6.2.4 paying in the WeChat browser)', () => {
  const OFFICIAL = { appid: 'wxofficial00000001', secret: 'official-secret' };
  const H5 = 'http://localhost:7200/';
  let oa: WechatSandboxHandle;
  beforeAll(async () => {
    oa = await startWechatServer({ apps: [OFFICIAL, { ...PASSENGER, webAuthDomains: ['h5.example.cn'] }], now: () => now });
  });
  afterAll(() => oa.stop());
  beforeEach(() => oa.state.reset());

  const link = (q: Record<string, string>) =>
    `${oa.url}/connect/oauth2/authorize?${new URLSearchParams({
      appid: OFFICIAL.appid,
      redirect_uri: `${H5}#/pages/order/pay/index?id=7`,
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'st4te',
      ...q,
    })}#wechat_redirect`;
  const visit = (url: string, cookie?: string) =>
    fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const exchange = (code: string, app: { appid: string; secret: string } = OFFICIAL) =>
    fetch(
      `${oa.url}/sns/oauth2/access_token?${new URLSearchParams({
        appid: app.appid,
        secret: app.secret,
        code,
        grant_type: 'authorization_code',
      })}`,
    ).then((r) => r.json() as Promise<Record<string, any>>);

  it('snsapi_base redirects silently with a code and the state, put before the #fragment as WeChat does', async () => {
    const res = await visit(link({ sandbox_user: 'alice' }));
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(H5);
    expect(back.searchParams.get('state')).toBe('st4te');
    expect(back.searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
    expect(back.hash).toBe('#/pages/order/pay/index?id=7');

    const token = await exchange(back.searchParams.get('code')!);
    expect(token).toEqual({
      access_token: expect.any(String),
      expires_in: 7200,
      refresh_token: expect.any(String),
      openid: oa.state.openidOf(OFFICIAL.appid, 'alice'),
      scope: 'snsapi_base',
      unionid: oa.state.unionidOf('alice'),
    });
    expect(token.errcode).toBeUndefined();
  });

  it('a code works once (40029 on reuse), only for its own app, and for 5 minutes', async () => {
    const { code } = oa.webAuth(OFFICIAL.appid, 'alice');
    expect((await exchange(code)).openid).toBeDefined();
    expect(await exchange(code)).toMatchObject({ errcode: 40029, errmsg: expect.stringContaining('invalid code') });
    const other = oa.webAuth(OFFICIAL.appid, 'bob').code;
    expect((await exchange(other, PASSENGER)).errcode).toBe(40029);
    // a wx.login code is not a web-authorisation code
    expect((await exchange(oa.login(OFFICIAL.appid, 'bob').code)).errcode).toBe(40029);
    now += 5 * 60_000 + 1000;
    expect((await exchange(other)).errcode).toBe(40029);
  });

  it('R-8.2 refuses a wrong secret with 40125 without burning the code', async () => {
    const { code } = oa.webAuth(OFFICIAL.appid, 'alice');
    expect((await exchange(code, { appid: OFFICIAL.appid, secret: 'wrong' })).errcode).toBe(40125);
    expect((await exchange(code, { appid: 'wxnobody', secret: 'x' })).errcode).toBe(40013);
    expect((await exchange(code)).openid).toBe(oa.state.openidOf(OFFICIAL.appid, 'alice'));
  });

  it('one browser keeps one openid per app across visits (a cookie names its WeChat user)', async () => {
    const first = await visit(link({}));
    const cookie = first.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).toMatch(/^sandbox_wx_user=/);
    const second = await visit(link({ state: 'again' }), cookie);
    const stranger = await visit(link({}));
    const openidOf = async (res: Response) =>
      (await exchange(new URL(res.headers.get('location')!).searchParams.get('code')!)).openid;
    const a = await openidOf(first);
    expect(await openidOf(second)).toBe(a);
    expect(await openidOf(stranger)).not.toBe(a);
  });

  it('shows WeChat\'s error page for an unknown appid, a bad scope and a redirect outside the authorised domain', async () => {
    const errcodeOf = async (url: string) => {
      const res = await visit(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      return Number(/<span id="errcode">(\d+)<\/span>/.exec(await res.text())?.[1]);
    };
    expect(await errcodeOf(link({ appid: 'wxnobody' }))).toBe(40013);
    expect(await errcodeOf(link({ scope: 'snsapi_login' }))).toBe(10005);
    expect(await errcodeOf(link({ scope: '' }))).toBe(10010);
    expect(await errcodeOf(link({ redirect_uri: 'not a url' }))).toBe(10003);
    expect(await errcodeOf(link({ appid: PASSENGER.appid }))).toBe(10003);
    const allowed = await visit(link({ appid: PASSENGER.appid, redirect_uri: 'https://h5.example.cn/' }));
    expect(allowed.status).toBe(302);
  });

  it('snsapi_userinfo asks first: 允许 redirects with a code, 拒绝 with the state only', async () => {
    const res = await visit(link({ scope: 'snsapi_userinfo', sandbox_user: 'carol' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    const href = (id: string) => new URL(/href="([^"]+)"/.exec(html.split(`id="${id}"`)[1])![1].replace(/&amp;/g, '&'), oa.url).toString();
    const allowed = new URL((await visit(href('allow'))).headers.get('location')!);
    expect(await exchange(allowed.searchParams.get('code')!)).toMatchObject({
      scope: 'snsapi_userinfo',
      openid: oa.state.openidOf(OFFICIAL.appid, 'carol'),
    });
    const denied = new URL((await visit(href('deny'))).headers.get('location')!);
    expect(denied.searchParams.get('code')).toBeNull();
    expect(denied.searchParams.get('state')).toBe('st4te');
  });
});
