import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../test/mocks/taro';
import { calls, fail, ok, profile, serve, signedIn } from '../../../test/api';
import { resetRequestState } from '../../services/request';
import { ensureOfficialOpenid } from '../../services/wechat-web-auth';
import { orderView } from '../trip/test-fixtures';
import PayPage from './index';
import { browserEnv, returnUrlOf } from './pay-env';

// the H5 build's channel, as the passenger H5 app runs it
jest.mock('./pay-channel', () => jest.requireActual('./pay-channel.h5'), { virtual: true });
jest.mock('../../components/qr-code', () => jest.requireActual('../../components/qr-code/qr-code.h5'));
jest.mock('../../services/wechat-web-auth', () => ({
  ...jest.requireActual('../../services/wechat-web-auth'),
  ensureOfficialOpenid: jest.fn(),
}));

const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WECHAT_UA = `${MOBILE_UA} MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN`;

function useAgent(ua: string) {
  Object.defineProperty(window.navigator, 'userAgent', { value: ua, configurable: true });
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
}
async function tick(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
  await settle();
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;
const payCalls = () => calls().filter((c) => c.method === 'POST' && c.url.endsWith('/orders/501/pay'));
const statusReads = () => calls().filter((c) => c.url.endsWith('/orders/501/payment'));

const start = (over: Record<string, unknown> = {}) => ({
  paymentId: 31,
  outTradeNo: 'P261125000031',
  channel: 'native',
  amountFen: 6000,
  expiresAt: '2026-11-25T02:15:00.000Z',
  ...over,
});
const status = (
  s: 'created' | 'paid' | 'closed',
  orderStatus = s === 'paid' ? 'paid' : 'pending_payment',
) => ({
  paymentId: 31,
  status: s,
  orderStatus,
  amountFen: 6000,
  paidAt: s === 'paid' ? '2026-11-25T02:06:00.000Z' : null,
});

const realLocation = window.location;

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ orderId: '501' });
  jest.useFakeTimers({ now: new Date('2026-11-25T02:05:00.000Z') });
});

afterEach(() => {
  jest.useRealTimers();
  Object.defineProperty(window, 'location', { value: realLocation, configurable: true, writable: true });
});

