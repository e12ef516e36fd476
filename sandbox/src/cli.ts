/**
 * `npm start` in sandbox/: every sandbox server on the fixed ports of config/ports.cjs, accepting the
 * credentials bff is configured with (the same environment variables; see README.md).
 */
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { startSandbox } from './index';
import { generateRsaKeyPair, randomSerial } from './wechatpay/wechatpay.crypto';
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
  // the subscribe-message templates of the passenger mini-program (bff: WECHAT_TPL_*)
  WECHAT_PASSENGER_TEMPLATES: 'tpl-payment-succeeded,tpl-refund-succeeded,tpl-refund-failed,tpl-vehicle-assigned,tpl-vehicle-changed,tpl-trip-cancelled',
  EINVOICE_APP_KEY: 'dzky-dev',
  // the platform's WeChat Pay service-provider account and the demo operators' merchant numbers
  // (config/demo/seed.json: a sub-merchant and a direct merchant)
  WECHATPAY_SP_MCHID: '1230000109',
  WECHATPAY_SUB_MCHIDS: '1900000109',
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
  'EINVOICE_APP_SECRET',
];
/** Aliyun AccessKey IDs start with LTAI; the other generated values are plain random secrets. */
const ACCESS_KEY_IDS = new Set(['ALIYUN_SMS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_ID']);

/**
 * WeChat Pay keys come in sets (a merchant's key pair with its certificate serial; the platform's
 * public-key signing pair with its PUB_KEY_ID_…), generated together into the same file. bff gets
 * the merchant's private key and the platform's public key; the sandbox keeps the other halves.
 */
const DEMO_DIRECT_MCHID = '1900000201';
function wechatPayCredentials(): Record<string, string> {
  const provider = generateRsaKeyPair();
  const platform = generateRsaKeyPair();
  const direct = generateRsaKeyPair();
  return {
    WECHATPAY_SP_SERIAL_NO: randomSerial(),
    WECHATPAY_SP_PRIVATE_KEY: provider.privateKeyPem,
    WECHATPAY_SP_PUBLIC_KEY: provider.publicKeyPem,
    WECHATPAY_SP_APIV3_KEY: randomBytes(16).toString('hex'),
    WECHATPAY_SP_PLATFORM_PUBLIC_KEY_ID: `PUB_KEY_ID_0119${randomBytes(10).toString('hex').toUpperCase()}`,
    WECHATPAY_SP_PLATFORM_PUBLIC_KEY: platform.publicKeyPem,
    WECHATPAY_PLATFORM_PRIVATE_KEY: platform.privateKeyPem,
    // the direct merchant verifies the platform by certificate (fetched from /v3/certificates)
    WECHATPAY_DIRECT_MERCHANTS: JSON.stringify([
      { mchid: DEMO_DIRECT_MCHID, serialNo: randomSerial(), privateKey: direct.privateKeyPem, publicKey: direct.publicKeyPem, apiV3Key: randomBytes(16).toString('hex') },
    ]),
  };
}
const WECHATPAY_GENERATED = Object.keys({
  WECHATPAY_SP_SERIAL_NO: 1, WECHATPAY_SP_PRIVATE_KEY: 1, WECHATPAY_SP_PUBLIC_KEY: 1, WECHATPAY_SP_APIV3_KEY: 1,
  WECHATPAY_SP_PLATFORM_PUBLIC_KEY_ID: 1, WECHATPAY_SP_PLATFORM_PUBLIC_KEY: 1, WECHATPAY_PLATFORM_PRIVATE_KEY: 1, WECHATPAY_DIRECT_MERCHANTS: 1,
});

/**
 * Secrets missing from the environment are generated once into the ignored `.local/` folder (or
 * DZKY_LOCAL_DIR), like bff's dev secrets, so a fresh clone runs without committed keys.
 */
function credentials(): { values: Record<string, string>; generatedFile?: string } {
  const missing = [...GENERATED, ...WECHATPAY_GENERATED].filter((name) => !env[name]);
  if (!missing.length) return { values: { ...DEFAULTS, ...(env as Record<string, string>) } };
  const file = join(env.DZKY_LOCAL_DIR ?? join(__dirname, '..', '..', '.local'), 'sandbox-credentials.json');
  let stored: Record<string, string> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  let changed = false;
  // the WeChat Pay set is generated whole (its parts belong together), and only when none is given
  if (WECHATPAY_GENERATED.some((name) => missing.includes(name) && !stored[name]) && !WECHATPAY_GENERATED.some((name) => env[name])) {
    Object.assign(stored, wechatPayCredentials());
    changed = true;
  }
  for (const name of missing) {
    if (stored[name] || WECHATPAY_GENERATED.includes(name)) continue;
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
      wechatpay: ports.sandboxWechatPay,
      invoice: ports.sandboxInvoice,
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
    // issuing takes a moment, as at a real provider
    invoice: { apps: [{ appKey: v.EINVOICE_APP_KEY, appSecret: v.EINVOICE_APP_SECRET }], issueDelayMs: Number(env.SANDBOX_EINVOICE_ISSUE_DELAY_MS ?? 1000) },
    wechatpay: {
      merchants: [
        {
          mchid: v.WECHATPAY_SP_MCHID,
          serialNo: v.WECHATPAY_SP_SERIAL_NO,
          publicKey: v.WECHATPAY_SP_PUBLIC_KEY,
          apiV3Key: v.WECHATPAY_SP_APIV3_KEY,
          subMchids: list(v.WECHATPAY_SUB_MCHIDS),
          platformKey: 'publicKey',
        },
        ...(JSON.parse(v.WECHATPAY_DIRECT_MERCHANTS || '[]') as Array<{ mchid: string; serialNo: string; publicKey: string; apiV3Key: string }>).map((m) => ({
          mchid: m.mchid,
          serialNo: m.serialNo,
          publicKey: m.publicKey,
          apiV3Key: m.apiV3Key,
          platformKey: 'certificate' as const,
        })),
      ],
      platform: { publicKeyPrivateKey: v.WECHATPAY_PLATFORM_PRIVATE_KEY, publicKeyId: v.WECHATPAY_SP_PLATFORM_PUBLIC_KEY_ID },
      // PROCESSING for a moment, as real refunds are
      refundSettleMs: Number(env.SANDBOX_WECHATPAY_REFUND_SETTLE_MS ?? 2000),
    },
  });
  const out = (line: string) => process.stdout.write(line + '\n');
  out(`sandbox wechat     ${sandbox.wechat.url}   (WECHAT_BASE_URL)`);
  out(`sandbox aliyun-sms ${sandbox.sms.url}   (ALIYUN_SMS_BASE_URL)`);
  out(`sandbox aliyun-oss ${sandbox.oss.endpoint}   (OSS_ENDPOINT, bucket ${v.OSS_BUCKET})`);
  out(`sandbox licence    ${sandbox.licence.url}   (LICENCE_REGISTRY_BASE_URL)`);
  out(`sandbox amap       ${sandbox.amap.url}   (AMAP_BASE_URL)`);
  out(`sandbox wechatpay  ${sandbox.wechatpay.url}   (WECHATPAY_BASE_URL)`);
  out(`sandbox e-invoice  ${sandbox.invoice.url}   (EINVOICE_BASE_URL)`);
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
