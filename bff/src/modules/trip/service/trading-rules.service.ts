import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction } from 'sequelize';
import {
  DEFAULT_TRADING_RULES, SERVICE_LEVELS, TICKET_TYPES, VEHICLE_TYPES, tradingRulesProblems, type TradingRules, type TradingRulesView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree } from '../../access/service/scope';
import { AuditService } from '../../audit/service/audit.service';
import { assertWritable, readScope } from '../../basedata/service/basedata-scope';
import { RouteService } from '../../basedata/service/route.service';
import { TradingRulesEntity } from '../entity';

/** routeId 0 marks the operator's own rules (migration 0007). */
const OPERATOR_RULES = 0;

/**
 * Trading rules: presale window, holds, price adjustments, ticket types, refund, rebooking
 * and ticket checking. One set per operator; a route may override the whole set. What applies to a
 * trip is `effective()`: the route's override, else the operator's rules, else the platform defaults.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class TradingRulesService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;
  @Inject() private routes: RouteService;

  /** The rules a route's trips are sold under. */
  async effective(orgId: number, routeId: number, t?: Transaction): Promise<TradingRules> {
    const chain = await this.ownerChain(orgId, t);
    const rows = await TradingRulesEntity.findAll({ where: { routeId: { [Op.in]: [routeId, OPERATOR_RULES] }, orgId: { [Op.in]: chain } }, transaction: t });
    const override = rows.find((r) => r.routeId === routeId && routeId !== OPERATOR_RULES);
    if (override) return complete(override.rules);
    return complete(operatorRow(chain, rows)?.rules ?? null);
  }

  // ───────────── admin: the operator's rules ─────────────

  async getOperatorRules(principal: AdminPrincipal, orgId?: number): Promise<TradingRulesView> {
    const org = await this.readableOperator(principal, orgId);
    return this.operatorView(org.id);
  }

  async putOperatorRules(principal: AdminPrincipal, orgId: number | undefined, rules: TradingRules, origin: RequestOrigin): Promise<TradingRulesView> {
    const org = await this.readableOperator(principal, orgId);
    await assertWritable(principal, org.id, '运营方');
    const clean = validated(rules);
    await this.db.transaction(async (t) => {
      const before = await TradingRulesEntity.findOne({ where: { orgId: org.id, routeId: OPERATOR_RULES }, transaction: t });
      await this.save(t, org.id, OPERATOR_RULES, clean, principal, before);
      await this.audit.record(origin, {
        category: 'admin_write', action: 'fare.rules.update', result: 'success', targetType: 'org', targetId: org.id,
        detail: { changed: changedKeys(before ? complete(before.rules) : DEFAULT_TRADING_RULES, clean) },
      }, t);
    });
    return this.operatorView(org.id);
  }

  // ───────────── admin: a route's override ─────────────

  /** The route's override; without one, the operator's rules that apply to it (routeId null). */
  async getRouteRules(principal: AdminPrincipal, routeId: number): Promise<TradingRulesView> {
    const route = await this.routes.visible(principal, routeId);
    const row = await TradingRulesEntity.findOne({ where: { orgId: route.orgId, routeId: route.id } });
    return row ? viewOf(row) : this.operatorView(route.orgId);
  }

  async putRouteRules(principal: AdminPrincipal, routeId: number, rules: TradingRules, origin: RequestOrigin): Promise<TradingRulesView> {
    const route = await this.routes.visible(principal, routeId);
    await assertWritable(principal, route.orgId, '线路');
    const clean = validated(rules);
    await this.db.transaction(async (t) => {
      const before = await TradingRulesEntity.findOne({ where: { orgId: route.orgId, routeId: route.id }, transaction: t });
      await this.save(t, route.orgId, route.id, clean, principal, before);
      await this.audit.record(origin, {
        category: 'admin_write', action: 'fare.rules.route.update', result: 'success', targetType: 'route', targetId: route.id,
        detail: { changed: changedKeys(before ? complete(before.rules) : await this.effective(route.orgId, OPERATOR_RULES, t), clean) },
      }, t);
    });
    return this.getRouteRules(principal, routeId);
  }

  /** Removes the override: the route goes back to the operator's rules (which are returned). */
  async deleteRouteRules(principal: AdminPrincipal, routeId: number, origin: RequestOrigin): Promise<TradingRulesView> {
    const route = await this.routes.visible(principal, routeId);
    await assertWritable(principal, route.orgId, '线路');
    await this.db.transaction(async (t) => {
      const removed = await TradingRulesEntity.destroy({ where: { orgId: route.orgId, routeId: route.id }, transaction: t });
      if (removed) {
        await this.audit.record(origin, { category: 'admin_write', action: 'fare.rules.route.delete', result: 'success', targetType: 'route', targetId: route.id }, t);
      }
    });
    return this.operatorView(route.orgId);
  }

  // ───────────── helpers ─────────────

  private async save(t: Transaction, orgId: number, routeId: number, rules: TradingRules, principal: AdminPrincipal, row: TradingRulesEntity | null): Promise<void> {
    if (row) {
      row.set({ rules, updatedBy: principal.subjectId });
      row.changed('rules', true);
      await row.save({ transaction: t });
    } else {
      await TradingRulesEntity.create({ orgId, routeId, rules, updatedBy: principal.subjectId }, { transaction: t });
    }
  }

  private async operatorView(orgId: number): Promise<TradingRulesView> {
    const chain = await this.ownerChain(orgId);
    const rows = await TradingRulesEntity.findAll({ where: { routeId: OPERATOR_RULES, orgId: { [Op.in]: chain } } });
    const row = operatorRow(chain, rows);
    if (!row) return { orgId, routeId: null, rules: complete(null), isDefault: true, updatedAt: null };
    return { ...viewOf(row), orgId };
  }

  /** The org and its ancestors, nearest first (only operators and branches ever hold rules). */
  private async ownerChain(orgId: number, t?: Transaction): Promise<number[]> {
    const org = await OrgEntity.findByPk(orgId, { attributes: ['id', 'path'], transaction: t });
    if (!org) return [orgId];
    return org.path.split('/').filter(Boolean).map(Number).reverse();
  }

  /** An operator or branch the caller may read; staff of an operator default to their own org. */
  private async readableOperator(principal: AdminPrincipal, orgId?: number): Promise<OrgEntity> {
    const id = orgId ? Number(orgId) : principal.orgId;
    const org = await OrgEntity.findByPk(id);
    if (!org) throw new NotFoundError('运营方');
    const scope = await readScope(principal);
    if (!scope.orgIds.includes(org.id) && !inSubtree(principal, org.path)) throw new NotFoundError('运营方');
    if (org.kind !== 'operator' && org.kind !== 'branch') throw new ValidationError([{ field: 'orgId', reason: '请选择运营企业' }]);
    return org;
  }
}

