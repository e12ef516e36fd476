import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../test/mocks/taro';
import { calls, ok, profile, serve, signedIn } from '../../../test/api';
import { resetRequestState } from '../../services/request';
import { orderView } from '../trip/test-fixtures';
import RebookPage from './index';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;
const posts = () => calls().filter((c) => c.method === 'POST' && c.url.endsWith('/orders/501/rebook'));

const paidOrder = () =>
  orderView({
    status: 'paid',
    holdExpiresAt: null,
    departAt: '2026-11-26T01:00:00.000Z',
    tickets: [{ ...orderView().tickets[0], status: 'issued' }],
  });
const OPTIONS = {
  allowed: true,
  reason: null,
  rebooksLeft: 1,
  options: [
    {
      tripId: 42,
      departAt: '2026-11-26T03:00:00.000Z',
      seatsLeft: 5,
      totalFen: 7000,
      differenceFen: 1000,
      feeFen: 0,
    },
    {
      tripId: 43,
      departAt: '2026-11-26T05:00:00.000Z',
      seatsLeft: 2,
      totalFen: 5000,
      differenceFen: -1000,
      feeFen: 0,
    },
    {
      tripId: 44,
      departAt: '2026-11-26T07:00:00.000Z',
      seatsLeft: 0,
      totalFen: 6000,
      differenceFen: 0,
      feeFen: 0,
    },
  ],
};

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
  jest.useFakeTimers({
    now: new Date('2026-11-25T04:00:00.000Z'),
    doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
  });
});
afterEach(() => jest.useRealTimers());

describe('改签 — rebook page', () => {
  it('R-6.2.4 lists the day’s other departures with seats left and 补差价/退差价; a difference to pay opens the new order’s pay page', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder()),
      'GET /orders/501/rebook-options?date=2026-11-26': () => ok(OPTIONS),
      'POST /orders/501/rebook': () =>
        ok({ order: orderView({ id: 502 }), differenceFen: 1000, refund: null }),
    });
    render(<RebookPage />);
    await flush();
    await flush();

    expect(document.getElementById('rebook-date-2026-11-26')!.className).toContain('rebook-day--on');
    expect(text('rebook-option-42')).toContain('11:00');
    expect(text('rebook-option-42')).toContain('剩余 5 座');
    expect(text('rebook-option-42')).toContain('补差价 ¥10.00');
    expect(text('rebook-option-43')).toContain('退差价 ¥10.00');
    expect(text('rebook-option-44')).toContain('已售罄');
    expect((document.getElementById('rebook-submit') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(document.getElementById('rebook-option-42')!);
    fireEvent.click(document.getElementById('rebook-submit')!);
    await flush();
    await flush();
    expect(posts()).toHaveLength(1);
    expect(posts()[0].data).toEqual({
      clientKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      tripId: 42,
    });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/pay/index?orderId=502' });
  });

  it('R-6.2.4 a cheaper trip is done at once: 改签成功, the difference goes back, and the new order opens', async () => {
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(paidOrder()),
      'GET /orders/501/rebook-options?date=2026-11-26': () => ok(OPTIONS),
      'POST /orders/501/rebook': () =>
        ok({
          order: orderView({ id: 503, status: 'paid', departAt: '2026-11-26T05:00:00.000Z' }),
          differenceFen: -1000,
          refund: { id: 80, amountFen: 1000, status: 'processing' },
        }),
    });
    render(<RebookPage />);
    await flush();
    await flush();
    fireEvent.click(document.getElementById('rebook-option-43')!);
    fireEvent.click(document.getElementById('rebook-submit')!);
    await flush();
    await flush();
    expect(text('rebook-status')).toBe('改签成功');
    expect(text('rebook-page')).toContain('差价 ¥10.00 将原路退回');
    fireEvent.click(document.getElementById('rebook-view-order')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=503' });
  });
});
