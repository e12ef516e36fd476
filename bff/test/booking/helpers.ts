import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';
import { Op } from 'sequelize';
import type { OrderCreateRequest } from '@dzky/contracts';
import { DatabaseService } from '../../src/common/db/database.service';
import { TicketEntity } from '../../src/modules/booking/entity';
import { FarePairEntity, TripEntity, TripSegmentEntity, type TripStopSnapshot } from '../../src/modules/trip/entity';
import { basedataWorld, square, STOPS, type Auth } from '../basedata/helpers';
import { idCard, passenger } from '../passenger/helpers';
import type { TestApp } from '../support/app';

export type World = Awaited<ReturnType<typeof bookingWorld>>;

/** Zones of the test route: two pickup areas in Shenzhen, one drop-off area in Guangzhou. */
export const ZONES = {
  nanshan: { name: '南山科技园', kind: 'pickup', stopSeq: 1, geometry: { type: 'Polygon', coordinates: [square(113.93, 22.52, 113.96, 22.56)] } },
  futian: { name: '福田中心区', kind: 'pickup', stopSeq: 2, geometry: { type: 'Polygon', coordinates: [square(114.04, 22.52, 114.08, 22.56)] } },
  guangzhou: { name: '天河/海珠下客区', kind: 'dropoff', stopSeq: 3, geometry: { type: 'Polygon', coordinates: [square(113.25, 22.97, 113.29, 23.0)] } },
} as const;

/** Base prices of the route's pairs (fen). */
export const FARES = [
  { fromSeq: 1, toSeq: 2, baseFen: 2000 },
  { fromSeq: 1, toSeq: 3, baseFen: 6500 },
  { fromSeq: 2, toSeq: 3, baseFen: 5000 },
];

/**
 * Operators, staff and a route 深圳北站 (1, boarding) → 福田交通枢纽 (2, boarding and alighting) →
 * 广州南站 (3, alighting) with door-to-door zones, made through the real admin API; prices and trips
 * are inserted directly so these tests do not depend on the trip module's admin rules.
 */
export async function bookingWorld(t: TestApp, prefix: string) {
  const w = await basedataWorld(t, prefix);
  const post = (auth: Auth, path: string, body: object) => t.request().post(path).set(auth).send(body);
  const stopIds: Record<string, number> = {};
  for (const s of [STOPS.SZB, STOPS.FTJT, STOPS.GZN]) {
    const res = await post(w.admin1, '/api/admin/stops', s);
    if (res.status !== 200) throw new Error(`stop: ${JSON.stringify(res.body)}`);
    stopIds[s.code] = res.body.data.id;
  }
  const line = await post(w.admin1, '/api/admin/lines', {
    licenceNo: `粤交运线许可深字440300-${prefix}`, name: '深圳—广州', originCity: '深圳市', originRegionCode: '440300',
    destinationCity: '广州市', destinationRegionCode: '440100', approvedStopIds: Object.values(stopIds), approvedArea: '深圳市、广州市',
    validFrom: '2025-01-01', validUntil: '2099-12-31',
  });
  if (line.status !== 200) throw new Error(`line: ${JSON.stringify(line.body)}`);
  const stops: TripStopSnapshot[] = [
    { seq: 1, stopId: stopIds.SZB, distanceFromPrevM: 0, minutesFromPrev: 0, pickup: true, dropoff: false },
    { seq: 2, stopId: stopIds.FTJT, distanceFromPrevM: 15000, minutesFromPrev: 25, pickup: true, dropoff: true },
    { seq: 3, stopId: stopIds.GZN, distanceFromPrevM: 125000, minutesFromPrev: 85, pickup: false, dropoff: true },
  ];
  const route = await post(w.admin1, '/api/admin/routes', {
    lineId: line.body.data.id, code: `SZ-GZ-${prefix}`, name: '深圳北站—广州南站', stops, zones: Object.values(ZONES),
  });
  if (route.status !== 200) throw new Error(`route: ${JSON.stringify(route.body)}`);
  const routeId: number = route.body.data.id;
  await FarePairEntity.bulkCreate(FARES.map((f) => ({ orgId: w.op1.id, routeId, ...f, updatedBy: null })));
  return { ...w, stopIds, lineId: line.body.data.id as number, routeId, stops };
}

let tripSerial = 0;

/**
 * A trip of the world's route, departing in `inHours` (default 48 h: inside the presale window,
 * before sales close), with `sold` seats already taken on every segment; run by op1 unless `orgId`.
 */
