import Taro, { __test } from '../../test/mocks/taro';
import { calls, ok, serve, session } from '../../test/api';
import { resetRequestState } from '../services/request';
import { platform as weapp } from './index.weapp';
import { platform as h5 } from './index.h5';

beforeEach(() => {
  __test.reset();
  resetRequestState();
});

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
});
