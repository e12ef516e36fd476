import { ArchiveHistoryEntity } from '../../src/modules/archive/entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { archiveWorld, driverInput, operatorInput, vehicleInput, type Auth } from './helpers';

describe('R-6.3.2 licence verification and driver-app linking', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof archiveWorld>>;
  const post = (auth: Auth, path: string, body?: object) => t.request().post(path).set(auth).send(body ?? {});
  const get = (auth: Auth, path: string) => t.request().get(path).set(auth);

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 'v');
    // vehicles are checked against the permit of the operator they are filed under
    const saved = await t.request().put(`/api/admin/operators/${w.op1.id}`).set(w.admin1).send(operatorInput(0));
    if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  });
  afterAll(async () => t.close());

  it('R-6.3.2 a vehicle whose seats differ from the registry is a mismatch naming the field, and cannot operate', async () => {
    const res = await post(w.admin1, '/api/admin/vehicles', vehicleInput(1, { approvedSeats: 22 }));
    expect(res.status).toBe(200);
    expect(res.body.data.verification).toMatchObject({
      status: 'mismatch',
      mismatches: [{ field: 'approvedSeats', label: '核定座位数', archive: '22', registry: '19' }],
      reason: '核定座位数不一致：档案 22，许可库 19',
    });
    expect(res.body.data).toMatchObject({ operable: false, blockers: ['未通过许可核验：核定座位数不一致：档案 22，许可库 19'] });
    // corrected and verified again: operable
    const fixed = await t.request().put(`/api/admin/vehicles/${res.body.data.id}`).set(w.admin1).send(vehicleInput(1));
    expect(fixed.body.data).toMatchObject({ verification: { status: 'verified' }, operable: true });
  });

  it('R-6.3.2 a vehicle the registry has suspended is flagged with the registry status', async () => {
    const res = await post(w.admin1, '/api/admin/vehicles', vehicleInput(3, { transportCertNo: '440300200009', transportCertExpiry: '2027-12-31' }));
    expect(res.body.data.verification).toMatchObject({ status: 'mismatch', registryStatus: 'suspended' });
    expect(res.body.data.blockers).toContain('未通过许可核验：车辆状态为暂停');
  });

  it('R-6.3.2 a plate unknown to the registry is not_found', async () => {
    const res = await post(w.admin1, '/api/admin/vehicles', vehicleInput(0, { plateNo: '粤B88888D' }));
    expect(res.body.data.verification.status).toBe('not_found');
    expect(res.body.data.blockers).toContain('未通过许可核验：许可库中无此记录');
  });

  it('R-6.3.2 a driver whose name differs is a mismatch; an explicit verify stores the result with time and history', async () => {
    const res = await post(w.admin1, '/api/admin/drivers', driverInput(1, '13900000002', { name: '李秀兰' }));
    expect(res.body.data.verification).toMatchObject({ status: 'mismatch', mismatches: [expect.objectContaining({ field: 'name', archive: '李秀兰', registry: '李秀梅' })] });
    const again = await post(w.admin1, `/api/admin/drivers/${res.body.data.id}/verify`);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'mismatch', checkedAt: expect.any(String) });
    const history = (await get(w.admin1, `/api/admin/drivers/${res.body.data.id}/history`)).body.data;
    expect(history[0]).toMatchObject({ action: 'verify', version: 2 });
  });

  it('R-6.3.2 an operator is verified against its permit; an unknown permit is not_found', async () => {
    const ok = await post(w.admin1, `/api/admin/operators/${w.op1.id}/verify`);
    expect(ok.body.data.status).toBe('verified');
    const res = await t.request().put(`/api/admin/operators/${w.op2.id}`).set(w.admin2).send({ ...operatorInput(1), permitNo: '粤交运管许可穗字440100999999号' });
    expect(res.body.data.verification.status).toBe('not_found');
  });

  describe('design.md §3 linking the driver-app account by phone', () => {
    let driverId: number;
    let matching: number;
    let other: number;

    /** A driver-app account: WeChat sign-in, then the phone number through getPhoneNumber. */
    async function driverAccount(user: string, phone: string): Promise<number> {
      const login = await t.request().post('/api/driver/auth/wechat').send({ code: t.sandbox.wechat.login(t.apps.driver, user).code });
      const auth = bearer(login.body.data.accessToken);
      const bound = await t.request().post('/api/driver/me/phone').set(auth).send({ code: t.sandbox.wechat.phoneCode(t.apps.driver, user, phone).code });
      if (bound.status !== 200) throw new Error(JSON.stringify(bound.body));
      return login.body.data.profile.id;
    }

    beforeAll(async () => {
      driverId = (await post(w.admin1, '/api/admin/drivers', driverInput(2, '13800138003'))).body.data.id;
      matching = await driverAccount('wang', '13800138003');
      other = await driverAccount('someone', '13800138999');
    });

    it('R-6.3.2 candidates are only accounts with the archive\'s phone, masked', async () => {
      const res = await get(w.admin1, `/api/admin/drivers/${driverId}/link-candidates`);
      expect(res.body.data).toEqual([expect.objectContaining({ endUserId: matching, phoneMasked: '138****8003', linkedDriverId: null, registeredAt: expect.any(String) })]);
    });

    it('R-6.3.2 linking an account with another phone is refused (409 ARCHIVE.LINK_INVALID); the matching one links, audited', async () => {
      const refused = await post(w.admin1, `/api/admin/drivers/${driverId}/link`, { endUserId: other });
      expect(refused.status).toBe(409);
      expect(refused.body.errorCode).toBe('ARCHIVE.LINK_INVALID');
      const linked = await post(w.admin1, `/api/admin/drivers/${driverId}/link`, { endUserId: matching });
      expect(linked.status).toBe(200);
      expect(linked.body.data).toMatchObject({ linkedEndUserId: matching, linkedAt: expect.any(String) });
      expect(await ArchiveHistoryEntity.count({ where: { kind: 'driver', recordId: driverId, action: 'link' } })).toBe(1);
      // one account per driver: op2 cannot reach this driver at all
      expect((await post(w.admin2, `/api/admin/drivers/${driverId}/unlink`)).status).toBe(404);
      const unlinked = await post(w.admin1, `/api/admin/drivers/${driverId}/unlink`);
      expect(unlinked.body.data.linkedEndUserId).toBeNull();
    });
  });

  describe('registry unreachable', () => {
    let adapter: any;
    let baseUrl: string;
    beforeAll(async () => {
      // the real adapter pointed at a port nobody listens on
      adapter = await t.app.getApplicationContext().getAsync('licenceRegistryPort');
      baseUrl = adapter.config.baseUrl;
      adapter.config.baseUrl = 'http://127.0.0.1:9';
    });
    afterAll(() => {
      adapter.config.baseUrl = baseUrl;
    });

    it('R-6.3.2 an explicit verify answers 502 UPSTREAM_FAILED and changes nothing', async () => {
      const list = (await get(w.admin1, '/api/admin/vehicles')).body.data.items;
      const vehicle = list.find((v: any) => v.plateNo === '粤B66889D');
      const versions = await ArchiveHistoryEntity.count({ where: { kind: 'vehicle', recordId: vehicle.id } });
      const res = await post(w.admin1, `/api/admin/vehicles/${vehicle.id}/verify`);
      expect(res.status).toBe(502);
      expect(res.body.errorCode).toBe('UPSTREAM_FAILED');
      const after = (await get(w.admin1, `/api/admin/vehicles/${vehicle.id}`)).body.data;
      expect(after.verification).toEqual(vehicle.verification);
      expect(await ArchiveHistoryEntity.count({ where: { kind: 'vehicle', recordId: vehicle.id } })).toBe(versions);
      expect((await post(w.admin1, `/api/admin/operators/${w.op1.id}/verify`)).status).toBe(502);
    });

    it('R-6.3.2 creating a record while the registry is down succeeds and leaves it unverified', async () => {
      const res = await post(w.admin2, '/api/admin/vehicles', vehicleInput(2));
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ verification: { status: 'unverified' }, operable: false, blockers: ['尚未通过许可核验'] });
    });
  });
});
