/**
 * 用户管理 → 分配角色 against a mocked bff: who is offered the action, what is sent, and how the
 * server's refusals (三员分立, granting beyond one's rights) reach the user.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DutyGroups, type AdminProfile, type ApiEnvelope, type PermissionCode, type RoleView, type UserView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';

// as the bff's built-in roles grant them (bff/src/migrations/0002-built-in-roles.ts)
const SECURITY_ADMIN: PermissionCode[] = [...DutyGroups.security, 'system:user:read', 'system:role:read'];

const secadmin: AdminProfile = {
  id: 2,
  username: 'secadmin',
  displayName: '平台安全管理员',
  orgId: 1,
  orgName: '定制客运平台',
  orgKind: 'platform',
  roles: ['security_admin'],
  permissions: SECURITY_ADMIN,
  mustChangePassword: false,
  passwordExpiresAt: null,
};

const roles: RoleView[] = [
  { id: 1, code: 'system_admin', name: '系统管理员', orgId: 1, builtIn: true, permissions: [...DutyGroups.system] },
  { id: 3, code: 'audit_admin', name: '审计管理员', orgId: 1, builtIn: true, permissions: [...DutyGroups.audit] },
  { id: 5, code: 'dispatcher', name: '调度员', orgId: 1, builtIn: true, permissions: ['basedata:read', 'dispatch:read', 'dispatch:write', 'order:read'] },
];

const user = (over: Partial<UserView>): UserView => ({
  id: 0,
  username: '',
  displayName: '',
  orgId: 1,
  orgName: '定制客运平台',
  phone: null,
  roleIds: [],
  roles: [],
  enabled: true,
  totpEnrolled: false,
  lockedUntil: null,
  lastLoginAt: null,
  createdAt: '2026-11-01T00:00:00.000Z',
  ...over,
});
const users: UserView[] = [
  user({ id: 2, username: 'secadmin', displayName: '平台安全管理员', roleIds: [2], roles: ['security_admin'], totpEnrolled: true }),
  user({ id: 7, username: 'zhaomin', displayName: '赵敏' }),
];

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

/** The bff as far as this page needs it; `assign` answers PUT /users/:id/roles. */
function mockBff(assign: (id: number, body: { roleIds: number[] }) => { status: number; body: ApiEnvelope }) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, path: url.pathname, body });
      const json = (status: number, env: ApiEnvelope) => new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });
      const roleRoute = /^\/api\/admin\/users\/(\d+)\/roles$/.exec(url.pathname);
      if (method === 'PUT' && roleRoute) {
        const answer = assign(Number(roleRoute[1]), body);
        return json(answer.status, answer.body);
      }
      const data: Record<string, unknown> = {
        '/api/admin/auth/me': secadmin,
        '/api/admin/orgs': [],
        '/api/admin/roles': roles,
        '/api/admin/users': { items: users, total: users.length, page: 1, pageSize: 20 },
      };
      if (method === 'GET' && url.pathname in data) return json(200, { success: true, data: data[url.pathname] });
      return json(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
    }),
  );
  return sent;
}

const renderUsers = () => renderWithRouter(routes, '/system/users');

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;
const dialog = () => screen.getByRole('dialog');
const roleCheckbox = (name: string) => within(dialog()).getByText(name).closest('label')!.querySelector('input') as HTMLInputElement;

describe('用户管理 · 分配角色', { timeout: 60_000 }, () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-8.1 the security administrator sees users read-only and appoints an audit administrator through PUT /users/:id/roles', async () => {
    const sent = mockBff((id, body) => ({
      status: 200,
      body: { success: true, data: { ...users.find((u) => u.id === id)!, roleIds: body.roleIds, roles: ['audit_admin'] } },
    }));
    renderUsers();
    expect(await screen.findByText('zhaomin', undefined, { timeout: 15_000 })).toBeInTheDocument();

    // read-only list: no create, no edit; role assignment for others, never for oneself
    expect(screen.queryByRole('button', { name: /新建用户/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /编\s*辑/ })).toBeNull();
    expect(within(rowOf('secadmin')).queryByRole('button', { name: '分配角色' })).toBeNull();
    fireEvent.click(within(rowOf('zhaomin')).getByRole('button', { name: '分配角色' }));

    expect(await screen.findByText('分配角色 · 赵敏')).toBeInTheDocument();
    // the system group is not the security administrator's to grant; audit is
    expect(roleCheckbox('系统管理员')).toBeDisabled();
    expect(roleCheckbox('审计管理员')).toBeEnabled();
    fireEvent.click(roleCheckbox('审计管理员'));
    fireEvent.click(within(dialog()).getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(sent).toContainEqual({ method: 'PUT', path: '/api/admin/users/7/roles', body: { roleIds: [3] } }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    // other fields keep their own route: nothing else was written
    expect(sent.filter((s) => s.method !== 'GET')).toHaveLength(1);
  });

  it("R-8.1 三员分立: the server's refusal is shown in the dialog and on the roles field, and the dialog stays open", async () => {
    mockBff(() => ({
      status: 403,
      body: {
        success: false,
        data: null,
        errorCode: 'ACCESS.SEPARATION_OF_DUTIES',
        errorMessage: '同一用户不能同时担任安全管理员、审计管理员',
        errors: [{ field: 'roleIds', reason: '三员分立：系统、安全、审计管理员须由不同的人担任' }],
      },
    }));
    renderUsers();
    expect(await screen.findByText('zhaomin', undefined, { timeout: 15_000 })).toBeInTheDocument();
    fireEvent.click(within(rowOf('zhaomin')).getByRole('button', { name: '分配角色' }));
    await screen.findByText('分配角色 · 赵敏');
    fireEvent.click(roleCheckbox('审计管理员'));
    fireEvent.click(within(dialog()).getByRole('button', { name: /保\s*存/ }));

    expect(await within(dialog()).findByText('同一用户不能同时担任安全管理员、审计管理员')).toBeInTheDocument();
    expect(await within(dialog()).findByText('三员分立：系统、安全、审计管理员须由不同的人担任')).toBeInTheDocument();
    expect(screen.getByText('分配角色 · 赵敏')).toBeInTheDocument();
    // changing the selection clears the refusal
    fireEvent.click(roleCheckbox('审计管理员'));
    await waitFor(() => expect(within(dialog()).queryByText('同一用户不能同时担任安全管理员、审计管理员')).toBeNull());
    await waitFor(() => expect(within(dialog()).queryByText('三员分立：系统、安全、审计管理员须由不同的人担任')).toBeNull());
  });
});
