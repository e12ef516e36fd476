import * as ExcelJS from 'exceljs';
import type { Context } from '@midwayjs/koa';
import type { ImportRowError } from '@dzky/contracts';
import { readFile } from 'node:fs/promises';
import { DomainError, ValidationError } from '../error/domain.error';

/**
 * Spreadsheet import/export shared by every module (exceljs; npm's `xlsx` is stuck on a version
 * with known vulnerabilities — design.md §5).
 *
 * A sheet is described once as columns; the same description builds the export, the template and
 * parses an upload. Imports read columns by header text (zh-CN or English, with or without the
 * required marker), so users may reorder or drop optional columns.
 */

/** A cell value after normalisation: rich text, formulas and hyperlinks are reduced to their value. */
export type CellInput = string | number | boolean | Date;

export interface ExcelColumn<T = unknown> {
  /** property name in the parsed row and in the export rows */
  key: string;
  /** header in Chinese, the text of exported sheets */
  header: string;
  /** English header, also accepted on import */
  headerEn?: string;
  /** column width in characters (default 16) */
  width?: number;
  /** an empty cell is an error ('必填') */
  required?: boolean;
  /** no two rows may have the same value (compared after parse, as text) */
  unique?: boolean;
  /** shown as a comment on the header cell and in the instructions sheet */
  note?: string;
  /** example value for the instructions sheet */
  example?: CellInput;
  /**
   * Turns a non-empty cell into the value; throw (an Error or a string) with the reason when the
   * cell is unacceptable. Default: the trimmed text (numbers stay numbers).
   */
  parse?: (cell: CellInput) => T;
  /** Turns a row's value into what the export writes; default: the value itself. */
  format?: (value: any, row: Record<string, any>) => CellInput | null | undefined;
}

export interface ParsedRow<R> {
  /** spreadsheet row number as Excel shows it */
  row: number;
  values: R;
}

export interface ParseResult<R> {
  rows: ParsedRow<R>[];
  errors: ImportRowError[];
  /**
   * Rows with at least one bad cell (bad cells are undefined), so a caller can still check their
   * good cells against the database and report every problem in one answer.
   */
  invalidRows: ParsedRow<Partial<R>>[];
}

const REQUIRED_MARK = '*';
const MAX_ROWS = 5000;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };

