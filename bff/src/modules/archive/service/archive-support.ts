import type { ILogger } from '@midwayjs/core';
import { Op, type FindOptions, type Transaction, type WhereOptions } from 'sequelize';
import {
  REGISTRY_STATUS_LABELS, chinaToday,
  type FieldError, type RegistryStatus, type VerificationMismatch, type VerificationStatus, type VerificationView,
} from '@dzky/contracts';
import { DomainError, NotFoundError, UpstreamError, ValidationError } from '../../../common/error/domain.error';
import type { AdminPrincipal } from '../../../common/security/principal';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree, subtreeOrgIds } from '../../access/service/scope';

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative once past. */
export function daysUntil(date: string, today: string = chinaToday()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A dated document as operability sees it. */
export interface DatedDocument {
  label: string;
  expiry: string | null;
  /** a missing date blocks operation (a vehicle without insurance must not run) */
  required: boolean;
}

/**
 * Chinese reasons why the record may not operate. A document on its last day counts as expired
 * (≤ 0 days left): dispatch plans trips ahead, so a vehicle whose certificate lapses today is not
 * given one.
 */
export function documentBlockers(docs: DatedDocument[], today: string = chinaToday()): string[] {
  const blockers: string[] = [];
  for (const d of docs) {
    if (!d.expiry) {
      if (d.required) blockers.push(`未登记${d.label}有效期`);
    } else {
      const left = daysUntil(d.expiry, today);
      if (left < 0) blockers.push(`${d.label}已于 ${d.expiry} 过期`);
      else if (left === 0) blockers.push(`${d.label}于今日（${d.expiry}）到期`);
    }
  }
  return blockers;
}

/** The calendar day `n` days after `day` (both YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A problem of one input of a batch (a spreadsheet row), by the input's index. */
export interface IndexedProblem {
  index: number;
  field: string;
  reason: string;
}

/** The columns every verifiable archive carries. */
export interface VerifiableRow {
  verificationStatus: VerificationStatus;
  verificationCheckedAt: Date | null;
  verificationReason: string | null;
  verificationMismatches: string | null;
  registryStatus: RegistryStatus | null;
  operable: boolean;
  blockers: string | null;
}

export interface VerificationOutcome {
  status: Exclude<VerificationStatus, 'unverified'>;
  reason: string | null;
  mismatches: VerificationMismatch[];
  registryStatus: RegistryStatus | null;
  checkedAt: Date;
}

export function verificationBlocker(row: Pick<VerifiableRow, 'verificationStatus' | 'verificationReason'>): string | null {
  switch (row.verificationStatus) {
    case 'verified':
      return null;
    case 'unverified':
      return '尚未通过许可核验';
    case 'not_found':
      return '未通过许可核验：许可库中无此记录';
    default:
      return `未通过许可核验：${row.verificationReason ?? '信息不一致'}`;
  }
}

export function verificationColumns(outcome: VerificationOutcome | null): Partial<VerifiableRow> {
  if (!outcome) {
    return { verificationStatus: 'unverified', verificationCheckedAt: null, verificationReason: null, verificationMismatches: null, registryStatus: null };
  }
  return {
    verificationStatus: outcome.status,
    verificationCheckedAt: outcome.checkedAt,
    verificationReason: outcome.reason,
    verificationMismatches: outcome.mismatches.length ? JSON.stringify(outcome.mismatches) : null,
    registryStatus: outcome.registryStatus,
  };
}

export function verificationView(row: VerifiableRow): VerificationView {
  return {
    status: row.verificationStatus,
    checkedAt: row.verificationCheckedAt ? row.verificationCheckedAt.toISOString() : null,
    reason: row.verificationReason,
    mismatches: row.verificationMismatches ? (JSON.parse(row.verificationMismatches) as VerificationMismatch[]) : [],
    registryStatus: row.registryStatus,
  };
}

/**
 * Compares what the archive says with what the registry says, field by field. A registry status
 * other than 'valid' is a mismatch too: the licence exists but may not be used.
 */
export function compareWithRegistry(
  pairs: { field: string; label: string; archive: string | number | null | undefined; registry: string | number | null | undefined }[],
  registryStatus: RegistryStatus,
  subject: string,
): VerificationOutcome {
  const mismatches: VerificationMismatch[] = [];
  const reasons: string[] = [];
  for (const p of pairs) {
    const a = p.archive === null || p.archive === undefined || p.archive === '' ? null : String(p.archive).trim();
    const r = p.registry === null || p.registry === undefined || p.registry === '' ? null : String(p.registry).trim();
    if (a !== r) {
      mismatches.push({ field: p.field, label: p.label, archive: a, registry: r });
      reasons.push(`${p.label}不一致：档案 ${a ?? '（空）'}，许可库 ${r ?? '（空）'}`);
    }
  }
  if (registryStatus !== 'valid') {
    const label = REGISTRY_STATUS_LABELS[registryStatus].zh;
    mismatches.unshift({ field: 'registryStatus', label: `${subject}状态`, archive: REGISTRY_STATUS_LABELS.valid.zh, registry: label });
    reasons.unshift(`${subject}状态为${label}`);
  }
  return {
    status: mismatches.length ? 'mismatch' : 'verified',
    reason: reasons.length ? reasons.join('；') : null,
    mismatches,
    registryStatus,
    checkedAt: new Date(),
  };
}

export function notFoundOutcome(what: string): VerificationOutcome {
  return { status: 'not_found', reason: `许可库中无此${what}`, mismatches: [], registryStatus: null, checkedAt: new Date() };
}

/**
 * The registry's verdict for a record being saved, or null when the registry cannot be asked: the
 * record is then stored 'unverified' (and so not operable) instead of being refused. Only an
 * unreachable registry is forgiven; any other error is thrown.
 */
export async function verdictOrNull(check: () => Promise<VerificationOutcome>, logger: Pick<ILogger, 'warn'>, what: string): Promise<VerificationOutcome | null> {
  try {
    return await check();
  } catch (e) {
    if (!(e instanceof UpstreamError)) throw e;
    logger.warn('[archive] licence registry unreachable, %s left unverified: %s', what, e.message);
    return null;
  }
}

/**
 * The org a driver or vehicle is filed under: an operator or branch in the caller's subtree.
 * Left out, the caller's own org (when it is one).
 */
export async function owningOrg(principal: AdminPrincipal, orgId: number | undefined | null, t?: Transaction): Promise<OrgEntity> {
  const id = orgId ?? principal.orgId;
  const org = await OrgEntity.findByPk(id, { transaction: t });
  const bad = (reason: string): never => {
    throw new ValidationError([{ field: 'orgId', reason }]);
  };
  if (!org || !inSubtree(principal, org.path)) return bad('所属机构不存在或不在您的管辖范围内');
  if (org.kind !== 'operator' && org.kind !== 'branch') return bad('请选择所属运营企业或分支机构');
  if (!org.enabled) return bad('所属机构已停用');
  return org;
}

/** The operator org above (or equal to) an org, from its materialised path. */
export async function operatorOrgOf(org: OrgEntity, t?: Transaction): Promise<OrgEntity | null> {
  if (org.kind === 'operator') return org;
  const ids = org.path.split('/').filter(Boolean).map(Number);
  return OrgEntity.findOne({ where: { id: { [Op.in]: ids }, kind: 'operator' }, transaction: t });
}

/** Names of orgs by id, for views. */
export async function orgNames(ids: number[], t?: Transaction): Promise<Map<number, OrgEntity>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: unique } }, transaction: t });
  return new Map(orgs.map((o) => [o.id, o]));
}

