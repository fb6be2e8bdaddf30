/**
 * Ledger import (台账导入): an agency's .xlsx / .csv / .json ledger → validated, normalised finding
 * rows and a problem report in Chinese. Database-free; the upsert, the GraphQL mutation and the CLI
 * build on this.
 */
export {
  parseLedger,
  parseLedgerRows,
  MAX_BATCH_ROWS,
  MAX_FILE_ROWS,
  MAX_FILE_BYTES,
} from './ledger.parse.js';
export {
  parseDecimalText,
  toYuan,
  numberToDecimalString,
  type DecimalParse,
  type YuanParse,
} from './money.js';
export { parsePersons } from './persons.js';
export { profileProblems, type MappingProfile } from './profile.js';
export {
  closestNames,
  codeKey,
  creditCodeCheck,
  looksLikeCreditCode,
  nameKey,
  nameSimilarity,
  type NameCandidate,
} from './names.js';
export { cellText, type RawTable } from './table.js';
export type {
  LedgerParseResult,
  LedgerParseOptions,
  LedgerProblem,
  LedgerProblemCode,
  LedgerRow,
  PerformanceLedgerRow,
  AuditLedgerRow,
  ReformLedgerRow,
  DisciplineLedgerRow,
  LedgerFormat,
  LedgerEncoding,
  RowSubject,
} from './result.js';
export {
  LEDGER_COLUMNS,
  TEXT_LIMITS,
  DEFAULT_TITLE_LENGTH,
  DEFAULT_SEVERITY,
  SEVERITY_TERMS,
  SENSITIVITY_TERMS,
  AMOUNT_UNIT_TERMS,
  SOURCE_LABEL,
  defaultSensitivity,
  ledgerColumnsFor,
  ledgerColumnsMarkdown,
  acceptedHeaders,
  normaliseHeader,
  amountUnitOfHeader,
  type LedgerColumn,
  type LedgerField,
  type LedgerValueKind,
  type LedgerRequirement,
  type AmountUnit,
} from './ledger.columns.js';
export { problemWorkbook, type WorkbookProblem } from './problem-workbook.js';
export {
  EVALUATION_METHODS,
  isEvaluationHeader,
  parseEvaluationTable,
  readTable,
  splitProblems,
  type EvaluationParseResult,
  type EvaluationRow,
} from './evaluation.js';
