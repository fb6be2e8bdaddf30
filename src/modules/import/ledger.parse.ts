/**
 * Turns an agency's ledger (问题台账: .xlsx, .csv in UTF-8 or GBK, .json) into validated, normalised
 * finding rows and a problem report written for the officials who keep the ledger.
 *
 * Pure: no database, no clock, no network. Matching units and projects to the hub's records and the
 * upsert are the caller's job. Every row is validated and every problem reported, so an official can
 * fix the whole file in one pass instead of one error per upload.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { FindingSource, Sensitivity, Severity } from '../../shared/enums.js';
import type { PersonInvolved } from '../finding/finding.entity.js';
import {
  AMOUNT_UNIT_TERMS,
  acceptedHeaders,
  DEFAULT_SEVERITY,
  DEFAULT_TITLE_LENGTH,
  defaultSensitivity,
  headerIndex,
  ledgerColumnsFor,
  normaliseHeader,
  SENSITIVITY_TERMS,
  SEVERITY_TERMS,
  type AmountUnit,
  type HeaderMatch,
  type LedgerColumn,
  type LedgerField,
} from './ledger.columns.js';

// ---------------------------------------------------------------------------------------------
// Public types

export type LedgerProblemCode =
  /** The file type is not one we read (e.g. the old binary .xls). */
  | 'UNSUPPORTED_FORMAT'
  /** A corrupt .xlsx, malformed CSV quoting, invalid JSON or JSON that is not an array. */
  | 'UNREADABLE_FILE'
  /** No header, or a header and no data rows. */
  | 'EMPTY_FILE'
  /** Too many rows or bytes for one import; nothing else is checked. */
  | 'LIMIT'
  /** A required column is absent from the header (rowNumber null, column = our template's header). */
  | 'MISSING_COLUMN'
  /** Two columns of the file mean the same field (e.g. 问题编号 and 审计问题编号). */
  | 'DUPLICATE_COLUMN'
  /** A JSON array element that is not an object. */
  | 'BAD_ROW'
  /** A required cell is empty. */
  | 'MISSING_FIELD'
  /** A cell that is not text at all: an Excel error (#N/A), a formula without a result, a JSON object. */
  | 'BAD_VALUE'
  /** Not a non-negative decimal amount, more precise than a fen, or too large. */
  | 'BAD_AMOUNT'
  /** Not a year between 1990 and 2100. */
  | 'BAD_YEAR'
  /** 扣分 or 问责人数 is not a number in range. */
  | 'BAD_NUMBER'
  /** 严重程度, 密级 or 金额单位 text not recognised (or 金额单位 contradicting the header). */
  | 'BAD_ENUM'
  /** 涉及人员 not written as “姓名（职务）；…”. */
  | 'BAD_PERSONS'
  /** Text longer than its limit. */
  | 'TOO_LONG'
  /** The same 问题编号 twice in the file; reported at the second row, naming the first. */
  | 'DUPLICATE_REFERENCE';

export interface LedgerProblem {
  /** The row as the user sees it: spreadsheet/CSV row (header = 1), or 1-based JSON index; null = whole file. */
  rowNumber: number | null;
  /** The header as written in the file (our template's header when the column is missing); null = whole file. */
  column: string | null;
  code: LedgerProblemCode;
  /** Chinese, for officials, e.g. 第5行“涉及金额(万元)”不是有效金额：abc */
  message: string;
}

interface LedgerRowCommon {
  /** Where the row is in the file (see LedgerProblem.rowNumber). */
  rowNumber: number;
  sourceRef: string;
  title: string;
  description: string;
  category: string;
  unitCode: string | null;
  unitName: string | null;
  projectCode: string | null;
  projectName: string | null;
  fiscalYear: number;
  severity: Severity;
  /** Yuan, exact, two decimals: "123456.70". Never a float. */
  amountInvolved: string | null;
  sensitivity: Sensitivity;
  responsiblePerson: string | null;
  responsiblePhone: string | null;
}
export interface PerformanceLedgerRow extends LedgerRowCommon {
  source: FindingSource.PERFORMANCE;
  indicatorName: string | null;
  /** Two decimals, 0–100: "2.50". */
  scoreDeducted: string | null;
}
export interface AuditLedgerRow extends LedgerRowCommon {
  source: FindingSource.AUDIT;
  legalBasis: string | null;
  auditOpinion: string | null;
}
export interface ReformLedgerRow extends LedgerRowCommon {
  source: FindingSource.REFORM;
  inspectionItem: string | null;
  approvalRef: string | null;
}
export interface DisciplineLedgerRow extends LedgerRowCommon {
  source: FindingSource.DISCIPLINE;
  clueSource: string | null;
  personsInvolved: PersonInvolved[] | null;
  caseStage: string | null;
  personsHeldAccountable: number | null;
}
/**
 * One valid row. Empty optional cells are null (not absent), so an upsert can tell "the ledger says
 * nothing" from "the ledger was not asked".
 */
