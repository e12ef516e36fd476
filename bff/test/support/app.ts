import { close, createApp, createHttpRequest } from '@midwayjs/mock';
import type { Application, Framework } from '@midwayjs/koa';
import { startSandbox, type Sandbox } from '@dzky/sandbox';
import { randomBytes } from 'crypto';

export interface TestApp {
  app: Application;
  sandbox: Sandbox;
  apps: { passenger: string; driver: string; official: string };
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
  const sandbox = await startSandbox({
    wechat: { apps: (Object.keys(apps) as (keyof typeof apps)[]).map((k) => ({ appid: apps[k], secret: secrets[k] })) },
    sms: { accessKeys: [{ accessKeyId: sms.accessKeyId, accessKeySecret: sms.accessKeySecret }], signName: sms.signName },
    oss: { accessKeys: [{ accessKeyId: oss.accessKeyId, accessKeySecret: oss.accessKeySecret }], buckets: [oss.bucket] },
    // the registry is seeded with the demo operators, vehicles and drivers (sandbox/src/licence/seed.ts)
    licence: { apps: [licence] },
    // AMap web services with 数字签名 on, as production's key should be
    amap: { keys: [amap] },
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
  });
  const app = await createApp<Framework>();
  return {
    app,
    sandbox,
    apps,
    request: () => createHttpRequest(app),
    close: async () => {
      await close(app);
      await sandbox.stop();
    },
  };
}

/** Bearer header for supertest. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
