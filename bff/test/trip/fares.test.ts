import { DEFAULT_TRADING_RULES } from '@dzky/contracts';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { FarePairEntity } from '../../src/modules/trip/entity';
import { TradingRulesService } from '../../src/modules/trip/service/trading-rules.service';
import { startApp, type TestApp } from '../support/app';
import { inMinutes, shanghaiDate, tripWorld, type Auth } from './helpers';

describe('fares and trading rules (R-6.1.4)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tripWorld>>;
  const post = (auth: Auth, path: string, body: object = {}) => t.request().post(path).set(auth).send(body);
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const get = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth);
  const del = (auth: Auth, path: string) => t.request().delete(path).set(auth);
  const rules = (over: object = {}) => ({ ...JSON.parse(JSON.stringify(DEFAULT_TRADING_RULES)), ...over });
  const table = [{ fromSeq: 1, toSeq: 3, baseFen: 6500 }, { fromSeq: 2, toSeq: 3, baseFen: 6000 }];

  beforeAll(async () => {
    t = await startApp();
    w = await tripWorld(t, 'f');
  });
  afterAll(async () => t.close());

  describe('fare tables', () => {
    it('R-6.1.4 pairs must run from a pickup stop to a later drop-off stop, whole fen 1 … 10 000 000, each once', async () => {
      const res = await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, {
        pairs: [
          { fromSeq: 1, toSeq: 3, baseFen: 6500 },
          { fromSeq: 3, toSeq: 1, baseFen: 100 }, // 3 is no pickup stop
          { fromSeq: 1, toSeq: 2, baseFen: 100 }, // 2 is no drop-off stop
          { fromSeq: 1, toSeq: 9, baseFen: 100 },
          { fromSeq: 2, toSeq: 3, baseFen: 0 },
          { fromSeq: 2, toSeq: 3, baseFen: 12.5 },
          { fromSeq: 1, toSeq: 3, baseFen: 10_000_001 },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.body.errorCode).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { field: 'pairs[1].fromSeq', reason: '站序 3 不允许上客' },
        { field: 'pairs[2].toSeq', reason: '站序 2 不允许下客' },
        { field: 'pairs[3].toSeq', reason: '线路中没有站序 9' },
        { field: 'pairs[4].baseFen', reason: '票价应为 1–10000000 之间的整数（分）' },
        { field: 'pairs[5].toSeq', reason: '与第 5 条票价的区间重复' },
        { field: 'pairs[5].baseFen', reason: '票价应为 1–10000000 之间的整数（分）' },
        { field: 'pairs[6].toSeq', reason: '与第 1 条票价的区间重复' },
        { field: 'pairs[6].baseFen', reason: '票价应为 1–10000000 之间的整数（分）' },
      ]);
      expect(await FarePairEntity.count({ where: { routeId: w.routeId } })).toBe(0);
    });

    it('R-6.1.4 saving replaces the whole table, with an audit record; the table shows the route\'s stops', async () => {
      expect((await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: table })).status).toBe(200);
      const replaced = await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: [{ fromSeq: 1, toSeq: 3, baseFen: 7000 }] });
      expect(replaced.status).toBe(200);
      expect(replaced.body.data).toMatchObject({
        routeId: w.routeId, routeCode: 'SZ-GZ', orgId: w.op1.id, pairs: [{ fromSeq: 1, toSeq: 3, baseFen: 7000 }],
        stops: [
          { seq: 1, name: '深圳北站', pickup: true, dropoff: false },
          { seq: 2, name: '福田交通枢纽', pickup: true, dropoff: false },
          { seq: 3, name: '广州南站', pickup: false, dropoff: true },
        ],
      });
      expect(replaced.body.data.updatedAt).toEqual(expect.any(String));
      expect(await AuditRecordEntity.count({ where: { action: 'fare.table.update', targetId: String(w.routeId) } })).toBe(2);
      await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: table });
      expect((await get(w.dispatcher1, `/api/admin/fares/routes/${w.routeId}`)).body.data.pairs).toEqual(table);
    });

    it('R-6.1.4 only fare:write changes prices; another operator sees no table (404)', async () => {
      expect((await put(w.dispatcher1, `/api/admin/fares/routes/${w.routeId}`, { pairs: table })).status).toBe(403);
      expect((await get(w.admin2, `/api/admin/fares/routes/${w.routeId}`)).status).toBe(404);
      expect((await put(w.admin2, `/api/admin/fares/routes/${w.routeId}`, { pairs: table })).status).toBe(404);
    });
  });

  describe('preview', () => {
    it('R-6.1.4 shows what every ticket type pays, step by step, as a table worked by hand', async () => {
      const res = await post(w.dispatcher1, '/api/admin/fares/preview', { routeId: w.routeId, fromSeq: 1, toSeq: 3, vehicleType: 'small', serviceLevel: 'comfort' });
      expect(res.status).toBe(200);
      expect(res.body.data.baseFen).toBe(6500);
      // small 110 %, comfort +1000: 6500 → 7150 → 8150; then the ticket type's percent
      const prices = Object.fromEntries(res.body.data.rows.map((r: any) => [r.ticketType, r.priceFen]));
      expect(prices).toEqual({ adult: 8150, child: 4075, student: 6113, senior: 4075, military_disabled: 4075, free_child: 0 });
      const student = res.body.data.rows.find((r: any) => r.ticketType === 'student');
      expect(student).toMatchObject({ vehicleType: { percent: 110, addFen: 0 }, serviceLevel: { percent: 100, addFen: 1000 }, ticketTypePercent: 75, unroundedFen: 6112.5, priceFen: 6113 });
    });

    it('R-6.1.4 previews unsaved rules, and says which rule fields are wrong', async () => {
      const draft = rules({ ticketTypePercents: { ...DEFAULT_TRADING_RULES.ticketTypePercents, child: 40 } });
      const res = await post(w.admin1, '/api/admin/fares/preview', { routeId: w.routeId, fromSeq: 2, toSeq: 3, vehicleType: 'medium', serviceLevel: 'standard', rules: draft });
      expect(res.body.data.rows.find((r: any) => r.ticketType === 'child').priceFen).toBe(2400);
      const bad = await post(w.admin1, '/api/admin/fares/preview', { routeId: w.routeId, fromSeq: 2, toSeq: 3, vehicleType: 'medium', serviceLevel: 'standard', rules: rules({ presaleDays: 0 }) });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toEqual([{ field: 'rules.presaleDays', reason: '预售天数应为 1–90 的整数' }]);
      const unpriced = await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: [table[0]] });
      expect(unpriced.status).toBe(200);
      const notSet = await post(w.admin1, '/api/admin/fares/preview', { routeId: w.routeId, fromSeq: 2, toSeq: 3, vehicleType: 'medium', serviceLevel: 'standard' });
      expect(notSet.status).toBe(409);
      expect(notSet.body.errorCode).toBe('FARE.NOT_SET');
      await put(w.admin1, `/api/admin/fares/routes/${w.routeId}`, { pairs: table });
    });
  });

  describe('trading rules', () => {
    it('R-6.1.4 an operator without saved rules sells under the platform defaults', async () => {
      const res = await get(w.admin1, '/api/admin/fares/rules');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({ orgId: w.op1.id, routeId: null, rules: DEFAULT_TRADING_RULES, isDefault: true, updatedAt: null });
    });

    it('R-6.1.4 bad rules are refused field by field; nothing is saved', async () => {
      const res = await put(w.admin1, '/api/admin/fares/rules', {
        rules: rules({
          presaleDays: 120,
          refundTiers: [{ minMinutesBefore: 60, feePercent: 10 }, { minMinutesBefore: 120, feePercent: 120 }],
          ticketTypePercents: { ...DEFAULT_TRADING_RULES.ticketTypePercents, free_child: 5 },
        }),
      });
      expect(res.status).toBe(422);
      expect(res.body.errorCode).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(expect.arrayContaining([
        { field: 'presaleDays', reason: '预售天数应为 1–90 的整数' },
        { field: 'ticketTypePercents.free_child', reason: '免票儿童的比例必须为 0' },
        { field: 'refundTiers.1.feePercent', reason: '手续费比例应为 0–100' },
        { field: 'refundTiers.1.minMinutesBefore', reason: '各档应按距发车时间从长到短排列，且不能重复' },
      ]));
      expect((await get(w.admin1, '/api/admin/fares/rules')).body.data.isDefault).toBe(true);
      expect((await put(w.admin1, '/api/admin/fares/rules', {})).status).toBe(422);
    });

    it('R-6.1.4 the operator\'s rules, a route override and its removal decide what applies; each change is audited', async () => {
      const saved = await put(w.admin1, '/api/admin/fares/rules', { rules: rules({ presaleDays: 30, holdMinutes: 10, extra: 'dropped' }) });
      expect(saved.status).toBe(200);
      expect(saved.body.data).toMatchObject({ orgId: w.op1.id, routeId: null, isDefault: false, rules: { presaleDays: 30, holdMinutes: 10 } });
      expect(saved.body.data.rules.extra).toBeUndefined();
      const service = await t.app.getApplicationContext().getAsync(TradingRulesService);
      expect((await service.effective(w.op1.id, w.routeId)).presaleDays).toBe(30);

      const noOverride = await get(w.admin1, `/api/admin/fares/rules/routes/${w.routeId}`);
      expect(noOverride.body.data).toMatchObject({ routeId: null, rules: { presaleDays: 30 } });
      const override = await put(w.admin1, `/api/admin/fares/rules/routes/${w.routeId}`, { rules: rules({ presaleDays: 3, holdMinutes: 1 }) });
      expect(override.body.data).toMatchObject({ routeId: w.routeId, isDefault: false, rules: { presaleDays: 3, holdMinutes: 1 } });
      expect((await service.effective(w.op1.id, w.routeId)).holdMinutes).toBe(1);

      // another operator neither reads nor writes them
      expect((await get(w.admin2, `/api/admin/fares/rules/routes/${w.routeId}`)).status).toBe(404);
      expect((await get(w.admin2, '/api/admin/fares/rules', { orgId: w.op1.id })).status).toBe(404);
      expect((await put(w.admin2, '/api/admin/fares/rules', { rules: rules() })).status).toBe(200); // its own
      expect((await put(w.dispatcher1, `/api/admin/fares/rules/routes/${w.routeId}`, { rules: rules() })).status).toBe(403);
      // platform staff name the operator
      expect((await get(w.platform, '/api/admin/fares/rules')).status).toBe(422);
      expect((await get(w.platform, '/api/admin/fares/rules', { orgId: w.op1.id })).body.data.rules.presaleDays).toBe(30);

      const removed = await del(w.admin1, `/api/admin/fares/rules/routes/${w.routeId}`);
      expect(removed.body.data).toMatchObject({ routeId: null, rules: { presaleDays: 30 } });
      expect((await service.effective(w.op1.id, w.routeId)).holdMinutes).toBe(10);
      const actions = (await AuditRecordEntity.findAll({ where: { category: 'admin_write' } })).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['fare.rules.update', 'fare.rules.route.update', 'fare.rules.route.delete']));
      await put(w.admin1, '/api/admin/fares/rules', { rules: rules() });
    });

    it('R-6.1.4 presale window on real trips: not yet open before, open inside, closed within salesCloseMinutes of departure', async () => {
      await put(w.admin1, `/api/admin/fares/rules/routes/${w.routeId}`, { rules: rules({ presaleDays: 2, salesCloseMinutes: 60 }) });
      const create = async (when: { departDate: string; departTime: string }) => {
        const res = await post(w.admin1, '/api/admin/trips', { routeId: w.routeId, ...when, vehicleType: 'medium', serviceLevel: 'standard', capacity: 19 });
        expect(res.status).toBe(200);
        return res.body.data;
      };
      // presale opens at 00:00 of (departure day − 2): a trip 4 days ahead is not open yet, one tomorrow is
      expect((await create({ departDate: shanghaiDate(4), departTime: '09:00' })).saleState).toBe('not_yet_open');
      expect((await create({ departDate: shanghaiDate(1), departTime: '09:00' })).saleState).toBe('open');
      // 40 minutes from now is inside the last 60: sales are closed; made at short notice it is 临时加班
      const soon = await create(inMinutes(40));
      expect(soon).toMatchObject({ saleState: 'closed', temporary: true });
      await del(w.admin1, `/api/admin/fares/rules/routes/${w.routeId}`);
      expect((await get(w.admin1, `/api/admin/trips/${soon.id}`)).body.data.saleState).toBe('open');
    });
  });
});
