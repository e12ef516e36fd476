import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op } from 'sequelize';
import { type OrderStatus, type TripCancelResult } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { ValidationError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { PassengerNotifier } from '../../notification/service/passenger-notifier.service';
import type { PaymentGate } from './payment-gate';
import { TripEntity } from '../../trip/entity';
import { TripService } from '../../trip/service/trip.service';
import { OrderEntity } from '../entity';
import { AdminOrderService } from './admin-order.service';
import { retryOnDeadlock } from './booking-support';
import { isDue } from './hold-expiry.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderPresenter } from './order-presenter.service';

/** Orders a trip cancellation reaches: unpaid ones are cancelled, paid ones go to refunding. */
const AFFECTED: OrderStatus[] = ['pending_payment', 'paid', 'partially_refunded'];

/**
 * An operator cancels a trip (R-6.2.2 travel information: cancelled trips). One transaction marks
 * the trip cancelled and moves every live order on it — unpaid orders cancelled with their seats
 * released (or expired, when their hold had already ended), paid orders into refunding — each with
 * its outbox event. Only after it commits are the passengers told, by SMS to each order's contact
 * phone; every delivery is recorded, and a message that fails never undoes the cancellation.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class TripCancellationService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;
  @Inject() private trips: TripService;
  @Inject() private adminOrders: AdminOrderService;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private presenter: OrderPresenter;
  @Inject() private notifier: PassengerNotifier;
  @Inject('paymentGate') private payments: PaymentGate;

  async cancel(principal: AdminPrincipal, tripId: number, reasonInput: string, origin: RequestOrigin): Promise<TripCancelResult> {
    const reason = (reasonInput ?? '').trim();
    if (!reason) throw new ValidationError([{ field: 'reason', reason: '请填写取消原因（将通知已购票乘客）' }]);
    if (reason.length > 200) throw new ValidationError([{ field: 'reason', reason: '取消原因不超过 200 字' }]);
    await this.adminOrders.tripInScope(principal, tripId, origin);

    const { trip, orders } = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      const now = new Date();
      const locked = (await TripEntity.findByPk(tripId, { transaction: t, lock: t.LOCK.UPDATE }))!;
      // the orders are locked before markCancelled writes its audit record: the audit chain's head row
      // is one lock every booking takes last, so holding it while waiting for order rows invites deadlocks
      const live = await OrderEntity.findAll({
        where: { tripId: locked.id, status: { [Op.in]: AFFECTED } },
        order: [['id', 'ASC']],
        transaction: t,
        lock: t.LOCK.UPDATE,
      });
      // refuses trips already cancelled, departed or completed (TRIP.STATE_INVALID)
      await this.trips.markCancelled(t, locked, reason, origin);
      const ctx = (await this.presenter.contextsOfTrips([locked], [], t)).get(locked.id)!;
      const affected: OrderEntity[] = [];
      for (const order of live) {
        // a hold that had already ended (the sweeper had not come by yet) expires: that passenger holds nothing to be told about
        if (isDue(order, now)) {
          await this.lifecycle.apply(t, order, 'HOLD_EXPIRED', null, ctx);
          continue;
        }
        affected.push(await this.lifecycle.apply(t, order, 'TRIP_CANCELLED', reason, ctx));
      }
      await this.audit.record(origin, {
        category: 'admin_write',
        // the trip's own record is markCancelled's; this one names the orders it reached
        action: 'trip.cancel.orders',
        result: 'success',
        targetType: 'trip',
        targetId: locked.id,
        detail: { reason, orders: affected.map((o) => o.orderNo) },
      }, t);
      return { trip: locked, orders: affected };
    }));

    // the paid ones are refunded in full (the refund sweeper finishes any this misses)
    await this.payments.refundCancelledTrip(orders.filter((o) => o.status === 'refunding').map((o) => o.id));
    const passengersNotified = await this.tellPassengers(trip, orders, reason);
    await trip.reload();
    return { trip: await this.trips.view(trip), ordersAffected: orders.length, passengersNotified };
  }

  /**
   * One message per contact phone (a passenger with two orders is told once; Aliyun would refuse a
   * second SMS to the same number within a minute anyway), recorded against each order: a WeChat
   * subscribe message when the passenger has one left, an SMS otherwise. The dedupe key
   * makes a second run of the same cancellation send nothing.
   */
  private async tellPassengers(trip: TripEntity, orders: OrderEntity[], reason: string): Promise<number> {
    if (!orders.length) return 0;
    const ctx = (await this.presenter.contextsOfTrips([trip])).get(trip.id)!;
    const stops = [...trip.stops].sort((a, b) => a.seq - b.seq);
    const ends = [stops[0]?.seq, stops[stops.length - 1]?.seq].map((seq) => (seq === undefined ? '' : (ctx.stopOf(seq)?.name['zh-CN'] ?? '')));
    const departAt = `${trip.departDate} ${trip.departTime}`;
    const byPhone = new Map<string, OrderEntity[]>();
    for (const o of orders) byPhone.set(o.contactPhoneBidx, [...(byPhone.get(o.contactPhoneBidx) ?? []), o]);
    let told = 0;
    for (const group of byPhone.values()) {
      const [first] = group;
      const outcome = await this.notifier.send(
        'trip_cancelled',
        { phone: this.cipher.decrypt(first.contactPhoneEnc), endUserId: first.endUserId, orderIds: group.map((o) => o.id), tripId: trip.id },
        // the first order's number (the message opens it) and '深圳北站-广州南站' as the journey
        { orderNo: first.orderNo, lineName: ends.join('-'), departAt, reason },
        { dedupeKey: `trip-cancelled:${trip.id}:${first.id}` },
      );
      if (outcome.status === 'sent') told++;
    }
    return told;
  }
}
