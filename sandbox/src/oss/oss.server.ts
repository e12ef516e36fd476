import Koa from 'koa';
import Router from '@koa/router';
import { createHash } from 'crypto';
import { ControlError, controlErrors, listen, readJsonObject, type ListeningServer } from '../common/http';
import { OssError, OssState, type OssSandboxOptions, type StoredOssObject } from './oss.state';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function errorXml(e: OssError, requestId: string, hostId: string): string {
  const extra = Object.entries(e.extra).map(([k, v]) => `  <${k}>${esc(v)}</${k}>\n`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n' +
    `  <Code>${e.code}</Code>\n  <Message>${esc(e.message)}</Message>\n  <RequestId>${requestId}</RequestId>\n  <HostId>${esc(hostId)}</HostId>\n` +
    extra +
    '</Error>\n'
  );
}

/** The request body as bytes; EntityTooLarge past the limit (the rest is not read). */
async function readRaw(ctx: Koa.Context, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length') || 0);
  if (declared > limit) throw new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Where a request points: virtual-hosted style (`Host: <bucket>.localhost:PORT`, key = path) or path
 * style (`/<bucket>/<key>`, what ali-oss sends with `sldEnable`). Keys are percent-decoded.
 */
export function addressOf(hostname: string, rawPath: string, buckets: Set<string>): { bucket: string | null; key: string } {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new OssError(400, 'InvalidObjectName', 'The specified object is not valid.');
    }
  };
  const label = hostname.split('.')[0];
  if (hostname.includes('.') && buckets.has(label) && !/^[\d.]+$/.test(hostname)) {
    return { bucket: label, key: decode(rawPath.replace(/^\//, '')) };
  }
  const m = /^\/([^/]+)\/?(.*)$/.exec(rawPath);
  if (!m) return { bucket: null, key: '' };
  return { bucket: decode(m[1]), key: decode(m[2]) };
}

const RESPONSE_OVERRIDES: Array<[string, string]> = [
  ['response-content-type', 'Content-Type'],
  ['response-content-disposition', 'Content-Disposition'],
  ['response-content-language', 'Content-Language'],
  ['response-cache-control', 'Cache-Control'],
  ['response-content-encoding', 'Content-Encoding'],
  ['response-expires', 'Expires'],
];

function sendObject(ctx: Koa.Context, object: StoredOssObject, query: URLSearchParams): void {
  ctx.set('ETag', object.etag);
  ctx.set('Last-Modified', object.lastModified.toUTCString());
  ctx.set('x-oss-object-type', 'Normal');
  ctx.set('Accept-Ranges', 'bytes');
  for (const [k, v] of Object.entries(object.meta)) ctx.set(`x-oss-meta-${k}`, v);
  ctx.body = object.body;
  ctx.type = object.contentType;
  for (const [param, name] of RESPONSE_OVERRIDES) {
    const value = query.get(param);
    if (value) ctx.set(name, value);
  }
}

/**
 * Aliyun OSS for the objects the platform stores: PutObject, GetObject, HeadObject, DeleteObject
 * with signature V1 (header) and signed URLs (query string) checked as OSS checks them, errors in
 * OSS's XML. Objects live in memory. `/__sandbox/oss/*` lets tests look inside and move the clock.
 */
export function createOssApp(options: OssSandboxOptions): { app: Koa; state: OssState } {
  const state = new OssState(options);
  const app = new Koa();

  const control = new Router({ prefix: '/__sandbox' });
  control.use(controlErrors);
  control.get('/oss/objects', (ctx) => {
    const bucket = typeof ctx.query.bucket === 'string' ? ctx.query.bucket : undefined;
    ctx.body = {
      objects: state.objects(bucket).map((o) => ({
        bucket: o.bucket, key: o.key, size: o.body.length, contentType: o.contentType, etag: o.etag, lastModified: o.lastModified.toISOString(),
      })),
    };
  });
  control.get('/oss/object', (ctx) => {
    const object = state.object(String(ctx.query.bucket ?? ''), String(ctx.query.key ?? ''));
    if (!object) throw new ControlError('no such object', 404);
    ctx.type = object.contentType;
    ctx.body = object.body;
  });
  control.post('/oss/clock', async (ctx) => {
    const body = await readJsonObject(ctx);
    if (typeof body.advanceSeconds !== 'number') throw new ControlError('advanceSeconds (a number) is required');
    state.advanceClock(body.advanceSeconds * 1000);
    ctx.body = { now: new Date(state.now()).toISOString() };
  });
  control.post('/reset', (ctx) => {
    state.reset();
    ctx.body = { ok: true };
  });
  app.use(control.routes()).use(control.allowedMethods());

  app.use(async (ctx) => {
    const requestId = OssState.requestId();
    ctx.set('x-oss-request-id', requestId);
    ctx.set('Server', 'AliyunOSS');
    ctx.set('Date', new Date(state.now()).toUTCString());
    const query = new URLSearchParams(ctx.querystring);
    let hostId = ctx.host;
    try {
      const { bucket, key } = addressOf(ctx.hostname, ctx.path, state.buckets);
      if (!bucket) throw new OssError(403, 'AccessDenied', 'Service-level operations (ListBuckets) are not offered by the sandbox.');
      hostId = `${bucket}.${ctx.host}`;
      if (!state.buckets.has(bucket)) throw new OssError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
      state.authenticate(ctx.method, bucket, key, query, ctx.headers);
      if (!key) throw new OssError(403, 'AccessDenied', 'Bucket-level operations are not offered by the sandbox.', { BucketName: bucket });

      switch (ctx.method) {
        case 'PUT': {
          if (ctx.get('x-oss-copy-source')) throw new OssError(501, 'NotImplemented', 'CopyObject is not offered by the sandbox.');
          const body = await readRaw(ctx, state.maxObjectBytes);
          const md5 = ctx.get('content-md5');
          if (md5 && createHash('md5').update(body).digest('base64') !== md5) {
            throw new OssError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.', { 'Content-MD5': md5 });
          }
          const meta: Record<string, string> = {};
          for (const [k, v] of Object.entries(ctx.headers)) {
            if (k.startsWith('x-oss-meta-') && typeof v === 'string') meta[k.slice('x-oss-meta-'.length)] = v;
          }
          const object = state.put(bucket, key, body, ctx.get('content-type') || 'application/octet-stream', meta);
          ctx.set('ETag', object.etag);
          ctx.set('Content-MD5', createHash('md5').update(body).digest('base64'));
          ctx.status = 200;
          ctx.body = '';
          return;
        }
        case 'GET':
        case 'HEAD': {
          const object = state.object(bucket, key);
          if (!object) throw new OssError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
          sendObject(ctx, object, query);
          return;
        }
        case 'DELETE':
          // OSS answers 204 whether or not the object existed
          state.remove(bucket, key);
          ctx.status = 204;
          return;
        default:
          throw new OssError(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: ctx.method });
      }
    } catch (e) {
      if (!(e instanceof OssError)) throw e;
      const xml = errorXml(e, requestId, hostId);
      ctx.status = e.status;
      if (ctx.method === 'HEAD') {
        // a HEAD answer has no body: OSS puts the error document, base64, in a header
        ctx.set('x-oss-err', Buffer.from(xml).toString('base64'));
        ctx.set('x-oss-ec', e.code);
        ctx.body = null;
        ctx.status = e.status;
        return;
      }
      ctx.type = 'application/xml';
      ctx.body = xml;
    }
  });
  return { app, state };
}

export interface OssSandboxHandle extends ListeningServer {
  state: OssState;
  /**
   * The endpoint to give ali-oss: `http://localhost:PORT` (the SDK refuses to sign URLs for an IP
   * endpoint), used with `sldEnable: true` so the bucket travels in the path.
   */
  endpoint: string;
  /** buckets that exist */
  buckets: string[];
}

export async function startOssServer(options: OssSandboxOptions, port = 0, host?: string): Promise<OssSandboxHandle> {
  const { app, state } = createOssApp(options);
  const server = await listen(app, port, host);
  return { ...server, state, endpoint: `http://localhost:${server.port}`, buckets: [...state.buckets] };
}
