/**
 * Who may see what: every menu entry and route of the admin app, with the permission codes that
 * open it (any one of them suffices), and the permissions behind individual buttons. The bff checks
 * the same codes on every API; this file only keeps the UI from offering what would be refused.
 */
import { DutyGroups, type PermissionCode } from '@dzky/contracts';

export type MenuIcon =
  | 'dashboard' | 'system' | 'users' | 'roles' | 'orgs' | 'securityAudit' | 'auditLogs' | 'securitySettings'
  | 'basedata' | 'stops' | 'lines' | 'routes' | 'archive' | 'operators' | 'vehicles' | 'drivers' | 'passengers' | 'platform'
  | 'operations' | 'trips' | 'fares' | 'notices' | 'orders'
  | 'finance' | 'payments' | 'refunds' | 'financeSummary';

export interface MenuNode {
  /** the route path; for groups, a path prefix */
  key: string;
  /** i18n key of the label */
  labelKey: string;
  icon?: MenuIcon;
  /** any one of these opens the entry; absent means every signed-in user */
  anyOf?: readonly PermissionCode[];
  children?: MenuNode[];
}

export const MENU: readonly MenuNode[] = [
  { key: '/dashboard', labelKey: 'menu.dashboard', icon: 'dashboard' },
  {
    // the entries keep short top-level paths; the group key only holds the submenu open
    key: '/operations',
    labelKey: 'menu.operations',
    icon: 'operations',
    children: [
      { key: '/trips', labelKey: 'menu.trips', icon: 'trips', anyOf: ['dispatch:read', 'dispatch:write'] },
      { key: '/orders', labelKey: 'menu.orders', icon: 'orders', anyOf: ['order:read', 'order:write'] },
      // reading prices and rules is base data; changing them is 'fare:write'
      { key: '/fares', labelKey: 'menu.fares', icon: 'fares', anyOf: ['basedata:read', 'fare:write'] },
      { key: '/notices', labelKey: 'menu.notices', icon: 'notices', anyOf: ['basedata:read', 'basedata:write'] },
      { key: '/service/feedback', labelKey: 'feedback.menu', anyOf: ['service:complaint'] },
    ],
  },
  {
    key: '/finance',
    labelKey: 'menu.finance',
    icon: 'finance',
    children: [
      { key: '/finance/summary', labelKey: 'menu.financeSummary', icon: 'financeSummary', anyOf: ['finance:read', 'finance:write'] },
      { key: '/finance/payments', labelKey: 'menu.payments', icon: 'payments', anyOf: ['finance:read', 'finance:write'] },
      { key: '/finance/refunds', labelKey: 'menu.refunds', icon: 'refunds', anyOf: ['finance:read', 'finance:write'] },
      { key: '/finance/invoices', labelKey: 'invoice.menu', anyOf: ['finance:read', 'finance:write'] },
    ],
  },
  {
    key: '/basedata',
    labelKey: 'menu.basedata',
    icon: 'basedata',
    children: [
      { key: '/basedata/stops', labelKey: 'menu.stops', icon: 'stops', anyOf: ['basedata:read', 'basedata:write'] },
      { key: '/basedata/lines', labelKey: 'menu.lines', icon: 'lines', anyOf: ['basedata:read', 'basedata:write'] },
      { key: '/basedata/routes', labelKey: 'menu.routes', icon: 'routes', anyOf: ['basedata:read', 'basedata:write'] },
    ],
  },
  {
    key: '/archive',
    labelKey: 'menu.archive',
    icon: 'archive',
    children: [
      { key: '/archive/operators', labelKey: 'menu.operators', icon: 'operators', anyOf: ['basedata:read', 'basedata:write', 'finance:write'] },
      { key: '/archive/vehicles', labelKey: 'menu.vehicles', icon: 'vehicles', anyOf: ['basedata:read', 'basedata:write'] },
      { key: '/archive/drivers', labelKey: 'menu.drivers', icon: 'drivers', anyOf: ['basedata:read', 'basedata:write'] },
      // platform staff only: the bff also refuses operator organisations
      { key: '/archive/passengers', labelKey: 'menu.passengers', icon: 'passengers', anyOf: ['order:read', 'service:complaint'] },
      { key: '/archive/platform', labelKey: 'menu.platform', icon: 'platform', anyOf: ['system:org:read', 'system:org:write'] },
    ],
  },
  {
    key: '/system',
    labelKey: 'menu.system',
    icon: 'system',
    children: [
      // the security administrator reads users to appoint and unlock them (security:grant/session)
      { key: '/system/users', labelKey: 'menu.users', icon: 'users', anyOf: ['system:user:read', 'system:user:write', 'security:grant'] },
      { key: '/system/roles', labelKey: 'menu.roles', icon: 'roles', anyOf: ['system:role:read', 'system:role:write', 'security:grant'] },
      { key: '/system/orgs', labelKey: 'menu.orgs', icon: 'orgs', anyOf: ['system:org:read', 'system:org:write'] },
    ],
  },
  {
    key: '/security',
    labelKey: 'menu.securityAudit',
    icon: 'securityAudit',
    children: [
      { key: '/security/audit', labelKey: 'menu.auditLogs', icon: 'auditLogs', anyOf: ['audit:read'] },
      { key: '/security/settings', labelKey: 'menu.securitySettings', icon: 'securitySettings', anyOf: ['security:settings'] },
    ],
  },
];

