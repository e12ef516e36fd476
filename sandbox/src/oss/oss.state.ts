import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { Clock } from '../common/http';
import { canonicalizedOssHeaders, canonicalizedResource, ossSignature, ossStringToSign } from './oss.signature';

export interface OssSandboxOptions {
  accessKeys: Array<{ accessKeyId: string; accessKeySecret: string }>;
  /** buckets that exist; default ['dzky-files'] */
  buckets?: string[];
  /** how far a request's Date may be from the server's clock: 15 minutes, as OSS */
  maxClockSkewSeconds?: number;
  /** largest PUT body accepted (EntityTooLarge above); 64 MiB by default */
  maxObjectBytes?: number;
  now?: Clock;
}

export interface StoredOssObject {
  bucket: string;
  key: string;
  body: Buffer;
  contentType: string;
  /** `"<MD5 hex, upper case>"`, quoted, as OSS sends it */
  etag: string;
  lastModified: Date;
  /** x-oss-meta-* headers given on PUT */
  meta: Record<string, string>;
}

/** A refusal in OSS's words: HTTP status, error code, message and extra XML elements. */
export class OssError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The object store: buckets, objects in memory, access keys and the sandbox clock. */
export class OssState {
  readonly buckets: Set<string>;
  readonly maxObjectBytes: number;
  private readonly keys: Map<string, string>;
  private readonly skewMs: number;
  private readonly baseNow: Clock;
  private clockOffsetMs = 0;
  private store = new Map<string, StoredOssObject>();

  constructor(options: OssSandboxOptions) {
    this.keys = new Map(options.accessKeys.map((k) => [k.accessKeyId, k.accessKeySecret]));
    this.buckets = new Set(options.buckets ?? ['dzky-files']);
    this.skewMs = (options.maxClockSkewSeconds ?? 900) * 1000;
    this.maxObjectBytes = options.maxObjectBytes ?? 64 * 1024 * 1024;
    this.baseNow = options.now ?? Date.now;
  }

  now(): number {
    return this.baseNow() + this.clockOffsetMs;
  }

  /** Moves the server's clock, e.g. past a signed URL's expiry without waiting. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  reset(): void {
    this.store.clear();
    this.clockOffsetMs = 0;
  }

  /** Inspection for tests: one object, or undefined. */
  object(bucket: string, key: string): StoredOssObject | undefined {
    return this.store.get(`${bucket}/${key}`);
  }

  /** Inspection for tests: every object (of one bucket when given), by key. */
  objects(bucket?: string): StoredOssObject[] {
    return [...this.store.values()].filter((o) => !bucket || o.bucket === bucket).sort((a, b) => a.key.localeCompare(b.key));
  }

  put(bucket: string, key: string, body: Buffer, contentType: string, meta: Record<string, string> = {}): StoredOssObject {
    const object: StoredOssObject = {
      bucket,
      key,
      body,
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`,
      lastModified: new Date(this.now()),
      meta,
    };
    this.store.set(`${bucket}/${key}`, object);
    return object;
  }

  remove(bucket: string, key: string): void {
    this.store.delete(`${bucket}/${key}`);
  }

  /**
   * Authenticates a request the way OSS does: a signed URL (OSSAccessKeyId, Expires, Signature in
   * the query) or the `Authorization: OSS id:signature` header. Anonymous access is refused: the
   * sandbox's buckets are private, like the platform's.
   */
  authenticate(method: string, bucket: string, key: string, query: URLSearchParams, headers: Headers): string {
    const resource = canonicalizedResource(bucket, key, query);
    const contentMd5 = header(headers, 'content-md5');
    const contentType = header(headers, 'content-type');
    const ossHeaders = canonicalizedOssHeaders(headers);

    if (query.has('OSSAccessKeyId') || query.has('Signature')) {
      const accessKeyId = query.get('OSSAccessKeyId') ?? '';
      const expires = query.get('Expires') ?? '';
      const signature = query.get('Signature') ?? '';
      if (!accessKeyId || !expires || !signature) {
        throw new OssError(403, 'AccessDenied', 'Query-string authentication requires the OSSAccessKeyId, Expires and Signature parameters.');
      }
      const secret = this.secretOf(accessKeyId);
      if (!/^\d+$/.test(expires)) throw new OssError(403, 'AccessDenied', 'Invalid Expires parameter.');
      if (Number(expires) * 1000 < this.now()) {
        throw new OssError(403, 'AccessDenied', 'Request has expired.', {
          Expires: new Date(Number(expires) * 1000).toISOString(),
          ServerTime: new Date(this.now()).toISOString(),
        });
      }
      const stringToSign = ossStringToSign({ verb: method, contentMd5, contentType, date: expires, ossHeaders, resource });
      this.verify(secret, stringToSign, signature, accessKeyId);
      return accessKeyId;
    }

    const authorization = header(headers, 'authorization');
    if (!authorization) throw new OssError(403, 'AccessDenied', 'You have no right to access this object because of bucket acl.');
    const m = /^OSS ([^:\s]+):(\S+)$/.exec(authorization);
    if (!m) throw new OssError(400, 'InvalidArgument', 'Authorization header is invalid.', { ArgumentName: 'Authorization', ArgumentValue: authorization.slice(0, 40) });
    const [, accessKeyId, signature] = m;
    const secret = this.secretOf(accessKeyId);
    // the Date line is the Date header; SDKs that send x-oss-date (ali-oss does) put its value there
    const dates = [header(headers, 'date'), header(headers, 'x-oss-date')].filter((d): d is string => Boolean(d));
    if (!dates.length) throw new OssError(403, 'AccessDenied', 'Missing Date Header.');
    const when = Date.parse(header(headers, 'x-oss-date') ?? dates[0]);
    if (Number.isNaN(when)) throw new OssError(403, 'AccessDenied', 'Invalid Date Header.');
    if (Math.abs(when - this.now()) > this.skewMs) {
      throw new OssError(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
        RequestTime: new Date(when).toISOString(),
        ServerTime: new Date(this.now()).toISOString(),
        MaxAllowedSkewMilliseconds: String(this.skewMs),
      });
    }
    const candidates = dates.map((date) => ossStringToSign({ verb: method, contentMd5, contentType, date, ossHeaders, resource }));
    for (const stringToSign of candidates) {
      if (this.matches(secret, stringToSign, signature)) return accessKeyId;
    }
    this.verify(secret, candidates[0], signature, accessKeyId);
    return accessKeyId;
  }

  private secretOf(accessKeyId: string): string {
    const secret = this.keys.get(accessKeyId);
    if (secret === undefined) {
      throw new OssError(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', { OSSAccessKeyId: accessKeyId });
    }
    return secret;
  }

  private matches(secret: string, stringToSign: string, signature: string): boolean {
    const expected = Buffer.from(ossSignature(secret, stringToSign));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private verify(secret: string, stringToSign: string, signature: string, accessKeyId: string): void {
    if (this.matches(secret, stringToSign, signature)) return;
    throw new OssError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
      StringToSign: stringToSign,
      OSSAccessKeyId: accessKeyId,
    });
  }

  static requestId(): string {
    return randomBytes(12).toString('hex').toUpperCase();
  }
}
