/**
 * Benchmark harness: `npx tsx bench/run.ts [--scale 100] [--duration 10] [--connections 10] [--only name]`.
 *
 * Creates a throw-away database on the local PostgreSQL, applies the migrations, seeds the demo data
 * set at --scale, starts the real HTTP server twice in this process (graphql-shield on and off), checks
 * every scenario's answer, then loads each scenario with autocannon (in a worker thread, so the client
 * does not share the server's event loop) and writes bench/results/<time>.json and scenarios-latest.md.
 * The database is dropped at the end, on error and on ctrl-c. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { loadConfig, type HubConfig } from '../src/config.js';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { createLogger } from '../src/logger.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { seedDemo, type SeedCounts } from '../src/seed/generator.js';
import { startServer, type RunningServer } from '../src/server.js';
import { signToken } from '../src/auth/tokens.js';
import { toGlobalId } from '../src/shared/global-id.js';
import { Role } from '../src/shared/enums.js';
import { renderMarkdown } from './report.js';
import type {
  BenchResults,
  DeepPageResult,
  ExplainResult,
  LoadRun,
  ScenarioResult,
  SqlProfile,
  SqlStatement,
} from './types.js';

const BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const VERIFY_BODY = path.join(BENCH_DIR, 'verify-body.cjs');
/** Fixed secret, only for this process's own tokens (48 characters). */
const BENCH_SECRET = 'bench-only-secret-0123456789abcdefghijklmnopqrst';
const SEED_BUDGET_MS = 5 * 60_000;

// ---------------------------------------------------------------------------------------------- args

// `--compare` / `--quick`: the side-by-side run (hub, PostGraphile, hand-written SQL) of bench/compare.ts
// instead of this shield on/off run; it owns its options, cleanup and exit status.
if (process.argv.slice(2).some((x) => x === '--compare' || x === '--quick')) {
  const { runCompare } = await import('./compare.js');
  const code = await runCompare(process.argv.slice(2));
  // autocannon's worker threads and pg's idle timers must not keep the process alive
  process.exit(code);
}

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '100' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.log(
    'npx tsx bench/run.ts [--scale 100] [--duration 10] [--connections 10] [--warmup 2] [--only name[,name]]',
  );
  process.exit(0);
}
const scale = Number(args.scale);
const duration = Number(args.duration);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
for (const [name, v] of Object.entries({ scale, duration, connections, warmup })) {
  if (!(v >= 0) || (name !== 'warmup' && v === 0)) {
    console.error(`--${name} must be a positive number`);
    process.exit(2);
  }
}
const only = args.only
  ? args.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  : null;
/** `--only nested100` selects nested100 and nested100-discipline; `--only nested100-discipline` just that. */
const selected = (name: string) => !only || only.some((o) => name === o || name.startsWith(o + '-'));

// ------------------------------------------------------------------------------------------- cleanup

const cleanups: { what: string; fn: () => Promise<void> }[] = [];
let cleaning: Promise<void> | null = null;
let running: autocannon.Instance | null = null;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    running?.stop();
    for (const c of cleanups.reverse()) {
      try {
        await c.fn();
        console.log(`  cleanup: ${c.what}`);
      } catch (e) {
        console.error(`  cleanup of ${c.what} failed:`, e);
      }
    }
  })();
  return cleaning;
}
// a closed stdout (e.g. `| head`) must not kill the process before the database is dropped
process.stdout.on('error', () => {});
for (const ev of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(ev, (e: unknown) => {
    console.error(`\n${ev}:`, e);
    void cleanup().finally(() => process.exit(1));
  });
}
// ctrl-c reaches this process twice (from the terminal's process group and relayed by tsx): keep a
// handler installed, so the second signal does not kill the process in the middle of the cleanup
let signalled = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (signalled) return;
    signalled = true;
    console.error(`\n${sig}: stopping, dropping the benchmark database`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ------------------------------------------------------------------------------------------- helpers

const t = () => performance.now();
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const elapsed = (t0: number) => `${((t() - t0) / 1000).toFixed(1)}s`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface GqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}
interface GqlResponse {
  status: number;
  ms: number;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors: GqlError[];
}

