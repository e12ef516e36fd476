import { act, fireEvent, render } from '@testing-library/react';
import Taro, { __test } from '../../../../test/mocks/taro';
import { calls, fail, ok, profile, serve, signedIn, type Call } from '../../../../test/api';
import { lastMapProps, tapMap } from '../../../components/map/testing';
import { resetRequestState } from '../../../services/request';
import { orderView, rider, tripDetail } from '../../trip/test-fixtures';
import BookingPage from './index';
import { defaultTicketType, doorJourney, newClientKey, priceSummary } from './booking-form';

jest.mock('../../../components/map', () => jest.requireActual('../../../components/map/testing'));

async function flush() {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
}
const click = (id: string) => fireEvent.click(document.getElementById(id)!);
const fill = (id: string, value: string) => fireEvent.change(document.getElementById(id)!, { target: { value } });
const text = (id: string) => document.getElementById(id)?.textContent ?? null;
const posts = () => calls().filter((c) => c.method === 'POST' && c.url.endsWith('/orders'));
const bodyOf = (c: Call) => c.data as Record<string, any>;

const OUTSIDE_REASON = '上车点不在服务区域内，可选区域：福田中心区上客区（不含皇岗口岸管制区）、南山科技园上客区';
function outsideZone(field: 'pickup' | 'dropoff', reason: string) {
  return {
    statusCode: 422,
    data: { success: false, data: null, errorCode: 'ORDER.OUTSIDE_ZONE', errorMessage: '所选地点不在服务区域内', errors: [{ field, reason }], requestId: 'r' },
    header: {},
  };
}

const RIDERS = [rider({ id: 1, name: '张三' }), rider({ id: 2, name: '张小宝', isSelf: false, passengerType: 'child', birthDate: '2019-05-01', idNumberMasked: '110***********0012' })];

function serveBooking(createOrder: (call: Call) => unknown) {
  serve({
    'GET /me': () => ok(profile()),
    'GET /trips/41': () => ok(tripDetail()),
    'GET /riders': () => ok(RIDERS),
    'POST /orders': createOrder,
  });
}

beforeEach(() => {
  __test.reset();
  resetRequestState();
  signedIn();
  __test.setRouterParams({ tripId: '41', fromSeq: '1', toSeq: '3' });
});

