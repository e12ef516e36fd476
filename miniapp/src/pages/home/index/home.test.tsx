import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { ok, profile, serve, signedIn } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { addDays } from '../../trip/format';
import HomePage from './index';
import { todayInShanghai } from './search-card';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const click = (id: string) => fireEvent.click(document.getElementById(id)!);

const notice = {
  id: 3, orgId: 4, orgName: '深圳鹏程客运有限公司', kind: 'special_requirement', title: '实名制乘车', body: '请携带有效身份证件，\n一人一座。',
  lineIds: [], validFrom: null, validUntil: null, published: true, priority: 10, createdAt: '', updatedAt: '',
};

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  serve({
    'GET /me': () => ok(profile()),
    'GET /cities': () => ok([{ code: '4403', name: '深圳市' }, { code: '4401', name: '广州市' }]),
    'GET /home': () =>
      ok({
        notices: [notice],
        cities: [],
        travelInfo: [{ kind: 'trip_added', tripId: 77, lineName: '深圳—广州', departAt: '2026-11-26T10:30:00.000Z', reason: '周末客流加班', at: '' }],
      }),
  });
});

describe('首页', () => {
  it('R-6.2.2 choosing 深圳 → 广州 and 明天 opens the trip list for those city codes and that day', async () => {
    render(<HomePage />);
    await flush();
    click('home-search-submit');
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择出发城市和到达城市' }));
    expect(Taro.navigateTo).not.toHaveBeenCalled();

    click('home-from');
    click('city-option-4403');
    click('home-to');
    click('city-option-4401');
    expect(document.getElementById('home-from')!.textContent).toBe('深圳市');
    expect(document.getElementById('home-to')!.textContent).toBe('广州市');
    click('home-date-1');
    click('home-search-submit');

    const tomorrow = addDays(todayInShanghai(), 1);
    const url = (Taro.navigateTo as jest.Mock).mock.calls[0][0].url as string;
    expect(url.startsWith('/pages/trip/list/index?')).toBe(true);
    const q = new URLSearchParams(url.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({ fromCity: '4403', toCity: '4401', date: tomorrow, fromName: '深圳市', toName: '广州市' });
  });

  it('R-6.2.2 the swap button turns the journey round; a city cannot be both ends', async () => {
    render(<HomePage />);
    await flush();
    click('home-from');
    click('city-option-4403');
    click('home-to');
    click('city-option-4401');
    click('home-swap');
    expect(document.getElementById('home-from')!.textContent).toBe('广州市');
    expect(document.getElementById('home-to')!.textContent).toBe('深圳市');
    click('home-to');
    click('city-option-4401');
    expect(document.getElementById('home-from')!.textContent).toBe('出发城市');
  });

  it('R-6.2.1 R-6.2.2 shows travel information and notices; a notice opens on a tap', async () => {
    render(<HomePage />);
    await flush();
    const info = document.getElementById('travel-info-trip_added-77')!;
    expect(info.textContent).toContain('临时加班');
    expect(info.textContent).toContain('深圳—广州 11-26 18:30');
    expect(info.textContent).toContain('周末客流加班');
    expect(screen.getByText('实名制乘车')).toBeTruthy();
    expect(document.getElementById('home-notice-body-3')).toBeNull();
    click('home-notice-3');
    expect(document.getElementById('home-notice-body-3')!.textContent).toContain('请携带有效身份证件');
    expect(document.getElementById('home-notice-3')!.textContent).toContain('乘车须知');
  });
});
