import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import {
  ageOn, orderRequestProblems, priceTicket, seatsLeftFor, ticketTypeProblem,
  type BookingPoint, type FieldError, type OrderCreateRequest, type OrderListItem, type OrderQuery, type OrderView, type Page,
  type TicketType, type TradingRules, type TripSaleState, type ZoneHit, type ZoneKind,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { EndUserEntity } from '../../account/entity/end-user.entity';
import { AuditService } from '../../audit/service/audit.service';
import { ZoneEntity } from '../../basedata/entity';
import { GeofenceService } from '../../basedata/service/geofence.service';
import { MapPort } from '../../integration/port/map.port';
import { RiderEntity } from '../../passenger/entity';
import { TripEntity, TripSegmentEntity, type TripStopSnapshot } from '../../trip/entity';
import { FareService } from '../../trip/service/fare.service';
import { TradingRulesService } from '../../trip/service/trading-rules.service';
import { journeyProblem, saleStateOf } from '../../trip/service/trip-rules';
import { OrderEntity, TicketEntity } from '../entity';
import { CONTACT_PHONE_INDEX, newOrderNo, ownOrderOf, requestHash, retryOnDeadlock, ticketNo, violatedIndex } from './booking-support';
import type { PaymentGate } from './payment-gate';
import { HoldExpiryService } from './hold-expiry.service';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderPresenter } from './order-presenter.service';
import { SeatInventoryService } from './seat-inventory.service';

/** The journey a booking resolves to, and for door to door the points and zones that fixed it. */
interface Journey {
  fromSeq: number;
  toSeq: number;
  pickup: { point: { lng: number; lat: number; address: string | null }; zoneId: number } | null;
  dropoff: { point: { lng: number; lat: number; address: string | null }; zoneId: number } | null;
}

const SALE_STATE_ERRORS: Record<Exclude<TripSaleState, 'open'>, ConstructorParameters<typeof DomainError>[0]> = {
  not_yet_open: 'TRIP.PRESALE_NOT_OPEN',
  closed: 'TRIP.SALES_CLOSED',
  cancelled: 'TRIP.CANCELLED',
  suspended: 'TRIP.NOT_BOOKABLE',
  sold_out: 'ORDER.SEAT_SOLD_OUT',
};

const PAYING: ReadonlySet<TicketType> = new Set(['adult', 'student', 'senior', 'military_disabled']);

