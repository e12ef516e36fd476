import { describe, expect, it } from 'vitest';
import { DutyGroups, type PermissionCode } from '@dzky/contracts';
import { canAccess, canDo, canGrantRole, menuFor, MENU, routeOf, type MenuNode } from './access';
import zhCN from './locales/zh-CN';

/** The menu as labels, the way a user reads it in Chinese. */
function labels(nodes: MenuNode[]): string[] {
  const dict = zhCN as unknown as Record<string, Record<string, string>>;
  const label = (key: string) => {
    const [ns, k] = key.split('.');
    return dict[ns][k];
  };
  return nodes.flatMap((n) => [label(n.labelKey), ...labels(n.children ?? [])]);
}

// permission sets as the bff's built-in roles grant them (bff/src/migrations/0002-built-in-roles.ts)
const DISPATCHER: PermissionCode[] = ['basedata:read', 'dispatch:read', 'dispatch:write', 'order:read'];
const AUDIT_ADMIN: PermissionCode[] = [...DutyGroups.audit];
const SYSTEM_ADMIN: PermissionCode[] = [...DutyGroups.system];
const SECURITY_ADMIN: PermissionCode[] = [...DutyGroups.security, 'system:user:read', 'system:role:read'];
const CUSTOMER_SERVICE: PermissionCode[] = ['order:read', 'order:write', 'service:complaint'];
const FINANCE: PermissionCode[] = ['order:read', 'finance:read', 'finance:write'];
// operator_admin also holds 'fare:write' (migration 0007)
const OPERATOR_ADMIN: PermissionCode[] = ['basedata:read', 'basedata:write', 'dispatch:read', 'dispatch:write', 'order:read', 'order:write', 'fare:write'];

describe('access', () => {
  it('R-6.1.1 menus follow permissions: a dispatcher sees no 用户管理', () => {
    const menu = labels(menuFor(DISPATCHER));
    expect(menu).toContain('工作台');
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('系统管理');
    expect(menu).not.toContain('审计日志');
    expect(canAccess('/system/users', DISPATCHER)).toBe(false);
  });

  it('R-6.1.1 menus follow permissions: an audit admin sees 审计日志 but not 用户管理', () => {
    const menu = labels(menuFor(AUDIT_ADMIN));
    expect(menu).toContain('审计日志');
    expect(menu).not.toContain('用户管理');
    expect(menu).not.toContain('安全策略');
    expect(canAccess('/security/audit', AUDIT_ADMIN)).toBe(true);
    expect(canAccess('/system/users', AUDIT_ADMIN)).toBe(false);
    expect(canDo('audit.export', AUDIT_ADMIN)).toBe(true);
  });

  it('R-6.1.1 a system admin manages users, roles and organisations but not the audit log (三员分立)', () => {
    const menu = labels(menuFor(SYSTEM_ADMIN));
    expect(menu).toEqual(expect.arrayContaining(['系统管理', '用户管理', '角色管理', '机构管理']));
    expect(menu).not.toContain('审计日志');
    expect(menu).not.toContain('安全策略');
    expect(canDo('user.write', SYSTEM_ADMIN)).toBe(true);
  });

  it('R-8.1 a security admin sees 安全策略 and may unlock users without managing them', () => {
    const menu = labels(menuFor(SECURITY_ADMIN));
    expect(menu).toContain('安全策略');
    expect(menu).toContain('用户管理');
    expect(menu).not.toContain('审计日志');
    expect(canDo('user.unlock', SECURITY_ADMIN)).toBe(true);
    expect(canDo('user.write', SECURITY_ADMIN)).toBe(false);
  });

  it('R-8.1 分配角色 is open to the system admin and the security admin (security:grant), not the audit admin', () => {
    expect(canDo('user.assignRoles', SYSTEM_ADMIN)).toBe(true);
    expect(canDo('user.assignRoles', SECURITY_ADMIN)).toBe(true);
    expect(canDo('user.assignRoles', AUDIT_ADMIN)).toBe(false);
    expect(canDo('user.assignRoles', DISPATCHER)).toBe(false);
  });

  it('R-8.1 roles are grantable as the bff grants them: only what you hold, plus security/audit for security:grant', () => {
    // the security admin appoints audit admins but cannot hand out the system group or operator roles
    expect(canGrantRole([...DutyGroups.audit], SECURITY_ADMIN)).toBe(true);
    expect(canGrantRole([...DutyGroups.security], SECURITY_ADMIN)).toBe(true);
    expect(canGrantRole([...DutyGroups.system], SECURITY_ADMIN)).toBe(false);
    expect(canGrantRole(DISPATCHER, SECURITY_ADMIN)).toBe(false);
    // the system admin grants the system group only
    expect(canGrantRole([...DutyGroups.system], SYSTEM_ADMIN)).toBe(true);
    expect(canGrantRole([...DutyGroups.audit], SYSTEM_ADMIN)).toBe(false);
    expect(canGrantRole([], SYSTEM_ADMIN)).toBe(true);
  });

  it('R-6.1.1 groups without a visible entry are dropped, and every entry path is guarded', () => {
    expect(menuFor([]).map((n) => n.key)).toEqual(['/dashboard']);
    for (const group of MENU.filter((n) => n.children)) {
      for (const leaf of group.children!) {
        expect(routeOf(leaf.key)).toBe(leaf);
        expect(canAccess(leaf.key, [])).toBe(false);
        expect(canAccess(leaf.key + '/123', [])).toBe(false);
      }
    }
    // pages outside the menu only need a signed-in user
    expect(canAccess('/password', [])).toBe(true);
    expect(canAccess('/dashboard', [])).toBe(true);
  });

  it('R-6.1.4 运营 menus follow permissions: dispatchers plan trips and read orders and fares, without changing prices', () => {
    const menu = labels(menuFor(DISPATCHER));
    expect(menu).toEqual(expect.arrayContaining(['运营管理', '班次管理', '订单管理', '票价与规则', '信息发布']));
    expect(canAccess('/trips/12', DISPATCHER)).toBe(true);
    expect(canDo('trip.write', DISPATCHER)).toBe(true);
    expect(canDo('fare.write', DISPATCHER)).toBe(false);
    expect(canDo('order.write', DISPATCHER)).toBe(false);
    expect(canDo('notice.write', DISPATCHER)).toBe(false);
  });

  it('R-6.1.4 customer service and finance see 订单管理 only; only fare:write changes prices and rules', () => {
    for (const perms of [CUSTOMER_SERVICE, FINANCE]) {
      const menu = labels(menuFor(perms));
      expect(menu).toContain('订单管理');
      expect(menu).not.toContain('班次管理');
      expect(menu).not.toContain('票价与规则');
      expect(menu).not.toContain('信息发布');
      expect(canAccess('/trips', perms)).toBe(false);
      expect(canAccess('/fares', perms)).toBe(false);
    }
    expect(canDo('order.write', CUSTOMER_SERVICE)).toBe(true);
    expect(canDo('order.write', FINANCE)).toBe(false);
    expect(canDo('fare.write', OPERATOR_ADMIN)).toBe(true);
    expect(canDo('notice.write', OPERATOR_ADMIN)).toBe(true);
    // the audit administrator sees none of the operations pages
    expect(labels(menuFor(AUDIT_ADMIN))).not.toContain('运营管理');
  });
});
