import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, literal, type WhereOptions } from 'sequelize';
import {
  RATING_SUB_SCORES, ratingRequestProblems,
  type AdminRatingListItem, type AdminRatingQuery, type OrderStatus, type Page, type RatingCreateRequest, type RatingSubScore, type RatingView,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { LineEntity, RouteEntity } from '../../basedata/entity';
import { OrderEntity } from '../../booking/entity';
import { ownOrderOf } from '../../booking/service/booking-support';
import { TripEntity } from '../../trip/entity';
import { RatingEntity } from '../entity';
import { FeedbackScope } from './feedback-scope.service';
import { isUniqueOn, ratingHash, shanghaiDayStart, shanghaiMonth } from './feedback-support';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Paid orders whose riders travel: rated once the trip has left (a partly refunded order still has riders on board). */
const AFTER_DEPARTURE: ReadonlySet<OrderStatus> = new Set(['paid', 'partially_refunded']);

/**
 * Online rating (R-6.2.8): a passenger rates an own order once the journey has begun — the order
 * is `paid` (or partly refunded) and the trip has departed, or it is `completed`. One rating per order, enforced by a
 * unique index; a retry with the same clientKey and content answers the rating already made.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class RatingService {
  @Inject() private db: DatabaseService;
  @Inject() private scope: FeedbackScope;

  async create(principal: EndUserPrincipal, req: RatingCreateRequest, now = new Date()): Promise<RatingView> {
    const problems = ratingRequestProblems(req);
    if (problems.length) throw new ValidationError(problems);
    const hash = ratingHash(req);
    const earlier = await this.byClientKey(principal, req.clientKey, hash);
    if (earlier) return earlier;

    const order = await ownOrderOf(principal.subjectId, req.orderId);
    if (await RatingEntity.count({ where: { orderId: order.id } })) throw new DomainError('FEEDBACK.ALREADY_RATED');
    const trip = (await TripEntity.findByPk(order.tripId, { attributes: ['id', 'routeId', 'departAt'] }))!;
    const travelling = AFTER_DEPARTURE.has(order.status);
    const started = order.status === 'completed' || (travelling && trip.departAt.getTime() <= now.getTime());
    if (!started) {
      throw new DomainError('FEEDBACK.NOT_RATABLE', travelling ? '车辆出发后才能评价' : '只能评价已支付并已出发、或已完成的订单');
    }
    const sub = (key: RatingSubScore) => req.subScores?.[key] ?? null;
    try {
      const rating = await this.db.transaction((t) => RatingEntity.create({
        endUserId: principal.subjectId, clientKey: req.clientKey, requestHash: hash,
        orderId: order.id, orgId: order.orgId, routeId: trip.routeId, tripId: trip.id, month: shanghaiMonth(now),
        score: req.score, punctuality: sub('punctuality'), vehicle: sub('vehicle'), driver: sub('driver'), service: sub('service'),
        tags: req.tags ?? [], comment: req.comment?.trim() || null,
      }, { transaction: t }));
      return this.view(await rating.reload(), order.orderNo);
    } catch (e) {
      // the same request sent twice at once: the other one made the rating
      if (isUniqueOn(e, 'client_key')) {
        const made = await this.byClientKey(principal, req.clientKey, hash);
        if (made) return made;
      }
      if (isUniqueOn(e, 'order_id') || isUniqueOn(e, 'rating_order') || isUniqueOn(e, 'client_key')) throw new DomainError('FEEDBACK.ALREADY_RATED');
      throw e;
    }
  }

  /** The passenger's rating of an own order, or null when not rated yet. */
  async ofOrder(principal: EndUserPrincipal, orderId: number): Promise<RatingView | null> {
    const order = await ownOrderOf(principal.subjectId, orderId);
    const rating = await RatingEntity.findOne({ where: { orderId: order.id } });
    return rating ? this.view(rating, order.orderNo) : null;
  }

  async adminList(principal: AdminPrincipal, q: AdminRatingQuery, origin: RequestOrigin): Promise<Page<AdminRatingListItem>> {
    const orgIds = await this.scope.visibleOrgs(principal, origin);
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const and: WhereOptions[] = [];
    if (orgIds) and.push({ orgId: { [Op.in]: orgIds } });
    if (q.orgId) and.push({ orgId: { [Op.in]: await this.scope.orgSubtree(principal, Number(q.orgId)) } });
    if (q.routeId) and.push({ routeId: Number(q.routeId) });
    if (q.score) and.push({ score: Number(q.score) });
    // tags are a JSON array of fixed codes: a quoted code matches only itself
    if (q.tag) and.push(literal(`tags LIKE ${this.db.sequelize.escape(`%"${q.tag}"%`)}`));
    if (q.dateFrom && DATE.test(q.dateFrom)) and.push({ createdAt: { [Op.gte]: shanghaiDayStart(q.dateFrom) } });
    if (q.dateTo && DATE.test(q.dateTo)) and.push({ createdAt: { [Op.lt]: shanghaiDayStart(q.dateTo, 1) } });
    const { rows, count } = await RatingEntity.findAndCountAll({ where: { [Op.and]: and }, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    return { items: await this.adminItems(rows), total: count, page, pageSize };
  }

  private async adminItems(rows: RatingEntity[]): Promise<AdminRatingListItem[]> {
    const ids = <T>(xs: T[]) => [...new Set(xs)];
    const [orders, trips, routes, orgNames] = await Promise.all([
      OrderEntity.findAll({ where: { id: { [Op.in]: ids(rows.map((r) => r.orderId)) } }, attributes: ['id', 'orderNo'] }),
      TripEntity.findAll({ where: { id: { [Op.in]: ids(rows.map((r) => r.tripId)) } }, attributes: ['id', 'lineId', 'departAt'] }),
      RouteEntity.findAll({ where: { id: { [Op.in]: ids(rows.map((r) => r.routeId)) } }, attributes: ['id', 'name'] }),
      this.scope.orgNames(rows.map((r) => r.orgId)),
    ]);
    const lines = await LineEntity.findAll({ where: { id: { [Op.in]: ids(trips.map((tr) => tr.lineId)) } }, attributes: ['id', 'name'] });
    const orderNo = new Map(orders.map((o) => [o.id, o.orderNo]));
    const trip = new Map(trips.map((tr) => [tr.id, tr]));
    const routeName = new Map(routes.map((r) => [r.id, r.name]));
    const lineName = new Map(lines.map((l) => [l.id, l.name]));
    return rows.map((r) => {
      const tr = trip.get(r.tripId);
      return {
        ...this.view(r, orderNo.get(r.orderId) ?? ''),
        orgId: r.orgId,
        orgName: orgNames.get(r.orgId) ?? '',
        routeId: r.routeId,
        routeName: routeName.get(r.routeId) ?? '',
        lineName: tr ? lineName.get(tr.lineId) ?? '' : '',
        tripId: r.tripId,
        departAt: tr ? tr.departAt.toISOString() : '',
        endUserId: r.endUserId,
      };
    });
  }

  private async byClientKey(principal: EndUserPrincipal, clientKey: string, hash: string): Promise<RatingView | null> {
    const rating = await RatingEntity.findOne({ where: { endUserId: principal.subjectId, clientKey } });
    if (!rating) return null;
    // the key reused for something else is a second rating, not a retry
    if (rating.requestHash !== hash) throw new DomainError('FEEDBACK.ALREADY_RATED');
    const order = await OrderEntity.findByPk(rating.orderId, { attributes: ['id', 'orderNo'] });
    return this.view(rating, order?.orderNo ?? '');
  }

  private view(r: RatingEntity, orderNo: string): RatingView {
    const subScores: RatingView['subScores'] = {};
    for (const key of RATING_SUB_SCORES) if (r[key] != null) subScores[key] = r[key]!;
    return { id: r.id, orderId: r.orderId, orderNo, score: r.score, subScores, tags: r.tags, comment: r.comment, createdAt: r.createdAt.toISOString() };
  }
}
