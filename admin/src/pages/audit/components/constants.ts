import type { AuditCategory, AuditResult } from '@dzky/contracts';

export const CATEGORIES: AuditCategory[] = ['auth', 'admin_write', 'access_denied', 'security'];
export const RESULTS: AuditResult[] = ['success', 'failure', 'denied'];
export const RESULT_COLOR: Record<AuditResult, string> = { success: 'green', failure: 'red', denied: 'orange' };
export const CATEGORY_COLOR: Record<AuditCategory, string> = { auth: 'blue', admin_write: 'geekblue', access_denied: 'volcano', security: 'purple' };