/** Stored rules completed with defaults for fields added after they were saved. */
function complete(rules: TradingRules | null): TradingRules {
  return { ...DEFAULT_TRADING_RULES, ...(rules ?? {}) };
}

/** Every problem at once, field by field (VALIDATION_FAILED); free children always pay 0. */
function validated(rules: TradingRules): TradingRules {
  const problems = tradingRulesProblems(rules);
  if (problems.length) throw new ValidationError(problems);
  return {
    presaleDays: rules.presaleDays,
    salesCloseMinutes: rules.salesCloseMinutes,
    holdMinutes: rules.holdMinutes,
    maxUnpaidOrders: rules.maxUnpaidOrders,
    vehicleTypeAdjustments: pick(VEHICLE_TYPES, (k) => ({ percent: rules.vehicleTypeAdjustments[k].percent, addFen: rules.vehicleTypeAdjustments[k].addFen })),
    serviceLevelAdjustments: pick(SERVICE_LEVELS, (k) => ({ percent: rules.serviceLevelAdjustments[k].percent, addFen: rules.serviceLevelAdjustments[k].addFen })),
    ticketTypePercents: pick(TICKET_TYPES, (k) => rules.ticketTypePercents[k]),
    freeChildMaxAge: rules.freeChildMaxAge,
    freeChildrenPerAdult: rules.freeChildrenPerAdult,
    childMaxAge: rules.childMaxAge,
    seniorMinAge: rules.seniorMinAge,
    refundTiers: rules.refundTiers.map((r) => ({ minMinutesBefore: r.minMinutesBefore, feePercent: r.feePercent })),
    refundCloseMinutes: rules.refundCloseMinutes,
    rebook: { allowed: rules.rebook.allowed, maxTimes: rules.rebook.maxTimes, closeMinutes: rules.rebook.closeMinutes, feePercent: rules.rebook.feePercent },
    ticketCheck: { opensMinutesBefore: rules.ticketCheck.opensMinutesBefore, closesMinutesAfter: rules.ticketCheck.closesMinutesAfter, requireIdDocument: rules.ticketCheck.requireIdDocument },
  };
}

/** Only the known keys are stored: anything else a client sends is dropped, not kept unchecked. */
function pick<K extends string, V>(keys: readonly K[], value: (k: K) => V): Record<K, V> {
  return Object.fromEntries(keys.map((k) => [k, value(k)])) as Record<K, V>;
}

function viewOf(row: TradingRulesEntity): TradingRulesView {
  return {
    orgId: row.orgId,
    routeId: row.routeId === OPERATOR_RULES ? null : row.routeId,
    rules: complete(row.rules),
    isDefault: false,
    updatedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  };
}

function changedKeys(before: TradingRules, after: TradingRules): string[] {
  return (Object.keys(after) as (keyof TradingRules)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** The nearest operator-level rules along the owner chain: the org's own, else its parents' (a branch sells under its operator's rules). */
function operatorRow(chain: number[], rows: TradingRulesEntity[]): TradingRulesEntity | null {
  for (const id of chain) {
    const row = rows.find((r) => r.orgId === id && r.routeId === OPERATOR_RULES);
    if (row) return row;
  }
  return null;
}
