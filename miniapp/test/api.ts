/** Helpers to program the mocked Taro.request with bff-shaped responses. */
import Taro, { __test } from './mocks/taro';

export interface Call {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
}

export const requestMock = Taro.request as unknown as jest.Mock;

export function ok<T>(data: T, statusCode = 200) {
  return { statusCode, data: { success: true, data, requestId: 'req-ok' }, header: {} };
}

export function fail(statusCode: number, errorCode: string, errorMessage: string) {
  return { statusCode, data: { success: false, data: null, errorCode, errorMessage, requestId: 'req-fail' }, header: {} };
}

/** Routes each call to a handler by "METHOD path" (path after the API root). */
export function serve(routes: Record<string, (call: Call) => unknown | Promise<unknown>>) {
  requestMock.mockImplementation(async (call: Call) => {
    const path = call.url.replace(/^.*\/api\/(app|driver)/, '');
    const handler = routes[`${call.method} ${path}`];
    if (!handler) throw new Error(`unexpected request ${call.method} ${call.url}`);
    return handler(call);
  });
}

export function calls(): Call[] {
  return requestMock.mock.calls.map((c) => c[0] as Call);
}

export function signedIn(access = 'access-1', refresh = 'refresh-1') {
  __test.storage.set('dzky.accessToken', access);
  __test.storage.set('dzky.refreshToken', refresh);
}

export const profile = (over: Record<string, unknown> = {}) => ({
  id: 7,
  audience: 'passenger' as const,
  nickname: null,
  phone: '138****1234',
  wechatBound: false,
  privacyPolicyVersion: '2026-11-01',
  privacyConsentRequired: null as string | null,
  ...over,
});

export const session = (over: Record<string, unknown> = {}) => ({
  accessToken: 'access-new',
  refreshToken: 'refresh-new',
  expiresIn: 900,
  profile: profile(over),
});
