import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { UniqueConstraintError } from 'sequelize';
import type { NotificationData, NotificationKind } from '@dzky/contracts';
import { DomainError } from '../../../common/error/domain.error';
import { WechatIdentityEntity } from '../../account/entity/end-user.entity';
import type { SmsPort } from '../../integration/port/sms.port';
import type { WechatPort } from '../../integration/port/wechat.port';
import { NotificationDeliveryEntity, type DeliveryChannel, type DeliveryStatus } from '../entity';
import { smsMessage, subscribeData } from './message-format';
import { SubscribeTemplateService } from './subscribe-template.service';

/** Whom a message is for and what it is about; every attempt is recorded against these. */
export interface NoticeTarget {
  /** 11-digit mainland mobile the message goes to (never stored, never logged) */
  phone: string;
  endUserId: number | null;
  /** the orders it concerns; the first one is the page a subscribe message opens */
  orderIds: number[];
  tripId: number | null;
}

export interface NoticeOutcome {
  status: DeliveryStatus;
  providerRef: string | null;
  error: string | null;
}

export interface SendOptions {
  /**
   * The caller's idempotency key, e.g. `payment:<outTradeNo>`: a message of the same kind with the
   * same key is sent once, however often (or concurrently) the caller retries.
   */
  dedupeKey?: string | null;
}

export interface SendOutcome {
  /** 'duplicate': the same message (kind and dedupeKey) was sent or is being sent already */
  status: 'sent' | 'failed' | 'duplicate';
  /** the channel of the last attempt; null when nothing was tried */
  channel: DeliveryChannel | null;
  error: string | null;
}

/** What the mini-program page of an order is called (subscribe messages open it). */
export const ORDER_DETAIL_PAGE = 'pages/order/detail/index';
const NO_SUBSCRIPTION_LEFT = 43101;
const DEDUPE_KEY_MAX = 96;

const reasonOf = (e: unknown) =>
  e instanceof DomainError ? `${e.errorCode}: ${e.message}` : `${(e as Error)?.name}: ${(e as Error)?.message}`;

