import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __test } from '../../test/mocks/taro';
import { calls, fail, ok, profile, serve, session, signedIn } from '../../test/api';
import HomePage from '../pages/home/index';
import PrivacyPage from '../pages/auth/privacy';
import LoginPage from '../pages/auth/login';
import { configureRequest, resetRequestState } from './request';
import { setProfile } from './session';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

beforeEach(() => {
  __test.reset();
  resetRequestState();
  setProfile(null);
});

describe('privacy gating', () => {
  it('R-8.2 a sign-in whose profile needs consent goes to the privacy page, not home', async () => {
    serve({ 'POST /auth/sms/login': () => ok(session({ privacyConsentRequired: '2026-11-01' })) });
    render(<LoginPage />);
    fireEvent.click(document.getElementById('login-agree')!);
    fireEvent.change(document.getElementById('login-phone')!, { target: { value: '13800138000' } });
    fireEvent.change(document.getElementById('login-code')!, { target: { value: '123456' } });
    fireEvent.click(document.getElementById('login-submit')!);
    await flush();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/privacy/index?mode=consent' });
    expect(Taro.reLaunch).not.toHaveBeenCalledWith({ url: '/pages/home/index/index' });
  });

  it('R-8.2 opening home with consent outstanding routes to the privacy page first', async () => {
    signedIn();
    serve({ 'GET /me': () => ok(profile({ privacyConsentRequired: '2026-11-01' })) });
    render(<HomePage />);
    await flush();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/privacy/index?mode=consent' });
  });

  it('R-8.2 home without a session goes to sign-in and asks the server nothing', async () => {
    render(<HomePage />);
    await flush();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' });
    expect(calls()).toHaveLength(0);
  });

  it('R-8.2 home with consent given shows the masked phone', async () => {
    signedIn();
    serve({
      'GET /me': () => ok(profile()),
      'GET /home': () => ok({ notices: [], cities: [], travelInfo: [] }),
      'GET /cities': () => ok([]),
    });
    render(<HomePage />);
    await flush();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(document.getElementById('home-page')).not.toBeNull();
    expect(document.getElementById('home-phone')!.textContent).toBe('138****1234');
    // trip search is open (issue 4): the search card leads to the trip list
    expect((document.getElementById('home-search-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('R-8.2 同意 records consent for the current policy version, then goes home', async () => {
    signedIn();
    __test.setRouterParams({ mode: 'consent' });
    serve({ 'POST /me/privacy-consent': () => ok(profile()) });
    render(<PrivacyPage />);
    expect(screen.getByText(/至少保存三年/)).toBeTruthy();
    fireEvent.click(document.getElementById('privacy-agree')!);
    await flush();
    expect(calls()[0]).toMatchObject({ url: '/api/app/me/privacy-consent', method: 'POST', data: { policyVersion: '2026-11-01' } });
    // the answer is the updated profile: no second request
    expect(calls()).toHaveLength(1);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index/index' });
  });

  it('R-8.2 不同意 (confirmed) signs out', async () => {
    signedIn();
    __test.setRouterParams({ mode: 'consent' });
    serve({ 'POST /auth/logout': () => ok(null) });
    render(<PrivacyPage />);
    fireEvent.click(document.getElementById('privacy-disagree')!);
    await flush();
    expect(Taro.showModal).toHaveBeenCalled();
    expect(__test.storage.has('dzky.accessToken')).toBe(false);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/login/index' });
  });

  it('R-8.2 a PRIVACY.CONSENT_REQUIRED answer from any API routes to the privacy page', async () => {
    signedIn();
    configureRequest({ onConsentRequired: () => void Taro.reLaunch({ url: '/pages/auth/privacy/index?mode=consent' }) });
    serve({ 'GET /me': () => fail(403, 'PRIVACY.CONSENT_REQUIRED', '请先阅读并同意隐私政策') });
    render(<HomePage />);
    await flush();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/auth/privacy/index?mode=consent' });
  });
});
