import Taro from '@tarojs/taro';
import { ROUTES } from '../routes';
import type { PlatformApi } from './types';

export const platform: PlatformApi = {
  channel: 'h5',
  signInMethod: 'sms',

  async login() {
    await Taro.reLaunch({ url: ROUTES.login });
    return false;
  },

  // a browser has no WeChat phone-number button; the SMS sign-in already proved the number
  canBindPhoneWithWechat: false,

  phoneCodeFrom() {
    return null;
  },

  privacyAgreeOpenType: undefined,

  // browsers have no platform privacy gate; the app's own consent page covers the policy
  watchPrivacyAuthorization() {},
  settlePrivacyAuthorization() {},
  hideHomeButton() {},
  // WeChat's subscribe messages exist only in the mini-program; H5 passengers are told by SMS
  async requestSubscribe() {
    return {};
  },
};
