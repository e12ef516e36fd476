import type { AuditQuery, AuditRecordView, Page } from '@dzky/contracts';
import { download, http, type DownloadProgress, type Query } from '../../request';

const BASE = '/api/admin/audit';

function toQuery(q: AuditQuery): Query {
  return { page: q.page, pageSize: q.pageSize, from: q.from, to: q.to, category: q.category, action: q.action, actorName: q.actorName, result: q.result };
}

export function listAudit(q: AuditQuery) {
  return http.get<Page<AuditRecordView>>(BASE, toQuery(q));
}

/** The CSV is streamed by the bff; it needs the bearer token, so it is fetched and saved as a blob. */
export function exportAudit(q: Omit<AuditQuery, 'page' | 'pageSize'>, onProgress: (p: DownloadProgress) => void) {
  return download(`${BASE}/export`, { query: toQuery(q), onProgress, fallbackName: 'audit.csv' });
}
