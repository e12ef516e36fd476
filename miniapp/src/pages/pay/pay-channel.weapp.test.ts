import Taro, { __test } from '../../../test/mocks/taro';
import { calls, ok, serve, signedIn } from '../../../test/api';
import { resetRequestState } from '../../services/request';
import { requestPaymentSubscriptions } from '../../services/subscribe';
import { payChannel } from './pay-channel.weapp';

jest.mock('../../services/subscribe', () => ({
  prefetchSubscribeTemplates: jest.fn(() => Promise.resolve(null)),
  requestPaymentSubscriptions: jest.fn(() => Promise.resolve({})),
}));

const jsapi = {
  appId: 'wxmp1',
  timeStamp: '1795000000',
  nonceStr: 'n1',
  package: 'prepay_id=wx3',
  signType: 'RSA',
  paySign: 'sig',
};
const requestPayment = jest.fn();

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  (Taro as unknown as { requestPayment: jest.Mock }).requestPayment = requestPayment;
  serve({
    'POST /orders/501/pay': () =>
      ok({
        paymentId: 31,
        outTradeNo: 'P1',
        channel: 'jsapi',
        amountFen: 6000,
        expiresAt: '2026-11-25T02:15:00.000Z',
        jsapi,
      }),
  });
});

describe('mini-program payment', () => {
  it('R-6.2.4 asks for the subscribe messages first, then pays by JSAPI with the passenger mini-program and requestPayment', async () => {
    const order: string[] = [];
    (requestPaymentSubscriptions as jest.Mock).mockImplementation(async () => {
      order.push('subscribe');
      return {};
    });
    requestPayment.mockImplementation(async () => {
      order.push('requestPayment');
      return { errMsg: 'requestPayment:ok' };
    });
    const outcome = await payChannel.pay(501);

    expect(order).toEqual(['subscribe', 'requestPayment']);
    expect(calls().map((c) => c.data)).toEqual([{ channel: 'jsapi', payerApp: 'passenger' }]);
    expect(requestPayment).toHaveBeenCalledWith({
      timeStamp: '1795000000',
      nonceStr: 'n1',
      package: 'prepay_id=wx3',
      signType: 'RSA',
      paySign: 'sig',
    });
    expect(outcome.kind).toBe('paid');
  });

  it('R-6.2.4 closing WeChat’s sheet is a cancel, not an error', async () => {
    requestPayment.mockRejectedValue({ errMsg: 'requestPayment:fail cancel' });
    await expect(payChannel.pay(501)).resolves.toEqual({ kind: 'cancelled' });
    requestPayment.mockRejectedValue({ errMsg: 'requestPayment:fail system error' });
    await expect(payChannel.pay(501)).rejects.toEqual({ errMsg: 'requestPayment:fail system error' });
  });
});
