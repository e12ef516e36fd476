import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { literal, Op } from 'sequelize';
import type { PayRequest, PayStart, PaymentEventPayloadV1, PaymentStatusView } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, UpstreamError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import type { EndUserPrincipal } from '../../../common/security/principal';
import { WechatIdentityEntity } from '../../account/entity/end-user.entity';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { ownOrderOf, retryOnDeadlock } from '../../booking/service/booking-support';
import { HoldExpiryService } from '../../booking/service/hold-expiry.service';
import { OrderLifecycle } from '../../booking/service/order-lifecycle.service';
import type { WechatPort } from '../../integration/port/wechat.port';
import { AlreadyPaid, NotificationRejected, type PaymentPort, type TransactionState } from '../../integration/port/payment.port';
import { TripEntity } from '../../trip/entity';
import { PaymentEntity, PaymentNotificationEntity } from '../entity';
import { MerchantDirectory, merchantOfPayment } from './merchant-directory';
import { PaymentMessages } from './payment-messages';
import { RebookService } from './rebook.service';
import { RefundService } from './refund.service';

export type ApplyOutcome = 'applied' | 'duplicate' | 'rejected' | 'ignored';

/**
 * Collecting an order's money: starts WeChat Pay for the passenger's channel, and applies
 * what WeChat Pay reports — by notification or by query — exactly once, whatever the order and
 * however often the reports arrive. The payment's status changes under a guard (UPDATE … WHERE
 * status IN open states), so of two reports of the same payment only one moves the order.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PaymentService {
  @Inject() private db: DatabaseService;
  @Inject() private outbox: OutboxService;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private holds: HoldExpiryService;
  @Inject() private merchants: MerchantDirectory;
  @Inject() private refunds: RefundService;
  @Inject() private rebooks: RebookService;
  @Inject() private messages: PaymentMessages;
  @Inject('paymentPort') private port: PaymentPort;
  @Inject('wechatPort') private wechat: WechatPort;
  @Config('publicBaseUrl') private publicBaseUrl: string;
  @Logger() private logger: ILogger;

  // ───────────── the passenger pays ─────────────

  async pay(principal: EndUserPrincipal, orderId: number, req: PayRequest, payerIp: string | null): Promise<PayStart> {
    const order = await ownOrderOf(principal.subjectId, orderId);
    await this.holds.expireIfDue([order]);
    if (order.status !== 'pending_payment' || !order.holdExpiresAt || order.holdExpiresAt.getTime() <= Date.now() + 5_000) {
      throw new DomainError('PAYMENT.NOT_PAYABLE');
    }
    const amountFen = dueFen(order);
    const merchant = await this.merchants.of(order.orgId);
    const payerApp = req.channel === 'jsapi' ? req.payerApp ?? 'passenger' : 'official';
    const appid = this.wechat.appidOf(payerApp);
    let openid: string | null = null;
    if (req.channel === 'jsapi') {
      const identity = await WechatIdentityEntity.findOne({ where: { appid, endUserId: principal.subjectId } });
      if (!identity) throw new DomainError('PAYMENT.NO_OPENID');
      openid = identity.openid;
    }

    // the same screen asking again (a double tap, a lost answer) gets the payment already started
    const open = await PaymentEntity.findOne({
      where: { orderId: order.id, status: 'created', channel: req.channel, appid, amountFen, timeExpire: { [Op.gt]: new Date(Date.now() + 5_000) } },
      order: [['id', 'DESC']],
    });
    if (open && (open.prepayId || open.codeUrl || open.h5Url) && req.channel !== 'h5') return this.start(open, merchant);

    const payment = await PaymentEntity.create({
      orgId: order.orgId,
      orderId: order.id,
      endUserId: order.endUserId,
      outTradeNo: outTradeNo(order.orderNo),
      purpose: order.rebookedFromOrderId ? 'rebook' : 'order',
      channel: req.channel,
      appid,
      payerOpenid: openid,
      merchantMode: merchant.mode,
      mchid: this.port.callbackKey(merchant),
      subMchid: merchant.mode === 'sub_merchant' ? merchant.subMchid : null,
      amountFen,
      refundedFen: 0,
      status: 'created',
      prepayId: null,
      codeUrl: null,
      h5Url: null,
      // WeChat closes its order when the seats are released: no payment can land after that
      timeExpire: order.holdExpiresAt,
      transactionId: null,
      paidAt: null,
      closedAt: null,
    });
    try {
      const created = await this.port.createTransaction(merchant, {
        channel: req.channel,
        appid,
        openid,
        description: await this.messages.description(order),
        outTradeNo: payment.outTradeNo,
        amountFen,
        timeExpire: payment.timeExpire,
        notifyUrl: this.notifyUrl(payment.mchid),
        payerIp: payerIp ?? undefined,
        returnUrl: req.returnUrl,
      });
      await payment.update({ prepayId: created.prepayId ?? null, codeUrl: created.codeUrl ?? null, h5Url: created.h5Url ?? null });
    } catch (e) {
      await this.markClosed(payment.id);
      if (e instanceof UpstreamError) {
        this.logger.warn('[payment] creating %s at WeChat Pay failed: %s', payment.outTradeNo, e.message);
        throw new DomainError('PAYMENT.UPSTREAM');
      }
      throw e;
    }
    return this.start(payment, merchant);
  }

  /** The latest payment; while it is open WeChat Pay is asked, so a lost notification costs nothing. */
  async status(principal: EndUserPrincipal, orderId: number): Promise<PaymentStatusView> {
    const order = await ownOrderOf(principal.subjectId, orderId);
    let payment = await PaymentEntity.findOne({ where: { orderId: order.id }, order: [['id', 'DESC']] });
    if (payment?.status === 'created') {
      await this.refresh(payment).catch((e) => this.logger.warn('[payment] query of %s failed: %s', payment!.outTradeNo, (e as Error).message));
      payment = await payment.reload();
    }
    await this.holds.expireIfDue([order]);
    await order.reload();
    return {
      paymentId: payment?.id ?? null,
      status: payment?.status ?? null,
      orderStatus: order.status,
      amountFen: payment?.amountFen ?? dueFen(order),
      paidAt: payment?.paidAt?.toISOString() ?? null,
    };
  }

  // ───────────── what WeChat Pay reports ─────────────

  /**
   * A notification: verified and decrypted by the port, then applied once. Answers 200 when it
   * need not come again (applied, already applied, or about something we do not act on); non-2xx
   * makes WeChat send it again later, which is right only when we could not check or store it.
   */
  async onNotification(callbackKey: string, headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<{ status: number; body: object | null }> {
    let n;
    try {
      n = await this.port.parseNotification(callbackKey, headers, rawBody);
    } catch (e) {
      if (e instanceof NotificationRejected) {
        this.logger.warn('[payment] notification refused (%s): %s', e.code, e.message);
        return { status: 401, body: { code: 'FAIL', message: e.message } };
      }
      throw e;
    }
    if (await PaymentNotificationEntity.findOne({ where: { notificationId: n.id }, attributes: ['id'] })) {
      return { status: 200, body: null };
    }
    let outcome: ApplyOutcome = 'ignored';
    let detail: string | null = null;
    let outTradeNo: string | null = null;
    let outRefundNo: string | null = null;
    if ('transaction' in n) {
      outTradeNo = n.transaction.outTradeNo;
      ({ outcome, detail } = await this.apply(n.transaction));
    } else if ('refund' in n) {
      outTradeNo = n.refund.outTradeNo;
      outRefundNo = n.refund.outRefundNo;
      ({ outcome, detail } = await this.refunds.applyOutcome(n.refund));
    }
    await PaymentNotificationEntity.create({ notificationId: n.id, eventType: n.eventType, outTradeNo, outRefundNo, outcome, detail }).catch((e) => {
      // the same notification delivered twice at once: the other delivery recorded it
      this.logger.info('[payment] notification %s recorded by a parallel delivery: %s', n.id, (e as Error).message);
    });
    // a report that does not match its payment (amount, merchant) is kept for finance, not retried
    return { status: 200, body: null };
  }

  /** Asks WeChat Pay about an open payment and applies what it says. */
  async refresh(payment: PaymentEntity): Promise<ApplyOutcome> {
    const state = await this.port.queryTransaction(merchantOfPayment(payment), payment.outTradeNo);
    if (!state) return 'ignored';
    return (await this.apply(state)).outcome;
  }

  /** Applies a transaction's state once: the payment, then the order (paid, rebooked, or refunded when too late). */
  async apply(state: TransactionState): Promise<{ outcome: ApplyOutcome; detail: string | null }> {
    const payment = await PaymentEntity.findOne({ where: { outTradeNo: state.outTradeNo } });
    if (!payment) return { outcome: 'rejected', detail: 'unknown out_trade_no' };
    if (state.tradeState !== 'SUCCESS' && state.tradeState !== 'REFUND') return { outcome: 'ignored', detail: state.tradeState };
    const receiving = payment.subMchid ?? payment.mchid;
    if (state.totalFen !== payment.amountFen || state.receivingMchid !== receiving) {
      // verified and decrypted, yet not what we asked for: never applied; finance sees it in the log
      this.logger.error('[payment] %s reported %d fen to %s, expected %d fen to %s: not applied', payment.outTradeNo, state.totalFen, state.receivingMchid, payment.amountFen, receiving);
      return { outcome: 'rejected', detail: `amount ${state.totalFen} / merchant ${state.receivingMchid} do not match` };
    }
    if (payment.status === 'paid') return { outcome: 'duplicate', detail: null };

    const order = (await OrderEntity.findByPk(payment.orderId, { attributes: ['id', 'tripId'] }))!;
    const result = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      // trip before order: the lock order of every booking path
      await TripEntity.findByPk(order.tripId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
      const locked = (await OrderEntity.findByPk(order.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const paidAt = state.successTime ?? new Date();
      const [moved] = await PaymentEntity.update(
        { status: 'paid', transactionId: state.transactionId, paidAt, payerOpenid: state.payerOpenid ?? payment.payerOpenid },
        { where: { id: payment.id, status: { [Op.in]: ['created', 'closed'] } }, transaction: t },
      );
      if (moved !== 1) return { kind: 'duplicate' as const };
      await payment.reload({ transaction: t });
      await this.outbox.paymentEvent(t, 'payment.succeeded', payment.orgId, paymentPayload(payment, locked.orderNo));

      if (locked.status === 'pending_payment' && payment.purpose === 'order') {
        await this.markPaid(t, locked, payment.amountFen, paidAt);
        return { kind: 'paid' as const };
      }
      if (locked.status === 'pending_payment' && payment.purpose === 'rebook' && (await this.rebooks.complete(t, locked, payment.amountFen, paidAt))) {
        return { kind: 'paid' as const };
      }
      // the seats went back before the money came (hold ended, trip cancelled, passenger cancelled),
      // or the order was paid another way: the money goes back in full, automatically
      if (locked.status === 'expired' || locked.status === 'cancelled') {
        await this.lifecycle.move(t, locked, 'PAYMENT_SUCCEEDED', { paidFen: locked.paidFen + payment.amountFen, paidAt }, 'order.refunding', '座位已释放，款项原路退回');
      }
      const refunds = await this.refunds.createInTx(t, locked, {
        payments: [payment],
        amountFen: payment.amountFen,
        feeFen: 0,
        ticketIds: [],
        reason: 'late_payment',
        requestKey: `late:${payment.id}`,
        remark: locked.status === 'refunding' ? '支付时座位已释放' : locked.status === 'pending_payment' ? '改签未能完成' : '重复支付',
        requestedBy: null,
      });
      return { kind: 'late' as const, refundIds: refunds.map((r) => r.id) };
    }));

    if (result.kind === 'duplicate') return { outcome: 'duplicate', detail: null };
    if (result.kind === 'late') {
      for (const id of result.refundIds) await this.refunds.submit(id);
      return { outcome: 'applied', detail: 'refunded: paid after the seats were released' };
    }
    await this.messages.paid(payment.orderId, payment.outTradeNo);
    return { outcome: 'applied', detail: null };
  }

  /** pending_payment → paid: the tickets are issued, each with what its rider paid. */
  private async markPaid(t: Parameters<OrderLifecycle['move']>[0], order: OrderEntity, amountFen: number, paidAt: Date): Promise<void> {
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']], transaction: t });
    await this.lifecycle.moveTickets(t, tickets, 'PAID', {});
    await TicketEntity.update({ paidFen: literal('price_fen') }, { where: { orderId: order.id, status: 'issued' }, transaction: t });
    await this.lifecycle.move(t, order, 'PAYMENT_SUCCEEDED', { paidAt, paidFen: order.paidFen + amountFen }, 'order.paid');
  }

  // ───────────── before seats go back ─────────────

  /** PaymentGate: query before close (WeChat's rule); 'paid' when money arrived after all. */
  async settleOpenPayments(orderId: number): Promise<'paid' | 'clear'> {
    const open = await PaymentEntity.findAll({ where: { orderId, status: 'created' } });
    let paid = false;
    for (const payment of open) {
      try {
        const state = await this.port.queryTransaction(merchantOfPayment(payment), payment.outTradeNo);
        if (state && (state.tradeState === 'SUCCESS' || state.tradeState === 'REFUND')) {
          if ((await this.apply(state)).outcome !== 'rejected') paid = true;
          continue;
        }
        if (state) await this.port.closeTransaction(merchantOfPayment(payment), payment.outTradeNo);
        await this.markClosed(payment.id);
      } catch (e) {
        if (e instanceof AlreadyPaid) {
          // paid between our query and our close
          if ((await this.refresh(payment)) !== 'rejected') paid = true;
          continue;
        }
        // unreachable: the seats still go back; money arriving later is refunded automatically
        this.logger.warn('[payment] could not settle %s before release: %s', payment.outTradeNo, (e as Error).message);
      }
    }
    if (!paid) return 'clear';
    const order = await OrderEntity.findByPk(orderId, { attributes: ['status'] });
    return order?.status === 'pending_payment' ? 'clear' : 'paid';
  }

  /** created → closed with its outbox event, once (a payment paid meanwhile stays paid). */
  private async markClosed(paymentId: number): Promise<void> {
    await this.db.transaction(async (t) => {
      const [moved] = await PaymentEntity.update({ status: 'closed', closedAt: new Date() }, { where: { id: paymentId, status: 'created' }, transaction: t });
      if (moved !== 1) return;
      const p = (await PaymentEntity.findByPk(paymentId, { transaction: t }))!;
      const order = (await OrderEntity.findByPk(p.orderId, { attributes: ['orderNo'], transaction: t }))!;
      await this.outbox.paymentEvent(t, 'payment.closed', p.orgId, paymentPayload(p, order.orderNo));
    });
  }

  /** Open payments whose time ran out without a notification: asked once more, then closed (sweeper). */
  async sweepOpenPayments(now = new Date(), limit = 100): Promise<number> {
    const stale = await PaymentEntity.findAll({
      where: { status: 'created', [Op.or]: [{ timeExpire: { [Op.lte]: now } }, { createdAt: { [Op.lte]: new Date(now.getTime() - 60_000) } }] },
      order: [['id', 'ASC']],
      limit,
    });
    let changed = 0;
    for (const payment of stale) {
      try {
        const outcome = await this.refresh(payment);
        if (outcome === 'applied') changed++;
        else if (payment.timeExpire.getTime() <= now.getTime()) {
          await this.settleOpenPayments(payment.orderId);
          changed++;
        }
      } catch (e) {
        this.logger.warn('[payment] sweeping %s failed: %s', payment.outTradeNo, (e as Error).message);
      }
    }
    return changed;
  }

  // ───────────── helpers ─────────────

  private async start(payment: PaymentEntity, merchant: Awaited<ReturnType<MerchantDirectory['of']>>): Promise<PayStart> {
    const base = { paymentId: payment.id, outTradeNo: payment.outTradeNo, channel: payment.channel, amountFen: payment.amountFen, expiresAt: payment.timeExpire.toISOString() };
    if (payment.channel === 'jsapi') return { ...base, jsapi: this.port.jsapiParams(merchant, payment.appid, payment.prepayId!) };
    if (payment.channel === 'h5') return { ...base, h5Url: payment.h5Url! };
    return { ...base, codeUrl: payment.codeUrl! };
  }

  private notifyUrl(callbackKey: string): string {
    return `${this.publicBaseUrl.replace(/\/$/, '')}/api/callbacks/wechatpay/${callbackKey}`;
  }

}

/** What is still to pay: the price (and a rebooking's fee) less what was carried over. */
export function dueFen(order: Pick<OrderEntity, 'totalFen' | 'paidFen' | 'rebookFeeFen'>): number {
  return Math.max(0, order.totalFen + order.rebookFeeFen - order.paidFen);
}

/** 32 characters at most (WeChat's limit): the order number, a dash-free attempt suffix. */
function outTradeNo(orderNo: string): string {
  return `${orderNo}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 32);
}

export function paymentPayload(p: PaymentEntity, orderNo: string): PaymentEventPayloadV1 {
  return {
    paymentId: p.id,
    outTradeNo: p.outTradeNo,
    orderId: p.orderId,
    orderNo,
    purpose: p.purpose,
    channel: p.channel,
    mchid: p.subMchid ?? p.mchid,
    amountFen: p.amountFen,
    transactionId: p.transactionId,
    status: p.status,
    paidAt: p.paidAt?.toISOString() ?? null,
  };
}
