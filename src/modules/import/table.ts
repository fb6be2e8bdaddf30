/**
 * The table every reader produces, whatever the file format, and how a raw cell becomes text. Keeping
 * the readers to this one shape is what lets header matching and validation ignore the format.
 */
import { numberToDecimalString } from './money.js';
import type { LedgerProblem } from './result.js';

/** An Excel error value (#N/A, #REF!) or a formula saved without its result. */
export interface CellError {
  cellError: string;
}

export interface RawRow {
  rowNumber: number;
  /** Aligned with RawTable.headers. Strings, numbers, booleans, Dates, CellErrors, or JSON values. */
  cells: unknown[];
}

export interface RawTable {
  /** As written (trimmed); '' for a blank header cell. */
  headers: string[];
  rows: RawRow[];
  /** How messages name a row: spreadsheets have lines (行), JSON has records (条). */
  rowWord: '行' | '条';
  /** Problems found while reading (BAD_ROW). */
  readProblems: LedgerProblem[];
}

export function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A raw cell as trimmed text; null when empty. Numbers go through numberToDecimalString. */
export function cellText(v: unknown): { ok: true; text: string | null } | { ok: false; reason: string } {
  if (v === null || v === undefined) return { ok: true, text: null };
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') {
    const d = numberToDecimalString(v);
    if (d === null) return { ok: false, reason: `不是有限数值（${String(v)}）` };
    s = d;
  } else if (typeof v === 'bigint') s = v.toString();
  else if (typeof v === 'boolean') s = v ? '是' : '否';
  else if (v instanceof Date) {
    // exceljs gives dates as UTC midnights
    if (Number.isNaN(v.getTime())) return { ok: false, reason: '日期无效' };
    s = v.toISOString().slice(0, 10);
  } else if (typeof v === 'object' && 'cellError' in v) {
    return { ok: false, reason: `单元格为错误值 ${String((v as CellError).cellError)}` };
  } else return { ok: false, reason: '不是文本或数值' };
  const text = s.replace(/\r\n?/g, '\n').trim();
  return { ok: true, text: text === '' ? null : text };
}
