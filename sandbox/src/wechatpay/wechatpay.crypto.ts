import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as rsaSign,
  verify as rsaVerify,
  type KeyObject,
} from 'crypto';

/** WeChat Pay APIv3 signature scheme name, the first word of the Authorization header. */
export const WECHATPAY_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

export type KeyLike = string | KeyObject;

export const privateKeyOf = (k: KeyLike): KeyObject => (typeof k === 'string' ? createPrivateKey(k) : k);
export const publicKeyOf = (k: KeyLike): KeyObject => (typeof k === 'string' ? createPublicKey(k) : k.type === 'private' ? createPublicKey(k) : k);

/** Request message: `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` (the body empty for GET). */
export function requestMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** Response and notification message: `TIMESTAMP\nNONCE\nBODY\n` over the raw body. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** base64 SHA256withRSA (PKCS#1 v1.5). */
export function sha256WithRsa(privateKey: KeyLike, message: string): string {
  return rsaSign('sha256', Buffer.from(message, 'utf8'), privateKeyOf(privateKey)).toString('base64');
}

export function verifySha256WithRsa(publicKey: KeyLike, message: string, signatureBase64: string): boolean {
  try {
    return rsaVerify('sha256', Buffer.from(message, 'utf8'), publicKeyOf(publicKey), Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** Parses `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",…`; null when it is not that shape. */
export function parseAuthorization(header: string | undefined): AuthorizationFields | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== WECHATPAY_SCHEMA) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2];
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/**
 * What a merchant (or wechatpay-node-v3's getAuthorization) sends: the Authorization header for a
 * request. Used by tests and by anything that plays the merchant against the sandbox.
 */
export function merchantAuthorization(opts: {
  mchid: string;
  serialNo: string;
  privateKey: KeyLike;
  method: string;
  pathAndQuery: string;
  body?: string;
  timestamp?: string;
  nonce?: string;
}): string {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(16).toString('hex').toUpperCase();
  const signature = sha256WithRsa(opts.privateKey, requestMessage(opts.method, opts.pathAndQuery, timestamp, nonce, opts.body ?? ''));
  return `${WECHATPAY_SCHEMA} mchid="${opts.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${opts.serialNo}"`;
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  nonce: string;
  associated_data: string;
}

/** AEAD_AES_256_GCM with the 32-byte APIv3 key: 12-character nonce, ciphertext = base64(encrypted ‖ 16-byte tag). */
export function encryptResource(apiV3Key: string, plaintext: string, associatedData: string, nonce = randomBytes(6).toString('hex')): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), nonce, associated_data: associatedData };
}

export function decryptResource(apiV3Key: string, resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

export function generateRsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** 40 upper-case hex digits, the form of WeChat Pay certificate serial numbers. */
export const randomSerial = (): string => {
  const bytes = randomBytes(20);
  bytes[0] &= 0x3f; // positive and non-zero leading, as a DER INTEGER serial must be
  bytes[0] |= 0x10;
  return bytes.toString('hex').toUpperCase();
};

// --- a minimal self-signed X.509 v3 certificate (DER by hand: node can parse certificates but not make them)

function der(tag: number, content: Buffer): Buffer {
  const len = content.length;
  let head: Buffer;
  if (len < 0x80) head = Buffer.from([tag, len]);
  else if (len < 0x100) head = Buffer.from([tag, 0x81, len]);
  else if (len < 0x10000) head = Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  else head = Buffer.from([tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff]);
  return Buffer.concat([head, content]);
}
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => der(0x31, Buffer.concat(parts));
function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const printable = (s: string) => der(0x13, Buffer.from(s, 'ascii'));
function utcTime(d: Date): Buffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return der(0x17, Buffer.from(s, 'ascii'));
}
const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

/**
 * A self-signed platform certificate like WeChat Pay's ("Tenpay.com Root CA" issues the real ones):
 * subject CN = Tenpay.com, O = Tenpay.com, C = CN; serial = `serialHex`; signed SHA256withRSA.
 */
export function selfSignedCertificate(opts: { privateKey: KeyLike; serialHex: string; notBefore: Date; notAfter: Date }): string {
  const key = privateKeyOf(opts.privateKey);
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const name = seq(
    set(seq(oid('2.5.4.6'), printable('CN'))),
    set(seq(oid('2.5.4.10'), utf8('Tenpay.com'))),
    set(seq(oid('2.5.4.11'), utf8('Tenpay.com CA Center (sandbox)'))),
    set(seq(oid('2.5.4.3'), utf8('Tenpay.com'))),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from(opts.serialHex, 'hex')),
    SHA256_WITH_RSA,
    name,
    seq(utcTime(opts.notBefore), utcTime(opts.notAfter)),
    name,
    spki,
  );
  const signature = rsaSign('sha256', tbs, key);
  const cert = seq(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const b64 = cert.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export const sha1Hex = (s: string) => createHash('sha1').update(s).digest('hex');
