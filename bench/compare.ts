/**
 * Side by side: the hub, PostGraphile 4 and a hand-written-SQL server on one throw-away database.
 * Started through bench/run.ts: `npm run bench -- --compare [options]` or `npm run bench -- --quick`.
 *
 * 1. creates a database on the local PostgreSQL, migrates, seeds at --scale, VACUUM ANALYZE;
 * 2. starts three server processes (bench/compare/*-server.ts), each with a pool of 10;
 * 3. asks each of the five workloads of all three and stops unless the answers hold the same rows;
 * 4. counts the SQL statements of one request per server and workload;
 * 5. loads each server in turn with autocannon (worker thread of this process) at each connection level,
 *    reading the server's and PostgreSQL's CPU and the server's RSS from /proc meanwhile;
 * 6. writes bench/results/compare-*.json and .md, stops the servers and drops the database.
 *
 * Exit status 1 when the answers differ, a server fails, or any load run saw errors. See bench/README.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.js';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/generator.js';
import { signToken } from '../src/auth/tokens.js';
import { Role } from '../src/shared/enums.js';
import type { FromChild, ToChild } from './compare/child.js';
import { combine, drain, runSegment, stopLoad, type Segment, type Target } from './compare/load.js';
import { ProcSampler, rssMB } from './compare/proc.js';
import {
  renderCompare,
  type CompareResults,
  type CompareRun,
  type WorkloadResult,
} from './compare/report.js';
import { compareAnswers, SERVERS, WORKLOADS, type Common, type ServerName } from './compare/workloads.js';

const BASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const verifyBody = createRequire(import.meta.url)('./verify-compare.cjs') as (body: string) => boolean;
const BENCH_SECRET = 'bench-only-secret-0123456789abcdefghijklmnopqrst';
const POOL_MAX = 10;
const MIN_COUNT = 5; // HUB_DISCIPLINE_MIN_COUNT default, passed to the hub and both peers
const SERVER_FILES: Record<ServerName, string> = {
  hub: 'compare/hub-server.ts',
  postgraphile: 'compare/postgraphile-server.ts',
  raw: 'compare/raw-server.ts',
};
const USAGE = `npm run bench -- --quick                       CI: scale 2, 2 s × 10 connections, verify, drop
npm run bench -- --compare [--scale 100] [--duration 10] [--warmup 2] [--connections 10,32]
                          [--only list,nested,filtered,search,stats] [--label baseline] [--profile]
                          [--db postgres://…/seeded_db]   use a seeded database as it is (kept)`;

const t = () => performance.now();
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
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

// ------------------------------------------------------------------------------------- child servers

type ToChildBody = ToChild extends infer M ? (M extends ToChild ? Omit<M, 'id'> : never) : never;

interface Child {
  name: ServerName;
  proc: ChildProcess;
  port: number;
  url: string;
  startMs: number;
  request(m: ToChildBody): Promise<Extract<FromChild, { type: 'reply' }>>;
}

/**
 * The node options `npm start` gives the hub in production (package.json's start script, between
 * `node` and `--import`), given to every server of the comparison alike.
 */
const START_FLAGS: string[] = (() => {
  const start = (
    JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.split(/\s+/);
  return start.slice(1, start.indexOf('--import'));
})();

function startChild(name: ServerName, env: Record<string, string>): Promise<Child> {
  const t0 = t();
  const argv = [...START_FLAGS, '--import', 'tsx', path.join(BENCH_DIR, SERVER_FILES[name])];
  const proc = spawn(process.execPath, argv, {
    cwd: ROOT,
    // production mode, without the per-organisation rate limit: one organisation's token sends every request
    // here, and the limit (HUB_RATE_LIMIT_PER_MINUTE) would refuse most of them within the first minute
    env: { ...process.env, ...env, NODE_ENV: 'production', HUB_RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const waiting = new Map<number, (m: Extract<FromChild, { type: 'reply' }>) => void>();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} server did not start within 180 s`)), 180_000);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} server exited (code ${code}, signal ${signal})`));
      if (!stopping) console.error(`${name} server exited unexpectedly (code ${code}, signal ${signal})`);
    });
    proc.on('message', (m: FromChild) => {
      if (m.type === 'fatal') reject(new Error(`${name} server failed: ${m.error}`));
      else if (m.type === 'reply') waiting.get(m.id)?.(m);
      else if (m.type === 'ready') {
        clearTimeout(timer);
        const path = name === 'raw' ? '' : '/graphql';
        resolve({
          name,
          proc,
          port: m.port,
          url: `http://127.0.0.1:${m.port}${path}`,
          startMs: Math.round(t() - t0),
          request: (msg) =>
            new Promise((res) => {
              const id = ++seq;
              waiting.set(id, (r) => {
                waiting.delete(id);
                res(r);
              });
              proc.send({ ...msg, id } as ToChild);
            }),
        });
      }
    });
  });
}

