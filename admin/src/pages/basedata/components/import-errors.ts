import type { FieldError } from '@dzky/contracts';

export interface ImportProblem {
  key: number;
  /** spreadsheet row as Excel numbers it; null when the problem is not tied to a row */
  row: number | null;
  column: string;
  reason: string;
}

/**
 * The rows of a rejected import (IMPORT.INVALID_ROWS) for the error table. The bff sends
 * `{ row, column, reason }` (ImportRowError); older answers only carry the text field
 * "第3行·编码", which is read as well, so no problem is ever hidden.
 */
export function importProblems(
  errors: readonly (FieldError & { row?: unknown; column?: unknown })[],
): ImportProblem[] {
  return errors
    .map((e, i) => {
      if (typeof e.row === 'number')
        return {
          key: i,
          row: e.row,
          column: typeof e.column === 'string' ? e.column : e.field,
          reason: e.reason,
        };
      const m =
        /^第\s*(\d+)\s*行\s*[·.:：,，\s]?\s*(.*)$/.exec(e.field) ??
        /^rows?\s*(\d+)\s*[·.:,\s]?\s*(.*)$/i.exec(e.field);
      if (m) return { key: i, row: Number(m[1]), column: m[2], reason: e.reason };
      return { key: i, row: null, column: e.field, reason: e.reason };
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.key - b.key);
}

/** How many distinct spreadsheet rows are bad. */
export function badRowCount(problems: readonly ImportProblem[]): number {
  return new Set(problems.filter((p) => p.row !== null).map((p) => p.row)).size;
}
