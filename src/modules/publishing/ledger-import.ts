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
import {
  parseLedger,
  problemWorkbook,
  type LedgerEncoding,
  type LedgerFormat,
  type MappingProfile,
} from '../import/index.js';
import { matchSubjects, type MatchRule } from '../intake/index.js';
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
  /** Rows whose unit matched without an alias an agency registered (the importer's own rules). */
  matchedWithoutHelp: number;
  parseMs: number;
  writeMs: number;
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
    parseMs,
    writeMs: Date.now() - tWrite,
    ...(workbook ? { workbook } : {}),
  };
}
