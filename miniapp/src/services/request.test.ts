import Taro, { __test } from '../../test/mocks/taro';
import { calls, fail, ok, requestMock, serve, signedIn } from '../../test/api';
import { ApiError, configureRequest, request, resetRequestState } from './request';
import { tokenStore } from './token-store';

const onSessionLost = jest.fn();
const onConsentRequired = jest.fn();

beforeEach(() => {
  __test.reset();
  resetRequestState();
  configureRequest({ onSessionLost, onConsentRequired });
});

describe('request wrapper', () => {
  it('R-8.1 sends the bearer token to the app API root and unwraps the envelope', async () => {
    signedIn('access-1');
    serve({ 'GET /me': () => ok({ id: 1 }) });
    await expect(request('/me')).resolves.toEqual({ id: 1 });
    expect(calls()[0].url).toBe('/api/app/me');
    expect(calls()[0].header.Authorization).toBe('Bearer access-1');
  });

  it('R-8.1 refreshes once on AUTH.TOKEN_EXPIRED, stores the rotated tokens and retries', async () => {
    signedIn('access-old', 'refresh-old');
    serve({
      'GET /me': (c) => (c.header.Authorization === 'Bearer access-new' ? ok({ id: 1 }) : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期')),
      'POST /auth/refresh': (c) => {
        expect(c.data).toEqual({ refreshToken: 'refresh-old' });
        expect(c.header.Authorization).toBeUndefined();
        return ok({ accessToken: 'access-new', refreshToken: 'refresh-new', expiresIn: 900, profile: {} });
      },
    });
    await expect(request('/me')).resolves.toEqual({ id: 1 });
    expect(calls().map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/app/me', 'POST /api/app/auth/refresh', 'GET /api/app/me']);
    expect(tokenStore.access).toBe('access-new');
    expect(tokenStore.refresh).toBe('refresh-new');
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('R-8.1 concurrent 401s share one refresh, then each request is retried', async () => {
    signedIn('access-old', 'refresh-old');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    serve({
      'GET /a': (c) => (c.header.Authorization === 'Bearer access-new' ? ok('a') : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期')),
      'GET /b': (c) => (c.header.Authorization === 'Bearer access-new' ? ok('b') : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期')),
      'GET /c': (c) => (c.header.Authorization === 'Bearer access-new' ? ok('c') : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期')),
      'POST /auth/refresh': async () => {
        await gate;
        return ok({ accessToken: 'access-new', refreshToken: 'refresh-new', expiresIn: 900, profile: {} });
      },
    });
    const all = Promise.all([request('/a'), request('/b'), request('/c')]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    await expect(all).resolves.toEqual(['a', 'b', 'c']);
    expect(calls().filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls()).toHaveLength(7);
  });

  it('R-8.1 does not refresh a second time when the retried request is refused again', async () => {
    signedIn('access-old', 'refresh-old');
    serve({
      'GET /me': () => fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期'),
      'POST /auth/refresh': () => ok({ accessToken: 'access-new', refreshToken: 'refresh-new', expiresIn: 900, profile: {} }),
    });
    await expect(request('/me')).rejects.toMatchObject({ errorCode: 'AUTH.TOKEN_EXPIRED' });
    expect(calls().filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(calls()).toHaveLength(3);
  });

  it('R-8.1 a failed refresh ends the session: tokens cleared, sign-in hook called, toast shown', async () => {
    signedIn('access-old', 'refresh-old');
    serve({
      'GET /me': () => fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期'),
      'POST /auth/refresh': () => fail(401, 'AUTH.SESSION_REVOKED', '登录已失效，请重新登录'),
    });
    await expect(request('/me')).rejects.toBeInstanceOf(ApiError);
    expect(tokenStore.present).toBe(false);
    expect(onSessionLost).toHaveBeenCalledTimes(1);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已过期', icon: 'none' }));
  });

  it('R-8.1 other 401 codes end the session without trying a refresh', async () => {
    signedIn();
    serve({ 'GET /me': () => fail(401, 'AUTH.SESSION_IDLE', '长时间未操作，请重新登录') });
    await expect(request('/me')).rejects.toMatchObject({ errorCode: 'AUTH.SESSION_IDLE' });
    expect(calls()).toHaveLength(1);
    expect(onSessionLost).toHaveBeenCalledTimes(1);
  });

  it('R-8.1 an error envelope becomes a toast with its errorMessage and a typed ApiError', async () => {
    signedIn();
    serve({ 'POST /auth/sms/send': () => fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试') });
    const err = await request('/auth/sms/send', { method: 'POST', data: { phone: '13800138000' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, errorCode: 'RATE_LIMITED', errorMessage: '操作太频繁，请稍后再试', requestId: 'req-fail' });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '操作太频繁，请稍后再试' }));
    expect(onSessionLost).not.toHaveBeenCalled();
  });

  it('R-8.1 silent requests throw without a toast', async () => {
    serve({ 'GET /me': () => fail(404, 'NOT_FOUND', '记录不存在') });
    await expect(request('/me', { silent: true })).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('R-8.2 PRIVACY.CONSENT_REQUIRED sends the user to the privacy page', async () => {
    signedIn();
    serve({ 'GET /orders': () => fail(403, 'PRIVACY.CONSENT_REQUIRED', '请先阅读并同意隐私政策') });
    await expect(request('/orders')).rejects.toMatchObject({ errorCode: 'PRIVACY.CONSENT_REQUIRED' });
    expect(onConsentRequired).toHaveBeenCalledTimes(1);
  });

  it('R-8.1 network failures and responses without an envelope are reported too', async () => {
    requestMock.mockRejectedValueOnce(new Error('request:fail'));
    await expect(request('/me', { auth: false })).rejects.toMatchObject({ errorCode: 'CLIENT.NETWORK' });
    requestMock.mockResolvedValueOnce({ statusCode: 502, data: '<html>Bad Gateway</html>', header: {} });
    await expect(request('/me', { auth: false })).rejects.toMatchObject({ errorCode: 'CLIENT.BAD_RESPONSE', status: 502 });
    expect(Taro.showToast).toHaveBeenCalledTimes(2);
  });

  it('R-8.1 sign-in calls carry no token and never trigger a refresh', async () => {
    signedIn('stale');
    serve({ 'POST /auth/sms/login': () => fail(401, 'AUTH.SMS_CODE_INVALID', '短信验证码错误或已过期') });
    await expect(request('/auth/sms/login', { method: 'POST', data: {}, auth: false })).rejects.toMatchObject({
      errorCode: 'AUTH.SMS_CODE_INVALID',
    });
    expect(calls()).toHaveLength(1);
    expect(calls()[0].header.Authorization).toBeUndefined();
    expect(onSessionLost).not.toHaveBeenCalled();
    expect(tokenStore.access).toBe('stale');
  });
});