describe('预订 — booking form', () => {
  it('R-6.2.3 one clientKey per form: a double tap sends once, a retry after a failure sends the same key, a new form a new key', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const answers = [
      () => new Promise((r) => (answer = r)), // held open: the second tap arrives meanwhile
      () => Promise.reject(new Error('socket hang up')), // the network drops
      () => ok(orderView({ id: 501, mode: 'fixed' })),
    ];
    serveBooking(() => answers.shift()!());
    const view = render(<BookingPage />);
    await flush();

    click('booking-rider-1');
    fill('booking-phone', '13800138000');
    click('booking-submit');
    expect(posts()).toHaveLength(0); // the confirmation comes first
    click('booking-confirm-submit');
    click('booking-confirm-submit'); // double tap while the first is on its way
    await flush();
    expect(posts()).toHaveLength(1);
    answer(fail(409, 'ORDER.SEAT_SOLD_OUT', '余票不足'));
    await flush();
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '余票不足' }));
    expect(document.getElementById('booking-confirm')).toBeNull();

    click('booking-submit'); // network failure
    click('booking-confirm-submit');
    await flush();
    expect(Taro.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络异常，请检查网络后重试' }));
    click('booking-submit'); // succeeds
    click('booking-confirm-submit');
    await flush();

    const sent = posts().map(bodyOf);
    expect(sent).toHaveLength(3);
    const key = sent[0].clientKey as string;
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(sent.map((b) => b.clientKey)).toEqual([key, key, key]);
    expect(sent[2]).toEqual({
      clientKey: key,
      tripId: 41,
      mode: 'fixed',
      fromSeq: 1,
      toSeq: 3,
      riders: [{ riderId: 1, ticketType: 'adult' }],
      contactPhone: '13800138000',
      remark: null,
    });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=501' });
    // the number is offered again next time (the app only ever sees the account's phone masked)
    expect(__test.storage.get('dzky.booking.contactPhone')).toBe('13800138000');

    view.unmount();
    render(<BookingPage />);
    await flush();
    click('booking-rider-1');
    click('booking-submit');
    click('booking-confirm-submit');
    await flush();
    expect((document.getElementById('booking-phone') as HTMLInputElement).value).toBe('13800138000');
    const fresh = bodyOf(posts()[3]);
    expect(fresh.contactPhone).toBe('13800138000');
    expect(fresh.clientKey).not.toBe(key);
  });

  it('R-6.2.3 door to door: ORDER.OUTSIDE_ZONE shows the reason at the pickup point and keeps riders, ticket types and the drop-off', async () => {
    const answers = [() => outsideZone('pickup', OUTSIDE_REASON), () => ok(orderView())];
    serveBooking(() => answers.shift()!());
    render(<BookingPage />);
    await flush();

    click('booking-mode-door');
    // choosing the pickup first: the map shows the pickup zones strongly and fits them
    expect(lastMapProps().polygons.filter((p) => p.active).map((p) => p.kind)).toEqual(['pickup']);
    expect(lastMapProps().fitTo).toHaveLength(5);
    tapMap({ lng: 114.07, lat: 22.525 }); // in the hole of the Futian zone (Huanggang port)
    expect(document.getElementById('booking-dropoff')!.className).toContain('booking-point--on');
    expect(lastMapProps().polygons.filter((p) => p.active).map((p) => p.kind)).toEqual(['dropoff']);
    tapMap({ lng: 113.35, lat: 23.14 }); // Tianhe
    expect(text('booking-dropoff-value')).toContain('天河下客区');
    expect(lastMapProps().markers.filter((m) => m.kind !== 'stop').map((m) => m.kind)).toEqual(['pickup', 'dropoff']);

    click('booking-rider-1');
    click('booking-rider-2');
    expect(text('booking-ticket-2-value')).toBe('儿童票');
    fill('booking-phone', '13800138000');
    // outside every pickup zone as far as the app can tell: said at once, but the bff decides
    expect(text('booking-pickup-value')).toBe('不在服务区域内');
    expect(text('booking-total')).toBe('—');
    click('booking-submit'); // no price to confirm: sent straight away
    await flush();
    expect(document.getElementById('booking-confirm')).toBeNull();

    expect(text('booking-error-pickup')).toBe(OUTSIDE_REASON);
    expect(text('booking-error-dropoff')).toBeNull();
    expect(document.getElementById('booking-pickup')!.className).toContain('booking-point--on');
    expect(document.getElementById('booking-pickup')!.className).toContain('booking-point--error');
    expect(document.getElementById('booking-rider-1')!.getAttribute('aria-checked')).toBe('true');
    expect(document.getElementById('booking-rider-2')!.getAttribute('aria-checked')).toBe('true');
    expect(text('booking-ticket-2-value')).toBe('儿童票');
    expect(text('booking-dropoff-value')).toContain('天河下客区');
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    // a tap inside the zone moves the refused point; the price follows the zones' stop positions
    tapMap({ lng: 114.03, lat: 22.54 });
    expect(text('booking-error-pickup')).toBeNull();
    expect(text('booking-pickup-value')).toContain('福田中心区上客区');
    expect(text('booking-price')).toContain('成人票 × 1');
    expect(text('booking-price')).toContain('¥60.00');
    expect(text('booking-price')).toContain('儿童票 × 1');
    expect(text('booking-total')).toBe('¥90.00');
    click('booking-submit');
    expect(text('booking-confirm-total')).toBe('¥90.00');
    click('booking-confirm-submit');
    await flush();

    const [first, second] = posts().map(bodyOf);
    expect(second.clientKey).toBe(first.clientKey);
    expect(first.pickup).toEqual({ lng: 114.07, lat: 22.525, coordSys: 'gcj02' });
    expect(second).toMatchObject({
      mode: 'door',
      pickup: { lng: 114.03, lat: 22.54, coordSys: 'gcj02' },
      dropoff: { lng: 113.35, lat: 23.14, coordSys: 'gcj02' },
      riders: [
        { riderId: 1, ticketType: 'adult' },
        { riderId: 2, ticketType: 'child' },
      ],
    });
    expect(second.fromSeq).toBeUndefined();
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=501' });
  });

  it('R-6.2.3 the bff\'s own shape checks run first: no rider, no phone, no points — nothing is sent', async () => {
    serveBooking(() => ok(orderView()));
    render(<BookingPage />);
    await flush();
    click('booking-mode-door');
    click('booking-submit');
    await flush();
    expect(text('booking-error-pickup')).toBe('请在地图上选择上车地点');
    expect(text('booking-error-riders')).toBe('请至少选择一位乘车人');
    expect(text('booking-error-contactPhone')).toBe('请输入 11 位手机号码');
    expect(posts()).toHaveLength(0);
  });

  it('R-6.2.3 fixed stops: the alighting choices follow the fares from the chosen boarding stop', async () => {
    serveBooking(() => ok(orderView()));
    render(<BookingPage />);
    await flush();
    expect(text('booking-from-value')).toBe('深圳北站');
    expect(text('booking-to-value')).toBe('广州南站');
    expect(text('booking-price')).toContain('深圳北站 → 广州南站');
    fireEvent.change(document.getElementById('booking-from-select')!, { target: { value: '1' } });
    expect(text('booking-from-value')).toBe('福田交通枢纽');
    click('booking-rider-2');
    expect(text('booking-total')).toBe('¥30.00');
    // 添加乘车人 opens the rider form
    click('booking-add-rider');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/mine/rider-edit/index' });
  });

  it('R-6.2.3 order confirmation: the journey, each rider with ticket type and price, the contact and the total; 返回修改 sends nothing', async () => {
    serveBooking(() => ok(orderView({ id: 502, mode: 'fixed' })));
    render(<BookingPage />);
    await flush();
    click('booking-rider-1');
    click('booking-rider-2');
    fill('booking-phone', '13800138000');
    click('booking-submit');

    expect(text('booking-confirm-journey')).toBe('深圳北站 → 广州南站 · 固定站点');
    const riders = text('booking-confirm-riders')!;
    expect(riders).toContain('张三 · 成人票¥65.00');
    expect(riders).toContain('张小宝 · 儿童票¥32.50');
    expect(text('booking-confirm')).toContain('13800138000');
    expect(text('booking-confirm')).toContain('预计 09:00 上车，11:00 到达');
    expect(text('booking-confirm')).toContain('下单后请在 15 分钟内完成支付');
    expect(text('booking-confirm-total')).toBe('¥97.50');

    click('booking-confirm-back');
    expect(document.getElementById('booking-confirm')).toBeNull();
    expect(posts()).toHaveLength(0);

    // a changed ticket type is what gets confirmed
    fireEvent.change(document.getElementById('booking-ticket-1-select')!, { target: { value: '1' } }); // 学生票
    click('booking-submit');
    expect(text('booking-confirm-riders')).toContain('张三 · 学生票¥48.75');
    expect(text('booking-confirm-total')).toBe('¥81.25');
    click('booking-confirm-submit');
    await flush();
    expect(bodyOf(posts()[0]).riders).toEqual([
      { riderId: 1, ticketType: 'student' },
      { riderId: 2, ticketType: 'child' },
    ]);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=502' });
  });

  it('R-6.2.3 seat selection: free seats only, one per rider, sent with the order; a seat taken meanwhile is said and the map read again', async () => {
    const seatMaps = [
      { capacity: 19, free: [1, 2, 3, 5, 6] },
      { capacity: 19, free: [1, 2, 5, 6] },
    ];
    const answers = [
      () => ({
        statusCode: 409,
        data: { success: false, data: null, errorCode: 'ORDER.SEAT_TAKEN', errorMessage: '所选座位已被占用，请重新选座', errors: [{ field: 'riders.1.seatNo', reason: '3 号座已被占用' }], requestId: 'r' },
        header: {},
      }),
      () => ok(orderView({ id: 503, mode: 'fixed' })),
    ];
    serve({
      'GET /me': () => ok(profile()),
      'GET /trips/41': () => ok(tripDetail({ seatSelection: true })),
      'GET /riders': () => ok(RIDERS),
      'GET /trips/41/seats?fromSeq=1&toSeq=3': () => ok(seatMaps.length > 1 ? seatMaps.shift() : seatMaps[0]),
      'POST /orders': () => answers.shift()!(),
    });
    render(<BookingPage />);
    await flush();

    expect(document.getElementById('booking-seat-4')!.className).toContain('seat--taken');
    click('booking-rider-1');
    click('booking-rider-2');
    expect(text('booking-seats')).toContain('可为 2 位乘车人选座');
    click('booking-seat-4'); // taken: nothing happens
    click('booking-seat-2');
    click('booking-seat-3');
    click('booking-seat-5'); // a third seat for two riders: refused
    expect(document.getElementById('booking-seat-2')!.className).toContain('seat--on');
    expect(document.getElementById('booking-seat-3')!.className).toContain('seat--on');
    expect(document.getElementById('booking-seat-5')!.className).not.toContain('seat--on');
    expect(document.getElementById('booking-seat-4')!.className).not.toContain('seat--on');

    fill('booking-phone', '13800138000');
    click('booking-submit');
    expect(text('booking-confirm-riders')).toContain('张三 · 成人票 · 2号座');
    expect(text('booking-confirm-riders')).toContain('张小宝 · 儿童票 · 3号座');
    click('booking-confirm-submit');
    await flush();
    expect(bodyOf(posts()[0]).riders).toEqual([
      { riderId: 1, ticketType: 'adult', seatNo: 2 },
      { riderId: 2, ticketType: 'child', seatNo: 3 },
    ]);

    // seat 3 went to someone else meanwhile: the reason beside the seats, the map read again, seats chosen anew
    expect(text('booking-error-seats')).toBe('3 号座已被占用');
    expect(document.getElementById('booking-seat-3')!.className).toContain('seat--taken');
    expect(document.getElementById('booking-seat-2')!.className).not.toContain('seat--on');
    click('booking-seat-5');
    click('booking-seat-6');
    click('booking-submit');
    click('booking-confirm-submit');
    await flush();
    expect(bodyOf(posts()[1]).riders).toEqual([
      { riderId: 1, ticketType: 'adult', seatNo: 5 },
      { riderId: 2, ticketType: 'child', seatNo: 6 },
    ]);
    expect(bodyOf(posts()[1]).clientKey).toBe(bodyOf(posts()[0]).clientKey);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/order/detail/index?id=503' });
  });
});

