import { Inject, Logger, Provide, Scope, ScopeEnum, type ILogger } from '@midwayjs/core';
import { Op } from 'sequelize';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError } from '../../../common/error/domain.error';
import { TripEntity } from '../../trip/entity';
import { OrderEntity } from '../entity';
import { retryOnDeadlock } from './booking-support';
import { OrderLifecycle } from './order-lifecycle.service';
import type { PaymentGate } from './payment-gate';

/**
 * Unpaid orders give their seats back when the hold ends (trading rules holdMinutes). The sweeper
 * (HoldExpiryTimer) calls sweep() every few seconds; reads of an order call expireIfDue() so a
 * passenger never sees a hold that has already ended, whether or not the sweeper has run.
 *
 * Each order expires in a transaction of its own, so one failure holds up no other, and the
 * lifecycle's status guard makes a second sweeper (another bff process) a no-op.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class HoldExpiryService {
  @Inject() private db: DatabaseService;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject('paymentGate') private payments: PaymentGate;
  @Logger() private logger: ILogger;

  /** Expires every order whose hold ended by `now` (at most `limit` per call); returns how many it expired. */
  async sweep(now: Date = new Date(), limit = 200): Promise<number> {
    const due = await OrderEntity.findAll({
      where: { status: 'pending_payment', holdExpiresAt: { [Op.lte]: now } },
      attributes: ['id'],
      order: [['holdExpiresAt', 'ASC']],
      limit,
    });
    let expired = 0;
    for (const { id } of due) {
      try {
        if (await this.expire(id, now)) expired++;
      } catch (e) {
        this.logger.error('[booking] expiring order %d failed: %s', id, (e as Error).stack ?? e);
      }
    }
    return expired;
  }

  /** Expires the order if its hold has ended; true when this call did it. */
  async expire(orderId: number, now: Date = new Date()): Promise<boolean> {
    // the trip is read outside the transaction (it never changes), so that inside it the locks come
    // before any plain read: on MariaDB the first plain read fixes the snapshot the rest sees
    const peek = await OrderEntity.findByPk(orderId, { attributes: ['id', 'tripId', 'status', 'holdExpiresAt'] });
    if (!peek || !isDue(peek, now)) return false;
    // money may be on its way: WeChat Pay is asked (and its order closed) before the seats go back
    if ((await this.payments.settleOpenPayments(orderId)) === 'paid') return false;
    try {
      return await retryOnDeadlock(() => this.db.transaction(async (t) => {
        // trip before order, the same order every booking path takes its locks in (no deadlocks)
        await TripEntity.findByPk(peek.tripId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
        const order = await OrderEntity.findByPk(orderId, { transaction: t, lock: t.LOCK.UPDATE });
        if (!order || !isDue(order, now)) return false;
        await this.lifecycle.apply(t, order, 'HOLD_EXPIRED', null);
        return true;
      }));
    } catch (e) {
      // somebody else moved it first (a payment, a cancel, another sweeper): nothing left to do
      if (e instanceof DomainError && e.errorCode === 'ORDER.STATE_INVALID') return false;
      throw e;
    }
  }

  /** Lazy expiry on read: the orders as they stand once every due hold has ended. */
  async expireIfDue<T extends OrderEntity>(orders: T[], now: Date = new Date()): Promise<T[]> {
    for (const order of orders) {
      if (!isDue(order, now)) continue;
      await this.expire(order.id, now);
      await order.reload();
    }
    return orders;
  }

  /** Lazy expiry for a list: every due hold of this account (or of this trip) ends before the query. */
  async expireDueOf(where: { endUserId?: number; tripId?: number }, now: Date = new Date()): Promise<void> {
    const due = await OrderEntity.findAll({
      where: { ...where, status: 'pending_payment', holdExpiresAt: { [Op.lte]: now } },
      attributes: ['id'],
      limit: 200,
    });
    for (const { id } of due) await this.expire(id, now);
  }
}

export function isDue(order: Pick<OrderEntity, 'status' | 'holdExpiresAt'>, now: Date): boolean {
  return order.status === 'pending_payment' && Boolean(order.holdExpiresAt) && order.holdExpiresAt!.getTime() <= now.getTime();
}
