import { startSmsServer, type SmsSandboxHandle } from './aliyun-sms/sms.server';
import type { SmsSandboxOptions } from './aliyun-sms/sms.state';
import { startWechatServer, type WechatSandboxHandle } from './wechat/wechat.server';
import type { WechatSandboxOptions } from './wechat/wechat.state';
import { startOssServer, type OssSandboxHandle } from './oss/oss.server';
import type { OssSandboxOptions } from './oss/oss.state';
import { startLicenceServer, type LicenceSandboxHandle } from './licence/licence.server';
import type { LicenceSandboxOptions } from './licence/licence.state';
import { startAmapServer, type AmapSandboxHandle } from './amap/amap.server';
import type { AmapSandboxOptions } from './amap/amap.state';
import { startWechatPayServer, type WechatPaySandboxHandle } from './wechatpay/wechatpay.server';
import type { WechatPaySandboxOptions } from './wechatpay/wechatpay.state';
import { startInvoiceServer, type InvoiceSandboxHandle } from './invoice/invoice.server';
import type { InvoiceSandboxOptions } from './invoice/invoice.state';

export { createWechatApp, startWechatServer, type WechatSandboxHandle } from './wechat/wechat.server';
export {
  WechatState,
  WechatError,
  type WechatSandboxApp,
  type WechatSandboxOptions,
  type SentSubscribeMessage,
} from './wechat/wechat.state';
export { createSmsApp, startSmsServer, type SmsSandboxHandle } from './aliyun-sms/sms.server';
export { SmsState, AliyunError, type SmsSandboxOptions, type SentSms } from './aliyun-sms/sms.state';
export { percentEncode, canonicalizedQuery, stringToSign, rpcSignature } from './aliyun-sms/rpc-signature';
export { listen, type ListeningServer, type Clock } from './common/http';
export { createOssApp, startOssServer, addressOf, type OssSandboxHandle } from './oss/oss.server';
export { OssState, OssError, type OssSandboxOptions, type StoredOssObject } from './oss/oss.state';
export { ossSignature, ossStringToSign, canonicalizedResource, canonicalizedOssHeaders, SIGNED_SUBRESOURCES } from './oss/oss.signature';
export { createLicenceApp, startLicenceServer, type LicenceSandboxHandle } from './licence/licence.server';
export {
  LicenceState,
  RegistryError,
  registrySignature,
  registryStringToSign,
  type LicenceSandboxOptions,
  type RegistryRequestLog,
} from './licence/licence.state';
export {
  LICENCE_SEED,
  SEED_OPERATORS,
  SEED_VEHICLES,
  SEED_DRIVERS,
  type OperatorRecord,
  type VehicleRecord,
  type DriverRecord,
  type RegistryStatus,
} from './licence/seed';
export { createAmapApp, startAmapServer, haversineMetres, ROAD_FACTOR, DRIVING_SPEED_MS, type AmapSandboxHandle } from './amap/amap.server';
export { AmapState, AmapError, amapSignature, type AmapSandboxOptions, type AmapRequestLog, type WeatherDay } from './amap/amap.state';
export { CITIES as AMAP_CITIES, DISTRICTS as AMAP_DISTRICTS, type City as AmapCity, type District as AmapDistrict } from './amap/gazetteer';
export { createWechatPayApp, createWechatPayServer, startWechatPayServer, type WechatPaySandboxHandle } from './wechatpay/wechatpay.server';
export {
  WechatPayState,
  WechatPayError,
  NOTIFY_RETRY_SECONDS,
  type WechatPayMerchant,
  type WechatPaySandboxOptions,
  type SandboxOrder as WechatPaySandboxOrder,
  type SandboxRefund as WechatPaySandboxRefund,
  type SandboxNotification as WechatPaySandboxNotification,
} from './wechatpay/wechatpay.state';
export { generateRsaKeyPair, randomSerial, decryptResource, encryptResource, merchantAuthorization } from './wechatpay/wechatpay.crypto';
export { createInvoiceApp, startInvoiceServer, type InvoiceSandboxHandle } from './invoice/invoice.server';
export {
  InvoiceState,
  InvoiceApiError,
  CALLBACK_RETRY_SECONDS as INVOICE_CALLBACK_RETRY_SECONDS,
  type InvoiceSandboxOptions,
  type SandboxInvoice,
  type SandboxCallback as InvoiceSandboxCallback,
} from './invoice/invoice.state';
export { invoiceSignature, invoiceStringToSign } from './invoice/invoice.signature';
export { chineseCapital } from './invoice/invoice.money';

export interface SandboxOptions {
  wechat: WechatSandboxOptions;
  sms: SmsSandboxOptions;
  /** Aliyun OSS; omitted: bucket dzky-files and no access key yet (tests may not need storage) */
  oss?: OssSandboxOptions;
  /** the provincial licence registry (seeded); omitted: no app may call it yet */
  licence?: LicenceSandboxOptions;
  /** AMap web services (weather, reverse geocoding, driving distance); omitted: no key is accepted yet */
  amap?: AmapSandboxOptions;
  /** WeChat Pay API v3; omitted: no merchant is known yet */
  wechatpay?: WechatPaySandboxOptions;
  /** the e-invoice service provider; omitted: no app may call it yet */
  invoice?: InvoiceSandboxOptions;
  /** per server; 0 (the default) = a free port chosen by the OS */
  ports?: { wechat?: number; sms?: number; oss?: number; licence?: number; amap?: number; wechatpay?: number; invoice?: number };
  /** interface to listen on; 127.0.0.1 by default */
  host?: string;
}

export interface Sandbox {
  wechat: WechatSandboxHandle;
  sms: SmsSandboxHandle;
  oss: OssSandboxHandle;
  licence: LicenceSandboxHandle;
  amap: AmapSandboxHandle;
  wechatpay: WechatPaySandboxHandle;
  invoice: InvoiceSandboxHandle;
  stop(): Promise<void>;
}

/**
 * Starts every sandbox server in this process and returns their handles (URL, state and the
 * helpers that play the user's phone). Tests use ports 0 so parallel workers never clash.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  };
  try {
    const wechat = await startWechatServer(options.wechat, options.ports?.wechat ?? 0, options.host);
    started.push(wechat);
    const sms = await startSmsServer(options.sms, options.ports?.sms ?? 0, options.host);
    started.push(sms);
    const oss = await startOssServer(options.oss ?? { accessKeys: [] }, options.ports?.oss ?? 0, options.host);
    started.push(oss);
    const licence = await startLicenceServer(options.licence ?? { apps: [] }, options.ports?.licence ?? 0, options.host);
    started.push(licence);
    const amap = await startAmapServer(options.amap ?? { keys: [] }, options.ports?.amap ?? 0, options.host);
    started.push(amap);
    const wechatpay = await startWechatPayServer(options.wechatpay ?? { merchants: [] }, options.ports?.wechatpay ?? 0, options.host);
    started.push(wechatpay);
    const invoice = await startInvoiceServer(options.invoice ?? { apps: [] }, options.ports?.invoice ?? 0, options.host);
    started.push(invoice);
    return { wechat, sms, oss, licence, amap, wechatpay, invoice, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
