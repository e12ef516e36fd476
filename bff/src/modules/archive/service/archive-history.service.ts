import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Transaction } from 'sequelize';
import type { ArchiveHistoryEntry, ArchiveKind, HistoryAction } from '@dzky/contracts';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { ArchiveHistoryEntity } from '../entity';

/** Fields left out of snapshots: they change on every write or are only pointers for the page. */
const NOISE = new Set(['files', 'updatedAt', 'createdAt']);

/**
 * Version history of operators, drivers and vehicles: every change stores the whole record as it
 * became, with personal data already masked by the caller (a snapshot is built from the masked
 * view, never from the row), so history can be shown to anyone who may see the record.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class ArchiveHistoryService {
  @Inject() private audit: AuditService;

  /**
   * A change made by staff: the record's next version and its audit entry, in the caller's
   * transaction so both commit or roll back with the change. `detail` must hold no whole
   * personal numbers (the audit trail is read by staff who need not see them).
   */
  async record(kind: ArchiveKind, recordId: number, action: HistoryAction, view: object, origin: RequestOrigin, t: Transaction, detail: Record<string, unknown>): Promise<void> {
    const version = await this.append(kind, recordId, action, view, origin, t);
    await this.audit.record(origin, {
      category: 'admin_write', action: `${kind}.${action}`, result: 'success', targetType: kind, targetId: recordId,
      detail: { ...detail, version },
    }, t);
  }

  /** The next version; `origin` null for the system's own changes (the daily expiry scan). */
  async append(kind: ArchiveKind, recordId: number, action: HistoryAction, view: object, origin: RequestOrigin | null, t: Transaction): Promise<number> {
    const last = await ArchiveHistoryEntity.max('version', { where: { kind, recordId }, transaction: t });
    const version = (Number(last) || 0) + 1;
    const admin = origin?.principal?.audience === 'admin' ? (origin.principal as AdminPrincipal) : null;
    await ArchiveHistoryEntity.create(
      {
        kind, recordId, version, action,
        actorId: admin?.subjectId ?? null,
        // a change made by a scheduled job has no signed-in actor
        actorName: admin ? admin.displayName || admin.username : origin ? null : '系统',
        snapshot: JSON.stringify(snapshotOf(view)),
      },
      { transaction: t },
    );
    return version;
  }

  /** Newest first, each with what changed since the version before it. */
  async list(kind: ArchiveKind, recordId: number): Promise<ArchiveHistoryEntry[]> {
    const rows = await ArchiveHistoryEntity.findAll({ where: { kind, recordId }, order: [['version', 'ASC']] });
    let previous: Record<string, unknown> | null = null;
    const entries: ArchiveHistoryEntry[] = [];
    for (const row of rows) {
      const snapshot = JSON.parse(row.snapshot) as Record<string, unknown>;
      entries.push({
        id: Number(row.id),
        version: row.version,
        action: row.action,
        actorName: row.actorName,
        at: row.createdAt.toISOString(),
        snapshot,
        changes: previous ? diff(previous, snapshot) : [],
      });
      previous = snapshot;
    }
    return entries.reverse();
  }
}

function snapshotOf(view: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(view).filter(([k]) => !NOISE.has(k)));
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): ArchiveHistoryEntry['changes'] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: ArchiveHistoryEntry['changes'] = [];
  for (const field of keys) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes.push({ field, from: before[field] ?? null, to: after[field] ?? null });
  }
  return changes;
}
