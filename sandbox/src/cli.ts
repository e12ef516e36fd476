/**
 * `npm start` in sandbox/: every sandbox server on the fixed ports of config/ports.cjs, accepting the
 * credentials bff is configured with (the same environment variables; see README.md).
 */
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { startSandbox } from './index';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports: Record<string, number> = require('@dzky/config');

const env = process.env;

/** The same defaults bff's config.default.ts uses for the names that are not secret. */
const DEFAULTS: Record<string, string> = {
  WECHAT_PASSENGER_APPID: 'wx00000000passenger',
  WECHAT_DRIVER_APPID: 'wx000000000000driver',
  WECHAT_OFFICIAL_APPID: 'wx0000000000official',
  ALIYUN_SMS_SIGN_NAME: '定制客运',
  OSS_BUCKET: 'dzky-files',
  LICENCE_REGISTRY_APP_KEY: 'dzky-dev',
};
const GENERATED = [
  'WECHAT_PASSENGER_SECRET',
  'WECHAT_DRIVER_SECRET',
  'WECHAT_OFFICIAL_SECRET',
  'ALIYUN_SMS_ACCESS_KEY_ID',
  'ALIYUN_SMS_ACCESS_KEY_SECRET',
  'OSS_ACCESS_KEY_ID',
  'OSS_ACCESS_KEY_SECRET',
  'LICENCE_REGISTRY_APP_SECRET',
  // an AMap web-service key with 数字签名 switched on, as production's should be
  'AMAP_WEB_KEY',
  'AMAP_WEB_PRIVATE_KEY',
];
/** Aliyun AccessKey IDs start with LTAI; the other generated values are plain random secrets. */
const ACCESS_KEY_IDS = new Set(['ALIYUN_SMS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_ID']);

/**
 * Secrets missing from the environment are generated once into the ignored `.local/` folder (or
 * DZKY_LOCAL_DIR), like bff's dev secrets, so a fresh clone runs without committed keys.
 */
function credentials(): { values: Record<string, string>; generatedFile?: string } {
  const missing = GENERATED.filter((name) => !env[name]);
  if (!missing.length) return { values: { ...DEFAULTS, ...(env as Record<string, string>) } };
  const file = join(env.DZKY_LOCAL_DIR ?? join(__dirname, '..', '..', '.local'), 'sandbox-credentials.json');
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  for (const name of missing) {
    if (stored[name]) continue;
    stored[name] = ACCESS_KEY_IDS.has(name) ? `LTAI${randomBytes(9).toString('hex')}` : randomBytes(16).toString('hex');
    changed = true;
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return { values: { ...DEFAULTS, ...stored, ...(env as Record<string, string>) }, generatedFile: file };
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function main(): Promise<void> {
  const { values: v, generatedFile } = credentials();
  const app = (role: 'PASSENGER' | 'DRIVER' | 'OFFICIAL') => ({
    appid: v[`WECHAT_${role}_APPID`],
    secret: v[`WECHAT_${role}_SECRET`],
    templates: list(v[`WECHAT_${role}_TEMPLATES`]),
  });
  const sandbox = await startSandbox({
    host: env.SANDBOX_HOST ?? '127.0.0.1',
    ports: {
      wechat: ports.sandboxWechat,
      sms: ports.sandboxSms,
      oss: ports.sandboxOss,
      licence: ports.sandboxLicence,
      amap: ports.sandboxAmap,
    },
    wechat: { apps: [app('PASSENGER'), app('DRIVER'), app('OFFICIAL')], seed: env.SANDBOX_SEED },
    sms: {
      accessKeys: [
        { accessKeyId: v.ALIYUN_SMS_ACCESS_KEY_ID, accessKeySecret: v.ALIYUN_SMS_ACCESS_KEY_SECRET },
      ],
      signName: v.ALIYUN_SMS_SIGN_NAME,
      templates: list(v.ALIYUN_SMS_TEMPLATES),
    },
    oss: {
      accessKeys: [{ accessKeyId: v.OSS_ACCESS_KEY_ID, accessKeySecret: v.OSS_ACCESS_KEY_SECRET }],
      buckets: [v.OSS_BUCKET],
    },
    // seeded with the demo operators, vehicles and drivers (src/licence/seed.ts)
    licence: { apps: [{ appKey: v.LICENCE_REGISTRY_APP_KEY, appSecret: v.LICENCE_REGISTRY_APP_SECRET }] },
    amap: { keys: [{ key: v.AMAP_WEB_KEY, privateKey: v.AMAP_WEB_PRIVATE_KEY }] },
  });
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`sandbox wechat     ${sandbox.wechat.url}   (WECHAT_BASE_URL)`);
  out(`sandbox aliyun-sms ${sandbox.sms.url}   (ALIYUN_SMS_BASE_URL)`);
  out(`sandbox aliyun-oss ${sandbox.oss.endpoint}   (OSS_ENDPOINT, bucket ${v.OSS_BUCKET})`);
  out(`sandbox licence    ${sandbox.licence.url}   (LICENCE_REGISTRY_BASE_URL)`);
  out(`sandbox amap       ${sandbox.amap.url}   (AMAP_BASE_URL)`);
  if (generatedFile)
    out(`credentials missing from the environment are in ${generatedFile}; give bff the same`);

  const shutdown = () => {
    sandbox.stop().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
