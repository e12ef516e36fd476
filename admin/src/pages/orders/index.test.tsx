/**
 * 订单管理 against a mocked bff: an order opened from a trip's passenger list shows its journey
 * (with the door-to-door point), tickets with masked IDs and the seat hold counting down; staff
 * with order:write cancel it unpaid, with a reason.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { mockBff, profile, renderPage, reply, writes } from '../basedata/test-support';
import { orderRow, orderView } from '../trips/test-fixtures';

describe('订单管理', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.1.4 R-6.2.3 an order found by its number opens with the journey, masked IDs and the hold countdown, and is cancelled with a reason', async () => {
    const sent = mockBff(profile(['order:read', 'order:write']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => orderView(),
      'POST /api/admin/orders/41/cancel': (req) => orderView({ status: 'cancelled', holdExpiresAt: null, cancelReason: (req.body as { reason: string }).reason }),
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    expect(sent.find((s) => s.path === '/api/admin/orders')!.query.keyword).toBe('DZ300301120000123456');
    expect(await within(drawer).findByText('440***********5678')).toBeInTheDocument();
    expect(within(drawer).getByText('¥97.50')).toBeInTheDocument();
    expect(within(drawer).getByText(/龙华区民治大道 1 号/)).toBeInTheDocument();
    expect(within(drawer).getByText('民治上车区')).toBeInTheDocument();
    expect(within(drawer).getByTestId('hold-countdown')).toHaveTextContent(/剩余 (09|10):\d\d/);

    fireEvent.click(within(drawer).getByRole('button', { name: /取消订单/ }));
    const confirm = (await screen.findByText('取消未支付订单')).closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: '确认取消' }));
    expect(await within(confirm).findByText('请填写取消原因')).toBeInTheDocument();
    expect(writes(sent)).toHaveLength(0);
    fireEvent.change(within(confirm).getByLabelText('取消原因'), { target: { value: '乘客来电要求取消' } });
    fireEvent.click(within(confirm).getByRole('button', { name: '确认取消' }));
    await waitFor(() => expect(writes(sent)).toHaveLength(1));
    expect(writes(sent)[0]).toMatchObject({ path: '/api/admin/orders/41/cancel', body: { reason: '乘客来电要求取消' } });
    expect(await within(drawer).findByText('已取消')).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: /取消订单/ })).toBeNull();
  });

  it('R-6.1.4 R-6.2.3 staff who only read orders see no cancel button; a trip’s orders are listed by its ID', async () => {
    const sent = mockBff(profile(['order:read']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => orderView(),
    });
    renderPage('/orders?tripId=7');
    const row = (await screen.findByText('DZ300301120000123456', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(sent.find((s) => s.path === '/api/admin/orders')!.query.tripId).toBe('7');
    expect(screen.getByTestId('trip-filter')).toHaveTextContent('班次 #7');
    expect(within(row).getByText('¥97.50')).toBeInTheDocument();
    expect(within(row).getByText('待支付')).toBeInTheDocument();
    fireEvent.click(within(row).getByRole('button', { name: /查\s*看/ }));
    const drawer = await screen.findByRole('dialog');
    await within(drawer).findByText('110***********1234');
    expect(within(drawer).queryByRole('button', { name: /取消订单/ })).toBeNull();
  });

  it('R-6.1.4 R-6.2.3 staff filter by phone number and status; an order paid meanwhile is not cancelled and is shown as it is now', async () => {
    let paid = false;
    const sent = mockBff(profile(['order:read', 'order:write']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => (paid ? orderView({ status: 'paid', holdExpiresAt: null }) : orderView()),
      'POST /api/admin/orders/41/cancel': () => {
        paid = true;
        return reply(409, { success: false, data: null, errorCode: 'ORDER.STATE_INVALID', errorMessage: '订单状态已变化，请刷新' });
      },
    });
    renderPage('/orders');
    await screen.findByText('DZ300301120000123456', undefined, { timeout: 15_000 });
    fireEvent.change(screen.getByPlaceholderText('完整订单号或联系电话'), { target: { value: ' 13812341234 ' } });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '状态' }));
    fireEvent.click(await screen.findByTitle('待支付'));
    fireEvent.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => {
      const lists = sent.filter((s) => s.path === '/api/admin/orders');
      expect(lists[lists.length - 1].query).toMatchObject({ keyword: '13812341234', status: 'pending_payment', page: '1' });
    });

    const row = screen.getByText('DZ300301120000123456').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /查\s*看/ }));
    const drawer = await screen.findByRole('dialog');
    fireEvent.click(await within(drawer).findByRole('button', { name: /取消订单/ }));
    const confirm = (await screen.findByText('取消未支付订单')).closest('.ant-modal') as HTMLElement;
    fireEvent.change(within(confirm).getByLabelText('取消原因'), { target: { value: '乘客来电要求取消' } });
    fireEvent.click(within(confirm).getByRole('button', { name: '确认取消' }));
    expect(await screen.findByText('订单状态已变化，请刷新')).toBeInTheDocument();
    // read again: paid now, so there is nothing to cancel
    expect(await within(drawer).findByText('已支付')).toBeInTheDocument();
    expect(within(drawer).queryByRole('button', { name: /取消订单/ })).toBeNull();
  });

  it('R-6.2.3 when the seat hold runs out while the order is open, the order is read again and shows as expired', async () => {
    let reads = 0;
    mockBff(profile(['order:read', 'order:write']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () =>
        ++reads === 1 ? orderView({ holdExpiresAt: new Date(Date.now() + 1500).toISOString() }) : orderView({ status: 'expired', holdExpiresAt: null, tickets: orderView().tickets.map((tk) => ({ ...tk, status: 'released' })) }),
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    expect(await within(drawer).findByTestId('hold-countdown')).toBeInTheDocument();
    expect(await within(drawer).findByText('已超时', undefined, { timeout: 8_000 })).toBeInTheDocument();
    expect(within(drawer).getAllByText('已释放')).toHaveLength(2);
    expect(within(drawer).queryByRole('button', { name: /取消订单/ })).toBeNull();
    expect(reads).toBe(2);
  });
});
