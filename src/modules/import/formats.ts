/**
 * File formats: every format becomes a RawTable of headers and rows of raw cell values, so that
 * nothing after reading depends on where the ledger came from.
 */
import { loadExcel } from '../../shared/excel.js';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FindingSource } from '../../shared/enums.js';
import { findHeaderRow } from './headers.js';
import { numberToDecimalString } from './money.js';
import type { MappingProfile } from './profile.js';
import {
  fileFailure,
  type LedgerEncoding,
  type LedgerFormat,
  type LedgerParseResult,
  type LedgerProblem,
} from './result.js';
import { isEmptyCell, type CellError, type RawRow, type RawTable } from './table.js';

/** A file that cannot be read as a table: the caller returns it with format and encoding filled in. */
export type ReadFailure = { failure: LedgerParseResult };

/** The format a file name's extension names; null for one we do not read. */
export function formatOfExtension(ext: string): Exclude<LedgerFormat, 'rows'> | null {
  return ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : ext === 'csv' ? 'csv' : ext === 'json' ? 'json' : null;
}

/**
 * Valid UTF-8 (with or without BOM) is UTF-8; anything else is taken as GB18030, the superset of the
 * GBK that Excel and WPS write on Chinese Windows. A GBK file is practically never valid UTF-8:
 * its two-byte sequences start with 0x81–0xFE, which UTF-8 only allows in fixed patterns.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: LedgerEncoding } {
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

export async function readXlsx(
  bytes: Buffer,
  source: FindingSource,
  profile: MappingProfile | null = null,
): Promise<RawTable | ReadFailure> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
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
  const table = tableFromGrid(grid, source, profile);
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

export function readCsv(
  text: string,
  source: FindingSource,
  profile: MappingProfile | null = null,
): RawTable | ReadFailure {
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
  const table = tableFromGrid(grid, source, profile);
  if ('failure' in table) return { failure: { ...table.failure, format: 'csv' } };
  return table;
}

/** Not yet a table: the element count is checked against the row limit before anything is built. */
export function readJson(text: string): { items: unknown[] } | ReadFailure {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return {
      failure: fileFailure(
        'json',
        null,
        'UNREADABLE_FILE',
        `JSON格式错误，无法读取：${(e as Error).message}`,
      ),
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      failure: fileFailure(
        'json',
        null,
        'UNREADABLE_FILE',
        'JSON文件须为对象数组（[{...}, {...}]），每个对象为一条问题',
      ),
    };
  }
  return { items: parsed };
}

/** Spreadsheets and CSV: empty rows and a title row go; rows keep the numbers the official sees. */
function tableFromGrid(
  grid: RawRow[],
  source: FindingSource,
  profile: MappingProfile | null,
): RawTable | ReadFailure {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => !isEmptyCell(c)));
  if (nonEmpty.length === 0) return { failure: fileFailure(null, null, 'EMPTY_FILE', '文件中没有任何内容') };
  const h = findHeaderRow(nonEmpty, source, profile);
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

/**
 * JSON records and in-memory rows: the headers are the keys in order of first appearance, so a key
 * only some records have is still one column.
 */
export function tableFromObjects(items: readonly unknown[]): RawTable {
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
  return { headers, rows, rowWord: '条', readProblems };
}
