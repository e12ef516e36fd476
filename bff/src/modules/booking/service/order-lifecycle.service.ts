import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction } from 'sequelize';
import {
  InvalidTransitionError, ORDER_MACHINE, ORDER_STATUS_LABELS, TICKET_MACHINE, canApply, nextState,
  type OrderEvent, type OrderStatus, type OutboxEventType, type TicketEvent,
} from '@dzky/contracts';
import { DomainError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import { OrderEntity, TicketEntity } from '../entity';
import { OrderPresenter, type OrderContext } from './order-presenter.service';
import { SeatInventoryService } from './seat-inventory.service';

/** The events that end or suspend an order from outside payment (payments bring their own). */
export type ClosingEvent = Extract<OrderEvent, 'PASSENGER_CANCELLED' | 'HOLD_EXPIRED' | 'TRIP_CANCELLED'>;

const OUTBOX_TYPE: Partial<Record<OrderStatus, Extract<OutboxEventType, `order.${string}`>>> = {
  cancelled: 'order.cancelled',
  expired: 'order.expired',
  refunding: 'order.refunding',
};

/**
 * Moves an order through the contracts' state machine and its tickets with it, inside the caller's
 * transaction: cancelled or expired orders give their seats back; paid orders of a cancelled trip
 * go to refunding (the payments issue pays the money back). Every move writes its outbox event.
 *
 * The status change is conditional on the status read (UPDATE … WHERE status = :from), so two
 * processes acting on the same order — two sweepers, a sweeper and a cancel — can never both
 * release its seats: the second finds no row to change and is refused.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OrderLifecycle {
  @Inject() private seats: SeatInventoryService;
  @Inject() private presenter: OrderPresenter;
  @Inject() private outbox: OutboxService;

  async apply(t: Transaction, order: OrderEntity, event: ClosingEvent, reason: string | null, ctx?: OrderContext): Promise<OrderEntity> {
    const from = order.status;
    let to: OrderStatus;
    try {
      to = nextState(ORDER_MACHINE, from, event);
    } catch (e) {
      if (e instanceof InvalidTransitionError) throw new DomainError('ORDER.STATE_INVALID', `订单${ORDER_STATUS_LABELS[from]?.zh ?? '状态已变化'}，不能执行此操作`);
      throw e;
    }
    const closes = ORDER_MACHINE.final.includes(to);
    const [changed] = await OrderEntity.update(
      { status: to, cancelReason: reason ?? order.cancelReason, closedAt: closes ? new Date() : order.closedAt },
      { where: { id: order.id, status: from }, transaction: t },
    );
    if (changed !== 1) throw new DomainError('ORDER.STATE_INVALID');
    await order.reload({ transaction: t });

    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']], transaction: t });
    if (to === 'cancelled' || to === 'expired') {
      const released = await this.moveTickets(t, tickets, 'RELEASED', { live: null });
      await this.seats.release(t, released);
    } else if (to === 'refunding') {
      await this.moveTickets(t, tickets, 'REFUND_REQUESTED', {});
    }

    const type = OUTBOX_TYPE[to];
    if (type) {
      const context = ctx ?? (await this.presenter.contexts([order], t)).get(order.tripId)!;
      await this.outbox.orderEvent(t, type, order.orgId, this.presenter.payload(order, tickets, context, event, reason));
    }
    return order;
  }

  /**
   * Any other named move (payments, refunds, rebooking) with the columns it changes, under the same
   * status guard, writing `outboxType` with the order as it now is. Tickets are the caller's to move.
   */
  async move(
    t: Transaction,
    order: OrderEntity,
    event: OrderEvent,
    changes: Partial<Pick<OrderEntity, 'paidAt' | 'paidFen' | 'refundedFen' | 'closedAt' | 'cancelReason'>>,
    outboxType: Extract<OutboxEventType, `order.${string}`>,
    reason: string | null = null,
  ): Promise<OrderEntity> {
    const from = order.status;
    if (!canApply(ORDER_MACHINE, from, event)) throw new DomainError('ORDER.STATE_INVALID', `订单${ORDER_STATUS_LABELS[from]?.zh ?? '状态已变化'}，不能执行此操作`);
    const to = nextState(ORDER_MACHINE, from, event);
    const closes = ORDER_MACHINE.final.includes(to);
    const [changed] = await OrderEntity.update(
      { ...changes, status: to, ...(closes ? { closedAt: new Date() } : {}) },
      { where: { id: order.id, status: from }, transaction: t },
    );
    if (changed !== 1) throw new DomainError('ORDER.STATE_INVALID');
    await order.reload({ transaction: t });
    const tickets = await TicketEntity.findAll({ where: { orderId: order.id }, order: [['id', 'ASC']], transaction: t });
    const context = (await this.presenter.contexts([order], t)).get(order.tripId)!;
    await this.outbox.orderEvent(t, outboxType, order.orgId, this.presenter.payload(order, tickets, context, event, reason));
    return order;
  }

  /** Applies `event` to every ticket it applies to; tickets already past it stay as they are. */
  async moveTickets(t: Transaction, tickets: TicketEntity[], event: TicketEvent, extra: Partial<Pick<TicketEntity, 'live' | 'paidFen' | 'refundId'>>): Promise<TicketEntity[]> {
    const moving = tickets.filter((tk) => canApply(TICKET_MACHINE, tk.status, event));
    const byTarget = new Map<string, TicketEntity[]>();
    for (const tk of moving) {
      const to = nextState(TICKET_MACHINE, tk.status, event);
      byTarget.set(to, [...(byTarget.get(to) ?? []), tk]);
    }
    for (const [to, group] of byTarget) {
      await TicketEntity.update(
        { status: to, ...extra },
        { where: { id: { [Op.in]: group.map((tk) => tk.id) }, status: { [Op.in]: [...new Set(group.map((tk) => tk.status))] } }, transaction: t },
      );
      // the views and the outbox payload show the tickets as they now are
      for (const tk of group) {
        tk.set({ status: to, ...extra });
      }
    }
    return moving;
  }
}