export type LedgerRow = PerformanceLedgerRow | AuditLedgerRow | ReformLedgerRow | DisciplineLedgerRow;

export type LedgerFormat = 'xlsx' | 'csv' | 'json' | 'rows';
export type LedgerEncoding = 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';

export interface LedgerParseResult {
  /**
   * The rows without problems. Empty whenever the file as a whole has a problem (missing or
   * duplicate column, limit, unreadable): then no row can be trusted.
   */
  rows: LedgerRow[];
  /** Header problems first, then by row, within a row in column order. */
  problems: LedgerProblem[];
  /** Non-empty data rows in the file (header, rows above it and empty rows not counted). */
  totalRows: number;
  /** Headers the file has that this source's ledger does not use, as written; not an error. */
  ignoredColumns: string[];
  format: LedgerFormat | null;
  /** The text encoding detected for .csv/.json; null for .xlsx and in-memory rows. */
  encoding: LedgerEncoding | null;
}

export interface LedgerParseOptions {
  /** At most this many data rows; more = one LIMIT problem. */
  maxRows?: number;
}

/** The GraphQL batch mutation's limit (parseLedgerRows). */
export const MAX_BATCH_ROWS = 1_000;
/** A district's whole year is a few thousand rows; a file past this is a mistake or a province. */
export const MAX_FILE_ROWS = 50_000;
/** Checked before parsing: an .xlsx is a zip and expands several times in memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Exact decimals. Money never passes through a float: text is parsed as digits, 万元 → 元 is a shift
// of the decimal point on the digit string, and BigInt only strips leading zeros.

export type DecimalParse = { ok: true; int: string; frac: string } | { ok: false; negative: boolean };

const DECIMAL_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * Parses a non-negative decimal as officials type it: full-width digits and separators (NFKC),
 * thousands separators in groups of three ("1,234.56"), surrounding spaces. Returns the digits.
 */
export function parseDecimalText(text: string): DecimalParse {
  const s = text.normalize('NFKC').trim();
  if (/^[-−]/u.test(s)) return { ok: false, negative: true };
  const m = DECIMAL_RE.exec(s);
  if (!m) return { ok: false, negative: false };
  if (m[3] !== undefined) return { ok: true, int: '0', frac: m[3] };
  return { ok: true, int: m[1]!.replace(/,/g, ''), frac: m[2] ?? '' };
}

export type YuanParse =
  { ok: true; yuan: string } | { ok: false; reason: 'FORMAT' | 'NEGATIVE' | 'PRECISION' | 'TOO_LARGE' };

/** Digits before the point the amount column (decimal(18,2)) can hold. */
const MAX_YUAN_INT_DIGITS = 16;

/**
 * An amount in `unit` as exact yuan with two decimals: toYuan("0.0001", 'WAN_YUAN') = "1.00".
 * More precise than a fen (元 with 3+ decimals, 万元 with 7+) is refused rather than rounded: money
 * that silently changes on import cannot be reconciled with the agency's report.
 */
export function toYuan(text: string, unit: AmountUnit): YuanParse {
  const d = parseDecimalText(text);
  if (!d.ok) return { ok: false, reason: d.negative ? 'NEGATIVE' : 'FORMAT' };
  const shift = unit === 'WAN_YUAN' ? 4 : 0;
  const frac = d.frac.padEnd(shift, '0');
  const intDigits = BigInt(d.int + frac.slice(0, shift)).toString();
  const rest = frac.slice(shift).replace(/0+$/, '');
  if (rest.length > 2) return { ok: false, reason: 'PRECISION' };
  if (intDigits.length > MAX_YUAN_INT_DIGITS) return { ok: false, reason: 'TOO_LARGE' };
  return { ok: true, yuan: `${intDigits}.${rest.padEnd(2, '0')}` };
}

/**
 * A number from a spreadsheet cell or JSON as a plain decimal string, without binary noise.
 *
 * Why not the number's digits as they are: a computed cell (=B2*1.1, =0.1+0.2) stores
 * 0.30000000000000004. Why not a fixed number of decimals (toFixed): it would silently round a
 * genuinely typed 1.1234567 万元 to a fen-exact value. A double holds 15 significant decimal digits
 * exactly, and Excel itself keeps 15, so: a number whose shortest round-trip string has at most 15
 * significant digits is exactly what was typed and is taken as is; one with more is arithmetic noise
 * and is cut back to 15 significant digits. Exponent forms (1e-7, 1.2e+21) are expanded.
 */
export function numberToDecimalString(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  let s = String(n);
  if (significantDigits(s) > 15) s = n.toPrecision(15);
  return stripFractionZeros(expandExponent(s));
}

function significantDigits(s: string): number {
  const mantissa = s.replace(/^-/, '').split('e')[0]!.replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?e([+-]?\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, int, frac = '', expText] = m;
  const digits = int! + frac;
  const point = int!.length + Number(expText);
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + plain;
}

