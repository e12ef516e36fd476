import { createHash, createHmac, timingSafeEqual } from 'crypto';

/** Lowercase hex SHA-256 of a body (an empty body hashes the empty string). */
export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** What is signed: `METHOD\nPATH\nTIMESTAMP\nNONCE\nSHA256(BODY) hex`; PATH with its query, as sent. */
export function invoiceStringToSign(method: string, path: string, timestamp: string, nonce: string, body: string | Buffer): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
}

/** base64 HMAC-SHA256 with the app secret. */
export function invoiceSignature(appSecret: string, method: string, path: string, timestamp: string, nonce: string, body: string | Buffer): string {
  return createHmac('sha256', appSecret).update(invoiceStringToSign(method, path, timestamp, nonce, body)).digest('base64');
}

/** Constant-time comparison of two base64 signatures. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The four headers of a signed request, answer or callback. */
export function signedHeaders(appKey: string, appSecret: string, method: string, path: string, body: string | Buffer, now: number, nonce: string): Record<string, string> {
  const timestamp = String(now);
  return {
    'X-App-Key': appKey,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': invoiceSignature(appSecret, method, path, timestamp, nonce, body),
  };
}
