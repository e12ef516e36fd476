import { readFileSync, writeFileSync } from 'fs';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { AuditService } from '../../src/modules/audit/service/audit.service';
import { verifyReport } from '../../src/cli/audit-verify';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, signIn, type TestAdmin } from '../support/fixtures';

/**
 * audit trail: append-only, HMAC-chained (key outside the database), head anchored outside the
 * database after every append. Each test damages the trail one way and expects the first bad record
 * to be named; each restores it afterwards.
 */
describe('R-8.2 audit trail', () => {
  let t: TestApp;
  let audit: AuditService;
  let sys: TestAdmin;
  let aud: TestAdmin;

  beforeAll(async () => {
    t = await startApp();
    audit = await t.app.getApplicationContext().getAsync(AuditService);
    sys = await createAdmin(t.app, { username: 'sys', roles: ['system_admin'] });
    aud = await createAdmin(t.app, { username: 'aud', roles: ['audit_admin'] });
    const s = await signIn(t.request, sys);
    for (let i = 0; i < 3; i++) {
      await t.request().post('/api/admin/users').set(bearer(s.accessToken))
        .send({ username: `clerk${i}`, displayName: `职员${i}`, orgId: 1, password: 'Clerk#2026pw', roleIds: [] });
    }
    await t.request().post('/api/admin/auth/login').send({ username: 'sys', password: 'wrong' });
  });
  afterAll(async () => t.close());

  it('records sign-in successes and failures and admin writes, with who, what, target, when, source IP and result', async () => {
    const s = await signIn(t.request, aud);
    const res = await t.request().get('/api/admin/audit?pageSize=100').set(bearer(s.accessToken));
    const items = res.body.data.items;
    const create = items.find((r: any) => r.action === 'user.create' && r.detail.username === 'clerk1');
    expect(create).toMatchObject({ category: 'admin_write', actorName: 'sys', targetType: 'admin_user', result: 'success' });
    expect(create.sourceIp).toBeTruthy();
    expect(create.requestId).toBeTruthy();
    expect(new Date(create.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(items.some((r: any) => r.action === 'auth.login' && r.result === 'failure' && r.actorName === 'sys')).toBe(true);
    expect(items.some((r: any) => r.action === 'auth.login' && r.result === 'success' && r.actorName === 'sys')).toBe(true);
    // the password never reaches the trail
    expect(JSON.stringify(items)).not.toContain('Clerk#2026pw');
  });

  it('verifies an intact trail: `npm run audit:verify` exits 0', async () => {
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true });
    expect(result.records).toBeGreaterThan(5);
    expect(verifyReport(result)).toEqual({ exitCode: 0, message: expect.stringContaining(`${result.records} records`) });
  });

  it('detects a changed record', async () => {
    const victim = await AuditRecordEntity.findOne({ where: { action: 'user.create' }, order: [['seq', 'ASC']] });
    const original = victim!.detail;
    await AuditRecordEntity.update({ detail: '{"username":"someone-else"}' }, { where: { id: victim!.id } });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(victim!.seq) });
    // the command exits non-zero and names the first bad record
    expect(verifyReport(result)).toEqual({ exitCode: 1, message: expect.stringContaining(`BROKEN at record #${victim!.seq}`) });
    await AuditRecordEntity.update({ detail: original }, { where: { id: victim!.id } });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects a changed result even when the attacker recomputes a plain hash', async () => {
    const victim = await AuditRecordEntity.findOne({ where: { action: 'auth.login', result: 'failure' } });
    await AuditRecordEntity.update({ result: 'success' }, { where: { id: victim!.id } });
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: Number(victim!.seq) });
    await AuditRecordEntity.update({ result: 'failure' }, { where: { id: victim!.id } });
  });

  it('detects a deleted record in the middle', async () => {
    const rows = (await AuditRecordEntity.findAll({ order: [['seq', 'ASC']], raw: true })) as unknown as Record<string, any>[];
    const middle = rows[Math.floor(rows.length / 2)];
    await AuditRecordEntity.destroy({ where: { id: middle.id } });
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: Number(middle.seq) });
    await AuditRecordEntity.create(middle);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects an inserted record', async () => {
    const rows = (await AuditRecordEntity.findAll({ order: [['seq', 'ASC']], raw: true })) as unknown as Record<string, any>[];
    const third = rows[2];
    // shift the tail up by one and slip a forged record in at position 3
    for (const r of [...rows].reverse().filter((r) => Number(r.seq) >= Number(third.seq))) {
      await AuditRecordEntity.update({ seq: Number(r.seq) + 1 }, { where: { id: r.id } });
    }
    const forged = await AuditRecordEntity.create({ ...third, id: undefined, seq: third.seq, action: 'user.delete', detail: null });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(third.seq) });
    await forged.destroy();
    for (const r of rows.filter((r) => Number(r.seq) >= Number(third.seq))) {
      await AuditRecordEntity.update({ seq: Number(r.seq) }, { where: { id: r.id } });
    }
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects deletion of the newest records through the anchor outside the database', async () => {
    const rows = (await AuditRecordEntity.findAll({ order: [['seq', 'DESC']], limit: 2, raw: true })) as unknown as Record<string, any>[];
    await AuditRecordEntity.destroy({ where: { id: rows.map((r) => r.id) } });
    // a careful attacker also rewinds the head row inside the database
    const { AuditHeadEntity } = await import('../../src/modules/audit/entity/audit-record.entity');
    const newest = await AuditRecordEntity.findOne({ order: [['seq', 'DESC']] });
    await AuditHeadEntity.update({ seq: newest!.seq, hash: newest!.hash }, { where: { id: 1 } });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: false, firstBadSeq: Number(rows[1].seq) });
    expect((result as any).reason).toContain('anchored');
    for (const r of rows.reverse()) await AuditRecordEntity.create(r);
    await AuditHeadEntity.update({ seq: rows[1].seq, hash: rows[1].hash }, { where: { id: 1 } });
    expect((await audit.verify()).ok).toBe(true);
  });

  it('detects a tampered anchor log', async () => {
    const file = process.env.AUDIT_ANCHOR_FILE!;
    const original = readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');
    const first = JSON.parse(lines[0]);
    lines[0] = JSON.stringify({ ...first, hash: 'f'.repeat(64) });
    writeFileSync(file, lines.join('\n') + '\n');
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: first.seq });
    writeFileSync(file, original);
  });
});
