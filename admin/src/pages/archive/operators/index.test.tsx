/**
 * 运营商档案 against a mocked bff: an operator's own staff land on their archive, save it in the
 * API's shape (the masked contact phone is never written back) and finance staff set the payee
 * merchant.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminProfile, ApiEnvelope, OperatorView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';

const me: AdminProfile = {
  id: 9,
  username: 'op1admin',
  displayName: '运营管理员',
  orgId: 3,
  orgName: '粤运定制客运',
  orgKind: 'operator',
  roles: [],
  permissions: ['basedata:read', 'basedata:write', 'finance:write'],
  mustChangePassword: false,
  passwordExpiresAt: null,
};

const operator: OperatorView = {
  id: 3,
  orgId: 3,
  orgName: '粤运定制客运',
  saved: true,
  legalName: '广东粤运定制客运有限公司',
  creditCode: '91440300MA5F000007',
  legalRepresentative: '李四',
  contactName: '王五',
  contactPhoneMasked: '138****1234',
  address: '深圳市福田区深南大道1号',
  businessLicenceFileId: null,
  businessLicenceExpiry: null,
  permitNo: '粤交运管许可深字440300000001号',
  permitScope: '定制客运',
  permitExpiry: '2030-12-31',
  permitFileId: null,
  agreementNo: 'PT-2026-001',
  agreementSignedOn: '2026-01-01',
  agreementValidUntil: '2028-12-31',
  agreementFileId: null,
  merchant: { mode: null, subMchId: null, mchId: null, settlementAccountName: null },
  status: 'active',
  verification: { status: 'verified', checkedAt: '2026-01-02T00:00:00Z', reason: null, mismatches: [], registryStatus: 'valid' },
  operable: true,
  blockers: [],
  files: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

function mockBff() {
  const sent: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      sent.push({ method, path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const answers: Record<string, unknown> = {
        'GET /api/admin/auth/me': me,
        'GET /api/admin/operators': { items: [operator], total: 1, page: 1, pageSize: 1 },
        'GET /api/admin/operators/3': operator,
        'PUT /api/admin/operators/3': operator,
        'PUT /api/admin/operators/3/merchant': { ...operator, merchant: { mode: 'sub_merchant', subMchId: '1900000109', mchId: null, settlementAccountName: '广东粤运定制客运有限公司' } },
      };
      const key = `${method} ${url.pathname}`;
      const json = (status: number, env: ApiEnvelope) => new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });
      if (key in answers) return json(200, { success: true, data: answers[key] });
      return json(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
    }),
  );
  return sent;
}

describe('运营商档案', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-5.1 the archive is saved in the API shape; the masked contact phone stays on file unless a new one is typed', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/operators');
    expect(await screen.findByDisplayValue('广东粤运定制客运有限公司')).toBeInTheDocument();
    expect(screen.getByText('已登记 138****1234，不修改请留空')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('operator-save'));
    await waitFor(() => expect(sent.some((s) => s.method === 'PUT')).toBe(true));
    const put = sent.find((s) => s.method === 'PUT')!;
    expect(put.path).toBe('/api/admin/operators/3');
    expect(put.body).toMatchObject({
      legalName: '广东粤运定制客运有限公司',
      creditCode: '91440300MA5F000007',
      legalRepresentative: '李四',
      contactName: '王五',
      address: '深圳市福田区深南大道1号',
      permitNo: '粤交运管许可深字440300000001号',
      permitScope: '定制客运',
      permitExpiry: '2030-12-31',
      agreementNo: 'PT-2026-001',
      agreementSignedOn: '2026-01-01',
      agreementValidUntil: '2028-12-31',
    });
    expect(put.body).not.toHaveProperty('contactPhone');
  });

  it('R-5.1 finance staff make the operator a sub-merchant with its settlement account name', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/operators');
    await screen.findByDisplayValue('广东粤运定制客运有限公司');
    fireEvent.click(screen.getByRole('tab', { name: '收款商户' }));
    const merchant = await screen.findByTestId('merchant-save');
    const form = merchant.closest('form') as HTMLElement;
    fireEvent.click(within(form).getByLabelText('平台服务商子商户'));
    fireEvent.change(await within(form).findByLabelText('子商户号'), { target: { value: '1900000109' } });
    fireEvent.change(within(form).getByLabelText('结算账户名称'), { target: { value: '广东粤运定制客运有限公司' } });
    fireEvent.click(merchant);

    await waitFor(() => expect(sent.some((s) => s.path === '/api/admin/operators/3/merchant')).toBe(true));
    expect(sent.find((s) => s.path === '/api/admin/operators/3/merchant')!.body).toEqual({
      mode: 'sub_merchant',
      subMchId: '1900000109',
      mchId: null,
      settlementAccountName: '广东粤运定制客运有限公司',
    });
  });
});
