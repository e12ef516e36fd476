import { download, upload, type Query } from '../../request';

/** What an all-or-nothing import answers; archives create only, so `updated` may be absent. */
export interface ImportCounts {
  created: number;
  updated?: number;
}

/** The spreadsheet calls of a list API: `GET {base}/export`, `GET {base}/import-template`, `POST {base}/import`. */
export interface SpreadsheetCalls {
  /** the list's filters; paging is dropped, an export holds every matching row */
  exportFile(filters: object | undefined, fallbackName: string): Promise<unknown>;
  template(fallbackName: string): Promise<unknown>;
  importFile(file: File, onProgress?: (percent: number) => void): Promise<ImportCounts>;
}

export function spreadsheetApi(base: string): SpreadsheetCalls {
  return {
    exportFile: (filters, fallbackName) =>
      download(`${base}/export`, {
        query: { ...(filters as Query), page: undefined, pageSize: undefined },
        fallbackName,
      }),
    template: (fallbackName) => download(`${base}/import-template`, { fallbackName }),
    importFile: (file, onProgress) => {
      const form = new FormData();
      form.append('file', file, file.name);
      // a rejected import is shown row by row in the dialog, not as a toast
      return upload<ImportCounts>(`${base}/import`, form, { onProgress, silent: true });
    },
  };
}
