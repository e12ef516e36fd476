/**
 * Paying in the mini-program: the subscribe messages of the payment's outcome (asked in the tap),
 * then JSAPI with the passenger mini-program's openid and WeChat's own payment sheet
 * (wx.requestPayment).
 */
import Taro from '@tarojs/taro';
import { prefetchSubscribeTemplates, requestPaymentSubscriptions } from '../../services/subscribe';
import { paymentApi } from './payment-api';
import type { PayChannelApi, PayOutcome } from './pay-channel-types';

export const payChannel: PayChannelApi = {
  env: () => 'weapp',

  prepare() {
    void prefetchSubscribeTemplates();
  },

  async pay(orderId): Promise<PayOutcome> {
    // WeChat shows the subscribe dialog only for a call made from the tap, so it comes first; it never rejects
    await requestPaymentSubscriptions();
    const start = await paymentApi.pay(orderId, { channel: 'jsapi', payerApp: 'passenger' });
    const args = start.jsapi;
    if (!args) throw new Error('PayStart without jsapi arguments');
    try {
      await Taro.requestPayment({
        timeStamp: args.timeStamp,
        nonceStr: args.nonceStr,
        package: args.package,
        signType: args.signType,
        paySign: args.paySign,
      });
    } catch (e) {
      // requestPayment:fail cancel is the payer closing the sheet; anything else is a failure
      const msg = (e as { errMsg?: string })?.errMsg ?? '';
      if (/cancel/i.test(msg)) return { kind: 'cancelled' };
      throw e;
    }
    return { kind: 'paid', start };
  },
};
