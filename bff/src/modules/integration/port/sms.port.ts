/** Text messages to phones (Aliyun SMS in production). */
export type SmsTemplate = 'loginCode' | 'rideVoucher' | 'notice';

export interface SmsSendReceipt {
  /** the provider's message ID */
  bizId: string;
  requestId: string;
}

export abstract class SmsPort {
  /**
   * Sends one templated message. `params` are the template variables (short strings: SMS template
   * variables are limited in length). Throws UpstreamError when the provider refuses.
   */
  abstract send(phone: string, template: SmsTemplate, params: Record<string, string>): Promise<SmsSendReceipt>;
}
