import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, literal, type WhereOptions } from 'sequelize';
import {
  SEAT_HOLDING_TICKET_STATUSES,
  type AdminOrderListItem, type AdminOrderQuery, type OrderView, type Page, type TripManifest,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { subtreeOrgIds, visibleSubtreeIds } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { TripEntity } from '../../trip/entity';
import { TripService } from '../../trip/service/trip.service';
import { OrderEntity, TicketEntity } from '../entity';
import { CONTACT_PHONE_INDEX, retryOnDeadlock } from './booking-support';
import { HoldExpiryService } from './hold-expiry.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderPresenter } from './order-presenter.service';
import type { PaymentGate } from './payment-gate';

const MOBILE = /^1[3-9]\d{9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Order management for staff: find and handle online orders, a passenger's booking
 * history (R-6.1.2 passenger records) and a trip's passenger manifest. Platform staff see every
 * operator's orders; operator staff their own organisation subtree — anything else answers 404,
 * exactly like an order that does not exist. Regulators get the regulator feeds, not order handling.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AdminOrderService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;
  @Inject() private presenter: OrderPresenter;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private holds: HoldExpiryService;
  @Inject() private trips: TripService;
  @Inject('paymentGate') private payments: PaymentGate;

  async list(principal: AdminPrincipal, q: AdminOrderQuery, origin: RequestOrigin): Promise<Page<AdminOrderListItem>> {
    const orgIds = await this.visibleOrgs(principal, origin);
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const and: WhereOptions[] = [];
    if (orgIds) and.push({ orgId: { [Op.in]: orgIds } });
    if (q.orgId) and.push({ orgId: { [Op.in]: await visibleSubtreeIds(principal, Number(q.orgId)) } });
    if (q.tripId) and.push({ tripId: Number(q.tripId) });
    if (q.status) and.push({ status: q.status });
    if (q.endUserId) and.push({ endUserId: Number(q.endUserId) });
    const keyword = q.keyword?.trim();
    if (keyword) {
      // the leading part of an order number; LIKE's wildcards are no part of one, so a keyword with
      // them matches only itself (nothing), never every order
      const byNo = /[\\%_]/.test(keyword) ? { orderNo: keyword } : { orderNo: { [Op.like]: `${keyword}%` } };
      and.push(MOBILE.test(keyword) ? { [Op.or]: [byNo, { contactPhoneBidx: this.cipher.blindIndex(keyword, CONTACT_PHONE_INDEX) }] } : byNo);
    }
    const day = (d: string | undefined, op: '>=' | '<=') => (d && DATE.test(d) ? `depart_date ${op} ${this.db.sequelize.escape(d)}` : null);
    const days = [day(q.dateFrom, '>='), day(q.dateTo, '<=')].filter(Boolean);
    if (days.length) {
      // a subquery, not a list of trip IDs: a year of trips would exceed SQLite's limit on bound values
      and.push({ tripId: { [Op.in]: literal(`(SELECT id FROM trip WHERE ${days.join(' AND ')})`) } });
    }
    // holds that have ended show as expired, sweeper or not
    await this.holds.expireDueOf(q.tripId ? { tripId: Number(q.tripId) } : q.endUserId ? { endUserId: Number(q.endUserId) } : {});
    const { rows, count } = await OrderEntity.findAndCountAll({
      where: { [Op.and]: and },
      order: [['id', 'DESC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    if (keyword && MOBILE.test(keyword)) {
      // a search by phone number is a personal-data access
      await this.audit.record(origin, { category: 'security', action: 'order.search', result: 'success', targetType: 'order', detail: { by: 'contactPhone', found: count } });
    }
    return { items: await this.presenter.adminListItems(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<OrderView> {
    const order = await this.visible(principal, id, origin);
    await this.holds.expireIfDue([order]);
    return { ...(await this.presenter.viewOf(order)), money: await this.payments.moneyOf(order) };
  }

  /** The order if the caller may see it (404 otherwise): for the money actions of the payment module. */
  async visibleOrder(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<OrderEntity> {
    return this.visible(principal, id, origin);
  }

  /** null: every organisation (platform staff); otherwise the caller's subtree. Regulators are refused. */
  async scopeOf(principal: AdminPrincipal, origin: RequestOrigin): Promise<number[] | null> {
    return this.visibleOrgs(principal, origin);
  }

  /** Staff cancel unpaid orders only (a paid order is refunded, by the payments issue). */
  async cancel(principal: AdminPrincipal, id: number, reason: string | undefined, origin: RequestOrigin): Promise<OrderView> {
    const order = await this.visible(principal, id, origin);
    await this.holds.expireIfDue([order]);
    // cancelled already (by the passenger, a colleague or a retry of this request): nothing more to do
    if (order.status === 'cancelled') return this.presenter.viewOf(order);
    const cancelled = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      await TripEntity.findByPk(order.tripId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
      const locked = (await OrderEntity.findByPk(order.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (locked.status === 'cancelled') return locked;
      if (locked.status !== 'pending_payment') throw new DomainError('ORDER.STATE_INVALID', '只能取消待支付的订单；已支付的订单请走退款');
      const done = await this.lifecycle.apply(t, locked, 'PASSENGER_CANCELLED', reason?.trim() || '客服取消');
      await this.audit.record(origin, { category: 'admin_write', action: 'order.cancel', result: 'success', targetType: 'order', targetId: done.id, detail: { orderNo: done.orderNo, reason: done.cancelReason } }, t);
      return done;
    }));
    return this.presenter.viewOf(cancelled);
  }

  /** Who travels on the trip, from where to where (tickets holding seats). */
  async manifest(principal: AdminPrincipal, tripId: number, origin: RequestOrigin): Promise<TripManifest> {
    const trip = await this.tripInScope(principal, tripId, origin);
    await this.holds.expireDueOf({ tripId: trip.id });
    const tickets = await TicketEntity.findAll({
      where: { tripId: trip.id, status: { [Op.in]: [...SEAT_HOLDING_TICKET_STATUSES] } },
      order: [[literal('seat_no IS NULL'), 'ASC'], ['seatNo', 'ASC'], ['id', 'ASC']],
    });
    const orders = await OrderEntity.findAll({ where: { id: { [Op.in]: [...new Set(tickets.map((tk) => tk.orderId))] } } });
    const orderById = new Map(orders.map((o) => [o.id, o]));
    const ctx = (await this.presenter.contextsOfTrips([trip], orders.flatMap((o) => [o.pickupZoneId, o.dropoffZoneId]))).get(trip.id)!;
    return {
      trip: await this.trips.view(trip),
      tickets: tickets.map((tk) => {
        const o = orderById.get(tk.orderId)!;
        return {
          ...this.presenter.ticket(tk),
          orderNo: o.orderNo,
          fromSeq: tk.fromSeq,
          toSeq: tk.toSeq,
          pickup: this.presenter.place(ctx, tk.fromSeq, o.pickupPoint, o.pickupZoneId),
          dropoff: this.presenter.place(ctx, tk.toSeq, o.dropoffPoint, o.dropoffZoneId),
        };
      }),
    };
  }

  /** The trip if the caller's organisation subtree runs it; otherwise 404. */
  async tripInScope(principal: AdminPrincipal, tripId: number, origin: RequestOrigin): Promise<TripEntity> {
    const orgIds = await this.visibleOrgs(principal, origin);
    const trip = Number.isSafeInteger(tripId) && tripId > 0 ? await TripEntity.findByPk(tripId) : null;
    if (!trip || (orgIds && !orgIds.includes(trip.orgId))) throw new NotFoundError('班次');
    return trip;
  }

  private async visible(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<OrderEntity> {
    const orgIds = await this.visibleOrgs(principal, origin);
    const order = Number.isSafeInteger(id) && id > 0 ? await OrderEntity.findByPk(id) : null;
    if (!order || (orgIds && !orgIds.includes(order.orgId))) throw new NotFoundError('订单');
    return order;
  }

  /** null: every organisation (platform staff); otherwise the caller's subtree. Regulators are refused. */
  private async visibleOrgs(principal: AdminPrincipal, origin: RequestOrigin): Promise<number[] | null> {
    if (principal.orgKind === 'regulator') {
      const e = new DomainError('ACCESS.DENIED', '监管机构通过监管数据接口查看订单数据');
      await this.audit.record(origin, { category: 'access_denied', action: 'order.access', result: 'denied', detail: { reason: e.errorCode, orgKind: principal.orgKind } });
      throw e;
    }
    if (principal.orgKind === 'platform') return null;
    return subtreeOrgIds(principal);
  }
}
