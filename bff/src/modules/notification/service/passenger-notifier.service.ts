import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { DomainError } from '../../../common/error/domain.error';
import type { SmsPort } from '../../integration/port/sms.port';
import { NotificationDeliveryEntity, type DeliveryStatus } from '../entity';

/** Whom a message is for and what it is about; every attempt is recorded against these. */
export interface NoticeTarget {
  /** 11-digit mainland mobile the message goes to (never stored, never logged) */
  phone: string;
  endUserId: number | null;
  orderIds: number[];
  tripId: number | null;
}

export interface NoticeOutcome {
  status: DeliveryStatus;
  providerRef: string | null;
  error: string | null;
}

/** Aliyun limits a template variable of a notification template to 35 characters. */
export const SMS_PARAM_MAX = 35;

/** Cuts a template variable to what the provider accepts, marking the cut. */
export function smsParam(value: string, max = SMS_PARAM_MAX): string {
  const chars = Array.from(value.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Messages to passengers about their orders. Today by SMS (template 'notice'); WeChat
 * subscribe messages go in front of SMS in the next issue. A message is a courtesy on top of a change
 * already committed: a failed delivery is recorded and reported, never thrown, so it cannot undo
 * the change it announces.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PassengerNotifier {
  @Inject('smsPort') private sms: SmsPort;
  @Logger() private logger: ILogger;

  /**
   * Sends one 'notice' SMS and records one delivery row per order it concerns (a passenger with two
   * orders on a cancelled trip gets one message, and each order shows it was told).
   */
  async notice(kind: string, target: NoticeTarget, params: Record<string, string>): Promise<NoticeOutcome> {
    const safe = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, smsParam(v)]));
    let outcome: NoticeOutcome;
    try {
      const receipt = await this.sms.send(target.phone, 'notice', safe);
      outcome = { status: 'sent', providerRef: receipt.bizId.slice(0, 64), error: null };
    } catch (e) {
      // the adapter's messages carry no phone numbers (see AliyunSmsAdapter)
      const reason = e instanceof DomainError ? `${e.errorCode}: ${e.message}` : `${(e as Error).name}: ${(e as Error).message}`;
      outcome = { status: 'failed', providerRef: null, error: reason.slice(0, 255) };
      this.logger.warn('[notification] %s SMS for orders %j failed: %s', kind, target.orderIds, reason);
    }
    const orderIds = target.orderIds.length ? target.orderIds : [null];
    try {
      await NotificationDeliveryEntity.bulkCreate(
        orderIds.map((orderId) => ({ endUserId: target.endUserId, orderId, tripId: target.tripId, kind, channel: 'sms', ...outcome })),
      );
    } catch (e) {
      // the message went (or not) either way; losing its record is logged loudly, not thrown at the caller
      this.logger.error('[notification] could not record %s deliveries for orders %j: %s', kind, target.orderIds, (e as Error).stack ?? e);
    }
    return outcome;
  }
}