export async function createTrip(w: World, opts: { capacity?: number; sold?: number | number[]; seatSelection?: boolean; inHours?: number; inMinutes?: number; status?: TripEntity['status']; orgId?: number } = {}) {
  // whole minutes, a few seconds apart when asked for minutes, else minutes apart: (route, departure, service level) is unique
  const departAt = opts.inMinutes !== undefined
    ? new Date(Date.now() + opts.inMinutes * 60_000 + (++tripSerial % 60) * 1000)
    : new Date(Math.floor((Date.now() + (opts.inHours ?? 48) * 3_600_000) / 60_000) * 60_000 + ++tripSerial * 60_000);
  const china = new Date(departAt.getTime() + 8 * 3_600_000).toISOString();
  const trip = await TripEntity.create({
    // another operator's trip (orgId) runs on the same route: only the owner decides who sees its orders
    orgId: opts.orgId ?? w.op1.id, lineId: w.lineId, routeId: w.routeId, departAt, departDate: china.slice(0, 10), departTime: china.slice(11, 16),
    vehicleType: 'medium', serviceLevel: 'standard', capacity: opts.capacity ?? 20, seatSelection: opts.seatSelection ?? false,
    stops: w.stops, status: opts.status ?? 'on_sale', temporary: false, cancelReason: null, cancelledAt: null, remark: null, createdBy: null,
  });
  const sold = Array.isArray(opts.sold) ? opts.sold : [opts.sold ?? 0, opts.sold ?? 0];
  await TripSegmentEntity.bulkCreate(sold.map((n, i) => ({ tripId: trip.id, segNo: i + 1, sold: n })));
  return trip;
}

export async function segmentsOf(tripId: number): Promise<number[]> {
  const rows = await TripSegmentEntity.findAll({ where: { tripId }, order: [['segNo', 'ASC']] });
  return rows.map((r) => r.sold);
}

/** Seats held per segment, recounted from the live tickets (what the counters must agree with). */
export async function liveSeatsPerSegment(tripId: number, segmentCount = 2): Promise<number[]> {
  const live = await TicketEntity.findAll({ where: { tripId, live: true, status: { [Op.in]: ['held', 'issued', 'checked', 'refunding', 'used'] } } });
  return Array.from({ length: segmentCount }, (_, i) => live.filter((tk) => tk.fromSeq <= i + 1 && tk.toSeq > i + 1).length);
}

let idSerial = 100;
const SURNAMES = [...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'];
const GIVEN = [...'一二三四五六七八九十'].map((c) => `小${c}`);

/** A signed-in passenger (privacy accepted) with `riders` real-name riders born on the given days. */
export async function passengerWithRiders(t: TestApp, name: string, births: string[] = ['1990-05-01']) {
  const p = await passenger(t, name);
  const riders: number[] = [];
  for (const birth of births) {
    const serial = ++idSerial;
    const riderName = `${SURNAMES[serial % SURNAMES.length]}${GIVEN[Math.floor(serial / SURNAMES.length) % GIVEN.length]}`;
    const res = await t.request().post('/api/app/riders').set(p.auth).send({ name: riderName, idType: 'id_card', idNumber: idCard(birth, String(serial % 1000).padStart(3, '0')) });
    if (res.status !== 200) throw new Error(`rider: ${JSON.stringify(res.body)}`);
    riders.push(res.body.data.id);
  }
  return { ...p, riders };
}

/** A fixed-stop booking request for the given riders (adult tickets unless told). */
export function fixedOrder(tripId: number, riderIds: number[], opts: Partial<OrderCreateRequest> = {}): OrderCreateRequest {
  return {
    clientKey: randomUUID(),
    tripId,
    mode: 'fixed',
    fromSeq: 1,
    toSeq: 3,
    riders: riderIds.map((riderId) => ({ riderId, ticketType: 'adult' })),
    contactPhone: '13800138000',
    ...opts,
  };
}

/**
 * Records every query issued inside a managed transaction that does not name it. Such a query needs
 * a second pooled connection while its transaction holds one: on MariaDB a burst of bookings, each
 * holding a connection while queued for the trip's lock, then empties the pool and every booking
 * fails after the acquire timeout (bench:seats found it). `stop()` puts the database back.
 */
export async function watchStrayQueries(t: TestApp) {
  const db = await t.app.getApplicationContext().getAsync(DatabaseService);
  const sequelize = db.sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown>; query: (sql: unknown, options?: { transaction?: unknown }) => Promise<unknown> };
  const inside = new AsyncLocalStorage<true>();
  const stray: string[] = [];
  const transaction = sequelize.transaction;
  const query = sequelize.query;
  sequelize.transaction = function (this: unknown, ...args: unknown[]) {
    const wrapped = args.map((a) => (typeof a === 'function' ? (trx: unknown) => inside.run(true, () => (a as (x: unknown) => unknown)(trx)) : a));
    return transaction.apply(this, wrapped);
  };
  sequelize.query = function (this: unknown, sql: unknown, options?: { transaction?: unknown }) {
    if (inside.getStore() && !options?.transaction) {
      const text = typeof sql === 'string' ? sql : String((sql as { query?: string })?.query ?? sql);
      const caller = (new Error().stack ?? '').split('\n').find((l) => l.includes('/src/modules/') && !l.includes('node_modules'))?.trim() ?? '';
      stray.push(`${text.slice(0, 120)} ← ${caller}`);
    }
    return query.call(this, sql, options);
  };
  return {
    stray,
    stop: () => {
      sequelize.transaction = transaction;
      sequelize.query = query;
    },
  };
}