/** Builds an xlsx: one data sheet (styled, frozen header, notes as comments) and an instructions sheet. */
export async function buildWorkbook(
  columns: ExcelColumn[],
  rows: Record<string, any>[],
  /** `rules`: the import rules of the instructions sheet, when they differ from base data's */
  opts: { sheetName?: string; instructions?: boolean; rules?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DZKY';
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName ?? '数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ key: c.key, header: c.required ? `${c.header}${REQUIRED_MARK}` : c.header, width: c.width ?? 16 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    const note = [c.headerEn ? `English: ${c.headerEn}` : null, c.required ? '必填' : '选填', c.note, c.example !== undefined ? `示例：${fmtExample(c.example)}` : null]
      .filter(Boolean)
      .join('\n');
    cell.note = note;
  });
  for (const r of rows) {
    ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.format ? c.format(r[c.key], r) : r[c.key]])));
  }
  if (opts.instructions !== false) {
    // on a separate sheet so a filled-in template never imports an example row by mistake
    const help = wb.addWorksheet('填写说明');
    help.columns = [
      { header: '列名', key: 'header', width: 20 },
      { header: 'Column', key: 'headerEn', width: 20 },
      { header: '是否必填', key: 'required', width: 10 },
      { header: '说明', key: 'note', width: 60 },
      { header: '示例', key: 'example', width: 30 },
    ];
    help.getRow(1).font = { bold: true };
    for (const c of columns) {
      help.addRow({ header: c.header, headerEn: c.headerEn ?? '', required: c.required ? '必填' : '选填', note: c.note ?? '', example: c.example === undefined ? '' : fmtExample(c.example) });
    }
    help.addRow({});
    help.addRow({ header: '导入规则', note: opts.rules ?? `只读取第一个工作表；按表头文字识别列（中文或英文均可）；任一行有误则整份文件不导入，并列出每个错误的行号、列和原因；编码已存在的记录会被更新。单次最多 ${MAX_ROWS} 行。` });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the first sheet of an xlsx. Every bad cell is reported (row, column header, reason); rows
 * with errors go to `invalidRows` instead of `rows`. Throws IMPORT.BAD_FILE when the bytes are not an xlsx or
 * the header lacks a required column.
 */
export async function parseWorkbook<R = Record<string, any>>(buffer: Buffer, columns: ExcelColumn[], opts: { maxRows?: number } = {}): Promise<ParseResult<R>> {
  // xlsx is a zip: anything else (csv, xls, a renamed picture) is refused before exceljs sees it
  if (!buffer || buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new DomainError('IMPORT.BAD_FILE', '文件不是 Excel (.xlsx) 格式，请使用下载的模板');
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as any);
  } catch {
    throw new DomainError('IMPORT.BAD_FILE', '无法读取 Excel 文件，请使用下载的模板');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('IMPORT.BAD_FILE', 'Excel 文件中没有工作表');

  const byHeader = new Map<string, ExcelColumn>();
  for (const c of columns) {
    for (const h of [c.header, c.headerEn, c.key]) if (h) byHeader.set(normHeader(h), c);
  }
  const positions = new Map<number, ExcelColumn>();
  ws.getRow(1).eachCell((cell, col) => {
    const c = byHeader.get(normHeader(cellText(cell.value)));
    if (c && ![...positions.values()].includes(c)) positions.set(col, c);
  });
  const present = new Set(positions.values());
  const missing = columns.filter((c) => c.required && !present.has(c));
  if (missing.length) {
    throw new DomainError('IMPORT.BAD_FILE', `表头缺少必填列：${missing.map((c) => c.header).join('、')}`, {
      errors: missing.map((c) => rowError(1, c.header, '缺少此列')),
    });
  }

  const rows: ParsedRow<R>[] = [];
  const invalidRows: ParsedRow<Partial<R>>[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, Map<string, number>>();
  const maxRows = opts.maxRows ?? MAX_ROWS;
  let count = 0;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const raw = new Map<ExcelColumn, CellInput | null>();
    for (const [col, c] of positions) raw.set(c, normCell(row.getCell(col).value));
    if ([...raw.values()].every((v) => v === null)) continue; // blank lines between data are harmless
    if (++count > maxRows) throw new DomainError('IMPORT.BAD_FILE', `单次最多导入 ${maxRows} 行，请拆分文件`);
    const values: Record<string, unknown> = {};
    let ok = true;
    for (const c of columns) {
      const cell = raw.has(c) ? raw.get(c)! : null;
      if (cell === null) {
        if (c.required) {
          errors.push(rowError(r, c.header, '必填'));
          ok = false;
        }
        values[c.key] = null;
        continue;
      }
      try {
        values[c.key] = c.parse ? c.parse(cell) : typeof cell === 'string' ? cell.trim() : cell;
      } catch (e) {
        errors.push(rowError(r, c.header, e instanceof Error ? e.message : String(e)));
        values[c.key] = undefined;
        ok = false;
        continue;
      }
      if (c.unique && values[c.key] !== null && values[c.key] !== undefined) {
        const key = String(values[c.key]);
        const firstSeen = seen.get(c.key) ?? new Map<string, number>();
        seen.set(c.key, firstSeen);
        if (firstSeen.has(key)) {
          errors.push(rowError(r, c.header, `与第 ${firstSeen.get(key)} 行重复：${key}`));
          ok = false;
        } else firstSeen.set(key, r);
      }
    }
    if (ok) rows.push({ row: r, values: values as R });
    else invalidRows.push({ row: r, values: values as Partial<R> });
  }
  return { rows, errors, invalidRows };
}

export function rowError(row: number, column: string, reason: string): ImportRowError {
  return { row, column, field: `第 ${row} 行 · ${column}`, reason };
}

/** Throws IMPORT.INVALID_ROWS listing every bad row, column and reason (in the envelope's `errors`). */
export function throwInvalidRows(errors: ImportRowError[]): never {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((e) => e.row)).size;
  throw new DomainError('IMPORT.INVALID_ROWS', `导入文件有 ${rows} 行错误（共 ${sorted.length} 处），未导入任何数据`, { errors: sorted, detail: { rows } });
}

/** Throws when there is any error; otherwise does nothing. */
export function assertNoRowErrors(errors: ImportRowError[]): void {
  if (errors.length) throwInvalidRows(errors);
}

