import { randomBytes } from 'crypto';
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
}

const ENV = {
  tokenSecret: 'AUTH_TOKEN_SECRET',
  fieldKeys: 'FIELD_ENCRYPTION_KEYS', // "k2:base64,k1:base64" — first is current
  blindIndexKey: 'BLIND_INDEX_KEY',
  auditHmacKey: 'AUDIT_HMAC_KEY',
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

function generated(): Record<string, string> {
  const file = join(localDir(), 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = {
    [ENV.tokenSecret]: randomBytes(32).toString('base64'),
    [ENV.fieldKeys]: `k1:${randomBytes(32).toString('base64')}`,
    [ENV.blindIndexKey]: randomBytes(32).toString('base64'),
    [ENV.auditHmacKey]: randomBytes(32).toString('base64'),
  };
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
  return {
    tokenSecret: source[ENV.tokenSecret]!,
    fieldKeys: fieldKeys.keys,
    currentFieldKeyId: fieldKeys.current,
    blindIndexKey: source[ENV.blindIndexKey]!,
    auditHmacKey: source[ENV.auditHmacKey]!,
  };
}
