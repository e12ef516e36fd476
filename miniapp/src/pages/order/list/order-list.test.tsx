import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, profile, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import OrderListPage from './index';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;

const item = (over: Record<string, unknown>) => ({
  id: 501, orderNo: 'DZ261125100000123456', status: 'pending_payment', tripId: 41, lineName: '深圳—广州', departAt: '2026-11-26T01:00:00.000Z',
  fromName: '福田交通枢纽', toName: '广州南站', riderCount: 2, totalFen: 9000, holdExpiresAt: '2026-11-25T02:15:00.000Z', createdAt: '', ...over,
});
const page = (items: unknown[], total = items.length) => ok({ items, total, page: 1, pageSize: 20 });

beforeEach(() => {
  __test.reset();
  resetRequestState();
});

afterEach(() => {
  jest.useRealTimers();
});

/** settles the mocked requests without real timers (the countdown runs on fake ones) */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
}

describe('订单 tab', () => {
  it('R-6.2.3 signed out, it offers sign-in instead of a list', async () => {
    serve({});
    render(<OrderListPage />);
    await flush();
    expect(text('orders-signed-out')).toContain('登录后查看订单');
    fireEvent.click(document.getElementById('orders-sign-in')!);
    await flush();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' });
    expect(calls()).toHaveLength(0);
  });

  it('R-6.2.3 lists my orders; the tabs ask for one status; pulling down reloads', async () => {
    signedIn();
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders?page=1&pageSize=20': () => page([item({}), item({ id: 502, status: 'expired', orderNo: 'DZ2' })]),
      'GET /orders?status=paid&page=1&pageSize=20': () => page([]),
    });
    render(<OrderListPage />);
    await flush();
    const card = text('order-501')!;
    expect(card).toContain('深圳—广州');
    expect(card).toContain('待支付');
    expect(card).toContain('福田交通枢纽 → 广州南站');
    expect(card).toContain('11-26 09:00 出发');
    expect(card).toContain('2 位乘车人');
    expect(card).toContain('¥90.00');
    expect(text('order-502')).toContain('已超时');

    fireEvent.click(document.getElementById('order-501')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=501' });

    fireEvent.click(document.getElementById('orders-tab-paid')!);
    await flush();
    expect(calls().map((c) => c.url)).toContain('/api/app/orders?status=paid&page=1&pageSize=20');
    expect(text('orders-empty')).toContain('暂无订单');

    act(() => __test.pullDown());
    await flush();
    expect(calls().filter((c) => c.url.includes('status=paid'))).toHaveLength(2);
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('R-6.2.3 reaching the bottom loads the next page', async () => {
    signedIn();
    const first = Array.from({ length: 20 }, (_, i) => item({ id: 600 + i }));
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders?page=1&pageSize=20': () => page(first, 21),
      'GET /orders?page=2&pageSize=20': () => page([item({ id: 700 })], 21),
    });
    render(<OrderListPage />);
    await flush();
    expect(text('order-700')).toBeNull();
    act(() => __test.reachBottom());
    await flush();
    expect(text('order-700')).toContain('深圳—广州');
    expect(document.querySelectorAll('.order-item')).toHaveLength(21);
  });

  it('R-6.2.3 an unpaid order counts its seat hold down; when it runs out the list is read again and shows 已超时', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:13:55.000Z') });
    signedIn();
    const answers = [
      page([item({}), item({ id: 502, status: 'paid', holdExpiresAt: null })]),
      page([item({ status: 'expired', holdExpiresAt: null }), item({ id: 502, status: 'paid', holdExpiresAt: null })]),
    ];
    serve({ 'GET /me': () => ok(profile()), 'GET /orders?page=1&pageSize=20': () => (answers.length > 1 ? answers.shift() : answers[0]) });
    render(<OrderListPage />);
    await settle();
    const listReads = () => calls().filter((c) => c.url.includes('/orders?')).length;

    expect(text('order-hold-501')).toBe('剩余 01:05 支付');
    expect(document.getElementById('order-hold-502')).toBeNull();
    act(() => jest.advanceTimersByTime(60_000));
    expect(text('order-hold-501')).toBe('剩余 00:05 支付');
    expect(listReads()).toBe(1);

    // the hold ends; a moment later (the bff's sweep) the list is read once more
    act(() => jest.advanceTimersByTime(5_000));
    expect(document.getElementById('order-hold-501')).toBeNull();
    await act(async () => {
      jest.advanceTimersByTime(1_500);
    });
    await settle();
    expect(listReads()).toBe(2);
    expect(text('order-501')).toContain('已超时');
    expect(document.getElementById('order-hold-501')).toBeNull();
  });

  it('R-6.2.3 a hold already over when the list came shows no countdown and asks nothing more', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:20:00.000Z') });
    signedIn();
    serve({ 'GET /me': () => ok(profile()), 'GET /orders?page=1&pageSize=20': () => page([item({})]) });
    render(<OrderListPage />);
    await settle();
    await act(async () => {
      jest.advanceTimersByTime(10_000);
    });
    await settle();
    expect(text('order-501')).toContain('待支付');
    expect(document.getElementById('order-hold-501')).toBeNull();
    expect(calls().filter((c) => c.url.includes('/orders?'))).toHaveLength(1);
  });
});
