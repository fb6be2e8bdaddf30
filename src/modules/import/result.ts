/**
 * What the parser gives back: valid rows, and problems written for the officials who keep the ledger.
 */
import type { FindingSource, Sensitivity, Severity } from '../../shared/enums.js';
import type { MappingProfile } from './profile.js';
import type { RawTable } from './table.js';

/**
 * The finding module's PersonInvolved, restated here: importing it would make this database-free
 * module depend on the finding module, which reaches back here through publishing (a module cycle).
 * The two are structurally the same type, so rows pass to the finding upsert as they are.
 */
export interface PersonInvolved {
  name: string;
  position: string;
}

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
  /** 严重程度, 敏感级别 or 金额单位 text not recognised (or 金额单位 contradicting the header). */
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

/** Who and what a row names, read from every row (also rows with problems), for the matcher. */
export interface RowSubject {
  rowNumber: number;
  unitName: string | null;
  unitCode: string | null;
  projectName: string | null;
  projectCode: string | null;
}

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
  /**
   * The unit and project every row names, rows with problems included: the matcher checks them in the
   * same pass, so one dry run reports every problem of the file.
   */
  subjects: RowSubject[];
  /** The file's header for each field it feeds, as written. */
  mappedHeaders: Partial<Record<string, string>>;
  /** The table as read (headers and raw rows), for the problem workbook; absent on file failures. */
  table?: RawTable;
}

export interface LedgerParseOptions {
  /** At most this many data rows; more = one LIMIT problem. */
  maxRows?: number;
  /** The agency's mapping profile for a layout of its own. */
  profile?: MappingProfile | null;
}

/** A result in which the whole file has one problem and no row can be trusted. */
export function fileFailure(
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
    subjects: [],
    mappedHeaders: {},
  };
}
