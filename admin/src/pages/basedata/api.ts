/**
 * Calls shared by the three base-data pages: stops, lines and routes have the same shape of API
 * (list, get, create, update, disable/enable, history, spreadsheet export/template/import).
 */
import type { BasedataHistoryEntry, OrgNode, Page } from '@dzky/contracts';
import { spreadsheetApi, type SpreadsheetCalls } from '../../components/data-table';
import { http, type Query } from '../../request';

export interface BasedataApi<View, Create, Update, Q> extends SpreadsheetCalls {
  list(q: Q): Promise<Page<View>>;
  get(id: number): Promise<View>;
  create(req: Create): Promise<View>;
  update(id: number, req: Update): Promise<View>;
  disable(id: number): Promise<View>;
  enable(id: number): Promise<View>;
  history(id: number): Promise<BasedataHistoryEntry[]>;
}

export function basedataApi<View, Create, Update, Q extends object>(
  base: string,
): BasedataApi<View, Create, Update, Q> {
  return {
    list: (q) => http.get<Page<View>>(base, q as Query),
    get: (id) => http.get<View>(`${base}/${id}`),
    // forms put the field errors on their fields themselves
    create: (req) => http.post<View>(base, req, { silent: true }),
    update: (id, req) => http.put<View>(`${base}/${id}`, req, { silent: true }),
    disable: (id) => http.post<View>(`${base}/${id}/disable`),
    enable: (id) => http.post<View>(`${base}/${id}/enable`),
    history: (id) => http.get<BasedataHistoryEntry[]>(`${base}/${id}/history`),
    ...spreadsheetApi(base),
  };
}

/**
 * The organisations the caller may file records under. Only users who may read the org tree get
 * it; for everybody else records belong to their own organisation, and the selector is hidden.
 */
export async function listOwnerOrgs(): Promise<OrgNode[]> {
  try {
    return await http.get<OrgNode[]>('/api/admin/orgs', undefined, {
      silent: true,
    });
  } catch {
    return [];
  }
}
