/**
 * The messages an order's passenger was sent, in the order drawer: each attempt with its
 * time, kind, channel (微信订阅消息 / 短信), result and why it failed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { NotificationDeliveryView } from '@dzky/contracts';
import { mockBff, profile, renderPage, reply } from '../basedata/test-support';
import { orderRow, orderView } from '../trips/test-fixtures';

const deliveries: NotificationDeliveryView[] = [
  { id: 1, kind: 'payment_succeeded', channel: 'wechat', status: 'sent', providerRef: null, error: null, createdAt: '2026-12-01T02:00:00.000Z' },
  { id: 2, kind: 'vehicle_assigned', channel: 'wechat', status: 'failed', providerRef: null, error: '43101 no subscription left: user refuse to accept the msg', createdAt: '2026-12-01T03:00:00.000Z' },
  { id: 3, kind: 'vehicle_assigned', channel: 'sms', status: 'sent', providerRef: '900619746936498440^0', error: null, createdAt: '2026-12-01T03:00:01.000Z' },
  { id: 4, kind: 'trip.cancelled', channel: 'sms', status: 'failed', providerRef: null, error: 'RATE_LIMITED: 短信发送太频繁，请稍后再试', createdAt: '2026-12-01T04:00:00.000Z' },
];

describe('订单消息通知', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('R-6.2.5 the order drawer lists every delivery: time (Beijing), kind, WeChat or SMS, result and error', async () => {
    const sent = mockBff(profile(['order:read']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => orderView(),
      'GET /api/admin/orders/41/notifications': () => deliveries,
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    const section = await within(drawer).findByTestId('order-notifications', undefined, { timeout: 15_000 });
    expect(within(section).getByText('消息通知')).toBeInTheDocument();
    // the rows once loaded (until then the table holds its loading placeholder row)
    await within(section).findByText('支付成功', undefined, { timeout: 15_000 });
    const rows = within(section).getAllByRole('row').slice(1);
    const cells = rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(cells).toEqual([
      ['2026-12-01 10:00:00', '支付成功', '微信订阅消息', '已发送', '-'],
      ['2026-12-01 11:00:00', '派车通知', '微信订阅消息', '失败', '43101 no subscription left: user refuse to accept the msg'],
      ['2026-12-01 11:00:01', '派车通知', '短信', '已发送', '-'],
      ['2026-12-01 12:00:00', '班次取消', '短信', '失败', 'RATE_LIMITED: 短信发送太频繁，请稍后再试'],
    ]);
    expect(sent.filter((s) => s.path === '/api/admin/orders/41/notifications')).toHaveLength(1);
  });

  it('R-6.2.5 an order with no message yet says so', async () => {
    mockBff(profile(['order:read']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => orderView(),
      'GET /api/admin/orders/41/notifications': () => [],
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    expect(await within(drawer).findByText('尚未向乘客发送消息', undefined, { timeout: 15_000 })).toBeInTheDocument();
  });

  it('R-6.2.5 a failed load is shown in place, and the order stays readable', async () => {
    mockBff(profile(['order:read']), {
      'GET /api/admin/orders': () => ({ items: [orderRow], total: 1, page: 1, pageSize: 20 }),
      'GET /api/admin/orders/41': () => orderView(),
      'GET /api/admin/orders/41/notifications': () => reply(500, { success: false, data: null, errorCode: 'INTERNAL', errorMessage: '服务器内部错误' }),
    });
    renderPage('/orders?keyword=DZ300301120000123456&open=1');
    const drawer = await screen.findByRole('dialog', undefined, { timeout: 15_000 });
    expect(await within(drawer).findByText('通知记录加载失败', undefined, { timeout: 15_000 })).toBeInTheDocument();
    expect(within(drawer).getByText('¥97.50')).toBeInTheDocument();
  });
});
