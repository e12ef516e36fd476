import { randomBytes } from 'crypto';
import { startSandbox, type Sandbox } from '@dzky/sandbox';
import { UpstreamError } from '../../src/common/error/domain.error';
import { AliOssAdapter, contentDisposition, isDevEndpoint, type OssConfig } from '../../src/modules/integration/adapter/ali-oss.adapter';

/** The production adapter (ali-oss SDK) against the OSS sandbox, which checks every signature. */
describe('AliOssAdapter against the OSS sandbox', () => {
  const key = { accessKeyId: `LTAI${randomBytes(8).toString('hex')}`, accessKeySecret: randomBytes(15).toString('base64') };
  const BUCKET = 'dzky-adapter-test';
  let sandbox: Sandbox;

  const adapter = (override: Partial<OssConfig> = {}) => {
    const a = new AliOssAdapter();
    a.config = { endpoint: sandbox.oss.endpoint, bucket: BUCKET, region: 'oss-cn-shenzhen', ...key, ...override };
    a.init();
    return a;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ wechat: { apps: [] }, sms: { accessKeys: [], signName: 'x' }, oss: { accessKeys: [key], buckets: [BUCKET] } });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.oss.state.reset());

  it('R-8.2 puts, gets and removes an object; the sandbox holds exactly the bytes and type sent', async () => {
    const body = randomBytes(2048);
    const stored = await adapter().put('org/3/2026/03/a.png', body, 'image/png');
    expect(stored).toEqual({ key: 'org/3/2026/03/a.png', size: 2048, contentType: 'image/png' });
    const object = sandbox.oss.state.object(BUCKET, 'org/3/2026/03/a.png')!;
    expect(object.body.equals(body)).toBe(true);
    expect(object.contentType).toBe('image/png');

    expect((await adapter().get('org/3/2026/03/a.png'))!.equals(body)).toBe(true);
    await adapter().remove('org/3/2026/03/a.png');
    expect(await adapter().get('org/3/2026/03/a.png')).toBeNull();
    // removing what is already gone is not an error (a retried clean-up)
    await expect(adapter().remove('org/3/2026/03/a.png')).resolves.toBeUndefined();
  });

  it('R-8.2 a signed URL downloads the bytes with the original (Chinese) name in Content-Disposition, and stops working after it expires', async () => {
    const body = Buffer.from('%PDF-1.7 test');
    await adapter().put('org/3/x.pdf', body, 'application/pdf');
    const url = await adapter().signedUrl('org/3/x.pdf', 60, '道路运输证 2026.pdf');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    expect(res.headers.get('content-disposition')).toBe(contentDisposition('道路运输证 2026.pdf'));
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('道路运输证 2026.pdf')}`);

    sandbox.oss.state.advanceClock(61_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('R-8.2 a wrong secret is refused and surfaces as UpstreamError (SignatureDoesNotMatch); nothing is stored', async () => {
    const error = await adapter({ accessKeySecret: 'not-the-secret' }).put('k.png', Buffer.from('x'), 'image/png').catch((e) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ upstream: 'aliyun-oss', upstreamCode: 'SignatureDoesNotMatch' });
    expect(error.message).not.toContain('not-the-secret');
    expect(sandbox.oss.state.objects()).toEqual([]);
    // a URL signed with the wrong secret is refused by the store
    sandbox.oss.state.put(BUCKET, 'k.png', Buffer.from('x'), 'image/png');
    expect((await fetch(await adapter({ accessKeySecret: 'not-the-secret' }).signedUrl('k.png', 60))).status).toBe(403);
  });

  it('R-8.2 an unreachable store is an UpstreamError, not "missing"', async () => {
    const down = adapter({ endpoint: 'http://localhost:1', timeoutMs: 2000 });
    await expect(down.get('anything')).rejects.toBeInstanceOf(UpstreamError);
    await expect(down.put('anything', Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(UpstreamError);
  });

  it('R-8.2 uses path-style addressing only for development endpoints', () => {
    expect(isDevEndpoint('http://localhost:7404')).toBe(true);
    expect(isDevEndpoint('http://127.0.0.1:7404')).toBe(true);
    expect(isDevEndpoint('http://oss-sandbox:7404')).toBe(true);
    expect(isDevEndpoint('https://oss-cn-shenzhen.aliyuncs.com')).toBe(false);
    expect(isDevEndpoint('https://oss-cn-shenzhen-internal.aliyuncs.com')).toBe(false);
  });
});
