import { startSmsServer, type SmsSandboxHandle } from './aliyun-sms/sms.server';
import type { SmsSandboxOptions } from './aliyun-sms/sms.state';
import { startWechatServer, type WechatSandboxHandle } from './wechat/wechat.server';
import type { WechatSandboxOptions } from './wechat/wechat.state';

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

export interface SandboxOptions {
  wechat: WechatSandboxOptions;
  sms: SmsSandboxOptions;
  /** per server; 0 (the default) = a free port chosen by the OS */
  ports?: { wechat?: number; sms?: number };
  /** interface to listen on; 127.0.0.1 by default */
  host?: string;
}

export interface Sandbox {
  wechat: WechatSandboxHandle;
  sms: SmsSandboxHandle;
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
    return { wechat, sms, stop: stopAll };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
