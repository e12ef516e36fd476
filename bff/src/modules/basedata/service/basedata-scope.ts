import { Op, type WhereOptions } from 'sequelize';
import type { AdminPrincipal } from '../../../common/security/principal';
import { ValidationError, NotFoundError } from '../../../common/error/domain.error';
import { OrgEntity } from '../../access/entity/org.entity';
import { inSubtree, subtreeOrgIds, subtreeWhere } from '../../access/service/scope';

/**
 * Who may see which base data (design.md §2):
 * - staff see their organisation subtree (platform staff: everything);
 * - a regulator also sees records of operators registered in its region and lines whose origin
 *   or destination lies in it (its own subtree owns no base data).
 * Out-of-scope records answer 404 exactly like missing ones.
 */
export interface ReadScope {
  /** organisations whose records are visible */
  orgIds: number[];
  /** GB/T 2260 prefix of a regulator's region ('44', '4403'), null for staff */
  regionPrefix: string | null;
}

/** 440300 → '4403', 440000 → '44', 440305 → '440305': the prefix every code inside shares. */
export function regionPrefixOf(code: string | null | undefined): string | null {
  if (!code || !/^\d{6}$/.test(code)) return null;
  return code.replace(/(00){1,2}$/, '');
}

/** Staff: their subtree (the access module's tenancy). Regulators: also the region's operators. */
export async function readScope(principal: AdminPrincipal): Promise<ReadScope> {
  const regionPrefix = principal.orgKind === 'regulator' ? regionPrefixOf(principal.regionCode) : null;
  if (!regionPrefix) return { orgIds: await subtreeOrgIds(principal), regionPrefix };
  // operators registered in the region, with their branches
  const operators = await OrgEntity.findAll({ where: { kind: 'operator', regionCode: { [Op.like]: `${regionPrefix}%` } }, attributes: ['path'] });
  const visible = await OrgEntity.findAll({
    where: { [Op.or]: [subtreeWhere(principal), ...operators.map((o) => ({ path: { [Op.like]: `${o.path}%` } }))] },
    attributes: ['id'],
  });
  return { orgIds: visible.map((o) => o.id), regionPrefix };
}

/** Visible organisations, narrowed to one subtree when a filter asks for an organisation. */
export function orgFilter(scope: ReadScope, orgId?: number): number[] {
  if (orgId === undefined || orgId === null) return scope.orgIds;
  return scope.orgIds.includes(Number(orgId)) ? [Number(orgId)] : [];
}

/** Where clause for lines in scope: visible owners, or (regulators) origin/destination in the region. */
export function lineScopeWhere(scope: ReadScope, orgIds = scope.orgIds): WhereOptions {
  const byOrg = { orgId: { [Op.in]: orgIds } };
  if (!scope.regionPrefix || orgIds !== scope.orgIds) return byOrg;
  const like = { [Op.like]: `${scope.regionPrefix}%` };
  return { [Op.or]: [byOrg, { originRegionCode: like }, { destinationRegionCode: like }] };
}

export function stopScopeWhere(scope: ReadScope, orgIds = scope.orgIds): WhereOptions {
  const byOrg = { orgId: { [Op.in]: orgIds } };
  if (!scope.regionPrefix || orgIds !== scope.orgIds) return byOrg;
  return { [Op.or]: [byOrg, { regionCode: { [Op.like]: `${scope.regionPrefix}%` } }] };
}

/**
 * The organisation a new record belongs to: the caller's own unless the request names another in
 * the caller's subtree. Writes never use the regulator's wider read scope.
 */
export async function ownerOrg(principal: AdminPrincipal, orgId?: number | null): Promise<OrgEntity> {
  const org = await OrgEntity.findByPk(orgId ?? principal.orgId);
  if (!org || !inSubtree(principal, org.path)) throw new ValidationError([{ field: 'orgId', reason: '机构不存在或不在您的管辖范围内' }]);
  if (org.kind === 'regulator') throw new ValidationError([{ field: 'orgId', reason: '监管机构不能拥有基础数据' }]);
  return org;
}

/** The record's owner must be in the caller's subtree to change it; otherwise it "does not exist". */
export async function assertWritable(principal: AdminPrincipal, orgId: number, what: string): Promise<void> {
  const org = await OrgEntity.findByPk(orgId, { attributes: ['id', 'path'] });
  if (!org || !inSubtree(principal, org.path)) throw new NotFoundError(what);
}

export async function orgNames(ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const orgs = await OrgEntity.findAll({ where: { id: { [Op.in]: [...new Set(ids)] } }, attributes: ['id', 'name'] });
  return new Map(orgs.map((o) => [o.id, o.name]));
}

export function paging(q: { page?: number; pageSize?: number }): { page: number; pageSize: number; offset: number } {
  const page = Math.max(1, Number(q.page) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/**
 * A contains-pattern for a keyword. Wildcards typed by the user are dropped rather than escaped:
 * SQLite's LIKE has no default escape character, MariaDB's is the backslash.
 */
export function likeKeyword(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, '')}%`;
}
