/**
 * Paying from the H5 app, by browser (design.md §3 "Channels and payment"): inside WeChat, JSAPI
 * with the official account's openid and WeixinJSBridge; in another mobile browser, WeChat's H5
 * cashier, which sends the payer back to this page with `return=1`; on a desktop, a QR code.
 */
import type { PayStart } from '@dzky/contracts';
import { isApiError } from '../../services/request';
import { ensureOfficialOpenid } from '../../services/wechat-web-auth';
import { paymentApi } from './payment-api';
import { browserEnv, returnUrlOf } from './pay-env';
import type { PayChannelApi, PayOutcome } from './pay-channel-types';

interface WeixinBridge {
  invoke(
    name: 'getBrandWCPayRequest',
    args: Record<string, string>,
    done: (res: { err_msg?: string }) => void,
  ): void;
}

function bridge(): Promise<WeixinBridge> {
  const w = window as unknown as { WeixinJSBridge?: WeixinBridge };
  if (w.WeixinJSBridge) return Promise.resolve(w.WeixinJSBridge);
  // WeChat injects the bridge a moment after the page loads
  return new Promise((resolve) => {
    document.addEventListener('WeixinJSBridgeReady', () => resolve(w.WeixinJSBridge!), { once: true });
  });
}

async function payInWechat(orderId: number): Promise<PayOutcome> {
  let start: PayStart;
  try {
    start = await paymentApi.pay(orderId, { channel: 'jsapi', payerApp: 'official' });
  } catch (e) {
    if (!isApiError(e) || e.errorCode !== 'PAYMENT.NO_OPENID') throw e;
    // web authorisation may leave the page and come back; when it finished here, try once more
    if (!(await ensureOfficialOpenid())) return { kind: 'left' };
    start = await paymentApi.pay(orderId, { channel: 'jsapi', payerApp: 'official' });
  }
  const args = start.jsapi;
  if (!args) throw new Error('PayStart without jsapi arguments');
  const wx = await bridge();
  const result = await new Promise<string>((resolve) => {
    wx.invoke('getBrandWCPayRequest', { ...args }, (res) => resolve(res?.err_msg ?? ''));
  });
  if (result === 'get_brand_wcpay_request:ok') return { kind: 'paid', start };
  if (/cancel/.test(result)) return { kind: 'cancelled' };
  throw new Error(result || 'getBrandWCPayRequest failed');
}

async function payInBrowser(orderId: number): Promise<PayOutcome> {
  const start = await paymentApi.pay(orderId, {
    channel: 'h5',
    returnUrl: returnUrlOf(window.location.href),
  });
  if (!start.h5Url) throw new Error('PayStart without h5Url');
  window.location.href = start.h5Url;
  return { kind: 'left' };
}

async function payByQr(orderId: number): Promise<PayOutcome> {
  const start = await paymentApi.pay(orderId, { channel: 'native' });
  if (!start.codeUrl) throw new Error('PayStart without codeUrl');
  return { kind: 'qr', start: { ...start, codeUrl: start.codeUrl } };
}

export const payChannel: PayChannelApi = {
  env: () => browserEnv(navigator.userAgent),

  // browsers have no subscribe messages: the passenger is told by SMS
  prepare() {},

  pay(orderId, options = {}) {
    const env = browserEnv(navigator.userAgent);
    if (env === 'wechat') return payInWechat(orderId);
    if (env === 'mobile' || options.preferH5) return payInBrowser(orderId);
    return payByQr(orderId);
  },
};
