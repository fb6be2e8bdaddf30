/**
 * `npm run import -- <file> --org <code> [--source AUDIT] [--profile NAME] [--dry-run] [--problems-out 问题清单.xlsx] [--user name]`
 * Publishes an agency's ledger (.xlsx, .csv in UTF-8 or GBK/GB18030, .json) into the hub, all or
 * nothing, and prints a report: every problem with its row, column and code.
 *
 * The source is the organisation's own (what it has published so far); `--source` is needed only
 * for an agency that has published nothing yet, and another agency's source is refused.
 * While a hub runs on the embedded data folder, the import goes through its HTTP API
 * (POST /findings/import, the same parse and publish path); otherwise it opens the database.
 *
 * `--profile` reads the ledger with one of the agency's saved import profiles (导入方案, saved through
 * GraphQL importProfileSave); `--problems-out` writes the problem workbook (the ledger with a 问题
 * column beside each row) when the ledger has problems.
 *
 * Exit codes: 0 written (or a clean dry run), 1 problems in the ledger (nothing written) or a failure,
 * 2 a wrong command (arguments, unreadable file, --org that cannot publish, foreign --source).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type HubConfig } from '../config.js';
import { openDatabaseOrHub } from '../db/database.js';
import type { DatabaseHandle } from '../db/database.js';
import type { RunningHubInfo } from '../db/running-hub.js';
import { FindingSource, type Role } from '../shared/enums.js';
import type { LedgerImportReport } from '../modules/publishing/ledger-import.js';
import { cliToken, hubFetch, HubRequestError, throughHubLine } from './hub-client.js';

const USAGE =
  'usage: npm run import -- <file.xlsx|.csv|.json> --org <agency code> [--source AUDIT] [--profile NAME] [--dry-run] [--problems-out file.xlsx] [--user name]';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(USAGE);
  process.exit(2);
}

let parsedArgs;
try {
  parsedArgs = parseArgs({
    allowPositionals: true,
    options: {
      org: { type: 'string' },
      source: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      profile: { type: 'string' },
      'problems-out': { type: 'string' },
      user: { type: 'string', default: 'cli-import' },
    },
  });
} catch (e) {
  usage((e as Error).message);
}
const { values, positionals } = parsedArgs;
const file = positionals[0];
if (!file || !values.org || positionals.length > 1) usage();
const org = values.org;
const dryRun = values['dry-run']!;
const profileName = values.profile ?? null;
const problemsOut = values['problems-out'] ?? null;
if (problemsOut !== null && !problemsOut.toLowerCase().endsWith('.xlsx'))
  usage('--problems-out names an .xlsx file');
const requested = (values.source?.toUpperCase() ?? null) as FindingSource | null;
if (requested !== null && !Object.values(FindingSource).includes(requested)) {
  usage(`--source must be one of ${Object.values(FindingSource).join(', ')}`);
}

// the file first: a wrong path is one line, before any database is opened
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch (e) {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder, not a ledger file'
        : code === 'EACCES'
          ? 'permission denied'
          : (e as Error).message;
  console.error(`cannot read ${path.resolve(file)}: ${why}`);
  process.exit(2);
}
const fileName = path.basename(file);
const t0 = Date.now();

/** A command that cannot run as given: one line, exit code 2. */
class WrongCommand extends Error {}

function printRead(
  r: Pick<LedgerImportReport, 'rows' | 'format' | 'encoding' | 'ignoredColumns' | 'parseMs'>,
) {
  console.error(
    `read ${r.rows} rows (${r.format ?? 'unknown format'}${r.encoding ? ', ' + r.encoding : ''}) in ${r.parseMs} ms`,
  );
  if (r.ignoredColumns.length) console.error(`ignored columns: ${r.ignoredColumns.join(', ')}`);
}

/** Problems on stdout (row, column, code, message), then the summary; exit code 1 on problems. */
function report(r: LedgerImportReport, extra: Record<string, unknown> = {}): number {
  for (const p of r.problems)
    console.log(`${p.rowNumber ?? '-'}\t${p.column ?? '-'}\t${p.code}\t${p.message}`);
  console.log(
    JSON.stringify({
      file: fileName,
      rows: r.rows,
      dryRun: r.dryRun,
      written: r.written,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      problems: r.problems.length,
      profile: r.profile,
      unitsMatchedBy: r.unitsMatchedBy,
      matchedWithoutHelp: r.matchedWithoutHelp,
      reviewsWritten: r.reviewsWritten,
      ms: Date.now() - t0,
      // the rate of reading and writing the rows, without opening the database
      rowsPerSecond: Math.round(r.rows / (Math.max(1, r.parseMs + r.writeMs) / 1000)),
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
      ...extra,
    }),
  );
  if (!r.problems.length) return 0;
  console.error(`${r.problems.length} problem(s): nothing was written`);
  return 1;
}

