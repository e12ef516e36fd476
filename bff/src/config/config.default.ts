import type { MidwayAppInfo, MidwayConfig } from '@midwayjs/core';
import { join } from 'path';
import { loadSecrets, localDir } from './secrets';
import { jsonLogFormat } from '../common/util/json-log.format';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ports = require('@dzky/config');

const env = process.env;
const num = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/**
 * Outside production a missing setting falls back to the local default (embedded SQLite, the
 * sandbox servers, `.local/`); in production it must be set, so nothing silently runs against a
 * sandbox or a throwaway file.
 */
function setting(name: string, localDefault: string): string {
  const value = env[name];
  if (value) return value;
  if (env.NODE_ENV === 'production') throw new Error(`${name} must be set in production`);
  return localDefault;
}

/** an https address with a host: what production accepts for every address below */
const HTTPS_URL = /^https:\/\/[^/\s]+/i;

/**
 * An address of bff itself or of an external system: a setting as above that, in production, must
 * be https — keys, personal data and payment notifications never travel in plain text.
 */
function endpoint(name: string, localDefault: string): string {
  const value = setting(name, localDefault);
  if (env.NODE_ENV === 'production' && !HTTPS_URL.test(value)) throw new Error(`${name} must be an https:// address in production`);
  return value;
}

/** The H5 origins web authorisation may return to (comma-separated); https only in production. */
function h5Origins(list: string): string[] {
  const origins = list.split(',').map((o) => o.trim()).filter(Boolean);
  const plain = origins.find((o) => !HTTPS_URL.test(o));
  if (env.NODE_ENV === 'production' && plain) throw new Error(`H5_ORIGINS must list https:// origins in production (${plain})`);
  return origins;
}

/** PEM keys may arrive with their line breaks escaped (one-line environment values) */
const pem = (value: string) => value.replace(/\\n/g, '\n');

/** bff's own folder (from src/config or dist/config), whatever the working directory */
const BFF_DIR = join(__dirname, '..', '..');

