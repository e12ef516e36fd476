import { Op, type WhereOptions } from 'sequelize';
import type { AdminPrincipal } from '../../../common/security/principal';
import { OrgEntity } from '../entity/org.entity';

/**
 * Tenancy (design.md §2): staff see and change only their organisation's subtree. A record outside
 * it answers "not found", exactly as a record that does not exist, so IDs reveal nothing.
 */
export function inSubtree(principal: AdminPrincipal, orgPath: string | null | undefined): boolean {
  return Boolean(orgPath && orgPath.startsWith(principal.orgPath));
}

/** The IDs of every organisation in the principal's subtree. */
export async function subtreeOrgIds(principal: AdminPrincipal): Promise<number[]> {
  const orgs = await OrgEntity.findAll({ where: subtreeWhere(principal), attributes: ['id'] });
  return orgs.map((o) => o.id);
}

export function subtreeWhere(principal: AdminPrincipal): WhereOptions {
  return { path: { [Op.like]: `${principal.orgPath}%` } };
}

/**
 * A filter by organisation: that organisation and its branches when the caller may see it, else
 * none (filtering by a foreign organisation finds nothing rather than failing).
 */
export async function visibleSubtreeIds(principal: AdminPrincipal, orgId: number): Promise<number[]> {
  const org = Number.isSafeInteger(orgId) ? await OrgEntity.findByPk(orgId, { attributes: ['id', 'path'] }) : null;
  if (!org || !inSubtree(principal, org.path)) return [];
  const subtree = await OrgEntity.findAll({ where: { path: { [Op.like]: `${org.path}%` } }, attributes: ['id'] });
  return subtree.map((o) => o.id);
}
