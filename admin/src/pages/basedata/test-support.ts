/**
 * A bff for the base-data page tests: answers from a table of handlers by method and path,
 * records every request, and signs in a user with the given permissions.
 */
import { vi } from 'vitest';
import type { AdminProfile, ApiEnvelope, PermissionCode } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../request';
import { routes } from '../../router';
import { renderWithRouter } from '../../test/render-router';

/** The whole app at `path`. */
export const renderPage = (path: string) => renderWithRouter(routes, path);

export interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export type Handler = (req: Sent) => unknown | { status: number; body: ApiEnvelope };

export const profile = (permissions: PermissionCode[]): AdminProfile => ({
  id: 9,
  username: 'ops',
  displayName: '运营专员',
  orgId: 2,
  orgName: '鹏城快线',
  orgKind: 'operator',
  roles: ['basedata_admin'],
  permissions,
  mustChangePassword: false,
  passwordExpiresAt: null,
});

export const reply = (status: number, body: ApiEnvelope) => ({ __reply: true, status, body });

/** Handlers keyed "METHOD /path" (path may end in a regex via RegExp keys in `patterns`). */
export function mockBff(me: AdminProfile, routes: Record<string, Handler>): Sent[] {
  resetRequestHooks();
  tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const req: Sent = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      sent.push(req);
      const json = (status: number, env: ApiEnvelope) =>
        new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });
      if (method === 'GET' && url.pathname === '/api/admin/auth/me')
        return json(200, { success: true, data: me });
      const handler = routes[`${method} ${url.pathname}`];
      if (!handler)
        return json(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
      const out = handler(req) as { __reply?: boolean; status: number; body: ApiEnvelope } | unknown;
      if (out && typeof out === 'object' && (out as { __reply?: boolean }).__reply) {
        const r = out as { status: number; body: ApiEnvelope };
        return json(r.status, r.body);
      }
      return json(200, { success: true, data: out ?? null });
    }),
  );
  return sent;
}

export const writes = (sent: Sent[]) => sent.filter((s) => s.method !== 'GET');
