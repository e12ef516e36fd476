import { ed25519 } from '@noble/curves/ed25519';
import {
  assembleRideCode, base64UrlDecode, base64UrlEncode, encodeRideCodePayload, maskRiderName, parseRideCode, rideCodeSigningInput,
  verifyRideCode, type RideCodePayload,
} from './ride-code';

const secret = ed25519.utils.randomPrivateKey();
const publicKey = ed25519.getPublicKey(secret);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const keys = { r1: base64UrlEncode(publicKey) };

const payload: RideCodePayload = {
  ticketNo: 'T202612070001',
  tripId: 42,
  orderNo: 'D202612070001',
  riderName: '张*丰',
  seatNo: 7,
  fromSeq: 1,
  toSeq: 3,
  departAt: '2026-12-09T01:30:00.000Z',
  kid: 'r1',
  issuedAt: '2026-12-07T09:00:00.000Z',
};

const sign = (p: RideCodePayload, key = secret) => assembleRideCode(p, (input) => ed25519.sign(input, key));

/** The token with its payload part replaced, the signature kept. */
function withPayload(token: string, change: (json: string) => string): string {
  const [v, part, sig] = token.split('.');
  const json = new TextDecoder().decode(base64UrlDecode(part)!);
  const changed = change(json);
  expect(changed).not.toBe(json);
  return [v, base64UrlEncode(new TextEncoder().encode(changed)), sig].join('.');
}

describe('R-6.2.6 ride codes: signed tokens a driver verifies offline', () => {
  it('R-6.2.6 a token signed with the key verifies and carries the ticket, trip and journey', () => {
    const token = sign(payload);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    const result = verifyRideCode(token, keys, new Date('2026-12-09T01:00:00.000Z'));
    expect(result).toEqual({ ok: true, payload, minutesToDeparture: 30 });
    // the key may also be cached as hex
    expect(verifyRideCode(token, { r1: hex(publicKey) }).ok).toBe(true);
    expect(parseRideCode(token)).toEqual(payload);
  });

  it('R-6.2.6 the signature covers exactly v1.<payload>', () => {
    const token = sign(payload);
    const input = rideCodeSigningInput(token);
    expect(new TextDecoder().decode(input)).toBe(`v1.${encodeRideCodePayload(payload)}`);
    const sig = base64UrlDecode(token.split('.')[2])!;
    expect(ed25519.verify(sig, input, publicKey)).toBe(true);
  });

  it('R-6.2.6 one changed payload character is refused as a bad signature', () => {
    const token = sign(payload);
    expect(verifyRideCode(withPayload(token, (j) => j.replace('"seatNo":7', '"seatNo":8')), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRideCode(withPayload(token, (j) => j.replace('T202612070001', 'T202612070002')), keys)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('R-6.2.6 one changed signature byte is refused', () => {
    const token = sign(payload);
    const [v, part, sigText] = token.split('.');
    const sig = base64UrlDecode(sigText)!;
    for (const i of [0, 31, 63]) {
      const bad = Uint8Array.from(sig);
      bad[i] ^= 0x01;
      expect(verifyRideCode([v, part, base64UrlEncode(bad)].join('.'), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('R-6.2.6 a token of another key, or of a key the phone does not know, is refused', () => {
    const other = ed25519.utils.randomPrivateKey();
    // signed by someone else under our key ID
    expect(verifyRideCode(sign(payload, other), keys)).toEqual({ ok: false, reason: 'bad_signature' });
    // a key ID the phone has not cached
    expect(verifyRideCode(sign({ ...payload, kid: 'r9' }), keys)).toEqual({ ok: false, reason: 'unknown_key' });
    // inherited object properties are not keys
    expect(verifyRideCode(sign({ ...payload, kid: 'toString' }), keys)).toEqual({ ok: false, reason: 'unknown_key' });
    // a cached key that is not 32 bytes
    expect(verifyRideCode(sign(payload), { r1: 'AAAA' })).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('R-6.2.6 another version prefix is refused as such, and broken tokens as malformed', () => {
    const token = sign(payload);
    expect(verifyRideCode(token.replace(/^v1\./, 'v2.'), keys)).toEqual({ ok: false, reason: 'version' });
    for (const broken of ['', 'v1', 'v1..', `${token}.x`, token.slice(0, -2), token.replace(/\.[^.]+\./, '.!!!!.'), `v1.${base64UrlEncode(new TextEncoder().encode('{"ticketNo":1}'))}.${token.split('.')[2]}`]) {
      expect(verifyRideCode(broken, keys)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(parseRideCode(token.replace(/^v1\./, 'v2.'))).toBeNull();
  });

  it('encodes Chinese names as UTF-8 and base64url round trips', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const n of [0, 1, 2, 3, 31, 32, 64, 256]) expect(base64UrlDecode(base64UrlEncode(bytes.slice(0, n)))).toEqual(bytes.slice(0, n));
    const part = encodeRideCodePayload({ ...payload, riderName: '欧**娜' });
    expect(JSON.parse(new TextDecoder().decode(base64UrlDecode(part)!)).riderName).toBe('欧**娜');
    // the same bytes a standard decoder reads: 欧 is E6 AC A7 in UTF-8
    expect(Array.from(base64UrlDecode(base64UrlEncode(new TextEncoder().encode('欧')))!)).toEqual([0xe6, 0xac, 0xa7]);
  });

  it('R-8.2 rider names are masked like 张*三', () => {
    expect(maskRiderName('张三')).toBe('张*');
    expect(maskRiderName('张三丰')).toBe('张*丰');
    expect(maskRiderName('欧阳娜娜')).toBe('欧**娜');
    expect(maskRiderName('李')).toBe('李');
  });
});

describe('R-6.2.6 ride codes verify on phones whose runtime has no TextEncoder', () => {
  it('R-6.2.6 loads and verifies with TextEncoder missing', () => {
    const token = sign(payload);
    const g = globalThis as { TextEncoder?: unknown };
    const saved = g.TextEncoder;
    delete g.TextEncoder;
    try {
      jest.isolateModules(() => {
        // a fresh copy of the module and of @noble/curves, loaded as a mini-program would
        const fresh = jest.requireActual<typeof import('./ride-code')>('./ride-code');
        expect(fresh.verifyRideCode(token, keys)).toMatchObject({ ok: true, payload });
        expect(fresh.verifyRideCode(withPayload(token, (j) => j.replace('"seatNo":7', '"seatNo":9')), keys)).toEqual({ ok: false, reason: 'bad_signature' });
      });
    } finally {
      g.TextEncoder = saved;
    }
  });
});