function writeWorkbook(workbook: Buffer) {
  writeFileSync(problemsOut!, workbook);
  console.error(`problem workbook: ${path.resolve(problemsOut!)}`);
}

/** On a database of its own (DATABASE_URL, or the embedded folder when no hub runs). */
async function importDirect(db: DatabaseHandle): Promise<number> {
  // loaded only here: the ORM's modules take a while, and through a hub they are not needed
  const { migrateUp, openOrm } = await import('../db/orm.js');
  const [
    { makeViewer },
    { loadSharingState },
    { importLedgerFile },
    { PublisherProblem, resolvePublisher },
    { profileForImport },
    { UserInputProblem },
  ] = await Promise.all([
    import('../auth/viewer.js'),
    import('../policy/sharing.js'),
    import('../modules/publishing/ledger-import.js'),
    import('../modules/publishing/publisher.js'),
    import('../modules/intake/index.js'),
    import('../shared/user-error.js'),
  ]);
  const orm = await openOrm(db.url, db.poolMax);
  try {
    await migrateUp(orm);
    const knex = orm.em.getKnex();
    let publisher;
    try {
      publisher = await resolvePublisher(knex, org, requested);
    } catch (e) {
      if (e instanceof PublisherProblem) throw new WrongCommand(e.message);
      throw e;
    }
    const viewer = makeViewer(publisher.role, { id: publisher.id, code: publisher.code }, values.user!);
    viewer.sharing = await loadSharingState(knex, publisher.id);
    let profile = null;
    try {
      profile = profileName ? await profileForImport(knex, viewer, profileName) : null;
    } catch (e) {
      if (e instanceof UserInputProblem) throw new WrongCommand(`${e.message} (--profile)`);
      throw e;
    }
    let progressShown = false;
    const { workbook, ...r } = await importLedgerFile(knex, viewer, {
      bytes,
      fileName,
      dryRun,
      profile,
      withWorkbook: problemsOut !== null,
      onParsed: printRead,
      progress: (done, total) => {
        progressShown = true;
        process.stderr.write(`\r  writing ${done}/${total}`);
      },
    });
    if (progressShown) process.stderr.write('\n');
    if (workbook) writeWorkbook(workbook);
    return report(r);
  } finally {
    await orm.close();
  }
}

/** Through the running hub's HTTP API: same checks, same parse and publish, in the hub's process. */
async function importThroughHub(config: HubConfig, hub: RunningHubInfo): Promise<number> {
  console.error(throughHubLine(config, hub));
  const q = new URLSearchParams({ org, ...(requested ? { source: requested } : {}) });
  let publisher: { code: string; source: FindingSource; role: Role };
  try {
    publisher = (await (
      await hubFetch(config, hub, `/findings/import/publisher?${q}`)
    ).json()) as typeof publisher;
  } catch (e) {
    // the hub's refusal of the organisation or the source: a wrong command, as without a hub
    if (e instanceof HubRequestError && e.status !== null && e.status < 500 && e.status !== 401)
      throw new WrongCommand(e.message);
    throw e;
  }
  const token = await cliToken(config, { sub: values.user!, role: publisher.role, org: publisher.code });
  const post = (extra: Record<string, string>) =>
    hubFetch(
      config,
      hub,
      `/findings/import?${new URLSearchParams({
        fileName,
        dryRun: String(dryRun),
        ...(profileName ? { profile: profileName } : {}),
        ...extra,
      })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: bytes,
      },
    );
  let res;
  try {
    res = await post({});
  } catch (e) {
    if (e instanceof HubRequestError && e.status === 400 && profileName) throw new WrongCommand(e.message);
    throw e;
  }
  const r = (await res.json()) as LedgerImportReport;
  printRead(r);
  if (r.problems.length && problemsOut !== null) {
    // the same file again as a dry run, answered with the workbook (nothing was written the first time)
    const wb = await post({ dryRun: 'true', problems: 'xlsx' });
    writeWorkbook(Buffer.from(await wb.arrayBuffer()));
  }
  const n = r.created + r.updated;
  if (r.written && n) console.error(`  writing ${n}/${n}`);
  return report(r, { hub: hub.url });
}

const config = loadConfig();
const target = await openDatabaseOrHub(config);
let exit = 0;
try {
  exit = target.hub ? await importThroughHub(config, target.hub) : await importDirect(target.db);
} catch (e) {
  if (e instanceof WrongCommand) {
    console.error(e.message);
    exit = 2;
  } else {
    console.error(e instanceof Error ? e.message : e);
    exit = 1;
  }
} finally {
  await target.db?.stop();
}
process.exit(exit);
