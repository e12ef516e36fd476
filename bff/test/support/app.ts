import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import type { Application, Framework } from '@midwayjs/koa';
import { generateRsaKeyPair, randomSerial, startSandbox, type Sandbox } from '@dzky/sandbox';
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

const PASSENGER_TEMPLATES = ['tpl-payment-succeeded', 'tpl-refund-succeeded', 'tpl-refund-failed', 'tpl-vehicle-assigned', 'tpl-vehicle-changed', 'tpl-trip-cancelled'];

/** The WeChat Pay merchants the test sandbox knows (and bff is configured with). */
export const TEST_MERCHANTS = {
  provider: '1900000109',
  /** sub-merchants of the provider (an operator's default way to be paid) */
  subMchids: ['1900000801', '1900000802'],
  /** an operator paid directly, verifying WeChat Pay by platform certificate */
  direct: '1900000101',
} as const;

export interface TestApp {
  app: Application;
  sandbox: Sandbox;
  apps: { passenger: string; driver: string; official: string };
  /** where WeChat Pay's and other providers' callbacks reach this app */
  publicBaseUrl: string;
  /** WeChat Pay's side of the keys, for tests that forge or replay notifications */
  wechatpayKeys: { platformPrivateKeyPem: string; publicKeyId: string; providerApiV3Key: string; directApiV3Key: string };
  /** while paused, callbacks (payment notifications) get 503, as when bff is down */
  pauseCallbacks: (paused: boolean) => void;
  request: () => ReturnType<typeof createHttpRequest>;
  close: () => Promise<void>;
}

const secret = () => randomBytes(16).toString('hex');

/**
 * Boots the real bff (all modules, real database, migrations) for one test file, with its external
 * systems played by an in-process sandbox on free ports: the production adapters talk to it, with
 * signatures, exactly as they would to WeChat and Aliyun.
 */