describe('订单支付 — pay page', () => {
  it('R-6.2.4 on a desktop browser it pays by Native: shows the QR code to scan, polls, then 支付成功 and 查看车票', async () => {
    useAgent(DESKTOP_UA);
    const answers = [status('created'), status('created'), status('paid')];
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'POST /orders/501/pay': () => ok(start({ codeUrl: 'weixin://wxpay/bizpayurl?pr=abc123' })),
      'GET /orders/501/payment': () => ok(answers.shift()),
    });
    render(<PayPage />);
    await settle();

    expect(text('pay-amount')).toBe('¥60.00');
    expect(text('pay-countdown')).toBe('支付剩余时间 10:00');
    expect(text('pay-status')).toBe('待支付');
    expect(document.getElementById('pay-qr')).toBeNull();

    fireEvent.click(document.getElementById('pay-submit')!);
    await settle();
    expect(payCalls().map((c) => c.data)).toEqual([{ channel: 'native' }]);
    const qr = document.getElementById('pay-qr')!;
    expect(qr.querySelector('[data-testid="ride-qr"]')!.getAttribute('data-value')).toBe(
      'weixin://wxpay/bizpayurl?pr=abc123',
    );
    expect(text('pay-page')).toContain('请使用微信扫一扫支付');
    expect(text('pay-switch-h5')).toBe('用手机浏览器支付');
    expect(statusReads()).toHaveLength(0);

    await tick(2000);
    expect(statusReads()).toHaveLength(1);
    expect(text('pay-status')).toBe('等待扫码支付');
    await tick(2000);
    await tick(2000);
    expect(statusReads()).toHaveLength(3);
    expect(text('pay-status')).toBe('支付成功');
    expect(document.getElementById('pay-qr')).toBeNull();

    // polling stops once paid
    await tick(6000);
    expect(statusReads()).toHaveLength(3);
    fireEvent.click(document.getElementById('pay-view-tickets')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=501' });
  });

  it('R-6.2.4 in a mobile browser it opens WeChat’s H5 cashier, asking to come back to this page with return=1', async () => {
    useAgent(MOBILE_UA);
    Object.defineProperty(window, 'location', {
      value: { href: 'https://m.example.cn/#/pages/pay/index?orderId=501' },
      configurable: true,
      writable: true,
    });
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'POST /orders/501/pay': () =>
        ok(
          start({
            channel: 'h5',
            h5Url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1',
          }),
        ),
    });
    render(<PayPage />);
    await settle();
    fireEvent.click(document.getElementById('pay-submit')!);
    await settle();

    expect(payCalls().map((c) => c.data)).toEqual([
      { channel: 'h5', returnUrl: 'https://m.example.cn/#/pages/pay/index?orderId=501&return=1' },
    ]);
    expect(window.location.href).toBe('https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1');
    // the page is being left: no second payment from a second tap
    expect((document.getElementById('pay-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  it('R-6.2.4 back from the cashier (return=1) it shows 支付结果确认中 and polls until the bff confirms the payment', async () => {
    __test.setRouterParams({ orderId: '501', return: '1' });
    const answers = [status('created'), status('paid')];
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'GET /orders/501/payment': () => ok(answers.shift()),
    });
    render(<PayPage />);
    await settle();
    expect(text('pay-status')).toBe('支付结果确认中');
    await tick(0);
    expect(statusReads()).toHaveLength(1);
    expect(text('pay-status')).toBe('支付结果确认中');
    expect(document.getElementById('pay-submit')).toBeNull();
    await tick(2000);
    expect(text('pay-status')).toBe('支付成功');
    expect(payCalls()).toHaveLength(0);
  });

  it('R-6.2.4 a payment closed at the end of the hold shows 订单已超时 with a way back to the order', async () => {
    __test.setRouterParams({ orderId: '501', return: '1' });
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'GET /orders/501/payment': () => ok(status('closed', 'expired')),
    });
    render(<PayPage />);
    await settle();
    await tick(0);
    expect(text('pay-status')).toBe('订单已超时');
    fireEvent.click(document.getElementById('pay-back')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=501' });
  });

  it('R-6.2.4 inside WeChat it pays by JSAPI with the official account, authorising first when the bff has no openid', async () => {
    useAgent(WECHAT_UA);
    (ensureOfficialOpenid as jest.Mock).mockResolvedValue(true);
    const invoke = jest.fn((_name: string, _args: unknown, done: (r: { err_msg: string }) => void) =>
      done({ err_msg: 'get_brand_wcpay_request:ok' }),
    );
    (window as unknown as { WeixinJSBridge: unknown }).WeixinJSBridge = { invoke };
    const jsapi = {
      appId: 'wxoa1',
      timeStamp: '1795000000',
      nonceStr: 'n1',
      package: 'prepay_id=wx2',
      signType: 'RSA',
      paySign: 'sig',
    };
    const answers = [
      () => fail(409, 'PAYMENT.NO_OPENID', '请在微信中授权后再支付'),
      () => ok(start({ channel: 'jsapi', jsapi })),
    ];
    serve({
      'GET /me': () => ok(profile()),
      'GET /orders/501': () => ok(orderView()),
      'POST /orders/501/pay': () => answers.shift()!(),
      'GET /orders/501/payment': () => ok(status('paid')),
    });
    render(<PayPage />);
    await settle();
    fireEvent.click(document.getElementById('pay-submit')!);
    await settle();
    await tick(0);

    expect(payCalls().map((c) => c.data)).toEqual([
      { channel: 'jsapi', payerApp: 'official' },
      { channel: 'jsapi', payerApp: 'official' },
    ]);
    expect(ensureOfficialOpenid).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('getBrandWCPayRequest', jsapi, expect.any(Function));
    expect(text('pay-status')).toBe('支付成功');
    delete (window as unknown as { WeixinJSBridge?: unknown }).WeixinJSBridge;
  });
});

describe('returnUrlOf', () => {
  it('R-6.2.4 adds return=1 to the page’s own query, after the hash the app routes by', () => {
    expect(returnUrlOf('https://m.example.cn/#/pages/pay/index?orderId=5')).toBe(
      'https://m.example.cn/#/pages/pay/index?orderId=5&return=1',
    );
    expect(returnUrlOf('https://m.example.cn/?from=sms#/pages/pay/index')).toBe(
      'https://m.example.cn/?from=sms#/pages/pay/index?return=1',
    );
    expect(returnUrlOf('https://m.example.cn/#/pages/pay/index?orderId=5&return=1')).toBe(
      'https://m.example.cn/#/pages/pay/index?orderId=5&return=1',
    );
  });
});

describe('browserEnv', () => {
  it('R-6.2.4 WeChat’s browser pays by JSAPI, other phones by H5, desktops by QR', () => {
    expect(browserEnv(WECHAT_UA)).toBe('wechat');
    expect(browserEnv(MOBILE_UA)).toBe('mobile');
    expect(browserEnv('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36')).toBe('mobile');
    expect(browserEnv(DESKTOP_UA)).toBe('desktop');
  });
});
