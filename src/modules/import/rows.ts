/**
 * Row validation: every row is checked in full and every problem reported, so an official can fix
 * the whole file in one pass. The single fields are in fields.ts; here is what spans fields or rows.
 */
import { createHash } from 'node:crypto';
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
import type { MappingProfile } from './profile.js';
import type { LedgerProblem, LedgerRow, RowSubject } from './result.js';
import type { RawTable } from './table.js';

/** Rows in file order; problems by row, within a row in column order. */
export function validateRows(
  table: RawTable,
  source: FindingSource,
  mapped: ReadonlyMap<LedgerField, MappedColumn>,
  profile?: MappingProfile | null,
): { rows: LedgerRow[]; problems: LedgerProblem[]; subjects: RowSubject[] } {
  const rows: LedgerRow[] = [];
  const problems: LedgerProblem[] = [];
  const subjects: RowSubject[] = [];
  const firstRowOfRef = new Map<string, number>();
  for (const raw of table.rows) {
    const r = new RowReader(raw, mapped, table.rowWord);
    const row = validateRow(r, source, firstRowOfRef, profile ?? null, subjects);
    problems.push(...r.problems());
    if (row) rows.push(row);
  }
  return { rows, problems, subjects };
}

/**
 * Every field is read even after a problem, so that the row's report is complete; a row is valid
 * only if nothing was reported (`undefined` marks a value already reported).
 */
function validateRow(
  r: RowReader,
  source: FindingSource,
  firstRowOfRef: Map<string, number>,
  profile: MappingProfile | null,
  subjects: RowSubject[],
): LedgerRow | null {
  const givenRef = r.column('sourceRef') ? r.required('sourceRef') : null;
  const serial = r.text('serialNumber');
  const documentNumber = r.text('documentNumber');
  const description = r.required('description');
  const categoryText = r.column('category') ? r.text('category') : null;
  const category = categoryText === null ? (profile?.defaultCategory ?? null) : categoryText;
  if (category === null && r.column('category'))
    r.report(r.column('category')!, 'MISSING_FIELD', `${r.at}“${r.column('category')!.header}”未填写`);
  const titleText = r.text('title');
  const unitName = r.text('unitName');
  const unitCode = r.text('unitCode');
  checkUnitGiven(r, unitName, unitCode);
  const projectName = r.text('projectName');
  const projectCode = r.text('projectCode');
  subjects.push({
    rowNumber: r.rowNumber,
    unitName: unitName ?? null,
    unitCode: unitCode ?? null,
    projectName: projectName ?? null,
    projectCode: projectCode ?? null,
  });
  const sourceRef = r.column('sourceRef')
    ? givenRef
    : derivedReference(r, {
        documentNumber: documentNumber ?? profile?.documentNumber ?? null,
        serial,
        unit: unitCode ?? unitName ?? null,
        category,
        description,
      });
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

/**
 * A ledger without a reference column: 文号 + “-” + 序号 (zero-padded to three digits), e.g.
 * 鹤财绩〔2025〕12号-007; without a 序号 column, 文号 + “-” + the first ten hex digits of the SHA-256
 * of the row's unit, category and description (whitespace and width folded). The same ledger
 * imported again gives the same references, so the import updates instead of duplicating; a row
 * whose description is rewritten in a ledger without 序号 becomes a new finding (said in the README).
 */
function derivedReference(
  r: RowReader,
  parts: {
    documentNumber: string | null;
    serial: string | null | undefined;
    unit: string | null;
    category: string | null | undefined;
    description: string | null | undefined;
  },
): string | null | undefined {
  const doc = parts.documentNumber?.normalize('NFKC').replace(/\s+/gu, '') ?? null;
  if (!doc) {
    const m = r.column('documentNumber');
    if (m)
      r.report(m, 'MISSING_FIELD', `${r.at}“${m.header}”未填写（台账没有问题编号列，须据文号生成问题编号）`);
    return undefined;
  }
  if (parts.serial === undefined) return undefined;
  if (parts.serial !== null) {
    const s = parts.serial.normalize('NFKC').trim();
    return `${doc}-${/^\d+$/.test(s) ? s.padStart(3, '0') : s}`;
  }
  if (typeof parts.description !== 'string') return undefined;
  const fold = (t: string | null | undefined) => (t ?? '').normalize('NFKC').replace(/\s+/gu, '');
  const digest = createHash('sha256')
    .update([fold(parts.unit), fold(parts.category), fold(parts.description)].join('\u0000'))
    .digest('hex')
    .slice(0, 10)
    .toUpperCase();
  return `${doc}-${digest}`;
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
  const m = r.column('sourceRef') ?? r.column('serialNumber') ?? r.column('description');
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
