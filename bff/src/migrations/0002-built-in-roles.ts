import type { QueryInterface } from 'sequelize';
import { BuiltInRoles, DutyGroups, type PermissionCode } from '@dzky/contracts';

/**
 * The platform organisation (root of the tree) and the built-in roles. The three administrators
 * (系统/安全/审计) hold disjoint rights; business roles hold no administrator rights at all.
 */
const ROLES: { code: string; name: string; permissions: PermissionCode[] }[] = [
  { code: BuiltInRoles.SYSTEM_ADMIN, name: '系统管理员', permissions: [...DutyGroups.system, 'system:user:read', 'system:role:read', 'system:org:read'] },
  { code: BuiltInRoles.SECURITY_ADMIN, name: '安全管理员', permissions: [...DutyGroups.security, 'system:user:read', 'system:role:read'] },
  { code: BuiltInRoles.AUDIT_ADMIN, name: '审计管理员', permissions: [...DutyGroups.audit] },
  {
    code: BuiltInRoles.OPERATOR_ADMIN, name: '运营方管理员',
    permissions: ['system:user:read', 'system:user:write', 'system:role:read', 'system:role:write', 'system:org:read', 'system:org:write',
      'basedata:read', 'basedata:write', 'dispatch:read', 'dispatch:write', 'order:read', 'order:write', 'finance:read', 'finance:write', 'service:complaint'],
  },
  { code: BuiltInRoles.DISPATCHER, name: '调度员', permissions: ['basedata:read', 'dispatch:read', 'dispatch:write', 'order:read'] },
  { code: BuiltInRoles.FINANCE, name: '财务', permissions: ['order:read', 'finance:read', 'finance:write'] },
  { code: BuiltInRoles.CUSTOMER_SERVICE, name: '客服', permissions: ['order:read', 'order:write', 'service:complaint'] },
  { code: BuiltInRoles.REGULATOR, name: '监管人员', permissions: ['regulator:supervise', 'basedata:read'] },
];

export async function up(qi: QueryInterface): Promise<void> {
  const now = new Date();
  await qi.bulkInsert('org', [{ id: 1, parent_id: null, kind: 'platform', name: '定制客运平台', region_code: null, path: '/1/', enabled: true, created_at: now, updated_at: now }]);
  await qi.bulkInsert('role', ROLES.map((r) => ({ code: r.code, name: r.name, org_id: 1, built_in: true, permissions: JSON.stringify([...r.permissions].sort()), created_at: now, updated_at: now })));
}

export async function down(qi: QueryInterface): Promise<void> {
  await qi.bulkDelete('role', { built_in: true });
  await qi.bulkDelete('org', { id: 1 });
}
