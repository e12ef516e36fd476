import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn } from '../support/fixtures';
import { acceptPrivacy, idCard, passenger } from './helpers';

describe('admin passenger records', () => {
  let t: TestApp;
  let passengerId: number;
  const id = idCard('1975-05-05', '321');
  beforeAll(async () => {
    t = await startApp();
    // one passenger with a phone (H5 sign-in) and a rider
    await t.request().post('/api/app/auth/sms/send').send({ phone: '13800001234' });
    const code = (t.sandbox.sms.messages('13800001234')[0].TemplateParam as any).code;
    const login = await t.request().post('/api/app/auth/sms/login').send({ phone: '13800001234', code });
    passengerId = login.body.data.profile.id;
    const auth = bearer(login.body.data.accessToken);
    await acceptPrivacy(t, auth, login.body.data.profile.privacyConsentRequired);
    const added = await t.request().post('/api/app/riders').set(auth).send({ name: '欧阳娜娜', idType: 'id_card', idNumber: id, phone: '13900001111', isSelf: true });
    if (added.status !== 200) throw new Error(JSON.stringify(added.body));
    await passenger(t, 'admin-other');
  });
  afterAll(async () => t.close());

  it('R-6.1.2 platform customer service finds a passenger by exact phone and sees the record masked; the read is audited', async () => {
    const cs = await createAdmin(t.app, { username: 'cs_platform', roles: ['customer_service'] });
    const { accessToken } = await signIn(t.request, cs);
    const all = await t.request().get('/api/admin/passengers').set(bearer(accessToken));
    expect(all.status).toBe(200);
    expect(all.body.data.total).toBe(2);
    const found = await t.request().get('/api/admin/passengers').query({ phone: '13800001234' }).set(bearer(accessToken));
    expect(found.body.data.items).toEqual([expect.objectContaining({ id: passengerId, phone: '138****1234', riderCount: 1 })]);
    // exact match only: a prefix finds nothing
    expect((await t.request().get('/api/admin/passengers').query({ phone: '1380000' }).set(bearer(accessToken))).body.data.total).toBe(0);
    const byId = await t.request().get('/api/admin/passengers').query({ idNumber: id }).set(bearer(accessToken));
    expect(byId.body.data.items.map((r: any) => r.id)).toEqual([passengerId]);

    const detail = await t.request().get(`/api/admin/passengers/${passengerId}`).set(bearer(accessToken));
    expect(detail.status).toBe(200);
    expect(detail.body.data.bookings).toEqual([]);
    expect(detail.body.data.riders).toEqual([expect.objectContaining({ name: '欧***', idNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}`, phoneMasked: '139****1111', isSelf: true, deleted: false })]);
    const dump = JSON.stringify(detail.body);
    for (const plain of [id, '13900001111', '13800001234', '欧阳娜娜']) expect(dump).not.toContain(plain);
    const audit = await AuditRecordEntity.findOne({ where: { action: 'passenger.read', targetId: String(passengerId) } });
    expect(audit).toMatchObject({ actorName: 'cs_platform', result: 'success' });

    expect((await t.request().get('/api/admin/passengers/999999').set(bearer(accessToken))).status).toBe(404);
  });

  it('R-6.1.2 operator staff are refused with 403 ACCESS.DENIED, also with order:read', async () => {
    const op = await createOrg(1, 'operator', '某客运公司');
    const cs = await createAdmin(t.app, { username: 'cs_operator', orgId: op.id, roles: ['customer_service'] });
    const { accessToken } = await signIn(t.request, cs);
    for (const url of ['/api/admin/passengers', `/api/admin/passengers/${passengerId}`]) {
      const res = await t.request().get(url).set(bearer(accessToken));
      expect(res.status).toBe(403);
      expect(res.body.errorCode).toBe('ACCESS.DENIED');
    }
    expect(await AuditRecordEntity.count({ where: { category: 'access_denied', actorName: 'cs_operator' } })).toBeGreaterThan(0);
  });

  it('R-6.1.2 platform staff without order:read or service:complaint are refused', async () => {
    const sys = await createAdmin(t.app, { username: 'sys_platform', roles: ['system_admin'] });
    const { accessToken } = await signIn(t.request, sys);
    const res = await t.request().get('/api/admin/passengers').set(bearer(accessToken));
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('ACCESS.DENIED');
  });

  it('R-6.1.2 passengers cannot call the admin passenger API', async () => {
    const p = await passenger(t, 'admin-nosy');
    expect((await t.request().get('/api/admin/passengers').set(p.auth)).status).toBe(403);
  });
});
