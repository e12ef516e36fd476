/**
 * 车辆档案 against a mocked bff: the create form refuses what the bff would (plate format, fewer
 * than 7 approved seats) before sending, sends the archive in the API's shape, shows the server's
 * field errors, and the list marks certificates due soon or past due.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import type { AdminProfile, ApiEnvelope, ArchiveHistoryEntry, VehicleView, VerificationView } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';

const dispatcher: AdminProfile = {
  id: 9,
  username: 'op1admin',
  displayName: '运营管理员',
  orgId: 3,
  orgName: '粤运定制客运',
  orgKind: 'operator',
  roles: ['operator_admin'],
  permissions: ['basedata:read', 'basedata:write'],
  mustChangePassword: false,
  passwordExpiresAt: null,
};

const day = (offset: number) => dayjs().tz('Asia/Shanghai').add(offset, 'day').format('YYYY-MM-DD');

const vehicle = (over: Partial<VehicleView>): VehicleView => ({
  id: 1,
  orgId: 3,
  orgName: '粤运定制客运',
  plateNo: '粤B12345',
  plateColor: 2,
  approvedSeats: 19,
  vehicleType: 'medium',
  vehicleClass: 'high1',
  brand: null,
  model: null,
  vin: null,
  transportCertNo: '440300123456',
  transportCertExpiry: day(200),
  transportCertFileId: null,
  annualInspectionDue: day(200),
  insurer: null,
  insurancePolicyNo: null,
  insuranceExpiry: day(200),
  insuranceFileId: null,
  terminalId: 'T001234',
  terminalMaker: null,
  terminalModel: null,
  terminalPhone: null,
  certificateFileIds: [],
  enabled: true,
  verification: { status: 'verified', checkedAt: '2026-01-01T00:00:00Z', reason: null, mismatches: [], registryStatus: 'valid' },
  operable: true,
  blockers: [],
  files: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

interface Sent {
  method: string;
  path: string;
  body: unknown;
}

function mockBff(
  vehicles: VehicleView[],
  create: (body: Record<string, unknown>) => { status: number; body: ApiEnvelope },
  /** further answers, keyed 'METHOD /path' */
  more: Record<string, unknown> = {},
) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ method, path: url.pathname, body });
      const json = (status: number, env: ApiEnvelope) => new Response(JSON.stringify(env), { status, headers: { 'Content-Type': 'application/json' } });
      if (method === 'POST' && url.pathname === '/api/admin/vehicles') {
        const answer = create(body);
        return json(answer.status, answer.body);
      }
      const data: Record<string, unknown> = {
        '/api/admin/auth/me': dispatcher,
        '/api/admin/orgs': [],
        '/api/admin/vehicles': { items: vehicles, total: vehicles.length, page: 1, pageSize: 20 },
      };
      if (method === 'GET' && url.pathname in data) return json(200, { success: true, data: data[url.pathname] });
      if (`${method} ${url.pathname}` in more) return json(200, { success: true, data: more[`${method} ${url.pathname}`] });
      return json(404, { success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' });
    }),
  );
  return sent;
}

