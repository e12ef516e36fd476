import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Transaction } from 'sequelize';
import type { BasedataHistoryEntry } from '@dzky/contracts';
import type { AdminPrincipal, RequestOrigin } from '../../../common/security/principal';
import { AuditService } from '../../audit/service/audit.service';
import { BasedataVersionEntity } from '../entity';

type EntityType = BasedataHistoryEntry['entityType'];
type Action = BasedataHistoryEntry['action'];

/** Fields left out of snapshots: they change on every write and say nothing about the record. */
const NOISE = new Set(['createdAt', 'updatedAt', 'orgName', 'routeCount', 'operable', 'blockers', 'approvedStops']);

/**
 * Every change of a stop, line or route is a version row (who, when, before/after) and an audit
 * record, written in the caller's transaction so both commit or roll back with the change.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class BasedataHistoryService {
  @Inject() private audit: AuditService;

  async record(
    origin: RequestOrigin,
    change: { entityType: EntityType; entityId: number; orgId: number; action: Action; before: object | null; after: object | null; audit?: boolean },
    t: Transaction,
  ): Promise<void> {
    const admin = origin.principal?.audience === 'admin' ? (origin.principal as AdminPrincipal) : null;
    const before = change.before ? snapshot(change.before) : null;
    const after = change.after ? snapshot(change.after) : null;
    await BasedataVersionEntity.create(
      {
        entityType: change.entityType,
        entityId: change.entityId,
        orgId: change.orgId,
        action: change.action,
        actorId: admin?.subjectId ?? null,
        // seeds and jobs act without a signed-in person
        actorName: admin ? admin.displayName || admin.username : '系统',
        at: new Date(),
        dataBefore: before,
        dataAfter: after,
      },
      { transaction: t },
    );
    if (change.audit === false) return;
    await this.audit.record(
      origin,
      {
        category: 'admin_write',
        action: `basedata.${change.entityType}.${change.action}`,
        result: 'success',
        targetType: change.entityType,
        targetId: change.entityId,
        detail: { changed: changedKeys(before, after) },
      },
      t,
    );
  }

  /** Newest first. */
  async list(entityType: EntityType, entityId: number): Promise<BasedataHistoryEntry[]> {
    const rows = await BasedataVersionEntity.findAll({ where: { entityType, entityId }, order: [['id', 'DESC']] });
    return rows.map((r) => ({
      id: Number(r.id),
      entityType: r.entityType,
      entityId: r.entityId,
      action: r.action as Action,
      actorId: r.actorId,
      actorName: r.actorName,
      at: new Date(r.at).toISOString(),
      before: r.dataBefore,
      after: r.dataAfter,
    }));
  }
}

function snapshot(view: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(view).filter(([k]) => !NOISE.has(k)))));
}

function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]));
}