async function gql(url: string, token: string, query: string, variables?: object): Promise<GqlResponse> {
  const t0 = t();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: unknown; errors?: GqlError[] };
  return { status: res.status, ms: t() - t0, data: json.data ?? null, errors: json.errors ?? [] };
}

/** Throws unless the answer is HTTP 200 with no error other than FORBIDDEN. */
function assertClean(what: string, r: GqlResponse): void {
  const bad = r.errors.filter((e) => e.extensions?.code !== 'FORBIDDEN');
  if (r.status !== 200 || bad.length) {
    throw new Error(
      `${what}: HTTP ${r.status}, ${bad.length} unexpected error(s): ` +
        JSON.stringify(
          bad.slice(0, 3).map((e) => ({ code: e.extensions?.code, msg: e.message, path: e.path })),
        ),
    );
  }
}

/** Records every SQL statement knex runs while `fn` runs (nothing else may use the pool meanwhile). */
async function captureSql<T>(
  knex: Knex,
  fn: () => Promise<T>,
): Promise<{ result: T; statements: SqlStatement[] }> {
  const started = new Map<string, { sql: string; bindings: unknown[]; at: number }>();
  const statements: SqlStatement[] = [];
  const onQuery = (q: { __knexQueryUid: string; sql: string; bindings?: unknown[] }) => {
    started.set(q.__knexQueryUid, { sql: q.sql, bindings: q.bindings ?? [], at: t() });
  };
  const onDone = (response: unknown, q: { __knexQueryUid: string }) => {
    const s = started.get(q.__knexQueryUid);
    if (!s) return;
    started.delete(q.__knexQueryUid);
    const rows = Array.isArray(response)
      ? response.length
      : response && typeof response === 'object'
        ? 1
        : null;
    statements.push({ sql: s.sql, bindings: s.bindings, ms: round(t() - s.at, 2), rows });
  };
  const onError = (_e: unknown, q: { __knexQueryUid: string }) => onDone(null, q);
  knex.on('query', onQuery);
  knex.on('query-response', onDone);
  knex.on('query-error', onError);
  try {
    const result = await fn();
    return { result, statements };
  } finally {
    knex.removeListener('query', onQuery);
    knex.removeListener('query-response', onDone);
    knex.removeListener('query-error', onError);
  }
}

/** A short label for a statement: "finding page", "finding count", "organization by id", "insert access_log"… */
function stmtKind(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '?';
  if (verb !== 'select') return `${verb} ${/(?:into|update|from)\s+"(\w+)"/i.exec(sql)?.[1] ?? '?'}`;
  const table = /\bfrom\s+"(\w+)"/i.exec(sql)?.[1] ?? '?';
  if (/\bcount\(\*\)/i.test(sql)) return `${table} count`;
  if (/\blimit\b/i.test(sql) && /\border by\b/i.test(sql)) return `${table} page`;
  if (/"?id"? in \(/i.test(sql)) return `${table} by id`;
  return table;
}
const isFindingListSql = (sql: string) => ['finding page', 'finding count'].includes(stmtKind(sql));

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Sort Method'?: string;
  'Workers Launched'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE, BUFFERS) of one captured statement: timing and how `finding` was read. */
