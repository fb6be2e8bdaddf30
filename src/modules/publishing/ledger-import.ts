/**
 * A ledger file into the hub: parse (src/modules/import) as the viewer's source, then publish
 * (publishFindings: all or nothing, one transaction). The one path behind `npm run import` on a
 * database of its own and `POST /findings/import` of the running hub.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { publisherOf } from '../../policy/publishing.js';
import { parseLedger, type LedgerFormat, type LedgerEncoding } from '../import/index.js';
import { publishFindings, type ImportProblem, type PublishRow } from './publishing.service.js';

export interface LedgerImportReport {
  file: string;
  format: LedgerFormat | null;
  encoding: LedgerEncoding | null;
  /** Data rows read from the file. */
  rows: number;
  /** Headers of the file that this source's ledger does not use (not an error). */
  ignoredColumns: string[];
  dryRun: boolean;
  /** True when the rows were written (no problems, not a dry run). */
  written: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Every problem with its row and column; any problem means nothing was written. */
  problems: ImportProblem[];
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
    /** After parsing, before writing (the CLI prints what it read). */
    onParsed?: (
      read: Pick<LedgerImportReport, 'rows' | 'format' | 'encoding' | 'ignoredColumns' | 'parseMs'>,
    ) => void;
    progress?: (done: number, total: number) => void;
  },
): Promise<LedgerImportReport> {
  const { source } = publisherOf(viewer);
  const t0 = Date.now();
  const parsed = await parseLedger({ bytes: input.bytes, fileName: input.fileName, source });
  const parseMs = Date.now() - t0;
  input.onParsed?.({
    rows: parsed.totalRows,
    format: parsed.format,
    encoding: parsed.encoding,
    ignoredColumns: parsed.ignoredColumns,
    parseMs,
  });
  const problems: ImportProblem[] = [...parsed.problems];
  const tWrite = Date.now();
  const report = problems.length
    ? null
    : await publishFindings(knex, viewer, parsed.rows as PublishRow[], {
        dryRun: input.dryRun,
        progress: input.progress,
      });
  if (report) problems.push(...report.problems);
  return {
    file: input.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    rows: parsed.totalRows,
    ignoredColumns: parsed.ignoredColumns,
    dryRun: input.dryRun,
    written: !problems.length && !input.dryRun,
    created: report?.created ?? 0,
    updated: report?.updated ?? 0,
    unchanged: report?.unchanged ?? 0,
    problems,
    parseMs,
    writeMs: Date.now() - tWrite,
  };
}
