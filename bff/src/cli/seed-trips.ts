import { readFileSync } from 'fs';
import { join } from 'path';
import { Op } from 'sequelize';
import { DEFAULT_TRADING_RULES, tradingRulesProblems, type NoticeKind, type ServiceLevel, type TradingRules } from '@dzky/contracts';
import { OutboxService } from '../common/outbox/outbox.service';
import type { OrgEntity } from '../modules/access/entity/org.entity';
import { VehicleEntity } from '../modules/archive/entity';
import { LineEntity, RouteEntity, RouteStopEntity, StopEntity } from '../modules/basedata/entity';
import { FarePairEntity, NoticeEntity, TradingRulesEntity, TripEntity } from '../modules/trip/entity';
import { farePairProblems } from '../modules/trip/service/fare.service';
import { insertTrip } from '../modules/trip/service/trip.service';
import { addDays, shanghaiDay, shanghaiInstant, stopSnapshotOf } from '../modules/trip/service/trip-rules';
import type { cliContext } from './cli-context';

export type SeedContext = Awaited<ReturnType<typeof cliContext>>;

interface DemoTrips {
  rules: { org: string; rules: 'default' | TradingRules }[];
  fares: { org: string; route: string; pairs: { from: string; to: string; baseFen: number }[] }[];
  notices: { org: string; kind: NoticeKind; title: string; body: string; priority?: number; lines?: string[] }[];
  timetables: { org: string; route: string; vehicle: string; serviceLevel: ServiceLevel; seatSelection: boolean; days: number; departTimes: string[] }[];
}

export const DEMO_TRIPS_FILE = join(__dirname, '..', '..', '..', 'config', 'demo', 'trips.json');

/**
 * Demo trading rules, fares, notices and trips (config/demo/trips.json), loaded by `npm run seed`
 * after base data and archives. `npm start` seeds at every start, so this is idempotent and keeps
 * the demo fresh: each run adds the timetable's departures from now to `days` days ahead that do
 * not exist yet, and nothing else. Trips are written exactly as the admin API writes them (the
 * trip module's insertTrip: seat counters and the 'trip.published' event).
 */
export async function seedDemoTrips(ctx: SeedContext, orgs: Map<string, OrgEntity>, created: string[], now = new Date()): Promise<void> {
  const demo: DemoTrips = JSON.parse(readFileSync(DEMO_TRIPS_FILE, 'utf8'));
  const outbox = new OutboxService();
  const orgOf = (key: string) => {
    const org = orgs.get(key);
    if (!org) throw new Error(`trips.json names org "${key}", which seed.json does not create`);
    return org;
  };
  const routeOf = async (orgId: number, code: string) => {
    const route = await RouteEntity.findOne({ where: { orgId, code } });
    if (!route) throw new Error(`trips.json names route ${code}, which basedata.json does not create`);
    const stops = await RouteStopEntity.findAll({ where: { routeId: route.id }, order: [['seq', 'ASC']] });
    const codes = await StopEntity.findAll({ where: { id: { [Op.in]: stops.map((s) => s.stopId) } }, attributes: ['id', 'code'] });
    const seqOf = (stopCode: string) => {
      const stop = codes.find((c) => c.code === stopCode);
      const seq = stops.find((s) => s.stopId === stop?.id)?.seq;
      if (!seq) throw new Error(`trips.json: stop ${stopCode} is not on route ${code}`);
      return seq;
    };
    return { route, stops, seqOf };
  };

  await ctx.sequelize.transaction(async (t) => {
    for (const r of demo.rules) {
      const org = orgOf(r.org);
      if (await TradingRulesEntity.findOne({ where: { orgId: org.id, routeId: 0 }, transaction: t })) continue;
      const rules = r.rules === 'default' ? DEFAULT_TRADING_RULES : r.rules;
      const problems = tradingRulesProblems(rules);
      if (problems.length) throw new Error(`trips.json: rules of ${r.org}: ${JSON.stringify(problems)}`);
      await TradingRulesEntity.create({ orgId: org.id, routeId: 0, rules, updatedBy: null }, { transaction: t });
      created.push(`trading rules ${org.name}`);
    }

    for (const f of demo.fares) {
      const org = orgOf(f.org);
      const { route, stops, seqOf } = await routeOf(org.id, f.route);
      if (await FarePairEntity.count({ where: { routeId: route.id }, transaction: t })) continue;
      const pairs = f.pairs.map((p) => ({ fromSeq: seqOf(p.from), toSeq: seqOf(p.to), baseFen: p.baseFen }));
      const problems = farePairProblems({ stops: stops.map((s) => ({ seq: s.seq, pickup: Boolean(s.pickup), dropoff: Boolean(s.dropoff) })) }, pairs);
      if (problems.length) throw new Error(`trips.json: fares of ${f.route}: ${JSON.stringify(problems)}`);
      await FarePairEntity.bulkCreate(pairs.map((p) => ({ ...p, orgId: org.id, routeId: route.id, updatedBy: null })), { transaction: t });
      created.push(`fares ${route.name}`);
    }

    for (const n of demo.notices) {
      const org = orgOf(n.org);
      if (await NoticeEntity.findOne({ where: { orgId: org.id, title: n.title }, transaction: t })) continue;
      const lineIds = n.lines?.length
        ? (await LineEntity.findAll({ where: { orgId: org.id, licenceNo: { [Op.in]: n.lines } }, attributes: ['id'], transaction: t })).map((l) => l.id)
        : [];
      await NoticeEntity.create(
        { orgId: org.id, kind: n.kind, title: n.title, body: n.body, lineIds, validFrom: null, validUntil: null, published: true, priority: n.priority ?? 0, createdBy: null },
        { transaction: t },
      );
      created.push(`notice ${n.title}`);
    }

    for (const tt of demo.timetables) {
      const org = orgOf(tt.org);
      const { route, stops } = await routeOf(org.id, tt.route);
      const line = (await LineEntity.findByPk(route.lineId, { transaction: t }))!;
      const vehicle = await VehicleEntity.findOne({ where: { plateNo: tt.vehicle }, transaction: t });
      if (!vehicle) throw new Error(`trips.json names vehicle ${tt.vehicle}, which archives.json does not create`);
      const today = shanghaiDay(now);
      let added = 0;
      for (let d = 0; d <= tt.days; d++) {
        const day = addDays(today, d);
        for (const time of tt.departTimes) {
          const departAt = shanghaiInstant(day, time);
          if (departAt.getTime() <= now.getTime()) continue;
          if (await TripEntity.findOne({ where: { routeId: route.id, departAt, serviceLevel: tt.serviceLevel }, attributes: ['id'], transaction: t })) continue;
          await insertTrip(t, outbox, { routeId: route.id, routeCode: route.code, orgId: route.orgId, lineId: route.lineId, licenceNo: line.licenceNo, stops: stopSnapshotOf(stops) }, {
            departAt,
            vehicleType: vehicle.vehicleType,
            serviceLevel: tt.serviceLevel,
            capacity: vehicle.approvedSeats,
            seatSelection: tt.seatSelection,
            // the demo timetable stands for one planned long ahead: not 临时加班
            temporary: false,
            remark: null,
            createdBy: null,
          });
          added++;
        }
      }
      if (added) created.push(`${added} trips ${route.name}`);
    }
  });
}