const drawer = () => screen.getByRole('dialog');
const field = (label: string) => within(drawer()).getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
async function pickDate(label: string, value: string) {
  const input = field(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
  await waitFor(() => expect(input.value).toBe(value));
}
async function pick(label: string, option: string) {
  fireEvent.mouseDown(field(label));
  fireEvent.click(await screen.findByTitle(option));
}

const renderVehicles = () => renderWithRouter(routes, '/archive/vehicles');

describe('车辆档案', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.2 the vehicle form refuses a bad plate and fewer than 7 approved seats, then sends a valid archive', async () => {
    const sent = mockBff([], (body) => ({ status: 200, body: { success: true, data: vehicle({ id: 5, plateNo: String(body.plateNo) }) } }));
    renderVehicles();
    fireEvent.click(await screen.findByRole('button', { name: /新建车辆/ }));
    await screen.findByText('新建车辆档案');

    type('车牌号', '粤B1234');
    type('核定座位', '5');
    fireEvent.click(within(drawer()).getByTestId('vehicle-save'));
    expect(await within(drawer()).findByText('请输入正确的车牌号，如 粤B12345 或新能源 粤BD12345')).toBeInTheDocument();
    // the seat rule shows as the error, not only as the field's standing hint
    await waitFor(() => expect(within(drawer()).getAllByText('定制客运车辆核定座位不少于 7 座')).toHaveLength(2));
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);

    // lower case and spaces are normalised; a new-energy plate is accepted
    type('车牌号', '粤b d12345');
    type('核定座位', '7');
    await pick('车型', '中型客车');
    await pick('等级', '高一级');
    type('道路运输证号', '440300123456');
    await pickDate('道路运输证到期', '2027-06-30');
    await pickDate('年审到期', '2027-03-31');
    await pickDate('保险到期', '2027-01-15');
    fireEvent.click(within(drawer()).getByTestId('vehicle-save'));

    await waitFor(() => expect(sent.filter((s) => s.method === 'POST')).toHaveLength(1));
    const post = sent.find((s) => s.method === 'POST')!;
    expect(post.path).toBe('/api/admin/vehicles');
    expect(post.body).toMatchObject({
      orgId: 3,
      plateNo: '粤BD12345',
      plateColor: 2,
      approvedSeats: 7,
      vehicleType: 'medium',
      vehicleClass: 'high1',
      transportCertNo: '440300123456',
      transportCertExpiry: '2027-06-30',
      annualInspectionDue: '2027-03-31',
      insuranceExpiry: '2027-01-15',
      transportCertFileId: null,
      certificateFileIds: [],
    });
    expect(await screen.findByText('已保存')).toBeInTheDocument();
  });

  it("R-6.1.2 the server's refusal (duplicate plate) is shown on the field and the drawer stays open", async () => {
    mockBff([], () => ({
      status: 409,
      body: { success: false, data: null, errorCode: 'ARCHIVE.DUPLICATE', errorMessage: '档案已存在', errors: [{ field: 'plateNo', reason: '该车牌已登记' }] },
    }));
    renderVehicles();
    fireEvent.click(await screen.findByRole('button', { name: /新建车辆/ }));
    await screen.findByText('新建车辆档案');
    type('车牌号', '粤B12345');
    type('核定座位', '19');
    await pick('车型', '中型客车');
    await pick('等级', '高一级');
    type('道路运输证号', '440300123456');
    await pickDate('道路运输证到期', '2027-06-30');
    await pickDate('年审到期', '2027-03-31');
    await pickDate('保险到期', '2027-01-15');
    fireEvent.click(within(drawer()).getByTestId('vehicle-save'));

    expect(await within(drawer()).findByText('该车牌已登记')).toBeInTheDocument();
    expect(within(drawer()).getByRole('alert')).toHaveTextContent('档案已存在');
    expect(screen.getByText('新建车辆档案')).toBeInTheDocument();
  });

  it('R-6.1.2 certificates due within 30 days are orange, past due red, and a blocked vehicle says why', async () => {
    mockBff(
      [
        vehicle({ id: 1, plateNo: '粤B11111', transportCertExpiry: day(10), insuranceExpiry: day(-3), operable: false, blockers: ['承运人责任险已过期'] }),
        vehicle({ id: 2, plateNo: '粤B22222' }),
      ],
      () => ({ status: 500, body: { success: false, data: null } }),
    );
    renderVehicles();
    const row = (await screen.findByText('粤B11111', undefined)).closest('tr') as HTMLElement;
    expect(within(row).getByText(day(10))).toHaveAttribute('data-expiry', 'soon');
    expect(within(row).getByText(day(-3))).toHaveAttribute('data-expiry', 'expired');
    expect(within(row).getByTestId('not-operable')).toHaveTextContent('不可运营');
    fireEvent.mouseEnter(within(row).getByTestId('not-operable'));
    expect(await screen.findByText('承运人责任险已过期')).toBeInTheDocument();

    const fine = screen.getByText('粤B22222').closest('tr') as HTMLElement;
    expect(within(fine).queryByTestId('not-operable')).toBeNull();
    expect(within(fine).getAllByText(day(200))[0]).not.toHaveAttribute('data-expiry');
  });

  it('R-6.3.2 a record opened from a link is checked against the licence registry on demand; the history names each change', async () => {
    const record = vehicle({ id: 1, plateNo: '粤B11111' });
    const mismatch: VerificationView = {
      status: 'mismatch',
      checkedAt: '2026-02-01T00:00:00Z',
      reason: '核定座位数不一致：档案 19，许可库 45',
      mismatches: [{ field: 'approvedSeats', label: '核定座位数', archive: '19', registry: '45' }],
      registryStatus: 'valid',
    };
    const history: ArchiveHistoryEntry[] = [
      { id: 2, version: 2, action: 'verify', actorName: '运营管理员', at: '2026-02-01T00:00:00Z', snapshot: {}, changes: [] },
      { id: 1, version: 1, action: 'create', actorName: '运营管理员', at: '2026-01-01T00:00:00Z', snapshot: {}, changes: [] },
    ];
    const sent = mockBff([record], () => ({ status: 500, body: { success: false, data: null } }), {
      'GET /api/admin/vehicles/1': record,
      'POST /api/admin/vehicles/1/verify': mismatch,
      'GET /api/admin/vehicles/1/history': history,
    });
    renderWithRouter(routes, '/archive/vehicles?view=1');
    expect(await screen.findByText('车辆档案 · 粤B11111')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: '证照核验' }));
    fireEvent.click(await screen.findByTestId('verify-button'));
    expect(await screen.findByText('核定座位数不一致：档案 19，许可库 45')).toBeInTheDocument();
    const row = screen.getByText('核定座位数').closest('tr') as HTMLElement;
    expect(within(row).getByText('45')).toBeInTheDocument();
    expect(sent).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/admin/vehicles/1/verify' }));

    fireEvent.click(screen.getByRole('tab', { name: '变更记录' }));
    const timeline = await screen.findByTestId('history');
    expect(within(timeline).getByText('许可核验')).toBeInTheDocument();
    expect(within(timeline).getByText('新建')).toBeInTheDocument();
  });
});
