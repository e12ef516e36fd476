import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { startApp, type TestApp } from '../support/app';
import { tripWorld, type Auth } from './helpers';

describe('notices (R-6.2.1 information publishing)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof tripWorld>>;
  const post = (auth: Auth, path: string, body: object = {}) => t.request().post(path).set(auth).send(body);
  const put = (auth: Auth, path: string, body: object) => t.request().put(path).set(auth).send(body);
  const get = (auth: Auth, path: string, query: object = {}) => t.request().get(path).query(query).set(auth);
  const notice = (over: object = {}) => ({ kind: 'special_requirement', title: '乘车须知', body: '实名制乘车，请携带有效身份证件。', ...over });

  beforeAll(async () => {
    t = await startApp();
    w = await tripWorld(t, 'n');
  });
  afterAll(async () => t.close());

  it('R-6.2.1 refuses a long title or body, lines of another operator and a validity that ends before it starts — all at once', async () => {
    const foreignLine = await post(w.admin2, '/api/admin/lines', {
      licenceNo: 'n-GZ-SZ', name: '广州—深圳', originCity: '广州市', originRegionCode: '440100', destinationCity: '深圳市', destinationRegionCode: '440300',
      validFrom: '2025-01-01', validUntil: '2029-12-31',
    });
    const res = await post(w.admin1, '/api/admin/notices', notice({
      title: '标'.repeat(101), body: '文'.repeat(5001), lineIds: [w.lineId, foreignLine.body.data.id],
      validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-11-01T00:00:00Z',
    }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'title', reason: '标题必填，不超过 100 字' },
      { field: 'body', reason: '正文必填，不超过 5000 字' },
      { field: 'lineIds', reason: `班线不存在或不属于本运营方：${foreignLine.body.data.id}` },
      { field: 'validUntil', reason: '结束时间应晚于开始时间' },
    ]);
    const blank = await post(w.admin1, '/api/admin/notices', notice({ title: '   ', kind: 'advert' }));
    expect(blank.status).toBe(422);
  });

  it('R-6.2.1 create, edit and delete, each audited; another operator neither sees nor changes it (404)', async () => {
    const created = await post(w.admin1, '/api/admin/notices', notice({ lineIds: [w.lineId], priority: 5, validUntil: '2030-01-01T00:00:00Z' }));
    expect(created.status).toBe(200);
    const id = created.body.data.id;
    expect(created.body.data).toMatchObject({ orgId: w.op1.id, kind: 'special_requirement', lineIds: [w.lineId], published: true, priority: 5, validFrom: null, validUntil: '2030-01-01T00:00:00.000Z' });

    const edited = await put(w.admin1, `/api/admin/notices/${id}`, notice({ title: '乘车须知（更新）', published: false }));
    expect(edited.body.data).toMatchObject({ title: '乘车须知（更新）', published: false, lineIds: [], orgId: w.op1.id });
    expect((await get(w.admin1, '/api/admin/notices', { published: false })).body.data.items.map((n: any) => n.id)).toEqual([id]);

    expect((await get(w.admin2, `/api/admin/notices/${id}`)).status).toBe(404);
    expect((await put(w.admin2, `/api/admin/notices/${id}`, notice())).status).toBe(404);
    expect((await t.request().delete(`/api/admin/notices/${id}`).set(w.admin2)).status).toBe(404);
    expect((await get(w.admin2, '/api/admin/notices')).body.data.total).toBe(0);

    expect((await t.request().delete(`/api/admin/notices/${id}`).set(w.admin1)).status).toBe(200);
    expect((await get(w.admin1, `/api/admin/notices/${id}`)).status).toBe(404);
    const actions = (await AuditRecordEntity.findAll({ where: { targetType: 'notice', targetId: String(id) } })).map((a) => a.action).sort();
    expect(actions).toEqual(['notice.create', 'notice.delete', 'notice.update']);
  });
});
