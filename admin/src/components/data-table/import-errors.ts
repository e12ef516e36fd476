import type { FieldError } from '@dzky/contracts';

export interface ImportProblem {
  key: number;
  /** spreadsheet row as Excel numbers it; null when the problem is not tied to a row */
  row: number | null;
  /** header text or field name; '' when the whole row is meant */
  column: string;
  reason: string;
}

/**
 * A row-bound field name as the bff words it when it sends no `{ row, column }`: "第3行·编码",
 * "第 3 行 · 编码", "row 5", "rows[12].approvedSeats", "3.plateNo".
 */
const ROW_FIELD = /^(?:第\s*(\d+)\s*行|rows?\s*\[?\s*(\d+)\s*\]?|(\d+)(?=[.:\]]))[\s·.:：,，\]]*(.*)$/i;

/**
 * The rows of a rejected import (IMPORT.INVALID_ROWS) for the error table, sorted by row. The
 * structured `{ row, column }` (ImportRowError) wins; otherwise the row is read from the field
 * text, so no problem is ever hidden.
 */
export function importProblems(
  errors: readonly (FieldError & { row?: unknown; column?: unknown })[],
): ImportProblem[] {
  return errors
    .map((e, key): ImportProblem => {
      if (typeof e.row === 'number')
        return { key, row: e.row, column: typeof e.column === 'string' ? e.column : e.field, reason: e.reason };
      const m = ROW_FIELD.exec(e.field);
      if (m) return { key, row: Number(m[1] ?? m[2] ?? m[3]), column: m[4], reason: e.reason };
      return { key, row: null, column: e.field, reason: e.reason };
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.key - b.key);
}

/** How many distinct spreadsheet rows are bad. */
export function badRowCount(problems: readonly ImportProblem[]): number {
  return new Set(problems.filter((p) => p.row !== null).map((p) => p.row)).size;
}
