/**
 * 驾驶员档案 against a mocked bff: exact search by a whole ID or phone number, masked numbers in
 * the list, and linking a driver-app account (phone match → pick → confirm).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminProfile, ApiEnvelope, DriverLinkCandidate, DriverView } from '@dzky/contracts';
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
  permissions: ['basedata:read', 'basedata:write'],
  mustChangePassword: false,
  passwordExpiresAt: null,
};

const driver: DriverView = {
  id: 21,
  orgId: 3,
  orgName: '粤运定制客运',
  name: '张师傅',
  gender: 'male',
  idType: 'id_card',
  idNumberMasked: '440***********1234',
  phoneMasked: '139****5678',
  licenceNoMasked: null,
  licenceClass: 'A1',
  licenceFirstIssuedOn: null,
  licenceExpiry: '2030-01-01',
  licenceFileId: null,
  qualificationNoMasked: '4403********0001',
  qualificationCategory: '道路旅客运输驾驶员',
  qualificationExpiry: '2030-01-01',
  qualificationFileId: null,
  photoFileId: null,
  employmentStatus: 'active',
  hiredOn: null,
  linkedEndUserId: null,
  linkedAt: null,
  enabled: true,
  verification: { status: 'unverified', checkedAt: null, reason: null, mismatches: [], registryStatus: null },
  operable: true,
  blockers: [],
  files: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function mockBff() {
  const sent: { method: string; path: string; query: URLSearchParams; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      sent.push({ method, path: url.pathname, query: url.searchParams, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const json = (env: ApiEnvelope) => new Response(JSON.stringify(env), { status: 200, headers: { 'Content-Type': 'application/json' } });
      const routes: Record<string, unknown> = {
        'GET /api/admin/auth/me': me,
        'GET /api/admin/orgs': [],
        'GET /api/admin/drivers': { items: [driver], total: 1, page: 1, pageSize: 20 },
        'GET /api/admin/drivers/21/link-candidates': [
          { endUserId: 77, nickname: '张师傅的微信', phoneMasked: '139****5678', registeredAt: '2026-01-05T00:00:00Z', linkedDriverId: null },
        ] satisfies DriverLinkCandidate[],
        'POST /api/admin/drivers/21/link': { ...driver, linkedEndUserId: 77 },
        'PUT /api/admin/drivers/21': driver,
      };
      const key = `${method} ${url.pathname}`;
      if (key in routes) return json({ success: true, data: routes[key] });
      return new Response(JSON.stringify({ success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return sent;
}

describe('驾驶员档案', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.2 numbers are listed masked and searched only whole: a phone number goes to the exact phone search', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/drivers');
    const row = (await screen.findByText('张师傅')).closest('tr') as HTMLElement;
    expect(within(row).getByText('440***********1234')).toBeInTheDocument();
    expect(within(row).getByText('139****5678')).toBeInTheDocument();

    const input = screen.getByPlaceholderText('输入完整的身份证号或手机号（精确查找）');
    const lists = () => sent.filter((s) => s.method === 'GET' && s.path === '/api/admin/drivers');
    const before = lists().length;
    fireEvent.change(input, { target: { value: '1390000' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('请输入完整的 18 位身份证号或 11 位手机号')).toBeInTheDocument();
    expect(lists()).toHaveLength(before);

    fireEvent.change(input, { target: { value: '13900005678' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(lists().length).toBe(before + 1));
    expect(lists().at(-1)!.query.get('phone')).toBe('13900005678');
    expect(lists().at(-1)!.query.get('idNumber')).toBeNull();
  });

  it('R-6.3.2 linking a driver-app account: candidates by phone match, then an explicit confirmation', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/drivers');
    const row = (await screen.findByText('张师傅')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /更\s*多/ }));
    fireEvent.click(await screen.findByText('关联账号'));

    const modal = await screen.findByRole('dialog');
    expect(await within(modal).findByText('张师傅的微信')).toBeInTheDocument();
    // the only candidate is preselected; the first OK asks for confirmation, nothing is sent yet
    fireEvent.click(within(modal).getByRole('button', { name: /关联账号/ }));
    expect(await within(modal).findByText('确定将账号 张师傅的微信 关联到驾驶员 张师傅？')).toBeInTheDocument();
    expect(sent.some((s) => s.method === 'POST')).toBe(false);

    fireEvent.click(within(modal).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/admin/drivers/21/link', body: { endUserId: 77 } })));
    expect(await screen.findByText('操作成功')).toBeInTheDocument();
  });

  it('R-6.1.2 editing sends the archive in the API shape and never writes a masked number back: empty keeps, typed replaces', async () => {
    const sent = mockBff();
    renderWithRouter(routes, '/archive/drivers');
    const row = (await screen.findByText('张师傅')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: /编\s*辑/ }));
    const drawer = await screen.findByRole('dialog');
    // the form shows which numbers are on file, masked, and leaves the fields empty
    expect(within(drawer).getByText('已登记 440***********1234，不修改请留空')).toBeInTheDocument();
    expect(within(drawer).getByText('已登记 4403********0001，不修改请留空')).toBeInTheDocument();
    expect(within(drawer).getByLabelText('证件号码')).toHaveValue('');

    fireEvent.change(within(drawer).getByLabelText('手机号'), { target: { value: '13900001111' } });
    fireEvent.click(within(drawer).getByTestId('driver-save'));

    await waitFor(() => expect(sent.some((s) => s.method === 'PUT')).toBe(true));
    const put = sent.find((s) => s.method === 'PUT')!;
    expect(put.path).toBe('/api/admin/drivers/21');
    expect(put.body).toMatchObject({
      orgId: 3,
      name: '张师傅',
      gender: 'male',
      idType: 'id_card',
      phone: '13900001111',
      licenceClass: 'A1',
      licenceExpiry: '2030-01-01',
      qualificationCategory: '道路旅客运输驾驶员',
      qualificationExpiry: '2030-01-01',
      employmentStatus: 'active',
    });
    for (const masked of ['idNumber', 'licenceNo', 'qualificationNo']) expect(put.body).not.toHaveProperty(masked);
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });
});