export default (_appInfo: MidwayAppInfo): MidwayConfig => {
  const secrets = loadSecrets();
  const sandboxUrl = (port: number) => `http://localhost:${port}`;
  const maxUploadBytes = Number(env.FILE_MAX_BYTES ?? 10 * 1024 * 1024);
  return {
    keys: secrets.tokenSecret,
    koa: {
      port: num(env.PORT, ports.bff),
      // behind nginx (config/deploy): trust X-Forwarded-For for the client address in audit records
      proxy: env.TRUST_PROXY === '1',
      // request lines in JSON with the request ID; framework lifecycle lines (midway-core.log) keep
      // Midway's text format
      contextLoggerFormat: jsonLogFormat,
    },
    bodyParser: { jsonLimit: '1mb' },
    // validation messages in Chinese unless the client asks for English (Accept-Language)
    i18n: { defaultLocale: 'zh_CN', fallbacks: { 'en_*': 'en_US', en: 'en_US' } },
    // report every bad field at once, not just the first
    validate: { validationOptions: { abortEarly: false, stripUnknown: true } },
    db: {
      url: setting('DB_URL', `sqlite:${join(BFF_DIR, 'data', 'dzky.sqlite')}`),
      /** create the MySQL database when it is missing (tests and first start) */
      createDatabase: env.DB_CREATE === '1',
      dropOnClose: env.DB_DROP_ON_CLOSE === '1',
      logSql: env.DB_LOG_SQL === '1',
    },
    // keyPrefix separates deployments (and test files) sharing one Redis
    redis: { url: env.REDIS_URL ?? null, keyPrefix: env.REDIS_KEY_PREFIX ?? 'dzky:' },
    auth: {
      tokenSecret: secrets.tokenSecret,
      adminAccessTtlSeconds: 600,
      endUserAccessTtlSeconds: 1800,
      adminRefreshTtlSeconds: 12 * 3600,
      endUserRefreshTtlSeconds: 30 * 24 * 3600,
      challengeTtlSeconds: 300,
      totpIssuer: env.TOTP_ISSUER ?? '定制客运平台',
      sms: {
        codeTtlSeconds: 300,
        resendAfterSeconds: 60,
        maxPerPhonePerHour: 5,
        maxPerPhonePerDay: 10,
        maxPerIpPerHour: 30,
        maxAttemptsPerCode: 5,
      },
      /** defaults; the security administrator changes them at run time */
      securityDefaults: {
        passwordMaxAgeDays: 90,
        lockoutThreshold: 5,
        lockoutMinutes: 15,
        idleTimeoutMinutes: 30,
      },
    },
    crypto: {
      fieldKeys: secrets.fieldKeys,
      currentFieldKeyId: secrets.currentFieldKeyId,
      blindIndexKey: secrets.blindIndexKey,
    },
    audit: {
      hmacKey: secrets.auditHmacKey,
      /** the chain head is anchored outside the database, here an append-only log file */
      anchorFile: setting('AUDIT_ANCHOR_FILE', join(localDir(), 'audit-anchor.log')),
    },
    rideCode: {
      /** key ID → Ed25519 private key (PKCS#8 PEM or base64 seed); every key's public half stays published */
      signingKeys: secrets.rideCodeKeys,
      /** the key new ride codes are signed with */
      currentKeyId: secrets.currentRideCodeKeyId,
    },
    wechat: {
      // production: https://api.weixin.qq.com
      baseUrl: endpoint('WECHAT_BASE_URL', sandboxUrl(ports.sandboxWechat)),
      apps: {
        passenger: { appid: env.WECHAT_PASSENGER_APPID ?? 'wx00000000passenger', secret: env.WECHAT_PASSENGER_SECRET ?? '' },
        driver: { appid: env.WECHAT_DRIVER_APPID ?? 'wx000000000000driver', secret: env.WECHAT_DRIVER_SECRET ?? '' },
        official: { appid: env.WECHAT_OFFICIAL_APPID ?? 'wx0000000000official', secret: env.WECHAT_OFFICIAL_SECRET ?? '' },
      },
      // official-account web authorisation (H5 inside WeChat); the sandbox serves it beside the APIs
      openBaseUrl: env.WECHAT_OPEN_BASE_URL
        ? endpoint('WECHAT_OPEN_BASE_URL', '')
        : env.NODE_ENV === 'production' ? 'https://open.weixin.qq.com' : (env.WECHAT_BASE_URL ?? sandboxUrl(ports.sandboxWechat)),
      // origins of the H5 app that web authorisation may return to (comma-separated); none in production until set
      h5Origins: h5Origins(env.H5_ORIGINS ?? (env.NODE_ENV === 'production' ? '' : `http://localhost:${ports.passengerH5},http://127.0.0.1:${ports.passengerH5}`)),
    },
    sms: {
      // production: https://dysmsapi.aliyuncs.com
      baseUrl: endpoint('ALIYUN_SMS_BASE_URL', sandboxUrl(ports.sandboxSms)),
      accessKeyId: env.ALIYUN_SMS_ACCESS_KEY_ID ?? '',
      accessKeySecret: env.ALIYUN_SMS_ACCESS_KEY_SECRET ?? '',
      signName: env.ALIYUN_SMS_SIGN_NAME ?? '定制客运',
      templates: {
        loginCode: env.ALIYUN_SMS_TEMPLATE_LOGIN ?? 'SMS_LOGIN_CODE',
        rideVoucher: env.ALIYUN_SMS_TEMPLATE_VOUCHER ?? 'SMS_RIDE_VOUCHER',
        notice: env.ALIYUN_SMS_TEMPLATE_NOTICE ?? 'SMS_NOTICE',
      },
    },
    notification: {
      // WeChat subscribe-message template IDs of the passenger mini-program (公共模板库 picks); a kind
      // set to '' has none and goes by SMS. The sandbox accepts any ID unless given a list
      // (WECHAT_PASSENGER_TEMPLATES).
      subscribeTemplates: {
        payment_succeeded: env.WECHAT_TPL_PAYMENT_SUCCEEDED ?? 'tpl-payment-succeeded',
        refund_succeeded: env.WECHAT_TPL_REFUND_SUCCEEDED ?? 'tpl-refund-succeeded',
        refund_failed: env.WECHAT_TPL_REFUND_FAILED ?? 'tpl-refund-failed',
        vehicle_assigned: env.WECHAT_TPL_VEHICLE_ASSIGNED ?? 'tpl-vehicle-assigned',
        vehicle_changed: env.WECHAT_TPL_VEHICLE_CHANGED ?? 'tpl-vehicle-changed',
        trip_cancelled: env.WECHAT_TPL_TRIP_CANCELLED ?? 'tpl-trip-cancelled',
      },
    },
    oss: {
      // production: the bucket's region endpoint, e.g. https://oss-cn-shenzhen.aliyuncs.com
      endpoint: endpoint('OSS_ENDPOINT', sandboxUrl(ports.sandboxOss)),
      bucket: env.OSS_BUCKET ?? 'dzky-files',
      region: env.OSS_REGION ?? 'oss-cn-shenzhen',
      // outside production the sandbox generates these and `npm start` hands them over (.local/)
      accessKeyId: setting('OSS_ACCESS_KEY_ID', ''),
      accessKeySecret: setting('OSS_ACCESS_KEY_SECRET', ''),
    },
    files: {
      /** uploads larger than this are refused before they reach storage */
      maxBytes: maxUploadBytes,
      /** how long a download link stays valid */
      urlTtlSeconds: Number(env.FILE_URL_TTL_SECONDS ?? 300),
    },
    licenceRegistry: {
      // production: the provincial transport authority's registry endpoint
      baseUrl: endpoint('LICENCE_REGISTRY_BASE_URL', sandboxUrl(ports.sandboxLicence)),
      appKey: env.LICENCE_REGISTRY_APP_KEY ?? 'dzky-dev',
      appSecret: setting('LICENCE_REGISTRY_APP_SECRET', ''),
    },
    amap: {
      // production: https://restapi.amap.com (Web Service API v3: weather, reverse geocoding, driving)
      baseUrl: endpoint('AMAP_BASE_URL', sandboxUrl(ports.sandboxAmap)),
      // a Web服务 key with 数字签名 switched on; outside production the sandbox generates both and
      // `npm start` hands them over (.local/)
      key: setting('AMAP_WEB_KEY', ''),
      privateKey: setting('AMAP_WEB_PRIVATE_KEY', ''),
      timeoutMs: num(env.AMAP_TIMEOUT_MS, 5000),
      /** weather answers are reused per adcode for this long */
      weatherCacheSeconds: 600,
    },
    /** where WeChat Pay and the e-invoice provider call back: bff's public HTTPS address in production */
    publicBaseUrl: endpoint('PUBLIC_BASE_URL', `http://localhost:${num(env.PORT, ports.bff)}`),
    payment: {
      // production: https://api.mch.weixin.qq.com
      baseUrl: endpoint('WECHATPAY_BASE_URL', sandboxUrl(ports.sandboxWechatPay)),
      timeoutMs: num(env.WECHATPAY_TIMEOUT_MS, 10_000),
      // the platform's service-provider account: operators are its sub-merchants by default
      // (partner APIs); outside production the sandbox generates the keys and `npm start` hands them over
      provider: {
        mchid: env.WECHATPAY_SP_MCHID ?? '1230000109',
        serialNo: setting('WECHATPAY_SP_SERIAL_NO', ''),
        privateKey: pem(setting('WECHATPAY_SP_PRIVATE_KEY', '')),
        apiV3Key: setting('WECHATPAY_SP_APIV3_KEY', ''),
        // WeChat Pay public key (PUB_KEY_ID_…); without it the platform certificates are fetched
        platformPublicKeyId: env.WECHATPAY_SP_PLATFORM_PUBLIC_KEY_ID ?? '',
        platformPublicKey: pem(env.WECHATPAY_SP_PLATFORM_PUBLIC_KEY ?? ''),
      },
      // operators paid as direct merchants with keys of their own: a JSON array of
      // { mchid, serialNo, privateKey, apiV3Key, platformPublicKeyId?, platformPublicKey? }
      directMerchants: JSON.parse(env.WECHATPAY_DIRECT_MERCHANTS || '[]'),
    },
    invoice: {
      // production: the e-invoice service provider's API (the operator's tax-control account behind it)
      baseUrl: endpoint('EINVOICE_BASE_URL', sandboxUrl(ports.sandboxInvoice)),
      appKey: env.EINVOICE_APP_KEY ?? 'dzky-dev',
      appSecret: setting('EINVOICE_APP_SECRET', ''),
      timeoutMs: num(env.EINVOICE_TIMEOUT_MS, 10_000),
    },
    busboy: {
      mode: 'file',
      // the file module checks the bytes themselves (magic numbers), not the name's extension
      whitelist: null,
      // one byte more than allowed, so an oversized file is detected rather than silently cut
      limits: { fileSize: maxUploadBytes + 1, files: 1 },
    },
    swagger: {
      title: 'DZKY BFF API',
      description: '定制客运网络平台 — back end for frontends',
      swaggerPath: '/api-docs',
      auth: { authType: 'bearer' },
    },
    cors: { origin: env.CORS_ORIGIN ?? '*', credentials: false },
    midwayLogger: {
      default: {
        dir: env.LOG_DIR ?? join(BFF_DIR, 'logs'),
        level: (env.LOG_LEVEL as any) ?? 'info',
        consoleLevel: (env.LOG_CONSOLE_LEVEL as any) ?? 'info',
        // keep 180 days of system logs
        maxFiles: '180d',
        // one JSON object per line, with the request ID of the request being served
        format: jsonLogFormat,
        contextFormat: jsonLogFormat,
      },
    },
  } as MidwayConfig;
};
