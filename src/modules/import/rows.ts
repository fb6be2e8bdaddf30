/**
 * Row validation: every row is checked in full and every problem reported, so an official can fix
 * the whole file in one pass. The single fields are in fields.ts; here is what spans fields or rows.
 */
import { FindingSource } from '../../shared/enums.js';
import { DEFAULT_TITLE_LENGTH, type LedgerField } from './ledger.columns.js';
import {
  amountInvolved,
  fiscalYear,
  personsHeldAccountable,
  RowReader,
  scoreDeducted,
  sensitivity,
  severity,
} from './fields.js';
import type { MappedColumn } from './headers.js';
import { personsInvolved } from './persons.js';
import type { LedgerProblem, LedgerRow } from './result.js';
import type { RawTable } from './table.js';

/** Rows in file order; problems by row, within a row in column order. */
export function validateRows(
  table: RawTable,
  source: FindingSource,
  mapped: ReadonlyMap<LedgerField, MappedColumn>,
): { rows: LedgerRow[]; problems: LedgerProblem[] } {
  const rows: LedgerRow[] = [];
  const problems: LedgerProblem[] = [];
  const firstRowOfRef = new Map<string, number>();
  for (const raw of table.rows) {
    const r = new RowReader(raw, mapped, table.rowWord);
    const row = validateRow(r, source, firstRowOfRef);
    problems.push(...r.problems());
    if (row) rows.push(row);
  }
  return { rows, problems };
}

/**
 * Every field is read even after a problem, so that the row's report is complete; a row is valid
 * only if nothing was reported (`undefined` marks a value already reported).
 */
function validateRow(
  r: RowReader,
  source: FindingSource,
  firstRowOfRef: Map<string, number>,
): LedgerRow | null {
  const sourceRef = r.required('sourceRef');
  const description = r.required('description');
  const category = r.required('category');
  const titleText = r.text('title');
  const unitName = r.text('unitName');
  const unitCode = r.text('unitCode');
  checkUnitGiven(r, unitName, unitCode);
  const projectName = r.text('projectName');
  const projectCode = r.text('projectCode');
  const responsiblePerson = r.text('responsiblePerson');
  const responsiblePhone = r.text('responsiblePhone');
  const year = fiscalYear(r);
  const rowSeverity = severity(r);
  const rowSensitivity = sensitivity(r, source);
  const amount = amountInvolved(r);
  const title = titleOf(titleText, description);
  checkReferenceUnique(r, sourceRef, firstRowOfRef);
  const specific = sourceSpecific(r, source);

  if (r.hasProblems) return null;
  return {
    rowNumber: r.rowNumber,
    source,
    sourceRef: sourceRef!,
    title: title!,
    description: description!,
    category: category!,
    unitCode: unitCode ?? null,
    unitName: unitName ?? null,
    projectCode: projectCode ?? null,
    projectName: projectName ?? null,
    fiscalYear: year!,
    severity: rowSeverity!,
    amountInvolved: amount ?? null,
    sensitivity: rowSensitivity!,
    responsiblePerson: responsiblePerson ?? null,
    responsiblePhone: responsiblePhone ?? null,
    ...specific,
  } as LedgerRow;
}

/** 责任单位 and 责任单位编码 are each optional, but a finding must name its unit by one of them. */
function checkUnitGiven(
  r: RowReader,
  unitName: string | null | undefined,
  unitCode: string | null | undefined,
) {
  if (unitName !== null || unitCode !== null) return;
  const present = [r.column('unitName'), r.column('unitCode')].filter((m): m is MappedColumn => !!m);
  if (!present.length) return;
  const names = present.map((m) => `“${m.header}”`).join('和');
  r.report(
    present[0]!,
    'MISSING_FIELD',
    `${r.at}${names}${present.length > 1 ? '均' : ''}未填写${present.length > 1 ? '，至少填一项' : ''}`,
  );
}

/** The ledger's title, or the start of the description: many ledgers have no title column. */
function titleOf(titleText: string | null | undefined, description: string | null | undefined) {
  if (titleText !== null) return titleText;
  if (typeof description !== 'string') return undefined;
  return Array.from(description.replace(/\s+/gu, ' ').trim()).slice(0, DEFAULT_TITLE_LENGTH).join('');
}

/**
 * 问题编号 identifies the finding in the upsert, so a second row with it would overwrite the first.
 * Reported at the second row, naming the first, whatever else is wrong with either.
 */
function checkReferenceUnique(
  r: RowReader,
  sourceRef: string | null | undefined,
  firstRowOfRef: Map<string, number>,
): void {
  const m = r.column('sourceRef');
  if (typeof sourceRef !== 'string' || !m) return;
  const first = firstRowOfRef.get(sourceRef);
  if (first === undefined) {
    firstRowOfRef.set(sourceRef, r.rowNumber);
    return;
  }
  r.report(
    m,
    'DUPLICATE_REFERENCE',
    `${r.at}“${m.header}”${sourceRef}与第${first}${r.rowWord}重复，同一问题编号只能出现一次`,
  );
}

function sourceSpecific(r: RowReader, source: FindingSource): Record<string, unknown> {
  switch (source) {
    case FindingSource.PERFORMANCE:
      return { indicatorName: r.text('indicatorName'), scoreDeducted: scoreDeducted(r) };
    case FindingSource.AUDIT:
      return { legalBasis: r.text('legalBasis'), auditOpinion: r.text('auditOpinion') };
    case FindingSource.REFORM:
      return { inspectionItem: r.text('inspectionItem'), approvalRef: r.text('approvalRef') };
    case FindingSource.DISCIPLINE:
      return {
        clueSource: r.text('clueSource'),
        caseStage: r.text('caseStage'),
        personsInvolved: personsInvolved(r),
        personsHeldAccountable: personsHeldAccountable(r),
      };
  }
}
