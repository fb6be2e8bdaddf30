/**
 * Header matching: which row is the header, which of the file's columns feed which field, and the
 * problems with the header as a whole (reported once, without a row, since no row can then be trusted).
 */
import type { FindingSource } from '../../shared/enums.js';
import {
  acceptedHeaders,
  amountUnitOfHeader,
  headerIndex,
  ledgerColumnsFor,
  normaliseHeader,
  type AmountUnit,
  type HeaderMatch,
  type LedgerColumn,
  type LedgerField,
} from './ledger.columns.js';
import type { MappingProfile } from './profile.js';
import type { LedgerProblem } from './result.js';
import { isEmptyCell, type RawRow, type RawTable } from './table.js';

export interface MappedColumn {
  column: LedgerColumn;
  /** Position in the file, for ordering problems as the official reads the row. */
  index: number;
  /** The header as written. */
  header: string;
  amountUnit: AmountUnit | null;
}

export interface HeaderMapping {
  mapped: Map<LedgerField, MappedColumn>;
  /** Headers the file has that this source's ledger does not use, as written. */
  ignoredColumns: string[];
  problems: LedgerProblem[];
}

/**
 * The header is the first non-empty row, except that ledgers often start with a title row
 * (“鹤城区2024年度审计发现问题台账”) or a unit/date line: among the first few non-empty rows the
 * first one with at least two known headers wins.
 */
export function findHeaderRow(
  rows: RawRow[],
  source: FindingSource,
  profile?: MappingProfile | null,
): number {
  const index = headerIndex(source);
  const own = new Set(Object.keys(profile?.columns ?? {}).map(normaliseHeader));
  const look = Math.min(rows.length, 10);
  for (let i = 0; i < look; i++) {
    const known = rows[i]!.cells.filter(
      (c) => typeof c === 'string' && (index.has(normaliseHeader(c)) || own.has(normaliseHeader(c))),
    ).length;
    if (known >= 2) return i;
  }
  return 0;
}

/**
 * The file's columns → fields: the agency's profile first (its own headers), then the headers the
 * importer knows; a fallback header (主管部门) only where no precise header names the field.
 */
export function mapHeaders(
  table: RawTable,
  source: FindingSource,
  profile?: MappingProfile | null,
): HeaderMapping {
  const problems: LedgerProblem[] = [];
  const ignoredColumns: string[] = [];
  const mapped = new Map<LedgerField, MappedColumn>();
  const index = headerIndex(source);
  const byField = new Map(ledgerColumnsFor(source).map((c) => [c.field, c]));
  const own = new Map<string, LedgerField>();
  for (const [h, f] of Object.entries(profile?.columns ?? {})) own.set(normaliseHeader(h), f);
  const matchOf = (header: string): HeaderMatch | undefined => {
    const key = normaliseHeader(header);
    const field = own.get(key);
    const column = field && byField.get(field);
    if (column) {
      const amountUnit = column.kind === 'amount' ? (amountUnitOfHeader(header) ?? null) : null;
      return { column, amountUnit, fallback: false };
    }
    return index.get(key);
  };
  const precise = new Set<LedgerField>();
  for (const h of table.headers) {
    const m = h === '' ? undefined : matchOf(h);
    if (m && !m.fallback) precise.add(m.column.field);
  }
  table.headers.forEach((header, i) => {
    if (header === '') {
      // a blank header over data would lose that data silently: say so in ignoredColumns
      if (table.rows.some((r) => !isEmptyCell(r.cells[i]))) ignoredColumns.push(`（第${i + 1}列，无表头）`);
      return;
    }
    const found = matchOf(header);
    if (!found || (found.fallback && precise.has(found.column.field))) {
      ignoredColumns.push(header);
      return;
    }
    const match =
      found.column.kind === 'amount' && found.amountUnit === null && profile?.amountUnit
        ? { ...found, amountUnit: profile.amountUnit }
        : found;
    const first = mapped.get(match.column.field);
    if (first) {
      problems.push({
        rowNumber: null,
        column: header,
        code: 'DUPLICATE_COLUMN',
        message: `“${header}”列与“${first.header}”列重复（都表示“${match.column.label}”），请只保留一列`,
      });
      return;
    }
    mapped.set(match.column.field, { column: match.column, index: i, header, amountUnit: match.amountUnit });
  });
  problems.push(...missingColumns(mapped, source, profile));
  return { mapped, ignoredColumns, problems };
}

function missingColumns(
  mapped: Map<LedgerField, MappedColumn>,
  source: FindingSource,
  profile?: MappingProfile | null,
): LedgerProblem[] {
  const problems: LedgerProblem[] = [];
  for (const c of ledgerColumnsFor(source)) {
    if (c.required === 'ALWAYS' && !mapped.has(c.field)) {
      if (c.field === 'category' && profile?.defaultCategory) continue;
      // a reference derived from the document number and the row (rows.ts derivedReference)
      if (c.field === 'sourceRef' && (mapped.has('documentNumber') || profile?.documentNumber)) continue;
      if (c.field === 'sourceRef') {
        problems.push({
          rowNumber: null,
          column: c.label,
          code: 'MISSING_COLUMN',
          message:
            `缺少“${c.label}”列（也可写作：${acceptedHeaders(c, source)
              .filter((h) => h !== c.label && h !== c.field)
              .join('、')}）；` +
            '台账没有问题编号时，请增加“文号”列或在导入方案中填写文号，平台据此生成问题编号',
        });
        continue;
      }
      const others = acceptedHeaders(c, source).filter((h) => h !== c.label && h !== c.field);
      problems.push({
        rowNumber: null,
        column: c.label,
        code: 'MISSING_COLUMN',
        message: `缺少必填列“${c.label}”${others.length ? `（也可写作：${others.join('、')}）` : ''}`,
      });
    }
  }
  if (!mapped.has('unitName') && !mapped.has('unitCode')) {
    problems.push({
      rowNumber: null,
      column: '责任单位',
      code: 'MISSING_COLUMN',
      message: '缺少“责任单位”或“责任单位编码”列，至少需要其中一列',
    });
  }
  const amount = mapped.get('amountInvolved');
  if (amount && amount.amountUnit === null && !mapped.has('amountUnit')) {
    problems.push({
      rowNumber: null,
      column: '金额单位',
      code: 'MISSING_COLUMN',
      message: `“${amount.header}”未注明金额单位：请将表头写为“${amount.header}(万元)”或“${amount.header}(元)”，或增加“金额单位”列`,
    });
  }
  return problems;
}
