import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, profile, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { orderView } from '../../trip/test-fixtures';
import OrderDetailPage from './index';

/** settles the mocked requests without real timers (the page's countdown runs on fake ones) */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;
const reads = () => calls().filter((c) => c.method === 'GET' && c.url.endsWith('/orders/501'));

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ id: '501' });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('订单详情', () => {
  it('R-6.2.3 a pending order counts its seat hold down; at zero it is read again and shows 已超时', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:14:50.000Z') });
    const answers = [orderView(), orderView({ status: 'expired', holdExpiresAt: null, tickets: [{ ...orderView().tickets[0], status: 'released' }] })];
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(answers.length > 1 ? answers.shift() : answers[0]) });
    render(<OrderDetailPage />);
    await settle();

    expect(text('order-status')).toBe('待支付');
    expect(text('order-countdown')).toBe('剩余 00:10，超时未支付将自动取消');
    expect(text('order-ticket-9001')).toContain('张三');
    expect(text('order-ticket-9001')).toContain('居民身份证 110***********002X');
    expect(text('order-ticket-9001')).toContain('成人票');
    expect(text('order-total')).toBe('¥60.00');
    expect(text('order-from')).toContain('福田中心区上客区');
    expect(text('order-from')).toContain('09:25');
    expect(reads()).toHaveLength(1);

    act(() => jest.advanceTimersByTime(5000));
    expect(text('order-countdown')).toBe('剩余 00:05，超时未支付将自动取消');
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    await act(async () => {
      jest.advanceTimersByTime(0);
    });
    await settle();

    expect(reads()).toHaveLength(2);
    expect(text('order-status')).toBe('已超时');
    expect(text('order-countdown')).toBeNull();
    expect(document.getElementById('order-cancel')).toBeNull();
    expect(text('order-ticket-9001')).toContain('已释放');
  });

  it('R-6.2.3 if the bff has not expired it yet, the page asks again a little later', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:15:01.000Z') });
    const answers = [orderView(), orderView(), orderView({ status: 'expired', holdExpiresAt: null })];
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(answers.length > 1 ? answers.shift() : answers[0]) });
    render(<OrderDetailPage />);
    await settle();
    await act(async () => {
      jest.advanceTimersByTime(0);
    });
    await settle();
    expect(reads()).toHaveLength(2);
    expect(text('order-status')).toBe('待支付');
    await act(async () => {
      jest.advanceTimersByTime(3000);
    });
    await settle();
    expect(reads()).toHaveLength(3);
    expect(text('order-status')).toBe('已超时');
  });

  it('R-6.2.4 取消订单 asks first; confirmed, the order is cancelled; 去支付 is there but disabled until payments arrive', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:05:00.000Z') });
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'POST /orders/501/cancel': () => ok(orderView({ status: 'cancelled', holdExpiresAt: null, cancelReason: null })),
    });
    render(<OrderDetailPage />);
    await settle();
    expect(text('order-countdown')).toBe('剩余 10:00，超时未支付将自动取消');
    expect((document.getElementById('order-pay') as HTMLButtonElement).disabled).toBe(true);
    expect(text('order-pay-soon')).toBe('支付功能即将上线');

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(document.getElementById('order-cancel')!);
    await settle();
    expect(calls().filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.click(document.getElementById('order-cancel')!);
    await settle();
    expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '取消后座位将释放，确定取消该订单吗？' }));
    expect(calls().filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/app/orders/501/cancel']);
    expect(text('order-status')).toBe('已取消');
    expect(text('order-countdown')).toBeNull();
    expect(document.getElementById('order-pay')).toBeNull();
  });
});
