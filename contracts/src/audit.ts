import type { PageQuery } from './envelope';

export type AuditResult = 'success' | 'failure' | 'denied';

/** What kinds of things the trail records; free-form `action` strings stay within these prefixes. */
export type AuditCategory = 'auth' | 'admin_write' | 'access_denied' | 'security';

export interface AuditRecordView {
  id: number;
  at: string;
  category: AuditCategory;
  action: string;
  actorId: number | null;
  actorName: string | null;
  orgId: number | null;
  targetType: string | null;
  targetId: string | null;
  result: AuditResult;
  sourceIp: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditQuery extends PageQuery {
  from?: string;
  to?: string;
  category?: AuditCategory;
  action?: string;
  actorName?: string;
  result?: AuditResult;
}

/** Minimum retention of the audit trail and system logs. */
export const AUDIT_RETENTION_DAYS = 180;
