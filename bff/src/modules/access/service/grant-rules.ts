import { DutyGroups, Permissions, dutyGroupsOf, type PermissionCode } from '@dzky/contracts';

const labels = (codes: PermissionCode[]) => codes.map((c) => Permissions[c] ?? c).join('、');
import { DomainError } from '../../../common/error/domain.error';
import type { AdminPrincipal } from '../../../common/security/principal';

/**
 * Separation of duties (三员分立, MLPS level 3) and no escalation:
 * - a role, and a user's set of roles, may touch at most one of the system / security / audit groups;
 * - nobody changes their own roles;
 * - you grant only permissions you hold yourself — except that the security administrator
 *   ('security:grant') is the one who grants the security and audit groups.
 */
export function assertRolePermissionsAllowed(principal: AdminPrincipal, permissions: PermissionCode[]): void {
  const groups = dutyGroupsOf(permissions);
  if (groups.length > 1) {
    throw new DomainError('ACCESS.SEPARATION_OF_DUTIES', `一个角色不能同时包含${groups.map(groupLabel).join('、')}的权限`, {
      errors: [{ field: 'permissions', reason: '系统、安全、审计管理权限必须分属不同角色' }],
    });
  }
  const grantable = grantablePermissions(principal);
  const beyond = permissions.filter((p) => !grantable.has(p));
  if (beyond.length) {
    throw new DomainError('ACCESS.DENIED', `不能授予自己没有的权限：${labels(beyond)}`, {
      errors: [{ field: 'permissions', reason: `超出授权范围：${labels(beyond)}` }],
    });
  }
}

export function assertAssignmentAllowed(principal: AdminPrincipal, targetUserId: number, rolePermissions: PermissionCode[][]): void {
  if (targetUserId === principal.subjectId) {
    throw new DomainError('ACCESS.SEPARATION_OF_DUTIES', '不能修改自己的角色', { errors: [{ field: 'roleIds', reason: '不能给自己授权' }] });
  }
  const all = rolePermissions.flat();
  const groups = dutyGroupsOf(all);
  if (groups.length > 1) {
    throw new DomainError('ACCESS.SEPARATION_OF_DUTIES', `同一用户不能同时担任${groups.map(groupLabel).join('、')}`, {
      errors: [{ field: 'roleIds', reason: '三员分立：系统、安全、审计管理员须由不同的人担任' }],
    });
  }
  const grantable = grantablePermissions(principal);
  const beyond = [...new Set(all.filter((p) => !grantable.has(p)))];
  if (beyond.length) {
    throw new DomainError('ACCESS.DENIED', `不能授予超出自己权限的角色：${labels(beyond)}`, {
      errors: [{ field: 'roleIds', reason: `超出授权范围：${labels(beyond)}` }],
    });
  }
}

function grantablePermissions(principal: AdminPrincipal): Set<PermissionCode> {
  const grantable = new Set(principal.permissions);
  if (principal.permissions.has('security:grant')) {
    for (const p of [...DutyGroups.security, ...DutyGroups.audit]) grantable.add(p);
  }
  // the system group is granted only by those who hold it; security admins cannot hand it out
  return grantable;
}

function groupLabel(group: string): string {
  return ({ system: '系统管理员', security: '安全管理员', audit: '审计管理员' } as Record<string, string>)[group] ?? group;
}
