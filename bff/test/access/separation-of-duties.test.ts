import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, signIn, type TestAdmin } from '../support/fixtures';

/** 三员分立 (MLPS level 3): system, security and audit administrators hold separate rights. */
describe('R-8.1 separation of the system, security and audit administrators', () => {
  let t: TestApp;
  const a: Record<string, TestAdmin> = {};
  const tok: Record<string, string> = {};
  let roles: Record<string, number>;

  beforeAll(async () => {
    t = await startApp();
    a.sys = await createAdmin(t.app, { username: 'sys', roles: ['system_admin'] });
    a.sec = await createAdmin(t.app, { username: 'sec', roles: ['security_admin'] });
    a.aud = await createAdmin(t.app, { username: 'aud', roles: ['audit_admin'] });
    a.plain = await createAdmin(t.app, { username: 'plain', roles: [] });
    for (const k of Object.keys(a)) tok[k] = (await signIn(t.request, a[k])).accessToken;
    const list = await t.request().get('/api/admin/roles').set(bearer(tok.sys));
    roles = Object.fromEntries(list.body.data.map((r: any) => [r.code, r.id]));
  });
  afterAll(async () => t.close());

  const put = (who: string, url: string, body: object) => t.request().put(url).set(bearer(tok[who])).send(body);

  it('nobody can grant themselves another role', async () => {
    const self = await put('sys', `/api/admin/users/${a.sys.id}/roles`, { roleIds: [roles.system_admin, roles.dispatcher] });
    expect(self.status).toBe(403);
    expect(self.body.errorCode).toBe('ACCESS.SEPARATION_OF_DUTIES');
    const selfSec = await put('sec', `/api/admin/users/${a.sec.id}/roles`, { roleIds: [roles.audit_admin] });
    expect(selfSec.body.errorCode).toBe('ACCESS.SEPARATION_OF_DUTIES');
  });

  it('the system administrator cannot appoint security or audit administrators', async () => {
    const res = await put('sys', `/api/admin/users/${a.plain.id}/roles`, { roleIds: [roles.audit_admin] });
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('ACCESS.DENIED');
  });

  it('the security administrator appoints auditors but cannot hand out system rights', async () => {
    expect((await put('sec', `/api/admin/users/${a.plain.id}/roles`, { roleIds: [roles.audit_admin] })).status).toBe(200);
    const sysGrant = await put('sec', `/api/admin/users/${a.plain.id}/roles`, { roleIds: [roles.system_admin] });
    expect(sysGrant.status).toBe(403);
  });

  it('the security administrator appoints another security administrator', async () => {
    const deputy = await createAdmin(t.app, { username: 'deputy', roles: [] });
    const res = await put('sec', `/api/admin/users/${deputy.id}/roles`, { roleIds: [roles.security_admin] });
    expect(res.status).toBe(200);
    expect(res.body.data.roles).toEqual(['security_admin']);
  });

  it('no one person may hold two of the three administrator roles', async () => {
    const both = await put('sec', `/api/admin/users/${a.plain.id}/roles`, { roleIds: [roles.audit_admin, roles.security_admin] });
    expect(both.status).toBe(403);
    expect(both.body.errorCode).toBe('ACCESS.SEPARATION_OF_DUTIES');
  });

  it('a role may not combine rights of two administrator groups', async () => {
    const res = await t.request().post('/api/admin/roles').set(bearer(tok.sys))
      .send({ code: 'super', name: '超级管理员', permissions: ['system:user:write', 'audit:read'] });
    expect(res.status).toBe(403);
    expect(res.body.errorCode).toBe('ACCESS.SEPARATION_OF_DUTIES');
  });

  it('each administrator is refused the others\' work, and the refusal is audited', async () => {
    const secCreates = await t.request().post('/api/admin/users').set(bearer(tok.sec))
      .send({ username: 'sneaky', displayName: 'x', orgId: 1, password: 'Sneaky#2026', roleIds: [] });
    expect(secCreates.status).toBe(403);
    const audReadsUsers = await t.request().get('/api/admin/users').set(bearer(tok.aud));
    expect(audReadsUsers.status).toBe(403);
    const sysReadsAudit = await t.request().get('/api/admin/audit').set(bearer(tok.sys));
    expect(sysReadsAudit.status).toBe(403);
    const sysSettings = await t.request().put('/api/admin/security/settings').set(bearer(tok.sys)).send({ lockoutMinutes: 1 });
    expect(sysSettings.status).toBe(403);
    const denied = await t.request().get('/api/admin/audit?category=access_denied&pageSize=50').set(bearer(tok.aud));
    const who = denied.body.data.items.map((r: any) => r.actorName);
    expect(who).toEqual(expect.arrayContaining(['sec', 'aud', 'sys']));
  });

  it('the security administrator changes the security policy, and the change is audited', async () => {
    const res = await t.request().put('/api/admin/security/settings').set(bearer(tok.sec)).send({ lockoutThreshold: 6 });
    expect(res.status).toBe(200);
    expect(res.body.data.lockoutThreshold).toBe(6);
    const bad = await t.request().put('/api/admin/security/settings').set(bearer(tok.sec)).send({ idleTimeoutMinutes: 120 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('idleTimeoutMinutes');
    const trail = await t.request().get('/api/admin/audit?action=security.settings').set(bearer(tok.aud));
    expect(trail.body.data.items[0]).toMatchObject({ actorName: 'sec', result: 'success' });
  });
});
