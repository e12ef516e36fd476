/**
 * Test data shaped as the bff answers for the demo route SZ-GZ-01 (深圳北站 → 福田交通枢纽 →
 * 广州南站, with pickup and drop-off zones), for the page tests. Not imported by the app.
 */
import { DEFAULT_TRADING_RULES, type OrderView, type RiderView, type TripDetail, type TripSearchItem, type TripView } from '@dzky/contracts';

export const FUTIAN_ZONE = {
  id: 11,
  routeId: 3,
  name: '福田中心区上客区（不含皇岗口岸管制区）',
  kind: 'pickup' as const,
  stopSeq: 2,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [[114.0, 22.515], [114.09, 22.515], [114.09, 22.57], [114.0, 22.57], [114.0, 22.515]],
      [[114.06, 22.518], [114.08, 22.518], [114.08, 22.532], [114.06, 22.532], [114.06, 22.518]],
    ],
  },
};
export const TIANHE_ZONE = {
  id: 12,
  routeId: 3,
  name: '天河下客区',
  kind: 'dropoff' as const,
  stopSeq: 3,
  geometry: { type: 'Polygon' as const, coordinates: [[[113.3, 23.115], [113.4, 23.115], [113.4, 23.175], [113.3, 23.175], [113.3, 23.115]]] },
};

const prices = (adult: number) => ({ adult, child: Math.round(adult / 2), student: Math.round(adult * 0.75), senior: Math.round(adult / 2), military_disabled: Math.round(adult / 2), free_child: 0 });

export function tripView(over: Partial<TripView> = {}): TripView {
  return {
    id: 41,
    orgId: 4,
    orgName: '深圳鹏程客运有限公司',
    lineId: 2,
    lineName: '深圳—广州',
    licenceNo: '粤交运线许可深字440300-0001',
    routeId: 3,
    routeCode: 'SZ-GZ-01',
    routeName: '深圳北站—广州南站',
    departAt: '2026-11-26T01:00:00.000Z',
    departDate: '2026-11-26',
    departTime: '09:00',
    arriveAt: '2026-11-26T03:00:00.000Z',
    vehicleType: 'medium',
    serviceLevel: 'standard',
    capacity: 19,
    seatSelection: false,
    status: 'on_sale',
    saleState: 'open',
    temporary: false,
    cancelReason: null,
    cancelledAt: null,
    seatsLeft: 19,
    segments: [
      { segNo: 1, sold: 0 },
      { segNo: 2, sold: 0 },
    ],
    ticketCount: 0,
    remark: null,
    createdAt: '2026-11-20T00:00:00.000Z',
    updatedAt: '2026-11-20T00:00:00.000Z',
    ...over,
  };
}

export function tripDetail(over: Partial<TripView> = {}): TripDetail {
  return {
    trip: tripView(over),
    stops: [
      { seq: 1, stopId: 1, code: 'SZB', name: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station' }, address: '深圳市龙华区民治街道致远中路28号', regionCode: '440309', lng: 114.029525, lat: 22.609726, pickup: true, dropoff: false, plannedAt: '2026-11-26T01:00:00.000Z', distanceFromStartM: 0 },
      { seq: 2, stopId: 2, code: 'FTJT', name: { 'zh-CN': '福田交通枢纽', en: 'Futian Transport Hub' }, address: '深圳市福田区深南大道与新洲路交汇处', regionCode: '440304', lng: 114.052741, lat: 22.539223, pickup: true, dropoff: false, plannedAt: '2026-11-26T01:25:00.000Z', distanceFromStartM: 14800 },
      { seq: 3, stopId: 4, code: 'GZN', name: { 'zh-CN': '广州南站', en: 'Guangzhou South Station' }, address: '广州市番禺区石壁街道南站北路', regionCode: '440113', lng: 113.269391, lat: 22.988948, pickup: false, dropoff: true, plannedAt: '2026-11-26T03:00:00.000Z', distanceFromStartM: 141300 },
    ],
    zones: [FUTIAN_ZONE, TIANHE_ZONE],
    fares: [
      { fromSeq: 1, toSeq: 3, prices: prices(6500) },
      { fromSeq: 2, toSeq: 3, prices: prices(6000) },
    ],
    rules: {
      holdMinutes: DEFAULT_TRADING_RULES.holdMinutes,
      refundTiers: DEFAULT_TRADING_RULES.refundTiers,
      rebookAllowed: true,
      freeChildMaxAge: 6,
      childMaxAge: 14,
    },
    notices: [],
    weather: { origin: null, destination: null },
  };
}

export function searchItem(over: Partial<TripSearchItem> = {}): TripSearchItem {
  return {
    tripId: 41,
    orgName: '深圳鹏程客运有限公司',
    lineName: '深圳—广州',
    routeName: '深圳北站—广州南站',
    departAt: '2026-11-26T01:00:00.000Z',
    departTime: '09:00',
    fromSeq: 1,
    fromStopName: { 'zh-CN': '深圳北站', en: 'Shenzhen North Station' },
    toSeq: 3,
    toStopName: { 'zh-CN': '广州南站', en: 'Guangzhou South Station' },
    boardAt: '2026-11-26T01:00:00.000Z',
    arriveAt: '2026-11-26T03:00:00.000Z',
    priceFen: 6500,
    seatsLeft: 12,
    vehicleType: 'medium',
    serviceLevel: 'standard',
    saleState: 'open',
    temporary: false,
    doorToDoor: true,
    ...over,
  };
}

export function rider(over: Partial<RiderView> = {}): RiderView {
  return {
    id: 1,
    name: '张三',
    idType: 'id_card',
    idNumberMasked: '110***********002X',
    phoneMasked: null,
    isSelf: true,
    passengerType: 'adult',
    birthDate: '1990-03-07',
    createdAt: '',
    updatedAt: '',
    ...over,
  };
}

export function orderView(over: Partial<OrderView> = {}): OrderView {
  return {
    id: 501,
    orderNo: 'DZ261125100000123456',
    status: 'pending_payment',
    mode: 'door',
    tripId: 41,
    orgId: 4,
    orgName: '深圳鹏程客运有限公司',
    lineName: '深圳—广州',
    routeName: '深圳北站—广州南站',
    departAt: '2026-11-26T01:00:00.000Z',
    vehicleType: 'medium',
    serviceLevel: 'standard',
    from: { seq: 2, stopName: { 'zh-CN': '福田交通枢纽' }, plannedAt: '2026-11-26T01:25:00.000Z', point: { lng: 114.03, lat: 22.54, address: null }, zoneName: '福田中心区上客区（不含皇岗口岸管制区）' },
    to: { seq: 3, stopName: { 'zh-CN': '广州南站' }, plannedAt: '2026-11-26T03:00:00.000Z', point: { lng: 113.35, lat: 23.14, address: null }, zoneName: '天河下客区' },
    tickets: [
      { id: 9001, ticketNo: 'T1', riderId: 1, riderName: '张三', idType: 'id_card', idNumberMasked: '110***********002X', ticketType: 'adult', seatNo: null, priceFen: 6000, status: 'held' },
    ],
    totalFen: 6000,
    contactPhoneMasked: '138****1234',
    remark: null,
    holdExpiresAt: '2026-11-25T02:15:00.000Z',
    cancelReason: null,
    createdAt: '2026-11-25T02:00:00.000Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
    ...over,
  };
}
