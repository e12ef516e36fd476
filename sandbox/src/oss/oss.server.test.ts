import OSS from 'ali-oss';
import { request } from 'http';
import { ossSignature } from './oss.signature';
import { addressOf, startOssServer, type OssSandboxHandle } from './oss.server';

const KEY = { accessKeyId: 'LTAIosstestkey', accessKeySecret: 'oss-test-secret' };
const BUCKET = 'dzky-files';
let oss: OssSandboxHandle;

const client = (overrides: Partial<{ accessKeyId: string; accessKeySecret: string }> = {}) =>
  new OSS({
    endpoint: oss.endpoint,
    bucket: BUCKET,
    region: 'oss-cn-shenzhen',
    secure: false,
    ...KEY,
    ...overrides,
    ...({ sldEnable: true } as object),
  });

beforeAll(async () => {
  oss = await startOssServer({ accessKeys: [KEY], buckets: [BUCKET] });
});
afterAll(() => oss.stop());
beforeEach(() => oss.state.reset());

describe('OSS sandbox: objects through the ali-oss client', () => {
  it('R-8.2: put, head, get and delete round-trip the bytes under a Chinese key', async () => {
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 255]);
    const key = 'org/1/2026/03/道路运输证.png';
    const put = await client().put(key, body, { mime: 'image/png' });
    expect(put.res.status).toBe(200);
    expect(oss.state.object(BUCKET, key)?.body.equals(body)).toBe(true);
    expect(oss.state.object(BUCKET, key)?.contentType).toBe('image/png');

    const head = await client().head(key);
    expect((head.res.headers as Record<string, string>)['content-length']).toBe(String(body.length));
    const got = await client().get(key);
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0);

    await client().delete(key);
    expect(oss.state.object(BUCKET, key)).toBeUndefined();
  });

  it('R-8.2: a missing key is NoSuchKey (404), for GET and HEAD alike', async () => {
    await expect(client().get('nope.png')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
    await expect(client().head('nope.png')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' });
  });

  it('R-8.2: a wrong secret is SignatureDoesNotMatch and an unknown key InvalidAccessKeyId; nothing is stored', async () => {
    await expect(client({ accessKeySecret: 'wrong' }).put('a.png', Buffer.from('x'))).rejects.toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    await expect(client({ accessKeyId: 'LTAIunknown' }).put('a.png', Buffer.from('x'))).rejects.toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    expect(oss.state.objects()).toHaveLength(0);
  });

  it('R-8.2: an unsigned request is refused (the bucket is private)', async () => {
    oss.state.put(BUCKET, 'private.pdf', Buffer.from('%PDF-1.4'), 'application/pdf');
    const res = await fetch(`${oss.url}/${BUCKET}/private.pdf`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('R-8.2: an unknown bucket is NoSuchBucket', async () => {
    const other = new OSS({ endpoint: oss.endpoint, bucket: 'someone-else', region: 'oss-cn-shenzhen', secure: false, ...KEY, ...({ sldEnable: true } as object) });
    await expect(other.put('a.png', Buffer.from('x'))).rejects.toMatchObject({ status: 404, code: 'NoSuchBucket' });
  });
});

describe('OSS sandbox: signed URLs', () => {
  const body = Buffer.from('%PDF-1.7\n营业执照');
  const key = 'org/7/2026/03/licence.pdf';
  beforeEach(() => {
    oss.state.put(BUCKET, key, body, 'application/pdf');
  });

  it('R-8.2: a signed URL fetches the object with plain HTTP, response-* overrides applied', async () => {
    const disposition = `inline; filename*=UTF-8''${encodeURIComponent('营业执照.pdf')}`;
    const url = client().signatureUrl(key, { expires: 300, response: { 'content-disposition': disposition } });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(disposition);
  });

  it('R-8.2: a tampered signature, key or override is SignatureDoesNotMatch', async () => {
    const url = new URL(client().signatureUrl(key, { expires: 300, response: { 'content-disposition': 'inline' } }));
    const tamperedSig = new URL(url);
    tamperedSig.searchParams.set('Signature', ossSignature('not-the-secret', 'x'));
    const otherKey = new URL(url);
    otherKey.pathname = otherKey.pathname.replace('licence.pdf', 'other.pdf');
    const override = new URL(url);
    override.searchParams.set('response-content-disposition', 'attachment');
    for (const u of [tamperedSig, otherKey, override]) {
      const res = await fetch(u);
      expect(res.status).toBe(403);
      const xml = await res.text();
      expect(xml).toContain('<Code>SignatureDoesNotMatch</Code>');
      expect(xml).toContain('<StringToSign>');
    }
  });

  it('R-8.2: once Expires has passed the URL is refused with "Request has expired"', async () => {
    const url = client().signatureUrl(key, { expires: 60 });
    expect((await fetch(url)).status).toBe(200);
    oss.state.advanceClock(61_000);
    const res = await fetch(url);
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('Request has expired.');
  });

  it('R-8.2: a header-signed request far from the server clock is RequestTimeTooSkewed', async () => {
    oss.state.advanceClock(20 * 60_000);
    await expect(client().get(key)).rejects.toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
  });
});

describe('OSS sandbox: addressing', () => {
  const buckets = new Set([BUCKET]);
  it('R-8.2: virtual-hosted and path-style requests name the same object', () => {
    expect(addressOf(`${BUCKET}.localhost`, '/org/1/a%20b.png', buckets)).toEqual({ bucket: BUCKET, key: 'org/1/a b.png' });
    expect(addressOf('localhost', `/${BUCKET}/org/1/a%20b.png`, buckets)).toEqual({ bucket: BUCKET, key: 'org/1/a b.png' });
    expect(addressOf('127.0.0.1', `/${BUCKET}/x`, buckets)).toEqual({ bucket: BUCKET, key: 'x' });
  });

  it('R-8.2: a Host header naming the bucket is served like path style', async () => {
    oss.state.put(BUCKET, 'v.png', Buffer.from('v'), 'image/png');
    const url = new URL(client().signatureUrl('v.png', { expires: 60 }));
    // the same signed request, addressed virtual-hosted style (fetch may not set Host; http may)
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${oss.url}/v.png${url.search}`, { headers: { host: `${BUCKET}.localhost:${oss.port}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(text).toBe('v');
  });
});
