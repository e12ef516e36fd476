import defaultConfig from '../../src/config/config.default';

/** the external systems' settings production needs besides the ones each case leaves out */
const EXTERNAL = {
  OSS_ENDPOINT: 'https://oss-cn-shenzhen.aliyuncs.com',
  OSS_ACCESS_KEY_ID: 'LTAIproductionkey',
  OSS_ACCESS_KEY_SECRET: 'production-secret',
  LICENCE_REGISTRY_BASE_URL: 'https://registry.example.gov.cn',
  LICENCE_REGISTRY_APP_SECRET: 'production-registry-secret',
  AMAP_BASE_URL: 'https://restapi.amap.com',
  AMAP_WEB_KEY: 'production-amap-key',
  AMAP_WEB_PRIVATE_KEY: 'production-amap-private-key',
  PUBLIC_BASE_URL: 'https://dzky.example.com',
  WECHATPAY_BASE_URL: 'https://api.mch.weixin.qq.com',
  WECHATPAY_SP_SERIAL_NO: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  WECHATPAY_SP_PRIVATE_KEY: 'production-private-key',
  WECHATPAY_SP_APIV3_KEY: 'production-apiv3-key-32-bytes-xx',
  EINVOICE_BASE_URL: 'https://einvoice.example.com',
  EINVOICE_APP_SECRET: 'production-einvoice-secret',
  H5_ORIGINS: 'https://m.dzky.example.com',
};

/** the platform's own production settings */
const CORE = {
  DB_URL: 'mysql://u:p@db:3306/dzky',
  AUDIT_ANCHOR_FILE: '/var/lib/dzky/anchor.log',
  WECHAT_BASE_URL: 'https://api.weixin.qq.com',
  WECHAT_OPEN_BASE_URL: 'https://open.weixin.qq.com',
  ALIYUN_SMS_BASE_URL: 'https://dysmsapi.aliyuncs.com',
};

describe('R-8.2 production configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('refuses to start in production without a real database, anchor log or external endpoints', () => {
    process.env.NODE_ENV = 'production';
    for (const name of ['DB_URL', 'AUDIT_ANCHOR_FILE', 'WECHAT_BASE_URL', 'ALIYUN_SMS_BASE_URL', 'OSS_ENDPOINT', 'LICENCE_REGISTRY_BASE_URL', 'AMAP_BASE_URL']) {
      Object.assign(process.env, { ...CORE, ...EXTERNAL });
      delete process.env[name];
      expect(() => defaultConfig({} as any)).toThrow(`${name} must be set in production`);
    }
  });

  it('refuses to start in production without its secrets', () => {
    process.env.NODE_ENV = 'production';
    Object.assign(process.env, EXTERNAL);
    delete process.env.AUDIT_HMAC_KEY;
    expect(() => defaultConfig({} as any)).toThrow(/missing secrets in the environment: AUDIT_HMAC_KEY/);
  });

  it('refuses to start in production without the OSS, licence registry and AMap credentials', () => {
    process.env.NODE_ENV = 'production';
    for (const name of ['OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'LICENCE_REGISTRY_APP_SECRET', 'AMAP_WEB_KEY', 'AMAP_WEB_PRIVATE_KEY']) {
      Object.assign(process.env, { ...CORE, ...EXTERNAL });
      delete process.env[name];
      expect(() => defaultConfig({} as any)).toThrow(`${name} must be set in production`);
    }
  });

  it('R-8.3 accepts the production settings above, and refuses a plain-HTTP address for any external system, its own callbacks or an H5 origin', () => {
    process.env.NODE_ENV = 'production';
    Object.assign(process.env, { ...CORE, ...EXTERNAL });
    const config: any = defaultConfig({} as any);
    expect(config.publicBaseUrl).toBe('https://dzky.example.com');
    expect(config.wechat.h5Origins).toEqual(['https://m.dzky.example.com']);
    const addresses = ['WECHAT_BASE_URL', 'WECHAT_OPEN_BASE_URL', 'ALIYUN_SMS_BASE_URL', 'OSS_ENDPOINT', 'LICENCE_REGISTRY_BASE_URL', 'AMAP_BASE_URL', 'PUBLIC_BASE_URL', 'WECHATPAY_BASE_URL', 'EINVOICE_BASE_URL'];
    for (const name of addresses) {
      Object.assign(process.env, { ...CORE, ...EXTERNAL });
      process.env[name] = (process.env[name] as string).replace(/^https:/, 'http:');
      expect(() => defaultConfig({} as any)).toThrow(`${name} must be an https:// address in production`);
    }
    Object.assign(process.env, { ...CORE, ...EXTERNAL, H5_ORIGINS: 'https://m.dzky.example.com, http://m.dzky.example.com' });
    expect(() => defaultConfig({} as any)).toThrow('H5_ORIGINS must list https:// origins in production (http://m.dzky.example.com)');
  });

  it('falls back to the embedded database and the sandboxes outside production', () => {
    process.env.NODE_ENV = 'development';
    delete process.env.DB_URL;
    delete process.env.WECHAT_BASE_URL;
    const config: any = defaultConfig({} as any);
    expect(config.db.url).toMatch(/^sqlite:.*bff[/\\]data[/\\]dzky\.sqlite$/);
    expect(config.wechat.baseUrl).toBe('http://localhost:7401');
  });
});