function stripFractionZeros(s: string): string {
  const out = s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
  return out === '-0' ? '0' : out;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** Reads a ledger file; the format comes from the file name's extension. */
export async function parseLedger(input: {
  bytes: Buffer;
  fileName: string;
  source: FindingSource;
  options?: LedgerParseOptions;
}): Promise<LedgerParseResult> {
  const { bytes, fileName, source } = input;
  const maxRows = input.options?.maxRows ?? MAX_FILE_ROWS;
  const ext = /\.([^.\\/]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format: LedgerFormat | null =
    ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : null;
  if (format === null) {
    const hint = ext === 'xls' || ext === 'et' || ext === 'wps' ? '，请在Excel/WPS中另存为.xlsx' : '';
    return fileFailure(
      null,
      null,
      'UNSUPPORTED_FORMAT',
      `不支持的文件类型“${ext ? '.' + ext : fileName}”${hint}；可导入.xlsx、.csv（UTF-8或GBK编码）或.json`,
    );
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return fileFailure(
      format,
      null,
      'LIMIT',
      `文件过大（${(bytes.length / 1024 / 1024).toFixed(1)}MB），单个文件不超过${MAX_FILE_BYTES / 1024 / 1024}MB，请分批导入`,
    );
  }
  if (bytes.length === 0) return fileFailure(format, null, 'EMPTY_FILE', '文件为空');

  if (format === 'xlsx') {
    const table = await readXlsx(bytes, source);
    if ('failure' in table) return { ...table.failure, format };
    return validateTable(table, source, { format, encoding: null, maxRows });
  }
  const { text, encoding } = decodeText(bytes);
  if (format === 'csv') {
    const table = readCsv(text, source);
    if ('failure' in table) return { ...table.failure, format, encoding };
    return validateTable(table, source, { format, encoding, maxRows });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fileFailure(
      format,
      encoding,
      'UNREADABLE_FILE',
      `JSON格式错误，无法读取：${(e as Error).message}`,
    );
  }
  if (!Array.isArray(parsed)) {
    return fileFailure(
      format,
      encoding,
      'UNREADABLE_FILE',
      'JSON文件须为对象数组（[{...}, {...}]），每个对象为一条问题',
    );
  }
  return validateObjects(parsed, source, { format, encoding, maxRows });
}

/**
 * Validates rows already in memory (the GraphQL batch mutation), keyed by the ledger's Chinese
 * headers or the English field names. At most MAX_BATCH_ROWS rows.
 */
export function parseLedgerRows(
  rows: readonly Record<string, unknown>[],
  source: FindingSource,
  options?: LedgerParseOptions,
): LedgerParseResult {
  return validateObjects(rows, source, {
    format: 'rows',
    encoding: null,
    maxRows: options?.maxRows ?? MAX_BATCH_ROWS,
  });
}

// ---------------------------------------------------------------------------------------------
// Readers: every format becomes a table of headers and rows of raw cell values.

/** An Excel error value (#N/A, #REF!) or a formula saved without its result. */
interface CellError {
  cellError: string;
}

interface RawRow {
  rowNumber: number;
  /** Aligned with RawTable.headers. Strings, numbers, booleans, Dates, CellErrors, or JSON values. */
  cells: unknown[];
}

interface RawTable {
  /** As written (trimmed); '' for a blank header cell. */
  headers: string[];
  rows: RawRow[];
  /** How messages name a row: spreadsheets have lines (行), JSON has records (条). */
  rowWord: '行' | '条';
  /** Problems found while reading (BAD_ROW). */
  readProblems: LedgerProblem[];
}

type ReadFailure = { failure: LedgerParseResult };

function fileFailure(
  format: LedgerFormat | null,
  encoding: LedgerEncoding | null,
  code: LedgerProblemCode,
  message: string,
  totalRows = 0,
): LedgerParseResult {
  return {
    rows: [],
    problems: [{ rowNumber: null, column: null, code, message }],
    totalRows,
    ignoredColumns: [],
    format,
    encoding,
  };
}

/**
 * Valid UTF-8 (with or without BOM) is UTF-8; anything else is taken as GB18030, the superset of the
 * GBK that Excel and WPS write on Chinese Windows. A GBK file is practically never valid UTF-8:
 * its two-byte sequences start with 0x81–0xFE, which UTF-8 only allows in fixed patterns.
 */
function decodeText(bytes: Buffer): { text: string; encoding: LedgerEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(bytes, 'utf-16le'), encoding: 'UTF-16LE' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(bytes, 'utf-16be'), encoding: 'UTF-16BE' };
  }
  try {
    // fatal: throw on the first invalid sequence instead of inserting U+FFFD; strips a BOM
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'GB18030' };
  }
}

