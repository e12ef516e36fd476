import { createHmac } from 'crypto';

/**
 * OSS signature V1 (https://help.aliyun.com/zh/oss/developer-reference/include-signatures-in-the-authorization-header):
 *   base64(HMAC-SHA1(secret, VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedOSSHeaders CanonicalizedResource))
 * Query-string signed URLs use the same string with `Expires` in place of Date.
 */

/** Sub-resources that belong to the canonical resource (OSS's list); any other query parameter does not. */
export const SIGNED_SUBRESOURCES = new Set([
  'acl', 'append', 'bucketInfo', 'cname', 'comp', 'continuation-token', 'cors', 'delete', 'endTime', 'img',
  'lifecycle', 'live', 'location', 'logging', 'objectMeta', 'partNumber', 'position', 'qos', 'referer',
  'replication', 'replicationLocation', 'replicationProgress', 'response-cache-control',
  'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires', 'restore', 'security-token', 'startTime', 'status', 'style',
  'styleName', 'symlink', 'tagging', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'vod',
  'website', 'x-oss-process', 'x-oss-traffic-limit', 'callback', 'callback-var',
]);

/** `x-oss-*` headers, lower-cased, sorted, `name:value\n` each. */
export function canonicalizedOssHeaders(headers: Record<string, string | string[] | undefined>): string {
  return Object.keys(headers)
    .map((k) => k.toLowerCase())
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => {
      const v = headers[k];
      return `${k}:${String(Array.isArray(v) ? v.join(',') : v ?? '').trim()}\n`;
    })
    .join('');
}

/** `/bucket/key` (decoded) plus the signed sub-resources, sorted, with their decoded values. */
export function canonicalizedResource(bucket: string | null, key: string, query: URLSearchParams): string {
  let resource = bucket ? `/${bucket}/${key}` : '/';
  const subs = [...new Set([...query.keys()].filter((k) => SIGNED_SUBRESOURCES.has(k)))].sort();
  if (subs.length) {
    resource += '?' + subs.map((k) => (query.get(k) ? `${k}=${query.get(k)}` : k)).join('&');
  }
  return resource;
}

export function ossStringToSign(parts: {
  verb: string;
  contentMd5?: string;
  contentType?: string;
  /** the Date header, or `Expires` for a signed URL */
  date: string;
  ossHeaders: string;
  resource: string;
}): string {
  return `${parts.verb.toUpperCase()}\n${parts.contentMd5 ?? ''}\n${parts.contentType ?? ''}\n${parts.date}\n${parts.ossHeaders}${parts.resource}`;
}

export function ossSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
