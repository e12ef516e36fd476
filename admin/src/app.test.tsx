/**
 * The whole app in jsdom against a mocked bff: the guards, the permission-driven menu and the
 * system pages rendering what the API returns.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DutyGroups, type AdminProfile, type AuditRecordView, type OrgNode, type PermissionCode, type RoleView, type UserView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from './request';
import { routes } from './router';
import { renderWithRouter } from './test/render-router';

const base: AdminProfile = {
  id: 1,
  username: 'admin',
  displayName: '张伟',
  orgId: 1,
  orgName: '定制客运平台',
  orgKind: 'platform',
  roles: [],
  permissions: [],
  mustChangePassword: false,
  passwordExpiresAt: null,
};
const as = (permissions: PermissionCode[], extra: Partial<AdminProfile> = {}): AdminProfile => ({ ...base, permissions, ...extra });

const orgs: OrgNode[] = [
  {
    id: 1,
    parentId: null,
    kind: 'platform',
    name: '定制客运平台',
    regionCode: null,
    enabled: true,
    children: [
      {
        id: 2,
        parentId: 1,
        kind: 'operator',
        name: '江苏快客运输有限公司',
        regionCode: '320100',
        enabled: true,
        children: [{ id: 4, parentId: 2, kind: 'branch', name: '苏州分公司', regionCode: null, enabled: false }],
      },
      { id: 3, parentId: 1, kind: 'regulator', name: '南京市交通运输局', regionCode: '320100', enabled: true },
    ],
  },
];
const roles: RoleView[] = [
  { id: 1, code: 'system_admin', name: '系统管理员', orgId: 1, builtIn: true, permissions: [...DutyGroups.system] },
  { id: 9, code: 'night_dispatch', name: '夜班调度', orgId: 2, builtIn: false, permissions: ['dispatch:read', 'dispatch:write'] },
];
const users: UserView[] = [
  {
    id: 5,
    username: 'lisi',
    displayName: '李四',
    orgId: 2,
    orgName: '江苏快客运输有限公司',
    phone: '138****1234',
    roleIds: [9],
    roles: ['夜班调度'],
    enabled: true,
    totpEnrolled: true,
    lockedUntil: '2099-01-01T00:00:00.000Z',
    lastLoginAt: '2026-11-20T01:02:03.000Z',
    createdAt: '2026-11-01T00:00:00.000Z',
  },
];
const audit: AuditRecordView[] = [
  {
    id: 42,
    at: '2026-11-20T02:00:00.000Z',
    category: 'admin_write',
    action: 'user.create',
    actorId: 1,
    actorName: 'admin',
    orgId: 1,
    targetType: 'admin_user',
    targetId: '5',
    result: 'success',
    sourceIp: '10.0.0.8',
    requestId: 'req-42',
    detail: { username: 'lisi', roles: [9] },
  },
];

function mockBff(profile: AdminProfile) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      calls.push(url.pathname + url.search);
      const data: Record<string, unknown> = {
        '/api/admin/auth/me': profile,
        '/api/admin/orgs': orgs,
        '/api/admin/roles': roles,
        '/api/admin/permissions': (['system:user:read', 'system:user:write', 'dispatch:read', 'dispatch:write'] as const).map((code) => ({
          code,
          label: code,
          group: code.split(':')[0],
        })),
        '/api/admin/users': { items: users, total: 1, page: 1, pageSize: 20 },
        '/api/admin/audit': { items: audit, total: 1, page: 1, pageSize: 20 },
      };
      const body = url.pathname in data ? { success: true, data: data[url.pathname] } : { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' };
      return new Response(JSON.stringify(body), { status: url.pathname in data ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

const renderApp = (path: string) => renderWithRouter(routes, path);

const menu = () => document.querySelector('.ant-layout-sider') as HTMLElement;

describe('admin app', { timeout: 60_000 }, () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.1 without a session every page leads to sign-in', async () => {
    tokens.clear();
    mockBff(base);
    const router = renderApp('/system/users');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });

  it('R-6.1.1 a dispatcher sees no 系统管理 in the menu and gets 403 on 用户管理', async () => {
    mockBff(as(['basedata:read', 'dispatch:read', 'dispatch:write', 'order:read'], { orgName: '江苏快客运输有限公司', orgKind: 'operator' }));
    renderApp('/system/users');
    expect(await screen.findByText('抱歉，您无权访问此页面')).toBeInTheDocument();
    expect(within(menu()).getByText('工作台')).toBeInTheDocument();
    expect(within(menu()).queryByText('系统管理')).toBeNull();
    expect(within(menu()).queryByText('用户管理')).toBeNull();
    // the header names the organisation
    expect(screen.getByText('江苏快客运输有限公司')).toBeInTheDocument();
  });

  it('R-6.1.1 用户管理 lists users with org, masked phone, roles, lock state and actions', async () => {
    const calls = mockBff(as([...DutyGroups.system]));
    renderApp('/system/users');
    expect(await screen.findByText('lisi')).toBeInTheDocument();
    const row = screen.getByText('lisi').closest('tr') as HTMLElement;
    expect(within(row).getByText('138****1234')).toBeInTheDocument();
    expect(within(row).getByText('夜班调度')).toBeInTheDocument();
    expect(within(row).getByText('已锁定')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '编辑' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /新建用户/ })).toBeInTheDocument();
    expect(calls).toContain('/api/admin/users?page=1&pageSize=20');
    // the keyword search goes to the API
    fireEvent.change(screen.getByPlaceholderText('用户名 / 姓名 / 手机号'), { target: { value: '李' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(calls).toContain(`/api/admin/users?page=1&pageSize=20&keyword=${encodeURIComponent('李')}`));
  });

  it('R-6.1.1 角色管理 shows built-in roles read-only and custom roles editable', async () => {
    mockBff(as([...DutyGroups.system]));
    renderApp('/system/roles');
    const builtIn = (await screen.findByText('system_admin')).closest('tr') as HTMLElement;
    expect(within(builtIn).getByText('内置')).toBeInTheDocument();
    expect(within(builtIn).queryByRole('button', { name: '编辑' })).toBeNull();
    expect(within(builtIn).getByRole('button', { name: '查看' })).toBeInTheDocument();
    const custom = screen.getByText('night_dispatch').closest('tr') as HTMLElement;
    expect(within(custom).getByRole('button', { name: '编辑' })).toBeInTheDocument();
    expect(within(custom).getByRole('button', { name: '删除' })).toBeInTheDocument();
  });

  it('R-6.1.1 机构管理 shows the tree platform → operator → branch and the regulator with region codes', async () => {
    mockBff(as([...DutyGroups.system]));
    renderApp('/system/orgs');
    expect(await screen.findByText('江苏快客运输有限公司')).toBeInTheDocument();
    expect(screen.getByText('苏州分公司')).toBeInTheDocument();
    expect(screen.getByText('南京市交通运输局')).toBeInTheDocument();
    expect(screen.getAllByText('320100')).toHaveLength(2);
    const branch = screen.getByText('苏州分公司').closest('tr') as HTMLElement;
    expect(within(branch).getByRole('button', { name: /启\s*用/ })).toBeInTheDocument();
  });

  it('R-8.2 审计日志 lists records in Beijing time and shows the JSON detail in a drawer', async () => {
    mockBff(as([...DutyGroups.audit]));
    renderApp('/security/audit');
    expect(await screen.findByText('user.create')).toBeInTheDocument();
    expect(screen.getByText('2026-11-20 10:00:00')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /导出 CSV/ })).toBeInTheDocument();
    expect(within(menu()).queryByText('用户管理')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /详\s*情/ }));
    const json = await screen.findByTestId('audit-detail-json');
    expect(JSON.parse(json.textContent ?? '')).toEqual({ username: 'lisi', roles: [9] });
  });

  it('R-8.1 a user who must change the password is held on the change-password page', async () => {
    mockBff(as([...DutyGroups.system], { mustChangePassword: true }));
    const router = renderApp('/system/users');
    await waitFor(() => expect(router.state.location.pathname).toBe('/password'));
    expect(await screen.findByText('请先修改密码')).toBeInTheDocument();
  });
});
