import { Config, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { NOTIFICATION_KINDS, SUBSCRIBE_REQUEST_MAX, type NotificationKind, type SubscribeTemplates } from '@dzky/contracts';

export interface NotificationConfig {
  /** template ID per kind; '' or missing: that kind goes by SMS */
  subscribeTemplates?: Partial<Record<NotificationKind, string>>;
}

/** What the passenger is asked to accept before paying: the payment result and the vehicle it gets. */
const BEFORE_PAYMENT: NotificationKind[] = ['payment_succeeded', 'vehicle_assigned', 'vehicle_changed'];
const BEFORE_REFUND: NotificationKind[] = ['refund_succeeded', 'refund_failed'];

/** The passenger mini-program's subscribe-message templates, from configuration. */
@Provide()
@Scope(ScopeEnum.Singleton)
export class SubscribeTemplateService {
  @Config('notification') private config: NotificationConfig;

  /** The template of a kind, or null when it has none (vouchers never have one: they go by SMS). */
  templateOf(kind: NotificationKind): string | null {
    if (kind === 'ride_voucher') return null;
    return this.config?.subscribeTemplates?.[kind]?.trim() || null;
  }

  view(): SubscribeTemplates {
    const byKind: Partial<Record<NotificationKind, string>> = {};
    for (const kind of NOTIFICATION_KINDS) {
      const id = this.templateOf(kind);
      if (id) byKind[kind] = id;
    }
    // wx.requestSubscribeMessage refuses a call with repeated or more than 3 IDs
    const pick = (kinds: NotificationKind[]) =>
      [...new Set(kinds.map((k) => byKind[k]).filter((id): id is string => !!id))].slice(0, SUBSCRIBE_REQUEST_MAX);
    return { templateIds: pick(BEFORE_PAYMENT), refundTemplateIds: pick(BEFORE_REFUND), byKind };
  }
}