// --------------------------------------------------------------------------------------------- cleanup

const cleanups: { what: string; fn: () => Promise<void> }[] = [];
let cleaning: Promise<void> | null = null;
let running: autocannon.Instance | null = null;
let stopping = false;

function cleanup(): Promise<void> {
  stopping = true;
  cleaning ??= (async () => {
    running?.stop();
    stopLoad();
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

function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => c.kill('SIGKILL'), 5000);
    c.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

// -------------------------------------------------------------------------------------------- requests

function targetOf(server: ServerName, c: Child, w: (typeof WORKLOADS)[number], token: string): Target {
  if (server === 'raw') return { url: c.url + w.raw.path, method: 'GET', headers: {} };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (server === 'hub') headers.authorization = `Bearer ${token}`;
  return { url: c.url, method: 'POST', headers, body: JSON.stringify({ query: w[server].query }) };
}

async function send(tg: Target): Promise<{ status: number; text: string; ms: number }> {
  const t0 = t();
  const res = await fetch(tg.url, { method: tg.method, headers: tg.headers, body: tg.body });
  const text = await res.text();
  return { status: res.status, text, ms: t() - t0 };
}

/** Parses an answer; throws on HTTP errors and on GraphQL errors other than the hub's FORBIDDEN. */
function parse(server: ServerName, what: string, r: { status: number; text: string }): unknown {
  let body: { errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(r.text);
  } catch {
    throw new Error(`${what} ${server}: HTTP ${r.status}, not JSON: ${r.text.slice(0, 300)}`);
  }
  const bad = (body.errors ?? []).filter((e) => !(server === 'hub' && e.extensions?.code === 'FORBIDDEN'));
  if (r.status !== 200 || bad.length) {
    throw new Error(
      `${what} ${server}: HTTP ${r.status}, errors: ${JSON.stringify(bad.slice(0, 3)).slice(0, 600)}`,
    );
  }
  return body;
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

// ------------------------------------------------------------------------------------------------ main

export async function runCompare(argv: string[]): Promise<number> {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      compare: { type: 'boolean' },
      scale: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      label: { type: 'string' },
      profile: { type: 'boolean' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const quick = !!a.quick;
  const scale = Number(a.scale ?? (quick ? 2 : 100));
  const duration = Number(a.duration ?? (quick ? 2 : 10));
  const warmup = Number(a.warmup ?? (quick ? 1 : 2));
  const connections = (a.connections ?? (quick ? '10' : '10,32')).split(',').map(Number);
  const only = a.only ? a.only.split(',').map((s) => s.trim()) : null;
  const label = a.label ?? null;
  const profile = !!a.profile;
  if (
    !(scale > 0 && duration > 0 && warmup >= 0) ||
    !connections.every((c) => Number.isInteger(c) && c > 0) ||
    (only && !only.every((o) => WORKLOADS.some((w) => w.name === o))) ||
    (label !== null && !/^[\w-]+$/.test(label))
  ) {
    console.error(USAGE);
    return 2;
  }
  const workloads = WORKLOADS.filter((w) => !only || only.includes(w.name));

  process.stdout.on('error', () => {});
  let signalled = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (signalled) return;
      signalled = true;
      console.error(`\n${sig}: stopping the servers, dropping the benchmark database`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    const db = a.db ?? null;
    return await main({ quick, scale, duration, warmup, connections, only, label, profile, workloads, db });
  } catch (e) {
    console.error('\ncompare FAILED:', e instanceof Error ? e.message : e);
    if (e instanceof Error && e.stack) console.error(e.stack.split('\n').slice(1, 6).join('\n'));
    return 1;
  } finally {
    await cleanup();
  }
}

async function main(o: {
  quick: boolean;
  scale: number;
  duration: number;
  warmup: number;
  connections: number[];
  only: string[] | null;
  label: string | null;
  profile: boolean;
  workloads: typeof WORKLOADS;
  /** An already seeded database to use as it is (not seeded, not dropped): for iterating on the hub. */
  db: string | null;
}): Promise<number> {
  const startedAt = new Date();
  const T0 = t();
  process.env.HUB_JWT_SECRET ??= BENCH_SECRET;
  const config = { ...loadConfig(), host: '127.0.0.1' };
  const dirty = (sh('git', ['status', '--porcelain']) ?? '').split('\n').filter(Boolean);
  const git = { commit: sh('git', ['rev-parse', '--short', 'HEAD']), dirtyFiles: dirty.length, dirty };
  console.log(
    `compare (${o.quick ? 'quick' : 'full'}): scale ${o.scale}, ${o.duration} s (+${o.warmup} s warm-up) × ` +
      `${o.connections.join(', ')} connections, workloads ${o.workloads.map((w) => w.name).join(', ')}; ` +
      `${os.availableParallelism()} cores, node ${process.version}, commit ${git.commit}` +
      (git.dirtyFiles ? ` + ${git.dirtyFiles} uncommitted file(s)` : ''),
  );

  // 1. database
  const fresh = o.db ? { url: o.db, drop: async () => {} } : await freshDatabase(BASE_URL, 'hub_bench');
  const dbName = new URL(fresh.url).pathname.slice(1);
  if (!o.db) cleanups.push({ what: `dropped database ${dbName}`, fn: fresh.drop });
  const orm = await openOrm(fresh.url, 2);
  cleanups.push({ what: 'closed the seeding pool', fn: () => orm.close(true) });
  await migrateUp(orm);
  const knex = orm.em.getKnex() as unknown as Knex;
  const tSeed = t();
  let lastLine = 0;
  if (!o.db)
    await seedDemo(knex, {
      scale: o.scale,
      progress: (line) => {
        if (t() - lastLine < 10_000) return;
        lastLine = t();
        console.log(`  seed ${((t() - tSeed) / 1000).toFixed(0)} s  ${line}`);
      },
    });
  const seedMs = t() - tSeed;
  const tAnalyze = t();
  await knex.raw('vacuum analyze');
  const analyzeMs = t() - tAnalyze;
  const rowCounts: Record<string, number> = {};
  for (const table of ['organization', 'project', 'review', 'finding']) {
    rowCounts[table] = Number((await knex.raw(`select count(*)::int as n from "${table}"`)).rows[0].n);
  }
  const dbSize = async () =>
    round(
      Number((await knex.raw('select pg_database_size(current_database()) as b')).rows[0].b) / 2 ** 20,
      1,
    );
  const dbSizeMB = await dbSize();
  const accessLogRows = async () =>
    Number((await knex.raw('select count(*)::int as n from access_log')).rows[0].n);
  const accessLogRowsBefore = await accessLogRows();
  console.log(
    `database ${dbName}: seeded in ${(seedMs / 1000).toFixed(1)} s, vacuum analyze ${(analyzeMs / 1000).toFixed(1)} s, ` +
      `${JSON.stringify(rowCounts)}, ${dbSizeMB} MB`,
  );

  // the peers' static FINANCE predicates hold only without sharing rules and approved requests
  const czj = Number((await knex('organization').where({ code: 'HC-CZJ' }).first('id'))?.id);
  if (!czj) throw new Error('organisation HC-CZJ (the FINANCE viewer) is missing from the seed');
  const rules = Number((await knex.raw('select count(*)::int as n from sharing_rule')).rows[0].n);
  const grants = Number(
    (
      await knex.raw(
        `select count(*)::int as n from access_request where requester_id = ? and status = 'APPROVED'`,
        [czj],
      )
    ).rows[0].n,
  );
  if (rules || grants) {
    throw new Error(
      `the seed has ${rules} sharing rule(s) and ${grants} approved request(s) of HC-CZJ: the peers' static FINANCE ` +
        'predicates (bench/compare/finance-scope.ts) assume none — extend them before comparing',
    );
  }

  // 2. servers, one process each
  const env = {
    BENCH_DB_URL: fresh.url,
    BENCH_CZJ_ID: String(czj),
    BENCH_MIN_COUNT: String(MIN_COUNT),
    HUB_JWT_SECRET: process.env.HUB_JWT_SECRET!,
    HUB_DISCIPLINE_MIN_COUNT: String(MIN_COUNT),
    HUB_DB_POOL_MAX: String(POOL_MAX),
    LOG_LEVEL: 'silent',
  };
  const started = SERVERS.map((s) => startChild(s, env));
  // register the stops before waiting, so a failing start still stops the others
  for (const p of started) {
    cleanups.push({
      what: 'stopped a server process',
      fn: async () => {
        const c = await p.catch(() => null);
        if (c) await stopChild(c.proc);
      },
    });
  }
  const children = Object.fromEntries((await Promise.all(started)).map((c) => [c.name, c])) as Record<
    ServerName,
    Child
  >;
  for (const s of SERVERS)
    console.log(`  ${s}: ${children[s].url} (pid ${children[s].proc.pid}, ${children[s].startMs} ms)`);
  const token = await signToken(
    config,
    { sub: 'bench-finance', role: Role.FINANCE, org: 'HC-CZJ' },
    4 * 3600,
  );

  // PostGraphile's generated names, as the workloads use them
  const intro = parse(
    'postgraphile',
    'introspection',
    await send({
      url: children.postgraphile.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ q: __type(name: "Query") { fields { name } } f: __type(name: "Finding") { fields { name } }
          c: __type(name: "FindingCondition") { inputFields { name } } o: __type(name: "FindingsOrderBy") { enumValues { name } }
          p: __type(name: "Project") { fields { name } } }`,
      }),
    }),
  ) as {
    data: Record<
      string,
      { fields?: { name: string }[]; inputFields?: { name: string }[]; enumValues?: { name: string }[] }
    >;
  };
  const names = (k: string) =>
    (intro.data[k]?.fields ?? intro.data[k]?.inputFields ?? intro.data[k]?.enumValues ?? []).map(
      (x) => x.name,
    );
  const need: Record<string, string[]> = {
    q: ['allFindings', 'benchFindingStats'],
    f: ['id', 'title', 'amountInvolved', 'organizationByUnitId', 'projectByProjectId', 'reviewByReviewId'],
    c: ['source', 'fiscalYear', 'severity', 'financeRowScope', 'financeContent', 'amountMin', 'search'],
    o: ['ID_DESC', 'AMOUNT_INVOLVED_DESC'],
    p: ['name', 'organizationByOwnerUnitId'],
  };
  const postgraphileSchema: Record<string, string[]> = {};
  for (const [k, want] of Object.entries(need)) {
    const have = names(k);
    const missing = want.filter((x) => !have.includes(x));
    if (missing.length) throw new Error(`PostGraphile's schema lacks ${missing.join(', ')} (${k})`);
    postgraphileSchema[
      { q: 'Query', f: 'Finding', c: 'FindingCondition', o: 'FindingsOrderBy', p: 'Project' }[k]!
    ] = want;
  }
  console.log(
    `  PostGraphile schema has the generated names the workloads use (${((t() - T0) / 1000).toFixed(0)} s)`,
  );

  // 3. same rows from all three
  const results: WorkloadResult[] = [];
  for (const w of o.workloads) {
    const answers = {} as Record<ServerName, Common>;
    const requests = {} as Record<ServerName, string>;
    let forbidden = 0;
    for (const s of SERVERS) {
      const tg = targetOf(s, children[s], w, token);
      requests[s] = s === 'raw' ? `GET ${w.raw.path}` : w[s].query;
      const body = parse(s, w.name, await send(tg)) as { errors?: unknown[] };
      if (s === 'hub') forbidden = body.errors?.length ?? 0; // parse() let only FORBIDDEN through
      answers[s] = w.extract[s](body);
    }
    const verification = compareAnswers(w, answers, forbidden);
    console.log(
      `verified ${w.name}: ${verification.rows} rows, totalCount ${verification.totalCount}; hub: ` +
        `${verification.hubNullFields} of ${verification.comparedFields} fields null, ${forbidden} FORBIDDEN; ` +
        `values where the hub has null: PostGraphile ${verification.peerValuesHubWithholds.postgraphile ?? 0}, ` +
        `raw ${verification.peerValuesHubWithholds.raw ?? 0}`,
    );
    results.push({
      name: w.name,
      label: w.label,
      requests,
      verification,
      sql: {} as WorkloadResult['sql'],
      runs: [],
    });
  }

  // 4. statements of one request, alone
  for (const [i, w] of o.workloads.entries()) {
    for (const s of SERVERS) {
      const tg = targetOf(s, children[s], w, token);
      await send(tg);
      await children[s].request({ type: 'captureStart' });
      const r = await send(tg);
      const { statements = [] } = await children[s].request({ type: 'captureStop' });
      parse(s, `${w.name} (profiled)`, r);
      results[i]!.sql[s] = {
        statements: statements.length,
        list: statements.map((x) => x.replace(/\s+/g, ' ').trim().slice(0, 160)),
        requestMs: round(r.ms, 2),
        responseBytes: Buffer.byteLength(r.text),
      };
    }
    const q = results[i]!.sql;
    console.log(
      `  ${w.name}: SQL statements per request hub ${q.hub.statements}, PostGraphile ${q.postgraphile.statements}, raw ${q.raw.statements}`,
    );
  }
  const servers = Object.fromEntries(
    SERVERS.map((s) => [
      s,
      { startMs: children[s].startMs, pid: children[s].proc.pid!, rssIdleMB: rssMB(children[s].proc.pid!) },
    ]),
  ) as CompareResults['servers'];

  // 5. load: per workload and connection level, each server in turn — hub, PostGraphile, raw, then (full
  //    mode) the reverse order, so that drift in the machine's load affects all three alike
  const loadProblems: string[] = [];
  const rounds = o.quick ? [SERVERS] : [SERVERS, [...SERVERS].reverse()];
  const half = o.duration / rounds.length;
  for (const [i, w] of o.workloads.entries()) {
    for (const conns of o.connections) {
      const segments = Object.fromEntries(SERVERS.map((s) => [s, [] as Segment[]])) as Record<
        ServerName,
        Segment[]
      >;
      for (const [round, order] of rounds.entries()) {
        for (const s of order) {
          const seg = await runSegment({
            target: targetOf(s, children[s], w, token),
            connections: conns,
            warmupS: o.warmup,
            minS: half,
            maxS: half * 3,
            verifyBody,
            sampler: new ProcSampler(children[s].proc.pid!, dbName),
            round,
          });
          const drainMs = await drain(knex, children[s].proc.pid!);
          segments[s].push({ ...seg, drainMs });
        }
      }
      const runs = {} as Record<ServerName, CompareRun>;
      for (const s of SERVERS) {
        const run = combine(segments[s]);
        runs[s] = run;
        const bad = run.errors + run.non2xx + run.gqlErrorResponses;
        if (bad) {
          loadProblems.push(
            `${w.name} × ${conns} ${s}: ${run.errors} errors (${run.timeouts} timeouts), ${run.non2xx} non-2xx, ` +
              `${run.gqlErrorResponses} bodies with errors`,
          );
        }
        if (!run.requestsTotal) loadProblems.push(`${w.name} × ${conns} ${s}: no request completed`);
        console.log(
          `  ${((t() - T0) / 1000).toFixed(0).padStart(4)} s [${w.name} × ${conns}] ${s.padEnd(12)} ` +
            `${String(run.reqPerSec).padStart(7)} req/s (${run.segments.map((x) => x.reqPerSec).join(' / ')})  ` +
            `p50 ${run.latencyMs.p50} ms  p99 ${run.latencyMs.p99} ms  server CPU ${run.proc.serverCpuPct ?? '?'} % ` +
            `(${run.serverCpuMsPerReq ?? '?'} ms/req)  PG ${run.proc.pgCpuPct ?? '?'} %  RSS ${run.proc.serverRssPeakMB ?? '?'} MB` +
            (bad
              ? `  ${run.errors} errors / ${run.non2xx} non-2xx / ${run.gqlErrorResponses} bad bodies`
              : ''),
        );
      }
      const ratio = (x: number, y: number) => (y > 0 ? round(x / y, 2) : 0);
      results[i]!.runs.push({
        connections: conns,
        servers: runs,
        hubVsPostgraphile: ratio(runs.hub.reqPerSec, runs.postgraphile.reqPerSec),
        hubVsRaw: ratio(runs.hub.reqPerSec, runs.raw.reqPerSec),
      });
    }
  }

  // 5b. where the hub's CPU goes: a V8 profile of the hub under load, after (and apart from) the measurements
  if (o.profile) {
    const profDir = path.join(os.tmpdir(), `hub-bench-profiles-${process.pid}`);
    mkdirSync(profDir, { recursive: true });
    for (const [i, w] of o.workloads.entries()) {
      const tg = targetOf('hub', children.hub, w, token);
      const file = path.join(profDir, `hub-${w.name}.cpuprofile`);
      await children.hub.request({ type: 'profileStart' });
      const r = await cannon({
        url: tg.url,
        method: tg.method,
        headers: tg.headers,
        body: tg.body,
        connections: o.connections[0]!,
        duration: o.duration,
        workers: 0,
        verifyBody,
        timeout: 30,
      });
      const { profile: summary } = await children.hub.request({ type: 'profileStop', file });
      if (summary) {
        results[i]!.hubProfile = {
          connections: o.connections[0]!,
          reqPerSec: round(r.requests.mean, 1),
          file,
          ...summary,
        };
        console.log(
          `  profile ${w.name}: ${summary.byPackage
            .slice(0, 6)
            .map((x) => `${x.name} ${x.pct} %`)
            .join(', ')}`,
        );
      }
    }
  }

  // 6. results
  const out: CompareResults = {
    mode: o.quick ? 'quick' : 'full',
    label: o.label,
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
    options: {
      scale: o.scale,
      duration: o.duration,
      warmup: o.warmup,
      connections: o.connections,
      rounds: rounds.length,
      poolMax: POOL_MAX,
      nodeFlags: START_FLAGS,
      only: o.only,
    },
    seed: {
      ms: Math.round(seedMs),
      vacuumAnalyzeMs: Math.round(analyzeMs),
      rowCounts,
      dbSizeMB,
      dbSizeMBAfter: await dbSize(),
      accessLogRowsAfter: (await accessLogRows()) - accessLogRowsBefore,
      reusedDatabase: o.db ? dbName : undefined,
    },
    servers,
    postgraphileSchema,
    workloads: results,
    loadProblems,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/[:]/g, '-')
    .replace(/\.\d+Z$/, 'Z');
  const base = o.quick ? 'compare-quick' : `compare-${stamp}`;
  const jsonName = `${base}.json`;
  const json = JSON.stringify(out, null, 2) + '\n';
  writeFileSync(path.join(RESULTS_DIR, jsonName), json);
  const md = renderCompare(out, jsonName);
  const written = [jsonName];
  if (o.quick) {
    writeFileSync(path.join(RESULTS_DIR, 'compare-quick.md'), md);
    written.push('compare-quick.md');
  } else {
    writeFileSync(path.join(RESULTS_DIR, 'compare-latest.md'), md);
    written.push('compare-latest.md');
    // a full run of every workload at both levels is the read path's reference result
    if (!o.only && o.connections.length > 1) {
      writeFileSync(path.join(RESULTS_DIR, 'latest.md'), md);
      written.push('latest.md');
    }
  }
  if (o.label) {
    writeFileSync(path.join(RESULTS_DIR, `compare-${o.label}.json`), json);
    writeFileSync(
      path.join(RESULTS_DIR, `compare-${o.label}.md`),
      renderCompare(out, `compare-${o.label}.json`),
    );
    written.push(`compare-${o.label}.json`, `compare-${o.label}.md`);
  }
  console.log(`\nwrote ${written.map((f) => `bench/results/${f}`).join(', ')} (${out.wallS} s)\n`);
  console.log(md.split('\n## Per server')[0]);
  if (loadProblems.length) {
    console.error(
      `\ncompare: ${loadProblems.length} load run(s) had errors:\n  ${loadProblems.join('\n  ')}`,
    );
    return 1;
  }
  return 0;
}
