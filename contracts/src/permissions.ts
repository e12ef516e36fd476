/**
 * Permission codes. A role is a set of these; the admin menus and every admin route check them.
 * Codes are `<area>:<action>`. Keep labels short: they show in the role editor.
 */
export const Permissions = {
  'system:user:read': '查看用户',
  'system:user:write': '管理用户',
  'system:role:read': '查看角色',
  'system:role:write': '管理角色',
  'system:org:read': '查看机构',
  'system:org:write': '管理机构',
  'security:grant': '授予安全/审计管理员角色',
  'security:settings': '安全策略',
  'security:session': '会话管理',
  'audit:read': '查看审计日志',
  'audit:export': '导出审计日志',
  'basedata:read': '查看基础数据',
  'basedata:write': '维护基础数据',
  'fare:write': '维护票价与交易规则',
  'dispatch:read': '查看调度',
  'dispatch:write': '调度操作',
  'order:read': '查看订单',
  'order:write': '处理订单',
  'finance:read': '查看财务',
  'finance:write': '财务操作',
  'service:complaint': '投诉与评价处理',
  'regulator:supervise': '监管查询',
} as const;

export type PermissionCode = keyof typeof Permissions;
export const ALL_PERMISSIONS = Object.keys(Permissions) as PermissionCode[];

/**
 * 三员分立 (MLPS level 3): the system, security and audit administrators hold disjoint rights, and
 * no one may hold rights from more than one of these groups.
 */
export const DutyGroups = {
  // the rights that change accounts, roles and organisations; reading them is not an administrator right
  system: ['system:user:write', 'system:role:write', 'system:org:write'],
  security: ['security:grant', 'security:settings', 'security:session'],
  audit: ['audit:read', 'audit:export'],
} as const satisfies Record<string, readonly PermissionCode[]>;

export type DutyGroup = keyof typeof DutyGroups;

/** Which duty groups a permission set touches; more than one means separation of duties is broken. */
export function dutyGroupsOf(perms: readonly string[]): DutyGroup[] {
  return (Object.keys(DutyGroups) as DutyGroup[]).filter((g) =>
    (DutyGroups[g] as readonly string[]).some((p) => perms.includes(p)),
  );
}

export const BuiltInRoles = {
  SYSTEM_ADMIN: 'system_admin',
  SECURITY_ADMIN: 'security_admin',
  AUDIT_ADMIN: 'audit_admin',
  OPERATOR_ADMIN: 'operator_admin',
  DISPATCHER: 'dispatcher',
  FINANCE: 'finance',
  CUSTOMER_SERVICE: 'customer_service',
  REGULATOR: 'regulator',
} as const;

export type BuiltInRoleCode = (typeof BuiltInRoles)[keyof typeof BuiltInRoles];

/** Organisation kinds of the tree platform → operator → branch; regulators hang under the platform. */
export type OrgKind = 'platform' | 'operator' | 'branch' | 'regulator';
