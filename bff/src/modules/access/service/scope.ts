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