async function explain(knex: Knex, label: string, s: SqlStatement): Promise<ExplainResult> {
  // knex reports pg's native SQL ($1, $2 …); knex.raw wants ? placeholders, in order of appearance
  const bindings: Knex.RawBinding[] = [];
  const sql = s.sql.replace(/\$(\d+)/g, (_m, i: string) => {
    bindings.push(s.bindings[Number(i) - 1] as Knex.RawBinding);
    return '?';
  });
  const run = async () => {
    const r = await knex.raw(`explain (analyze, buffers, format json) ${sql}`, bindings);
    return (
      r.rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }[]
    )[0]!;
  };
  await run(); // warm the cache; the second run is the one reported
  const j = await run();
  const text = (await knex.raw(`explain (analyze, buffers) ${sql}`, bindings)).rows
    .map((r: Record<string, string>) => r['QUERY PLAN'])
    .join('\n');
  const access: string[] = [];
  const nodes: string[] = [];
  const walk = (n: PlanNode, under: string | null) => {
    nodes.push(n['Node Type']);
    if (n['Relation Name'] === 'finding') {
      if (n['Node Type'] === 'Seq Scan') {
        access.push(`Seq Scan (rows removed by filter: ${n['Rows Removed by Filter'] ?? 0})`);
      } else if (n['Node Type'] === 'Bitmap Heap Scan') {
        const idx: string[] = [];
        const collect = (c: PlanNode) => {
          if (c['Index Name']) idx.push(c['Index Name']);
          c.Plans?.forEach(collect);
        };
        n.Plans?.forEach(collect);
        access.push(`Bitmap Heap Scan via ${idx.join(' + ')}`);
      } else if (n['Index Name']) {
        access.push(
          `${n['Node Type']} using ${n['Index Name']}` +
            (n['Rows Removed by Filter'] ? ` (rows removed by filter: ${n['Rows Removed by Filter']})` : ''),
        );
      } else access.push(n['Node Type']);
    }
    n.Plans?.forEach((c) => walk(c, n['Node Type'] ?? under));
  };
  walk(j.Plan, null);
  const sort = (() => {
    const find = (n: PlanNode): string | undefined =>
      n['Sort Method'] ?? n.Plans?.map(find).find((x) => x !== undefined);
    return find(j.Plan);
  })();
  const findingAccess = access.length ? access.join('; ') : 'finding not read';
  return {
    label,
    kind: stmtKind(sql),
    sql,
    bindings: s.bindings,
    planningMs: round(j['Planning Time'], 2),
    executionMs: round(j['Execution Time'], 2),
    totalMs: round(j['Planning Time'] + j['Execution Time'], 2),
    findingAccess,
    usesSeqScan: access.some((a) => a.startsWith('Seq Scan')),
    usesIndex: access.some((a) => / using | via /.test(a)),
    sortMethod: sort ?? null,
    sharedHitBlocks: j.Plan['Shared Hit Blocks'] ?? 0,
    sharedReadBlocks: j.Plan['Shared Read Blocks'] ?? 0,
    topNode: j.Plan['Node Type'],
    plan: text,
  };
}

function cannon(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    running = autocannon(opts, (err, res) => {
      running = null;
      if (err) reject(err);
      else resolve(res);
    });
  });
}

async function load(url: string, token: string, query: string, variables?: object): Promise<LoadRun> {
  const opts: autocannon.Options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    connections,
    workers: 1,
    verifyBody: VERIFY_BODY,
    timeout: 30,
  };
  if (warmup > 0) await cannon({ ...opts, duration: warmup });
  const r = await cannon({ ...opts, duration });
  const total = r['2xx'] + r.non2xx;
  return {
    reqPerSec: round(r.requests.mean, 1),
    requestsTotal: total,
    durationS: r.duration,
    latencyMs: {
      mean: round(r.latency.mean, 2),
      p50: r.latency.p50,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    gqlErrorResponses: r.mismatches,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
  };
}

function describeRun(name: string, shield: string, r: LoadRun): string {
  const bad = r.errors + r.non2xx + r.gqlErrorResponses;
  return (
    `  [${name} shield=${shield}] ${r.reqPerSec} req/s, p50 ${r.latencyMs.p50} ms, p97.5 ${r.latencyMs.p97_5} ms, ` +
    `p99 ${r.latencyMs.p99} ms, ${r.requestsTotal} requests` +
    (bad ? `, ${r.errors} errors / ${r.non2xx} non-2xx / ${r.gqlErrorResponses} with GraphQL errors` : '')
  );
}