function isEmptyCell(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * The header is the first non-empty row, except that ledgers often start with a title row
 * (“鹤城区2024年度审计发现问题台账”) or a unit/date line: among the first few non-empty rows the
 * first one with at least two known headers wins.
 */
function findHeaderRow(rows: RawRow[], source: FindingSource): number {
  const index = headerIndex(source);
  const look = Math.min(rows.length, 10);
  for (let i = 0; i < look; i++) {
    const known = rows[i]!.cells.filter((c) => typeof c === 'string' && index.has(normaliseHeader(c))).length;
    if (known >= 2) return i;
  }
  return 0;
}

function tableFromGrid(grid: RawRow[], source: FindingSource): RawTable | ReadFailure {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => !isEmptyCell(c)));
  if (nonEmpty.length === 0) return { failure: fileFailure(null, null, 'EMPTY_FILE', '文件中没有任何内容') };
  const h = findHeaderRow(nonEmpty, source);
  const headerRow = nonEmpty[h]!;
  const headers = headerRow.cells.map((c) => (isEmptyCell(c) ? '' : cellToPlainText(c).trim()));
  const rows = nonEmpty.slice(h + 1);
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), headers.length);
  while (headers.length < width) headers.push('');
  return { headers, rows, rowWord: '行', readProblems: [] };
}

/** A header cell's text, whatever its type (headers are sometimes numbers, e.g. a year). */
function cellToPlainText(c: unknown): string {
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return numberToDecimalString(c) ?? '';
  return String(c);
}

async function readXlsx(bytes: Buffer, source: FindingSource): Promise<RawTable | ReadFailure> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own global `Buffer extends ArrayBuffer`, which a Node Buffer does not
    // satisfy in the type system; at run time it takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return {
      failure: fileFailure(
        'xlsx',
        null,
        'UNREADABLE_FILE',
        '无法读取Excel文件：文件已损坏或不是.xlsx格式（旧版.xls请另存为.xlsx）',
      ),
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { failure: fileFailure('xlsx', null, 'EMPTY_FILE', 'Excel文件中没有工作表') };
  const grid: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: unknown[] = [];
    let ownContent = false;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const value = xlsxCellValue(cell.value);
      cells[col - 1] = value;
      // A merged cell repeats its master's value in every row it spans (a unit merged down a block
      // of rows applies to each), but a row holding only such repeats is not content of its own.
      const isSlave = cell.isMerged && cell.master !== cell;
      if (!isSlave && !isEmptyCell(value)) ownContent = true;
    });
    if (ownContent) grid.push({ rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  const table = tableFromGrid(grid, source);
  if ('failure' in table) return { failure: { ...table.failure, format: 'xlsx' } };
  return table;
}

/** exceljs cell values → string | number | boolean | Date | CellError | null. */
function xlsxCellValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return (o.richText as { text?: unknown }[])
      .map((r) => (typeof r.text === 'string' ? r.text : ''))
      .join('');
  }
  if ('error' in o) return { cellError: String(o.error) } satisfies CellError;
  if ('formula' in o || 'sharedFormula' in o) {
    if (o.result === undefined || o.result === null) {
      return { cellError: '公式未保存计算结果（请在Excel中打开并保存后再导入）' } satisfies CellError;
    }
    return xlsxCellValue(o.result);
  }
  if ('hyperlink' in o || 'text' in o) return xlsxCellValue(o.text);
  return { cellError: '无法识别的单元格内容' } satisfies CellError;
}

function readCsv(text: string, source: FindingSource): RawTable | ReadFailure {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Excel's “Unicode text” export is tab-separated; everything else Chinese offices produce uses commas.
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      // kept so that record i is spreadsheet row i+1, as the official sees it when opening the file
      skip_empty_lines: false,
    });
  } catch (e) {
    return {
      failure: fileFailure('csv', null, 'UNREADABLE_FILE', `CSV格式错误，无法读取：${(e as Error).message}`),
    };
  }
  const grid = records.map((cells, i) => ({ rowNumber: i + 1, cells }));
  const table = tableFromGrid(grid, source);
  if ('failure' in table) return { failure: { ...table.failure, format: 'csv' } };
  return table;
}

