import { chinaToday } from '@dzky/contracts';
import { ArchiveHistoryEntity, ExpiryDeliveryEntity, ExpiryWarningEntity, VehicleEntity } from '../../src/modules/archive/entity';
import { DEFAULT_DRIVER_TEMPLATE_ID, ExpiryService } from '../../src/modules/archive/service/expiry.service';
import { msUntilNextRun } from '../../src/modules/archive/service/expiry-timer';
import { VehicleService } from '../../src/modules/archive/service/vehicle.service';
import { startApp, type TestApp } from '../support/app';
import { addDays, archiveWorld, driverAccount, driverInput, operatorInput, vehicleInput, type Auth } from './helpers';

describe('R-6.1.2 expiry warnings', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof archiveWorld>>;
  let expiry: ExpiryService;
  const today = chinaToday();
  const post = async (auth: Auth, path: string, body: object) => {
    const res = await t.request().post(path).set(auth).send(body);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body.data;
  };
  let subscribed: { id: number; openid: string };
  let unsubscribed: { id: number; openid: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startApp();
    w = await archiveWorld(t, 'e');
    expiry = await t.app.getApplicationContext().getAsync(ExpiryService);
    const saved = await t.request().put(`/api/admin/operators/${w.op1.id}`).set(w.admin1).send(operatorInput(0));
    if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
    // insurance in 10 days: the 15-day warning, operator staff only
    ids.vehicle = (await post(w.admin1, '/api/admin/vehicles', vehicleInput(0, { insuranceExpiry: addDays(today, 10) }))).id;
    // qualification in 5 days, driver linked to a driver-app account that accepted the template
    ids.wechat = (await post(w.admin1, '/api/admin/drivers', driverInput(0, '13700000001', { qualificationExpiry: addDays(today, 5) }))).id;
    subscribed = await driverAccount(t, 'zhang', '13700000001');
    await post(w.admin1, `/api/admin/drivers/${ids.wechat}/link`, { endUserId: subscribed.id });
    t.sandbox.wechat.subscribe(t.apps.driver, subscribed.openid, DEFAULT_DRIVER_TEMPLATE_ID, 5);
    // licence expires today, no driver-app account at all: SMS
    ids.sms = (await post(w.admin1, '/api/admin/drivers', driverInput(1, '13700000002', { licenceExpiry: today }))).id;
    // licence in 20 days, linked but without a subscription (43101): SMS fallback
    ids.fallback = (await post(w.admin2, '/api/admin/drivers', driverInput(2, '13700000003', { licenceExpiry: addDays(today, 20) }))).id;
    unsubscribed = await driverAccount(t, 'wang', '13700000003');
    await post(w.admin2, `/api/admin/drivers/${ids.fallback}/link`, { endUserId: unsubscribed.id });
    // far from expiry: no warning
    ids.quiet = (await post(w.admin2, '/api/admin/drivers', driverInput(3, '13700000004'))).id;
  });
  afterAll(async () => t.close());

  it('R-6.1.2 a scan raises one warning per document at its threshold and tells each driver once: WeChat, else SMS', async () => {
    const result = await expiry.runExpiryScan(today);
    expect(result).toMatchObject({ created: 4, notified: 3, smsFallbacks: 2 });
    const warnings = await ExpiryWarningEntity.findAll({ order: [['id', 'ASC']] });
    expect(warnings.map((x) => [x.kind, x.recordId, x.document, x.threshold])).toEqual(expect.arrayContaining([
      ['vehicle', ids.vehicle, 'insurance', 15],
      ['driver', ids.wechat, 'qualification', 7],
      ['driver', ids.sms, 'driving_licence', 0],
      ['driver', ids.fallback, 'driving_licence', 30],
    ]));

    const wechat = t.sandbox.wechat.messages({ openid: subscribed.openid });
    expect(wechat).toHaveLength(1);
    expect(wechat[0]).toMatchObject({ templateId: DEFAULT_DRIVER_TEMPLATE_ID, data: expect.objectContaining({ thing1: { value: '从业资格证' }, time2: { value: addDays(today, 5) } }) });
    expect(t.sandbox.wechat.messages({ openid: unsubscribed.openid })).toHaveLength(0);
    expect(t.sandbox.sms.messages('13700000002')).toEqual([expect.objectContaining({ TemplateParam: expect.objectContaining({ item: '驾驶证', date: today }) })]);
    expect(t.sandbox.sms.messages('13700000003')).toHaveLength(1);
    // vehicle documents are for staff: nobody's phone is messaged about them
    expect(t.sandbox.sms.messages('13700000001')).toHaveLength(0);

    const deliveries = await ExpiryDeliveryEntity.findAll();
    const of = (driverId: number) => {
      const warning = warnings.find((x) => x.kind === 'driver' && x.recordId === driverId)!;
      return deliveries.filter((d) => d.warningId === warning.id).map((d) => [d.channel, d.result]);
    };
    expect(of(ids.wechat)).toEqual([['wechat', 'delivered']]);
    expect(of(ids.sms)).toEqual([['wechat', 'no_recipient'], ['sms', 'delivered']]);
    expect(of(ids.fallback)).toEqual([['wechat', 'no_subscription'], ['sms', 'delivered']]);
  });

  it('R-6.1.2 running the scan again creates and sends nothing twice', async () => {
    const before = { warnings: await ExpiryWarningEntity.count(), deliveries: await ExpiryDeliveryEntity.count(), sms: t.sandbox.sms.messages().length, wechat: t.sandbox.wechat.messages().length };
    const result = await expiry.runExpiryScan(today);
    expect(result).toMatchObject({ created: 0, notified: 0, smsFallbacks: 0 });
    expect({ warnings: await ExpiryWarningEntity.count(), deliveries: await ExpiryDeliveryEntity.count(), sms: t.sandbox.sms.messages().length, wechat: t.sandbox.wechat.messages().length }).toEqual(before);
  });

  it('R-6.1.2 the dashboard lists open warnings of the caller\'s scope with label, document, date and days left', async () => {
    const res = await t.request().get('/api/admin/expiry-warnings').set(w.admin1);
    expect(res.status).toBe(200);
    const items = res.body.data.items;
    expect(items.map((x: any) => x.label).sort()).toEqual(['张国强', '李秀梅', '粤B12345D'].sort());
    expect(items[0]).toMatchObject({ label: '李秀梅', documentLabel: '驾驶证', expiresOn: today, daysLeft: 0 });
    expect(items.find((x: any) => x.kind === 'vehicle')).toMatchObject({ documentLabel: '承运人责任险', daysLeft: 10, orgName: w.op1.name });
    const op2 = (await t.request().get('/api/admin/expiry-warnings').set(w.admin2)).body.data.items;
    expect(op2.map((x: any) => x.label)).toEqual(['王建军']);
    const soon = (await t.request().get('/api/admin/expiry-warnings').query({ withinDays: 7 }).set(w.platform)).body.data.items;
    expect(soon.map((x: any) => x.label).sort()).toEqual(['张国强', '李秀梅'].sort());
  });

  it('R-6.1.2 R-6.3.2 an expired document makes the record non-operable with a Chinese blocker, stored and versioned', async () => {
    const vehicles = await t.app.getApplicationContext().getAsync(VehicleService);
    expect((await vehicles.operabilityOf(ids.vehicle)).operable).toBe(true);
    // time passes: the insurance lapsed yesterday
    const yesterday = addDays(today, -1);
    await VehicleEntity.update({ insuranceExpiry: yesterday }, { where: { id: ids.vehicle } });
    const result = await expiry.runExpiryScan(today);
    expect(result.markedInoperable).toBe(1);
    const view = (await t.request().get(`/api/admin/vehicles/${ids.vehicle}`).set(w.admin1)).body.data;
    expect(view).toMatchObject({ operable: false, blockers: [`承运人责任险已于 ${yesterday} 过期`] });
    expect((await t.request().get('/api/admin/vehicles').query({ operable: false }).set(w.admin1)).body.data.items.map((v: any) => v.id)).toEqual([ids.vehicle]);
    expect(await ArchiveHistoryEntity.count({ where: { kind: 'vehicle', recordId: ids.vehicle, action: 'expire' } })).toBe(1);
    await expect(vehicles.assertOperable(ids.vehicle)).rejects.toMatchObject({ errorCode: 'ARCHIVE.NOT_OPERABLE' });
    // the 15-day warning gave way to the expired one
    const open = await ExpiryWarningEntity.findAll({ where: { kind: 'vehicle', recordId: ids.vehicle, open: true } });
    expect(open.map((x) => [x.document, x.threshold, x.expiresOn])).toEqual([['insurance', 0, yesterday]]);
  });

  it('R-6.1.2 a renewed document closes its warning', async () => {
    await t.request().put(`/api/admin/vehicles/${ids.vehicle}`).set(w.admin1).send(vehicleInput(0, { insuranceExpiry: addDays(today, 365) }));
    await expiry.runExpiryScan(today);
    expect(await ExpiryWarningEntity.count({ where: { kind: 'vehicle', recordId: ids.vehicle, open: true } })).toBe(0);
    const view = (await t.request().get(`/api/admin/vehicles/${ids.vehicle}`).set(w.admin1)).body.data;
    expect(view.operable).toBe(true);
  });

  it('R-6.1.2 the daily timer runs at the configured hour in China time', () => {
    // 17:00 UTC is 01:00 in Shanghai: one hour to 02:00
    expect(msUntilNextRun(2, Date.parse('2026-11-25T17:00:00Z'))).toBe(3_600_000);
    // 18:30 UTC is 02:30: tomorrow's 02:00
    expect(msUntilNextRun(2, Date.parse('2026-11-25T18:30:00Z'))).toBe(23.5 * 3_600_000);
  });
});
