import Taro, { __test } from '../../test/mocks/taro';
import { calls, ok, serve, session, signedIn } from '../../test/api';
import { resetRequestState } from '../services/request';
import { prefetchSubscribeTemplates, requestPaymentSubscriptions, resetSubscribeState } from '../services/subscribe';
import { platform as weapp } from './index.weapp';
import { platform as h5 } from './index.h5';

beforeEach(() => {
  __test.reset();
  resetRequestState();
  resetSubscribeState();
});

const taroWith = Taro as unknown as { requestSubscribeMessage?: jest.Mock };
const TEMPLATES = {
  templateIds: ['tpl-pay', 'tpl-assigned', 'tpl-changed'],
  refundTemplateIds: ['tpl-refund-ok'],
  byKind: { payment_succeeded: 'tpl-pay', vehicle_assigned: 'tpl-assigned', vehicle_changed: 'tpl-changed', refund_succeeded: 'tpl-refund-ok' },
};

describe('platform module', () => {
  it('R-6.2.1 mini-program login: wx.login code → POST /auth/wechat → tokens kept → routed on', async () => {
    serve({ 'POST /auth/wechat': () => ok(session()) });
    await expect(weapp.login()).resolves.toBe(true);
    expect(Taro.login).toHaveBeenCalled();
    expect(calls()[0]).toMatchObject({ url: '/api/app/auth/wechat', method: 'POST', data: { code: 'wx-code' } });
    expect(__test.storage.get('dzky.refreshToken')).toBe('refresh-new');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index/index' });
  });

  it('R-6.2.1 H5 has no WeChat identity: login() goes to the SMS sign-in page', async () => {
    await expect(h5.login()).resolves.toBe(false);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' });
    expect(calls()).toHaveLength(0);
    expect(h5.signInMethod).toBe('sms');
    expect(weapp.signInMethod).toBe('wechat');
  });

  it('R-8.2 getPhoneNumber: the code of an accepted event, nothing when declined or in H5', () => {
    expect(weapp.phoneCodeFrom({ detail: { code: 'phone-code', errMsg: 'getPhoneNumber:ok' } })).toBe('phone-code');
    expect(weapp.phoneCodeFrom({ detail: { errMsg: 'getPhoneNumber:fail user deny' } })).toBeNull();
    expect(h5.canBindPhoneWithWechat).toBe(false);
  });

  it('R-8.2 WeChat privacy authorisation: the held-back API continues only after 同意', () => {
    const onNeed = jest.fn();
    weapp.watchPrivacyAuthorization(onNeed);
    const listener = (Taro.onNeedPrivacyAuthorization as unknown as jest.Mock).mock.calls[0][0] as (resolve: jest.Mock) => void;
    const resolve = jest.fn();
    listener(resolve);
    expect(onNeed).toHaveBeenCalled();
    weapp.settlePrivacyAuthorization(true, 'privacy-agree');
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' });
    weapp.settlePrivacyAuthorization(false);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  describe('WeChat subscribe messages (R-6.2.5)', () => {
    afterEach(() => {
      delete taroWith.requestSubscribeMessage;
    });

    it('R-6.2.5 mini-program: asks for at most 3 templates and reports each answer', async () => {
      taroWith.requestSubscribeMessage = jest.fn(async () => ({ errMsg: 'requestSubscribeMessage:ok', 'tpl-pay': 'accept', 'tpl-assigned': 'reject', 'tpl-changed': 'ban' }));
      const answers = await weapp.requestSubscribe(['tpl-pay', 'tpl-assigned', 'tpl-pay', 'tpl-changed', 'tpl-extra']);
      expect(taroWith.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tpl-pay', 'tpl-assigned', 'tpl-changed'] });
      expect(answers).toEqual({ 'tpl-pay': 'accept', 'tpl-assigned': 'reject', 'tpl-changed': 'ban' });
    });

    it('R-6.2.5 a closed dialog, an old base library or no IDs accept nothing and never throw', async () => {
      taroWith.requestSubscribeMessage = jest.fn(async () => {
        throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 };
      });
      await expect(weapp.requestSubscribe(['tpl-pay'])).resolves.toEqual({});
      await expect(weapp.requestSubscribe([])).resolves.toEqual({});
      expect(taroWith.requestSubscribeMessage).toHaveBeenCalledTimes(1);
      delete taroWith.requestSubscribeMessage;
      await expect(weapp.requestSubscribe(['tpl-pay'])).resolves.toEqual({});
    });

    it('R-6.2.5 H5 has no subscribe messages: nothing accepted, nothing asked', async () => {
      taroWith.requestSubscribeMessage = jest.fn();
      await expect(h5.requestSubscribe(['tpl-pay'])).resolves.toEqual({});
      expect(taroWith.requestSubscribeMessage).not.toHaveBeenCalled();
    });

    it('R-6.2.5 the template IDs are fetched once and asked for before paying; a failed fetch asks nothing and is retried', async () => {
      signedIn();
      let fail = true;
      serve({ 'GET /notification/subscribe-templates': () => (fail ? { statusCode: 502, data: { success: false, data: null, errorCode: 'UPSTREAM_FAILED', errorMessage: 'x' }, header: {} } : ok(TEMPLATES)) });
      const ask = jest.spyOn(h5, 'requestSubscribe').mockResolvedValue({ 'tpl-pay': 'accept' });
      try {
        await expect(requestPaymentSubscriptions()).resolves.toEqual({});
        expect(ask).not.toHaveBeenCalled();
        expect(Taro.showToast).not.toHaveBeenCalled();
        fail = false;
        await prefetchSubscribeTemplates();
        await expect(requestPaymentSubscriptions()).resolves.toEqual({ 'tpl-pay': 'accept' });
        await requestPaymentSubscriptions();
        expect(ask).toHaveBeenCalledWith(['tpl-pay', 'tpl-assigned', 'tpl-changed']);
        expect(calls().filter((c) => c.url.endsWith('/notification/subscribe-templates'))).toHaveLength(2);
      } finally {
        ask.mockRestore();
      }
    });
  });
});
