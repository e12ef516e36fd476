/**
 * 乘客档案 against a mocked bff: platform staff search by a whole phone number only, and the record
 * shows riders masked and the passenger's orders (GET /api/admin/orders?endUserId=); operator staff
 * get no page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminPassengerDetail, AdminProfile, ApiEnvelope } from '@dzky/contracts';
import { resetRequestHooks, tokens } from '../../../request';
import { routes } from '../../../router';
import { renderWithRouter } from '../../../test/render-router';
import { orderRow, orderView } from '../../trips/test-fixtures';

const staff = (orgKind: AdminProfile['orgKind']): AdminProfile => ({
  id: 4,
  username: 'service1',
  displayName: '客服',
  orgId: 1,
  orgName: '定制客运平台',
  orgKind,
  roles: [],
  permissions: ['order:read'],
  mustChangePassword: false,
  passwordExpiresAt: null,
});

const row = { id: 31, nickname: '小王', phone: '138****1234', wechatBound: true, riderCount: 1, enabled: true, privacyPolicyVersion: '2026-01', createdAt: '2026-01-02T03:04:05Z' };
const detail: AdminPassengerDetail = {
  profile: { ...row, gender: null, emergencyContactName: null, emergencyContactPhone: null, privacyAcceptedAt: '2026-01-02T03:04:05Z' },
  riders: [{ id: 1, name: '王**', idType: 'id_card', idNumberMasked: '110***********1234', phoneMasked: '138****1234', isSelf: true, passengerType: 'adult', deleted: false, createdAt: '2026-01-02T03:04:05Z' }],
  bookings: [],
};

function mockBff(me: AdminProfile, orders: (typeof orderRow)[] = []) {
  const queries: URLSearchParams[] = [];
  const orderQueries: URLSearchParams[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      const json = (env: ApiEnvelope) => new Response(JSON.stringify(env), { status: 200, headers: { 'Content-Type': 'application/json' } });
      if (url.pathname === '/api/admin/auth/me') return json({ success: true, data: me });
      if (url.pathname === '/api/admin/passengers') {
        queries.push(url.searchParams);
        return json({ success: true, data: { items: [row], total: 1, page: 1, pageSize: 20 } });
      }
      if (url.pathname === '/api/admin/passengers/31') return json({ success: true, data: detail });
      if (url.pathname === '/api/admin/orders') {
        orderQueries.push(url.searchParams);
        return json({ success: true, data: { items: orders, total: orders.length, page: 1, pageSize: 10 } });
      }
      if (url.pathname === '/api/admin/orders/41') return json({ success: true, data: orderView() });
      return new Response(JSON.stringify({ success: false, data: null, errorCode: 'NOT_FOUND', errorMessage: '记录不存在' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return Object.assign(queries, { orderQueries });
}

describe('乘客档案', () => {
  beforeEach(() => {
    resetRequestHooks();
    tokens.save({ accessToken: 'a1', refreshToken: 'r1' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.2 platform staff find a passenger by the whole phone number and see masked riders and the booking history section', async () => {
    const queries = mockBff(staff('platform'));
    renderWithRouter(routes, '/archive/passengers');
    const input = await screen.findByPlaceholderText('完整的手机号或证件号（精确查找）');
    // nothing is listed before a search, and a partial number is refused without a request
    expect(screen.getByText('请输入完整的手机号或乘车人证件号查询乘客')).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '1381234' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    expect(await screen.findByText('请输入 11 位手机号')).toBeInTheDocument();
    expect(queries).toHaveLength(0);

    fireEvent.change(input, { target: { value: '13812341234' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(queries).toHaveLength(1));
    expect(queries[0].get('phone')).toBe('13812341234');
    const tableRow = (await screen.findByText('小王')).closest('tr') as HTMLElement;
    fireEvent.click(within(tableRow).getByRole('button', { name: /查\s*看/ }));

    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('110***********1234')).toBeInTheDocument();
    expect(within(drawer).getByText('王**')).toBeInTheDocument();
    expect(within(drawer).getByText('居民身份证')).toBeInTheDocument();
    expect(await within(within(drawer).getByTestId('bookings')).findByText('暂无订单记录')).toBeInTheDocument();
    expect(queries.orderQueries[0].get('endUserId')).toBe('31');
  });

  it('R-6.1.2 the passenger record lists the passenger’s orders, and one opens with its tickets', async () => {
    const queries = mockBff(staff('platform'), [orderRow]);
    renderWithRouter(routes, '/archive/passengers');
    fireEvent.change(await screen.findByPlaceholderText('完整的手机号或证件号（精确查找）'), { target: { value: '13812341234' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    fireEvent.click(within((await screen.findByText('小王')).closest('tr') as HTMLElement).getByRole('button', { name: /查\s*看/ }));
    const bookings = await screen.findByTestId('bookings');
    const row = (await within(bookings).findByText('DZ300301120000123456')).closest('tr') as HTMLElement;
    expect(queries.orderQueries[0].get('endUserId')).toBe('31');
    expect(within(row).getByText('¥97.50')).toBeInTheDocument();
    expect(within(row).getByText('待支付')).toBeInTheDocument();
    expect(within(row).getByText('鹏城快线')).toBeInTheDocument();
    fireEvent.click(within(row).getByRole('button', { name: 'DZ300301120000123456' }));
    expect(await screen.findByText('订单 DZ300301120000123456')).toBeInTheDocument();
    expect(await screen.findByText('440***********5678')).toBeInTheDocument();
  });

  it('R-6.1.2 operator staff are told passenger records are for platform staff, and nothing is fetched', async () => {
    const queries = mockBff(staff('operator'));
    renderWithRouter(routes, '/archive/passengers');
    expect(await screen.findByText('乘客档案仅平台运营人员可查看')).toBeInTheDocument();
    expect(queries).toHaveLength(0);
  });
});
