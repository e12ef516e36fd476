import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, ok, serve } from '../../../../test/api';
import { resetRequestState } from '../../../services/request';
import { todayInShanghai } from '../../home/index/search-card';
import { addDays } from '../format';
import { searchItem } from '../test-fixtures';
import TripListPage from './index';

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}

const DAY = '2026-11-26';
const trips = [
  searchItem({ tripId: 41 }),
  searchItem({ tripId: 42, departTime: '12:30', boardAt: '2026-11-26T04:30:00.000Z', arriveAt: '2026-11-26T06:30:00.000Z', seatsLeft: 0, saleState: 'sold_out' }),
  searchItem({ tripId: 43, saleState: 'not_yet_open', temporary: true, serviceLevel: 'business', doorToDoor: false }),
  searchItem({ tripId: 44, saleState: 'closed' }),
];

beforeEach(() => {
  __test.reset();
  resetRequestState();
  __test.setRouterParams({ fromCity: '4403', toCity: '4401', date: DAY, fromName: '深圳市', toName: '广州市' });
});

describe('班次列表', () => {
  it('R-6.2.2 lists the day\'s trips with times, stops, price and seats; sold-out and closed ones greyed with the reason', async () => {
    serve({ [`GET /trips?fromCity=4403&toCity=4401&date=${DAY}`]: () => ok(trips) });
    render(<TripListPage />);
    await flush();
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '深圳市 → 广州市' });

    const open = document.getElementById('trip-41')!;
    expect(open.className).not.toContain('trip-card--off');
    expect(open.textContent).toContain('09:00');
    expect(open.textContent).toContain('11:00');
    expect(open.textContent).toContain('约2小时');
    expect(document.getElementById('trip-list-head')!.textContent).toBe(`深圳市 → 广州市共 ${trips.length} 班`);
    expect(open.textContent).toContain('深圳北站');
    expect(open.textContent).toContain('广州南站');
    expect(open.textContent).toContain('上门接送');
    expect(open.textContent).toContain('标准');
    expect(document.getElementById('trip-price-41')!.textContent).toBe('¥65.00');
    expect(document.getElementById('trip-seats-41')!.textContent).toBe('余 12 座');

    const soldOut = document.getElementById('trip-42')!;
    expect(soldOut.className).toContain('trip-card--off');
    expect(soldOut.textContent).toContain('12:30');
    expect(document.getElementById('trip-seats-42')!.textContent).toBe('已售罄');
    expect(document.getElementById('trip-43')!.className).toContain('trip-card--off');
    expect(document.getElementById('trip-seats-43')!.textContent).toBe('未开售');
    expect(document.getElementById('trip-43')!.textContent).toContain('临时加班');
    expect(document.getElementById('trip-43')!.textContent).toContain('商务');
    expect(document.getElementById('trip-43')!.textContent).not.toContain('上门接送');
    expect(document.getElementById('trip-seats-44')!.textContent).toBe('已停售');

    fireEvent.click(open);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/trip/detail/index?id=41&fromSeq=1&toSeq=3' });
  });

  it('R-6.2.2 another day from the strip searches again; a day without trips says so', async () => {
    const tomorrow = addDays(todayInShanghai(), 1);
    serve({
      [`GET /trips?fromCity=4403&toCity=4401&date=${DAY}`]: () => ok(trips),
      [`GET /trips?fromCity=4403&toCity=4401&date=${tomorrow}`]: () => ok([]),
    });
    render(<TripListPage />);
    await flush();
    fireEvent.click(document.getElementById(`trip-date-${tomorrow}`)!);
    await flush();
    expect(calls().map((c) => c.url)).toContain(`/api/app/trips?fromCity=4403&toCity=4401&date=${tomorrow}`);
    expect(document.getElementById('trip-list-empty')!.textContent).toContain('当天暂无班次');
    expect(document.getElementById(`trip-date-${tomorrow}`)!.className).toContain('date-strip__day--on');
  });

  it('R-6.2.2 pulling down searches again and ends the refresh', async () => {
    serve({ [`GET /trips?fromCity=4403&toCity=4401&date=${DAY}`]: () => ok(trips) });
    render(<TripListPage />);
    await flush();
    act(() => __test.pullDown());
    await flush();
    expect(calls()).toHaveLength(2);
    expect(Taro.stopPullDownRefresh).toHaveBeenCalled();
  });
});