/** A record in the caller's subtree, or 404 (exactly like one that does not exist). */
export async function assertInScope(principal: AdminPrincipal, orgId: number, what: string, t?: Transaction): Promise<OrgEntity> {
  const org = await OrgEntity.findByPk(orgId, { transaction: t });
  if (!org || !inSubtree(principal, org.path)) throw new NotFoundError(what);
  return org;
}

/** An org-owned archive (driver, vehicle) by id in the caller's subtree, else 404; `lock` it inside a write. */
export async function findInScope<R extends { orgId: number }>(
  model: { findByPk(id: number, options: FindOptions): Promise<R | null> },
  principal: AdminPrincipal, id: number, what: string, t?: Transaction, lock = false,
): Promise<R> {
  const pk = validIdParam(id);
  const row = pk ? await model.findByPk(pk, { transaction: t, ...(lock && t ? { lock: t.LOCK.UPDATE } : {}) }) : null;
  if (!row) throw new NotFoundError(what);
  await assertInScope(principal, row.orgId, what, t);
  return row;
}

/** The list filters drivers and vehicles share: the caller's subtree (or one org of it), enabled, operable, verification. */
export async function archiveFilters(
  principal: AdminPrincipal,
  q: { orgId?: number; enabled?: boolean; operable?: boolean; verification?: VerificationStatus },
): Promise<WhereOptions[]> {
  const orgIds = await subtreeOrgIds(principal);
  const and: WhereOptions[] = [{ orgId: { [Op.in]: q.orgId ? orgIds.filter((o) => o === Number(q.orgId)) : orgIds } }];
  if (q.enabled !== undefined) and.push({ enabled: q.enabled });
  // the stored flag (kept by every write and the daily scan), so lists can filter and page by it
  if (q.operable !== undefined) and.push({ operable: q.operable });
  if (q.verification) and.push({ verificationStatus: q.verification });
  return and;
}

export function validIdParam(id: number): number {
  return Number.isSafeInteger(Number(id)) && Number(id) > 0 ? Number(id) : 0;
}

/** Throws the collected field errors, if any. */
export function throwIfErrors(errors: FieldError[]): void {
  if (errors.length) throw new ValidationError(errors);
}

export function duplicate(field: string, reason: string): DomainError {
  return new DomainError('ARCHIVE.DUPLICATE', reason, { errors: [{ field, reason }] });
}

/** Trims; '' becomes null. */
export function clean(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s ? s : null;
}

/** File ids referenced by a record, for assertUsable and describe. */
export function fileIdsOf(...ids: (number | null | undefined | number[])[]): number[] {
  return ids.flatMap((v) => (Array.isArray(v) ? v : v ? [v] : [])).filter((v) => Number.isSafeInteger(v) && v > 0);
}
