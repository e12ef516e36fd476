import { createPrivateKey, generateKeyPairSync, randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/**
 * Secrets come from the environment (design.md §2). Outside production, any that are missing are
 * generated once into an ignored folder (`.local/` at the repository root, or DZKY_LOCAL_DIR), so a
 * fresh clone starts with keys of its own and no key is ever committed.
 */
export interface Secrets {
  tokenSecret: string;
  /** key ID → 32-byte key, base64; the first entry is the one new data is encrypted with */
  fieldKeys: Record<string, string>;
  currentFieldKeyId: string;
  blindIndexKey: string;
  auditHmacKey: string;
  /** ride codes: key ID → Ed25519 private key (PKCS#8 PEM, or the 32-byte seed in base64); the first entry signs */
  rideCodeKeys: Record<string, string>;
  currentRideCodeKeyId: string;
}

const ENV = {
  tokenSecret: 'AUTH_TOKEN_SECRET',
  fieldKeys: 'FIELD_ENCRYPTION_KEYS', // "k2:base64,k1:base64" — first is current
  blindIndexKey: 'BLIND_INDEX_KEY',
  auditHmacKey: 'AUDIT_HMAC_KEY',
  rideCodeKeys: 'RIDE_CODE_SIGNING_KEYS', // "r2:<seed base64>,r1:<seed base64>" — first signs, the rest stay published
} as const;

export function localDir(): string {
  return process.env.DZKY_LOCAL_DIR ?? join(__dirname, '..', '..', '..', '.local');
}

function parseFieldKeys(value: string): { keys: Record<string, string>; current: string } {
  const keys: Record<string, string> = {};
  let current = '';
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kid, key] = part.split(':');
    if (!kid || !key || Buffer.from(key, 'base64').length !== 32) {
      throw new Error(`${ENV.fieldKeys}: each entry must be kid:<32 bytes base64>`);
    }
    keys[kid] = key;
    current ||= kid;
  }
  if (!current) throw new Error(`${ENV.fieldKeys} is empty`);
  return { keys, current };
}

/** An Ed25519 private key from a PEM or a base64 seed (32 bytes) or PKCS#8 DER; null when it is neither. */
export function ed25519PrivateKey(value: string) {
  try {
    if (value.includes('-----BEGIN')) return createPrivateKey(value);
    const raw = Buffer.from(value, 'base64');
    // a bare seed gets the fixed PKCS#8 header of an Ed25519 key (RFC 8410)
    const der = raw.length === 32 ? Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), raw]) : raw;
    const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function parseRideCodeKeys(value: string): { keys: Record<string, string>; current: string } {
  const keys: Record<string, string> = {};
  let current = '';
  // entries are kid:key; a PEM may contain line breaks but never a comma
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = part.indexOf(':');
    const kid = part.slice(0, at).trim();
    // a PEM in a one-line environment value comes with its line breaks escaped
    const key = part.slice(at + 1).trim().replace(/\\n/g, '\n');
    if (at < 1 || !/^[A-Za-z0-9_-]{1,16}$/.test(kid) || !ed25519PrivateKey(key)) {
      throw new Error(`${ENV.rideCodeKeys}: each entry must be kid:<Ed25519 key, PKCS#8 PEM or 32-byte seed base64>`);
    }
    keys[kid] = key;
    current ||= kid;
  }
  if (!current) throw new Error(`${ENV.rideCodeKeys} is empty`);
  return { keys, current };
}

const GENERATORS: Record<(typeof ENV)[keyof typeof ENV], () => string> = {
  [ENV.tokenSecret]: () => randomBytes(32).toString('base64'),
  [ENV.fieldKeys]: () => `k1:${randomBytes(32).toString('base64')}`,
  [ENV.blindIndexKey]: () => randomBytes(32).toString('base64'),
  [ENV.auditHmacKey]: () => randomBytes(32).toString('base64'),
  [ENV.rideCodeKeys]: () => {
    const seed = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
    return `r1:${seed.toString('base64')}`;
  },
};

/** The local secrets file; a secret added since it was written is generated into it, the others kept. */
function generated(): Record<string, string> {
  const file = join(localDir(), 'dev-secrets.json');
  const secrets: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const missing = Object.values(ENV).filter((name) => !secrets[name]);
  if (!missing.length) return secrets;
  for (const name of missing) secrets[name] = GENERATORS[name]();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function loadSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  const missing = Object.values(ENV).filter((name) => !env[name]);
  let source: Record<string, string | undefined> = env;
  if (missing.length) {
    if (env.NODE_ENV === 'production') {
      throw new Error(`missing secrets in the environment: ${missing.join(', ')}`);
    }
    source = { ...generated(), ...env };
  }
  const fieldKeys = parseFieldKeys(source[ENV.fieldKeys]!);
  const rideCodeKeys = parseRideCodeKeys(source[ENV.rideCodeKeys]!);
  return {
    tokenSecret: source[ENV.tokenSecret]!,
    fieldKeys: fieldKeys.keys,
    currentFieldKeyId: fieldKeys.current,
    blindIndexKey: source[ENV.blindIndexKey]!,
    auditHmacKey: source[ENV.auditHmacKey]!,
    rideCodeKeys: rideCodeKeys.keys,
    currentRideCodeKeyId: rideCodeKeys.current,
  };
}
