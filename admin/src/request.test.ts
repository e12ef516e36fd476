import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminProfile, AdminSession } from '@dzky/contracts';
import { ApiError, configureRequest, download, filenameFrom, http, resetRequestHooks, tokens } from './request';

const profile: AdminProfile = {
  id: 1,
  username: 'sysadmin',
  displayName: '系统管理员',
  orgId: 1,
  orgName: '定制客运平台',
  orgKind: 'platform',
  roles: ['系统管理员'],
  permissions: ['system:user:read'],
  mustChangePassword: false,
  passwordExpiresAt: null,
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
const ok = (data: unknown) => json(200, { success: true, data, requestId: 'rq' });
const fail = (status: number, errorCode: string, errorMessage: string, errors?: { field: string; reason: string }[]) =>
  json(status, { success: false, data: null, errorCode, errorMessage, errors, requestId: 'rq' });
const session = (n: number): AdminSession => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresIn: 900, profile });

type Call = { url: string; method: string; auth: string | null; body: unknown };

function mockFetch(handler: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      auth: headers.get('Authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return handler(call);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

const isRefresh = (c: Call) => c.method === 'POST' && c.url.endsWith('/api/admin/auth/refresh');

describe('request wrapper', () => {
  const onError = vi.fn();
  const onSessionEnd = vi.fn();
  const onPasswordExpired = vi.fn();
  const onSessionRefreshed = vi.fn();

  beforeEach(() => {
    resetRequestHooks();
    configureRequest({ onError, onSessionEnd, onPasswordExpired, onSessionRefreshed });
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

  it('R-8.1 sends the bearer token and unwraps the envelope', async () => {
    const calls = mockFetch(() => ok({ items: [], total: 0, page: 1, pageSize: 20 }));
    const page = await http.get('/api/admin/users', { page: 1, pageSize: 20, keyword: '', orgId: undefined, enabled: false });
    expect(page).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect(calls[0].auth).toBe('Bearer a1');
    // empty and undefined filters are left out; false is a real filter
    expect(calls[0].url).toBe('/api/admin/users?page=1&pageSize=20&enabled=false');
  });

  it('R-8.1 refreshes once on AUTH.TOKEN_EXPIRED, keeps the rotated refresh token and retries', async () => {
    const calls = mockFetch((c) => {
      if (isRefresh(c)) return ok(session(2));
      return c.auth === 'Bearer a2' ? ok({ id: 7 }) : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期');
    });
    await expect(http.get('/api/admin/users/7')).resolves.toEqual({ id: 7 });
    expect(calls.map((c) => [c.method, c.url, c.auth])).toEqual([
      ['GET', '/api/admin/users/7', 'Bearer a1'],
      ['POST', '/api/admin/auth/refresh', null],
      ['GET', '/api/admin/users/7', 'Bearer a2'],
    ]);
    expect(calls[1].body).toEqual({ refreshToken: 'r1' });
    expect(tokens.access).toBe('a2');
    expect(tokens.refresh).toBe('r2');
    expect(onSessionRefreshed).toHaveBeenCalledWith(session(2));
    expect(onError).not.toHaveBeenCalled();
    expect(onSessionEnd).not.toHaveBeenCalled();
  });

  it('R-8.1 concurrent 401s cause one refresh, and every request is retried with the new token', async () => {
    let release!: () => void;
    const refreshGate = new Promise<void>((r) => (release = r));
    const calls = mockFetch(async (c) => {
      if (isRefresh(c)) {
        await refreshGate;
        return ok(session(2));
      }
      return c.auth === 'Bearer a2' ? ok(c.url) : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期');
    });
    const pending = Promise.all([http.get('/api/admin/users'), http.get('/api/admin/roles'), http.get('/api/admin/orgs')]);
    // let all three meet the expired token before the refresh answers
    await vi.waitFor(() => expect(calls.filter((c) => c.auth === 'Bearer a1')).toHaveLength(3));
    release();
    await expect(pending).resolves.toEqual(['/api/admin/users', '/api/admin/roles', '/api/admin/orgs']);
    expect(calls.filter(isRefresh)).toHaveLength(1);
    expect(calls.filter((c) => c.auth === 'Bearer a2')).toHaveLength(3);
  });

  it('R-8.1 a request that fails after another caller already refreshed retries without a second refresh', async () => {
    let slowRelease!: () => void;
    const slow = new Promise<void>((r) => (slowRelease = r));
    const calls = mockFetch(async (c) => {
      if (isRefresh(c)) return ok(session(2));
      if (c.url.includes('slow') && c.auth === 'Bearer a1') {
        await slow;
        return fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期');
      }
      return c.auth === 'Bearer a2' ? ok('fine') : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期');
    });
    const slowCall = http.get('/api/admin/slow');
    await expect(http.get('/api/admin/fast')).resolves.toBe('fine');
    slowRelease();
    await expect(slowCall).resolves.toBe('fine');
    expect(calls.filter(isRefresh)).toHaveLength(1);
  });

  it('R-8.1 AUTH.SESSION_REVOKED clears the tokens and ends the session once', async () => {
    mockFetch(() => fail(401, 'AUTH.SESSION_REVOKED', '登录已失效，请重新登录'));
    const results = await Promise.allSettled([http.get('/api/admin/users'), http.get('/api/admin/roles')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const err = (r as PromiseRejectedResult).reason as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(401);
      expect(err.errorCode).toBe('AUTH.SESSION_REVOKED');
    }
    expect(tokens.access).toBeNull();
    expect(tokens.refresh).toBeNull();
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
    expect(onSessionEnd.mock.calls[0][0].errorMessage).toBe('登录已失效，请重新登录');
    // ended sessions are reported by the sign-in page, not by an extra toast
    expect(onError).not.toHaveBeenCalled();
  });

  it('R-8.1 a refused refresh ends the session without retrying again', async () => {
    const calls = mockFetch((c) => (isRefresh(c) ? fail(401, 'AUTH.SESSION_IDLE', '长时间未操作，请重新登录') : fail(401, 'AUTH.TOKEN_EXPIRED', '登录已过期')));
    await expect(http.get('/api/admin/users')).rejects.toMatchObject({ errorCode: 'AUTH.SESSION_IDLE' });
    expect(calls).toHaveLength(2);
    expect(tokens.present).toBe(false);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
  });

  it('R-8.1 AUTH.PASSWORD_EXPIRED sends the user to the change-password page', async () => {
    mockFetch(() => fail(403, 'AUTH.PASSWORD_EXPIRED', '密码已过期，请修改密码'));
    await expect(http.get('/api/admin/users')).rejects.toMatchObject({ status: 403, errorCode: 'AUTH.PASSWORD_EXPIRED' });
    expect(onPasswordExpired).toHaveBeenCalledTimes(1);
    expect(tokens.access).toBe('a1');
  });

  it('R-6.1.1 field errors come back typed, and the global handler shows the message unless silent', async () => {
    mockFetch(() => fail(409, 'USER.NAME_TAKEN', '用户名已存在', [{ field: 'username', reason: '用户名已存在' }]));
    const err = await http.post('/api/admin/users', { username: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, errorCode: 'USER.NAME_TAKEN', errors: [{ field: 'username', reason: '用户名已存在' }], requestId: 'rq' });
    expect(onError).toHaveBeenCalledTimes(1);
    await http.post('/api/admin/users', {}, { silent: true }).catch(() => undefined);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('R-8.1 network failures and non-envelope answers become ApiErrors too', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(http.get('/api/admin/users')).rejects.toMatchObject({ status: 0, errorCode: 'CLIENT.NETWORK' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })));
    await expect(http.get('/api/admin/users')).rejects.toMatchObject({ status: 502, errorCode: 'CLIENT.BAD_RESPONSE' });
    expect(tokens.access).toBe('a1');
  });

  it('R-8.2 downloads a file with the token, reporting progress and the server file name', async () => {
    const calls = mockFetch(
      () =>
        new Response('\uFEFF序号,时间\n1,2026-01-01\n', {
          status: 200,
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit-2026-01-01.csv"' },
        }),
    );
    const progress = vi.fn();
    const save = vi.fn();
    const result = await download('/api/admin/audit/export', { query: { category: 'auth' }, onProgress: progress, save });
    expect(calls[0]).toMatchObject({ url: '/api/admin/audit/export?category=auth', auth: 'Bearer a1' });
    expect(result.filename).toBe('audit-2026-01-01.csv');
    expect(result.size).toBeGreaterThan(0);
    expect(progress).toHaveBeenCalled();
    expect(save).toHaveBeenCalledWith(expect.any(Blob), 'audit-2026-01-01.csv');
  });

  it('reads RFC 5987 file names', () => {
    expect(filenameFrom("attachment; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.csv", 'x')).toBe('审计.csv');
    expect(filenameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
