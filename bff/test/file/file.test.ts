import { randomBytes } from 'crypto';
import { AuditRecordEntity } from '../../src/modules/audit/entity/audit-record.entity';
import { AdminAuthService } from '../../src/modules/access/service/admin-auth.service';
import { FileService } from '../../src/modules/file/service/file.service';
import { FileObjectEntity } from '../../src/modules/file/entity/file-object.entity';
import { bearer, startApp, type TestApp } from '../support/app';
import { createAdmin, createOrg, signIn } from '../support/fixtures';

const MAX = 64 * 1024;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3000)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(500)]);

describe('file module: uploads and signed URLs', () => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  let platformToken: string;
  let serviceToken: string;
  let orgA: number;

  beforeAll(async () => {
    // a small limit keeps the too-large case quick; config reads it when the app starts
    process.env.FILE_MAX_BYTES = String(MAX);
    process.env.FILE_URL_TTL_SECONDS = '120';
    t = await startApp();
    const a = await createOrg(1, 'operator', '深圳鹏程客运有限公司');
    const b = await createOrg(1, 'operator', '广州羊城城际客运有限公司');
    orgA = a.id;
    tokenA = (await signIn(t.request, await createAdmin(t.app, { username: 'op-a', orgId: a.id, roles: ['operator_admin'] }))).accessToken;
    tokenB = (await signIn(t.request, await createAdmin(t.app, { username: 'op-b', orgId: b.id, roles: ['operator_admin'] }))).accessToken;
    platformToken = (await signIn(t.request, await createAdmin(t.app, { username: 'plat', orgId: 1, roles: ['operator_admin'] }))).accessToken;
    // customer service reads orders but maintains no archives, so it may not upload certificates
    serviceToken = (await signIn(t.request, await createAdmin(t.app, { username: 'cs', orgId: a.id, roles: ['customer_service'] }))).accessToken;
  });
  afterAll(async () => {
    delete process.env.FILE_MAX_BYTES;
    delete process.env.FILE_URL_TTL_SECONDS;
    await t.close();
  });

  const upload = (token: string, body: Buffer, filename: string, purpose?: string) => {
    const req = t.request().post('/api/admin/files').set(bearer(token));
    if (purpose) req.field('purpose', purpose);
    return req.attach('file', body, { filename, contentType: 'application/octet-stream' });
  };
  const principalOf = async (token: string) => (await t.app.getApplicationContext().getAsync(AdminAuthService)).authenticate(token);
  const objects = () => t.sandbox.oss.state.objects();

  it('R-8.2 uploads a PNG (Chinese name kept), stores it under org/<org>/<yyyy>/<mm>/<uuid>.png with an audit record, and the signed URL returns the same bytes', async () => {
    const res = await upload(tokenA, PNG, '车辆照片.png', 'vehicle_cert');
    expect(res.status).toBe(200);
    const view = res.body.data;
    expect(view).toEqual({ id: expect.any(Number), name: '车辆照片.png', contentType: 'image/png', size: PNG.length, createdAt: expect.any(String) });

    const row = await FileObjectEntity.findByPk(view.id);
    const now = new Date();
    expect(row!.storageKey).toMatch(new RegExp(`^org/${orgA}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/[0-9a-f-]{36}\\.png$`));
    expect(row).toMatchObject({ orgId: orgA, purpose: 'vehicle_cert', sizeBytes: PNG.length });
    const audit = await AuditRecordEntity.findOne({ where: { action: 'file.upload', targetId: String(view.id) } });
    expect(audit).not.toBeNull();

    const url = await t.request().get(`/api/admin/files/${view.id}/url`).set(bearer(tokenA));
    expect(url.status).toBe(200);
    expect(Date.parse(url.body.data.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    const download = await fetch(url.body.data.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(download.headers.get('content-type')).toBe('image/png');
  });

  it('R-8.2 judges the type by the bytes: a PDF named .jpg is stored as PDF, an EXE named .jpg is refused 415 naming what it is', async () => {
    const pdf = await upload(tokenA, PDF, 'scan.jpg');
    expect(pdf.status).toBe(200);
    expect(pdf.body.data).toMatchObject({ contentType: 'application/pdf', name: 'scan.jpg' });
    expect((await FileObjectEntity.findByPk(pdf.body.data.id))!.storageKey).toMatch(/\.pdf$/);

    const before = objects().length;
    const exe = await upload(tokenA, EXE, 'photo.jpg');
    expect(exe.status).toBe(415);
    expect(exe.body.errorCode).toBe('FILE.TYPE_NOT_ALLOWED');
    expect(exe.body.errorMessage).toContain('EXE');
    expect(exe.body.errors).toEqual([{ field: 'file', reason: expect.stringContaining('EXE') }]);
    expect(objects()).toHaveLength(before);
  });

  it('R-8.2 refuses a file over files.maxBytes with 413 FILE.TOO_LARGE (not truncated and stored); exactly the limit is accepted', async () => {
    const before = objects().length;
    const over = Buffer.concat([PNG.subarray(0, 8), randomBytes(MAX + 1 - 8)]);
    const res = await upload(tokenA, over, 'big.png');
    expect(res.status).toBe(413);
    expect(res.body.errorCode).toBe('FILE.TOO_LARGE');
    expect(res.body.errors[0].field).toBe('file');
    expect(objects()).toHaveLength(before);
    expect(await FileObjectEntity.count({ where: { originalName: 'big.png' } })).toBe(0);

    // far over the limit: refused from Content-Length, before the body is read
    const huge = await upload(tokenA, Buffer.concat([over, randomBytes(2 * MAX)]), 'huge.png');
    expect(huge.status).toBe(413);
    expect(huge.body.errorCode).toBe('FILE.TOO_LARGE');

    const exact = await upload(tokenA, over.subarray(0, MAX), 'exact.png');
    expect(exact.status).toBe(200);
    expect(exact.body.data.size).toBe(MAX);
  });

  it('R-8.2 another operator cannot get a URL for my file (404) and cannot attach it (FILE.NOT_USABLE); the platform above both can', async () => {
    const mine = (await upload(tokenA, PNG, 'mine.png')).body.data.id as number;
    const url = await t.request().get(`/api/admin/files/${mine}/url`).set(bearer(tokenB));
    expect(url.status).toBe(404);
    expect((await t.request().get(`/api/admin/files/${mine}`).set(bearer(tokenB))).status).toBe(404);
    expect((await t.request().get('/api/admin/files/999999/url').set(bearer(tokenA))).status).toBe(404);

    const files = await t.app.getApplicationContext().getAsync(FileService);
    const theirs = (await upload(tokenB, PNG, 'theirs.png')).body.data.id as number;
    const error = await files.assertUsable(await principalOf(tokenB), [theirs, mine, 999999]).catch((e) => e);
    expect(error).toMatchObject({ errorCode: 'FILE.NOT_USABLE', status: 422, detail: { fileIds: [mine, 999999] } });
    expect(error.errors[0].field).toBe('fileIds');
    await expect(files.assertUsable(await principalOf(tokenA), [mine])).resolves.toBeUndefined();
    await expect(files.assertUsable(await principalOf(platformToken), [mine, theirs])).resolves.toBeUndefined();
    expect((await t.request().get(`/api/admin/files/${mine}/url`).set(bearer(platformToken))).status).toBe(200);
  });

  it('R-8.2 a deleted file is no longer usable', async () => {
    const id = (await upload(tokenA, PNG, 'gone.png')).body.data.id as number;
    await FileObjectEntity.update({ deletedAt: new Date() }, { where: { id } });
    const files = await t.app.getApplicationContext().getAsync(FileService);
    await expect(files.assertUsable(await principalOf(tokenA), [id])).rejects.toMatchObject({ errorCode: 'FILE.NOT_USABLE' });
    expect(await files.describe([id])).toEqual([]);
  });

  it('R-8.2 the signed URL stops working after files.urlTtlSeconds', async () => {
    const id = (await upload(tokenA, PNG, 'ttl.png')).body.data.id as number;
    const { url } = (await t.request().get(`/api/admin/files/${id}/url`).set(bearer(tokenA))).body.data;
    expect((await fetch(url)).status).toBe(200);
    t.sandbox.oss.state.advanceClock(121_000);
    try {
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toContain('Request has expired');
    } finally {
      t.sandbox.oss.state.advanceClock(-121_000);
    }
  });

  it('R-8.2 describe returns views in the order asked, skipping unknown ids', async () => {
    const one = (await upload(tokenA, PNG, '一.png')).body.data;
    const two = (await upload(tokenA, PDF, '二.pdf')).body.data;
    const files = await t.app.getApplicationContext().getAsync(FileService);
    expect((await files.describe([two.id, 424242, one.id])).map((f) => f.name)).toEqual(['二.pdf', '一.png']);
  });

  it('R-8.2 refuses uploads without permission (403), without sign-in (401), without a file or with an unknown purpose (422)', async () => {
    const denied = await upload(serviceToken, PNG, 'x.png');
    expect(denied.status).toBe(403);
    expect(denied.body.errorCode).toBe('ACCESS.DENIED');
    const anonymous = await t.request().post('/api/admin/files').attach('file', PNG, 'x.png');
    expect(anonymous.status).toBe(401);
    const none = await t.request().post('/api/admin/files').set(bearer(tokenA)).field('purpose', 'other');
    expect(none.status).toBe(422);
    expect(none.body.errors[0].field).toBe('file');
    const purpose = await upload(tokenA, PNG, 'x.png', 'selfie');
    expect(purpose.status).toBe(422);
    expect(purpose.body.errors[0].field).toBe('purpose');
  });
});
