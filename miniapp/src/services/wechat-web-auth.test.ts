import Taro, { __test } from '../../test/mocks/taro';
import { calls, fail, ok, serve, signedIn } from '../../test/api';
import { resetRequestState } from './request';
import { browser, ensureOfficialOpenid, isWechatBrowser } from './wechat-web-auth.h5';
import * as weapp from './wechat-web-auth.weapp';

const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0 Mobile Safari/537.36 XWEB/1160117 MMWEBSDK/20240404 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
const CHROME_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';
const PAGE = 'http://localhost/#/pages/order/detail/index?id=3';

/** an access token naming session `sid` (the client reads the claim, it never checks the signature) */
const tokenFor = (sid: string) => `h.${btoa(JSON.stringify({ sid, aud: 'passenger' })).replace(/=+$/, '')}.s`;

function userAgent(ua: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: ua, configurable: true });
}
function at(url: string) {
  window.history.replaceState(null, '', url);
}

let go: jest.SpyInstance;
beforeEach(() => {
  __test.reset();
  resetRequestState();
  go = jest.spyOn(browser, 'go').mockImplementation(() => undefined);
  signedIn(tokenFor('session-1'));
  at(PAGE);
});
afterEach(() => go.mockRestore());

const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 20))]);

describe('WeChat web authorisation in the H5 passenger app', () => {
  it('R-6.2.4 tells WeChat\'s browser from other browsers, mini-program web-views and WeCom', () => {
    expect(isWechatBrowser(WECHAT_UA)).toBe(true);
    expect(isWechatBrowser(CHROME_UA)).toBe(false);
    expect(isWechatBrowser(`${WECHAT_UA} miniProgram`)).toBe(false);
    expect(isWechatBrowser(`${WECHAT_UA} wxwork/4.1.22`)).toBe(false);
  });

  it('R-6.2.4 inside WeChat, sends the browser to the authorisation link for this page and does not settle', async () => {
    userAgent(WECHAT_UA);
    serve({ 'GET /wechat/web-auth-url': () => ok({ url: 'https://open.weixin.qq.com/connect/oauth2/authorize?x=1#wechat_redirect', state: 's1' }) });
    const result = ensureOfficialOpenid();
    expect(await settled(result)).toBe('pending');
    expect(calls()[0].data).toEqual({ redirect: PAGE });
    expect(go).toHaveBeenCalledWith('https://open.weixin.qq.com/connect/oauth2/authorize?x=1#wechat_redirect');
  });

  it('R-6.2.4 back from WeChat, posts the code once and takes code and state off the address', async () => {
    userAgent(WECHAT_UA);
    Taro.setStorageSync('dzky.wechatWebAuth.state', 's1');
    at('http://localhost/?code=c0de&state=s1#/pages/order/detail/index?id=3');
    serve({ 'POST /wechat/web-auth': () => ok({ linked: true }) });
    await expect(ensureOfficialOpenid()).resolves.toBe(true);
    expect(calls().map((c) => [c.method, c.url, c.data])).toEqual([['POST', '/api/app/wechat/web-auth', { code: 'c0de' }]]);
    expect(window.location.href).toBe(PAGE);
    // linked for this session: the next payment needs no round trip
    await expect(ensureOfficialOpenid()).resolves.toBe(true);
    expect(calls()).toHaveLength(1);
    expect(go).not.toHaveBeenCalled();
    // a new sign-in authorises again
    signedIn(tokenFor('session-2'));
    serve({ 'GET /wechat/web-auth-url': () => ok({ url: 'https://open.weixin.qq.com/x', state: 's2' }) });
    void ensureOfficialOpenid();
    await new Promise((r) => setTimeout(r, 0));
    expect(go).toHaveBeenCalledWith('https://open.weixin.qq.com/x');
  });

  it('R-6.2.4 finds the code after the hash too, keeping the page\'s own query', async () => {
    Taro.setStorageSync('dzky.wechatWebAuth.state', 's1');
    at('http://localhost/#/pages/order/detail/index?id=3&code=c0de&state=s1');
    serve({ 'POST /wechat/web-auth': () => ok({ linked: true }) });
    await expect(ensureOfficialOpenid()).resolves.toBe(true);
    expect(window.location.href).toBe(PAGE);
  });

  it('R-6.2.4 a refused link resolves false without another round trip, and a code of someone else\'s round trip is not posted', async () => {
    userAgent(WECHAT_UA);
    Taro.setStorageSync('dzky.wechatWebAuth.state', 's1');
    at('http://localhost/?code=c0de&state=s1#/pages/order/detail/index?id=3');
    serve({ 'POST /wechat/web-auth': () => fail(409, 'ACCOUNT.WECHAT_BOUND_ELSEWHERE', '该微信已绑定其他账号') });
    await expect(ensureOfficialOpenid()).resolves.toBe(false);
    expect(go).not.toHaveBeenCalled();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该微信已绑定其他账号' }));

    userAgent(CHROME_UA);
    Taro.setStorageSync('dzky.wechatWebAuth.state', 's2');
    at('http://localhost/?code=c0de&state=forged#/pages/order/detail/index?id=3');
    await expect(ensureOfficialOpenid()).resolves.toBe(false);
    expect(calls().filter((c) => c.url.endsWith('/wechat/web-auth'))).toHaveLength(1);
  });

  it('R-6.2.4 outside WeChat resolves false and asks nothing', async () => {
    userAgent(CHROME_UA);
    await expect(ensureOfficialOpenid()).resolves.toBe(false);
    expect(calls()).toEqual([]);
    expect(go).not.toHaveBeenCalled();
  });

  it('the mini-program build has nothing to authorise', async () => {
    expect(weapp.isWechatBrowser()).toBe(false);
    await expect(weapp.ensureOfficialOpenid()).resolves.toBe(true);
  });
});
