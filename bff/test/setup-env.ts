/**
 * Runs before each test file: a database and secrets of its own, so files never see each other's
 * data. SQLite by default; with TEST_DB_URL=mysql://…/name each file gets a database name_<worker>_<n>
 * that is dropped when the app closes.
 */
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const dir = mkdtempSync(join(tmpdir(), 'dzky-test-'));
const unique = `${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(3).toString('hex')}`;
const base = process.env.TEST_DB_URL;

process.env.NODE_ENV = 'unittest';
// Midway scans src/**/*.ts only when it knows it runs TypeScript (ts-jest is not detected)
process.env.MIDWAY_TS_MODE = 'true';
process.env.MIDWAY_SERVER_ENV = 'unittest';
if (base && base.startsWith('mysql:')) {
  const url = new URL(base);
  url.pathname = `/${url.pathname.slice(1) || 'test'}_${unique}`;
  process.env.DB_URL = url.toString();
  process.env.DB_CREATE = '1';
  process.env.DB_DROP_ON_CLOSE = '1';
} else {
  process.env.DB_URL = `sqlite:${join(dir, 'test.sqlite')}`;
}
process.env.DZKY_LOCAL_DIR = dir;
process.env.REDIS_KEY_PREFIX = `dzky-test:${unique}:`;
process.env.AUDIT_ANCHOR_FILE = join(dir, 'audit-anchor.log');
process.env.LOG_DIR = join(dir, 'logs');
process.env.AUTH_TOKEN_SECRET = randomBytes(32).toString('base64');
process.env.FIELD_ENCRYPTION_KEYS = `t1:${randomBytes(32).toString('base64')}`;
process.env.BLIND_INDEX_KEY = randomBytes(32).toString('base64');
process.env.AUDIT_HMAC_KEY = randomBytes(32).toString('base64');
process.env.RIDE_CODE_SIGNING_KEYS = `t1:${randomBytes(32).toString('base64')}`;