export async function startApp(): Promise<TestApp> {
  const apps = { passenger: 'wxtestpassenger0001', driver: 'wxtestdriver0000001', official: 'wxtestofficial00001' };
  const secrets = { passenger: secret(), driver: secret(), official: secret() };
  const sms = { accessKeyId: `LTAI${randomBytes(8).toString('hex')}`, accessKeySecret: secret(), signName: '定制客运' };
  const oss = { accessKeyId: `LTAI${randomBytes(8).toString('hex')}`, accessKeySecret: secret(), bucket: 'dzky-test' };
  const licence = { appKey: 'dzky-test', appSecret: secret() };
  const amap = { key: secret(), privateKey: secret() };
  const einvoice = { appKey: 'dzky-test', appSecret: secret() };
  const provider = { ...generateRsaKeyPair(), serialNo: randomSerial(), apiV3Key: secret() };
  const direct = { ...generateRsaKeyPair(), serialNo: randomSerial(), apiV3Key: secret() };
  const platform = { ...generateRsaKeyPair(), publicKeyId: `PUB_KEY_ID_0119${randomBytes(10).toString('hex').toUpperCase()}` };
  // callbacks (payment notifications) need a real port; the app itself is called in-process
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let paused = false;
  const callbacks = createServer((req, res) => (handler && !paused ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((r) => callbacks.listen(0, '127.0.0.1', r));
  const publicBaseUrl = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}`;
  const sandbox = await startSandbox({
    // the passenger mini-program has the subscribe templates bff is configured with (config.default.ts)
    wechat: { apps: (Object.keys(apps) as (keyof typeof apps)[]).map((k) => ({ appid: apps[k], secret: secrets[k], ...(k === 'passenger' ? { templates: PASSENGER_TEMPLATES } : {}) })) },
    sms: { accessKeys: [{ accessKeyId: sms.accessKeyId, accessKeySecret: sms.accessKeySecret }], signName: sms.signName },
    oss: { accessKeys: [{ accessKeyId: oss.accessKeyId, accessKeySecret: oss.accessKeySecret }], buckets: [oss.bucket] },
    // the registry is seeded with the demo operators, vehicles and drivers (sandbox/src/licence/seed.ts)
    licence: { apps: [licence] },
    // AMap web services with 数字签名 on, as production's key should be
    amap: { keys: [amap] },
    wechatpay: {
      merchants: [
        { mchid: TEST_MERCHANTS.provider, serialNo: provider.serialNo, publicKey: provider.publicKeyPem, apiV3Key: provider.apiV3Key, subMchids: [...TEST_MERCHANTS.subMchids], platformKey: 'publicKey' },
        { mchid: TEST_MERCHANTS.direct, serialNo: direct.serialNo, publicKey: direct.publicKeyPem, apiV3Key: direct.apiV3Key, platformKey: 'certificate' },
      ],
      platform: { publicKeyPrivateKey: platform.privateKeyPem, publicKeyId: platform.publicKeyId },
      // WeChat's retry schedule (15 s … 6 h) compressed a thousandfold
      notifyTimeScale: 0.001,
      refundSettleMs: 0,
    },
    // the e-invoice provider issues at once; its callback retries compressed a thousandfold
    invoice: { apps: [einvoice], issueDelayMs: 0, callbackTimeScale: 0.001 },
  });
  Object.assign(process.env, {
    WECHAT_BASE_URL: sandbox.wechat.url,
    WECHAT_PASSENGER_APPID: apps.passenger,
    WECHAT_PASSENGER_SECRET: secrets.passenger,
    WECHAT_DRIVER_APPID: apps.driver,
    WECHAT_DRIVER_SECRET: secrets.driver,
    WECHAT_OFFICIAL_APPID: apps.official,
    WECHAT_OFFICIAL_SECRET: secrets.official,
    ALIYUN_SMS_BASE_URL: sandbox.sms.url,
    ALIYUN_SMS_ACCESS_KEY_ID: sms.accessKeyId,
    ALIYUN_SMS_ACCESS_KEY_SECRET: sms.accessKeySecret,
    ALIYUN_SMS_SIGN_NAME: sms.signName,
    OSS_ENDPOINT: sandbox.oss.endpoint,
    OSS_BUCKET: oss.bucket,
    OSS_ACCESS_KEY_ID: oss.accessKeyId,
    OSS_ACCESS_KEY_SECRET: oss.accessKeySecret,
    LICENCE_REGISTRY_BASE_URL: sandbox.licence.url,
    LICENCE_REGISTRY_APP_KEY: licence.appKey,
    LICENCE_REGISTRY_APP_SECRET: licence.appSecret,
    AMAP_BASE_URL: sandbox.amap.url,
    AMAP_WEB_KEY: amap.key,
    AMAP_WEB_PRIVATE_KEY: amap.privateKey,
    EINVOICE_BASE_URL: sandbox.invoice.url,
    EINVOICE_APP_KEY: einvoice.appKey,
    EINVOICE_APP_SECRET: einvoice.appSecret,
    PUBLIC_BASE_URL: publicBaseUrl,
    WECHATPAY_BASE_URL: sandbox.wechatpay.url,
    WECHATPAY_SP_MCHID: TEST_MERCHANTS.provider,
    WECHATPAY_SP_SERIAL_NO: provider.serialNo,
    WECHATPAY_SP_PRIVATE_KEY: provider.privateKeyPem,
    WECHATPAY_SP_APIV3_KEY: provider.apiV3Key,
    WECHATPAY_SP_PLATFORM_PUBLIC_KEY_ID: platform.publicKeyId,
    WECHATPAY_SP_PLATFORM_PUBLIC_KEY: platform.publicKeyPem,
    WECHATPAY_DIRECT_MERCHANTS: JSON.stringify([{ mchid: TEST_MERCHANTS.direct, serialNo: direct.serialNo, privateKey: direct.privateKeyPem, apiV3Key: direct.apiV3Key }]),
  });
  const app = await createApp<Framework>();
  handler = app.callback();
  return {
    app,
    sandbox,
    apps,
    publicBaseUrl,
    wechatpayKeys: { platformPrivateKeyPem: platform.privateKeyPem, publicKeyId: platform.publicKeyId, providerApiV3Key: provider.apiV3Key, directApiV3Key: direct.apiV3Key },
    pauseCallbacks: (p: boolean) => {
      paused = p;
    },
    request: () => createHttpRequest(app),
    close: async () => {
      await sandbox.stop();
      await new Promise((r) => {
        callbacks.close(r);
        callbacks.closeAllConnections();
      });
      await close(app);
    },
  };
}

/** Bearer header for supertest. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
