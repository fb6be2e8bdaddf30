/**
 * `npm run import -- <file> --org <code> [--source AUDIT] [--dry-run] [--user name]`
 * Publishes an agency's ledger (.xlsx, .csv in UTF-8 or GBK/GB18030, .json) into the hub, all or
 * nothing, and prints a report: every problem with its row, column and code. Exit code 1 on problems.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabaseForCli } from '../db/database.js';
import { migrateUp, openOrm } from '../db/orm.js';
import { makeViewer } from '../auth/viewer.js';
import { FindingSource, Role, SOURCE_OF_ROLE } from '../shared/enums.js';
import { parseLedger } from '../modules/import/index.js';
import { publishFindings, type PublishRow } from '../modules/publishing/publishing.service.js';
import { loadSharingState } from '../policy/sharing.js';
import { DEMO_ORG_OF_ROLE } from '../seed/generator.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    user: { type: 'string', default: 'cli-import' },
  },
});
const file = positionals[0];
if (!file || !values.org) {
  console.error(
    'usage: npm run import -- <file.xlsx|.csv|.json> --org <agency code> [--source AUDIT] [--dry-run]',
  );
  process.exit(2);
}
const roleOfSource = Object.fromEntries(Object.entries(SOURCE_OF_ROLE).map(([r, s]) => [s, r as Role]));
const demoRole = Object.entries(DEMO_ORG_OF_ROLE).find(([, code]) => code === values.org)?.[0] as
  Role | undefined;
const source = (values.source?.toUpperCase() ?? (demoRole ? SOURCE_OF_ROLE[demoRole] : undefined)) as
  FindingSource | undefined;
if (!source || !Object.values(FindingSource).includes(source)) {
  console.error(`name the ledger's source with --source (${Object.values(FindingSource).join('|')})`);
  process.exit(2);
}

const t0 = Date.now();
const bytes = readFileSync(file);
const parsed = await parseLedger({ bytes, fileName: path.basename(file), source });
const parseMs = Date.now() - t0;
console.error(
  `read ${parsed.totalRows} rows (${parsed.format}${parsed.encoding ? ', ' + parsed.encoding : ''}) in ${Date.now() - t0} ms`,
);
if (parsed.ignoredColumns.length) console.error(`ignored columns: ${parsed.ignoredColumns.join(', ')}`);

const config = loadConfig();
const db = await openDatabaseForCli(config);
const orm = await openOrm(db.url, db.poolMax);
let exit = 0;
try {
  await migrateUp(orm);
  const knex = orm.em.getKnex();
  const org = (await knex('organization').select('id', 'code', 'kind').where('code', values.org).first()) as
    { id: number; code: string; kind: string } | undefined;
  if (!org || org.kind !== 'OVERSIGHT_AGENCY') throw new Error(`no oversight agency with code ${values.org}`);
  const viewer = makeViewer(roleOfSource[source]!, { id: org.id, code: org.code }, values.user!);
  viewer.sharing = await loadSharingState(knex, org.id);
  const problems: { rowNumber: number | null; column: string | null; code: string; message: string }[] = [
    ...parsed.problems,
  ];
  let report;
  const tWrite = Date.now();
  if (!problems.length) {
    report = await publishFindings(knex, viewer, parsed.rows as PublishRow[], {
      dryRun: values['dry-run']!,
      progress: (done, total) => process.stderr.write(`\r  writing ${done}/${total}`),
    });
    if (report.created + report.updated) process.stderr.write('\n');
    problems.push(...report.problems);
  }
  for (const p of problems) console.log(`${p.rowNumber ?? '-'}\t${p.column ?? '-'}\t${p.code}\t${p.message}`);
  const summary = {
    file: path.basename(file),
    rows: parsed.totalRows,
    dryRun: values['dry-run'],
    written: !problems.length && !values['dry-run'],
    created: report?.created ?? 0,
    updated: report?.updated ?? 0,
    unchanged: report?.unchanged ?? 0,
    problems: problems.length,
    ms: Date.now() - t0,
    // the rate of reading and writing the rows, without opening the database
    rowsPerSecond: Math.round(parsed.totalRows / ((parseMs + Date.now() - tWrite) / 1000)),
    rssMB: Math.round(process.memoryUsage().rss / 1048576),
  };
  console.log(JSON.stringify(summary));
  if (problems.length) {
    console.error(`${problems.length} problem(s): nothing was written`);
    exit = 1;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  exit = 1;
} finally {
  await orm.close();
  await db.stop();
}
process.exit(exit);
