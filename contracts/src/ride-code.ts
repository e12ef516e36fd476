// first: gives runtimes without TextEncoder one before @noble/curves loads
import { utf8Encode } from './ride-code-text-encoder';
import { ed25519 } from '@noble/curves/ed25519';
import type { TicketType } from './fare';
import type { TicketStatus } from './order';

/**
 * Ride codes (乘车码, design.md §3): a token per rider and trip, `v1.<payload>.<signature>`, signed
 * by the bff with Ed25519. The payload is base64url JSON; the signature covers the ASCII text
 * `v1.<payload>`. A driver's phone verifies it offline with the public keys it cached from
 * `GET /api/public/ride-code-keys`, so nothing here may need Node (no Buffer, no TextEncoder: the
 * mini-program runtime has neither everywhere).
 */

export const RIDE_CODE_VERSION = 'v1';

export interface RideCodePayload {
  ticketNo: string;
  tripId: number;
  orderNo: string;
  /** masked: 张*三 (shown on the driver's phone, which holds no personal data) */
  riderName: string;
  seatNo: number | null;
  /** the rider's journey: stop positions on the trip */
  fromSeq: number;
  toSeq: number;
  /** the trip's departure, ISO 8601 */
  departAt: string;
  /** ID of the signing key */
  kid: string;
  /** when the ticket was issued, ISO 8601 */
  issuedAt: string;
}

export type RideCodeFailure = 'malformed' | 'unknown_key' | 'bad_signature' | 'version';

export type RideCodeVerification =
  | {
      ok: true;
      payload: RideCodePayload;
      /** minutes from `now` to the trip's departure (negative once it has left): the app decides what is too early or too late */
      minutesToDeparture: number;
    }
  | { ok: false; reason: RideCodeFailure };

/** One public key as `GET /api/public/ride-code-keys` lists it. */
export interface RideCodeKey {
  kid: string;
  alg: 'Ed25519';
  /** raw 32-byte Ed25519 public key, base64 */
  publicKey: string;
}

export interface RideCodeKeys {
  keys: RideCodeKey[];
}

/**
 * One rider's ticket with its codes, `GET /api/app/orders/:id/vouchers`. Only tickets that are
 * issued or checked carry codes; the others (退票, 改签, released …) list with `null` codes so the
 * page can say why.
 */
export interface RideVoucherView {
  ticketId: number;
  ticketNo: string;
  riderName: string;
  /** masked (design.md §3 "Personal data") */
  idNumberMasked: string;
  ticketType: TicketType;
  seatNo: number | null;
  status: TicketStatus;
  /** 6 digits the passenger can read out; the driver's manifest shows the same */
  checkCode: string | null;
  /** the token to show as a QR code */
  rideCode: string | null;
}

export interface OrderVouchers {
  orderId: number;
  orderNo: string;
  tripId: number;
  departAt: string;
  vouchers: RideVoucherView[];
}

/** Ticket states whose rider may board: only these carry a ride code and a check code. */
export const RIDE_CODE_TICKET_STATUSES: readonly TicketStatus[] = ['issued', 'checked'];

/** 张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜 */
export function maskRiderName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

