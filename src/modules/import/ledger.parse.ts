/**
 * Turns an agency's ledger (问题台账: .xlsx, .csv in UTF-8 or GBK, .json) into validated, normalised
 * finding rows and a problem report written for the officials who keep the ledger.
 *
 * Pure: no database, no clock, no network. Matching units and projects to the hub's records and the
 * upsert are the caller's job. Every row is validated and every problem reported, so an official can
 * fix the whole file in one pass instead of one error per upload.
 *
 * The steps: formats.ts reads any format into one table, headers.ts maps its columns, rows.ts (with
 * fields.ts and persons.ts) validates the rows, money.ts keeps amounts exact.
 */
import type { FindingSource } from '../../shared/enums.js';
import { decodeText, formatOfExtension, readCsv, readJson, readXlsx, tableFromObjects } from './formats.js';
import { mapHeaders } from './headers.js';
import type { MappingProfile } from './profile.js';
import {
  fileFailure,
  type LedgerEncoding,
  type LedgerFormat,
  type LedgerParseOptions,
  type LedgerParseResult,
  type LedgerProblem,
} from './result.js';
import { validateRows } from './rows.js';
import type { RawTable } from './table.js';

/** The GraphQL batch mutation's limit (parseLedgerRows). */
export const MAX_BATCH_ROWS = 1_000;
/** A district's whole year is a few thousand rows; a file past this is a mistake or a province. */
export const MAX_FILE_ROWS = 50_000;
/** Checked before parsing: an .xlsx is a zip and expands several times in memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface ParseContext {
  format: LedgerFormat;
  encoding: LedgerEncoding | null;
  maxRows: number;
  profile: MappingProfile | null;
}

/** Reads a ledger file; the format comes from the file name's extension. */
export async function parseLedger(input: {
  bytes: Buffer;
  fileName: string;
  source: FindingSource;
  options?: LedgerParseOptions;
}): Promise<LedgerParseResult> {
  const { bytes, fileName, source } = input;
  const maxRows = input.options?.maxRows ?? MAX_FILE_ROWS;
  const profile = input.options?.profile ?? null;
  const ext = /\.([^.\\/]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format = formatOfExtension(ext);
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
    const table = await readXlsx(bytes, source, profile);
    if ('failure' in table) return { ...table.failure, format };
    return validateTable(table, source, { format, encoding: null, maxRows, profile });
  }
  const { text, encoding } = decodeText(bytes);
  if (format === 'csv') {
    const table = readCsv(text, source, profile);
    if ('failure' in table) return { ...table.failure, format, encoding };
    return validateTable(table, source, { format, encoding, maxRows, profile });
  }
  const json = readJson(text);
  if ('failure' in json) return { ...json.failure, format, encoding };
  return validateObjects(json.items, source, { format, encoding, maxRows, profile });
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
    profile: options?.profile ?? null,
  });
}

/** JSON records and in-memory rows: limited by count before any is read, since each may be large. */
function validateObjects(
  items: readonly unknown[],
  source: FindingSource,
  ctx: ParseContext,
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
  const table = tableFromObjects(items);
  if (table.rows.length === 0 && table.readProblems.length === 0) {
    return fileFailure(ctx.format, ctx.encoding, 'EMPTY_FILE', '没有数据：没有任何一条问题记录');
  }
  if (table.rows.length === 0) {
    // nothing but malformed elements: a header report about absent columns would only add noise
    return {
      rows: [],
      problems: table.readProblems,
      totalRows: table.readProblems.length,
      ignoredColumns: [],
      format: ctx.format,
      encoding: ctx.encoding,
      subjects: [],
      mappedHeaders: {},
    };
  }
  return validateTable(table, source, ctx, table.readProblems.length);
}

/** `extraRowCount`: malformed JSON elements, which are rows of the file though not of the table. */
function validateTable(
  table: RawTable,
  source: FindingSource,
  ctx: ParseContext,
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
  const header = mapHeaders(table, source, ctx.profile);
  const { ignoredColumns } = header;
  const mappedHeaders = Object.fromEntries([...header.mapped].map(([f, m]) => [f, m.header]));
  if (table.rows.length === 0 && table.readProblems.length === 0) {
    return {
      rows: [],
      problems: [
        ...header.problems,
        { rowNumber: null, column: null, code: 'EMPTY_FILE', message: '文件只有表头，没有数据行' },
      ],
      totalRows,
      ignoredColumns,
      subjects: [],
      mappedHeaders,
      table,
      ...base,
    };
  }
  const { rows, problems: rowProblems, subjects } = validateRows(table, source, header.mapped, ctx.profile);
  const problems: LedgerProblem[] = [
    ...header.problems,
    ...[...table.readProblems, ...rowProblems].sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0)),
  ];
  // a header problem means columns are missing or ambiguous: no row can be trusted
  return {
    rows: header.problems.length ? [] : rows,
    problems,
    totalRows,
    ignoredColumns,
    subjects,
    mappedHeaders,
    table,
    ...base,
  };
}
