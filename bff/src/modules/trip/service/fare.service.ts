import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Transaction } from 'sequelize';
import {
  TICKET_TYPES, priceTicket, tradingRulesProblems,
  type FarePair, type FarePreview, type FarePreviewRequest, type FieldError, type RouteFareTable, type RouteFareTableUpdate,
  type TradingRules,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { assertWritable } from '../../basedata/service/basedata-scope';
import { RouteService } from '../../basedata/service/route.service';
import { FarePairEntity } from '../entity';
import { journeyProblem } from './trip-rules';
import { TradingRulesService } from './trading-rules.service';

/** 1 fen … 100 000 yuan: a base price outside this is a typo, not a fare. */
export const MAX_BASE_FEN = 10_000_000;

/**
 * Route fare tables: a base price per origin–destination pair of a route's stop
 * positions. What a passenger pays is contracts `priceTicket` over the base with the trading
 * rules; the preview runs that same function, so the operator sees exactly what will be charged.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FareService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;
  @Inject() private routes: RouteService;
  @Inject() private rules: TradingRulesService;

  /** The base price of a pair; null when the pair is not sold. */
  async baseFen(routeId: number, fromSeq: number, toSeq: number, t?: Transaction): Promise<number | null> {
    const row = await FarePairEntity.findOne({ where: { routeId, fromSeq, toSeq }, transaction: t });
    return row ? row.baseFen : null;
  }

  /** Every priced pair of a route, in stop order. */
  async pairs(routeId: number, t?: Transaction): Promise<FarePair[]> {
    const rows = await FarePairEntity.findAll({ where: { routeId }, order: [['fromSeq', 'ASC'], ['toSeq', 'ASC']], transaction: t });
    return rows.map((r) => ({ fromSeq: r.fromSeq, toSeq: r.toSeq, baseFen: r.baseFen }));
  }

  async table(principal: AdminPrincipal, routeId: number): Promise<RouteFareTable> {
    await this.routes.visible(principal, routeId);
    return this.tableOf(routeId);
  }

  /** Replaces the whole table in one transaction: pairs not listed are no longer sold. */
  async replace(principal: AdminPrincipal, routeId: number, req: RouteFareTableUpdate, origin: RequestOrigin): Promise<RouteFareTable> {
    const entity = await this.routes.visible(principal, routeId);
    await assertWritable(principal, entity.orgId, '线路');
    const route = (await this.routes.byId(routeId))!;
    const pairs = Array.isArray(req?.pairs) ? req.pairs : [];
    const errors = farePairProblems(route, pairs);
    if (!Array.isArray(req?.pairs)) errors.unshift({ field: 'pairs', reason: '应为票价列表' });
    if (errors.length) throw new ValidationError(errors);
    await this.db.transaction(async (t) => {
      const before = await FarePairEntity.count({ where: { routeId }, transaction: t });
      await FarePairEntity.destroy({ where: { routeId }, transaction: t });
      await FarePairEntity.bulkCreate(
        pairs.map((p) => ({ orgId: route.orgId, routeId, fromSeq: p.fromSeq, toSeq: p.toSeq, baseFen: p.baseFen, updatedBy: principal.subjectId })),
        { transaction: t },
      );
      await this.audit.record(origin, {
        category: 'admin_write', action: 'fare.table.update', result: 'success', targetType: 'route', targetId: routeId,
        detail: { pairsBefore: before, pairsAfter: pairs.length, pairs: pairs.map((p) => `${p.fromSeq}-${p.toSeq}:${p.baseFen}`) },
      }, t);
    });
    return this.tableOf(routeId);
  }

  /** What each ticket type pays for a pair, with the saved rules or the unsaved ones being edited. */
  async preview(principal: AdminPrincipal, req: FarePreviewRequest): Promise<FarePreview> {
    const entity = await this.routes.visible(principal, req.routeId);
    const route = (await this.routes.byId(entity.id))!;
    const journey = journeyProblem(route.stops, req.fromSeq, req.toSeq);
    if (journey) throw new ValidationError([journey]);
    if (req.rules) {
      const problems = tradingRulesProblems(req.rules).map((p) => ({ field: `rules.${p.field}`, reason: p.reason }));
      if (problems.length) throw new ValidationError(problems);
    }
    const rules: TradingRules = req.rules ?? (await this.rules.effective(route.orgId, route.id));
    const baseFen = await this.baseFen(route.id, req.fromSeq, req.toSeq);
    if (baseFen === null) throw new DomainError('FARE.NOT_SET', `站序 ${req.fromSeq} → ${req.toSeq} 尚未设置票价`);
    return {
      baseFen,
      rows: TICKET_TYPES.map((ticketType) => ({ ticketType, ...priceTicket({ baseFen, vehicleType: req.vehicleType, serviceLevel: req.serviceLevel, ticketType }, rules) })),
    };
  }

  private async tableOf(routeId: number): Promise<RouteFareTable> {
    const route = await this.routes.byId(routeId);
    if (!route) throw new NotFoundError('线路');
    const rows = await FarePairEntity.findAll({ where: { routeId }, order: [['fromSeq', 'ASC'], ['toSeq', 'ASC']] });
    const updated = rows.reduce<number | null>((max, r) => (r.updatedAt && (max === null || new Date(r.updatedAt).getTime() > max) ? new Date(r.updatedAt).getTime() : max), null);
    return {
      routeId: route.id,
      routeCode: route.code,
      routeName: route.name,
      orgId: route.orgId,
      stops: route.stops.map((s) => ({ seq: s.seq, stopId: s.stopId, name: s.stopName['zh-CN'], pickup: s.pickup, dropoff: s.dropoff })),
      pairs: rows.map((r) => ({ fromSeq: r.fromSeq, toSeq: r.toSeq, baseFen: r.baseFen })),
      updatedAt: updated === null ? null : new Date(updated).toISOString(),
    };
  }
}

/**
 * Every problem of a fare table against the route's stops: pairs run from a pickup stop to a later
 * drop-off stop, the base is whole fen from 1 to MAX_BASE_FEN, and each pair appears once.
 */
export function farePairProblems(route: { stops: ReadonlyArray<{ seq: number; pickup: boolean; dropoff: boolean }> }, pairs: FarePair[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  pairs.forEach((p, i) => {
    const f = `pairs[${i}]`;
    if (!p || typeof p !== 'object') {
      errors.push({ field: f, reason: '应为 { fromSeq, toSeq, baseFen }' });
      return;
    }
    if (!Number.isInteger(p.fromSeq) || !Number.isInteger(p.toSeq)) {
      errors.push({ field: `${f}.fromSeq`, reason: '站序应为整数' });
    } else {
      const problem = journeyProblem(route.stops, p.fromSeq, p.toSeq);
      if (problem) errors.push({ field: `${f}.${problem.field}`, reason: problem.reason });
      const key = `${p.fromSeq}-${p.toSeq}`;
      if (seen.has(key)) errors.push({ field: `${f}.toSeq`, reason: `与第 ${seen.get(key)! + 1} 条票价的区间重复` });
      else seen.set(key, i);
    }
    if (!Number.isInteger(p.baseFen) || p.baseFen < 1 || p.baseFen > MAX_BASE_FEN) {
      errors.push({ field: `${f}.baseFen`, reason: `票价应为 1–${MAX_BASE_FEN} 之间的整数（分）` });
    }
  });
  return errors;
}
