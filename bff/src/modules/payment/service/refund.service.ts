import { Config, Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { randomBytes } from 'crypto';
import { literal, Op, type Transaction } from 'sequelize';
import {
  REFUNDABLE_TICKET_STATUSES, refundFee, refundTierAt,
  type RefundCreateRequest, type RefundEventPayloadV1, type RefundQuote, type RefundReason, type RefundView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, UpstreamError, ValidationError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { retryOnDeadlock } from '../../booking/service/booking-support';
import { OrderLifecycle } from '../../booking/service/order-lifecycle.service';
import { SeatInventoryService } from '../../booking/service/seat-inventory.service';
import type { PaymentPort, RefundStateView } from '../../integration/port/payment.port';
import { TripEntity } from '../../trip/entity';
import { TradingRulesService } from '../../trip/service/trading-rules.service';
import { PaymentEntity, RefundEntity } from '../entity';
import { merchantOfPayment } from './merchant-directory';
import { PaymentMessages } from './payment-messages';
import type { ApplyOutcome } from './payment.service';

export interface RefundPlan {
  /** the payments the money came through (the order's, and along a rebooking chain its predecessors') */
  payments?: PaymentEntity[];
  amountFen: number;
  feeFen: number;
  ticketIds: number[];
  reason: RefundReason;
  requestKey: string;
  remark: string | null;
  requestedBy: number | null;
}

/** Refund states in which the money is still on its way. */
const PENDING = ['requested', 'processing'] as const;

/**
 * Paying money back (R-6.2.4): returned tickets less the fee of the refund tier (fees are computed
 * on what was actually paid), cancelled trips and late payments in full, rebooking differences.
 * A refund is written first (requested) inside the change that causes it, then sent to WeChat Pay
 * after commit; its outcome arrives by notification or query and is applied once. ABNORMAL and
 * CLOSED outcomes wait for finance.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RefundService {
  @Inject() private db: DatabaseService;
  @Inject() private outbox: OutboxService;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private seats: SeatInventoryService;
  @Inject() private rules: TradingRulesService;
  @Inject() private messages: PaymentMessages;
  @Inject('paymentPort') private port: PaymentPort;
  @Config('publicBaseUrl') private publicBaseUrl: string;
  @Logger() private logger: ILogger;

  // ───────────── returning tickets ─────────────

  async quote(order: OrderEntity, ticketIds: number[] | null, now = new Date()): Promise<RefundQuote> {
    const trip = (await TripEntity.findByPk(order.tripId))!;
    const rules = await this.rules.effective(trip.orgId, trip.routeId);
    const minutes = Math.floor((trip.departAt.getTime() - now.getTime()) / 60_000);
    const tier = refundTierAt(rules, minutes);
    const all = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] });
    const chosen = ticketIds ? all.filter((tk) => ticketIds.includes(tk.id)) : all.filter((tk) => REFUNDABLE_TICKET_STATUSES.includes(tk.status));
    let reason: string | null = null;
    if (order.status !== 'paid' && order.status !== 'partially_refunded') reason = '订单当前状态不能退票';
    else if (!tier) reason = minutes < 0 ? '班次已发车，不能在线退票' : `发车前 ${rules.refundCloseMinutes} 分钟内不能在线退票`;
    else if (ticketIds && chosen.length !== ticketIds.length) reason = '所选车票不属于该订单';
    else if (chosen.some((tk) => !REFUNDABLE_TICKET_STATUSES.includes(tk.status))) reason = '所选车票已检票、已退或已改签';
    else if (!chosen.length) reason = '没有可退的车票';
    const lines = chosen.map((tk) => {
      const feeFen = tier ? refundFee(tk.paidFen, tier) : 0;
      return { ticketId: tk.id, ticketNo: tk.ticketNo, riderName: tk.riderName, paidFen: tk.paidFen, feeFen, refundFen: tk.paidFen - feeFen };
    });
    const sum = (k: 'paidFen' | 'feeFen' | 'refundFen') => lines.reduce((a, l) => a + l[k], 0);
    return {
      allowed: reason === null,
      reason,
      minutesBeforeDeparture: minutes,
      feePercent: tier?.feePercent ?? 0,
      tickets: lines,
      totalPaidFen: sum('paidFen'),
      totalFeeFen: sum('feeFen'),
      totalRefundFen: sum('refundFen'),
    };
  }

  /**
   * The passenger (or staff, `waiveFee`) returns tickets: their seats go back on sale at once, the
   * order waits in refunding until the money is back. Idempotent on `requestKey`.
   */
  async returnTickets(order: OrderEntity, req: RefundCreateRequest, opts: { requestKey: string; waiveFee: boolean; reason: RefundReason; requestedBy: number | null }): Promise<RefundView> {
    if (!Array.isArray(req.ticketIds) || !req.ticketIds.length || req.ticketIds.some((id) => !Number.isSafeInteger(id))) {
      throw new ValidationError([{ field: 'ticketIds', reason: '请选择要退的车票' }]);
    }
    const earlier = await RefundEntity.findOne({ where: { requestKey: opts.requestKey } });
    if (earlier) return this.view(earlier, order);
    const quote = await this.quote(order, req.ticketIds);
    if (!quote.allowed) throw new DomainError(quote.reason?.includes('车票') ? 'REFUND.TICKET_INVALID' : 'REFUND.NOT_ALLOWED', quote.reason ?? undefined);
    const feeFen = opts.waiveFee ? 0 : quote.totalFeeFen;
    const amountFen = quote.totalPaidFen - feeFen;

    const created = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      await TripEntity.findByPk(order.tripId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
      const locked = (await OrderEntity.findByPk(order.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const again = await RefundEntity.findOne({ where: { requestKey: opts.requestKey }, transaction: t });
      if (again) return [again];
      const tickets = await TicketEntity.findAll({ where: { id: { [Op.in]: req.ticketIds }, orderId: order.id }, transaction: t });
      if (tickets.length !== req.ticketIds.length || tickets.some((tk) => !REFUNDABLE_TICKET_STATUSES.includes(tk.status))) {
        throw new DomainError('REFUND.TICKET_INVALID');
      }
      const moved = await this.lifecycle.moveTickets(t, tickets, 'REFUND_REQUESTED', { live: null });
      await this.seats.release(t, moved);
      if (locked.status !== 'refunding') await this.lifecycle.move(t, locked, 'REFUND_REQUESTED', {}, 'order.refunding', req.remark ?? null);
      const rows = await this.createInTx(t, locked, {
        amountFen, feeFen, ticketIds: tickets.map((tk) => tk.id), reason: opts.reason, requestKey: opts.requestKey, remark: req.remark?.trim() || null, requestedBy: opts.requestedBy,
      });
      await TicketEntity.update({ refundId: rows[0].id }, { where: { id: { [Op.in]: tickets.map((tk) => tk.id) } }, transaction: t });
      return rows;
    }));
    for (const r of created) await this.submit(r.id);
    return this.view(await created[0].reload(), order);
  }

  /** Paid orders of a cancelled trip: everything paid goes back, no fee (PaymentGate). */
  async refundCancelledTrip(orderIds: number[]): Promise<void> {
    for (const orderId of orderIds) {
      try {
        const rows = await retryOnDeadlock(() => this.db.transaction(async (t) => {
          const order = await OrderEntity.findByPk(orderId, { transaction: t, lock: t.LOCK.UPDATE });
          if (!order || order.status !== 'refunding') return [];
          if (await RefundEntity.findOne({ where: { requestKey: `trip:${orderId}` }, transaction: t })) return [];
          const tickets = await TicketEntity.findAll({ where: { orderId, status: 'refunding', refundId: null }, transaction: t });
          const amountFen = tickets.reduce((a, tk) => a + tk.paidFen, 0);
          const rows = await this.createInTx(t, order, {
            amountFen, feeFen: 0, ticketIds: tickets.map((tk) => tk.id), reason: 'trip_cancelled', requestKey: `trip:${orderId}`, remark: order.cancelReason, requestedBy: null,
          });
          if (rows.length) await TicketEntity.update({ refundId: rows[0].id }, { where: { id: { [Op.in]: tickets.map((tk) => tk.id) } }, transaction: t });
          return rows;
        }));
        for (const r of rows) await this.submit(r.id);
      } catch (e) {
        this.logger.error('[refund] refund of cancelled-trip order %d failed (the sweeper retries): %s', orderId, (e as Error).stack ?? e);
      }
    }
  }

  /**
   * Writes the refund rows for `plan` inside the caller's transaction, spread over the payments the
   * money came through (largest remainder first). A zero amount (100 % fee) still records a refund,
   * settled at once, so the tickets' story is complete.
   */
  async createInTx(t: Transaction, order: OrderEntity, plan: RefundPlan): Promise<RefundEntity[]> {
    const payments = plan.payments ?? (await this.paymentsOf(order, t));
    let left = plan.amountFen;
    const parts: Array<{ payment: PaymentEntity; amountFen: number }> = [];
    for (const p of [...payments].sort((a, b) => (b.amountFen - b.refundedFen) - (a.amountFen - a.refundedFen))) {
      if (left <= 0) break;
      const pending = (await RefundEntity.sum('amountFen', { where: { paymentId: p.id, status: { [Op.in]: [...PENDING, 'abnormal', 'closed'] } }, transaction: t })) || 0;
      const room = p.amountFen - p.refundedFen - pending;
      if (room <= 0) continue;
      const take = Math.min(room, left);
      parts.push({ payment: p, amountFen: take });
      left -= take;
    }
    if (left > 0) throw new DomainError('REFUND.NOT_ALLOWED', '可退金额不足，请联系客服');
    if (!parts.length) {
      const first = payments[0];
      if (!first) throw new DomainError('REFUND.NOT_ALLOWED', '订单没有支付记录');
      parts.push({ payment: first, amountFen: 0 });
    }
    const rows: RefundEntity[] = [];
    for (const [i, part] of parts.entries()) {
      const row = await RefundEntity.create({
        orgId: order.orgId,
        orderId: order.id,
        paymentId: part.payment.id,
        endUserId: order.endUserId,
        outRefundNo: `R${order.orderNo}${randomBytes(4).toString('hex').toUpperCase()}`,
        requestKey: i === 0 ? plan.requestKey : `${plan.requestKey}#${i}`,
        reason: plan.reason,
        remark: plan.remark,
        amountFen: part.amountFen,
        // the fee is the passenger's once, on the first part
        feeFen: i === 0 ? plan.feeFen : 0,
        ticketIds: plan.ticketIds,
        status: 'requested',
        wechatRefundId: null,
        error: null,
        resolution: null,
        requestedBy: plan.requestedBy,
        settledAt: null,
      }, { transaction: t });
      await this.outbox.refundEvent(t, 'refund.requested', order.orgId, await this.payload(row, order, part.payment, t));
      rows.push(row);
    }
    return rows;
  }

  /** Sends a requested refund to WeChat Pay (after commit; the sweeper retries what fails here). */
  async submit(refundId: number): Promise<void> {
    const refund = await RefundEntity.findByPk(refundId);
    if (!refund || refund.status !== 'requested') return;
    if (refund.amountFen === 0) {
      await this.applyOutcome({ outRefundNo: refund.outRefundNo, outTradeNo: '', refundId: null, status: 'SUCCESS', refundFen: 0, successTime: new Date(), userReceivedAccount: null });
      return;
    }
    const payment = (await PaymentEntity.findByPk(refund.paymentId))!;
    try {
      const state = await this.port.createRefund(merchantOfPayment(payment), {
        outTradeNo: payment.outTradeNo,
        outRefundNo: refund.outRefundNo,
        refundFen: refund.amountFen,
        totalFen: payment.amountFen,
        reason: refund.remark ?? '退票退款',
        notifyUrl: `${this.publicBaseUrl.replace(/\/$/, '')}/api/callbacks/wechatpay/${payment.mchid}`,
      });
      await RefundEntity.update({ status: 'processing', wechatRefundId: state.refundId, error: null }, { where: { id: refund.id, status: 'requested' } });
      if (state.status !== 'PROCESSING') await this.applyOutcome(state);
    } catch (e) {
      const message = e instanceof UpstreamError ? e.message : (e as Error).message;
      this.logger.warn('[refund] %s not accepted yet: %s', refund.outRefundNo, message);
      await RefundEntity.update({ error: message.slice(0, 255) }, { where: { id: refund.id, status: 'requested' } });
    }
  }

  /** WeChat Pay's word on a refund (notification or query), applied once. */
  async applyOutcome(state: RefundStateView): Promise<{ outcome: ApplyOutcome; detail: string | null }> {
    const refund = await RefundEntity.findOne({ where: { outRefundNo: state.outRefundNo } });
    if (!refund) return { outcome: 'rejected', detail: 'unknown out_refund_no' };
    if (state.status === 'PROCESSING') return { outcome: 'ignored', detail: 'PROCESSING' };
    if (state.refundFen !== refund.amountFen) {
      this.logger.error('[refund] %s reported %d fen, expected %d: not applied', refund.outRefundNo, state.refundFen, refund.amountFen);
      return { outcome: 'rejected', detail: `amount ${state.refundFen} does not match` };
    }
    const to = state.status === 'SUCCESS' ? 'succeeded' : state.status === 'ABNORMAL' ? 'abnormal' : 'closed';
    const done = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      const order = (await OrderEntity.findByPk(refund.orderId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const [moved] = await RefundEntity.update(
        { status: to, wechatRefundId: state.refundId ?? refund.wechatRefundId, settledAt: to === 'succeeded' ? state.successTime ?? new Date() : null, error: to === 'succeeded' ? null : `微信支付退款${to === 'abnormal' ? '异常' : '关闭'}${state.userReceivedAccount ? `（${state.userReceivedAccount}）` : ''}` },
        { where: { id: refund.id, status: { [Op.in]: [...PENDING] } }, transaction: t },
      );
      if (moved !== 1) return false;
      await refund.reload({ transaction: t });
      const payment = (await PaymentEntity.findByPk(refund.paymentId, { transaction: t }))!;
      if (to === 'succeeded') await this.moneyBack(t, order, refund, payment);
      else await this.outbox.refundEvent(t, to === 'abnormal' ? 'refund.abnormal' : 'refund.closed', order.orgId, await this.payload(refund, order, payment, t));
      return true;
    }));
    if (!done) return { outcome: 'duplicate', detail: null };
    await this.messages.refunded(refund.id);
    return { outcome: 'applied', detail: null };
  }

  /** An abnormal or closed refund that finance paid back another way. */
  async resolveOffline(refund: RefundEntity, note: string, by: number): Promise<RefundEntity> {
    await retryOnDeadlock(() => this.db.transaction(async (t) => {
      const order = (await OrderEntity.findByPk(refund.orderId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const [moved] = await RefundEntity.update(
        { status: 'resolved_offline', resolution: `${note}`.slice(0, 255), settledAt: new Date(), requestedBy: refund.requestedBy ?? by },
        { where: { id: refund.id, status: { [Op.in]: ['abnormal', 'closed'] } }, transaction: t },
      );
      if (moved !== 1) throw new DomainError('REFUND.STATE_INVALID');
      await refund.reload({ transaction: t });
      await this.moneyBack(t, order, refund, (await PaymentEntity.findByPk(refund.paymentId, { transaction: t }))!);
    }));
    await this.messages.refunded(refund.id);
    return refund.reload();
  }

  /** The money is back: the tickets are refunded and the order says how much of it was returned. */
  private async moneyBack(t: Transaction, order: OrderEntity, refund: RefundEntity, payment: PaymentEntity): Promise<void> {
    await PaymentEntity.update({ refundedFen: literal(`refunded_fen + ${refund.amountFen}`) }, { where: { id: payment.id }, transaction: t });
    await OrderEntity.update({ refundedFen: literal(`refunded_fen + ${refund.amountFen}`) }, { where: { id: order.id }, transaction: t });
    await order.reload({ transaction: t });
    const tickets = await TicketEntity.findAll({ where: { id: { [Op.in]: refund.ticketIds }, orderId: order.id }, transaction: t });
    await this.lifecycle.moveTickets(t, tickets, 'REFUNDED', {});
    await this.outbox.refundEvent(t, 'refund.succeeded', order.orgId, await this.payload(refund, order, payment, t));
    if (order.status !== 'refunding') return;
    const stillPending = await RefundEntity.count({ where: { orderId: order.id, status: { [Op.in]: [...PENDING, 'abnormal', 'closed'] } }, transaction: t });
    if (stillPending) return;
    const live = await TicketEntity.count({ where: { orderId: order.id, status: { [Op.in]: ['issued', 'checked'] } }, transaction: t });
    await this.lifecycle.move(t, order, live ? 'REFUND_SUCCEEDED_PARTIAL' : 'REFUND_SUCCEEDED_FULL', {}, 'order.refunded');
  }

  /** Refunds stuck before WeChat (a crash after commit) are sent; processing ones are asked about. */
  async sweep(now = new Date(), limit = 100): Promise<number> {
    let n = 0;
    const unsent = await RefundEntity.findAll({ where: { status: 'requested', createdAt: { [Op.lte]: new Date(now.getTime() - 30_000) } }, attributes: ['id'], limit });
    for (const r of unsent) {
      await this.submit(r.id).catch((e) => this.logger.warn('[refund] resend %d failed: %s', r.id, (e as Error).message));
      n++;
    }
    const waiting = await RefundEntity.findAll({ where: { status: 'processing', updatedAt: { [Op.lte]: new Date(now.getTime() - 60_000) } }, limit });
    for (const r of waiting) {
      try {
        const payment = (await PaymentEntity.findByPk(r.paymentId))!;
        const state = await this.port.queryRefund(merchantOfPayment(payment), r.outRefundNo);
        if (state && state.status !== 'PROCESSING') {
          await this.applyOutcome(state);
          n++;
        } else {
          await RefundEntity.update({ updatedAt: now }, { where: { id: r.id } });
        }
      } catch (e) {
        this.logger.warn('[refund] query of %s failed: %s', r.outRefundNo, (e as Error).message);
      }
    }
    // cancelled trips whose refunds were never written (a crash between the cancel and the refund)
    const orphans = await OrderEntity.findAll({ where: { status: 'refunding', updatedAt: { [Op.lte]: new Date(now.getTime() - 60_000) } }, attributes: ['id'], limit });
    const withTickets = [];
    for (const o of orphans) {
      if (await TicketEntity.count({ where: { orderId: o.id, status: 'refunding', refundId: null } })) withTickets.push(o.id);
    }
    await this.refundCancelledTrip(withTickets);
    return n + withTickets.length;
  }

  // ───────────── views ─────────────

  async view(r: RefundEntity, order?: Pick<OrderEntity, 'orderNo'>): Promise<RefundView> {
    const o = order ?? (await OrderEntity.findByPk(r.orderId, { attributes: ['orderNo'] }))!;
    const tickets = r.ticketIds.length ? await TicketEntity.findAll({ where: { id: { [Op.in]: r.ticketIds } }, attributes: ['ticketNo'], order: [['id', 'ASC']] }) : [];
    return {
      id: r.id,
      outRefundNo: r.outRefundNo,
      orderId: r.orderId,
      orderNo: o.orderNo,
      reason: r.reason,
      remark: r.remark,
      status: r.status,
      amountFen: r.amountFen,
      feeFen: r.feeFen,
      ticketNos: tickets.map((tk) => tk.ticketNo),
      createdAt: r.createdAt.toISOString(),
      settledAt: r.settledAt?.toISOString() ?? null,
    };
  }

  /** Paid payments of the order and of the orders it was rebooked from. */
  async paymentsOf(order: OrderEntity, t?: Transaction): Promise<PaymentEntity[]> {
    const chain = [order.id];
    let from = order.rebookedFromOrderId;
    while (from && chain.length < 10) {
      chain.push(from);
      from = (await OrderEntity.findByPk(from, { attributes: ['rebookedFromOrderId'], transaction: t }))?.rebookedFromOrderId ?? null;
    }
    return PaymentEntity.findAll({ where: { orderId: { [Op.in]: chain }, status: 'paid' }, order: [['id', 'ASC']], transaction: t });
  }

  private async payload(r: RefundEntity, order: OrderEntity, payment: PaymentEntity, t: Transaction): Promise<RefundEventPayloadV1> {
    const tickets = r.ticketIds.length ? await TicketEntity.findAll({ where: { id: { [Op.in]: r.ticketIds } }, attributes: ['ticketNo'], transaction: t }) : [];
    return {
      refundId: r.id,
      outRefundNo: r.outRefundNo,
      orderId: order.id,
      orderNo: order.orderNo,
      outTradeNo: payment.outTradeNo,
      reason: r.reason,
      amountFen: r.amountFen,
      feeFen: r.feeFen,
      ticketNos: tickets.map((tk) => tk.ticketNo),
      status: r.status,
      wechatRefundId: r.wechatRefundId,
    };
  }
}