describe('booking form rules', () => {
  it('R-6.1.4 the default ticket type follows the age on the travel day', () => {
    const rules = { freeChildMaxAge: 6, childMaxAge: 14 };
    expect(defaultTicketType({ birthDate: '2012-11-27' }, '2026-11-26', rules)).toBe('child'); // 13 the day before 14
    expect(defaultTicketType({ birthDate: '2012-11-26' }, '2026-11-26', rules)).toBe('adult');
    expect(defaultTicketType({ birthDate: null }, '2026-11-26', rules)).toBe('adult');
  });

  it('R-6.2.3 keys are well-formed and differ', () => {
    const a = newClientKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newClientKey()).not.toBe(a);
  });

  it('R-6.1.4 the price summary uses the fare of the zones\' stop positions', () => {
    const d = tripDetail();
    const journey = doorJourney(d.zones, { lng: 114.03, lat: 22.54 }, { lng: 113.35, lat: 23.14 });
    expect(journey).toEqual({ fromSeq: 2, toSeq: 3 });
    expect(doorJourney(d.zones, { lng: 114.07, lat: 22.525 }, { lng: 113.35, lat: 23.14 })).toBeNull();
    expect(priceSummary(d.fares, journey, ['adult', 'adult', 'free_child'])).toEqual({
      lines: [
        { ticketType: 'adult', count: 2, unitFen: 6000 },
        { ticketType: 'free_child', count: 1, unitFen: 0 },
      ],
      totalFen: 12000,
    });
  });
});