/**
 * Passenger bookings: create, list, read and cancel one's own orders.
 *
 * A booking is one transaction: the trip row is locked, the rules that decide whether it may be
 * booked are checked against what the database holds at that moment, the seats are held by the
 * segment inventory's conditional update, and the order, its tickets, the outbox event and the
 * audit record are written — all of it or none. The same request sent twice (a retry after a lost
 * answer) finds the order the first one made through (account, clientKey).
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class OrderService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;
  @Inject() private outbox: OutboxService;
  @Inject() private geofence: GeofenceService;
  @Inject() private rules: TradingRulesService;
  @Inject() private fares: FareService;
  @Inject() private seats: SeatInventoryService;
  @Inject() private presenter: OrderPresenter;
  @Inject() private lifecycle: OrderLifecycle;
  @Inject() private holds: HoldExpiryService;
  @Inject('paymentGate') private payments: PaymentGate;
  @Inject('mapPort') private map: MapPort;

  async create(principal: EndUserPrincipal, req: OrderCreateRequest, origin: RequestOrigin): Promise<OrderView> {
    const problems = orderRequestProblems(req);
    if (problems.length) throw new ValidationError(problems);
    const hash = requestHash(req);
    const earlier = await this.byClientKey(principal, req.clientKey, hash);
    if (earlier) return earlier;

    const trip = Number.isSafeInteger(req.tripId) ? await TripEntity.findByPk(req.tripId) : null;
    if (!trip) throw new NotFoundError('班次');
    // geofence lookups read an in-memory index: done before the write lock is taken
    const journey = req.mode === 'door' ? await this.doorJourney(trip, req.pickup!, req.dropoff!) : this.fixedJourney(trip, req.fromSeq!, req.toSeq!);
    // the trading rules too: they change rarely (an edit racing a booking is harmless), and
    // TradingRulesService reads part of them outside any transaction — inside the booking's, that
    // query waits for a second pooled connection, and on MariaDB a burst of bookings (each holding
    // one connection while queued for the trip's lock) empties the pool: every one fails after 30 s
    const rules = await this.rules.effective(trip.orgId, trip.routeId);
    // a trip that cannot be sold (most often: its last seats just went) is refused without queueing
    // for the write lock, which on SQLite every trip's bookings share; the transaction checks again
    const refusal = await this.saleRefusal(trip, journey, rules, new Date());
    if (refusal) {
      // unless this very request took the last seat a moment ago (a duplicate sent at once)
      const made = await this.byClientKey(principal, req.clientKey, hash);
      if (made) return made;
      throw refusal;
    }

    for (let attempt = 1; ; attempt++) {
      try {
        const order = await retryOnDeadlock(() => this.db.transaction((t) => this.book(principal, req, hash, journey, rules, origin, t)));
        // answered as stored (MariaDB keeps whole seconds): a retry of this request then gets the same answer
        return await this.presenter.viewOf(await order.reload());
      } catch (e) {
        if (!(e instanceof UniqueConstraintError)) throw e;
        const index = violatedIndex(e);
        // the random order number was drawn before (a million a second, so it happens under load): draw again
        if (index === 'order_no' && attempt < 5) continue;
        if (index === 'client_key') {
          // the same request arrived twice at once: the other one made the order
          const made = await this.byClientKey(principal, req.clientKey, hash);
          if (made) return made;
        }
        if (index === 'rider_seat') throw this.riderAlreadyBooked([]);
        if (index === 'seat') throw new DomainError('ORDER.SEAT_TAKEN');
        throw e;
      }
    }
  }

  async list(principal: EndUserPrincipal, q: OrderQuery): Promise<Page<OrderListItem>> {
    await this.holds.expireDueOf({ endUserId: principal.subjectId });
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const { rows, count } = await OrderEntity.findAndCountAll({
      where: { endUserId: principal.subjectId, ...(q.status ? { status: q.status } : {}) },
      order: [['id', 'DESC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: await this.presenter.listItems(rows), total: count, page, pageSize };
  }

  async get(principal: EndUserPrincipal, id: number): Promise<OrderView> {
    const order = await ownOrderOf(principal.subjectId, id);
    await this.holds.expireIfDue([order]);
    return { ...(await this.presenter.viewOf(order)), money: await this.payments.moneyOf(order) };
  }

  async cancel(principal: EndUserPrincipal, id: number, reason: string | undefined, origin: RequestOrigin): Promise<OrderView> {
    const order = await ownOrderOf(principal.subjectId, id);
    // a hold that has ended is expired first: the passenger then learns the order is no longer payable
    await this.holds.expireIfDue([order]);
    // a repeated cancel (a double tap, a retry after a lost answer) answers the cancelled order again
    if (order.status === 'cancelled') return this.presenter.viewOf(order);
    // the passenger may have paid on another screen a moment ago: asked before the seats go back
    if (order.status === 'pending_payment' && (await this.payments.settleOpenPayments(order.id)) === 'paid') {
      await order.reload();
      throw new DomainError('ORDER.STATE_INVALID', '订单已支付，如需取消请申请退票');
    }
    const cancelled = await retryOnDeadlock(() => this.db.transaction(async (t) => {
      await TripEntity.findByPk(order.tripId, { attributes: ['id'], transaction: t, lock: t.LOCK.UPDATE });
      const locked = (await OrderEntity.findByPk(order.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      if (locked.status === 'cancelled') return locked;
      const done = await this.lifecycle.apply(t, locked, 'PASSENGER_CANCELLED', reason?.trim() || '乘客取消');
      await this.audit.record(origin, { category: 'security', action: 'order.cancel', result: 'success', targetType: 'order', targetId: done.id, detail: { orderNo: done.orderNo } }, t);
      return done;
    }));
    return this.presenter.viewOf(cancelled);
  }


  /** The order an earlier request with this key made: the same content answers it again, other content is refused. */
  private async byClientKey(principal: EndUserPrincipal, clientKey: string, hash: string): Promise<OrderView | null> {
    const order = await OrderEntity.findOne({ where: { endUserId: principal.subjectId, clientKey } });
    if (!order) return null;
    if (order.requestHash !== hash) {
      throw idempotencyMismatch();
    }
    await this.holds.expireIfDue([order]);
    return this.presenter.viewOf(order);
  }

  private async book(principal: EndUserPrincipal, req: OrderCreateRequest, hash: string, journey: Journey, rules: TradingRules, origin: RequestOrigin, t: Transaction): Promise<OrderEntity> {
    const now = new Date();
    // the account first, then the trip: every booking path takes its locks in this order. Both locks
    // come before any plain read, because on MariaDB (REPEATABLE READ) the first plain read fixes the
    // snapshot every later one sees: taken before the wait for the trip, it would miss the bookings
    // that committed meanwhile (seats chosen for riders would then collide with theirs)
    const user = await EndUserEntity.findByPk(principal.subjectId, { attributes: ['id', 'enabled'], transaction: t, lock: t.LOCK.UPDATE });
    if (!user || !user.enabled) throw new DomainError('AUTH.ACCOUNT_DISABLED');
    const trip = await TripEntity.findByPk(req.tripId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!trip) throw new NotFoundError('班次');
    // the same request sent twice at once: the one that got here second answers the first one's order
    const same = await OrderEntity.findOne({ where: { endUserId: principal.subjectId, clientKey: req.clientKey }, transaction: t });
    if (same) {
      if (same.requestHash !== hash) throw idempotencyMismatch();
      return same;
    }

    const refusal = await this.saleRefusal(trip, journey, rules, now, t);
    if (refusal) throw refusal;

    const unpaid = await OrderEntity.count({
      where: { endUserId: principal.subjectId, status: 'pending_payment', holdExpiresAt: { [Op.gt]: now } },
      transaction: t,
    });
    if (unpaid >= rules.maxUnpaidOrders) {
      throw new DomainError('ORDER.UNPAID_LIMIT', `您有 ${unpaid} 笔待支付订单，请先支付或取消后再下单`);
    }

    const riders = await this.ridersOf(principal, req, t);
    this.checkTicketTypes(req, riders, trip, rules);
    const baseFen = await this.fares.baseFen(trip.routeId, journey.fromSeq, journey.toSeq, t);
    if (baseFen === null || baseFen === undefined) throw new DomainError('FARE.NOT_SET');
    const prices = req.riders.map((r) => priceTicket({ baseFen, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, ticketType: r.ticketType }, rules).priceFen);

    const booked = await TicketEntity.findAll({
      where: { tripId: trip.id, live: true, idNumberBidx: { [Op.in]: riders.map((r) => r.idNumberBidx) } },
      attributes: ['idNumberBidx'],
      transaction: t,
    });
    if (booked.length) {
      const taken = new Set(booked.map((b) => b.idNumberBidx));
      throw this.riderAlreadyBooked(req.riders.map((r, i) => ({ i, rider: riders[i] })).filter((x) => taken.has(x.rider.idNumberBidx)).map((x) => ({ i: x.i, name: x.rider.name })));
    }

    const order = await OrderEntity.create(
      {
        orderNo: newOrderNo(now),
        endUserId: principal.subjectId,
        clientKey: req.clientKey,
        requestHash: hash,
        orgId: trip.orgId,
        tripId: trip.id,
        mode: req.mode,
        fromSeq: journey.fromSeq,
        toSeq: journey.toSeq,
        pickupPoint: journey.pickup?.point ?? null,
        dropoffPoint: journey.dropoff?.point ?? null,
        pickupZoneId: journey.pickup?.zoneId ?? null,
        dropoffZoneId: journey.dropoff?.zoneId ?? null,
        totalFen: prices.reduce((a, b) => a + b, 0),
        contactPhoneEnc: this.cipher.encrypt(req.contactPhone),
        contactPhoneBidx: this.cipher.blindIndex(req.contactPhone, CONTACT_PHONE_INDEX),
        remark: req.remark?.trim() || null,
        status: 'pending_payment',
        holdExpiresAt: new Date(now.getTime() + rules.holdMinutes * 60_000),
        cancelReason: null,
        paidAt: null,
        closedAt: null,
      },
      { transaction: t },
    );
    const tickets: TicketEntity[] = [];
    for (const [i, r] of req.riders.entries()) {
      const rider = riders[i];
      tickets.push(
        await TicketEntity.create(
          {
            ticketNo: ticketNo(order.orderNo, i),
            orderId: order.id,
            tripId: trip.id,
            riderId: rider.id,
            riderName: rider.name,
            idType: rider.idType,
            // the rider as booked: the encrypted number and its index are copied, never decrypted here
            idNumberEnc: rider.idNumberEnc,
            idNumberBidx: rider.idNumberBidx,
            ticketType: r.ticketType,
            seatNo: r.seatNo ?? null,
            fromSeq: journey.fromSeq,
            toSeq: journey.toSeq,
            priceFen: prices[i],
            status: 'held',
            live: true,
          },
          { transaction: t },
        ),
      );
    }
    const held = await this.seats.hold(t, trip, journey.fromSeq, journey.toSeq, tickets.map((tk, i) => ({ ticketId: tk.id, seatNo: req.riders[i].seatNo ?? null, field: `riders.${i}.seatNo` })));
    for (const [i, h] of held.entries()) {
      if (h.seatNo !== tickets[i].seatNo) await tickets[i].update({ seatNo: h.seatNo }, { transaction: t });
    }

    const ctx = (await this.presenter.contextsOfTrips([trip], [order.pickupZoneId, order.dropoffZoneId], t)).get(trip.id)!;
    await this.outbox.orderEvent(t, 'order.created', trip.orgId, this.presenter.payload(order, tickets, ctx, 'ORDER_CREATED', null));
    await this.audit.record(origin, {
      category: 'security',
      action: 'order.create',
      result: 'success',
      targetType: 'order',
      targetId: order.id,
      detail: { orderNo: order.orderNo, tripId: trip.id, mode: order.mode, fromSeq: order.fromSeq, toSeq: order.toSeq, tickets: tickets.length, totalFen: order.totalFen },
    }, t);
    return order;
  }

  /** Why the trip cannot be booked for this journey now (its state, then its seats), or null. */
  private async saleRefusal(trip: TripEntity, journey: Journey, rules: TradingRules, now: Date, t?: Transaction): Promise<DomainError | null> {
    const segments = await TripSegmentEntity.findAll({ where: { tripId: trip.id }, attributes: ['segNo', 'sold'], transaction: t });
    const seatsLeft = seatsLeftFor(segments.map((s) => ({ segNo: s.segNo, sold: s.sold })), trip.capacity, journey.fromSeq, journey.toSeq);
    const state = saleStateOf(trip, seatsLeft, rules, now);
    return state === 'open' ? null : new DomainError(SALE_STATE_ERRORS[state]);
  }

  /** The caller's own riders, in the request's order; another account's rider "does not exist". */
  private async ridersOf(principal: EndUserPrincipal, req: OrderCreateRequest, t: Transaction): Promise<RiderEntity[]> {
    const ids = req.riders.map((r) => r.riderId);
    const rows = await RiderEntity.findAll({ where: { id: { [Op.in]: ids }, endUserId: principal.subjectId, live: true }, transaction: t });
    const byId = new Map(rows.map((r) => [r.id, r]));
    if (ids.some((id) => !byId.has(id))) throw new NotFoundError('乘车人');
    return ids.map((id) => byId.get(id)!);
  }

  /** Ticket types by age on the travel day, and free children only alongside paying riders. */
  private checkTicketTypes(req: OrderCreateRequest, riders: RiderEntity[], trip: TripEntity, rules: TradingRules): void {
    const errors: FieldError[] = [];
    req.riders.forEach((r, i) => {
      const birth = riders[i].birthDate;
      const problem = ticketTypeProblem(r.ticketType, birth ? ageOn(birth, trip.departDate) : null, rules);
      if (problem) errors.push({ field: `riders.${i}.ticketType`, reason: problem });
    });
    const free = req.riders.filter((r) => r.ticketType === 'free_child').length;
    const paying = req.riders.filter((r) => PAYING.has(r.ticketType)).length;
    if (free > rules.freeChildrenPerAdult * paying) {
      errors.push({
        field: 'riders',
        reason: rules.freeChildrenPerAdult > 0 ? `每位购票成人最多携带 ${rules.freeChildrenPerAdult} 名免票儿童（免票儿童同样占座）` : '本线路不提供免票儿童乘车',
      });
    }
    if (errors.length) throw new ValidationError(errors);
  }

  private fixedJourney(trip: TripEntity, fromSeq: number, toSeq: number): Journey {
    const problem = journeyProblem(trip.stops, fromSeq, toSeq);
    if (problem) throw new ValidationError([problem]);
    return { fromSeq, toSeq, pickup: null, dropoff: null };
  }

  /**
   * Door to door (design.md §3 "Capacity"): the pickup point must lie in a pickup zone of this trip's
   * route and the drop-off point in a drop-off zone; the stop positions those zones hang on fix the
   * segments held and the fare.
   */
  private async doorJourney(trip: TripEntity, pickup: BookingPoint, dropoff: BookingPoint): Promise<Journey> {
    const pickupHits = await this.zoneHits(trip, 'pickup', pickup);
    const dropoffHits = await this.zoneHits(trip, 'dropoff', dropoff);
    const from = pickupHits.find((z) => stopAt(trip.stops, z.stopSeq)?.pickup);
    if (!from) throw new ValidationError([{ field: 'pickup', reason: '上车点所在区域本班次不停靠上客，请选择其他区域' }]);
    // the nearest drop-off after the pickup: overlapping zones never stretch the journey (and fare)
    const to = dropoffHits.find((z) => z.stopSeq > from.stopSeq && stopAt(trip.stops, z.stopSeq)?.dropoff);
    if (!to) throw new ValidationError([{ field: 'dropoff', reason: '下车点所在区域不在上车点之后，请重新选择' }]);
    const gcj = (p: BookingPoint) => this.geofence.normalise(p.lng, p.lat, p.coordSys);
    const [pickupAt, dropoffAt] = [gcj(pickup), gcj(dropoff)];
    const [pickupAddress, dropoffAddress] = await Promise.all([this.addressOf(pickupAt, pickup.address), this.addressOf(dropoffAt, dropoff.address)]);
    return {
      fromSeq: from.stopSeq,
      toSeq: to.stopSeq,
      pickup: { point: { ...pickupAt, address: pickupAddress }, zoneId: from.zoneId },
      dropoff: { point: { ...dropoffAt, address: dropoffAddress }, zoneId: to.zoneId },
    };
  }

  /**
   * The address the driver is shown: the passenger's own words when given (a gate, a building),
   * else what the map provider calls the point. Booking never waits on or fails for the map
   * provider: when it does not answer, the order keeps the point and its zone only.
   */
  private async addressOf(point: { lng: number; lat: number }, given: string | undefined | null): Promise<string | null> {
    const typed = given?.trim().slice(0, 200);
    if (typed) return typed;
    try {
      const found = await this.map.reverseGeocode(point);
      return found.address.slice(0, 200) || null;
    } catch {
      return null;
    }
  }

  private async zoneHits(trip: TripEntity, kind: ZoneKind, p: BookingPoint): Promise<ZoneHit[]> {
    const field = kind === 'pickup' ? 'pickup' : 'dropoff';
    let hits: ZoneHit[];
    try {
      hits = await this.geofence.zonesAt({ lng: p.lng, lat: p.lat, coordSys: p.coordSys }, { routeId: trip.routeId, kind });
    } catch (e) {
      // a point outside China or a bad coordinate system: name the point the passenger chose
      if (e instanceof ValidationError) throw new ValidationError((e.errors ?? []).map((x) => ({ field: `${field}.${x.field}`, reason: x.reason })));
      throw e;
    }
    if (hits.length) return hits;
    const zones = await ZoneEntity.findAll({ where: { routeId: trip.routeId, kind }, attributes: ['name', 'stopSeq'], order: [['stopSeq', 'ASC'], ['id', 'ASC']] });
    const label = kind === 'pickup' ? '上车点' : '下车点';
    const reason = zones.length ? `${label}不在服务区域内，可选区域：${zones.map((z) => z.name).join('、')}` : `本班次线路没有${kind === 'pickup' ? '上门接客' : '送客到门'}的服务区域`;
    throw new DomainError('ORDER.OUTSIDE_ZONE', reason, { errors: [{ field, reason }] });
  }

  private riderAlreadyBooked(which: { i: number; name: string }[]): DomainError {
    const message = which.length ? `${which.map((w) => w.name).join('、')} 已有本班次的车票，同一乘车人每班次限购一张` : undefined;
    return new DomainError('ORDER.RIDER_ALREADY_BOOKED', message, { errors: which.map((w) => ({ field: `riders.${w.i}.riderId`, reason: '该乘车人已有本班次的车票' })) });
  }
}

function idempotencyMismatch(): DomainError {
  return new DomainError('ORDER.IDEMPOTENCY_MISMATCH', '该请求编号已用于另一笔订单，请重新下单', { errors: [{ field: 'clientKey', reason: '已用于内容不同的订单' }] });
}

function stopAt(stops: TripStopSnapshot[], seq: number): TripStopSnapshot | undefined {
  return stops.find((s) => s.seq === seq);
}