function validateObjects(
  items: readonly unknown[],
  source: FindingSource,
  ctx: { format: LedgerFormat; encoding: LedgerEncoding | null; maxRows: number },
): LedgerParseResult {
  if (items.length > ctx.maxRows) {
    return fileFailure(
      ctx.format,
      ctx.encoding,
      'LIMIT',
      `一次最多导入${ctx.maxRows}条，本次有${items.length}条，请分批导入`,
      items.length,
    );
  }
  const headers: string[] = [];
  const position = new Map<string, number>();
  const rows: RawRow[] = [];
  const readProblems: LedgerProblem[] = [];
  items.forEach((item, i) => {
    const rowNumber = i + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      readProblems.push({
        rowNumber,
        column: null,
        code: 'BAD_ROW',
        message: `第${rowNumber}条不是对象（应为 {"问题编号": "...", ...}）`,
      });
      return;
    }
    const cells: unknown[] = [];
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const header = key.trim();
      let p = position.get(header);
      if (p === undefined) {
        p = headers.length;
        headers.push(header);
        position.set(header, p);
      }
      cells[p] = value;
    }
    const filled = Array.from(cells, (c) => c ?? null);
    if (filled.some((c) => !isEmptyCell(c))) rows.push({ rowNumber, cells: filled });
  });
  if (rows.length === 0 && readProblems.length === 0) {
    return fileFailure(ctx.format, ctx.encoding, 'EMPTY_FILE', '没有数据：没有任何一条问题记录');
  }
  if (rows.length === 0) {
    // nothing but malformed elements: a header report about absent columns would only add noise
    return {
      rows: [],
      problems: readProblems,
      totalRows: readProblems.length,
      ignoredColumns: [],
      format: ctx.format,
      encoding: ctx.encoding,
    };
  }
  return validateTable({ headers, rows, rowWord: '条', readProblems }, source, ctx, readProblems.length);
}

// ---------------------------------------------------------------------------------------------
// Validation

interface MappedColumn {
  column: LedgerColumn;
  /** Position in the file, for ordering problems as the official reads the row. */
  index: number;
  /** The header as written. */
  header: string;
  amountUnit: AmountUnit | null;
}

interface Collected {
  problems: (LedgerProblem & { order: number })[];
}

const SEVERITY_LOOKUP = termLookup(SEVERITY_TERMS);
const SENSITIVITY_LOOKUP = termLookup(SENSITIVITY_TERMS);
const AMOUNT_UNIT_LOOKUP = termLookup(AMOUNT_UNIT_TERMS);

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

/** Shows a bad value in a message without letting a pasted essay flood the report. */
function shown(text: string): string {
  const chars = Array.from(text);
  return chars.length > 50 ? chars.slice(0, 50).join('') + '…' : text;
}

const charLength = (s: string): number => Array.from(s).length;