// ───────────────────────── bytes, UTF-8 and base64url without Node ─────────────────────────

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${B64}-_`;
const B64URL_INDEX: Record<string, number> = {};
for (let i = 0; i < 64; i++) B64URL_INDEX[B64URL[i]] = i;
B64URL_INDEX['+'] = 62;
B64URL_INDEX['/'] = 63;

/** Strict: anything that is not well-formed UTF-8 answers null. */
function utf8Decode(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length + (n ? 0 : 1)) return null;
    let c = n ? b & (0x3f >> n) : b;
    for (let k = 1; k <= n; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return null;
      c = (c << 6) | (next & 63);
    }
    if ((n === 2 && c < 0x800) || (n === 3 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff)) return null;
    out += String.fromCodePoint(c);
    i += n + 1;
  }
  return out;
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64URL[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** base64url or standard base64, padding optional; null when it is neither. */
export function base64UrlDecode(text: string): Uint8Array | null {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    const v = B64URL_INDEX[ch];
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  // canonical only: leftover bits must be zero, so one byte sequence has one spelling
  if (bits && acc & ((1 << bits) - 1)) return null;
  return Uint8Array.from(out);
}

function hexDecode(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A raw 32-byte public key given as hex or base64 (either alphabet). */
function publicKeyBytes(key: string): Uint8Array | null {
  const trimmed = key.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? hexDecode(trimmed) : base64UrlDecode(trimmed);
  return bytes && bytes.length === 32 ? bytes : null;
}

// ───────────────────────── tokens ─────────────────────────

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is string => isText(v) && !Number.isNaN(Date.parse(v));

/** The payload part of a token: base64url of the JSON with its fields in a fixed order. */
export function encodeRideCodePayload(p: RideCodePayload): string {
  const ordered: RideCodePayload = {
    ticketNo: p.ticketNo,
    tripId: p.tripId,
    orderNo: p.orderNo,
    riderName: p.riderName,
    seatNo: p.seatNo,
    fromSeq: p.fromSeq,
    toSeq: p.toSeq,
    departAt: p.departAt,
    kid: p.kid,
    issuedAt: p.issuedAt,
  };
  return base64UrlEncode(utf8Encode(JSON.stringify(ordered)));
}

function decodePayload(part: string): RideCodePayload | null {
  const bytes = base64UrlDecode(part);
  const text = bytes && utf8Decode(bytes);
  if (!text) return null;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const ok =
    isText(v.ticketNo) && isInt(v.tripId) && isText(v.orderNo) && typeof v.riderName === 'string' &&
    (v.seatNo === null || isInt(v.seatNo)) && isInt(v.fromSeq) && isInt(v.toSeq) && v.fromSeq < v.toSeq &&
    isTime(v.departAt) && isText(v.kid) && isTime(v.issuedAt);
  if (!ok) return null;
  return {
    ticketNo: v.ticketNo as string, tripId: v.tripId as number, orderNo: v.orderNo as string, riderName: v.riderName as string,
    seatNo: v.seatNo as number | null, fromSeq: v.fromSeq as number, toSeq: v.toSeq as number, departAt: v.departAt as string,
    kid: v.kid as string, issuedAt: v.issuedAt as string,
  };
}

/**
 * What a token says, without checking its signature (for display only; trust needs
 * `verifyRideCode`). Null when it is not a well-formed v1 token.
 */
export function parseRideCode(token: string): RideCodePayload | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== RIDE_CODE_VERSION) return null;
  return decodePayload(parts[1]);
}

/** The bytes the signature covers: `v1.<payload>` as ASCII. */
export function rideCodeSigningInput(token: string): Uint8Array {
  const text = token.trim();
  const last = text.lastIndexOf('.');
  return utf8Encode(last < 0 ? text : text.slice(0, last));
}

/** Builds a token from a payload and a signing function over `rideCodeSigningInput` (the bff signs with node:crypto). */
export function assembleRideCode(payload: RideCodePayload, sign: (input: Uint8Array) => Uint8Array): string {
  const unsigned = `${RIDE_CODE_VERSION}.${encodeRideCodePayload(payload)}`;
  return `${unsigned}.${base64UrlEncode(sign(utf8Encode(unsigned)))}`;
}

/**
 * Checks a scanned token against the cached public keys (kid → raw 32-byte key, hex or base64).
 * The signature is checked before the payload is trusted; a key that cannot be read counts as
 * unknown.
 */
export function verifyRideCode(token: string, publicKeys: Record<string, string>, now: Date = new Date()): RideCodeVerification {
  const parts = typeof token === 'string' ? token.trim().split('.') : [];
  if (parts.length !== 3 || !parts[0] || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' };
  if (parts[0] !== RIDE_CODE_VERSION) return { ok: false, reason: 'version' };
  const payload = decodePayload(parts[1]);
  const signature = base64UrlDecode(parts[2]);
  if (!payload || !signature || signature.length !== 64) return { ok: false, reason: 'malformed' };
  const given = Object.prototype.hasOwnProperty.call(publicKeys, payload.kid) ? publicKeys[payload.kid] : undefined;
  const key = given ? publicKeyBytes(given) : null;
  if (!key) return { ok: false, reason: 'unknown_key' };
  let valid = false;
  try {
    valid = ed25519.verify(signature, rideCodeSigningInput(token), key, { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  return { ok: true, payload, minutesToDeparture: Math.round((Date.parse(payload.departAt) - now.getTime()) / 60_000) };
}
