import type { PayStart } from '@dzky/contracts';

/**
 * Where the pay page runs, which decides how WeChat Pay is reached (design.md §3 "Channels and
 * payment"): the mini-program, the H5 app inside WeChat's browser, another mobile browser, or a
 * desktop browser.
 */
export type PayEnv = 'weapp' | 'wechat' | 'mobile' | 'desktop';

/**
 * paid: WeChat said the payer paid (the page still confirms it with the bff); cancelled: the payer
 * closed WeChat's sheet; left: this page is being left (WeChat's cashier page, web authorisation);
 * qr: show `start.codeUrl` and wait for the scan.
 */
export type PayOutcome =
  | { kind: 'paid'; start: PayStart }
  | { kind: 'cancelled' }
  | { kind: 'left' }
  | { kind: 'qr'; start: PayStart & { codeUrl: string } };

export interface PayOptions {
  /** the desktop page's 用手机浏览器支付: WeChat's H5 cashier instead of a QR code */
  preferH5?: boolean;
}

export interface PayChannelApi {
  env(): PayEnv;
  /** called when the pay page opens: readies what the tap must not wait for (subscribe-message templates) */
  prepare(): void;
  /** asks the bff to start a payment for this environment and hands the payer to WeChat */
  pay(orderId: number, options?: PayOptions): Promise<PayOutcome>;
}
