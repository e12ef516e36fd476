import { Config, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { AuditCategory, AuditQuery, AuditRecordView, AuditResult, Page } from '@dzky/contracts';
import { DatabaseService } from '../../../common/db/database.service';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditHeadEntity, AuditRecordEntity } from '../entity/audit-record.entity';
import { FileAuditAnchor } from './audit-anchor';
import { chainHash, verifyChain, type VerifyResult } from './audit-chain';

export interface AuditConfig {
  hmacKey: string;
  anchorFile: string;
}

export interface AuditEntry {
  category: AuditCategory;
  action: string;
  result: AuditResult;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
  /** set when the actor is known but not signed in (a failed sign-in of an existing account) */
  actor?: { id: number | null; name: string | null; orgId: number | null; orgPath: string | null };
}

/**
 * The audit trail (design.md §3): every admin write, sign-in success and failure, denied access and
 * security setting change. Append-only and HMAC-chained; the head is anchored outside the database.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class AuditService {
  @Config('audit')
  private config: AuditConfig;

  @Inject()
  private db: DatabaseService;

  private key: Buffer;
  private anchor: FileAuditAnchor;

  @Init()
  init(): void {
    this.key = Buffer.from(this.config.hmacKey, 'base64');
    this.anchor = new FileAuditAnchor(this.config.anchorFile);
  }

  /**
   * Appends one record. Inside a caller's transaction the record commits or rolls back with the
   * change it describes; the anchor is written only once the record has committed.
   */
  async record(origin: RequestOrigin, entry: AuditEntry, t?: Transaction): Promise<void> {
    if (t) return this.append(origin, entry, t);
    await this.db.transaction((own) => this.append(origin, entry, own));
  }

  private async append(origin: RequestOrigin, entry: AuditEntry, t: Transaction): Promise<void> {
    const admin = origin.principal?.audience === 'admin' ? (origin.principal as AdminPrincipal) : null;
    const actor = entry.actor ?? (admin
      ? { id: admin.subjectId, name: admin.username, orgId: admin.orgId, orgPath: admin.orgPath }
      : origin.principal
        ? { id: origin.principal.subjectId, name: `${origin.principal.audience}:${origin.principal.subjectId}`, orgId: null, orgPath: null }
        : { id: null, name: null, orgId: null, orgPath: null });
    // the head row is the chain's lock: appends are serialised, so seq has no gaps or forks
    const head = await AuditHeadEntity.findByPk(1, { transaction: t, lock: t.LOCK.UPDATE });
    if (!head) throw new Error('audit_head row is missing: run the migrations');
    const fields = {
      seq: Number(head.seq) + 1,
      at: new Date(),
      category: entry.category,
      action: entry.action,
      actorId: actor.id,
      actorName: actor.name,
      orgId: actor.orgId,
      orgPath: actor.orgPath,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId === undefined ? null : String(entry.targetId),
      result: entry.result,
      sourceIp: origin.ip,
      requestId: origin.requestId,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    };
    const hash = chainHash(this.key, head.hash, fields);
    await AuditRecordEntity.create({ ...fields, prevHash: head.hash, hash }, { transaction: t });
    await AuditHeadEntity.update({ seq: fields.seq, hash }, { where: { id: 1 }, transaction: t });
    // Sequelize runs after-commit hooks even when the COMMIT itself failed: anchor only a record
    // that is really there, or verify would later report tampering that never happened
    t.afterCommit(async () => {
      if (await AuditRecordEntity.count({ where: { seq: fields.seq, hash } })) {
        this.anchor.append({ seq: fields.seq, hash, at: fields.at.toISOString() });
      }
    });
  }

  /** Records visible to an audit administrator: those of its organisation subtree. */
  async query(principal: AdminPrincipal, q: AuditQuery): Promise<Page<AuditRecordView>> {
    const page = Math.max(1, Number(q.page ?? 1));
    const pageSize = Math.min(200, Math.max(1, Number(q.pageSize ?? 20)));
    const { rows, count } = await AuditRecordEntity.findAndCountAll({
      where: this.where(principal, q),
      order: [['seq', 'DESC']],
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: rows.map(toView), total: count, page, pageSize };
  }

  /** Every matching record, newest first, in batches (for CSV export). */
  async *iterate(principal: AdminPrincipal, q: AuditQuery, max = 100_000): AsyncGenerator<AuditRecordView> {
    const where = this.where(principal, q);
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    let sent = 0;
    while (sent < max) {
      const rows = await AuditRecordEntity.findAll({
        where: { [Op.and]: [where, { seq: { [Op.lt]: beforeSeq } }] },
        order: [['seq', 'DESC']],
        limit: 500,
      });
      if (!rows.length) return;
      for (const row of rows) {
        yield toView(row);
        if (++sent >= max) return;
      }
      beforeSeq = Number(rows[rows.length - 1].seq);
    }
  }

  async verify(): Promise<VerifyResult> {
    const head = await AuditHeadEntity.findByPk(1);
    return verifyChain(
      this.key,
      async (afterSeq, limit) =>
        (await AuditRecordEntity.findAll({ where: { seq: { [Op.gt]: afterSeq } }, order: [['seq', 'ASC']], limit, raw: true })) as any,
      this.anchor.readAll(),
      head ? { seq: Number(head.seq), hash: head.hash } : null,
    );
  }

  private where(principal: AdminPrincipal, q: AuditQuery): WhereOptions {
    const and: WhereOptions[] = [];
    // platform-level auditors also see records with no organisation (unknown user names)
    if (principal.orgKind === 'platform') {
      and.push({ [Op.or]: [{ orgPath: { [Op.like]: `${principal.orgPath}%` } }, { orgPath: null }] });
    } else {
      and.push({ orgPath: { [Op.like]: `${principal.orgPath}%` } });
    }
    if (q.from) and.push({ at: { [Op.gte]: new Date(q.from) } });
    if (q.to) and.push({ at: { [Op.lte]: new Date(q.to) } });
    if (q.category) and.push({ category: q.category });
    if (q.action) and.push({ action: { [Op.like]: `${q.action}%` } });
    if (q.actorName) and.push({ actorName: q.actorName });
    if (q.result) and.push({ result: q.result });
    return { [Op.and]: and };
  }
}

function toView(r: AuditRecordEntity): AuditRecordView {
  return {
    id: Number(r.seq),
    at: new Date(r.at).toISOString(),
    category: r.category,
    action: r.action,
    actorId: r.actorId,
    actorName: r.actorName,
    orgId: r.orgId,
    targetType: r.targetType,
    targetId: r.targetId,
    result: r.result,
    sourceIp: r.sourceIp,
    requestId: r.requestId,
    detail: r.detail ? JSON.parse(r.detail) : null,
  };
}
