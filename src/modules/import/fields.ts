/**
 * One cell of one row, field by field. Each validator reports its own problems and returns
 * `undefined` for a value it has reported, so the row can tell "empty" (null) from "wrong".
 */
import type { FindingSource } from '../../shared/enums.js';
import {
  AMOUNT_UNIT_TERMS,
  DEFAULT_SEVERITY,
  defaultSensitivity,
  SENSITIVITY_TERMS,
  SEVERITY_TERMS,
  type AmountUnit,
  type LedgerField,
} from './ledger.columns.js';
import type { MappedColumn } from './headers.js';
import { parseDecimalText, toYuan } from './money.js';
import type { LedgerProblem, LedgerProblemCode } from './result.js';
import { cellText, type RawRow } from './table.js';

/** Identifiers: full-width letters and digits typed in a Chinese IME are folded, so A-001 matches Ａ－００１. */
const IDENTIFIER_FIELDS: ReadonlySet<LedgerField> = new Set(['sourceRef', 'unitCode', 'projectCode']);

/** The cells of one row by field, and the problems reported about them. */
export class RowReader {
  readonly rowWord: '行' | '条';
  /** How every message starts: 第5行 / 第5条. */
  readonly at: string;
  /** `order` is the column's position in the file: problems are listed as the official reads the row. */
  private readonly reported: (LedgerProblem & { order: number })[] = [];
  private readonly raw: RawRow;
  private readonly mapped: ReadonlyMap<LedgerField, MappedColumn>;

  constructor(raw: RawRow, mapped: ReadonlyMap<LedgerField, MappedColumn>, rowWord: '行' | '条') {
    this.raw = raw;
    this.mapped = mapped;
    this.rowWord = rowWord;
    this.at = `第${raw.rowNumber}${rowWord}`;
  }

  get rowNumber(): number {
    return this.raw.rowNumber;
  }

  get hasProblems(): boolean {
    return this.reported.length > 0;
  }

  /** In column order; problems in one column stay in the order they were found. */
  problems(): LedgerProblem[] {
    return [...this.reported].sort((a, b) => a.order - b.order).map(({ order: _order, ...p }) => p);
  }

  column(field: LedgerField): MappedColumn | undefined {
    return this.mapped.get(field);
  }

  cell(m: MappedColumn): unknown {
    return this.raw.cells[m.index];
  }

  report(m: MappedColumn, code: LedgerProblemCode, message: string): void {
    this.reported.push({ rowNumber: this.raw.rowNumber, column: m.header, code, message, order: m.index });
  }

  /** A cell as text: null when empty or unmapped; undefined after reporting a non-text value. */
  text(field: LedgerField): string | null | undefined {
    const m = this.mapped.get(field);
    if (!m) return null;
    const t = cellText(this.cell(m));
    if (!t.ok) {
      this.report(m, 'BAD_VALUE', `${this.at}“${m.header}”无法读取：${t.reason}`);
      return undefined;
    }
    if (t.text === null) return null;
    const value = IDENTIFIER_FIELDS.has(field) ? t.text.normalize('NFKC').trim() : t.text;
    const max = m.column.maxLength;
    if (max !== undefined && charLength(value) > max) {
      this.report(m, 'TOO_LONG', `${this.at}“${m.header}”超过${max}字（实际${charLength(value)}字）`);
      return undefined;
    }
    return value;
  }

  required(field: LedgerField): string | null | undefined {
    const v = this.text(field);
    const m = this.mapped.get(field);
    if (v === null && m) this.report(m, 'MISSING_FIELD', `${this.at}“${m.header}”未填写`);
    return v;
  }
}

export function fiscalYear(r: RowReader): number | undefined {
  const m = r.column('fiscalYear');
  const t = r.required('fiscalYear');
  if (!m || typeof t !== 'string') return undefined;
  const match = /^(\d{4})(?:年度?)?$/.exec(t.normalize('NFKC').trim());
  const y = match ? Number(match[1]) : NaN;
  if (y >= 1990 && y <= 2100) return y;
  r.report(m, 'BAD_YEAR', `${r.at}“${m.header}”不是1990–2100之间的年份：${shown(t)}`);
  return undefined;
}

const SEVERITY_LOOKUP = termLookup(SEVERITY_TERMS);
const SENSITIVITY_LOOKUP = termLookup(SENSITIVITY_TERMS);
const AMOUNT_UNIT_LOOKUP = termLookup(AMOUNT_UNIT_TERMS);

export const severity = (r: RowReader) =>
  term(r, 'severity', SEVERITY_LOOKUP, SEVERITY_TERMS, DEFAULT_SEVERITY);

export const sensitivity = (r: RowReader, source: FindingSource) =>
  term(r, 'sensitivity', SENSITIVITY_LOOKUP, SENSITIVITY_TERMS, defaultSensitivity(source));

/** Chinese terms and the English enum names (JSON written by systems) → value. */
function termLookup<V extends string>(terms: Readonly<Record<V, readonly string[]>>): Map<string, V> {
  const m = new Map<string, V>();
  for (const [value, words] of Object.entries(terms) as [V, readonly string[]][]) {
    m.set(value.toLowerCase(), value);
    for (const w of words) m.set(w, value);
  }
  return m;
}

