import { Op } from 'sequelize';
import { cliContext } from '../../src/cli/cli-context';
import { seedDemoArchives } from '../../src/cli/seed-archives';
import { seedDemoBaseData } from '../../src/cli/seed-basedata';
import { seedDemoTrips } from '../../src/cli/seed-trips';
import { OutboxEventEntity } from '../../src/common/outbox/outbox-event.entity';
import { FarePairEntity, NoticeEntity, TradingRulesEntity, TripEntity, TripSegmentEntity } from '../../src/modules/trip/entity';
import { startApp, type TestApp } from '../support/app';
import { createOrg } from '../support/fixtures';
import { shanghaiDate } from './helpers';

const TIMES = ['07:30', '09:00', '12:30', '15:00', '18:30'];
/** Departures of today … today+7 (Shanghai) at the demo times that are still ahead of `now`. */
function departuresAhead(now: Date): number {
  let n = 0;
  for (let d = 0; d <= 7; d++) for (const time of TIMES) if (Date.parse(`${shanghaiDate(d, now)}T${time}:00+08:00`) > now.getTime()) n++;
  return n;
}

describe('demo trips (config/demo/trips.json)', () => {
  let t: TestApp;
  let ctx: Awaited<ReturnType<typeof cliContext>>;
  let orgs: Map<string, any>;

  beforeAll(async () => {
    t = await startApp();
    orgs = new Map([
      ['op1', await createOrg(1, 'operator', '深圳鹏程客运有限公司', '440300')],
      ['op2', await createOrg(1, 'operator', '广州羊城城际客运有限公司', '440100')],
    ]);
    // the CLI's own connection to the same database, as `npm run seed` has it
    ctx = await cliContext();
    await seedDemoBaseData(ctx, orgs, []);
    await seedDemoArchives(ctx, orgs, []);
  });
  afterAll(async () => {
    await ctx.close();
    await t.close();
  });

  it('R-6.2.1 R-6.2.2 the seed adds rules, fares, notices and a week of trips on the demo vehicle\'s seats; again it adds nothing', async () => {
    const now = new Date();
    const created: string[] = [];
    await seedDemoTrips(ctx, orgs, created, now);
    const expected = departuresAhead(now);
    expect(created).toEqual(['trading rules 深圳鹏程客运有限公司', 'fares 深圳北站—广州南站', 'notice 乘车须知', 'notice 服务承诺', 'notice 深圳—广州定制客运开通', `${expected} trips 深圳北站—广州南站`]);
    expect(await TradingRulesEntity.count()).toBe(1);
    expect((await FarePairEntity.findAll({ order: [['fromSeq', 'ASC']] })).map((p) => [p.fromSeq, p.toSeq, p.baseFen])).toEqual([[1, 3, 6500], [2, 3, 6000]]);
    const trips = await TripEntity.findAll();
    expect(trips).toHaveLength(expected);
    // 粤B12345D: a medium vehicle approved for 19 seats
    expect(new Set(trips.map((x) => `${x.vehicleType}/${x.capacity}/${x.status}/${x.temporary}`))).toEqual(new Set(['medium/19/on_sale/false']));
    expect(await TripSegmentEntity.count()).toBe(expected * 2);
    expect(await OutboxEventEntity.count({ where: { type: 'trip.published' } })).toBe(expected);

    const again: string[] = [];
    await seedDemoTrips(ctx, orgs, again, now);
    expect(again).toEqual([]);
    expect(await TripEntity.count()).toBe(expected);
    expect(await NoticeEntity.count()).toBe(3);

    // a start a day later adds the new last day's departures (and none twice)
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const later: string[] = [];
    await seedDemoTrips(ctx, orgs, later, tomorrow);
    expect(later).toEqual(['5 trips 深圳北站—广州南站']);
    expect(await TripEntity.count({ where: { departDate: shanghaiDate(8, now) } })).toBe(5);
  });

  it('R-6.2.2 passengers find the demo trips by city with the seeded price and door-to-door service', async () => {
    const day = shanghaiDate(2);
    const res = await t.request().get('/api/app/trips').query({ fromCity: '4403', toCity: '4401', date: day });
    expect(res.status).toBe(200);
    expect(res.body.data.map((x: any) => x.departTime)).toEqual(TIMES);
    expect(res.body.data[0]).toMatchObject({ fromStopName: { 'zh-CN': '深圳北站' }, toStopName: { 'zh-CN': '广州南站' }, priceFen: 6500, seatsLeft: 19, saleState: 'open', doorToDoor: true });
    const detail = await t.request().get(`/api/app/trips/${res.body.data[0].tripId}`);
    expect(detail.body.data.notices.map((n: any) => n.title)).toEqual(['乘车须知', '服务承诺', '深圳—广州定制客运开通']);
    expect(await TripEntity.count({ where: { departDate: { [Op.lt]: shanghaiDate(0) } } })).toBe(0);
  });
});
