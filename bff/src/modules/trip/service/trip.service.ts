import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, UniqueConstraintError, col, fn, type Transaction, type WhereOptions } from 'sequelize';
import {
  VEHICLE_TYPES, VEHICLE_TYPE_LABELS,
  type FieldError, type Page, type RouteView, type ServiceLevel, type TradingRules, type TripBatchRequest,
  type TripBatchResult, type TripCreateRequest, type TripEventPayloadV1, type TripQuery, type TripUpdateRequest, type TripView,
  type VehicleType,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { OutboxService } from '../../../common/outbox/outbox.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { VehicleEntity } from '../../archive/entity';
import { LineEntity, RouteEntity } from '../../basedata/entity';
import { lineBlockers } from '../../basedata/service/basedata-rules';
import { lineScopeWhere, likeKeyword, paging, readScope } from '../../basedata/service/basedata-scope';
import { RouteService } from '../../basedata/service/route.service';
import { SeatOccupancyEntity, TicketEntity } from '../../booking/entity';
import { TripEntity, TripSegmentEntity, type TripStopSnapshot } from '../entity';
import { TradingRulesService } from './trading-rules.service';
import {
  addDays, arrivalOf, daysBetween, isCalendarDay, isClockTime, isShortNotice, isoWeekday, saleStateOf, segmentNumbers,
  shanghaiDay, shanghaiInstant, shanghaiTime, stopSnapshotOf,
} from './trip-rules';

/** design.md §6: customized passenger transport uses vehicles approved for at least 7 seats. */
export const MIN_CAPACITY = 7;
/** A timetable covers at most this many days at once (two months of departures). */
export const MAX_BATCH_DAYS = 62;
const MAX_BATCH_TIMES = 48;

/** What a new trip takes from its route. */
export interface TripRoute {
  routeId: number;
  routeCode: string;
  orgId: number;
  lineId: number;
  licenceNo: string;
  stops: TripStopSnapshot[];
}

export interface NewTripFields {
  departAt: Date;
  vehicleType: VehicleType;
  serviceLevel: ServiceLevel;
  capacity: number;
  seatSelection: boolean;
  /** 临时加班: the caller decides (flagged, or made at short notice — see isShortNotice) */
  temporary: boolean;
  remark: string | null;
  createdBy: number | null;
}

/**
 * Writes one trip with its seat counters (one row per segment, nothing sold) and its
 * 'trip.published' event, inside the caller's transaction. Shared by the admin API and the demo
 * seed so both make exactly the same rows.
 */
export async function insertTrip(t: Transaction, outbox: OutboxService, route: TripRoute, fields: NewTripFields): Promise<TripEntity> {
  const trip = await TripEntity.create(
    {
      orgId: route.orgId,
      lineId: route.lineId,
      routeId: route.routeId,
      departAt: fields.departAt,
      departDate: shanghaiDay(fields.departAt),
      departTime: shanghaiTime(fields.departAt),
      vehicleType: fields.vehicleType,
      serviceLevel: fields.serviceLevel,
      capacity: fields.capacity,
      seatSelection: fields.seatSelection,
      stops: route.stops,
      status: 'on_sale',
      temporary: fields.temporary,
      cancelReason: null,
      cancelledAt: null,
      remark: fields.remark,
      createdBy: fields.createdBy,
    },
    { transaction: t },
  );
  await TripSegmentEntity.bulkCreate(segmentNumbers(route.stops.length).map((segNo) => ({ tripId: trip.id, segNo, sold: 0 })), { transaction: t });
  await outbox.tripEvent(t, 'trip.published', trip.orgId, tripEventPayload(trip, route, null));
  return trip;
}

export function tripEventPayload(trip: TripEntity, route: Pick<TripRoute, 'routeCode' | 'licenceNo'>, reason: string | null): TripEventPayloadV1 {
  return {
    tripId: trip.id,
    routeId: trip.routeId,
    routeCode: route.routeCode,
    lineId: trip.lineId,
    licenceNo: route.licenceNo,
    departAt: new Date(trip.departAt).toISOString(),
    vehicleType: trip.vehicleType,
    serviceLevel: trip.serviceLevel,
    capacity: trip.capacity,
    status: trip.status,
    temporary: Boolean(trip.temporary),
    reason,
  };
}

/**
 * Trips (班次, R-6.1.3 fixed plans; what passengers see): a departure of a route at
 * a time with a capacity, sold segment by segment (design.md §3 "Capacity"). Every write commits
 * with its outbox event and audit record. Staff see their organisation subtree (404 otherwise);
 * regulators, like for base data, the trips of lines in their region.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class TripService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;
  @Inject() private outbox: OutboxService;
  @Inject() private routes: RouteService;
  @Inject() private rules: TradingRulesService;

  // ───────────── reads ─────────────

  async list(principal: AdminPrincipal, q: TripQuery): Promise<Page<TripView>> {
    const { page, pageSize, offset } = paging(q);
    const where = await this.where(principal, q);
    const { rows, count } = await TripEntity.findAndCountAll({ where, order: [['departAt', 'ASC'], ['id', 'ASC']], limit: pageSize, offset });
    return { items: await this.views(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number): Promise<TripView> {
    return this.view(await this.byIdInScope(principal, id));
  }

  /** The trip when the caller may see it; 404 exactly like a trip that does not exist. */
  async byIdInScope(principal: AdminPrincipal, id: number): Promise<TripEntity> {
    const trip = Number.isSafeInteger(Number(id)) && Number(id) > 0 ? await TripEntity.findByPk(Number(id)) : null;
    if (!trip || !(await this.visibleLineIds(principal)).includes(trip.lineId)) throw new NotFoundError('班次');
    return trip;
  }

  async view(trip: TripEntity, t?: Transaction): Promise<TripView> {
    return (await this.views([trip], t))[0];
  }

  async views(trips: TripEntity[], t?: Transaction, now = new Date()): Promise<TripView[]> {
    if (!trips.length) return [];
    const ids = trips.map((x) => x.id);
    const [orgs, lines, routes, segments, tickets] = await Promise.all([
      OrgEntity.findAll({ where: { id: { [Op.in]: unique(trips.map((x) => x.orgId)) } }, attributes: ['id', 'name'], transaction: t }),
      LineEntity.findAll({ where: { id: { [Op.in]: unique(trips.map((x) => x.lineId)) } }, attributes: ['id', 'name', 'licenceNo'], transaction: t }),
      RouteEntity.findAll({ where: { id: { [Op.in]: unique(trips.map((x) => x.routeId)) } }, attributes: ['id', 'code', 'name'], transaction: t }),
      TripSegmentEntity.findAll({ where: { tripId: { [Op.in]: ids } }, order: [['tripId', 'ASC'], ['segNo', 'ASC']], transaction: t }),
      this.liveTicketCounts(ids, t),
    ]);
    const rulesByRoute = new Map<string, TradingRules>();
    for (const x of trips) {
      const key = `${x.orgId}|${x.routeId}`;
      if (!rulesByRoute.has(key)) rulesByRoute.set(key, await this.rules.effective(x.orgId, x.routeId, t));
    }
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const lineById = new Map(lines.map((l) => [l.id, l]));
    const routeById = new Map(routes.map((r) => [r.id, r]));
    return trips.map((x) => {
      const segs = segments.filter((s) => s.tripId === x.id).map((s) => ({ segNo: s.segNo, sold: s.sold }));
      const seatsLeft = Math.max(0, x.capacity - Math.max(0, ...segs.map((s) => s.sold)));
      const line = lineById.get(x.lineId);
      const route = routeById.get(x.routeId);
      return {
        id: x.id,
        orgId: x.orgId,
        orgName: orgName.get(x.orgId) ?? '',
        lineId: x.lineId,
        lineName: line?.name ?? '',
        licenceNo: line?.licenceNo ?? '',
        routeId: x.routeId,
        routeCode: route?.code ?? '',
        routeName: route?.name ?? '',
        departAt: new Date(x.departAt).toISOString(),
        departDate: x.departDate,
        departTime: x.departTime,
        arriveAt: arrivalOf(x, x.stops).toISOString(),
        vehicleType: x.vehicleType,
        serviceLevel: x.serviceLevel,
        capacity: x.capacity,
        seatSelection: Boolean(x.seatSelection),
        status: x.status,
        saleState: saleStateOf(x, seatsLeft, rulesByRoute.get(`${x.orgId}|${x.routeId}`)!, now),
        temporary: Boolean(x.temporary),
        cancelReason: x.cancelReason,
        cancelledAt: x.cancelledAt ? new Date(x.cancelledAt).toISOString() : null,
        seatsLeft,
        segments: segs,
        ticketCount: tickets.get(x.id) ?? 0,
        remark: x.remark,
        createdAt: new Date(x.createdAt).toISOString(),
        updatedAt: new Date(x.updatedAt).toISOString(),
      };
    });
  }

  // ───────────── writes ─────────────

  async create(principal: AdminPrincipal, req: TripCreateRequest, origin: RequestOrigin, now = new Date()): Promise<TripView> {
    const { route, line } = await this.writableRoute(principal, req.routeId);
    const errors: FieldError[] = [];
    const dayOk = isCalendarDay(req.departDate);
    const timeOk = isClockTime(req.departTime);
    if (!dayOk) errors.push({ field: 'departDate', reason: '发车日期应为 YYYY-MM-DD' });
    if (!timeOk) errors.push({ field: 'departTime', reason: '发车时间应为 HH:mm' });
    const departAt = dayOk && timeOk ? shanghaiInstant(req.departDate, req.departTime) : null;
    if (departAt && departAt.getTime() <= now.getTime()) errors.push({ field: 'departTime', reason: '发车时间已过，只能为将来的时间排班' });
    if (dayOk) {
      const blockers = routeBlockersOn(route, line, req.departDate);
      if (blockers.length) errors.push({ field: 'routeId', reason: `线路在 ${req.departDate} 不可运营：${blockers.join('；')}` });
    }
    errors.push(...(await this.capacityProblems(route.orgId, req.vehicleType, req.capacity)));
    errors.push(...remarkProblems(req.remark));
    if (errors.length) throw new ValidationError(errors);

    const trip = await this.write(async (t) => {
      await this.assertFree(route.id, departAt!, req.serviceLevel, null, t);
      const created = await insertTrip(t, this.outbox, tripRouteOf(route), {
        departAt: departAt!, vehicleType: req.vehicleType, serviceLevel: req.serviceLevel, capacity: req.capacity,
        seatSelection: Boolean(req.seatSelection), temporary: Boolean(req.temporary) || isShortNotice(departAt!, now),
        remark: cleanRemark(req.remark), createdBy: principal.subjectId,
      });
      await this.audit.record(origin, {
        category: 'admin_write', action: 'trip.create', result: 'success', targetType: 'trip', targetId: created.id,
        detail: { routeId: route.id, departAt: departAt!.toISOString(), capacity: req.capacity, vehicleType: req.vehicleType, serviceLevel: req.serviceLevel, temporary: Boolean(created.temporary) },
      }, t);
      return created;
    });
    return this.view(trip);
  }

  /**
   * A timetable (R-6.1.3 fixed plans): every listed time on every chosen weekday of the range, in
   * one transaction. Departures that already exist (same route, time and service level) are left
   * alone, as are times already past, so running the same timetable again creates nothing twice.
   */
  async batch(principal: AdminPrincipal, req: TripBatchRequest, origin: RequestOrigin, now = new Date()): Promise<TripBatchResult> {
    const { route, line } = await this.writableRoute(principal, req.routeId);
    const errors: FieldError[] = [];
    const fromOk = isCalendarDay(req.dateFrom);
    const toOk = isCalendarDay(req.dateTo);
    if (!fromOk) errors.push({ field: 'dateFrom', reason: '开始日期应为 YYYY-MM-DD' });
    if (!toOk) errors.push({ field: 'dateTo', reason: '结束日期应为 YYYY-MM-DD' });
    if (fromOk && toOk) {
      const span = daysBetween(req.dateFrom, req.dateTo) + 1;
      if (span < 1) errors.push({ field: 'dateTo', reason: '结束日期不能早于开始日期' });
      else if (span > MAX_BATCH_DAYS) errors.push({ field: 'dateTo', reason: `一次最多排 ${MAX_BATCH_DAYS} 天的班次` });
      if (fromOk && req.dateFrom < shanghaiDay(now)) errors.push({ field: 'dateFrom', reason: '开始日期不能早于今天' });
    }
    const times = Array.isArray(req.departTimes) ? req.departTimes : [];
    if (!times.length || times.length > MAX_BATCH_TIMES) errors.push({ field: 'departTimes', reason: `请填写 1–${MAX_BATCH_TIMES} 个发车时间` });
    times.forEach((time, i) => {
      if (!isClockTime(time)) errors.push({ field: `departTimes[${i}]`, reason: '发车时间应为 HH:mm' });
      else if (times.indexOf(time) !== i) errors.push({ field: `departTimes[${i}]`, reason: `发车时间 ${time} 重复` });
    });
    const weekdays = req.weekdays?.length ? req.weekdays : [1, 2, 3, 4, 5, 6, 7];
    if (weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors.push({ field: 'weekdays', reason: '星期应为 1（周一）到 7（周日）' });
    errors.push(...(await this.capacityProblems(route.orgId, req.vehicleType, req.capacity)));
    if (errors.length) throw new ValidationError(errors);

    const days: string[] = [];
    for (let d = req.dateFrom; d <= req.dateTo; d = addDays(d, 1)) if (weekdays.includes(isoWeekday(d))) days.push(d);
    const blocked = new Map<string, string[]>();
    for (const d of days) {
      const b = routeBlockersOn(route, line, d);
      if (b.length) blocked.set(d, b);
    }
    if (blocked.size) {
      const reasons = [...new Set([...blocked.values()].flat())];
      throw new ValidationError([{ field: 'routeId', reason: `线路在 ${[...blocked.keys()].slice(0, 3).join('、')}${blocked.size > 3 ? ' 等' : ''} 共 ${blocked.size} 天不可运营：${reasons.join('；')}` }]);
    }
    const departures = days.flatMap((d) => [...times].sort().map((time) => shanghaiInstant(d, time)));
    const future = departures.filter((at) => at.getTime() > now.getTime());

    const result = await this.write(async (t) => {
      const existing = future.length
        ? await TripEntity.findAll({ where: { routeId: route.id, serviceLevel: req.serviceLevel, departAt: { [Op.in]: future } }, attributes: ['departAt'], transaction: t })
        : [];
      const taken = new Set(existing.map((x) => new Date(x.departAt).getTime()));
      const tripIds: number[] = [];
      for (const departAt of future) {
        if (taken.has(departAt.getTime())) continue;
        const trip = await insertTrip(t, this.outbox, tripRouteOf(route), {
          departAt, vehicleType: req.vehicleType, serviceLevel: req.serviceLevel, capacity: req.capacity,
          seatSelection: Boolean(req.seatSelection), temporary: isShortNotice(departAt, now), remark: null, createdBy: principal.subjectId,
        });
        tripIds.push(trip.id);
      }
      const skipped = departures.length - tripIds.length;
      await this.audit.record(origin, {
        category: 'admin_write', action: 'trip.batch', result: 'success', targetType: 'route', targetId: route.id,
        detail: { dateFrom: req.dateFrom, dateTo: req.dateTo, weekdays, departTimes: times, created: tripIds.length, skipped },
      }, t);
      return { created: tripIds.length, skipped, tripIds };
    });
    return result;
  }

  /** Capacity may grow, or shrink down to the seats sold; seat selection cannot change once tickets exist. */
  async update(principal: AdminPrincipal, id: number, req: TripUpdateRequest, origin: RequestOrigin): Promise<TripView> {
    const current = await this.writableTrip(principal, id);
    const errors: FieldError[] = [];
    if (req.capacity !== undefined || req.vehicleType !== undefined) {
      errors.push(...(await this.capacityProblems(current.orgId, req.vehicleType ?? current.vehicleType, req.capacity ?? current.capacity)));
    }
    errors.push(...remarkProblems(req.remark));
    if (errors.length) throw new ValidationError(errors);

    const trip = await this.write(async (t) => {
      const trip = await this.lock(current.id, t);
      assertChangeable(trip);
      const vehicleType = req.vehicleType ?? trip.vehicleType;
      const capacity = req.capacity ?? trip.capacity;
      const serviceLevel = req.serviceLevel ?? trip.serviceLevel;
      if (serviceLevel !== trip.serviceLevel) await this.assertFree(trip.routeId, new Date(trip.departAt), serviceLevel, trip.id, t);
      const sold = Number((await TripSegmentEntity.max('sold', { where: { tripId: trip.id }, transaction: t })) ?? 0);
      if (capacity < sold) {
        throw new DomainError('TRIP.CAPACITY_BELOW_SOLD', `已售 ${sold} 座，座位数不能少于 ${sold}`, { errors: [{ field: 'capacity', reason: `已售 ${sold} 座，座位数不能少于 ${sold}` }], detail: { sold } });
      }
      const seatSelection = req.seatSelection ?? Boolean(trip.seatSelection);
      if (seatSelection !== Boolean(trip.seatSelection)) {
        const tickets = await TicketEntity.count({ where: { tripId: trip.id, live: true }, transaction: t });
        if (tickets) {
          const reason = `已有 ${tickets} 张有效车票，不能切换是否选座`;
          throw new DomainError('TRIP.STATE_INVALID', reason, { errors: [{ field: 'seatSelection', reason }] });
        }
      }
      if (seatSelection) {
        const highest = Number((await SeatOccupancyEntity.max('seatNo', { where: { tripId: trip.id }, transaction: t })) ?? 0);
        if (capacity < highest) {
          const reason = `${highest} 号座已售出，座位数不能少于 ${highest}`;
          throw new DomainError('TRIP.CAPACITY_BELOW_SOLD', reason, { errors: [{ field: 'capacity', reason }], detail: { highestSeat: highest } });
        }
      }
      const before = { capacity: trip.capacity, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, seatSelection: Boolean(trip.seatSelection), remark: trip.remark };
      trip.set({ capacity, vehicleType, serviceLevel, seatSelection, ...(req.remark !== undefined ? { remark: cleanRemark(req.remark) } : {}) });
      const after = { capacity: trip.capacity, vehicleType: trip.vehicleType, serviceLevel: trip.serviceLevel, seatSelection: Boolean(trip.seatSelection), remark: trip.remark };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
      if (!changed.length) return trip;
      await trip.save({ transaction: t });
      await this.outbox.tripEvent(t, 'trip.changed', trip.orgId, tripEventPayload(trip, await this.routeInfo(trip, t), null));
      await this.audit.record(origin, {
        category: 'admin_write', action: 'trip.update', result: 'success', targetType: 'trip', targetId: trip.id,
        detail: { changed, before: pickKeys(before, changed), after: pickKeys(after, changed) },
      }, t);
      return trip;
    });
    return this.view(trip);
  }

  /** 暂停售票: existing tickets stand; only an on-sale trip can be paused. */
  suspend(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<TripView> {
    return this.move(principal, id, 'on_sale', 'suspended', 'trip.suspend', origin);
  }

  resume(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<TripView> {
    return this.move(principal, id, 'suspended', 'on_sale', 'trip.resume', origin);
  }

  /**
   * Marks the trip cancelled inside the caller's transaction (booking's trip cancellation, which
   * also cancels and refunds the orders in the same transaction) and writes 'trip.cancelled'.
   * Only a trip on sale or paused can be cancelled.
   */
  async markCancelled(t: Transaction, trip: TripEntity, reason: string, actor: RequestOrigin | AdminPrincipal | null): Promise<TripEntity> {
    const why = String(reason ?? '').trim();
    if (!why || why.length > 255) throw new ValidationError([{ field: 'reason', reason: '请填写取消原因（不超过 255 字），它会告知乘客' }]);
    if (trip.status !== 'on_sale' && trip.status !== 'suspended') {
      throw new DomainError('TRIP.STATE_INVALID', `班次${trip.status === 'cancelled' ? '已取消' : '已发车或已完成'}，不能取消`);
    }
    trip.set({ status: 'cancelled', cancelReason: why, cancelledAt: new Date() });
    await trip.save({ transaction: t });
    await this.outbox.tripEvent(t, 'trip.cancelled', trip.orgId, tripEventPayload(trip, await this.routeInfo(trip, t), why));
    const origin: RequestOrigin = actor && 'ip' in actor ? actor : { ip: null, userAgent: null, requestId: null, principal: actor ?? undefined };
    await this.audit.record(origin, { category: 'admin_write', action: 'trip.cancel', result: 'success', targetType: 'trip', targetId: trip.id, detail: { reason: why } }, t);
    return trip;
  }

  // ───────────── helpers ─────────────

  private async move(principal: AdminPrincipal, id: number, from: 'on_sale' | 'suspended', to: 'on_sale' | 'suspended', action: string, origin: RequestOrigin): Promise<TripView> {
    const current = await this.writableTrip(principal, id);
    const trip = await this.db.transaction(async (t) => {
      const trip = await this.lock(current.id, t);
      if (trip.status !== from) {
        throw new DomainError('TRIP.STATE_INVALID', `班次当前为“${statusLabel(trip.status)}”，不能${to === 'suspended' ? '暂停售票' : '恢复售票'}`, { detail: { status: trip.status } });
      }
      trip.status = to;
      await trip.save({ transaction: t });
      await this.outbox.tripEvent(t, 'trip.changed', trip.orgId, tripEventPayload(trip, await this.routeInfo(trip, t), null));
      await this.audit.record(origin, { category: 'admin_write', action, result: 'success', targetType: 'trip', targetId: trip.id, detail: { from, to } }, t);
      return trip;
    });
    return this.view(trip);
  }

  private async lock(id: number, t: Transaction): Promise<TripEntity> {
    const trip = await TripEntity.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
    if (!trip) throw new NotFoundError('班次');
    return trip;
  }

  private async routeInfo(trip: TripEntity, t?: Transaction): Promise<Pick<TripRoute, 'routeCode' | 'licenceNo'>> {
    const [route, line] = await Promise.all([
      RouteEntity.findByPk(trip.routeId, { attributes: ['code'], transaction: t }),
      LineEntity.findByPk(trip.lineId, { attributes: ['licenceNo'], transaction: t }),
    ]);
    return { routeCode: route?.code ?? '', licenceNo: line?.licenceNo ?? '' };
  }

  /** The route to schedule on: it must exist in the caller's subtree (a field error otherwise, as for lines). */
  private async writableRoute(principal: AdminPrincipal, routeId: number): Promise<{ route: RouteView; line: LineEntity }> {
    const route = Number.isSafeInteger(Number(routeId)) && Number(routeId) > 0 ? await this.routes.byId(Number(routeId)) : null;
    const org = route ? await OrgEntity.findByPk(route.orgId, { attributes: ['id', 'path'] }) : null;
    if (!route || !org || !inSubtree(principal, org.path)) throw new ValidationError([{ field: 'routeId', reason: '线路不存在' }]);
    const line = (await LineEntity.findByPk(route.lineId))!;
    return { route, line };
  }

  private async writableTrip(principal: AdminPrincipal, id: number): Promise<TripEntity> {
    const trip = Number.isSafeInteger(Number(id)) && Number(id) > 0 ? await TripEntity.findByPk(Number(id)) : null;
    const org = trip ? await OrgEntity.findByPk(trip.orgId, { attributes: ['id', 'path'] }) : null;
    if (!trip || !org || !inSubtree(principal, org.path)) throw new NotFoundError('班次');
    return trip;
  }

  /**
   * Capacity is the approved seats of the planned vehicle type: at least 7, at most the largest
   * approved seats among the operator's enabled vehicles of that type (branches' vehicles count).
   */
  private async capacityProblems(orgId: number, vehicleType: VehicleType, capacity: number): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    if (!VEHICLE_TYPES.includes(vehicleType)) return [{ field: 'vehicleType', reason: '请选择车辆类型' }];
    if (!Number.isInteger(capacity) || capacity < MIN_CAPACITY) {
      errors.push({ field: 'capacity', reason: `座位数应为不小于 ${MIN_CAPACITY} 的整数（定制客运车辆核定座位不少于 7 座）` });
      return errors;
    }
    const limit = await this.seatLimit(orgId, vehicleType);
    const label = VEHICLE_TYPE_LABELS[vehicleType].zh;
    if (limit === null) errors.push({ field: 'vehicleType', reason: `本运营方没有启用的${label}车辆档案，无法按该车型排班` });
    else if (capacity > limit) errors.push({ field: 'capacity', reason: `座位数不能超过本运营方${label}的最大核定座位数 ${limit}` });
    return errors;
  }

  private async seatLimit(orgId: number, vehicleType: VehicleType): Promise<number | null> {
    const org = await OrgEntity.findByPk(orgId, { attributes: ['id', 'path', 'kind'] });
    if (!org) return null;
    // the operator at the top of the owner's path: its branches' vehicles serve its routes too
    const pathIds = org.path.split('/').filter(Boolean).map(Number);
    const operator = await OrgEntity.findOne({ where: { id: { [Op.in]: pathIds }, kind: 'operator' }, attributes: ['id', 'path'] });
    const fleetOrgs = await OrgEntity.findAll({ where: { path: { [Op.like]: `${(operator ?? org).path}%` } }, attributes: ['id'] });
    const max = await VehicleEntity.max('approvedSeats', { where: { orgId: { [Op.in]: fleetOrgs.map((o) => o.id) }, vehicleType, enabled: true } });
    return max === null || max === undefined ? null : Number(max);
  }

  private async assertFree(routeId: number, departAt: Date, serviceLevel: ServiceLevel, exceptId: number | null, t: Transaction): Promise<void> {
    const other = await TripEntity.findOne({ where: { routeId, departAt, serviceLevel, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) }, attributes: ['id'], transaction: t });
    if (other) throw duplicateTrip();
  }

  /** The unique index (route, departure, service level) backs the check up when two writers race. */
  private async write<T>(work: (t: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (e) {
      if (e instanceof UniqueConstraintError) throw duplicateTrip();
      throw e;
    }
  }

  private async liveTicketCounts(tripIds: number[], t?: Transaction): Promise<Map<number, number>> {
    const rows = (await TicketEntity.findAll({
      attributes: ['tripId', [fn('COUNT', col('id')), 'n']],
      where: { tripId: { [Op.in]: tripIds }, live: true },
      group: [col('trip_id')],
      raw: true,
      transaction: t,
    })) as unknown as { tripId: number; n: number | string }[];
    return new Map(rows.map((r) => [Number(r.tripId), Number(r.n)]));
  }

  /** Lines whose trips the caller may read (base data's read scope: subtree, regulators their region). */
  private async visibleLineIds(principal: AdminPrincipal): Promise<number[]> {
    const lines = await LineEntity.findAll({ where: lineScopeWhere(await readScope(principal)), attributes: ['id'] });
    return lines.map((l) => l.id);
  }

  private async where(principal: AdminPrincipal, q: TripQuery): Promise<WhereOptions> {
    // the visible lines bound everything else: a filter can only narrow the caller's scope
    const and: WhereOptions[] = [{ lineId: { [Op.in]: await this.visibleLineIds(principal) } }];
    if (q.orgId) and.push({ orgId: Number(q.orgId) });
    if (q.routeId) and.push({ routeId: Number(q.routeId) });
    if (q.lineId) and.push({ lineId: Number(q.lineId) });
    if (q.dateFrom) and.push({ departDate: { [Op.gte]: q.dateFrom } });
    if (q.dateTo) and.push({ departDate: { [Op.lte]: q.dateTo } });
    if (q.status) and.push({ status: q.status });
    if (q.keyword?.trim()) {
      const like = likeKeyword(q.keyword.trim());
      const routes = await RouteEntity.findAll({ where: { [Op.or]: [{ code: { [Op.like]: like } }, { name: { [Op.like]: like } }] }, attributes: ['id'] });
      const lines = await LineEntity.findAll({ where: { [Op.or]: [{ name: { [Op.like]: like } }, { licenceNo: { [Op.like]: like } }] }, attributes: ['id'] });
      and.push({ [Op.or]: [{ routeId: { [Op.in]: routes.map((r) => r.id) } }, { lineId: { [Op.in]: lines.map((l) => l.id) } }] });
    }
    return { [Op.and]: and };
  }
}

/** What the trip needs of its route: identifiers and the stops snapshot. */
export function tripRouteOf(route: RouteView): TripRoute {
  return { routeId: route.id, routeCode: route.code, orgId: route.orgId, lineId: route.lineId, licenceNo: route.licenceNo, stops: stopSnapshotOf(route.stops) };
}

/**
 * Why the route cannot run on `day`: the route's own blockers (disabled route or stops) with the
 * licence judged on that day rather than today — a licence starting next month may carry trips
 * next month, one ending tomorrow may not carry trips the day after.
 */
export function routeBlockersOn(route: Pick<RouteView, 'blockers'>, line: { enabled: boolean; validFrom: string; validUntil: string }, day: string): string[] {
  const today = new Set(lineBlockers(line));
  return [...route.blockers.filter((b) => !today.has(b)), ...lineBlockers(line, day)];
}

function assertChangeable(trip: TripEntity): void {
  if (trip.status === 'cancelled' || trip.status === 'departed' || trip.status === 'completed') {
    throw new DomainError('TRIP.STATE_INVALID', `班次当前为“${statusLabel(trip.status)}”，不能修改`, { detail: { status: trip.status } });
  }
}

function statusLabel(status: string): string {
  return ({ on_sale: '售票中', suspended: '暂停售票', cancelled: '已取消', departed: '已发车', completed: '已完成' } as Record<string, string>)[status] ?? status;
}

function duplicateTrip(): DomainError {
  return new DomainError('TRIP.DUPLICATE', '该线路在同一时间已有相同服务等级的班次', { errors: [{ field: 'departTime', reason: '该线路在同一时间已有相同服务等级的班次' }] });
}

function remarkProblems(remark: unknown): FieldError[] {
  if (remark === undefined || remark === null) return [];
  return typeof remark === 'string' && remark.length <= 255 ? [] : [{ field: 'remark', reason: '备注不超过 255 字' }];
}

function cleanRemark(remark: string | null | undefined): string | null {
  const s = String(remark ?? '').trim();
  return s ? s : null;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function pickKeys<T extends object>(o: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Partial<T>;
}
