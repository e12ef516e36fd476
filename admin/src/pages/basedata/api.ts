/**
 * Calls shared by the three base-data pages: stops, lines and routes have the same shape of API
 * (list, get, create, update, disable/enable, history, spreadsheet export/template/import).
 */
import type { BasedataHistoryEntry, ImportResult, OrgNode, Page } from '@dzky/contracts';
import { download, http, upload, type Query } from '../../request';

export interface BasedataApi<View, Create, Update, Q> {
  list(q: Q): Promise<Page<View>>;
  get(id: number): Promise<View>;
  create(req: Create): Promise<View>;
  update(id: number, req: Update): Promise<View>;
  disable(id: number): Promise<View>;
  enable(id: number): Promise<View>;
  history(id: number): Promise<BasedataHistoryEntry[]>;
  exportFile(q: Q, fallbackName: string): Promise<unknown>;
  template(fallbackName: string): Promise<unknown>;
  importFile(file: File, onProgress?: (percent: number) => void): Promise<ImportResult>;
}

/** A page of history or a plain list: accept either, the drawer shows a list. */
function itemsOf<T>(v: T[] | Page<T> | null): T[] {
  if (!v) return [];
  return Array.isArray(v) ? v : v.items;
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
    history: async (id) =>
      itemsOf(
        await http.get<BasedataHistoryEntry[] | Page<BasedataHistoryEntry>>(`${base}/${id}/history`, {
          page: 1,
          pageSize: 100,
        }),
      ),
    exportFile: (q, fallbackName) =>
      download(`${base}/export`, {
        query: { ...(q as Query), page: undefined, pageSize: undefined },
        fallbackName,
      }),
    template: (fallbackName) => download(`${base}/import-template`, { fallbackName }),
    importFile: (file, onProgress) => {
      const form = new FormData();
      form.append('file', file, file.name);
      // a rejected import is shown row by row in the dialog, not as a toast
      return upload<ImportResult>(`${base}/import`, form, {
        onProgress,
        silent: true,
      });
    },
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
