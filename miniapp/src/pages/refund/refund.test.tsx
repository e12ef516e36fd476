import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../test/mocks/taro';
import { calls, ok, profile, serve, signedIn, type Call } from '../../../test/api';
import { resetRequestState } from '../../services/request';
import { requestRefundSubscriptions } from '../../services/subscribe';
import { orderView } from '../trip/test-fixtures';
import RefundPage from './index';

jest.mock('../../services/subscribe', () => {
  const requestRefundSubscriptions = jest.fn(() => Promise.resolve({}));
  return { requestRefundSubscriptions, useSubscribe: () => ({ beforeRefund: requestRefundSubscriptions }) };
});

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;
const quotes = () => calls().filter((c) => c.url.includes('/refund-quote'));
const posts = () => calls().filter((c) => c.method === 'POST' && c.url.endsWith('/orders/501/refunds'));

const TICKETS = [
  { ...orderView().tickets[0], id: 9001, ticketNo: 'T1', riderName: '张三', status: 'issued' as const },
  {
    ...orderView().tickets[0],
    id: 9002,
    ticketNo: 'T2',
    riderId: 2,
    riderName: '李四',
    status: 'issued' as const,
  },
  {
    ...orderView().tickets[0],
    id: 9003,
    ticketNo: 'T3',
    riderId: 3,
    riderName: '王五',
    status: 'checked' as const,
  },
];
const paidOrder = () => orderView({ status: 'paid', holdExpiresAt: null, tickets: TICKETS, totalFen: 18000 });

/** the refund tiers' answer: 20 % fee per ticket */
function quoteFor(call: Call) {
  const ids = (new URL(`http://x${call.url}`).searchParams.get('ticketIds') ?? '').split(',').map(Number);
  const tickets = ids.map((id) => ({
    ticketId: id,
    ticketNo: `T${id - 9000}`,
    riderName: id === 9001 ? '张三' : '李四',
    paidFen: 6000,
    feeFen: 1200,
    refundFen: 4800,
  }));
  return ok({
    allowed: true,
    reason: null,
    minutesBeforeDeparture: 90,
    feePercent: 20,
    tickets,
    totalPaidFen: 6000 * ids.length,
    totalFeeFen: 1200 * ids.length,
    totalRefundFen: 4800 * ids.length,
  });
}

const refundView = (status: string, over: Record<string, unknown> = {}) => ({
  id: 71,
  outRefundNo: 'R261125000071',
  orderId: 501,
  orderNo: 'DZ261125100000123456',
  reason: 'passenger',
  remark: null,
  status,
  amountFen: 4800,
  feeFen: 1200,
  ticketNos: ['T2'],
  createdAt: '2026-11-25T03:00:00.000Z',
  settledAt: null,
  ...over,
});

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
});

describe('退票 — refund page', () => {
  it('R-6.2.4 R-6.2.5 all refundable tickets are chosen first; the quote’s fee and total follow the choice; the refund messages are asked for, then the chosen tickets are posted', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder()),
      'GET /orders/501/refund-quote?ticketIds=9001,9002': quoteFor,
      'GET /orders/501/refund-quote?ticketIds=9002': quoteFor,
      'POST /orders/501/refunds': () => ok(refundView('processing')),
    });
    render(<RefundPage />);
    await flush();
    await flush();

    // a checked ticket has boarded: it cannot be returned
    expect(document.getElementById('refund-ticket-9003')).toBeNull();
    expect(document.getElementById('refund-ticket-9001')!.getAttribute('aria-checked')).toBe('true');
    expect(document.getElementById('refund-ticket-9002')!.getAttribute('aria-checked')).toBe('true');
    expect(quotes().map((c) => c.url)).toEqual(['/api/app/orders/501/refund-quote?ticketIds=9001,9002']);
    expect(text('refund-tier')).toBe('距发车 90 分钟，手续费 20%');
    expect(text('refund-fee')).toBe('¥24.00');
    expect(text('refund-total')).toBe('¥96.00');

    fireEvent.click(document.getElementById('refund-ticket-9001')!);
    await flush();
    await flush();
    expect(document.getElementById('refund-ticket-9001')!.getAttribute('aria-checked')).toBe('false');
    expect(quotes().map((c) => c.url)).toEqual([
      '/api/app/orders/501/refund-quote?ticketIds=9001,9002',
      '/api/app/orders/501/refund-quote?ticketIds=9002',
    ]);
    expect(text('refund-fee')).toBe('¥12.00');
    expect(text('refund-total')).toBe('¥48.00');

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(document.getElementById('refund-submit')!);
    await flush();
    expect(posts()).toHaveLength(0);
    expect(requestRefundSubscriptions).not.toHaveBeenCalled();

    // confirmed, the refund's result messages are asked for before the refund is posted
    (requestRefundSubscriptions as jest.Mock).mockImplementationOnce(async () => {
      expect(posts()).toHaveLength(0);
      return {};
    });

    fireEvent.click(document.getElementById('refund-submit')!);
    await flush();
    await flush();
    expect(Taro.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({
        content: expect.stringContaining('退票 1 张，扣除手续费 ¥12.00，退回 ¥48.00'),
      }),
    );
    expect(posts()).toHaveLength(1);
    expect(requestRefundSubscriptions).toHaveBeenCalledTimes(1);
    const body = posts()[0].data as { clientKey: string; ticketIds: number[] };
    expect(body.ticketIds).toEqual([9002]);
    expect(body.clientKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(text('refund-status')).toBe('退款中');

    fireEvent.click(document.getElementById('refund-back')!);
    expect(Taro.navigateBack).toHaveBeenCalled();
  });

  it('R-6.2.4 a retry after a lost answer sends the same clientKey; an abnormal refund says to contact customer service', async () => {
    const answers = [() => Promise.reject(new Error('socket hang up')), () => ok(refundView('abnormal'))];
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder()),
      'GET /orders/501/refund-quote?ticketIds=9001,9002': quoteFor,
      'POST /orders/501/refunds': () => answers.shift()!(),
    });
    render(<RefundPage />);
    await flush();
    await flush();
    fireEvent.click(document.getElementById('refund-submit')!);
    await flush();
    await flush();
    expect(posts()).toHaveLength(1);
    expect(text('refund-status')).toBeNull();

    fireEvent.click(document.getElementById('refund-submit')!);
    await flush();
    await flush();
    const keys = posts().map((c) => (c.data as { clientKey: string }).clientKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(text('refund-status')).toBe('退款异常');
    expect(text('refund-page')).toContain('请联系客服');
  });
});