/**
 * Messages to passengers about their orders. A WeChat subscribe message first,
 * when the kind has a template and the passenger signed in with the passenger mini-program; SMS
 * when WeChat cannot deliver it (no subscription left, 43101, or any other failure) or the
 * passenger has no WeChat identity (H5). Every attempt is one `notification_delivery` row per order.
 * A message is a courtesy on top of a change already committed: a failure is recorded and logged,
 * never thrown, so it cannot undo the change it announces.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PassengerNotifier {
  @Inject('smsPort') private sms: SmsPort;
  @Inject('wechatPort') private wechat: WechatPort;
  @Inject() private templates: SubscribeTemplateService;
  @Logger() private logger: ILogger;

  /**
   * Sends one message of `kind`. Resolves with what became of it; never rejects.
   */
  async send<K extends NotificationKind>(kind: K, target: NoticeTarget, data: NotificationData<K>, options: SendOptions = {}): Promise<SendOutcome> {
    try {
      return await this.deliver(kind, target, data, options);
    } catch (e) {
      // a bug or a lost database: the caller's change stands, the message is lost loudly
      this.logger.error('[notification] %s for orders %j failed: %s', kind, target.orderIds, (e as Error)?.stack ?? e);
      return { status: 'failed', channel: null, error: reasonOf(e).slice(0, 255) };
    }
  }

  private async deliver<K extends NotificationKind>(kind: K, target: NoticeTarget, data: NotificationData<K>, options: SendOptions): Promise<SendOutcome> {
    const dedupeKey = options.dedupeKey?.trim().slice(0, DEDUPE_KEY_MAX) || null;
    if (dedupeKey && (await NotificationDeliveryEntity.count({ where: { kind, dedupeKey } }))) {
      return { status: 'duplicate', channel: null, error: null };
    }

    const templateId = this.templates.templateOf(kind);
    const fields = templateId ? subscribeData(kind, data) : null;
    const openid = fields ? await this.openidOf(target.endUserId) : null;
    if (templateId && fields && openid) {
      const claim = await this.claim(kind, target, 'wechat', dedupeKey);
      if (claim === 'taken') return { status: 'duplicate', channel: null, error: null };
      const orderId = target.orderIds[0];
      const outcome = await this.subscribe({
        touser: openid,
        templateId,
        page: orderId ? `${ORDER_DETAIL_PAGE}?id=${orderId}` : undefined,
        data: fields,
      });
      await this.settle(kind, target, claim, outcome);
      if (outcome.status === 'sent') return { status: 'sent', channel: 'wechat', error: null };
      this.logger.info('[notification] %s for orders %j falls back to SMS: %s', kind, target.orderIds, outcome.error);
    }

    const claim = await this.claim(kind, target, 'sms', dedupeKey);
    if (claim === 'taken') return { status: 'duplicate', channel: null, error: null };
    const { template, params } = smsMessage(kind, data);
    let outcome: NoticeOutcome;
    if (!/^1\d{10}$/.test(target.phone ?? '')) {
      outcome = { status: 'failed', providerRef: null, error: 'NO_PHONE: no mobile number to send to' };
    } else {
      try {
        const receipt = await this.sms.send(target.phone, template, params);
        outcome = { status: 'sent', providerRef: receipt.bizId.slice(0, 64), error: null };
      } catch (e) {
        // the adapter's messages carry no phone numbers (see AliyunSmsAdapter)
        outcome = { status: 'failed', providerRef: null, error: reasonOf(e).slice(0, 255) };
      }
    }
    if (outcome.status === 'failed') this.logger.warn('[notification] %s SMS for orders %j failed: %s', kind, target.orderIds, outcome.error);
    await this.settle(kind, target, claim, outcome);
    return { status: outcome.status === 'sent' ? 'sent' : 'failed', channel: 'sms', error: outcome.error };
  }

  /** The passenger's openid on the passenger mini-program; null for H5 sign-ins or an app not configured. */
  private async openidOf(endUserId: number | null): Promise<string | null> {
    if (!endUserId) return null;
    let appid: string;
    try {
      appid = this.wechat.appidOf('passenger');
    } catch {
      return null;
    }
    const identity = await WechatIdentityEntity.findOne({ where: { endUserId, appid }, order: [['id', 'DESC']] });
    return identity?.openid ?? null;
  }

  private async subscribe(message: Parameters<WechatPort['sendSubscribeMessage']>[1]): Promise<NoticeOutcome> {
    try {
      const result = await this.wechat.sendSubscribeMessage('passenger', message);
      if (result.delivered) return { status: 'sent', providerRef: result.msgid?.slice(0, 64) ?? null, error: null };
      const label = result.errcode === NO_SUBSCRIPTION_LEFT ? 'no subscription left' : 'refused';
      return { status: 'failed', providerRef: null, error: `${result.errcode} ${label}: ${result.errmsg}`.slice(0, 255) };
    } catch (e) {
      return { status: 'failed', providerRef: null, error: reasonOf(e).slice(0, 255) };
    }
  }

  /**
   * Records the attempt as pending before it goes out, one row per order. With a dedupe key the
   * first row carries it and is the claim: a concurrent retry meets the unique index (key, kind,
   * channel) and sends nothing. A failure to record (other than that) is logged and the message
   * still goes.
   */
  private async claim(kind: string, target: NoticeTarget, channel: DeliveryChannel, dedupeKey: string | null): Promise<number[] | 'taken'> {
    const orderIds = target.orderIds.length ? target.orderIds : [null];
    const ids: number[] = [];
    try {
      for (const [i, orderId] of orderIds.entries()) {
        const row = await NotificationDeliveryEntity.create({
          endUserId: target.endUserId, orderId, tripId: target.tripId, kind, channel, status: 'pending', providerRef: null, error: null,
          dedupeKey: i === 0 ? dedupeKey : null,
        });
        ids.push(row.id);
      }
    } catch (e) {
      if (e instanceof UniqueConstraintError && dedupeKey) {
        if (ids.length) await NotificationDeliveryEntity.destroy({ where: { id: ids } }).catch(() => undefined);
        return 'taken';
      }
      this.logger.error('[notification] could not record %s deliveries for orders %j: %s', kind, target.orderIds, (e as Error).stack ?? e);
    }
    return ids;
  }

  private async settle(kind: string, target: NoticeTarget, ids: number[], outcome: NoticeOutcome): Promise<void> {
    if (!ids.length) return;
    try {
      await NotificationDeliveryEntity.update(
        { status: outcome.status, providerRef: outcome.providerRef, error: outcome.error },
        { where: { id: ids } },
      );
    } catch (e) {
      this.logger.error('[notification] could not record %s deliveries for orders %j: %s', kind, target.orderIds, (e as Error).stack ?? e);
    }
  }
}
