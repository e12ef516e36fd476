import { readFileSync } from 'fs';
import { join } from 'path';
import type { LocalizedName, RouteStopInput, StopType, ZoneInput } from '@dzky/contracts';
import type { OrgEntity } from '../modules/access/entity/org.entity';
import { BasedataVersionEntity, LineEntity, RouteEntity, RouteStopEntity, StopEntity, ZoneEntity } from '../modules/basedata/entity';
import { bboxOf, nameProblems, pointProblems, regionProblems, routeStopProblems, zoneProblems } from '../modules/basedata/service/basedata-rules';
import type { cliContext } from './cli-context';

export type SeedContext = Awaited<ReturnType<typeof cliContext>>;

interface DemoBaseData {
  stops: { org: string; code: string; name: LocalizedName; address: string; regionCode: string; lng: number; lat: number; type: StopType }[];
  lines: { org: string; licenceNo: string; name: string; originCity: string; originRegionCode: string; destinationCity: string; destinationRegionCode: string; approvedStopCodes: string[]; approvedArea: string | null; validFrom: string; validUntil: string }[];
  routes: { org: string; line: string; code: string; name: string; stops: (Omit<RouteStopInput, 'stopId'> & { stop: string })[]; zones: ZoneInput[] }[];
}

export const DEMO_BASEDATA_FILE = join(__dirname, '..', '..', '..', 'config', 'demo', 'basedata.json');

/**
 * Demo basedata (config/demo/basedata.json), loaded by `npm run seed` after the organisations. Idempotent:
 * what exists already is left as it is. `orgs` maps the seed's org keys (op1, op2…) to their rows.
 * The demo file goes through the same rules as the admin API, so a typo fails the seed loudly.
 */
export async function seedDemoBaseData(ctx: SeedContext, orgs: Map<string, OrgEntity>, created: string[]): Promise<void> {
  const demo: DemoBaseData = JSON.parse(readFileSync(DEMO_BASEDATA_FILE, 'utf8'));
  const orgOf = (key: string) => {
    const org = orgs.get(key);
    if (!org) throw new Error(`basedata.json names org "${key}", which seed.json does not create`);
    return org;
  };
  const fail = (what: string, problems: { field: string; reason: string }[]) => {
    if (problems.length) throw new Error(`basedata.json: ${what}: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
  };

  await ctx.sequelize.transaction(async (t) => {
    const version = (entityType: 'stop' | 'line' | 'route', entityId: number, orgId: number, after: object) =>
      BasedataVersionEntity.create({ entityType, entityId, orgId, action: 'create', actorId: null, actorName: '演示数据', at: new Date(), dataBefore: null, dataAfter: after }, { transaction: t });
    const stopId = async (orgId: number, code: string) => {
      const stop = await StopEntity.findOne({ where: { orgId, code }, transaction: t });
      if (!stop) throw new Error(`basedata.json: stop ${code} is not defined for org ${orgId}`);
      return stop.id;
    };

    for (const s of demo.stops) {
      const org = orgOf(s.org);
      if (await StopEntity.findOne({ where: { orgId: org.id, code: s.code }, transaction: t })) continue;
      fail(`stop ${s.code}`, [...nameProblems(s.name), ...regionProblems(s.regionCode, 'regionCode'), ...pointProblems(s.lng, s.lat)]);
      const { org: _org, ...values } = s;
      const stop = await StopEntity.create({ ...values, orgId: org.id, enabled: true }, { transaction: t });
      await version('stop', stop.id, org.id, values);
      created.push(`stop ${s.name['zh-CN']}`);
    }

    for (const l of demo.lines) {
      const org = orgOf(l.org);
      if (await LineEntity.findOne({ where: { orgId: org.id, licenceNo: l.licenceNo }, transaction: t })) continue;
      fail(`line ${l.licenceNo}`, [...regionProblems(l.originRegionCode, 'originRegionCode'), ...regionProblems(l.destinationRegionCode, 'destinationRegionCode')]);
      const { org: _org, approvedStopCodes, ...values } = l;
      const approvedStopIds = await Promise.all(approvedStopCodes.map((c) => stopId(org.id, c)));
      const line = await LineEntity.create({ ...values, approvedStopIds, orgId: org.id, enabled: true }, { transaction: t });
      await version('line', line.id, org.id, { ...values, approvedStopIds });
      created.push(`line ${l.name}`);
    }

    for (const r of demo.routes) {
      const org = orgOf(r.org);
      if (await RouteEntity.findOne({ where: { orgId: org.id, code: r.code }, transaction: t })) continue;
      const line = await LineEntity.findOne({ where: { orgId: org.id, licenceNo: r.line }, transaction: t });
      if (!line) throw new Error(`basedata.json: route ${r.code} names unknown line ${r.line}`);
      const stops: RouteStopInput[] = [];
      for (const { stop, ...s } of r.stops) stops.push({ ...s, stopId: await stopId(org.id, stop) });
      const known = new Map((await StopEntity.findAll({ where: { orgId: org.id }, transaction: t })).map((s) => [s.id, { enabled: Boolean(s.enabled), code: s.code }]));
      fail(`route ${r.code}`, [...routeStopProblems(stops, known, line.approvedStopIds), ...r.zones.flatMap((z, i) => zoneProblems(z, stops, `zones[${i}]`))]);
      const route = await RouteEntity.create({ orgId: org.id, lineId: line.id, code: r.code, name: r.name, enabled: true }, { transaction: t });
      await RouteStopEntity.bulkCreate(stops.map((s) => ({ ...s, routeId: route.id })), { transaction: t });
      for (const z of r.zones) {
        await ZoneEntity.create({ orgId: org.id, routeId: route.id, name: z.name, kind: z.kind, stopSeq: z.stopSeq, geometry: z.geometry, ...bboxOf(z.geometry) }, { transaction: t });
      }
      await version('route', route.id, org.id, { code: r.code, name: r.name, lineId: line.id, enabled: true, stops });
      created.push(`route ${r.name}`);
    }
  });
}
