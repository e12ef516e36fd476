import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, col, fn, type WhereOptions } from 'sequelize';
import {
  COMPLAINT_STATUSES, RATING_SUB_SCORES,
  type ComplaintCategory, type ComplaintKind, type ComplaintStatus, type FeedbackStats, type FeedbackStatsQuery, type RatingTag,
} from '@dzky/contracts';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { RouteEntity } from '../../basedata/entity';
import { ComplaintEntity, RatingEntity } from '../entity';
import { FeedbackScope } from './feedback-scope.service';
import { shanghaiDayStart, summarise } from './feedback-support';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
type Counts = Map<number, number>;

/**
 * Statistics and analysis of ratings: average and star distribution per operator, route
 * and month, tag counts, sub-score averages, complaints by category and state, and how long
 * resolving takes — over the caller's scope and an optional period. Counted by the database with
 * GROUP BY; only tags (a JSON list per rating) and resolve times are tallied here.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class FeedbackStatsService {
  @Inject() private scope: FeedbackScope;

  async stats(principal: AdminPrincipal, q: FeedbackStatsQuery, origin: RequestOrigin): Promise<FeedbackStats> {
    const orgIds = await this.scope.visibleOrgs(principal, origin);
    const and: WhereOptions[] = [];
    if (orgIds) and.push({ orgId: { [Op.in]: orgIds } });
    if (q.orgId) and.push({ orgId: { [Op.in]: await this.scope.orgSubtree(principal, Number(q.orgId)) } });
    if (q.dateFrom && DATE.test(q.dateFrom)) and.push({ createdAt: { [Op.gte]: shanghaiDayStart(q.dateFrom) } });
    if (q.dateTo && DATE.test(q.dateTo)) and.push({ createdAt: { [Op.lt]: shanghaiDayStart(q.dateTo, 1) } });
    const where = { [Op.and]: and };

    const grouped = async (column: 'org_id' | 'route_id' | 'month') => {
      const rows = (await RatingEntity.findAll({
        attributes: [[col(column), 'k'], [col('score'), 'score'], [fn('COUNT', col('id')), 'n']],
        where, group: [col(column), col('score')], raw: true,
      })) as unknown as Array<{ k: number | string; score: number; n: number | string }>;
      const byKey = new Map<string, Counts>();
      for (const r of rows) {
        const key = String(r.k);
        if (!byKey.has(key)) byKey.set(key, new Map());
        byKey.get(key)!.set(Number(r.score), Number(r.n));
      }
      return byKey;
    };
    const [byOrg, byRoute, byMonth] = await Promise.all([grouped('org_id'), grouped('route_id'), grouped('month')]);

    const overall: Counts = new Map();
    for (const counts of byOrg.values()) for (const [s, n] of counts) overall.set(s, (overall.get(s) ?? 0) + n);

    const routeIds = [...byRoute.keys()].map(Number);
    const routes = routeIds.length ? await RouteEntity.findAll({ where: { id: { [Op.in]: routeIds } }, attributes: ['id', 'name', 'orgId'] }) : [];
    const routeById = new Map(routes.map((r) => [r.id, r]));
    const orgNames = await this.scope.orgNames([...[...byOrg.keys()].map(Number), ...routes.map((r) => r.orgId)]);

    const subRow = (await RatingEntity.findAll({
      attributes: RATING_SUB_SCORES.flatMap((k) => [[fn('SUM', col(k)), `${k}Sum`], [fn('COUNT', col(k)), `${k}Count`]] as Array<[ReturnType<typeof fn>, string]>),
      where, raw: true,
    })) as unknown as Array<Record<string, number | string | null>>;
    const subScores = Object.fromEntries(RATING_SUB_SCORES.map((k) => {
      const count = Number(subRow[0]?.[`${k}Count`] ?? 0);
      const sum = Number(subRow[0]?.[`${k}Sum`] ?? 0);
      return [k, { count, average: count ? Math.round((sum / count) * 100) / 100 : null }];
    })) as FeedbackStats['subScores'];

    const tagCounts = new Map<RatingTag, number>();
    for (const r of await RatingEntity.findAll({ attributes: ['id', 'tags'], where })) {
      for (const tag of r.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    }

    return {
      ratings: summarise(overall),
      byOperator: [...byOrg].map(([k, counts]) => ({ orgId: Number(k), orgName: orgNames.get(Number(k)) ?? '', ...summarise(counts) }))
        .sort((a, b) => b.count - a.count || a.orgId - b.orgId),
      byRoute: [...byRoute].map(([k, counts]) => {
        const route = routeById.get(Number(k));
        return { routeId: Number(k), routeName: route?.name ?? '', orgName: route ? orgNames.get(route.orgId) ?? '' : '', ...summarise(counts) };
      }).sort((a, b) => b.count - a.count || a.routeId - b.routeId),
      byMonth: [...byMonth].map(([month, counts]) => ({ month, ...summarise(counts) })).sort((a, b) => a.month.localeCompare(b.month)),
      tags: [...tagCounts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
      subScores,
      complaints: await this.complaints(where),
    };
  }

  private async complaints(where: WhereOptions): Promise<FeedbackStats['complaints']> {
    const byCategory = (await ComplaintEntity.findAll({
      attributes: [[col('kind'), 'kind'], [col('category'), 'category'], [fn('COUNT', col('id')), 'n']],
      where, group: [col('kind'), col('category')], raw: true,
    })) as unknown as Array<{ kind: ComplaintKind; category: ComplaintCategory; n: number | string }>;
    const byStatusRows = (await ComplaintEntity.findAll({
      attributes: [[col('status'), 'status'], [fn('COUNT', col('id')), 'n']], where, group: [col('status')], raw: true,
    })) as unknown as Array<{ status: ComplaintStatus; n: number | string }>;
    const byStatus = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
    for (const r of byStatusRows) byStatus[r.status] = Number(r.n);
    const resolved = await ComplaintEntity.findAll({ attributes: ['id', 'createdAt', 'resolvedAt'], where: { [Op.and]: [where, { status: 'resolved' }] } });
    const hours = resolved.filter((r) => r.resolvedAt).map((r) => (r.resolvedAt!.getTime() - r.createdAt.getTime()) / 3_600_000);
    return {
      total: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byCategory: byCategory.map((r) => ({ kind: r.kind, category: r.category, count: Number(r.n) }))
        .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.category.localeCompare(b.category)),
      byStatus,
      averageResolveHours: hours.length ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10 : null,
    };
  }
}
