/**
 * 平台信息 against a mocked bff: platform staff save the record in the API's shape; the
 * ICP licence or filing number is required.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AdminProfile, ApiEnvelope, PlatformProfileView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';

const me: AdminProfile = {
  id: 1,
  username: 'admin',
  displayName: '系统管理员',
  orgId: 1,
  orgName: '定制客运平台',
  orgKind: 'platform',
  roles: [],
  permissions: ['system:org:read', 'system:org:write'],
  mustChangePassword: false,
  passwordExpiresAt: null,
};

const profile: PlatformProfileView = {
  platformName: '定制客运平台',
  operatingEntity: '深圳定制出行科技有限公司',
  creditCode: '91440300MA5F000007',
  icpLicenceNo: null,
  icpFilingNo: null,
  mlpsFilingNo: null,
  hotline: '400-000-0000',
  address: null,
  updatedAt: null,
};

function mockBff() {
  const sent: { method: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const json = (env: ApiEnvelope) => new Response(JSON.stringify(env), { status: 200, headers: { 'Content-Type': 'application/json' } });
      if (url.pathname === '/api/admin/auth/me') return json({ success: true, data: me });
      if (url.pathname !== '/api/admin/platform-profile') return json({ success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, body });
      return json({ success: true, data: method === 'PUT' ? { ...profile, ...body, updatedAt: '2026-01-03T00:00:00Z' } : profile });
    }),
  );
  return sent;
}

describe('平台信息', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-5.1 the ICP licence or filing number is required, and the record is saved in the API shape', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/platform');
    expect(await screen.findByDisplayValue('深圳定制出行科技有限公司')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('platform-save'));
    expect(await screen.findByText('请至少填写 ICP 经营许可证号或 ICP 备案号')).toBeInTheDocument();
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('ICP 备案号'), { target: { value: '粤ICP备12345678号-1' } });
    fireEvent.change(screen.getByLabelText('网络安全等级保护备案号'), { target: { value: '44030099999-00001' } });
    fireEvent.click(screen.getByTestId('platform-save'));

    await waitFor(() => expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(1));
    expect(sent.find((s) => s.method === 'PUT')!.body).toEqual({
      platformName: '定制客运平台',
      operatingEntity: '深圳定制出行科技有限公司',
      creditCode: '91440300MA5F000007',
      icpLicenceNo: null,
      icpFilingNo: '粤ICP备12345678号-1',
      mlpsFilingNo: '44030099999-00001',
      hotline: '400-000-0000',
      address: null,
    });
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });
});
