import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { ok, serve } from '../../../../test/api';
import { lastMapProps } from '../../../components/map/testing';
import { setLang } from '../../../i18n';
import { resetRequestState } from '../../../services/request';
import { tripDetail } from '../test-fixtures';
import TripDetailPage from './index';

jest.mock('../../../components/map', () => jest.requireActual('../../../components/map/testing'));

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const text = (id: string) => document.getElementById(id)?.textContent ?? null;

const weather = (city: string, w: string, temperatureC: number) => ({
  adcode: '440300', city, weather: w, temperatureC, windDirection: '东', windPower: '≤3', humidity: 60, reportedAt: '2026-11-25T02:00:00.000Z',
});

beforeEach(() => {
  __test.reset();
  resetRequestState();
  __test.setRouterParams({ id: '41', fromSeq: '2', toSeq: '3' });
});

describe('班次详情', () => {
  it('R-6.2.1 R-6.2.2 shows stops with times, the map with zones, weather, fares of the searched journey and the rules in words', async () => {
    const detail = tripDetail();
    detail.weather = { origin: weather('深圳市', '多云', 22), destination: null };
    serve({ 'GET /trips/41': () => ok(detail) });
    render(<TripDetailPage />);
    await flush();

    expect(text('trip-stop-1')).toContain('09:00');
    expect(text('trip-stop-1')).toContain('深圳北站');
    expect(text('trip-stop-2')).toContain('09:25');
    expect(text('trip-stop-3')).toContain('11:00');
    expect(text('trip-stop-3')).toContain('下车');
    expect(text('trip-weather-origin')).toBe('出发地 深圳 多云 22°C');
    expect(document.getElementById('trip-weather-destination')).toBeNull();

    const map = lastMapProps();
    expect(map.markers.map((m) => m.title)).toEqual(['深圳北站', '福田交通枢纽', '广州南站']);
    expect(map.polygons.map((p) => p.kind)).toEqual(['pickup', 'dropoff']);
    expect(text('trip-zones')).toContain('上车区域 · 福田中心区上客区');

    expect(text('trip-fares')).toContain('福田交通枢纽 → 广州南站');
    expect(text('trip-fare-adult')).toBe('成人票¥60.00');
    expect(text('trip-fare-child')).toBe('儿童票¥30.00');
    expect(text('trip-fare-free_child')).toBe('免票儿童¥0.00');

    const rules = text('trip-rules')!;
    expect(rules).toContain('下单后请在 15 分钟内完成支付');
    expect(rules).toContain('发车前 24 小时以上退票，免收手续费');
    expect(rules).toContain('发车前 2 小时至 24 小时退票，收取实付票款 10% 的手续费');
    expect(rules).toContain('发车前 2 小时内退票，收取实付票款 20% 的手续费');
    expect(rules).toContain('未满 6 周岁的儿童可由成人携带免票乘车');

    fireEvent.click(document.getElementById('trip-book')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/booking/create/index?tripId=41&fromSeq=2&toSeq=3' });
  });

  it('R-6.2.2 a sold-out trip says so on the button, which books nothing', async () => {
    serve({ 'GET /trips/41': () => ok(tripDetail({ saleState: 'sold_out', seatsLeft: 0 })) });
    render(<TripDetailPage />);
    await flush();
    const book = document.getElementById('trip-book') as HTMLButtonElement;
    expect(book.disabled).toBe(true);
    expect(book.textContent).toBe('已售罄');
    expect(text('trip-seats')).toBe('已售罄');
    expect(document.getElementById('trip-weather')).toBeNull();
  });

  it('R-6.2.1 English is available: stop names, fares, seats and rules in English', async () => {
    serve({ 'GET /trips/41': () => ok(tripDetail()) });
    setLang('en');
    try {
      render(<TripDetailPage />);
      await flush();
      expect(text('trip-stop-1')).toContain('Shenzhen North Station');
      expect(text('trip-stop-3')).toContain('Alight');
      expect(text('trip-seats')).toBe('19 seats left');
      expect(text('trip-fare-adult')).toBe('Adult¥60.00');
      expect(text('trip-rules')).toContain('Pay within 15 minutes of booking');
      expect(lastMapProps().markers.map((m) => m.title)).toEqual(['Shenzhen North Station', 'Futian Transport Hub', 'Guangzhou South Station']);
    } finally {
      act(() => setLang('zh'));
    }
  });
});
