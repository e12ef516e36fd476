import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op } from 'sequelize';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import { OrderEntity, TicketEntity } from '../../booking/entity';
import { OrderPresenter } from '../../booking/service/order-presenter.service';
import { InvoiceService } from '../../invoice/service/invoice.service';
import { PassengerNotifier, type NoticeTarget } from '../../notification/service/passenger-notifier.service';
import { shanghaiDay, shanghaiTime } from '../../trip/service/trip-rules';
import { RideCodeService } from '../../voucher/service/ride-code.service';
import { RefundEntity } from '../entity';

/**
 * What passengers are told after money moved: a subscribe message (or SMS) on
 * payment and refund, and the ride voucher SMS with each rider's check code. Sent after the change
 * committed, each once (the notifier's dedupe key), and never able to undo it.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class PaymentMessages {
  @Inject() private notifier: PassengerNotifier;
  @Inject() private presenter: OrderPresenter;
  @Inject() private cipher: FieldCipher;
  @Inject() private rideCodes: RideCodeService;
  @Inject() private invoices: InvoiceService;
  @Logger() private logger: ILogger;

  /** The line shown on the payer's WeChat bill (≤ 127 bytes). */
  async description(order: OrderEntity): Promise<string> {
    const ctx = (await this.presenter.contexts([order])).get(order.tripId)!;
    const text = `${ctx.lineName} ${shanghaiDay(ctx.trip.departAt)} ${shanghaiTime(ctx.trip.departAt)} 车票`;
    return Buffer.byteLength(text) <= 127 ? text : `定制客运车票 ${order.orderNo}`;
  }

  async paid(orderId: number, outTradeNo: string): Promise<void> {
    try {
      const { order, target, departAt, lineName } = await this.about(orderId);
      const tickets = await TicketEntity.findAll({ where: { orderId, status: { [Op.in]: ['issued', 'checked'] } }, order: [['id', 'ASC']] });
      await this.notifier.send('payment_succeeded', target, { orderNo: order.orderNo, lineName, departAt, amountFen: order.paidFen, riders: tickets.length }, { dedupeKey: `payment:${outTradeNo}` });
      await this.notifier.send('ride_voucher', target, { orderNo: order.orderNo, checkCodes: tickets.map((tk) => this.rideCodes.checkCode(tk.ticketNo)), departAt }, { dedupeKey: `voucher:${outTradeNo}` });
    } catch (e) {
      this.logger.error('[payment] telling the passenger of order %d about payment %s failed: %s', orderId, outTradeNo, (e as Error).stack ?? e);
    }
  }

  /** After a refund ended: the passenger is told, and an invoice already issued is reversed. */
  async refunded(refundId: number): Promise<void> {
    const refund = await RefundEntity.findByPk(refundId);
    if (!refund) return;
    try {
      const { order, target, departAt, lineName } = await this.about(refund.orderId);
      if (refund.status === 'succeeded' || refund.status === 'resolved_offline') {
        await this.notifier.send('refund_succeeded', target, { orderNo: order.orderNo, lineName, departAt, amountFen: refund.amountFen }, { dedupeKey: `refund:${refund.outRefundNo}` });
      } else if (refund.status === 'abnormal' || refund.status === 'closed') {
        await this.notifier.send('refund_failed', target, { orderNo: order.orderNo, amountFen: refund.amountFen, reason: '退款未能原路退回，客服将联系您' }, { dedupeKey: `refund-failed:${refund.outRefundNo}` });
      }
    } catch (e) {
      this.logger.error('[refund] telling the passenger about refund %s failed: %s', refund.outRefundNo, (e as Error).stack ?? e);
    }
    // an invoice already issued for money now returned is reversed (and issued again for the rest)
    if (refund.status === 'succeeded' || refund.status === 'resolved_offline') await this.invoices.afterRefund(refund.orderId);
  }

  private async about(orderId: number): Promise<{ order: OrderEntity; target: NoticeTarget; departAt: string; lineName: string }> {
    const order = (await OrderEntity.findByPk(orderId))!;
    const ctx = (await this.presenter.contexts([order])).get(order.tripId)!;
    return {
      order,
      target: { phone: this.cipher.decrypt(order.contactPhoneEnc), endUserId: order.endUserId, orderIds: [order.id], tripId: order.tripId },
      departAt: `${shanghaiDay(ctx.trip.departAt)} ${shanghaiTime(ctx.trip.departAt)}`,
      lineName: ctx.lineName || ctx.routeName,
    };
  }
}
