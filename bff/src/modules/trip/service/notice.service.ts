import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type WhereOptions } from 'sequelize';
import { NOTICE_KINDS, type FieldError, type NoticeInput, type NoticeQuery, type NoticeView, type Page } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import { NotFoundError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { LineEntity } from '../../basedata/entity';
import { assertWritable, likeKeyword, orgFilter, orgNames, ownerOrg, paging, readScope } from '../../basedata/service/basedata-scope';
import { NoticeEntity } from '../entity';

export const NOTICE_TITLE_MAX = 100;
export const NOTICE_BODY_MAX = 5000;

/**
 * Information publishing: notices on special requirements (ID, luggage, children),
 * service commitments and announcements, per operator, optionally limited to some of its lines.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class NoticeService {
  @Inject() private db: DatabaseService;
  @Inject() private audit: AuditService;

  async list(principal: AdminPrincipal, q: NoticeQuery): Promise<Page<NoticeView>> {
    const { page, pageSize, offset } = paging(q);
    const scope = await readScope(principal);
    const and: WhereOptions[] = [{ orgId: { [Op.in]: orgFilter(scope, q.orgId) } }];
    if (q.kind) and.push({ kind: q.kind });
    if (q.published !== undefined && q.published !== null) and.push({ published: q.published === true || (q.published as unknown) === 'true' });
    if (q.keyword?.trim()) and.push({ title: { [Op.like]: likeKeyword(q.keyword.trim()) } });
    const { rows, count } = await NoticeEntity.findAndCountAll({ where: { [Op.and]: and }, order: [['priority', 'DESC'], ['id', 'DESC']], limit: pageSize, offset });
    return { items: await views(rows), total: count, page, pageSize };
  }

  async get(principal: AdminPrincipal, id: number): Promise<NoticeView> {
    return (await views([await this.visible(principal, id)]))[0];
  }

  async create(principal: AdminPrincipal, input: NoticeInput, origin: RequestOrigin): Promise<NoticeView> {
    const org = await ownerOrg(principal, input.orgId);
    const fields = await validated(org.id, input);
    const notice = await this.db.transaction(async (t) => {
      const created = await NoticeEntity.create({ ...fields, orgId: org.id, createdBy: principal.subjectId }, { transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'notice.create', result: 'success', targetType: 'notice', targetId: created.id, detail: { kind: fields.kind, title: fields.title } }, t);
      return created;
    });
    return (await views([notice]))[0];
  }

  /** The owner stays; everything else is replaced by the input. */
  async update(principal: AdminPrincipal, id: number, input: NoticeInput, origin: RequestOrigin): Promise<NoticeView> {
    const notice = await this.writable(principal, id);
    const fields = await validated(notice.orgId, input);
    await this.db.transaction(async (t) => {
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => JSON.stringify(notice.get(k)) !== JSON.stringify(fields[k]));
      notice.set(fields);
      await notice.save({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'notice.update', result: 'success', targetType: 'notice', targetId: notice.id, detail: { changed } }, t);
    });
    return (await views([notice]))[0];
  }

  async remove(principal: AdminPrincipal, id: number, origin: RequestOrigin): Promise<void> {
    const notice = await this.writable(principal, id);
    await this.db.transaction(async (t) => {
      await notice.destroy({ transaction: t });
      await this.audit.record(origin, { category: 'admin_write', action: 'notice.delete', result: 'success', targetType: 'notice', targetId: notice.id, detail: { kind: notice.kind, title: notice.title } }, t);
    });
  }

  /**
   * What passengers see now: published, inside its validity, of the given operators and — when a
   * line is named — meant for every line or that one. Highest priority first.
   */
  async current(opts: { orgIds?: number[]; lineId?: number; limit?: number } = {}, now = new Date()): Promise<NoticeView[]> {
    const and: WhereOptions[] = [
      { published: true },
      { [Op.or]: [{ validFrom: null }, { validFrom: { [Op.lte]: now } }] },
      { [Op.or]: [{ validUntil: null }, { validUntil: { [Op.gt]: now } }] },
    ];
    if (opts.orgIds) and.push({ orgId: { [Op.in]: opts.orgIds } });
    const rows = await NoticeEntity.findAll({ where: { [Op.and]: and }, order: [['priority', 'DESC'], ['id', 'DESC']], limit: 200 });
    const wanted = rows.filter((n) => opts.lineId === undefined || !n.lineIds.length || n.lineIds.includes(opts.lineId));
    return views(wanted.slice(0, opts.limit ?? 50));
  }

  private async visible(principal: AdminPrincipal, id: number): Promise<NoticeEntity> {
    const notice = Number.isSafeInteger(Number(id)) && Number(id) > 0 ? await NoticeEntity.findByPk(Number(id)) : null;
    if (!notice || !(await readScope(principal)).orgIds.includes(notice.orgId)) throw new NotFoundError('公告');
    return notice;
  }

  private async writable(principal: AdminPrincipal, id: number): Promise<NoticeEntity> {
    const notice = Number.isSafeInteger(Number(id)) && Number(id) > 0 ? await NoticeEntity.findByPk(Number(id)) : null;
    if (!notice) throw new NotFoundError('公告');
    await assertWritable(principal, notice.orgId, '公告');
    return notice;
  }
}

