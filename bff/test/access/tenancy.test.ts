import { RoleEntity } from '../../src/modules/access/entity/role.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn, type TestAdmin } from '../support/fixtures';

/**
 * Ownership on the server (design.md §2): operator staff see and change only their organisation's
 * subtree — by ID or by list — and a record outside it is simply "not found".
 */
describe('R-6.1.1 tenancy of users, roles, organisations and audit records', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const admins: Record<string, TestAdmin> = {};

  beforeAll(async () => {
    t = await startApp();
    const op1 = await createOrg(1, 'operator', '鹏程客运', '440300');
    const op1b = await createOrg(op1.id, 'branch', '鹏程龙华分公司', '440309');
    const op2 = await createOrg(1, 'operator', '羊城客运', '440100');
    Object.assign(ids, { op1: op1.id, op1b: op1b.id, op2: op2.id });
    Object.assign(admins, {
      sys: await createAdmin(t.app, { username: 'sys', roles: ['system_admin'] }),
      sec: await createAdmin(t.app, { username: 'sec', roles: ['security_admin'] }),
      op1admin: await createAdmin(t.app, { username: 'op1admin', orgId: op1.id, roles: ['operator_admin'] }),
      op1disp: await createAdmin(t.app, { username: 'op1disp', orgId: op1b.id, roles: ['dispatcher'] }),
      op2admin: await createAdmin(t.app, { username: 'op2admin', orgId: op2.id, roles: ['operator_admin'] }),
      op2disp: await createAdmin(t.app, { username: 'op2disp', orgId: op2.id, roles: ['dispatcher'] }),
      op1aud: await createAdmin(t.app, { username: 'op1aud', orgId: op1.id, roles: [] }),
    });
    for (const [k, a] of Object.entries(admins)) {
      ids[k] = a.id;
      tokens[k] = (await signIn(t.request, a)).accessToken;
    }
  });
  afterAll(async () => t.close());

  const as = (who: string) => ({
    get: (url: string) => t.request().get(url).set(bearer(tokens[who])),
    post: (url: string, body: object = {}) => t.request().post(url).set(bearer(tokens[who])).send(body),
    put: (url: string, body: object) => t.request().put(url).set(bearer(tokens[who])).send(body),
    del: (url: string) => t.request().delete(url).set(bearer(tokens[who])),
  });

  it('an operator admin lists only users of its own organisation subtree', async () => {
    const res = await as('op1admin').get('/api/admin/users?pageSize=100');
    expect(res.status).toBe(200);
    const names = res.body.data.items.map((u: any) => u.username).sort();
    expect(names).toEqual(['op1admin', 'op1aud', 'op1disp']);
    const platform = await as('sys').get('/api/admin/users?pageSize=100');
    expect(platform.body.data.total).toBeGreaterThanOrEqual(7);
  });

  it("an operator cannot read or change another operator's users by ID", async () => {
    const read = await as('op1admin').get(`/api/admin/users/${ids.op2disp}`);
    expect(read.status).toBe(404);
    expect(read.body.errorCode).toBe('NOT_FOUND');
    // exactly the answer for an ID that does not exist at all
    const none = await as('op1admin').get('/api/admin/users/999999');
    expect({ ...none.body, requestId: undefined }).toEqual({ ...read.body, requestId: undefined });
    expect(read.body.errorMessage).toBe('用户 不存在');
    expect((await as('op1admin').put(`/api/admin/users/${ids.op2disp}`, { displayName: 'hijacked' })).status).toBe(404);
    expect((await as('op1admin').post(`/api/admin/users/${ids.op2disp}/disable`)).status).toBe(404);
    expect((await as('op1admin').post(`/api/admin/users/${ids.op2disp}/reset-password`, { password: 'Hijack#2026x' })).status).toBe(404);
    // nor create a user inside the other operator
    const create = await as('op1admin').post('/api/admin/users', { username: 'spy', displayName: 'spy', orgId: ids.op2, password: 'Spy#2026pass', roleIds: [] });
    expect(create.status).toBe(422);
    expect(create.body.errors[0].field).toBe('orgId');
    const still = await as('op2admin').get(`/api/admin/users/${ids.op2disp}`);
    expect(still.body.data.displayName).toBe('op2disp');
    expect(still.body.data.enabled).toBe(true);
  });

  it("an operator cannot see, change or delete another operator's roles", async () => {
    const created = await as('op2admin').post('/api/admin/roles', { code: 'night_dispatch', name: '夜班调度', permissions: ['dispatch:read'] });
    expect(created.status).toBe(200);
    const roleId = created.body.data.id;
    const list = await as('op1admin').get('/api/admin/roles');
    expect(list.body.data.map((r: any) => r.id)).not.toContain(roleId);
    expect((await as('op1admin').put(`/api/admin/roles/${roleId}`, { name: 'x' })).status).toBe(404);
    expect((await as('op1admin').del(`/api/admin/roles/${roleId}`)).status).toBe(404);
    // and cannot give it to its own users
    const assign = await as('op1admin').put(`/api/admin/users/${ids.op1disp}`, { roleIds: [roleId] });
    expect(assign.status).toBe(422);
    expect(await RoleEntity.findByPk(roleId)).not.toBeNull();
  });

  it('an operator admin gives its staff the business roles of its operator', async () => {
    const roles = (await as('op1admin').get('/api/admin/roles')).body.data;
    const finance = roles.find((r: any) => r.code === 'finance');
    const res = await as('op1admin').put(`/api/admin/users/${ids.op1disp}/roles`, { roleIds: [finance.id] });
    expect(res.status).toBe(200);
    expect(res.body.data.roles).toEqual(['finance']);
    const regulator = roles.find((r: any) => r.code === 'regulator');
    const refused = await as('op1admin').put(`/api/admin/users/${ids.op1disp}/roles`, { roleIds: [regulator.id] });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0]).toEqual({ field: 'roleIds', reason: expect.stringContaining('监管查询') });
  });

  it("an operator sees only its own organisation tree and cannot change another's", async () => {
    const tree = await as('op1admin').get('/api/admin/orgs');
    expect(tree.body.data).toHaveLength(1);
    expect(tree.body.data[0].id).toBe(ids.op1);
    expect(tree.body.data[0].children.map((c: any) => c.id)).toEqual([ids.op1b]);
    expect((await as('op1admin').put(`/api/admin/orgs/${ids.op2}`, { name: '被改名' })).status).toBe(404);
    const child = await as('op1admin').post('/api/admin/orgs', { parentId: ids.op2, kind: 'branch', name: '越权分公司' });
    expect(child.status).toBe(422);
    expect(child.body.errorCode).toBe('ORG.PARENT_INVALID');
  });

  it('audit administrators of an operator read only that operator\'s audit records', async () => {
    // the security administrator appoints an auditor inside operator 1
    const auditRole = (await as('sec').get('/api/admin/roles')).body.data.find((r: any) => r.code === 'audit_admin');
    const appoint = await as('sec').put(`/api/admin/users/${ids.op1aud}/roles`, { roleIds: [auditRole.id] });
    expect(appoint.status).toBe(200);
    const fresh = await signIn(t.request, admins.op1aud);
    const res = await t.request().get('/api/admin/audit?pageSize=200').set(bearer(fresh.accessToken));
    expect(res.status).toBe(200);
    const actors = new Set(res.body.data.items.map((r: any) => r.actorName));
    expect(actors.has('op1admin')).toBe(true);
    expect(actors.has('op2admin')).toBe(false);
    expect(actors.has('sys')).toBe(false);
    const csv = await t.request().get('/api/admin/audit/export').set(bearer(fresh.accessToken));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain('op1admin');
    expect(csv.text).not.toContain('op2admin');
  });

  it('an operator admin without audit rights cannot read the audit trail', async () => {
    const res = await as('op1admin').get('/api/admin/audit');
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('ACCESS.DENIED');
  });
});
