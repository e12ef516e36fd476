import Taro from '@tarojs/taro';
import { authApi } from '../services/auth';
import { completeSignIn } from '../services/session';
import type { PlatformApi } from './types';

type PrivacyResolve = (option: { event: 'agree' | 'disagree' | 'exposureAuthorization'; buttonId?: string }) => void;
let pendingPrivacy: PrivacyResolve | null = null;

export const platform: PlatformApi = {
  channel: 'weapp',
  signInMethod: 'wechat',

  async login() {
    const { code } = await Taro.login();
    const session = await authApi.wechatLogin({ code });
    await completeSignIn(session);
    return true;
  },

  canBindPhoneWithWechat: true,

  phoneCodeFrom(event) {
    return event.detail?.code || null;
  },

  privacyAgreeOpenType: 'agreePrivacyAuthorization',

  watchPrivacyAuthorization(onNeed) {
    if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return; // base library < 2.32.3
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pendingPrivacy = resolve as PrivacyResolve;
      onNeed();
    });
  },

  settlePrivacyAuthorization(agreed, agreeButtonId) {
    if (!pendingPrivacy) return;
    pendingPrivacy(agreed ? { event: 'agree', buttonId: agreeButtonId } : { event: 'disagree' });
    pendingPrivacy = null;
  },

  hideHomeButton() {
    void Taro.hideHomeButton().catch(() => undefined); // absent on very old base libraries; cosmetic
  },
};
