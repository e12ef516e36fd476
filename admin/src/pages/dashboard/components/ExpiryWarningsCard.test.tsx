/**
 * 工作台 · 证照到期提醒 against a mocked bff: who sees the card, and how each warning reads.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { AdminProfile, ApiEnvelope, ExpiryWarningView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';

const profile = (permissions: AdminProfile['permissions']): AdminProfile => ({
  id: 9,
  username: 'op1admin',
  displayName: '运营管理员',
  orgId: 3,
  orgName: '粤运定制客运',
  orgKind: 'operator',
  roles: [],
  permissions,
  mustChangePassword: false,
  passwordExpiresAt: null,
});

const warning = (over: Partial<ExpiryWarningView>): ExpiryWarningView => ({
  id: 1,
  kind: 'vehicle',
  recordId: 11,
  label: '粤B11111',
  orgId: 3,
  orgName: '粤运定制客运',
  document: 'insurance',
  documentLabel: '承运人责任险',
  expiresOn: '2026-01-01',
  daysLeft: -3,
  threshold: 0,
  createdAt: '2025-12-29T00:00:00Z',
  deliveries: [],
  ...over,
});
const warnings: ExpiryWarningView[] = [
  warning({}),
  warning({ id: 2, kind: 'driver', recordId: 21, label: '张师傅', document: 'qualification', documentLabel: '从业资格证', expiresOn: '2026-01-20', daysLeft: 12, threshold: 15 }),
];

function mockBff(me: AdminProfile) {
  const requests: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      requests.push(url);
      const json = (status: number, env: ApiEnvelope) => new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });
      const data: Record<string, unknown> = {
        '/api/admin/auth/me': me,
        '/api/admin/expiry-warnings': { items: warnings, total: warnings.length, page: 1, pageSize: 10 },
        '/api/admin/orgs': [],
        '/api/admin/vehicles/11': null,
        '/api/admin/vehicles': { items: [], total: 0, page: 1, pageSize: 20 },
      };
      if (url.pathname in data && data[url.pathname] !== null) return json(200, { success: true, data: data[url.pathname] });
      return json(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
    }),
  );
  return requests;
}

describe('工作台 · 证照到期提醒', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.2 staff who read base data see the nearest due dates with days left, linking to the record', async () => {
    const requests = mockBff(profile(['basedata:read']));
    const router = renderWithRouter(routes, '/dashboard');
    const card = await screen.findByTestId('expiry-warnings');
    expect(within(card).getByText('证照到期提醒')).toBeInTheDocument();
    const overdue = (await within(card).findByText('粤B11111')).closest('li') as HTMLElement;
    expect(within(overdue).getByText('已过期 3 天')).toHaveClass('ant-tag-red');
    expect(within(overdue).getByText(/承运人责任险 · 2026-01-01/)).toBeInTheDocument();
    const soon = within(card).getByText('张师傅').closest('li') as HTMLElement;
    expect(within(soon).getByText('12 天后到期')).toHaveClass('ant-tag-orange');
    expect(within(soon).getByRole('link', { name: '张师傅' })).toHaveAttribute('href', '/archive/drivers?view=21');

    fireEvent.click(within(overdue).getByRole('link', { name: '粤B11111' }));
    expect(router.state.location.pathname).toBe('/archive/vehicles');
    expect(router.state.location.search).toBe('?view=11');
    // the bff pages its warnings: the card asks for the first ten, soonest first
    expect(requests.find((u) => u.pathname === '/api/admin/expiry-warnings')?.searchParams.get('pageSize')).toBe('10');
  });

  it('R-6.1.2 users without base data rights get no card and no request', async () => {
    const requests = mockBff(profile(['audit:read']));
    renderWithRouter(routes, '/dashboard');
    expect(await screen.findByText('账号信息')).toBeInTheDocument();
    expect(screen.queryByTestId('expiry-warnings')).toBeNull();
    expect(requests.map((u) => u.pathname)).not.toContain('/api/admin/expiry-warnings');
  });
});
