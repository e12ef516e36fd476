import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { createHash } from 'crypto';
import { literal, Op, type Transaction } from 'sequelize';
import { priceTicket, seatsLeftFor, type RebookOptions, type RebookRequest, type RebookResult, type TradingRules } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import type { EndUserPrincipal } from '../../../common/security/principal';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { newOrderNo, ownOrderOf, retryOnDeadlock, ticketNo } from '../../booking/service/booking-support';
import { OrderLifecycle } from '../../booking/service/order-lifecycle.service';
import { OrderPresenter } from '../../booking/service/order-presenter.service';
import { SeatInventoryService } from '../../booking/service/seat-inventory.service';
import { TripEntity, TripSegmentEntity } from '../../trip/entity';
import { FareService } from '../../trip/service/fare.service';
import { TradingRulesService } from '../../trip/service/trading-rules.service';
import { isCalendarDay, saleStateOf, shanghaiDay } from '../../trip/service/trip-rules';
import { RefundEntity } from '../entity';
import { RefundService } from './refund.service';

/**
 * Rebooking (改签): the whole order moves to another trip of the same route and journey, riders and
 * ticket types unchanged. The new order carries what was paid; a dearer trip waits for the
 * difference (the old tickets stay valid until it is paid), a cheaper one switches at once and
 * the difference is refunded. The trading rules decide whether, how often, until when and at what fee.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RebookService {
  @Inject() private db: DatabaseService;
  @Inject() private outbox: OutboxService;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private presenter: OrderPresenter;
  @Inject() private seats: SeatInventoryService;
  @Inject() private fares: FareService;
  @Inject() private rules: TradingRulesService;
  @Inject() private refunds: RefundService;

  async options(principal: EndUserPrincipal, orderId: number, date: string | undefined): Promise<RebookOptions> {
    const order = await ownOrderOf(principal.subjectId, orderId);
    const trip = (await TripEntity.findByPk(order.tripId))!;
    const rules = await this.rules.effective(trip.orgId, trip.routeId);
    const refusal = await this.refusal(order, trip, rules);
    if (refusal) return { allowed: false, reason: refusal, rebooksLeft: Math.max(0, rules.rebook.maxTimes - order.rebookCount), options: [] };
    const day = date && isCalendarDay(date) ? date : shanghaiDay(trip.departAt);
    const tickets = await this.liveTickets(order);
    const carried = tickets.reduce((a, tk) => a + tk.paidFen, 0);
    const feeFen = rebookFee(carried, rules);
    const candidates = await TripEntity.findAll({ where: { routeId: trip.routeId, departDate: day, status: 'on_sale', id: { [Op.ne]: trip.id } }, order: [['departAt', 'ASC']] });
    const options = [];
    for (const c of candidates) {
      const cRules = await this.rules.effective(c.orgId, c.routeId);
      const segments = await TripSegmentEntity.findAll({ where: { tripId: c.id }, attributes: ['segNo', 'sold'] });
      const seatsLeft = seatsLeftFor(segments.map((s) => ({ segNo: s.segNo, sold: s.sold })), c.capacity, order.fromSeq, order.toSeq);
      if (saleStateOf(c, seatsLeft, cRules, new Date()) !== 'open' || seatsLeft < tickets.length) continue;
      const totalFen = await this.priceOn(c, order, tickets, cRules);
      if (totalFen === null) continue;
      options.push({ tripId: c.id, departAt: c.departAt.toISOString(), seatsLeft, totalFen, feeFen, differenceFen: totalFen + feeFen - carried });
    }
    return { allowed: true, reason: null, rebooksLeft: rules.rebook.maxTimes - order.rebookCount, options };
  }

  async rebook(principal: EndUserPrincipal, orderId: number, req: RebookRequest): Promise<RebookResult> {
    if (typeof req?.clientKey !== 'string' || req.clientKey.length < 8 || req.clientKey.length > 64) throw new ValidationError([{ field: 'clientKey', reason: '请求标识应为 8–64 个字符' }]);
    if (!Number.isSafeInteger(req.tripId)) throw new ValidationError([{ field: 'tripId', reason: '请选择班次' }]);
    const old = await ownOrderOf(principal.subjectId, orderId);
    const hash = createHash('sha256').update(`rebook:${old.id}:${req.tripId}`).digest('hex');
    const earlier = await OrderEntity.findOne({ where: { endUserId: principal.subjectId, clientKey: req.clientKey } });
    if (earlier) {
      if (earlier.requestHash !== hash) throw new DomainError('ORDER.IDEMPOTENCY_MISMATCH');
      return this.result(earlier);
    }
    const target = await TripEntity.findByPk(req.tripId);
    const trip = (await TripEntity.findByPk(old.tripId))!;
    if (!target || target.routeId !== trip.routeId || target.id === trip.id) throw new DomainError('REBOOK.TRIP_INVALID');
    const rules = await this.rules.effective(trip.orgId, trip.routeId);
    const targetRules = await this.rules.effective(target.orgId, target.routeId);

    const { order: created, refundIds } = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      // both trips in id order, then the old order: no two rebookings wait on each other in a cycle
      for (const id of [trip.id, target.id].sort((a, b) => a - b)) await TripEntity.findByPk(id, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
      const locked = (await OrderEntity.findByPk(old.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const again = await OrderEntity.findOne({ where: { endUserId: principal.subjectId, clientKey: req.clientKey }, transaction: t });
      if (again) return { order: again, refundIds: [] as number[] };
      const why = await this.refusal(locked, trip, rules, t);
      if (why) throw new DomainError('REBOOK.NOT_ALLOWED', why);
      const fresh = (await TripEntity.findByPk(target.id, { transaction: t }))!;
      const segments = await TripSegmentEntity.findAll({ where: { tripId: fresh.id }, attributes: ['segNo', 'sold'], transaction: t });
      const tickets = await this.liveTickets(locked, t);
      const seatsLeft = seatsLeftFor(segments.map((s) => ({ segNo: s.segNo, sold: s.sold })), fresh.capacity, locked.fromSeq, locked.toSeq);
      if (saleStateOf(fresh, seatsLeft, targetRules, new Date()) !== 'open') throw new DomainError('REBOOK.TRIP_INVALID', '所选班次当前不可改签');
      const prices = await this.pricesOn(fresh, locked, tickets, targetRules, t);
      if (!prices) throw new DomainError('FARE.NOT_SET');
      const carried = tickets.reduce((a, tk) => a + tk.paidFen, 0);
      const feeFen = rebookFee(carried, rules);
      const totalFen = prices.reduce((a, b) => a + b, 0);
      const difference = totalFen + feeFen - carried;
      const now = new Date();

      const order = await OrderEntity.create({
        orderNo: newOrderNo(now), endUserId: locked.endUserId, clientKey: req.clientKey, requestHash: hash, orgId: fresh.orgId, tripId: fresh.id, mode: locked.mode,
        fromSeq: locked.fromSeq, toSeq: locked.toSeq, pickupPoint: locked.pickupPoint, dropoffPoint: locked.dropoffPoint, pickupZoneId: locked.pickupZoneId, dropoffZoneId: locked.dropoffZoneId,
        totalFen, contactPhoneEnc: locked.contactPhoneEnc, contactPhoneBidx: locked.contactPhoneBidx, remark: locked.remark, status: 'pending_payment',
        holdExpiresAt: new Date(now.getTime() + targetRules.holdMinutes * 60_000), cancelReason: null, paidAt: null, closedAt: null,
        paidFen: carried, refundedFen: 0, rebookedFromOrderId: locked.id, rebookCount: locked.rebookCount + 1, rebookFeeFen: feeFen,
      }, { transaction: t });
      const newTickets: TicketEntity[] = [];
      for (const [i, tk] of tickets.entries()) {
        newTickets.push(await TicketEntity.create({
          ticketNo: ticketNo(order.orderNo, i), orderId: order.id, tripId: fresh.id, riderId: tk.riderId, riderName: tk.riderName, idType: tk.idType,
          idNumberEnc: tk.idNumberEnc, idNumberBidx: tk.idNumberBidx, ticketType: tk.ticketType, seatNo: null, fromSeq: tk.fromSeq, toSeq: tk.toSeq,
          priceFen: prices[i], paidFen: 0, status: 'held', live: true,
        }, { transaction: t }));
      }
      const held = await this.seats.hold(t, fresh, locked.fromSeq, locked.toSeq, newTickets.map((tk) => ({ ticketId: tk.id, seatNo: null, field: 'tripId' })));
      for (const [i, h] of held.entries()) if (h.seatNo !== null) await newTickets[i].update({ seatNo: h.seatNo }, { transaction: t });
      const ctx = (await this.presenter.contextsOfTrips([fresh], [order.pickupZoneId, order.dropoffZoneId], t)).get(fresh.id)!;
      await this.outbox.orderEvent(t, 'order.created', order.orgId, this.presenter.payload(order, newTickets, ctx, 'ORDER_CREATED', `改签自 ${locked.orderNo}`));
      if (difference > 0) return { order, refundIds: [] as number[] };
      // nothing more to pay: the switch happens now, and a cheaper trip's difference goes back
      await this.switchOver(t, locked, order, now);
      const refunds = difference < 0
        ? await this.refunds.createInTx(t, order, { amountFen: -difference, feeFen: 0, ticketIds: [], reason: 'rebook', requestKey: `rebook:${order.id}`, remark: `改签差价（${locked.orderNo}）`, requestedBy: null })
        : [];
      return { order, refundIds: refunds.map((r) => r.id) };
    }));
    for (const id of refundIds) await this.refunds.submit(id);
    return this.result(await created.reload());
  }

  /**
   * The difference of a dearer trip was paid: the switch happens in the payment's transaction.
   * false when the old order can no longer be switched (refunded meanwhile): the money goes back.
   */
  async complete(t: Transaction, order: OrderEntity, amountFen: number, paidAt: Date): Promise<boolean> {
    const old = await OrderEntity.findByPk(order.rebookedFromOrderId!, { transaction: t, lock: t.LOCK.UPDATE });
    if (!old || (old.status !== 'paid' && old.status !== 'partially_refunded')) return false;
    await OrderEntity.update({ paidFen: literal(`paid_fen + ${amountFen}`) }, { where: { id: order.id }, transaction: t });
    await order.reload({ transaction: t });
    await this.switchOver(t, old, order, paidAt);
    return true;
  }

  /** Old tickets rebooked (their seats back on sale), the new order paid with its tickets issued. */
  private async switchOver(t: Transaction, old: OrderEntity, order: OrderEntity, paidAt: Date): Promise<void> {
    const oldTickets = await TicketEntity.findAll({ where: { orderId: old.id }, transaction: t });
    const moved = await this.lifecycle.moveTickets(t, oldTickets, 'REBOOKED', { live: null });
    await this.seats.release(t, moved);
    await this.lifecycle.move(t, old, 'REBOOKED', {}, 'order.rebooked', `改签至 ${order.orderNo}`);
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, transaction: t });
    await this.lifecycle.moveTickets(t, tickets, 'PAID', {});
    await TicketEntity.update({ paidFen: literal('price_fen') }, { where: { orderId: order.id, status: 'issued' }, transaction: t });
    await this.lifecycle.move(t, order, 'PAYMENT_SUCCEEDED', { paidAt }, 'order.paid', `改签自 ${old.orderNo}`);
  }

  private async refusal(order: OrderEntity, trip: TripEntity, rules: TradingRules, t?: Transaction): Promise<string | null> {
    if (order.status !== 'paid') return '只有已支付且未退票的订单可以改签';
    if (!rules.rebook.allowed) return '该线路不支持改签';
    if (order.rebookCount >= rules.rebook.maxTimes) return `最多改签 ${rules.rebook.maxTimes} 次`;
    if (trip.departAt.getTime() - Date.now() < rules.rebook.closeMinutes * 60_000) return `发车前 ${rules.rebook.closeMinutes} 分钟内不能改签`;
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, attributes: ['status'], transaction: t });
    if (tickets.some((tk) => tk.status !== 'issued')) return '订单中有已检票或已退的车票，不能改签';
    const pending = await OrderEntity.findOne({ where: { rebookedFromOrderId: order.id, status: 'pending_payment' }, attributes: ['id'], transaction: t });
    if (pending) return '已有待支付的改签订单';
    return null;
  }

  private liveTickets(order: OrderEntity, t?: Transaction): Promise<TicketEntity[]> {
    return TicketEntity.findAll({ where: { orderId: order.id, status: 'issued' }, order: [['id', 'ASC']], transaction: t });
  }

  private async pricesOn(trip: TripEntity, order: OrderEntity, tickets: TicketEntity[], rules: TradingRules, t?: Transaction): Promise<number[] | null> {
    const baseFen = await this.fares.baseFen(trip.routeId, order.fromSeq, order.toSeq, t);
    if (baseFen === null || baseFen === undefined) return null;
    return tickets.map((tk) => priceTicket({ baseFen, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, ticketType: tk.ticketType }, rules).priceFen);
  }

  private async priceOn(trip: TripEntity, order: OrderEntity, tickets: TicketEntity[], rules: TradingRules): Promise<number | null> {
    const prices = await this.pricesOn(trip, order, tickets, rules);
    return prices ? prices.reduce((a, b) => a + b, 0) : null;
  }

  private async result(order: OrderEntity): Promise<RebookResult> {
    const refund = await RefundEntity.findOne({ where: { requestKey: `rebook:${order.id}` } });
    return {
      order: await this.presenter.viewOf(order),
      differenceFen: order.status === 'pending_payment' ? order.totalFen + order.rebookFeeFen - order.paidFen : -(refund?.amountFen ?? 0),
      refund: refund ? await this.refunds.view(refund, order) : null,
    };
  }

}

function rebookFee(carriedFen: number, rules: TradingRules): number {
  return Math.floor((carriedFen * rules.rebook.feePercent + 50) / 100);
}