type NoticeFields = Pick<NoticeEntity, 'kind' | 'title' | 'body' | 'lineIds' | 'validFrom' | 'validUntil' | 'published' | 'priority'>;

/** Every problem at once; lines must be the owner's own. */
async function validated(orgId: number, input: NoticeInput): Promise<NoticeFields> {
  const errors: FieldError[] = [];
  const title = String(input.title ?? '').trim();
  const body = String(input.body ?? '').trim();
  if (!NOTICE_KINDS.includes(input.kind)) errors.push({ field: 'kind', reason: '请选择公告类型' });
  if (!title || title.length > NOTICE_TITLE_MAX) errors.push({ field: 'title', reason: `标题必填，不超过 ${NOTICE_TITLE_MAX} 字` });
  if (!body || body.length > NOTICE_BODY_MAX) errors.push({ field: 'body', reason: `正文必填，不超过 ${NOTICE_BODY_MAX} 字` });
  const lineIds = [...new Set((input.lineIds ?? []).map(Number))];
  if (lineIds.some((id) => !Number.isSafeInteger(id) || id < 1)) errors.push({ field: 'lineIds', reason: '班线编号无效' });
  else if (lineIds.length) {
    const own = await LineEntity.findAll({ where: { id: { [Op.in]: lineIds }, orgId }, attributes: ['id'] });
    const missing = lineIds.filter((id) => !own.some((l) => l.id === id));
    if (missing.length) errors.push({ field: 'lineIds', reason: `班线不存在或不属于本运营方：${missing.join('、')}` });
  }
  const validFrom = instant(input.validFrom, 'validFrom', errors);
  const validUntil = instant(input.validUntil, 'validUntil', errors);
  if (validFrom && validUntil && validFrom.getTime() >= validUntil.getTime()) errors.push({ field: 'validUntil', reason: '结束时间应晚于开始时间' });
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || priority < -1000 || priority > 1000) errors.push({ field: 'priority', reason: '优先级应为 -1000 到 1000 的整数' });
  if (errors.length) throw new ValidationError(errors);
  return { kind: input.kind, title, body, lineIds, validFrom, validUntil, published: input.published ?? true, priority };
}

function instant(value: string | null | undefined, field: string, errors: FieldError[]): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) {
    errors.push({ field, reason: '时间格式应为 ISO 8601' });
    return null;
  }
  return d;
}

export async function views(rows: NoticeEntity[]): Promise<NoticeView[]> {
  const names = await orgNames(rows.map((r) => r.orgId));
  return rows.map((n) => ({
    id: n.id,
    orgId: n.orgId,
    orgName: names.get(n.orgId) ?? '',
    kind: n.kind,
    title: n.title,
    body: n.body,
    lineIds: n.lineIds,
    validFrom: n.validFrom ? new Date(n.validFrom).toISOString() : null,
    validUntil: n.validUntil ? new Date(n.validUntil).toISOString() : null,
    published: Boolean(n.published),
    priority: n.priority,
    createdAt: new Date(n.createdAt).toISOString(),
    updatedAt: new Date(n.updatedAt).toISOString(),
  }));
}