const sh = (cmd: string, argv: string[]) => {
  try {
    return execFileSync(cmd, argv, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trimEnd();
  } catch {
    return null;
  }
};

// ----------------------------------------------------------------------------------------- scenarios

type Data = any; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Scenario {
  name: string;
  what: string;
  role: 'FINANCE' | 'DISCIPLINE';
  query: string;
  variables?: Record<string, unknown>;
  /** Problems with an answer (empty = as expected). */
  check(data: Data, errors: GqlError[]): string[];
  /** Facts about the answer worth reporting (e.g. how many rows had a project). */
  shape?(data: Data, errors: GqlError[]): Record<string, number>;
  explain: boolean;
}

interface Oracle {
  filteredCount: number;
  searchCount: number;
  projectId: number;
  projectFindings: number;
  projectReviews: number;
}

function scenarios(o: Oracle): Scenario[] {
  const count = (xs: unknown[] | undefined, n: number, what: string) =>
    xs?.length === n ? [] : [`${what}: expected ${n} rows, got ${xs?.length ?? 'none'}`];
  const nested = (role: 'FINANCE' | 'DISCIPLINE'): Scenario => ({
    name: role === 'FINANCE' ? 'nested100' : 'nested100-discipline',
    what: 'findings(first: 100), no filter, with unit, project { name ownerUnit { name } } and review { title score grade }',
    role,
    query: `query Nested100 { findings(first: 100) { nodes { id title unit { name } project { name ownerUnit { name } } review { title score grade } } } }`,
    check: (d) => count(d?.findings?.nodes, 100, 'nodes'),
    shape: (d, errors) => {
      const nodes = (d?.findings?.nodes ?? []) as Data[];
      return {
        rows: nodes.length,
        rowsWithTitle: nodes.filter((n) => n.title != null).length,
        rowsWithProject: nodes.filter((n) => n.project != null).length,
        rowsWithReview: nodes.filter((n) => n.review != null).length,
        forbiddenErrors: errors.filter((e) => e.extensions?.code === 'FORBIDDEN').length,
      };
    },
    explain: false,
  });
  const pageOf = (n: number, total: number) => Math.min(n, total);
  return [
    {
      name: 'list100',
      what: 'findings(first: 100, sources: [AUDIT]) with id, title, amountInvolved and unit { name }',
      role: 'FINANCE',
      query: `query List100 { findings(first: 100, filterBy: { sources: [AUDIT] }) { nodes { id title amountInvolved unit { name } } } }`,
      check: (d) => [
        ...count(d?.findings?.nodes, 100, 'nodes'),
        ...(((d?.findings?.nodes ?? []) as Data[]).some((n) => n.title == null || n.unit?.name == null)
          ? ['some AUDIT row came back without title or unit name']
          : []),
      ],
      explain: true,
    },
    nested('FINANCE'),
    nested('DISCIPLINE'),
    {
      name: 'filtered',
      what: 'first: 20, fiscalYears [2024], severities [SERIOUS], amountMin 100000.00, order AMOUNT_INVOLVED DESC, with totalCount',
      role: 'FINANCE',
      query: `query Filtered { findings(first: 20, filterBy: { fiscalYears: [2024], severities: [SERIOUS], amountMin: "100000.00" }, orderBy: { field: AMOUNT_INVOLVED, direction: DESC }) { totalCount nodes { title amountInvolved } } }`,
      check: (d) => {
        const c = d?.findings;
        const nodes = (c?.nodes ?? []) as Data[];
        const amounts = nodes.map((n) => Number(n.amountInvolved));
        return [
          ...(c?.totalCount === o.filteredCount
            ? []
            : [`totalCount ${c?.totalCount}, expected ${o.filteredCount} (SQL oracle)`]),
          ...count(nodes, pageOf(20, o.filteredCount), 'nodes'),
          ...(amounts.every((a, i) => a >= 100000 && (i === 0 || a <= amounts[i - 1]!))
            ? []
            : ['amounts not all >= 100000 and descending']),
        ];
      },
      explain: true,
    },
    {
      name: 'search',
      what: 'first: 20, search "专项资金" (ILIKE on title || description, trigram index), with totalCount',
      role: 'FINANCE',
      query: `query Search { findings(first: 20, filterBy: { search: "专项资金" }) { totalCount nodes { title } } }`,
      check: (d) => [
        ...(d?.findings?.totalCount === o.searchCount
          ? []
          : [`totalCount ${d?.findings?.totalCount}, expected ${o.searchCount} (SQL oracle)`]),
        ...count(d?.findings?.nodes, pageOf(20, o.searchCount), 'nodes'),
      ],
      explain: true,
    },
    {
      name: 'project360',
      what: 'project(id) { reviews(first: 10) findings(first: 50) { totalCount } } on the project with most findings',
      role: 'FINANCE',
      query: `query Project360($id: ID!) { project(id: $id) { reviews(first: 10) { nodes { title } } findings(first: 50) { totalCount nodes { title } } } }`,
      variables: { id: toGlobalId('Project', o.projectId) },
      check: (d) => {
        const p = d?.project;
        if (!p) return ['project not found'];
        return [
          ...(p.findings.totalCount === o.projectFindings
            ? []
            : [`findings.totalCount ${p.findings.totalCount}, expected ${o.projectFindings}`]),
          ...count(p.findings.nodes, pageOf(50, o.projectFindings), 'findings'),
          ...count(p.reviews.nodes, pageOf(10, o.projectReviews), 'reviews'),
        ];
      },
      explain: true,
    },
  ];
}

/** Scenarios run under load with shield on and off; the rest with shield on only. */
const BOTH_WAYS = new Set(['list100', 'nested100', 'nested100-discipline', 'filtered', 'search']);

const DEEP_QUERY = `query DeepPage($after: String, $order: FindingOrder) {
  findings(first: 100, after: $after, orderBy: $order) { pageInfo { hasNextPage endCursor } nodes { id title } }
}`;
const DEEP_VARIANTS: { name: string; what: string; order: object | null }[] = [
  { name: 'deepPage', what: 'default order (id DESC): keyset on the primary key', order: null },
  {
    name: 'deepPage-amount',
    what: 'orderBy AMOUNT_INVOLVED DESC: keyset on a permission-dependent expression',
    order: { field: 'AMOUNT_INVOLVED', direction: 'DESC' },
  },
];
const DEEP_PAGES = 20;
const DEEP_WALKS = 4; // the first is a warm-up
const DEEP_BUDGET_MS = 90_000;

// -------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const startedAt = new Date();
  const T0 = t();
  process.env.HUB_JWT_SECRET ??= BENCH_SECRET;
  const config: HubConfig = { ...loadConfig(), host: '127.0.0.1' };
  const log = createLogger('silent');

  const dirty = (sh('git', ['status', '--porcelain']) ?? '').split('\n').filter(Boolean);
  const git = { commit: sh('git', ['rev-parse', '--short', 'HEAD']), dirtyFiles: dirty.length, dirty };
  console.log(
    `bench: scale ${scale}, ${duration}s × ${connections} connections (+${warmup}s warm-up), ` +
      `${os.availableParallelism()} cores, node ${process.version}, commit ${git.commit}` +
      (git.dirtyFiles ? ` + ${git.dirtyFiles} uncommitted file(s)` : ''),
  );

  // 1. database
  const fresh = await freshDatabase(BASE_URL, 'hub_bench');
  const dbName = new URL(fresh.url).pathname.slice(1);
  cleanups.push({ what: `dropped database ${dbName}`, fn: fresh.drop });
  console.log(`database ${dbName} created`);
  const orm: MikroORM = await openOrm(fresh.url, config.dbPoolMax);
  cleanups.push({ what: 'closed the ORM pool', fn: () => orm.close() });
  const migrations = await migrateUp(orm);
  console.log(`migrations applied: ${migrations.join(', ')}`);
  const knex = orm.em.getKnex() as unknown as Knex;

  const tSeed = t();
  let lastLine = 0;
  const counts: SeedCounts = await seedDemo(knex, {
    scale,
    progress: (line) => {
      const isFinding = line.startsWith('findings:');
      if (isFinding && t() - lastLine < 5000) return;
      lastLine = t();
      console.log(`  seed ${elapsed(tSeed)}  ${line}`);
    },
  });
  const seedMs = t() - tSeed;
  const tAnalyze = t();
  await knex.raw('vacuum analyze');
  const analyzeMs = t() - tAnalyze;
  const rowCounts: Record<string, number> = {};
  for (const table of ['organization', 'project', 'policy', 'review', 'finding']) {
    const r = await knex.raw(`select count(*)::int as n from "${table}"`);
    rowCounts[table] = r.rows[0].n as number;
  }
  const rowsTotal = Object.values(rowCounts).reduce((a, b) => a + b, 0);
  const dbSize = (await knex.raw('select pg_database_size(current_database())::bigint as b')).rows[0].b;
  const seed = {
    ms: Math.round(seedMs),
    vacuumAnalyzeMs: Math.round(analyzeMs),
    counts,
    rowCounts,
    rowsTotal,
    findingsPerSec: Math.round(rowCounts.finding! / (seedMs / 1000)),
    rowsPerSec: Math.round(rowsTotal / (seedMs / 1000)),
    dbSizeMB: round(Number(dbSize) / 2 ** 20, 1),
    overBudget: seedMs > SEED_BUDGET_MS,
  };
  console.log(
    `seeded in ${(seedMs / 1000).toFixed(1)} s (${seed.rowsPerSec} rows/s, ${seed.findingsPerSec} findings/s), ` +
      `vacuum analyze ${(analyzeMs / 1000).toFixed(1)} s: ${JSON.stringify(rowCounts)}, ${seed.dbSizeMB} MB`,
  );
  if (seed.overBudget) {
    console.log(
      `NOTE: seeding at scale ${scale} took more than ${SEED_BUDGET_MS / 60000} minutes on this machine; ` +
        `pass --scale ${Math.max(1, Math.floor((scale * SEED_BUDGET_MS) / seedMs))} to stay within it.`,
    );
  }

  // 2. servers and tokens
  const schemaOn: GraphQLSchema = applyPermissions(await buildHubSchema());
  const schemaOff: GraphQLSchema = await buildHubSchema();
  const servers: Record<'on' | 'off', RunningServer> = {
    on: await startServer({ config, orm, schema: schemaOn, log, port: 0 }),
    off: await startServer({ config, orm, schema: schemaOff, log, port: 0 }),
  };
  cleanups.push({
    what: 'stopped both HTTP servers',
    fn: () => servers.on.stop().then(() => servers.off.stop()),
  });
  const urlOf = (s: RunningServer) =>
    `http://127.0.0.1:${(s.httpServer.address() as { port: number }).port}/graphql`;
  const url = { on: urlOf(servers.on), off: urlOf(servers.off) };
  console.log(`servers: shield on ${url.on}, shield off ${url.off}`);
  const tokens = {
    FINANCE: await signToken(config, { sub: 'bench-finance', role: Role.FINANCE, org: 'HC-CZJ' }, 4 * 3600),
    DISCIPLINE: await signToken(
      config,
      { sub: 'bench-discipline', role: Role.DISCIPLINE, org: 'HC-JWJW' },
      4 * 3600,
    ),
  };

  // 3. expected answers, computed straight from the tables (FINANCE sees every non-discipline record
  //    that is published or its own; the seed makes no WITHDRAWN rows)
  const czj = (await knex('organization').where({ code: 'HC-CZJ' }).first('id')).id as number;
  const visible = `f.source <> 'DISCIPLINE' and (f.publication_state = 'PUBLISHED' or f.agency_id = ${czj})`;
  const one = async (sql: string, b: Knex.RawBinding[] = []) => Number((await knex.raw(sql, b)).rows[0].n);
  const top = (
    await knex.raw(
      `select project_id as id from finding where project_id is not null group by project_id order by count(*) desc, project_id limit 1`,
    )
  ).rows[0];
  if (!top) throw new Error('no project has findings: the seed is empty?');
  const oracle: Oracle = {
    filteredCount: await one(
      `select count(*) as n from finding f where ${visible} and f.fiscal_year = 2024 and f.severity = 'SERIOUS' and f.amount_involved >= 100000`,
    ),
    searchCount: await one(
      `select count(*) as n from finding f where ${visible} and strpos(f.title || ' ' || f.description, ?) > 0`,
      ['专项资金'],
    ),
    projectId: top.id as number,
    projectFindings: await one(`select count(*) as n from finding f where ${visible} and f.project_id = ?`, [
      top.id,
    ]),
    projectReviews: await one(
      `select count(*) as n from review r where r.project_id = ? and (r.publication_state = 'PUBLISHED' or r.agency_id = ${czj})`,
      [top.id],
    ),
  };
  console.log(`oracle: ${JSON.stringify(oracle)}`);

  // 4. scenarios
  const results: ScenarioResult[] = [];
  for (const sc of scenarios(oracle).filter((s) => selected(s.name))) {
    console.log(`\n${sc.name}: ${sc.what} (${sc.role})`);
    const token = tokens[sc.role];
    const ways: ('on' | 'off')[] = BOTH_WAYS.has(sc.name) ? ['on', 'off'] : ['on'];
    const res: ScenarioResult = {
      name: sc.name,
      what: sc.what,
      role: sc.role,
      query: sc.query,
      variables: sc.variables ?? null,
      shape: {},
      runs: {},
      ratio: null,
      sql: {},
      explain: [],
    };
    // verify, then one profiled request per server
    for (const w of ways) {
      const r = await gql(url[w], token, sc.query, sc.variables);
      assertClean(`${sc.name} shield=${w}`, r);
      const problems = sc.check(r.data, r.errors);
      if (problems.length) throw new Error(`${sc.name} shield=${w}: ${problems.join('; ')}`);
      res.shape[w] = {
        ...(sc.shape?.(r.data, r.errors) ?? {}),
        forbiddenErrors: r.errors.filter((e) => e.extensions?.code === 'FORBIDDEN').length,
      };
      await gql(url[w], token, sc.query, sc.variables); // warm caches (org code cache, plans)
      const cap = await captureSql(knex, () => gql(url[w], token, sc.query, sc.variables));
      assertClean(`${sc.name} shield=${w} (profiled)`, cap.result);
      const profile: SqlProfile = {
        statements: cap.statements.length,
        sqlMs: round(
          cap.statements.reduce((a, s) => a + s.ms, 0),
          2,
        ),
        requestMs: round(cap.result.ms, 2),
        list: cap.statements.map((s) => ({ ...s, kind: stmtKind(s.sql), sql: s.sql })),
      };
      res.sql[w] = profile;
      console.log(
        `  verified shield=${w}: ${JSON.stringify(res.shape[w])}; one request = ${profile.statements} SQL statements, ` +
          `${profile.sqlMs} ms in SQL of ${profile.requestMs} ms`,
      );
      if (w === 'on' && sc.explain) {
        for (const s of cap.statements.filter((s) => isFindingListSql(s.sql))) {
          const e = await explain(knex, `${sc.name}: ${stmtKind(s.sql)}`, s);
          res.explain.push(e);
          console.log(
            `  EXPLAIN ${e.label}: ${e.totalMs} ms, ${e.findingAccess}${e.sortMethod ? `, sort: ${e.sortMethod}` : ''}`,
          );
        }
      }
    }
    if (ways.includes('off') && (res.shape.off?.forbiddenErrors ?? 0) > 0) {
      throw new Error(`${sc.name}: FORBIDDEN errors with shield off — the bare schema is not bare`);
    }
    // load
    for (const w of ways) {
      const run = await load(url[w], token, sc.query, sc.variables);
      res.runs[w] = run;
      console.log(describeRun(sc.name, w, run));
    }
    if (res.runs.on && res.runs.off) {
      const on = res.runs.on;
      const off = res.runs.off;
      res.ratio = {
        reqPerSec: round(on.reqPerSec / off.reqPerSec, 2),
        p50: round(on.latencyMs.p50 / Math.max(off.latencyMs.p50, 0.001), 2),
        p99: round(on.latencyMs.p99 / Math.max(off.latencyMs.p99, 0.001), 2),
      };
      console.log(
        `  shield on/off: ${res.ratio.reqPerSec}× req/s, ${res.ratio.p50}× p50, ${res.ratio.p99}× p99`,
      );
    }
    results.push(res);
  }

  // 5. deep pages: a plain sequential fetch loop, 20 pages of 100 following endCursor
  const deep: DeepPageResult[] = [];
  for (const v of DEEP_VARIANTS.filter((x) => selected(x.name))) {
    console.log(`\n${v.name}: ${v.what}`);
    const perPage: number[][] = Array.from({ length: DEEP_PAGES }, () => []);
    const cursors: (string | null)[] = [];
    const tStart = t();
    let walks = 0;
    for (let walk = 0; walk < DEEP_WALKS; walk++) {
      let after: string | null = null;
      for (let p = 0; p < DEEP_PAGES; p++) {
        const r = await gql(url.on, tokens.FINANCE, DEEP_QUERY, { after, order: v.order });
        assertClean(`${v.name} page ${p + 1}`, r);
        const c = r.data?.findings;
        if (c?.nodes?.length !== 100 || (p < DEEP_PAGES - 1 && !c.pageInfo.hasNextPage)) {
          throw new Error(
            `${v.name} page ${p + 1}: expected 100 rows and a next page, got ${c?.nodes?.length}`,
          );
        }
        if (walk > 0) perPage[p]!.push(r.ms);
        if (walk === 0) cursors[p] = after;
        after = c.pageInfo.endCursor;
      }
      if (walk > 0) walks++;
      if (walk > 0 && t() - tStart > DEEP_BUDGET_MS) break;
    }
    const meds = perPage.map((xs) => round(median(xs), 2));
    const profiled: Record<string, SqlProfile> = {};
    const explains: ExplainResult[] = [];
    for (const p of [1, DEEP_PAGES]) {
      const cap = await captureSql(knex, () =>
        gql(url.on, tokens.FINANCE, DEEP_QUERY, { after: cursors[p - 1], order: v.order }),
      );
      profiled[`page${p}`] = {
        statements: cap.statements.length,
        sqlMs: round(
          cap.statements.reduce((a, s) => a + s.ms, 0),
          2,
        ),
        requestMs: round(cap.result.ms, 2),
        list: cap.statements.map((s) => ({ ...s, kind: stmtKind(s.sql) })),
      };
      for (const s of cap.statements.filter((s) => stmtKind(s.sql) === 'finding page')) {
        explains.push(await explain(knex, `${v.name}: page ${p}`, s));
      }
    }
    const d: DeepPageResult = {
      name: v.name,
      what: v.what,
      walks,
      page1MedianMs: meds[0]!,
      page20MedianMs: meds[DEEP_PAGES - 1]!,
      ratio20to1: round(meds[DEEP_PAGES - 1]! / meds[0]!, 2),
      medianMsPerPage: meds,
      sql: profiled,
      explain: explains,
    };
    deep.push(d);
    console.log(
      `  ${walks} walks: page 1 ${d.page1MedianMs} ms, page 20 ${d.page20MedianMs} ms (×${d.ratio20to1}); ` +
        explains.map((e) => `${e.label}: ${e.totalMs} ms ${e.findingAccess}`).join('; '),
    );
  }

  // 6. results
  const out: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    wallS: round((t() - T0) / 1000, 1),
    machine: {
      nproc: Number(sh('nproc', [])) || os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memGB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: (await knex.raw('show server_version')).rows[0].server_version as string,
    },
    git,
    options: { scale, duration, connections, warmup, workers: 1, only, poolMax: config.dbPoolMax },
    seed,
    scenarios: results,
    deepPages: deep,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const jsonPath = path.join(RESULTS_DIR, `${stamp}.json`);
  writeFileSync(jsonPath, JSON.stringify(out, null, 2) + '\n');
  const md = renderMarkdown(out, path.basename(jsonPath));
  writeFileSync(path.join(RESULTS_DIR, 'scenarios-latest.md'), md);
  console.log(`\nwrote ${path.relative(ROOT, jsonPath)} and bench/results/scenarios-latest.md\n`);
  console.log(md);
}

try {
  await main();
  await cleanup();
} catch (e) {
  console.error('\nbench FAILED:', e instanceof Error ? e.message : e);
  if (e instanceof Error && e.stack) console.error(e.stack.split('\n').slice(1, 6).join('\n'));
  await cleanup();
  process.exitCode = 1;
}
// autocannon's worker threads and pg's idle timers must not keep the process alive
setTimeout(() => process.exit(), 200).unref();
