/**
 * 收款记录 against a mocked bff: amounts in yuan from integer fen, both sides' numbers, the merchant
 * account, filters sent as the query, and the detail drawer linking to the order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminProfile, PaymentListItem } from '@dzky/contracts';
import { mockBff, profile, renderPage } from '../../basedata/test-support';

const payment = (over: Partial<PaymentListItem> = {}): PaymentListItem => ({
  id: 501,
  outTradeNo: 'PAY300301120000123456A1',
  transactionId: '4200002345202603011234567890',
  orderId: 41,
  orderNo: 'DZ300301120000123456',
  orgId: 2,
  orgName: '鹏城快线',
  purpose: 'order',
  channel: 'jsapi',
  merchantMode: 'sub_merchant',
  mchid: '1900000109',
  amountFen: 123405,
  refundedFen: 6500,
  status: 'paid',
  paidAt: '2030-03-01T04:01:00.000Z',
  createdAt: '2030-03-01T04:00:30.000Z',
  ...over,
});

const platformStaff = (): AdminProfile => ({ ...profile(['finance:read', 'order:read']), orgId: 1, orgName: '平台', orgKind: 'platform' });

describe('收款记录', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.4 payments are listed with amounts in yuan, WeChat numbers and the merchant, and open with a link to the order', async () => {
    mockBff(profile(['finance:read', 'order:read']), {
      'GET /api/admin/payments': () => ({
        items: [payment(), payment({ id: 502, outTradeNo: 'PAY2', transactionId: null, orderNo: 'DZ2', merchantMode: 'direct', mchid: '1230000109', amountFen: 5, refundedFen: 0, status: 'created', paidAt: null, channel: 'native' })],
        total: 2,
        page: 1,
        pageSize: 20,
      }),
    });
    renderPage('/finance/payments');
    const row = (await screen.findByText('PAY300301120000123456A1', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(within(row).getByText('¥1234.05')).toBeInTheDocument();
    expect(within(row).getByText('¥65.00')).toBeInTheDocument();
    expect(within(row).getByText('4200002345202603011234567890')).toBeInTheDocument();
    expect(within(row).getByText('子商户')).toBeInTheDocument();
    expect(within(row).getByText('1900000109')).toBeInTheDocument();
    expect(within(row).getByText('微信内支付')).toBeInTheDocument();
    expect(within(row).getByText('已支付')).toBeInTheDocument();
    expect(within(row).getByText('2030-03-01 12:01:00')).toBeInTheDocument();

    const other = screen.getByText('PAY2').closest('tr')!;
    expect(within(other).getByText('¥0.05')).toBeInTheDocument();
    expect(within(other).getByText('直连商户')).toBeInTheDocument();
    expect(within(other).getByText('待支付')).toBeInTheDocument();

    fireEvent.click(within(row).getByRole('button', { name: /查\s*看/ }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('¥1234.05')).toBeInTheDocument();
    // kept after the refund
    expect(within(drawer).getByText('¥1169.05')).toBeInTheDocument();
    expect(within(drawer).getByRole('link', { name: '查看订单' })).toHaveAttribute('href', '/orders?keyword=DZ300301120000123456&open=1');
  });

  it('R-6.2.4 platform staff filter by operator, status, channel and keyword', async () => {
    const sent = mockBff(platformStaff(), {
      'GET /api/admin/orgs': () => [{ id: 1, name: '平台', kind: 'platform', enabled: true, children: [{ id: 2, name: '鹏城快线', kind: 'operator', enabled: true, children: [] }] }],
      'GET /api/admin/payments': () => ({ items: [payment()], total: 1, page: 1, pageSize: 20 }),
    });
    renderPage('/finance/payments');
    await screen.findByText('PAY300301120000123456A1', undefined, { timeout: 15_000 });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '运营商' }));
    fireEvent.click((await screen.findAllByTitle('鹏城快线')).find((el) => el.closest('.ant-select-dropdown'))!);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '状态' }));
    fireEvent.click(await screen.findByTitle('已关闭'));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '支付方式' }));
    fireEvent.click(await screen.findByTitle('扫码支付'));
    fireEvent.change(screen.getByPlaceholderText('订单号 / 商户单号 / 微信支付单号'), { target: { value: ' 4200002345 ' } });
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => {
      const lists = sent.filter((s) => s.path === '/api/admin/payments');
      expect(lists[lists.length - 1].query).toMatchObject({ orgId: '2', status: 'closed', channel: 'native', keyword: '4200002345', page: '1' });
    });
  });

  it('R-6.2.4 operator staff see their payments without an operator filter and without a link to orders they may not open', async () => {
    mockBff(profile(['finance:read']), {
      'GET /api/admin/payments': () => ({ items: [payment()], total: 1, page: 1, pageSize: 20 }),
    });
    renderPage('/finance/payments');
    const row = (await screen.findByText('PAY300301120000123456A1', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(screen.queryByRole('combobox', { name: '运营商' })).toBeNull();
    fireEvent.click(within(row).getByRole('button', { name: 'DZ300301120000123456' }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('订单支付')).toBeInTheDocument();
    expect(within(drawer).queryByRole('link', { name: '查看订单' })).toBeNull();
  });
});
