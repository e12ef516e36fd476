/**
 * An order's money in 订单管理: paid, refunded and the refunds from OrderView.money; staff with
 * 'finance:write' return chosen tickets with a reason, the fee waived or not, under a fresh clientKey.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { OrderMoney, OrderView, RefundView } from '@dzky/contracts';
import { mockBff, profile, renderPage, writes, type Sent } from '../../../basedata/test-support';
import { orderRow, orderView } from '../../../trips/test-fixtures';

const earlier: RefundView = {
  id: 70,
  outRefundNo: 'RF300301130000000070',
  orderId: 41,
  orderNo: 'DZ300301120000123456',
  reason: 'passenger',
  remark: null,
  status: 'succeeded',
  amountFen: 2925,
  feeFen: 325,
  ticketNos: ['T3'],
  createdAt: '2030-03-01T05:00:00.000Z',
  settledAt: '2030-03-01T05:01:00.000Z',
};

const money = (over: Partial<OrderMoney> = {}): OrderMoney => ({
  paidFen: 13000,
  refundedFen: 2925,
  paidAt: '2030-03-01T04:01:00.000Z',
  channel: 'jsapi',
  refunds: [earlier],
  rebookedFrom: null,
  rebookedTo: null,
  canRefund: true,
  canRebook: true,
  canInvoice: true,
  ...over,
});

const paidOrder = (over: Partial<OrderView> = {}) =>
  orderView({
    status: 'paid',
    holdExpiresAt: null,
    tickets: orderView().tickets.map((tk) => ({ ...tk, status: 'issued' })),
    money: money(),
    ...over,
  });

describe('订单管理 · 支付与退款', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.4 staff with finance:write return chosen tickets with the fee waived and a reason, under a fresh clientKey', async () => {
    let refunded: RefundView | null = null;
    const sent = mockBff(profile(['order:read', 'finance:write']), {
      'GET /api/admin/orders': () => ({ items: [{ ...orderRow, status: 'paid' }], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () =>
        refunded
          ? paidOrder({ money: money({ refundedFen: 2925 + refunded.amountFen, refunds: [earlier, refunded] }) })
          : paidOrder(),
      'POST /api/admin/orders/41/refunds': (req: Sent) => {
        refunded = { ...earlier, id: 73, outRefundNo: 'RF300302100000000073', reason: 'operator', status: 'processing', amountFen: 6500, feeFen: 0, ticketNos: ['T1'], remark: (req.body as { remark: string }).remark, settledAt: null };
        return refunded;
      },
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    const section = await within(drawer).findByTestId('order-money');
    expect(within(section).getByText('¥130.00')).toBeInTheDocument();
    expect(within(section).getAllByText('¥29.25')).toHaveLength(2);
    expect(within(section).getByText('RF300301130000000070')).toBeInTheDocument();
    expect(within(section).getByText('微信内支付')).toBeInTheDocument();

    fireEvent.click(within(section).getByRole('button', { name: /退票/ }));
    const modal = (await screen.findByText('退票（运营方）')).closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(modal).getByRole('button', { name: '确认退票' }));
    expect(await within(modal).findByText('请选择要退的车票')).toBeInTheDocument();
    expect(within(modal).getByText('请填写退票原因')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);

    fireEvent.click(within(modal).getByRole('checkbox', { name: /王小明 · T1/ }));
    fireEvent.click(within(modal).getByRole('switch'));
    fireEvent.change(within(modal).getByLabelText('退票原因'), { target: { value: ' 投诉属实，全额退还 ' } });
    fireEvent.click(within(modal).getByRole('button', { name: '确认退票' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    const post = writes(sent)[0];
    expect(post).toMatchObject({ path: '/api/admin/orders/41/refunds', body: { ticketIds: [1], waiveFee: true, remark: '投诉属实，全额退还' } });
    expect((post.body as { clientKey: string }).clientKey).toMatch(/^rf-[0-9a-f]{32}$/);

    // the order is read again: the new refund is listed
    expect(await within(section).findByText('RF300302100000000073')).toBeInTheDocument();
    expect(within(section).getByText('¥94.25')).toBeInTheDocument();

    // another refund gets another key
    fireEvent.click(within(section).getByRole('button', { name: /退票/ }));
    const again = (await screen.findByText('退票（运营方）')).closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(again).getByRole('checkbox', { name: /王小红 · T2/ }));
    fireEvent.change(within(again).getByLabelText('退票原因'), { target: { value: '再次退票' } });
    fireEvent.click(within(again).getByRole('button', { name: '确认退票' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(2));
    expect(writes(sent)[1].body).toMatchObject({ ticketIds: [2], waiveFee: false });
    expect((writes(sent)[1].body as { clientKey: string }).clientKey).not.toBe((post.body as { clientKey: string }).clientKey);
  });

  it('R-6.2.4 staff without finance:write see the money but cannot refund', async () => {
    mockBff(profile(['order:read', 'order:write']), {
      'GET /api/admin/orders': () => ({ items: [{ ...orderRow, status: 'paid' }], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => paidOrder(),
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    const section = await within(drawer).findByTestId('order-money');
    expect(within(section).getByText('¥130.00')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /退票/ })).toBeNull();
  });
});
