/**
 * A ledger file into the hub: parse (src/modules/import) as the viewer's source, match every row's
 * unit and project (src/modules/intake), then publish (publishFindings: all or nothing, one
 * transaction). The one path behind `npm run import` on a database of its own, `POST /findings/import`
 * of the running hub and the ledgerImport mutation.
 *
 * One pass: the parser checks every row, and the matcher checks every row's unit and project even
 * when other rows or columns have problems, so one dry run names every problem of the file.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { publisherOf } from '../../policy/publishing.js';
import type { RawTable } from '../import/index.js';
import { FindingSource, Severity, Sensitivity } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { publishReview } from '../review/review.publishing.js';
import {
  DEFAULT_TITLE_LENGTH,
  isEvaluationHeader,
  parseEvaluationTable,
  readTable,
  parseLedger,
  problemWorkbook,
  type LedgerEncoding,
  type LedgerFormat,
  type MappingProfile,
} from '../import/index.js';
import { matchEvaluators, matchSubjects, type MatchRule } from '../intake/index.js';
import { publishFindings, type ImportProblem, type PublishRow } from './publishing.service.js';

export interface LedgerImportReport {
  file: string;
  format: LedgerFormat | null;
  encoding: LedgerEncoding | null;
  /** Data rows read from the file. */
  rows: number;
  /** Headers of the file that this source's ledger does not use (not an error). */
  ignoredColumns: string[];
  /** The import profile used, if any. */
  profile: string | null;
  dryRun: boolean;
  /** True when the rows were written (no problems, not a dry run). */
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem with its row and column; any problem means nothing was written. */
  problems: ImportProblem[];
  /** Rows whose unit matched, by rule (CODE, CREDIT_CODE, FULL_NAME, SHORT_NAME, ALIAS, NORMALISED_NAME). */
  unitsMatchedBy: Partial<Record<MatchRule, number>>;
  /** Reviews written (evaluation-result ledgers: one per row); 0 for a problem ledger. */
  reviewsWritten: number;
  /** Rows whose unit matched without an alias an agency registered (the importer's own rules). */
  matchedWithoutHelp: number;
  parseMs: number;
  writeMs: number;
  /** db ids of the findings this import created, in row order (empty for a dry run). */
  createdIds: number[];
}

