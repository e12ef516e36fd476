import { SEED_DRIVERS } from '@dzky/sandbox';
import { DatabaseService } from '../../src/common/db/database.service';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, signIn } from '../support/fixtures';
import { archiveWorld, driverInput, operatorInput, vehicleInput, type Auth } from './helpers';

describe('archives: operators, vehicles, drivers', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof archiveWorld>>;
  const post = (auth: Auth, path: string, body?: object) => t.request().post(path).set(auth).send(body ?? {});
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const get = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth);

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 'a');
  });
  afterAll(async () => t.close());

  describe('operators', () => {
    it('R-5.1 R-6.1.2 an operator admin saves its own archive; it is verified against the registry, agreement recorded, phone masked', async () => {
      const blank = await get(w.admin1, `/api/admin/operators/${w.op1.id}`);
      expect(blank.status).toBe(200);
      expect(blank.body.data).toMatchObject({ saved: false, operable: false, blockers: ['尚未建立运营企业档案'] });

      const saved = await put(w.admin1, `/api/admin/operators/${w.op1.id}`, operatorInput(0));
      expect(saved.status).toBe(200);
      expect(saved.body.data).toMatchObject({
        saved: true, legalName: '深圳鹏程客运有限公司', contactPhoneMasked: '137****5678', agreementNo: 'PT-2026-001',
        verification: { status: 'verified', mismatches: [] }, operable: true, blockers: [],
      });
      expect(JSON.stringify(saved.body)).not.toContain('13712345678');

      // platform staff see every operator, an operator only itself
      const all = await get(w.platform, '/api/admin/operators');
      expect(all.body.data.items.map((o: any) => o.id)).toEqual(expect.arrayContaining([w.op1.id, w.op2.id]));
      const own = await get(w.admin1, '/api/admin/operators');
      expect(own.body.data.items.map((o: any) => o.id)).toEqual([w.op1.id]);
    });

    it('R-6.1.2 an operator admin cannot read or change another operator\'s archive (404)', async () => {
      expect((await get(w.admin1, `/api/admin/operators/${w.op2.id}`)).status).toBe(404);
      expect((await put(w.admin1, `/api/admin/operators/${w.op2.id}`, operatorInput(1))).status).toBe(404);
      expect((await get(w.admin1, `/api/admin/operators/${w.op2.id}/history`)).status).toBe(404);
    });

    it('R-6.1.2 a wrong 统一社会信用代码 is refused with field and reason; nothing is stored', async () => {
      const res = await put(w.admin2, `/api/admin/operators/${w.op2.id}`, { ...operatorInput(1), creditCode: '91440100MA5G00000X' });
      expect(res.status).toBe(422);
      expect(res.body.errorCode).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toContainEqual({ field: 'creditCode', reason: '统一社会信用代码校验位错误' });
      expect((await get(w.admin2, `/api/admin/operators/${w.op2.id}`)).body.data.saved).toBe(false);
    });

    it('R-5.1 merchant settings need finance:write and never carry secrets', async () => {
      const body = { mode: 'sub_merchant', subMchId: '1900000109', settlementAccountName: '深圳鹏程客运有限公司' };
      const dispatcher = await createAdmin(t.app, { username: 'a_dispatch', orgId: w.op1.id, roles: ['dispatcher'] });
      const denied = await put(bearer((await signIn(t.request, dispatcher)).accessToken), `/api/admin/operators/${w.op1.id}/merchant`, body);
      expect(denied.status).toBe(403);
      // operator_admin holds finance:write
      const allowed = await put(w.admin1, `/api/admin/operators/${w.op1.id}/merchant`, body);
      expect(allowed.status).toBe(200);
      expect(allowed.body.data.merchant).toEqual({ mode: 'sub_merchant', subMchId: '1900000109', mchId: null, settlementAccountName: '深圳鹏程客运有限公司' });
      const bad = await put(w.admin1, `/api/admin/operators/${w.op1.id}/merchant`, { mode: 'direct', settlementAccountName: 'x' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toContainEqual({ field: 'mchId', reason: '商户号应为8至10位数字' });
    });

    it('R-5.1 the platform profile is readable by any admin and writable by platform staff only', async () => {
      const body = { platformName: '定制客运平台', operatingEntity: '深圳定制出行科技有限公司', creditCode: '91350100M000100Y43', icpLicenceNo: '粤B2-20260001', icpFilingNo: '粤ICP备2026000001号', mlpsFilingNo: '44030099001-26001', hotline: '400-800-1234', address: '深圳市南山区' };
      expect((await put(w.admin1, '/api/admin/platform-profile', body)).status).toBe(403);
      const saved = await put(w.platform, '/api/admin/platform-profile', body);
      expect(saved.status).toBe(200);
      const read = await get(w.admin2, '/api/admin/platform-profile');
      expect(read.body.data).toMatchObject({ icpFilingNo: '粤ICP备2026000001号', mlpsFilingNo: '44030099001-26001', hotline: '400-800-1234' });
      const bad = await put(w.platform, '/api/admin/platform-profile', { ...body, creditCode: '91350100M000100Y44' });
      expect(bad.body.errors).toContainEqual({ field: 'creditCode', reason: '统一社会信用代码校验位错误' });
    });
  });

  describe('vehicles', () => {
    let vehicleId: number;

    it('R-6.1.2 R-6.3.2 a vehicle matching the registry is created verified and operable, with history and audit', async () => {
      const res = await post(w.admin1, '/api/admin/vehicles', vehicleInput(0));
      expect(res.status).toBe(200);
      vehicleId = res.body.data.id;
      expect(res.body.data).toMatchObject({ plateNo: '粤B12345D', plateColor: 5, orgId: w.op1.id, verification: { status: 'verified' }, operable: true, blockers: [] });
      const history = await get(w.admin1, `/api/admin/vehicles/${vehicleId}/history`);
      expect(history.body.data).toEqual([expect.objectContaining({ version: 1, action: 'create', snapshot: expect.objectContaining({ plateNo: '粤B12345D' }) })]);
      expect(await AuditRecordEntity.count({ where: { action: 'vehicle.create', targetId: String(vehicleId) } })).toBe(1);
    });

    it('R-6.1.2 seats below 7 and a malformed plate are refused with field and reason', async () => {
      const res = await post(w.admin1, '/api/admin/vehicles', vehicleInput(1, { approvedSeats: 5, plateNo: '粤B1234' }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(expect.arrayContaining([
        { field: 'approvedSeats', reason: '定制客运车辆核定座位数不得少于 7 座' },
        { field: 'plateNo', reason: expect.stringContaining('车牌号格式不正确') },
      ]));
    });

    it('R-6.1.2 the same plate and colour cannot be filed twice, even by another operator', async () => {
      const res = await post(w.admin2, '/api/admin/vehicles', vehicleInput(0));
      expect(res.status).toBe(409);
      expect(res.body.errorCode).toBe('ARCHIVE.DUPLICATE');
      expect(res.body.errors[0].field).toBe('plateNo');
    });

    it('R-6.1.2 op2 cannot see, change or verify op1\'s vehicle (404), nor find it in lists', async () => {
      expect((await get(w.admin2, `/api/admin/vehicles/${vehicleId}`)).status).toBe(404);
      expect((await put(w.admin2, `/api/admin/vehicles/${vehicleId}`, vehicleInput(0))).status).toBe(404);
      expect((await post(w.admin2, `/api/admin/vehicles/${vehicleId}/verify`)).status).toBe(404);
      expect((await post(w.admin2, `/api/admin/vehicles/${vehicleId}/disable`)).status).toBe(404);
      expect((await get(w.admin2, '/api/admin/vehicles')).body.data.total).toBe(0);
      // and cannot file a vehicle under op1
      const foreign = await post(w.admin2, '/api/admin/vehicles', vehicleInput(2, { orgId: w.op1.id }));
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors[0].field).toBe('orgId');
    });

    it('R-6.1.2 disabling makes a vehicle non-operable and is versioned', async () => {
      const res = await post(w.admin1, `/api/admin/vehicles/${vehicleId}/disable`);
      expect(res.body.data).toMatchObject({ enabled: false, operable: false, blockers: ['车辆档案已停用'] });
      const history = (await get(w.admin1, `/api/admin/vehicles/${vehicleId}/history`)).body.data;
      expect(history[0]).toMatchObject({ version: 2, action: 'disable', changes: expect.arrayContaining([{ field: 'enabled', from: true, to: false }]) });
      await post(w.admin1, `/api/admin/vehicles/${vehicleId}/enable`);
      expect((await get(w.admin1, '/api/admin/vehicles', { operable: true })).body.data.total).toBe(1);
    });
  });

  describe('drivers', () => {
    let driverId: number;
    const idNumber = SEED_DRIVERS[0].qualificationNo;

    it('R-6.1.2 R-8.2 a driver is stored with ID, phone and licence numbers encrypted: no plain number in any column', async () => {
      const res = await post(w.admin1, '/api/admin/drivers', driverInput(0, '13912340000'));
      expect(res.status).toBe(200);
      driverId = res.body.data.id;
      const db = await t.app.getApplicationContext().getAsync(DatabaseService);
      const [rows] = await db.sequelize.query('SELECT * FROM driver WHERE id = ?', { replacements: [driverId] });
      const raw = JSON.stringify(rows);
      expect(raw).toContain('张国强');
      for (const plain of [idNumber, '13912340000', idNumber.slice(6, 14)]) expect(raw).not.toContain(plain);
      // history snapshots and audit details keep them masked too
      const [history] = await db.sequelize.query("SELECT snapshot FROM archive_history WHERE kind = 'driver'");
      const [audit] = await db.sequelize.query("SELECT detail FROM audit_record WHERE action LIKE 'driver.%'");
      for (const plain of [idNumber, '13912340000']) {
        expect(JSON.stringify(history)).not.toContain(plain);
        expect(JSON.stringify(audit)).not.toContain(plain);
      }
    });

    it('R-6.1.2 responses mask ID and phone in list, get and history; the driver is verified against the registry', async () => {
      const masked = { idNumberMasked: '440***********0013', phoneMasked: '139****0000', licenceNoMasked: '440***********0013' };
      const one = await get(w.admin1, `/api/admin/drivers/${driverId}`);
      expect(one.body.data).toMatchObject({ ...masked, verification: { status: 'verified' }, operable: true });
      const list = await get(w.admin1, '/api/admin/drivers');
      expect(list.body.data.items[0]).toMatchObject(masked);
      const history = await get(w.admin1, `/api/admin/drivers/${driverId}/history`);
      expect(history.body.data[0].snapshot).toMatchObject(masked);
      for (const res of [one, list, history]) {
        expect(JSON.stringify(res.body)).not.toContain(idNumber);
        expect(JSON.stringify(res.body)).not.toContain('13912340000');
      }
    });

    it('R-6.1.2 platform staff and the operator find the driver by the exact ID number or phone (blind index), not by a part', async () => {
      for (const auth of [w.platform, w.admin1]) {
        const byId = await get(auth, '/api/admin/drivers', { idNumber });
        expect(byId.body.data.items.map((d: any) => d.id)).toEqual([driverId]);
        const lower = await get(auth, '/api/admin/drivers', { phone: '13912340000' });
        expect(lower.body.data.items.map((d: any) => d.id)).toEqual([driverId]);
      }
      expect((await get(w.platform, '/api/admin/drivers', { idNumber: idNumber.slice(0, 10) })).body.data.total).toBe(0);
      // op2's search does not reach op1's drivers
      expect((await get(w.admin2, '/api/admin/drivers', { idNumber })).body.data.total).toBe(0);
    });

    it('R-6.1.2 one archive per person on the platform: the same ID number is refused, also for another operator', async () => {
      const res = await post(w.admin2, '/api/admin/drivers', driverInput(0, '13912349999'));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ errorCode: 'ARCHIVE.DUPLICATE', errors: [expect.objectContaining({ field: 'idNumber' })] });
    });

    it('R-6.1.2 an invalid ID number or phone is refused with every field and reason', async () => {
      const res = await post(w.admin1, '/api/admin/drivers', driverInput(1, '1391234', { idNumber: '440304198707260027', licenceClass: 'Z9' }));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual(expect.arrayContaining([
        { field: 'idNumber', reason: '居民身份证号码校验位错误' },
        { field: 'phone', reason: '手机号码应为11位中国大陆手机号' },
        { field: 'licenceClass', reason: '请选择准驾车型' },
      ]));
    });

    it('R-6.1.2 an update may leave the masked numbers out: they are kept', async () => {
      const res = await put(w.admin1, `/api/admin/drivers/${driverId}`, { ...driverInput(0), idNumber: '', phone: undefined, licenceClass: 'A3' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ licenceClass: 'A3', idNumberMasked: '440***********0013', phoneMasked: '139****0000' });
      expect((await get(w.admin1, '/api/admin/drivers', { idNumber })).body.data.total).toBe(1);
      expect((await get(w.admin2, `/api/admin/drivers/${driverId}`)).status).toBe(404);
    });
  });
});
