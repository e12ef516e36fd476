import { generateKeyPairSync, randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadSecrets } from '../../src/config/secrets';

const BASE = {
  AUTH_TOKEN_SECRET: randomBytes(32).toString('base64'),
  FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  AUDIT_HMAC_KEY: randomBytes(32).toString('base64'),
};

describe('ride code signing keys in the configuration (R-6.2.6)', () => {
  const saved = process.env.DZKY_LOCAL_DIR;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dzky-keys-'));
    process.env.DZKY_LOCAL_DIR = dir;
  });
  afterAll(() => {
    process.env.DZKY_LOCAL_DIR = saved;
  });

  it('R-6.2.6 a local secrets file written before ride codes existed gets a signing key added, its other secrets kept', () => {
    const file = join(dir, 'dev-secrets.json');
    writeFileSync(file, JSON.stringify(BASE));
    const secrets = loadSecrets({ NODE_ENV: 'development' });
    expect(secrets.currentRideCodeKeyId).toBe('r1');
    expect(Buffer.from(secrets.rideCodeKeys.r1, 'base64')).toHaveLength(32);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored).toEqual({ ...BASE, RIDE_CODE_SIGNING_KEYS: `r1:${secrets.rideCodeKeys.r1}` });
    expect(secrets.auditHmacKey).toBe(BASE.AUDIT_HMAC_KEY);
    // the next start signs with the same key
    expect(loadSecrets({ NODE_ENV: 'development' }).rideCodeKeys).toEqual(secrets.rideCodeKeys);
  });

  it('R-6.2.6 production refuses to start without RIDE_CODE_SIGNING_KEYS, and never writes a local file', () => {
    expect(() => loadSecrets({ NODE_ENV: 'production', ...BASE })).toThrow(/missing secrets in the environment: RIDE_CODE_SIGNING_KEYS/);
    expect(existsSync(join(dir, 'dev-secrets.json'))).toBe(false);
  });

  it('R-6.2.6 keys are read as a base64 seed or a PKCS#8 PEM; the first one signs; anything else is refused', () => {
    // a fresh key, as an operator would paste it into a one-line environment value (line breaks escaped)
    const generated = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
    const escaped = (text: string) => text.replace(/\n/g, '\\n');
    const seed = randomBytes(32).toString('base64');
    const secrets = loadSecrets({ NODE_ENV: 'production', ...BASE, RIDE_CODE_SIGNING_KEYS: `r2:${seed},r1:${escaped(generated)}` });
    expect(secrets.currentRideCodeKeyId).toBe('r2');
    expect(Object.keys(secrets.rideCodeKeys)).toEqual(['r2', 'r1']);
    // the PEM comes back whole, its line breaks restored
    expect(secrets.rideCodeKeys.r1).toBe(generated);
    // the same PEM frame around a body that is no key
    const notAKey = generated.replace(/\n[\s\S]+\n/, '\nAAAA\n');
    for (const bad of ['r1:abc', `:${seed}`, seed, `r1:${escaped(notAKey)}`]) {
      expect(() => loadSecrets({ NODE_ENV: 'production', ...BASE, RIDE_CODE_SIGNING_KEYS: bad })).toThrow(/RIDE_CODE_SIGNING_KEYS/);
    }
  });
});
