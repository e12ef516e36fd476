import { act, fireEvent, render } from '@testing-library/react';
import { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import ProfilePage from './index';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
function fill(id: string, value: string) {
  fireEvent.change(document.getElementById(id)!, { target: { value } });
}

const view = {
  id: 7, nickname: '小艾', gender: null, phone: '138****1234', emergencyContactName: '艾父', emergencyContactPhone: '136****6000',
  privacyPolicyVersion: '2026-11-01', privacyConsentRequired: null,
};

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
});

describe('个人资料', () => {
  it('R-6.1.2 shows the phone masked; a changed emergency contact needs its phone typed again', async () => {
    serve({ 'GET /profile': () => ok(view), 'PUT /profile': () => ok({ ...view, gender: 'female', emergencyContactName: '艾母', emergencyContactPhone: '137****7000' }) });
    render(<ProfilePage />);
    await flush();
    expect(document.getElementById('profile-phone')!.textContent).toBe('138****1234');
    fill('profile-contact-name', '艾母');
    fireEvent.click(document.getElementById('profile-save')!);
    await flush();
    expect(document.getElementById('profile-error-emergencyContactPhone')!.textContent).toBe('紧急联系人手机号码不能为空');
    expect(calls().filter((c) => c.method === 'PUT')).toHaveLength(0);

    fill('profile-contact-phone', '13700137000');
    fireEvent.change(document.getElementById('profile-gender-select')!, { target: { value: '2' } });
    fireEvent.click(document.getElementById('profile-save')!);
    await flush();
    expect(calls().find((c) => c.method === 'PUT')!.data).toEqual({ nickname: '小艾', gender: 'female', emergencyContactName: '艾母', emergencyContactPhone: '13700137000' });
  });

  it('R-6.1.2 saving without touching the contact leaves it out, so the stored one is kept', async () => {
    serve({ 'GET /profile': () => ok(view), 'PUT /profile': () => ok({ ...view, nickname: '艾艾' }) });
    render(<ProfilePage />);
    await flush();
    fill('profile-nickname', '艾艾');
    fireEvent.click(document.getElementById('profile-save')!);
    await flush();
    expect(calls().find((c) => c.method === 'PUT')!.data).toEqual({ nickname: '艾艾', gender: null });
  });

  it('R-6.1.2 a contact name the server would refuse is explained before sending, in the server\'s words', async () => {
    serve({ 'GET /profile': () => ok(view) });
    render(<ProfilePage />);
    await flush();
    fill('profile-contact-name', 'Mum2');
    fill('profile-contact-phone', '13700137000');
    fireEvent.click(document.getElementById('profile-save')!);
    await flush();
    expect(document.getElementById('profile-error-emergencyContactName')!.textContent).toBe('紧急联系人姓名只能为中文或英文字母，不超过30个字符');
    expect(calls().filter((c) => c.method === 'PUT')).toHaveLength(0);
  });
});
