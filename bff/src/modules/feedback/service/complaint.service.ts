import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import {
  COMPLAINT_ACTIONS, COMPLAINT_MACHINE, PASSENGER_VISIBLE_EVENTS, canApply, complaintNoteProblem, complaintRequestProblems, hotlineComplaintProblems, maskPhone,
  type AdminComplaintListItem, type AdminComplaintQuery, type AdminComplaintView, type ComplaintAction, type ComplaintCreateRequest,
  type ComplaintListItem, type ComplaintQuery, type ComplaintView, type HotlineComplaintRequest, type Page,
} from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { DomainError, NotFoundError, ValidationError } from '../../../common/error/domain.error';
import { FieldCipher } from '../../../common/security/field-cipher.service';
import type { AdminPrincipal, EndUserPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { OrderEntity } from '../../booking/entity';
import { ComplaintEntity, ComplaintEventEntity } from '../entity';
import { FeedbackScope } from './feedback-scope.service';
import { complaintHash, isUniqueOn, newComplaintNo, shanghaiDayStart } from './feedback-support';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Complaints and suggestions. Passengers submit and follow their own; customer service of
 * the order's operator (or the platform, for items about no order) accepts, replies, resolves or
 * closes them — each a named event of COMPLAINT_MACHINE, kept in the item's timeline and audited in
 * the same transaction.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ComplaintService {
  @Inject() private db: DatabaseService;
  @Inject() private cipher: FieldCipher;
  @Inject() private audit: AuditService;
  @Inject() private scope: FeedbackScope;

  // ───────── passenger ─────────

  async create(principal: EndUserPrincipal, req: ComplaintCreateRequest): Promise<ComplaintView> {
    const problems = complaintRequestProblems(req);
    if (problems.length) throw new ValidationError(problems);
    const hash = complaintHash(req);
    const earlier = await this.byClientKey(principal, req.clientKey, hash);
    if (earlier) return earlier;
    let order: OrderEntity | null = null;
    if (req.orderId != null) {
      order = await OrderEntity.findOne({ where: { id: req.orderId, endUserId: principal.subjectId }, attributes: ['id', 'orgId'] });
      if (!order) throw new NotFoundError('订单');
    }
    return this.submit(
      {
        endUserId: principal.subjectId, channel: 'app', loggedBy: null, clientKey: req.clientKey, requestHash: hash,
        kind: req.kind, category: req.category, content: req.content.trim(), orderId: order?.id ?? null, orgId: order?.orgId ?? null,
        contactPhoneEnc: req.contactPhone ? this.cipher.encrypt(req.contactPhone) : null,
      },
      null,
      async () => null,
      (made) => this.passengerView(made),
      () => this.byClientKey(principal, req.clientKey, hash),
    );
  }

  async list(principal: EndUserPrincipal, q: ComplaintQuery): Promise<Page<ComplaintListItem>> {
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const { rows, count } = await ComplaintEntity.findAndCountAll({
      where: { endUserId: principal.subjectId, ...(q.status ? { status: q.status } : {}) },
      order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize,
    });
    const orderNos = await this.orderNos(rows);
    return { items: rows.map((r) => this.listItem(r, orderNos)), total: count, page, pageSize };
  }

  async get(principal: EndUserPrincipal, id: number): Promise<ComplaintView> {
    const item = Number.isSafeInteger(id) && id > 0 ? await ComplaintEntity.findOne({ where: { id, endUserId: principal.subjectId } }) : null;
    if (!item) throw new NotFoundError('投诉或建议');
    return this.passengerView(item);
  }

  // ───────── staff ─────────

  /**
   * Customer service logs a call to the hotline. With an order number the item goes to that
   * order's operator, which must be within the caller's scope (else 404, as if missing); without one,
   * to the caller's own operator, or to the platform for platform staff. The answer goes back by
   * phone: the item belongs to no app account.
   */
  async logHotline(principal: AdminPrincipal, req: HotlineComplaintRequest, origin: RequestOrigin): Promise<AdminComplaintView> {
    const orgIds = await this.scope.visibleOrgs(principal, origin);
    const problems = hotlineComplaintProblems(req);
    if (problems.length) throw new ValidationError(problems);
    const orderNo = req.orderNo?.trim() || null;
    const hash = complaintHash({ ...req, orderNo });
    const earlier = await this.byStaffKey(principal, req.clientKey, hash);
    if (earlier) return earlier;
    let order: OrderEntity | null = null;
    if (orderNo) {
      order = await OrderEntity.findOne({ where: { orderNo }, attributes: ['id', 'orgId'] });
      if (!order || (orgIds && !orgIds.includes(order.orgId))) throw new NotFoundError('订单');
    }
    const orgId = order ? order.orgId : orgIds ? principal.orgId : null;
    return this.submit(
      {
        endUserId: null, channel: 'hotline', loggedBy: principal.subjectId, clientKey: req.clientKey, requestHash: hash,
        kind: req.kind, category: req.category, content: req.content.trim(), orderId: order?.id ?? null, orgId,
        contactPhoneEnc: this.cipher.encrypt(req.contactPhone),
      },
      principal,
      (made, t) => this.audit.record(origin, {
        category: 'admin_write', action: 'complaint.log_hotline', result: 'success', targetType: 'complaint', targetId: made.id,
        detail: { complaintNo: made.complaintNo, kind: made.kind, orderNo },
      }, t),
      (made) => this.adminView(made),
      () => this.byStaffKey(principal, req.clientKey, hash),
    );
  }

  async adminList(principal: AdminPrincipal, q: AdminComplaintQuery, origin: RequestOrigin): Promise<Page<AdminComplaintListItem>> {
    const orgIds = await this.scope.visibleOrgs(principal, origin);
    const page = Math.max(1, Number(q.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
    const and: WhereOptions[] = [];
    if (orgIds) and.push({ orgId: { [Op.in]: orgIds } });
    if (q.orgId) and.push({ orgId: { [Op.in]: await this.scope.orgSubtree(principal, Number(q.orgId)) } });
    if (q.kind) and.push({ kind: q.kind });
    if (q.category) and.push({ category: q.category });
    if (q.status) and.push({ status: q.status });
    if (q.channel) and.push({ channel: q.channel });
    const keyword = q.keyword?.trim();
    if (keyword) and.push(/[\\%_]/.test(keyword) ? { complaintNo: keyword } : { complaintNo: { [Op.like]: `${keyword}%` } });
    if (q.dateFrom && DATE.test(q.dateFrom)) and.push({ createdAt: { [Op.gte]: shanghaiDayStart(q.dateFrom) } });
    if (q.dateTo && DATE.test(q.dateTo)) and.push({ createdAt: { [Op.lt]: shanghaiDayStart(q.dateTo, 1) } });
    const { rows, count } = await ComplaintEntity.findAndCountAll({ where: { [Op.and]: and }, order: [['id', 'DESC']], offset: (page - 1) * pageSize, limit: pageSize });
    const [orderNos, orgNames] = await Promise.all([this.orderNos(rows), this.scope.orgNames(rows.map((r) => r.orgId))]);
    return {
      items: rows.map((r) => ({ ...this.listItem(r, orderNos), orgId: r.orgId, orgName: r.orgId != null ? orgNames.get(r.orgId) ?? null : null, endUserId: r.endUserId, channel: r.channel })),
      total: count, page, pageSize,
    };
  }

  async adminGet(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<AdminComplaintView> {
    return this.adminView(await this.visible(principal, id, origin));
  }

  /** accept · reply · resolve · close: one named event, its timeline entry and its audit record, together. */
  async act(principal: AdminPrincipal, id: number, action: ComplaintAction, note: string | null | undefined, origin: RequestOrigin): Promise<AdminComplaintView> {
    const event = COMPLAINT_ACTIONS[action];
    if (!event) throw new NotFoundError('操作');
    const problem = complaintNoteProblem(action, note);
    if (problem) throw new ValidationError([problem]);
    const item = await this.visible(principal, id, origin);
    const done = await this.db.transaction(async (t: Transaction) => {
      const locked = (await ComplaintEntity.findByPk(item.id, { transaction: t, lock: t.LOCK.UPDATE }))!;
      const from = locked.status;
      if (!canApply(COMPLAINT_MACHINE, from, event)) {
        throw new DomainError('FEEDBACK.STATE_INVALID', `当前状态（${from}）不能执行该操作`, { detail: { from, event } });
      }
      const to = COMPLAINT_MACHINE.transitions[event][from]!;
      const now = new Date();
      locked.status = to;
      if (to === 'processing' && !locked.acceptedAt) locked.acceptedAt = now;
      if (to === 'resolved') locked.resolvedAt = now;
      if (to === 'closed') locked.closedAt = now;
      await locked.save({ transaction: t });
      const text = note?.trim() || null;
      await ComplaintEventEntity.create({ complaintId: locked.id, event, fromStatus: from, toStatus: to, note: text, actorId: principal.subjectId, actorName: principal.username }, { transaction: t });
      await this.audit.record(origin, {
        category: 'admin_write', action: `complaint.${action}`, result: 'success', targetType: 'complaint', targetId: locked.id,
        detail: { complaintNo: locked.complaintNo, event, from, to },
      }, t);
      return locked;
    });
    return this.adminView(done);
  }

  /**
   * Writes a new item with its SUBMITTED timeline entry (and `alsoInTx`) in one transaction; a
   * complaint number already taken is drawn again, and a client key already used answers the item
   * it made (`earlier`).
   */
  private async submit<V>(
    fields: Pick<ComplaintEntity, 'endUserId' | 'channel' | 'loggedBy' | 'clientKey' | 'requestHash' | 'kind' | 'category' | 'content' | 'orderId' | 'orgId' | 'contactPhoneEnc'>,
    actor: AdminPrincipal | null,
    alsoInTx: (made: ComplaintEntity, t: Transaction) => Promise<unknown>,
    view: (made: ComplaintEntity) => Promise<V>,
    earlier: () => Promise<V | null>,
  ): Promise<V> {
    for (let attempt = 1; ; attempt++) {
      try {
        const item = await this.db.transaction(async (t) => {
          const made = await ComplaintEntity.create({
            ...fields, complaintNo: newComplaintNo(), status: COMPLAINT_MACHINE.initial, acceptedAt: null, resolvedAt: null, closedAt: null,
          }, { transaction: t });
          await ComplaintEventEntity.create({
            complaintId: made.id, event: 'SUBMITTED', fromStatus: null, toStatus: made.status, note: null, actorId: actor?.subjectId ?? null, actorName: actor?.username ?? null,
          }, { transaction: t });
          await alsoInTx(made, t);
          return made;
        });
        return view(await item.reload());
      } catch (e) {
        if (isUniqueOn(e, 'complaint_no') && attempt < 5) continue;
        if (isUniqueOn(e, 'client_key')) {
          const made = await earlier();
          if (made) return made;
        }
        throw e;
      }
    }
  }

  // ───────── views ─────────

  private async visible(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<ComplaintEntity> {
    const orgIds = await this.scope.visibleOrgs(principal, origin);
    const item = Number.isSafeInteger(id) && id > 0 ? await ComplaintEntity.findByPk(id) : null;
    // items about no order belong to the platform's customer service
    if (!item || (orgIds && (item.orgId == null || !orgIds.includes(item.orgId)))) throw new NotFoundError('投诉或建议');
    return item;
  }

  private async byClientKey(principal: EndUserPrincipal, clientKey: string, hash: string): Promise<ComplaintView | null> {
    const item = await ComplaintEntity.findOne({ where: { endUserId: principal.subjectId, clientKey } });
    if (!item) return null;
    if (item.requestHash !== hash) throw new DomainError('CONFLICT', '重复提交的内容不一致，请刷新后重试');
    return this.passengerView(item);
  }

  private async byStaffKey(principal: AdminPrincipal, clientKey: string, hash: string): Promise<AdminComplaintView | null> {
    const item = await ComplaintEntity.findOne({ where: { loggedBy: principal.subjectId, clientKey } });
    if (!item) return null;
    if (item.requestHash !== hash) throw new DomainError('CONFLICT', '重复提交的内容不一致，请刷新后重试');
    return this.adminView(item);
  }

  private async orderNos(rows: ComplaintEntity[]): Promise<Map<number, string>> {
    const ids = [...new Set(rows.map((r) => r.orderId).filter((x): x is number => x != null))];
    if (!ids.length) return new Map();
    const orders = await OrderEntity.findAll({ where: { id: { [Op.in]: ids } }, attributes: ['id', 'orderNo'] });
    return new Map(orders.map((o) => [o.id, o.orderNo]));
  }

  private listItem(r: ComplaintEntity, orderNos: Map<number, string>): ComplaintListItem {
    const chars = [...r.content];
    return {
      id: r.id, complaintNo: r.complaintNo, kind: r.kind, category: r.category, status: r.status,
      summary: chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : r.content,
      orderId: r.orderId, orderNo: r.orderId != null ? orderNos.get(r.orderId) ?? null : null,
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    };
  }

  private async baseView(r: ComplaintEntity, events: ComplaintEventEntity[]): Promise<ComplaintView> {
    const { summary: _summary, ...item } = this.listItem(r, await this.orderNos([r]));
    return {
      ...item,
      content: r.content,
      contactPhoneMasked: r.contactPhoneEnc ? maskPhone(this.cipher.decrypt(r.contactPhoneEnc)) : null,
      replies: events.filter((e) => e.note && PASSENGER_VISIBLE_EVENTS.includes(e.event)).map((e) => ({ event: e.event, note: e.note!, at: e.createdAt.toISOString() })),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
    };
  }

  private async passengerView(r: ComplaintEntity): Promise<ComplaintView> {
    return this.baseView(r, await this.events(r.id));
  }

  private async adminView(r: ComplaintEntity): Promise<AdminComplaintView> {
    const events = await this.events(r.id);
    const orgNames = await this.scope.orgNames([r.orgId]);
    return {
      ...(await this.baseView(r, events)),
      orgId: r.orgId,
      orgName: r.orgId != null ? orgNames.get(r.orgId) ?? null : null,
      endUserId: r.endUserId,
      channel: r.channel,
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
      timeline: events.map((e) => ({ id: e.id, event: e.event, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, actorName: e.actorName, at: e.createdAt.toISOString() })),
    };
  }

  private events(complaintId: number): Promise<ComplaintEventEntity[]> {
    return ComplaintEventEntity.findAll({ where: { complaintId }, order: [['id', 'ASC']] });
  }
}
