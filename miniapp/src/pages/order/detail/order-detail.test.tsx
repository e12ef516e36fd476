import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, profile, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { orderView } from '../../trip/test-fixtures';
import OrderDetailPage from './index';

jest.mock('../../../components/qr-code', () => jest.requireActual('../../../components/qr-code/qr-code.h5'));

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

  it('R-6.2.4 取消订单 asks first; confirmed, the order is cancelled; 去支付 opens the pay page', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-25T02:05:00.000Z') });
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'POST /orders/501/cancel': () => ok(orderView({ status: 'cancelled', holdExpiresAt: null, cancelReason: null })),
    });
    render(<OrderDetailPage />);
    await settle();
    expect(text('order-countdown')).toBe('剩余 10:00，超时未支付将自动取消');
    fireEvent.click(document.getElementById('order-pay')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/pay/index?orderId=501' });

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

const ISSUED = { ...orderView().tickets[0], status: 'issued' as const, seatNo: 3 };
const paidOrder = (money: Record<string, unknown> = {}, over: Record<string, unknown> = {}) =>
  orderView({
    status: 'partially_refunded',
    holdExpiresAt: null,
    totalFen: 18000,
    tickets: [
      ISSUED,
      { ...ISSUED, id: 9002, ticketNo: 'T2', riderId: 2, riderName: '李四', seatNo: 4, status: 'refunded' },
      { ...ISSUED, id: 9003, ticketNo: 'T3', riderId: 3, riderName: '王五', seatNo: 5, status: 'checked' },
    ],
    money: {
      paidFen: 18000,
      refundedFen: 4800,
      paidAt: '2026-11-25T02:06:00.000Z',
      channel: 'jsapi',
      refunds: [
        { id: 71, outRefundNo: 'R71', orderId: 501, orderNo: 'DZ261125100000123456', reason: 'passenger', remark: null, status: 'succeeded', amountFen: 4800, feeFen: 1200, ticketNos: ['T2'], createdAt: '2026-11-25T03:00:00.000Z', settledAt: '2026-11-25T03:01:00.000Z' },
      ],
      rebookedFrom: null,
      rebookedTo: null,
      canRefund: true,
      canRebook: true,
      canInvoice: true,
      ...money,
    },
    ...over,
  } as Partial<ReturnType<typeof orderView>>);

const voucher = (ticketId: number, riderName: string, status: string, code: boolean, seatNo: number) => ({
  ticketId,
  ticketNo: `T${ticketId - 9000}`,
  riderName,
  idNumberMasked: '110***********002X',
  ticketType: 'adult',
  seatNo,
  status,
  checkCode: code ? `40${ticketId}`.slice(0, 6) : null,
  rideCode: code ? `v1.payload${ticketId}.sig` : null,
});
const VOUCHERS = {
  orderId: 501,
  orderNo: 'DZ261125100000123456',
  tripId: 41,
  departAt: '2026-11-26T01:00:00.000Z',
  vouchers: [voucher(9001, '张三', 'issued', true, 3), voucher(9002, '李四', 'refunded', false, 4), voucher(9003, '王五', 'checked', true, 5)],
};

describe('订单详情 — paid order', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-25T04:00:00.000Z') });
  });

  it('R-6.2.6 乘车码: one QR per ticket that may board, with rider, seat, ticket no. and 检票码; none for a returned ticket', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(paidOrder()), 'GET /orders/501/vouchers': () => ok(VOUCHERS) });
    render(<OrderDetailPage />);
    await settle();

    const qrs = Array.from(document.querySelectorAll('[data-testid="ride-qr"]')).map((e) => e.getAttribute('data-value'));
    expect(qrs).toEqual(['v1.payload9001.sig', 'v1.payload9003.sig']);
    expect(text('ride-code-9001')).toContain('张三');
    expect(text('ride-code-9001')).toContain('3号座');
    expect(text('ride-code-9001')).toContain('T1');
    expect(text('ride-check-9001')).toBe('409001');
    expect(document.getElementById('ride-code-9002')).toBeNull();
    expect(text('ride-none-9002')).toContain('李四');
    expect(text('ride-none-9002')).toContain('已退票');

    expect(text('order-paid')).toBe('¥180.00');
    expect(text('order-refunded')).toBe('¥48.00');
    expect(text('order-refund-71')).toContain('退款 ¥48.00');
    expect(text('order-refund-71')).toContain('已退款');
    expect(document.getElementById('order-pay')).toBeNull();
  });

  it('R-6.2.4 退票/改签/开发票 follow money.can*; 投诉 is always there; each opens its page for this order', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder({ canRefund: false, canRebook: true, canInvoice: false })),
      'GET /orders/501/vouchers': () => ok(VOUCHERS),
    });
    render(<OrderDetailPage />);
    await settle();

    expect(document.getElementById('order-action-refund')).toBeNull();
    expect(document.getElementById('order-action-invoice')).toBeNull();
    expect(text('order-action-rebook')).toBe('改签');
    expect(text('order-action-invoices')).toBe('查看发票');
    expect(text('order-action-complaint')).toBe('投诉');
    // not departed yet: nothing to rate
    expect(document.getElementById('order-action-rate')).toBeNull();

    fireEvent.click(document.getElementById('order-action-rebook')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/rebook/index?orderId=501' });
    fireEvent.click(document.getElementById('order-action-complaint')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/feedback/complaint/index?orderId=501' });
  });

  it('R-6.2.8 after completion 评价 appears; with canRefund 退票 opens the refund page', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder({ canRefund: true, canRebook: false, canInvoice: true }, { status: 'completed' })),
      'GET /orders/501/vouchers': () => ok(VOUCHERS),
    });
    render(<OrderDetailPage />);
    await settle();
    expect(document.getElementById('order-action-rebook')).toBeNull();
    fireEvent.click(document.getElementById('order-action-refund')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/refund/index?orderId=501' });
    fireEvent.click(document.getElementById('order-action-invoice')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/invoice/request/index?orderId=501' });
    fireEvent.click(document.getElementById('order-action-rate')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/feedback/rate/index?orderId=501' });
  });

  it('R-6.2.6 an unpaid order asks for no ride codes', async () => {
    serve({ 'GET /me': () => ok(profile()), 'GET /orders/501': () => ok(orderView()) });
    render(<OrderDetailPage />);
    await settle();
    expect(calls().some((c) => c.url.endsWith('/vouchers'))).toBe(false);
    expect(document.querySelector('[data-testid="ride-qr"]')).toBeNull();
    expect(text('order-action-complaint')).toBe('投诉');
  });
});