/** Answers an xlsx download (passes the envelope untouched: it is a Buffer). */
export function sendXlsx(ctx: Context, buffer: Buffer, filename: string): Buffer {
  ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  // RFC 5987: Chinese file names survive every browser
  ctx.set('Content-Disposition', `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  ctx.body = buffer;
  return buffer;
}

// ───────────── common cell parsers (throw the reason) ─────────────

export const cellParsers = {
  text(max = 255) {
    return (cell: CellInput): string => {
      const s = (cell instanceof Date ? cell.toISOString() : String(cell)).trim();
      if (s.length > max) throw `不能超过 ${max} 个字符`;
      return s;
    };
  },
  number(opts: { min?: number; max?: number; integer?: boolean } = {}) {
    return (cell: CellInput): number => {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(cell.trim()) : NaN;
      if (!Number.isFinite(n)) throw '应为数字';
      if (opts.integer && !Number.isInteger(n)) throw '应为整数';
      if (opts.min !== undefined && n < opts.min) throw `不能小于 ${opts.min}`;
      if (opts.max !== undefined && n > opts.max) throw `不能大于 ${opts.max}`;
      return n;
    };
  },
  /** 是/否, true/false, 1/0, Y/N, 启用/停用 */
  boolean() {
    return (cell: CellInput): boolean => {
      if (typeof cell === 'boolean') return cell;
      const s = String(cell).trim().toLowerCase();
      if (['是', 'y', 'yes', 'true', '1', '启用', '√'].includes(s)) return true;
      if (['否', 'n', 'no', 'false', '0', '停用', '×'].includes(s)) return false;
      throw '应为 是 或 否';
    };
  },
  /** a calendar day: an Excel date cell or text YYYY-MM-DD → 'YYYY-MM-DD' */
  date() {
    return (cell: CellInput): string => {
      if (cell instanceof Date) {
        // exceljs gives dates at UTC midnight of the day typed in
        return cell.toISOString().slice(0, 10);
      }
      const s = String(cell).trim().replace(/[/.]/g, '-');
      const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
      if (!m) throw '应为日期，如 2026-01-31';
      const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      const d = new Date(`${iso}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw '日期不存在';
      return iso;
    };
  },
  /** one of the given values, matched by value or label (zh or en) */
  oneOf<V extends string>(labels: Record<V, { zh: string; en: string }>) {
    return (cell: CellInput): V => {
      const s = String(cell).trim().toLowerCase();
      for (const [v, l] of Object.entries(labels) as [V, { zh: string; en: string }][]) {
        if (s === v.toLowerCase() || s === l.zh.toLowerCase() || s === l.en.toLowerCase()) return v;
      }
      throw `应为 ${Object.values<{ zh: string }>(labels).map((l) => l.zh).join('、')} 之一`;
    };
  },
};

/** 是/否 for exports of booleans */
export function yesNo(v: unknown): string {
  return v ? '是' : '否';
}

function normHeader(h: string): string {
  return h.replace(/[*＊]/g, '').replace(/\s+/g, '').toLowerCase();
}

function cellText(v: ExcelJS.CellValue): string {
  const n = normCell(v);
  return n === null ? '' : n instanceof Date ? n.toISOString() : String(n);
}

function normCell(v: ExcelJS.CellValue): CellInput | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as any;
    if (Array.isArray(o.richText)) return normCell(o.richText.map((t: any) => t.text).join(''));
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return o.result === undefined ? null : normCell(o.result);
    if ('text' in o) return normCell(typeof o.text === 'string' ? o.text : cellText(o.text));
    if ('error' in o) return null;
  }
  return String(v);
}

function fmtExample(v: CellInput): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

/** An uploaded file as @midwayjs/busboy gives it in 'file' mode. */
export interface UploadedSheet {
  filename: string;
  mimeType: string;
  fieldName: string;
  /** temporary file path */
  data: string;
}

/** The bytes of the multipart `file` part of an import request. */
export async function uploadedSheet(files: UploadedSheet[] | undefined): Promise<Buffer> {
  const file = (files ?? []).find((f) => f.fieldName === 'file');
  if (!file) throw new ValidationError([{ field: 'file', reason: '请选择要导入的 Excel 文件（表单字段 file）' }]);
  return readFile(file.data);
}