/** Buttons and actions inside pages. Mirrors the bff's @RequirePermission on the same APIs. */
export const ACTIONS = {
  'user.write': ['system:user:write'],
  // the system administrator assigns roles with the rest of user management; the security
  // administrator ('security:grant') appoints security and audit administrators through the same API
  'user.assignRoles': ['system:user:write', 'security:grant'],
  'user.unlock': ['system:user:write', 'security:session'],
  'user.resetTotp': ['system:user:write', 'security:session'],
  'role.write': ['system:role:write'],
  'org.write': ['system:org:write'],
  'audit.export': ['audit:export'],
  'security.settings': ['security:settings'],
  'basedata.write': ['basedata:write'],
  'archive.write': ['basedata:write'],
  'operator.merchant': ['finance:write'],
  'platform.write': ['system:org:write'],
  'trip.write': ['dispatch:write'],
  'fare.write': ['fare:write'],
  'notice.write': ['basedata:write'],
  'order.read': ['order:read'],
  'order.write': ['order:write'],
  // refunds by staff, abnormal refunds resolved offline
  'finance.write': ['finance:write'],
} as const satisfies Record<string, readonly PermissionCode[]>;

export type Action = keyof typeof ACTIONS;

function allowed(anyOf: readonly PermissionCode[] | undefined, perms: readonly string[]): boolean {
  return !anyOf || anyOf.some((p) => perms.includes(p));
}

export function canDo(action: Action, perms: readonly string[]): boolean {
  return allowed(ACTIONS[action], perms);
}

/**
 * Whether this user may hand out a role with these permissions, by the bff's rule (grant-rules.ts):
 * only what you hold yourself, except that 'security:grant' also grants the security and audit
 * groups. Separation of duties and "not your own roles" are checked on the whole assignment by the
 * server, which also has the last word here; the UI uses this only to mark roles it would refuse.
 */
export function canGrantRole(rolePermissions: readonly string[], perms: readonly string[]): boolean {
  const grantable = new Set<string>(perms);
  if (perms.includes('security:grant')) for (const p of [...DutyGroups.security, ...DutyGroups.audit]) grantable.add(p);
  return rolePermissions.every((p) => grantable.has(p));
}

/** The menu as this user sees it: entries without permission dropped, then empty groups. */
export function menuFor(perms: readonly string[]): MenuNode[] {
  const out: MenuNode[] = [];
  for (const node of MENU) {
    if (node.children) {
      const children = node.children.filter((c) => allowed(c.anyOf, perms));
      if (children.length > 0) out.push({ ...node, children });
    } else if (allowed(node.anyOf, perms)) {
      out.push(node);
    }
  }
  return out;
}

function leaves(nodes: readonly MenuNode[]): MenuNode[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n]));
}

/** The menu leaf a path belongs to (longest matching prefix), if any. */
export function routeOf(pathname: string): MenuNode | undefined {
  return leaves(MENU)
    .filter((n) => pathname === n.key || pathname.startsWith(n.key + '/'))
    .sort((a, b) => b.key.length - a.key.length)[0];
}

/** Paths outside the menu (change password, not-found) only need a signed-in user. */
export function canAccess(pathname: string, perms: readonly string[]): boolean {
  const node = routeOf(pathname);
  return node ? allowed(node.anyOf, perms) : true;
}

/** The menu keys of the group and the leaf a path sits in: for selected/open menu state and breadcrumbs. */
export function trailOf(pathname: string): MenuNode[] {
  for (const node of MENU) {
    if (node.children) {
      const leaf = node.children.find((c) => pathname === c.key || pathname.startsWith(c.key + '/'));
      if (leaf) return [node, leaf];
    } else if (pathname === node.key || pathname.startsWith(node.key + '/')) {
      return [node];
    }
  }
  return [];
}