function validateTable(
  table: RawTable,
  source: FindingSource,
  ctx: { format: LedgerFormat; encoding: LedgerEncoding | null; maxRows: number },
  extraRowCount = 0,
): LedgerParseResult {
  const totalRows = table.rows.length + extraRowCount;
  const base = { format: ctx.format, encoding: ctx.encoding };
  if (table.rows.length > ctx.maxRows) {
    return fileFailure(
      ctx.format,
      ctx.encoding,
      'LIMIT',
      `一次最多导入${ctx.maxRows}行，本文件有${table.rows.length}行数据，请拆分后分批导入`,
      totalRows,
    );
  }

  // --- header
  const headerProblems: LedgerProblem[] = [];
  const ignoredColumns: string[] = [];
  const mapped = new Map<LedgerField, MappedColumn>();
  const index = headerIndex(source);
  table.headers.forEach((header, i) => {
    if (header === '') {
      // a blank header over data would lose that data silently: say so in ignoredColumns
      if (table.rows.some((r) => !isEmptyCell(r.cells[i]))) ignoredColumns.push(`（第${i + 1}列，无表头）`);
      return;
    }
    const match: HeaderMatch | undefined = index.get(normaliseHeader(header));
    if (!match) {
      ignoredColumns.push(header);
      return;
    }
    const first = mapped.get(match.column.field);
    if (first) {
      headerProblems.push({
        rowNumber: null,
        column: header,
        code: 'DUPLICATE_COLUMN',
        message: `“${header}”列与“${first.header}”列重复（都表示“${match.column.label}”），请只保留一列`,
      });
      return;
    }
    mapped.set(match.column.field, { column: match.column, index: i, header, amountUnit: match.amountUnit });
  });

  const columns = ledgerColumnsFor(source);
  for (const c of columns) {
    if (c.required === 'ALWAYS' && !mapped.has(c.field)) {
      const others = acceptedHeaders(c, source).filter((h) => h !== c.label && h !== c.field);
      headerProblems.push({
        rowNumber: null,
        column: c.label,
        code: 'MISSING_COLUMN',
        message: `缺少必填列“${c.label}”${others.length ? `（也可写作：${others.join('、')}）` : ''}`,
      });
    }
  }
  if (!mapped.has('unitName') && !mapped.has('unitCode')) {
    headerProblems.push({
      rowNumber: null,
      column: '责任单位',
      code: 'MISSING_COLUMN',
      message: '缺少“责任单位”或“责任单位编码”列，至少需要其中一列',
    });
  }
  const amount = mapped.get('amountInvolved');
  if (amount && amount.amountUnit === null && !mapped.has('amountUnit')) {
    headerProblems.push({
      rowNumber: null,
      column: '金额单位',
      code: 'MISSING_COLUMN',
      message: `“${amount.header}”未注明金额单位：请将表头写为“${amount.header}(万元)”或“${amount.header}(元)”，或增加“金额单位”列`,
    });
  }

  if (table.rows.length === 0 && table.readProblems.length === 0) {
    return {
      rows: [],
      problems: [
        ...headerProblems,
        { rowNumber: null, column: null, code: 'EMPTY_FILE', message: '文件只有表头，没有数据行' },
      ],
      totalRows,
      ignoredColumns,
      ...base,
    };
  }

  // --- rows
  const rowProblems: (LedgerProblem & { order: number })[] = [];
  const rows: LedgerRow[] = [];
  const firstRowOfRef = new Map<string, number>();
  for (const raw of table.rows) {
    const collected: Collected = { problems: [] };
    const row = validateRow(raw, source, mapped, table.rowWord, collected, firstRowOfRef);
    collected.problems.sort((a, b) => a.order - b.order);
    rowProblems.push(...collected.problems);
    if (row && collected.problems.length === 0) rows.push(row);
  }
  const problems: LedgerProblem[] = [
    ...headerProblems,
    ...[...table.readProblems, ...rowProblems.map(({ order: _order, ...p }) => p)].sort(
      (a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
    ),
  ];
  return { rows: headerProblems.length ? [] : rows, problems, totalRows, ignoredColumns, ...base };
}

/** Text fields whose values are identifiers: full-width letters and digits typed in a Chinese IME are folded. */
const IDENTIFIER_FIELDS: ReadonlySet<LedgerField> = new Set(['sourceRef', 'unitCode', 'projectCode']);

function validateRow(
  raw: RawRow,
  source: FindingSource,
  mapped: Map<LedgerField, MappedColumn>,
  rowWord: '行' | '条',
  out: Collected,
  firstRowOfRef: Map<string, number>,
): LedgerRow | null {
  const at = `第${raw.rowNumber}${rowWord}`;
  const report = (m: MappedColumn | null, code: LedgerProblemCode, message: string): void => {
    out.problems.push({
      rowNumber: raw.rowNumber,
      column: m?.header ?? null,
      code,
      message,
      order: m?.index ?? Number.MAX_SAFE_INTEGER,
    });
  };

  /** A cell as text: null when empty or unmapped; undefined after reporting a non-text value. */
  const text = (field: LedgerField): string | null | undefined => {
    const m = mapped.get(field);
    if (!m) return null;
    const t = cellText(raw.cells[m.index]);
    if (!t.ok) {
      report(m, 'BAD_VALUE', `${at}“${m.header}”无法读取：${t.reason}`);
      return undefined;
    }
    if (t.text === null) return null;
    const value = IDENTIFIER_FIELDS.has(field) ? t.text.normalize('NFKC').trim() : t.text;
    const max = m.column.maxLength;
    if (max !== undefined && charLength(value) > max) {
      report(m, 'TOO_LONG', `${at}“${m.header}”超过${max}字（实际${charLength(value)}字）`);
      return undefined;
    }
    return value;
  };

  const required = (field: LedgerField): string | null | undefined => {
    const v = text(field);
    const m = mapped.get(field);
    if (v === null && m) report(m, 'MISSING_FIELD', `${at}“${m.header}”未填写`);
    return v;
  };

  // A row is valid only if nothing was reported; `undefined` marks a value already reported.
  const sourceRef = required('sourceRef');
  const description = required('description');
  const category = required('category');
  const titleText = text('title');

  const unitName = text('unitName');
  const unitCode = text('unitCode');
  if (unitName === null && unitCode === null) {
    const present = [mapped.get('unitName'), mapped.get('unitCode')].filter((m): m is MappedColumn => !!m);
    if (present.length) {
      const names = present.map((m) => `“${m.header}”`).join('和');
      report(
        present[0]!,
        'MISSING_FIELD',
        `${at}${names}${present.length > 1 ? '均' : ''}未填写${present.length > 1 ? '，至少填一项' : ''}`,
      );
    }
  }
  const projectName = text('projectName');
  const projectCode = text('projectCode');
  const responsiblePerson = text('responsiblePerson');
  const responsiblePhone = text('responsiblePhone');

  // fiscal year
  let fiscalYear: number | undefined;
  const yearCol = mapped.get('fiscalYear');
  const yearText = required('fiscalYear');
  if (yearCol && typeof yearText === 'string') {
    const m = /^(\d{4})(?:年度?)?$/.exec(yearText.normalize('NFKC').trim());
    const y = m ? Number(m[1]) : NaN;
    if (y >= 1990 && y <= 2100) fiscalYear = y;
    else report(yearCol, 'BAD_YEAR', `${at}“${yearCol.header}”不是1990–2100之间的年份：${shown(yearText)}`);
  }

  // enumerations
  const enumOf = <V extends string>(
    field: LedgerField,
    lookup: Map<string, V>,
    terms: Readonly<Record<V, readonly string[]>>,
    fallback: V,
  ): V | undefined => {
    const t = text(field);
    if (t === undefined) return undefined;
    if (t === null) return fallback;
    const v = lookup.get(t.normalize('NFKC').trim()) ?? lookup.get(t.normalize('NFKC').trim().toLowerCase());
    if (v !== undefined) return v;
    const m = mapped.get(field)!;
    report(m, 'BAD_ENUM', `${at}“${m.header}”无法识别：${shown(t)}（可填：${termsText(terms)}）`);
    return undefined;
  };
  const severity = enumOf('severity', SEVERITY_LOOKUP, SEVERITY_TERMS, DEFAULT_SEVERITY);
  const sensitivity = enumOf(
    'sensitivity',
    SENSITIVITY_LOOKUP,
    SENSITIVITY_TERMS,
    defaultSensitivity(source),
  );

  // amount
  let amountInvolved: string | null | undefined = null;
  const amountCol = mapped.get('amountInvolved');
  const amountText = text('amountInvolved');
  const unitCol = mapped.get('amountUnit');
  if (amountText === undefined) amountInvolved = undefined;
  else if (amountCol && amountText !== null) {
    let unit: AmountUnit | null | undefined = amountCol.amountUnit;
    const unitText = unitCol ? text('amountUnit') : null;
    if (unitText === undefined) unit = undefined;
    else if (unitText !== null) {
      const stated = AMOUNT_UNIT_LOOKUP.get(unitText.normalize('NFKC').trim());
      if (stated === undefined) {
        report(
          unitCol!,
          'BAD_ENUM',
          `${at}“${unitCol!.header}”无法识别：${shown(unitText)}（可填：万元、元）`,
        );
        unit = undefined;
      } else if (unit !== null && unit !== undefined && stated !== unit) {
        report(
          unitCol!,
          'BAD_ENUM',
          `${at}“${unitCol!.header}”为“${unitText}”，与表头“${amountCol.header}”的单位不一致`,
        );
        unit = undefined;
      } else unit = stated;
    } else if (unit === null && unitCol) {
      report(unitCol, 'MISSING_FIELD', `${at}“${unitCol.header}”未填写（“${amountCol.header}”有金额时必填）`);
      unit = undefined;
    }
    if (unit === null || unit === undefined) amountInvolved = undefined;
    else {
      const y = toYuan(amountText, unit);
      if (y.ok) amountInvolved = y.yuan;
      else {
        amountInvolved = undefined;
        const value = shown(amountText);
        const message = {
          FORMAT: `${at}“${amountCol.header}”不是有效金额：${value}`,
          NEGATIVE: `${at}“${amountCol.header}”不能为负数：${value}`,
          PRECISION:
            unit === 'WAN_YUAN'
              ? `${at}“${amountCol.header}”精确到分即可，以万元为单位最多6位小数：${value}`
              : `${at}“${amountCol.header}”精确到分即可，以元为单位最多2位小数：${value}`,
          TOO_LARGE: `${at}“${amountCol.header}”金额过大：${value}`,
        }[y.reason];
        report(amountCol, 'BAD_AMOUNT', message);
      }
    }
  }

  // title: the ledger's, or the start of the description
  let title: string | undefined;
  if (titleText === undefined) title = undefined;
  else if (titleText !== null) title = titleText;
  else if (typeof description === 'string') {
    title = Array.from(description.replace(/\s+/gu, ' ').trim()).slice(0, DEFAULT_TITLE_LENGTH).join('');
  }

  // duplicates
  const refCol = mapped.get('sourceRef');
  if (typeof sourceRef === 'string' && refCol) {
    const first = firstRowOfRef.get(sourceRef);
    if (first === undefined) firstRowOfRef.set(sourceRef, raw.rowNumber);
    else {
      report(
        refCol,
        'DUPLICATE_REFERENCE',
        `${at}“${refCol.header}”${sourceRef}与第${first}${rowWord}重复，同一问题编号只能出现一次`,
      );
    }
  }

  // source-specific
  const specific: Record<string, unknown> = {};
  switch (source) {
    case FindingSource.PERFORMANCE: {
      specific.indicatorName = text('indicatorName');
      specific.scoreDeducted = score(mapped.get('scoreDeducted'), text('scoreDeducted'), at, report);
      break;
    }
    case FindingSource.AUDIT:
      specific.legalBasis = text('legalBasis');
      specific.auditOpinion = text('auditOpinion');
      break;
    case FindingSource.REFORM:
      specific.inspectionItem = text('inspectionItem');
      specific.approvalRef = text('approvalRef');
      break;
    case FindingSource.DISCIPLINE: {
      specific.clueSource = text('clueSource');
      specific.caseStage = text('caseStage');
      const pm = mapped.get('personsInvolved');
      specific.personsInvolved = pm ? persons(pm, raw.cells[pm.index], at, report) : null;
      specific.personsHeldAccountable = count(
        mapped.get('personsHeldAccountable'),
        text('personsHeldAccountable'),
        at,
        report,
      );
      break;
    }
  }

  if (out.problems.length > 0) return null;
  return {
    rowNumber: raw.rowNumber,
    source,
    sourceRef: sourceRef!,
    title: title!,
    description: description!,
    category: category!,
    unitCode: unitCode ?? null,
    unitName: unitName ?? null,
    projectCode: projectCode ?? null,
    projectName: projectName ?? null,
    fiscalYear: fiscalYear!,
    severity: severity!,
    amountInvolved: amountInvolved ?? null,
    sensitivity: sensitivity!,
    responsiblePerson: responsiblePerson ?? null,
    responsiblePhone: responsiblePhone ?? null,
    ...specific,
  } as LedgerRow;
}

type Report = (m: MappedColumn | null, code: LedgerProblemCode, message: string) => void;

/** 扣分: a decimal 0–100 with at most two decimals, as "2.50" (the column is decimal(5,2)). */
function score(m: MappedColumn | undefined, t: string | null | undefined, at: string, report: Report) {
  if (!m || t === null || t === undefined) return t === undefined ? undefined : null;
  const d = parseDecimalText(t.replace(/分$/u, ''));
  const frac = d.ok ? d.frac.replace(/0+$/, '') : '';
  const int = d.ok ? BigInt(d.int) : 0n;
  if (!d.ok || frac.length > 2 || int > 100n || (int === 100n && frac !== '')) {
    report(m, 'BAD_NUMBER', `${at}“${m.header}”应为0–100之间、最多2位小数的分值：${shown(t)}`);
    return undefined;
  }
  return `${int}.${frac.padEnd(2, '0')}`;
}

/** 问责人数: a non-negative integer; “3人” is how it is often written. */
function count(m: MappedColumn | undefined, t: string | null | undefined, at: string, report: Report) {
  if (!m || t === null || t === undefined) return t === undefined ? undefined : null;
  const s = t
    .normalize('NFKC')
    .trim()
    .replace(/人次?$/u, '');
  if (!/^\d{1,5}$/.test(s) || Number(s) > 32767) {
    report(m, 'BAD_NUMBER', `${at}“${m.header}”应为非负整数：${shown(t)}`);
    return undefined;
  }
  return Number(s);
}

/**
 * 涉及人员: “张三（局长）；李四（会计）”, or in JSON an array of such strings or of {name, position}.
 * Separators inside the brackets belong to the position (“副局长、会计”), so split at depth 0 only.
 */
function persons(
  m: MappedColumn,
  value: unknown,
  at: string,
  report: Report,
): PersonInvolved[] | null | undefined {
  const bad = (shownValue: string): undefined => {
    report(
      m,
      'BAD_PERSONS',
      `${at}“${m.header}”格式不正确：${shown(shownValue)}（应为“姓名（职务）”，多人用“；”分隔，如：张三（局长）；李四（会计））`,
    );
    return undefined;
  };
  if (isEmptyCell(value)) return null;
  const out: PersonInvolved[] = [];
  if (Array.isArray(value)) {
    for (const p of value) {
      if (typeof p === 'string') {
        const parsed = parsePersons(p);
        if (!parsed) return bad(p);
        out.push(...parsed);
      } else if (p && typeof p === 'object' && typeof (p as PersonInvolved).name === 'string') {
        const { name, position } = p as { name: string; position?: unknown };
        if (
          name.trim() === '' ||
          (position !== undefined && position !== null && typeof position !== 'string')
        ) {
          return bad(JSON.stringify(p));
        }
        out.push({ name: name.trim(), position: typeof position === 'string' ? position.trim() : '' });
      } else return bad(JSON.stringify(p));
    }
    return out.length ? out : null;
  }
  const t = cellText(value);
  if (!t.ok || t.text === null) return t.ok ? null : bad(t.reason);
  const parsed = parsePersons(t.text);
  return parsed ? (parsed.length ? parsed : null) : bad(t.text);
}

const PERSON_NAME_MAX = 50;

/** null = malformed. */
export function parsePersons(text: string): PersonInvolved[] | null {
  const s = text.replace(/（/g, '(').replace(/）/g, ')');
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return null;
    if (depth === 0 && /[；;,，、\n]/u.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (depth !== 0) return null;
  parts.push(current);
  const out: PersonInvolved[] = [];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([^()]+?)\s*(?:\(([^()]*)\))?$/u.exec(part);
    if (!m || charLength(m[1]!) > PERSON_NAME_MAX) return null;
    out.push({ name: m[1]!.trim(), position: (m[2] ?? '').trim() });
  }
  return out;
}

/** A raw cell as trimmed text; null when empty. Numbers go through numberToDecimalString. */
function cellText(v: unknown): { ok: true; text: string | null } | { ok: false; reason: string } {
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
