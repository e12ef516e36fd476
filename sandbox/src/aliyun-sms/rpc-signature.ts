import { createHmac } from 'crypto';

/**
 * Aliyun RPC signature V1 (HMAC-SHA1), as the API gateway recomputes it. Kept apart from bff's
 * adapter on purpose: two independent implementations checked against each other and against
 * Aliyun's published examples.
 */

/** RFC 3986 encoding as Aliyun wants it: space → %20, `*` → %2A, `~` kept. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%7E/g, '~');
}

/** Every parameter except Signature, sorted by name, `encode(k)=encode(v)` joined with `&`. */
export function canonicalizedQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

export function stringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
}

export function rpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params)).digest('base64');
}
