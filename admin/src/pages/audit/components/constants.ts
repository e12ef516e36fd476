import type { AuditCategory, AuditResult } from '@dzky/contracts';

export const CATEGORIES: AuditCategory[] = ['auth', 'admin_write', 'access_denied', 'security'];
export const RESULTS: AuditResult[] = ['success', 'failure', 'denied'];
export const RESULT_COLOR: Record<AuditResult, string> = { success: 'green', failure: 'red', denied: 'orange' };
export const CATEGORY_COLOR: Record<AuditCategory, string> = { auth: 'blue', admin_write: 'geekblue', access_denied: 'volcano', security: 'purple' };

type T = (key: string, opts?: Record<string, unknown>) => unknown;

/** The label of a bff action name ('user.assign_roles' → 分配角色), or null for ones without a label. */
export function actionLabel(t: T, action: string): string | null {
  const labels = t('audit.actions', { returnObjects: true }) as Record<string, string>;
  return labels[action.replace(/\./g, '_')] ?? null;
}

/** 'admin_user', 9 → 用户 #9 */
export function targetText(t: T, type: string | null, id: string | number | null): string {
  if (!type) return '-';
  const types = t('audit.targetTypes', { returnObjects: true }) as Record<string, string>;
  return `${types[type] ?? type}${id !== null && id !== '' ? ` #${id}` : ''}`;
}

/** IPv4 clients of a dual-stack server arrive as "::ffff:1.2.3.4"; the list shows the address people know. */
export function displayIp(ip: string): string {
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}
