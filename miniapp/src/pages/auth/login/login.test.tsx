import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve, session } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import LoginPage from './index';

function fill(id: string, value: string) {
  fireEvent.change(document.getElementById(id)!, { target: { value } });
}
function click(id: string) {
  fireEvent.click(document.getElementById(id)!);
}
async function flush() {
  await act(async () => {
    await Promise.resolve();
  });
}

beforeEach(() => {
  __test.reset();
  resetRequestState();
});

describe('H5 sign-in page (phone + SMS code)', () => {
  it('R-6.2.1 shows the H5 sign-in form with stable ids', () => {
    render(<LoginPage />);
    for (const id of ['login-phone', 'login-send-code', 'login-code', 'login-agree', 'login-submit']) {
      expect(document.getElementById(id)).not.toBeNull();
    }
    expect(screen.getByText('获取验证码')).toBeTruthy();
    expect(screen.getByText('《隐私政策》')).toBeTruthy();
  });

  it('R-8.2 登录 does nothing until the privacy policy is ticked', async () => {
    serve({ 'POST /auth/sms/login': () => ok(session()) });
    render(<LoginPage />);
    fill('login-phone', '13800138000');
    fill('login-code', '123456');
    click('login-submit');
    await flush();
    expect(calls()).toHaveLength(0);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先阅读并同意隐私政策' }));

    click('login-agree');
    expect(document.getElementById('login-agree')!.getAttribute('aria-checked')).toBe('true');
    click('login-submit');
    await flush();
    expect(calls().map((c) => c.url)).toEqual(['/api/app/auth/sms/login']);
    expect(calls()[0].data).toEqual({ phone: '13800138000', code: '123456' });
    expect(__test.storage.get('dzky.accessToken')).toBe('access-new');
    expect(__test.storage.get('dzky.refreshToken')).toBe('refresh-new');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index/index' });
  });

  it('R-8.2 sending a code also needs the agreement, and a valid phone number', async () => {
    serve({ 'POST /auth/sms/send': () => ok({ resendAfter: 60, expiresIn: 300 }) });
    render(<LoginPage />);
    fill('login-phone', '13800138000');
    click('login-send-code');
    await flush();
    expect(calls()).toHaveLength(0);
    click('login-agree');
    fill('login-phone', '1380013');
    click('login-send-code');
    await flush();
    expect(calls()).toHaveLength(0);
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请输入正确的11位手机号' }));
  });

  it('R-6.2.1 获取验证码 counts down from resendAfter and can be used again at zero', async () => {
    jest.useFakeTimers();
    try {
      serve({ 'POST /auth/sms/send': () => ok({ resendAfter: 3, expiresIn: 300 }) });
      render(<LoginPage />);
      click('login-agree');
      fill('login-phone', '13800138000');
      click('login-send-code');
      await flush();
      expect(calls()).toHaveLength(1);
      expect(calls()[0].data).toEqual({ phone: '13800138000' });
      const button = () => document.getElementById('login-send-code') as HTMLButtonElement;
      expect(button().textContent).toBe('3秒后重发');
      expect(button().disabled).toBe(true);

      // a tap while counting down sends nothing
      click('login-send-code');
      await flush();
      expect(calls()).toHaveLength(1);

      act(() => {
        jest.advanceTimersByTime(1000);
      });
      expect(button().textContent).toBe('2秒后重发');
      act(() => {
        jest.advanceTimersByTime(2000);
      });
      expect(button().textContent).toBe('重新获取');
      expect(button().disabled).toBe(false);

      click('login-send-code');
      await flush();
      expect(calls()).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('R-8.2 the answer on the privacy page (opened from the agreement link) ticks the box', async () => {
    render(<LoginPage />);
    fireEvent.click(screen.getByText('《隐私政策》'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/auth/privacy/index?mode=agreement' });
    expect(document.getElementById('login-agree')!.getAttribute('aria-checked')).toBe('false');
    act(() => {
      Taro.eventCenter.trigger('privacy:agreement', true);
    });
    expect(document.getElementById('login-agree')!.getAttribute('aria-checked')).toBe('true');
  });
});
