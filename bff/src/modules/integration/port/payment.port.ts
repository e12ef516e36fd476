/**
 * Collecting and paying back money (WeChat Pay API v3 in production). Shaped by our domain: the
 * caller names the merchant the money belongs to (an operator as a sub-merchant of the platform's
 * service-provider account, or as a direct merchant) and the channel; the adapter knows the
 * partner and direct API forms, signatures, keys and the platform's certificates.
 */
import type { PaymentChannel } from '@dzky/contracts';

/** Where an operator's money goes (operator archive, payment merchant settings). */
export type MerchantRef =
  | { mode: 'sub_merchant'; subMchid: string }
  | { mode: 'direct'; mchid: string };

export interface CreateTransaction {
  channel: PaymentChannel;
  /** the AppID the payer's openid belongs to (mini-program or official account); H5 and Native use it too */
  appid: string;
  /** JSAPI: the payer's openid under `appid` */
  openid?: string | null;
  /** shown on the payer's bill, ≤ 127 bytes */
  description: string;
  outTradeNo: string;
  amountFen: number;
  /** WeChat closes the order at this time: the end of the seat hold */
  timeExpire: Date;
  notifyUrl: string;
  /** H5: the payer's IP (WeChat checks it against the page's) */
  payerIp?: string;
  /** H5: where the cashier sends the payer back */
  returnUrl?: string;
}

export interface CreatedTransaction {
  prepayId?: string;
  h5Url?: string;
  codeUrl?: string;
}

export interface JsapiParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'USERPAYING' | 'PAYERROR' | 'REVOKED';

/** A transaction as WeChat Pay reports it (query answer or decrypted notification). */
export interface TransactionState {
  outTradeNo: string;
  tradeState: TradeState;
  transactionId: string | null;
  /** the merchant the money went to: the sub-merchant in partner form, else the merchant */
  receivingMchid: string;
  appid: string;
  totalFen: number;
  payerOpenid: string | null;
  successTime: Date | null;
}

export type RefundState = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface RefundStateView {
  outRefundNo: string;
  outTradeNo: string;
  refundId: string | null;
  status: RefundState;
  refundFen: number;
  successTime: Date | null;
  /** e.g. the payer's bank card was cancelled (ABNORMAL) */
  userReceivedAccount: string | null;
}

export interface CreateRefund {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
  notifyUrl: string;
}

/** A verified, decrypted notification. */
export type PaymentNotification =
  | { id: string; eventType: 'TRANSACTION.SUCCESS'; transaction: TransactionState }
  | { id: string; eventType: 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED'; refund: RefundStateView }
  | { id: string; eventType: string; other: true };

/** Why a notification was refused (answered non-2xx so WeChat sends it again later). */
export class NotificationRejected extends Error {
  constructor(readonly code: 'SIGNATURE' | 'STALE' | 'UNKNOWN_SERIAL' | 'DECRYPT' | 'MALFORMED' | 'UNKNOWN_MERCHANT', message: string) {
    super(message);
  }
}

export abstract class PaymentPort {
  /** false when the merchant's keys are not configured: the operator cannot be paid online yet */
  abstract canCollect(merchant: MerchantRef): boolean;
  /**
   * Creates (or, sent again with the same content, finds) the WeChat Pay order. `callbackKey` is
   * the path segment the notifications for this merchant come back under.
   */
  abstract createTransaction(merchant: MerchantRef, input: CreateTransaction): Promise<CreatedTransaction>;
  /** The arguments of wx.requestPayment / getBrandWCPayRequest, signed with the merchant's key. */
  abstract jsapiParams(merchant: MerchantRef, appid: string, prepayId: string): JsapiParams;
  /** null when WeChat Pay does not know the order (never created) */
  abstract queryTransaction(merchant: MerchantRef, outTradeNo: string): Promise<TransactionState | null>;
  /** Closes an unpaid order; throws AlreadyPaid when the payer paid after all. */
  abstract closeTransaction(merchant: MerchantRef, outTradeNo: string): Promise<void>;
  abstract createRefund(merchant: MerchantRef, input: CreateRefund): Promise<RefundStateView>;
  abstract queryRefund(merchant: MerchantRef, outRefundNo: string): Promise<RefundStateView | null>;
  /** The segment of the notify URL for this merchant: notifications are decrypted with its APIv3 key. */
  abstract callbackKey(merchant: MerchantRef): string;
  /** Verifies (signature, serial, 5-minute window) and decrypts a notification; throws NotificationRejected. */
  abstract parseNotification(callbackKey: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<PaymentNotification>;
}

/** closeTransaction found the order paid (ORDERPAID): query it and apply the payment instead. */
export class AlreadyPaid extends Error {}
