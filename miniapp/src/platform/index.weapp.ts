import Taro from '@tarojs/taro';
import { authApi } from '../services/auth';
import { completeSignIn } from '../services/session';
import type { PlatformApi, SubscribeAnswer } from './types';

const ANSWERS: ReadonlySet<string> = new Set<SubscribeAnswer>(['accept', 'reject', 'ban', 'filter']);
/** wx.requestSubscribeMessage refuses more than this many template IDs in one call */
const SUBSCRIBE_MAX = 3;

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

  async requestSubscribe(templateIds) {
    const tmplIds = [...new Set(templateIds.filter(Boolean))].slice(0, SUBSCRIBE_MAX);
    if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return {};
    try {
      // the reply has errMsg beside one entry per template ID
      const res = (await Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, unknown>;
      const answers: Record<string, SubscribeAnswer> = {};
      for (const id of tmplIds) {
        const answer = res[id];
        if (typeof answer === 'string' && ANSWERS.has(answer)) answers[id] = answer as SubscribeAnswer;
      }
      return answers;
    } catch {
      // the user closed the dialog, the main switch is off, or the call came without a tap:
      // the passenger is told by SMS instead
      return {};
    }
  },
};