export async function importLedgerFile(
  knex: Knex,
  viewer: Viewer,
  input: {
    bytes: Buffer;
    fileName: string;
    dryRun: boolean;
    profile?: MappingProfile | null;
    /** After parsing, before writing (the CLI prints what it read). */
    onParsed?: (
      read: Pick<LedgerImportReport, 'rows' | 'format' | 'encoding' | 'ignoredColumns' | 'parseMs'>,
    ) => void;
    progress?: (done: number, total: number) => void;
    /** Also build the problem workbook (.xlsx with a 问题 column) when there are problems. */
    withWorkbook?: boolean;
  },
): Promise<LedgerImportReport & { workbook?: Buffer }> {
  const { source } = publisherOf(viewer);
  const t0 = Date.now();
  if (source === FindingSource.PERFORMANCE) {
    const table = await readTable(input.bytes, input.fileName);
    if (table && isEvaluationHeader(table.headers))
      return importEvaluationTable(knex, viewer, table, input, t0);
  }
  const parsed = await parseLedger({
    bytes: input.bytes,
    fileName: input.fileName,
    source,
    options: { profile: input.profile ?? null },
  });
  const parseMs = Date.now() - t0;
  input.onParsed?.({
    rows: parsed.totalRows,
    format: parsed.format,
    encoding: parsed.encoding,
    ignoredColumns: parsed.ignoredColumns,
    parseMs,
  });
  const h = parsed.mappedHeaders;
  const matched = await matchSubjects(knex, parsed.subjects, {
    unitName: h.unitName,
    unitCode: h.unitCode,
    projectName: h.projectName,
    projectCode: h.projectCode,
  });
  const problems: ImportProblem[] = [...parsed.problems, ...matched.problems].sort(
    (a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
  );
  const tWrite = Date.now();
  const rows: PublishRow[] = parsed.rows.map((r) => {
    const m = matched.matches.get(r.rowNumber);
    return { ...r, unitId: m?.unitId ?? undefined, projectId: m?.projectId ?? null } as PublishRow;
  });
  const report = problems.length
    ? null
    : await publishFindings(knex, viewer, rows, { dryRun: input.dryRun, progress: input.progress });
  if (report) problems.push(...report.problems);
  const unitsMatchedBy = matched.byRule;
  const matchedWithoutHelp = Object.entries(unitsMatchedBy)
    .filter(([rule]) => rule !== 'ALIAS')
    .reduce((n, [, c]) => n + (c ?? 0), 0);
  const workbook =
    input.withWorkbook && problems.length
      ? await problemWorkbook(parsed.table, problems, input.fileName)
      : undefined;
  return {
    file: input.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    rows: parsed.totalRows,
    ignoredColumns: parsed.ignoredColumns,
    profile: input.profile?.name ?? null,
    dryRun: input.dryRun,
    written: !problems.length && !input.dryRun,
    created: report?.created ?? 0,
    updated: report?.updated ?? 0,
    unchanged: report?.unchanged ?? 0,
    problems,
    unitsMatchedBy,
    matchedWithoutHelp,
    reviewsWritten: 0,
    parseMs,
    writeMs: Date.now() - tWrite,
    createdIds: report?.createdIds ?? [],
    ...(workbook ? { workbook } : {}),
  };
}

const withoutAliases = (byRule: Partial<Record<MatchRule, number>>) =>
  Object.entries(byRule)
    .filter(([rule]) => rule !== 'ALIAS')
    .reduce((n, [, c]) => n + (c ?? 0), 0);

/**
 * An evaluation-result ledger: every row a review (project, unit, score, grade, method, year,
 * evaluator), its 发现问题 items findings linked to it (reference: the review's reference + “-01”…),
 * all in one transaction: any problem, or any failure while writing, leaves nothing behind.
 */
async function importEvaluationTable(
  knex: Knex,
  viewer: Viewer,
  table: RawTable,
  input: Parameters<typeof importLedgerFile>[2],
  t0: number,
): Promise<LedgerImportReport & { workbook?: Buffer }> {
  const parsed = parseEvaluationTable(table, input.profile?.defaultCategory ?? null);
  const parseMs = Date.now() - t0;
  input.onParsed?.({
    rows: parsed.totalRows,
    format: 'xlsx',
    encoding: null,
    ignoredColumns: parsed.ignoredColumns,
    parseMs,
  });
  const h = parsed.mappedHeaders;
  const matched = await matchSubjects(knex, parsed.subjects, {
    unitName: h.unitName,
    unitCode: h.unitCode,
    projectName: h.projectName,
    projectCode: h.projectCode,
  });
  const evaluators = await matchEvaluators(
    knex,
    parsed.rows.flatMap((r) => (r.evaluator ? [{ rowNumber: r.rowNumber, name: r.evaluator }] : [])),
    h.evaluator ?? '评价机构',
  );
  const problems: ImportProblem[] = [...parsed.problems, ...matched.problems, ...evaluators.problems].sort(
    (a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
  );
  const tWrite = Date.now();
  let created = 0;
  let createdIds: number[] = [];
  let updated = 0;
  let unchanged = 0;
  let reviewsWritten = 0;
  if (!problems.length && !input.dryRun) {
    await knex
      .transaction(async (trx) => {
        const findingRows: PublishRow[] = [];
        for (const r of parsed.rows) {
          const m = matched.matches.get(r.rowNumber)!;
          const subject = r.projectName ?? r.unitName ?? r.unitCode ?? '';
          const change = await publishReview(trx, viewer, {
            sourceRef: r.sourceRef,
            title: `${r.fiscalYear}年度${subject}绩效评价（${r.method}）`,
            reviewType: r.method,
            fiscalYear: r.fiscalYear,
            unit: toGlobalId('Organization', m.unitId!),
            project: m.projectId ? toGlobalId('Project', m.projectId) : null,
            evaluator: evaluators.ids.has(r.rowNumber)
              ? toGlobalId('Organization', evaluators.ids.get(r.rowNumber)!)
              : null,
            score: r.score,
          });
          if (change.changed) reviewsWritten++;
          r.problems.forEach((text, i) => {
            findingRows.push({
              rowNumber: r.rowNumber,
              source: FindingSource.PERFORMANCE,
              sourceRef: `${r.sourceRef}-${String(i + 1).padStart(2, '0')}`,
              title: Array.from(text).slice(0, DEFAULT_TITLE_LENGTH).join(''),
              description: text,
              category: r.category,
              unitCode: null,
              unitName: null,
              projectCode: null,
              projectName: null,
              fiscalYear: r.fiscalYear,
              severity: Severity.MINOR,
              amountInvolved: null,
              sensitivity: Sensitivity.INTERNAL,
              responsiblePerson: null,
              responsiblePhone: null,
              indicatorName: null,
              scoreDeducted: null,
              unitId: m.unitId!,
              projectId: m.projectId,
              reviewId: change.review.dbId,
            });
          });
        }
        const rep = await publishFindings(trx, viewer, findingRows, {
          dryRun: false,
          progress: input.progress,
        });
        if (rep.problems.length) throw new EvaluationImportFailed(rep.problems);
        created = rep.created;
        createdIds = rep.createdIds;
        updated = rep.updated;
        unchanged = rep.unchanged;
      })
      .catch((e: unknown) => {
        createdIds = [];
        if (e instanceof EvaluationImportFailed) problems.push(...e.problems);
        else throw e;
      });
  }
  const workbook =
    input.withWorkbook && problems.length
      ? await problemWorkbook(table, problems, input.fileName)
      : undefined;
  return {
    file: input.fileName,
    format: /\.csv$/i.test(input.fileName) ? 'csv' : 'xlsx',
    encoding: null,
    rows: parsed.totalRows,
    ignoredColumns: parsed.ignoredColumns,
    profile: input.profile?.name ?? null,
    dryRun: input.dryRun,
    written: !problems.length && !input.dryRun,
    created,
    updated,
    unchanged,
    problems,
    unitsMatchedBy: matched.byRule,
    matchedWithoutHelp: withoutAliases(matched.byRule),
    reviewsWritten,
    parseMs,
    writeMs: Date.now() - tWrite,
    createdIds,
    ...(workbook ? { workbook } : {}),
  };
}

/** Rolls the evaluation import's transaction back with the problems publishFindings found. */
class EvaluationImportFailed extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('evaluation import failed');
  }
}
