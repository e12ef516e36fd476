import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { refundTierAt, type OrderMoney } from '@dzky/contracts';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { PaymentGate } from '../../booking/service/payment-gate';
import { TripEntity } from '../../trip/entity';
import { TradingRulesService } from '../../trip/service/trading-rules.service';
import { PaymentEntity, RefundEntity } from '../entity';
import { PaymentService } from './payment.service';
import { RefundService } from './refund.service';

/** What booking asks of payments (see PaymentGate). */
@Provide('paymentGate')
@Scope(ScopeEnum.Singleton)
export class PaymentGateImpl extends PaymentGate {
  @Inject() private payments: PaymentService;
  @Inject() private refunds: RefundService;
  @Inject() private rules: TradingRulesService;

  settleOpenPayments(orderId: number): Promise<'paid' | 'clear'> {
    return this.payments.settleOpenPayments(orderId);
  }

  refundCancelledTrip(orderIds: number[]): Promise<void> {
    return this.refunds.refundCancelledTrip(orderIds);
  }

  async moneyOf(order: OrderEntity): Promise<OrderMoney> {
    const [payment, refunds, tickets, trip, from, to] = await Promise.all([
      PaymentEntity.findOne({ where: { orderId: order.id, status: 'paid' }, order: [['id', 'ASC']] }),
      RefundEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']] }),
      TicketEntity.findAll({ where: { orderId: order.id }, attributes: ['status'] }),
      TripEntity.findByPk(order.tripId, { attributes: ['id', 'orgId', 'routeId', 'departAt'] }),
      order.rebookedFromOrderId ? OrderEntity.findByPk(order.rebookedFromOrderId, { attributes: ['id', 'orderNo'] }) : null,
      OrderEntity.findOne({ where: { rebookedFromOrderId: order.id }, attributes: ['id', 'orderNo'], order: [['id', 'DESC']] }),
    ]);
    const rules = await this.rules.effective(trip!.orgId, trip!.routeId);
    const minutes = Math.floor((trip!.departAt.getTime() - Date.now()) / 60_000);
    const paid = order.status === 'paid' || order.status === 'partially_refunded';
    const issued = tickets.filter((tk) => tk.status === 'issued').length;
    return {
      paidFen: order.paidFen,
      refundedFen: order.refundedFen,
      paidAt: order.paidAt?.toISOString() ?? null,
      channel: payment?.channel ?? null,
      refunds: await Promise.all(refunds.map((r) => this.refunds.view(r, order))),
      rebookedFrom: from ? { id: from.id, orderNo: from.orderNo } : null,
      rebookedTo: to ? { id: to.id, orderNo: to.orderNo } : null,
      canRefund: paid && issued > 0 && refundTierAt(rules, minutes) !== null,
      canRebook: order.status === 'paid' && issued === tickets.length && rules.rebook.allowed && order.rebookCount < rules.rebook.maxTimes && minutes >= rules.rebook.closeMinutes,
      canInvoice: ['paid', 'partially_refunded', 'completed'].includes(order.status) && order.paidFen - order.refundedFen > 0,
    };
  }
}