const termsText = (terms: Readonly<Record<string, readonly string[]>>): string =>
  Object.values(terms)
    .map((ws) => ws[0])
    .join('、');

/** An empty cell takes the fallback: most ledgers leave severity and sensitivity to the default. */
function term<V extends string>(
  r: RowReader,
  field: LedgerField,
  lookup: Map<string, V>,
  terms: Readonly<Record<V, readonly string[]>>,
  fallback: V,
): V | undefined {
  const t = r.text(field);
  if (t === undefined) return undefined;
  if (t === null) return fallback;
  const v = lookup.get(t.normalize('NFKC').trim()) ?? lookup.get(t.normalize('NFKC').trim().toLowerCase());
  if (v !== undefined) return v;
  const m = r.column(field)!;
  r.report(m, 'BAD_ENUM', `${r.at}“${m.header}”无法识别：${shown(t)}（可填：${termsText(terms)}）`);
  return undefined;
}

/** 涉及金额 as exact yuan, in the unit its header or the 金额单位 column names. */
export function amountInvolved(r: RowReader): string | null | undefined {
  const m = r.column('amountInvolved');
  const t = r.text('amountInvolved');
  if (t === undefined) return undefined;
  if (!m || t === null) return null;
  const unit = amountUnit(r, m);
  // undefined without a problem here: no unit anywhere, which the header report already names
  if (unit === undefined) return undefined;
  const y = toYuan(t, unit);
  if (y.ok) return y.yuan;
  const value = shown(t);
  const message = {
    FORMAT: `${r.at}“${m.header}”不是有效金额：${value}`,
    NEGATIVE: `${r.at}“${m.header}”不能为负数：${value}`,
    PRECISION:
      unit === 'WAN_YUAN'
        ? `${r.at}“${m.header}”精确到分即可，以万元为单位最多6位小数：${value}`
        : `${r.at}“${m.header}”精确到分即可，以元为单位最多2位小数：${value}`,
    TOO_LARGE: `${r.at}“${m.header}”金额过大：${value}`,
  }[y.reason];
  r.report(m, 'BAD_AMOUNT', message);
  return undefined;
}

/**
 * The 金额单位 cell, read only for a row with an amount. It may repeat the header's unit but not
 * contradict it: a contradiction means one of the two is wrong, and guessing would be off by 10,000.
 */
function amountUnit(r: RowReader, amount: MappedColumn): AmountUnit | undefined {
  const fromHeader = amount.amountUnit;
  const m = r.column('amountUnit');
  if (!m) return fromHeader ?? undefined;
  const t = r.text('amountUnit');
  if (t === undefined) return undefined;
  if (t === null) {
    if (fromHeader !== null) return fromHeader;
    r.report(m, 'MISSING_FIELD', `${r.at}“${m.header}”未填写（“${amount.header}”有金额时必填）`);
    return undefined;
  }
  const stated = AMOUNT_UNIT_LOOKUP.get(t.normalize('NFKC').trim());
  if (stated === undefined) {
    r.report(m, 'BAD_ENUM', `${r.at}“${m.header}”无法识别：${shown(t)}（可填：万元、元）`);
    return undefined;
  }
  if (fromHeader !== null && stated !== fromHeader) {
    r.report(m, 'BAD_ENUM', `${r.at}“${m.header}”为“${t}”，与表头“${amount.header}”的单位不一致`);
    return undefined;
  }
  return stated;
}

/** 扣分: a decimal 0–100 with at most two decimals, as "2.50" (the column is decimal(5,2)). */
export function scoreDeducted(r: RowReader): string | null | undefined {
  const m = r.column('scoreDeducted');
  const t = r.text('scoreDeducted');
  if (!m || t === null || t === undefined) return t === undefined ? undefined : null;
  const d = parseDecimalText(t.replace(/分$/u, ''));
  const frac = d.ok ? d.frac.replace(/0+$/, '') : '';
  const int = d.ok ? BigInt(d.int) : 0n;
  if (!d.ok || frac.length > 2 || int > 100n || (int === 100n && frac !== '')) {
    r.report(m, 'BAD_NUMBER', `${r.at}“${m.header}”应为0–100之间、最多2位小数的分值：${shown(t)}`);
    return undefined;
  }
  return `${int}.${frac.padEnd(2, '0')}`;
}

/** 问责人数: a non-negative integer; “3人” is how it is often written. */
export function personsHeldAccountable(r: RowReader): number | null | undefined {
  const m = r.column('personsHeldAccountable');
  const t = r.text('personsHeldAccountable');
  if (!m || t === null || t === undefined) return t === undefined ? undefined : null;
  const s = t
    .normalize('NFKC')
    .trim()
    .replace(/人次?$/u, '');
  if (!/^\d{1,5}$/.test(s) || Number(s) > 32767) {
    r.report(m, 'BAD_NUMBER', `${r.at}“${m.header}”应为非负整数：${shown(t)}`);
    return undefined;
  }
  return Number(s);
}

/** Shows a bad value in a message without letting a pasted essay flood the report. */
export function shown(text: string): string {
  const chars = Array.from(text);
  return chars.length > 50 ? chars.slice(0, 50).join('') + '…' : text;
}

/** Limits are in characters as officials count them, not UTF-16 units. */
export const charLength = (s: string): number => Array.from(s).length;
