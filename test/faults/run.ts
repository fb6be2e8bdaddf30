/**
 * Fault scripts (issue 15, point 7), against the real server (`src/main.ts` as `npm start` runs it,
 * NODE_ENV=production) on a PostgreSQL and a Redis of their own, never the machine's shared ones:
 *
 * 1. database restart under load: PostgreSQL stopped (fast: sessions terminated) and started again
 *    while clients read and import. Requests fail fast with a coded error (DATABASE_UNAVAILABLE, 503),
 *    /readyz turns false, the hub recovers by itself; afterwards every import is wholly present or
 *    absent (findings, their revisions and change events), and none that was acknowledged is missing.
 * 2. Redis down: the hub keeps serving, change events reach this instance's subscribers, the log
 *    says so; when Redis returns, events go through it again.
 * 3. SIGTERM under load: /readyz answers 503 at once while requests are still served, and only after
 *    the shutdown delay does the listening socket close (a load balancer drains the instance first);
 *    requests in flight finish, new ones are refused, exit code 0 within a bound.
 *
 *   npm run faults                    # full form: longer load and outage
 *   npm run faults -- --short         # CI's form (well under two minutes)
 *   npm run faults -- --only db,redis,sigterm --out bench/results/faults-latest.md
 *
 * Exits 1 when a check fails; writes the figures as Markdown (--out, default
 * bench/results/faults-latest.md) and JSON beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config.js';
import { signToken } from '../../src/auth/tokens.js';
import { Role } from '../../src/shared/enums.js';
import { Factory } from '../support/factories.js';
import { freePort, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { logHas, startHubProcess, type HubProcess } from '../support/hub-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    only: { type: 'string', default: 'db,redis,sigterm' },
    out: { type: 'string', default: 'bench/results/faults-latest.md' },
    concurrency: { type: 'string', default: '8' },
  },
});
const SHORT = args.short!;
const ONLY = new Set(args.only!.split(','));
const CONCURRENCY = Number(args.concurrency);
/** Load before the fault, outage length, load after recovery (ms). */
const T = SHORT
  ? { warm: 2_000, down: 3_000, after: 3_000, sigtermWarm: 2_000, drain: 1_500 }
  : { warm: 5_000, down: 8_000, after: 8_000, sigtermWarm: 5_000, drain: 3_000 };
/** A request slower than this has hung (the fail-fast bound is checked separately). */
const HANG_MS = 15_000;
/** During the outage a failure must come back within this (fail fast). */
const FAIL_FAST_MS = 2_000;
/** After the database accepts connections again, the hub must serve within this. */
const RECOVERY_BOUND_MS = 10_000;
/** SIGTERM to exit, after the shutdown delay (HUB_SHUTDOWN_DELAY_MS = T.drain). */
const EXIT_BOUND_MS = 15_000;
/** After SIGTERM, /readyz must answer 503 within this (it is polled every 100 ms). */
const NOT_READY_BOUND_MS = 1_000;
/** Rows per import: one transaction writes them all, with a revision and a change event each. */
const IMPORT_ROWS = 10;
/** Rows per import in the SIGTERM scenario: long enough to be in flight at the signal. */
const SIGTERM_IMPORT_ROWS = 300;

const secret = randomBytes(32).toString('hex');
const config = loadConfig({ ...process.env, HUB_JWT_SECRET: secret });
const runId = randomBytes(3).toString('hex');
const checks: { scenario: string; check: string; ok: boolean; detail: string }[] = [];
const figures: Record<string, Record<string, unknown>> = {};

function check(scenario: string, name: string, ok: boolean, detail = '') {
  checks.push({ scenario, check: name, ok, detail });
  console.log(`${ok ? 'ok  ' : 'FAIL'} [${scenario}] ${name}${detail ? ` — ${detail}` : ''}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the hub process

/** The hub as `npm start` runs it, in production mode, on the script's own servers. */
const startHub = (env: Record<string, string>) =>
  startHubProcess('faults', {
    NODE_ENV: 'production',
    HUB_JWT_SECRET: secret,
    HUB_DB_POOL_MAX: '6',
    ...env,
  });

// ---------------------------------------------------------------- load

type Outcome = 'ok' | 'coded' | 'masked' | 'uncoded' | 'http' | 'network' | 'hang';

interface Req {
  kind: 'read' | 'import';
  batch?: string;
  /** rows of the import */
  rows?: number;
  t0: number;
  t1: number;
  status: number;
  outcome: Outcome;
  codes: string[];
  detail?: string;
  /** x-request-id sent, which the hub's log line of the operation carries */
  id: string;
}

const READ = `query($first: Int) { findings(first: $first) { edges { node { id sourceRef fiscalYear } } } }`;
const IMPORT = `mutation($input: FindingImportInput!) { findingImport(input: $input) {
  report { written created } userErrors { code message } } }`;
/** Codes a client may see while the database is away: all say what to do. */
const FAULT_CODES = new Set(['DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

let sent = 0;
async function send(base: string, body: object, bearer: string): Promise<Omit<Req, 'kind' | 'batch'>> {
  const t0 = Date.now();
  const id = `flt-${runId}-${sent++}`;
  try {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${bearer}`,
        'x-request-id': id,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    const t1 = Date.now();
    let j: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      j = JSON.parse(text);
    } catch {
      return { id, t0, t1, status: res.status, outcome: 'http', codes: [], detail: text.slice(0, 120) };
    }
    const codes = (j.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
    if (res.status === 200 && !codes.length) {
      const userErrors = j.data?.findingImport?.userErrors ?? [];
      if (userErrors.length)
        return { id, t0, t1, status: 200, outcome: 'coded', codes: userErrors.map((u: any) => u.code) };
      return { id, t0, t1, status: 200, outcome: 'ok', codes: [] };
    }
    const outcome: Outcome = codes.every((c) => FAULT_CODES.has(c))
      ? 'coded'
      : codes.includes('NONE')
        ? 'uncoded'
        : codes.includes('INTERNAL_SERVER_ERROR')
          ? 'masked'
          : 'coded';
    return { id, t0, t1, status: res.status, outcome, codes, detail: j.errors?.[0]?.message?.slice(0, 120) };
  } catch (e) {
    const t1 = Date.now();
    const name = (e as Error).name;
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return {
      id,
      t0,
      t1,
      status: 0,
      outcome: name === 'TimeoutError' ? 'hang' : 'network',
      codes: [],
      detail: cause ?? (e as Error).message,
    };
  }
}

interface Load {
  reqs: Req[];
  stop(): Promise<void>;
}

/** `concurrency` clients, each alternating an import of IMPORT_ROWS rows and a read of a page. */
function startLoad(
  base: string,
  bearer: string,
  unitCode: string,
  opts: { concurrency: number; importRows?: number; tag: string },
): Load {
  const reqs: Req[] = [];
  let stopped = false;
  let n = 0;
  const worker = async (w: number) => {
    for (let k = 0; !stopped; k++) {
      if ((k + w) % 2 === 0) {
        const batch = `FLT-${runId}-${opts.tag}-${n++}-`;
        const rows = Array.from({ length: opts.importRows ?? IMPORT_ROWS }, (_, i) => ({
          sourceRef: `${batch}${i}`,
          description: '故障演练导入的问题',
          category: '预算执行率偏低',
          unitCode,
          fiscalYear: 2025,
          amountInvolved: '1000.00',
        }));
        const r = await send(base, { query: IMPORT, variables: { input: { rows } } }, bearer);
        reqs.push({ kind: 'import', batch, rows: rows.length, ...r });
      } else {
        const r = await send(base, { query: READ, variables: { first: 20 } }, bearer);
        reqs.push({ kind: 'read', ...r });
      }
      // a refused connection comes back at once: do not spin
      if (reqs[reqs.length - 1]!.outcome === 'network') await sleep(50);
    }
  };
  const workers = Array.from({ length: opts.concurrency }, (_, w) => worker(w));
  return {
    reqs,
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

/** Polls /readyz every 100 ms: the times it answered, and whether ready. */
function watchReady(base: string) {
  const seen: { t: number; ready: boolean; status: number; error?: string }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = Date.now();
      let status = 0;
      let error: string | undefined;
      try {
        const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(3000) });
        status = res.status;
        await res.arrayBuffer();
      } catch (e) {
        status = 0;
        error = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
      }
      seen.push({ t, ready: status === 200, status, error });
      await sleep(100);
    }
  })();
  return {
    seen,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

interface Integrity {
  batches: number;
  whole: number;
  absent: number;
  half: number;
  /** acknowledged (the client saw success) but not there */
  lost: number;
  /** there, but the client saw a failure (the commit happened; the answer did not arrive) */
  unacknowledged: number;
}

/** Every import batch is all there (findings, a revision and a change event each) or not at all. */
async function integrity(knex: Knex, reqs: Req[]): Promise<Integrity> {
  const imports = reqs.filter((r) => r.kind === 'import');
  const rows = (await knex.raw(
    `select substring(f.source_ref from '^(.*-)[0-9]+$') as batch, count(*)::int as findings,
            count(distinct r.finding_id)::int as revised, count(distinct e.finding_id)::int as evented
       from finding f
       left join finding_revision r on r.finding_id = f.id
       left join change_event e on e.finding_id = f.id
      where f.source_ref like ?
      group by 1`,
    [`FLT-${runId}-%`],
  )) as { rows: { batch: string; findings: number; revised: number; evented: number }[] };
  const byBatch = new Map(rows.rows.map((r) => [r.batch, r]));
  const out: Integrity = {
    batches: imports.length,
    whole: 0,
    absent: 0,
    half: 0,
    lost: 0,
    unacknowledged: 0,
  };
  for (const r of imports) {
    const b = byBatch.get(r.batch!);
    const n = b?.findings ?? 0;
    const whole = b && n === r.rows && b.revised === n && b.evented === n;
    if (!b) out.absent++;
    else if (whole) out.whole++;
    else out.half++;
    if (r.outcome === 'ok' && !whole) out.lost++;
    if (r.outcome !== 'ok' && b) out.unacknowledged++;
  }
  return out;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

function tally(reqs: Req[]) {
  const by: Record<string, number> = {};
  for (const r of reqs) {
    const key =
      r.outcome === 'ok'
        ? 'ok'
        : `${r.outcome}${r.codes.length ? `:${[...new Set(r.codes)].join('+')}` : ''}${r.status ? ` (${r.status})` : ''}`;
    by[key] = (by[key] ?? 0) + 1;
  }
  return by;
}

// ---------------------------------------------------------------- scenarios

interface World {
  knex: Knex;
  auditToken: string;
  unitCode: string;
}

async function seedWorld(knex: Knex): Promise<World> {
  const f = new Factory(knex);
  const w = await f.world();
  const auditToken = await signToken(config, { sub: 'faults', role: Role.AUDIT, org: w.audit.code }, 3600);
  return { knex, auditToken, unitCode: w.unitA.code };
}

async function databaseRestart(pg: PrivatePostgres, hub: HubProcess, world: World) {
  const S = 'database restart';
  const ready = watchReady(hub.base);
  const load = startLoad(hub.base, world.auditToken, world.unitCode, { concurrency: CONCURRENCY, tag: 'db' });
  await sleep(T.warm);
  const logFrom = hub.log.length;
  const tStop = Date.now();
  pg.stop('fast');
  const tDown = Date.now();
  await sleep(T.down);
  const tStart = Date.now();
  pg.start();
  const tUp = Date.now();
  await sleep(T.after);
  await load.stop();
  await ready.stop();
  const reqs = load.reqs;

  const during = reqs.filter((r) => r.t1 >= tStop && r.t0 <= tUp);
  const failedDuring = during.filter((r) => r.outcome !== 'ok');
  const firstOkAfter = reqs.filter((r) => r.outcome === 'ok' && r.t0 >= tUp).sort((a, b) => a.t1 - b.t1)[0];
  const firstReadyAfter = ready.seen.find((s) => s.t >= tUp && s.ready);
  const readyFalse = ready.seen.some((s) => s.t >= tDown && s.t <= tStart && !s.ready && s.status === 503);
  const failLatencies = failedDuring.map((r) => r.t1 - r.t0);
  const recoveryMs = firstOkAfter ? firstOkAfter.t1 - tUp : null;
  const readyRecoveryMs = firstReadyAfter ? firstReadyAfter.t - tUp : null;
  const integ = await integrity(world.knex, reqs);
  const after = reqs.filter((r) => r.t0 >= tUp + (recoveryMs ?? 0));
  const okAfter = after.filter((r) => r.outcome === 'ok').length;

  figures[S] = {
    requests: reqs.length,
    'outcomes (all)': tally(reqs),
    'outcomes while the database was away': tally(during),
    'failure latency p50 / p99 / max (ms)': `${pct(failLatencies, 50)} / ${pct(failLatencies, 99)} / ${Math.max(0, ...failLatencies)}`,
    'database down for (ms)': tStart - tDown,
    'pg_ctl stop took (ms)': tDown - tStop,
    'pg_ctl start took (ms)': tUp - tStart,
    'recovery: first good answer after the database accepted connections (ms)': recoveryMs,
    'recovery: /readyz true after the database accepted connections (ms)': readyRecoveryMs,
    'answers after recovery: ok / all': `${okAfter} / ${after.length}`,
    'imports: batches / whole / absent / half-written': `${integ.batches} / ${integ.whole} / ${integ.absent} / ${integ.half}`,
    'imports acknowledged but missing (lost)': integ.lost,
    'imports written but answered with an error': integ.unacknowledged,
  };
  check(S, 'requests failed while the database was away', failedDuring.length > 0, `${failedDuring.length}`);
  check(
    S,
    'every failure is coded DATABASE_UNAVAILABLE / 503 (no raw text, no 500, no masked internal error)',
    failedDuring.every((r) => r.outcome === 'coded' && r.status === 503),
    JSON.stringify(tally(failedDuring)),
  );
  check(
    S,
    `failures come back fast (max < ${FAIL_FAST_MS} ms)`,
    Math.max(0, ...failLatencies) < FAIL_FAST_MS,
    `max ${Math.max(0, ...failLatencies)} ms`,
  );
  check(
    S,
    'no request hung or lost its connection',
    !reqs.some((r) => r.outcome === 'hang' || r.outcome === 'network'),
  );
  check(S, '/readyz answered 503 while the database was away', readyFalse);
  check(
    S,
    `the hub recovered by itself within ${RECOVERY_BOUND_MS} ms`,
    recoveryMs !== null && recoveryMs < RECOVERY_BOUND_MS && readyRecoveryMs !== null,
    `first good answer ${recoveryMs} ms, /readyz ${readyRecoveryMs} ms after the database was back`,
  );
  check(S, 'every request after recovery succeeded', okAfter === after.length, `${okAfter}/${after.length}`);
  check(S, 'no import half-written', integ.half === 0, `${integ.half}`);
  check(S, 'no acknowledged import lost', integ.lost === 0, `${integ.lost}`);
  check(S, 'the log says the database is unavailable', logHas(hub, /database unavailable/i, logFrom));
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
}

async function stopRedis(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  await new Promise<void>((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/** A graphql-ws subscription to findingChanged; the sourceRefs seen, with when. */
function subscribeChanges(hub: HubProcess, bearer: string) {
  const seen = new Map<string, number>();
  const client = createClient({
    url: hub.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${bearer}` },
    retryAttempts: 0,
  });
  let connected!: () => void;
  const ready = new Promise<void>((r) => (connected = r));
  client.on('connected', () => setTimeout(connected, 300));
  const dispose = client.subscribe(
    { query: 'subscription { findingChanged { kind finding { sourceRef } } }' },
    {
      next: (m) => {
        const ref = (m.data as any)?.findingChanged?.finding?.sourceRef;
        if (ref) seen.set(ref, Date.now());
      },
      error: () => {},
      complete: () => {},
    },
  );
  return {
    seen,
    ready,
    async stop() {
      dispose();
      await client.dispose();
    },
  };
}

async function redisDown(hub: HubProcess, redis: { child: ChildProcess; port: number }, world: World) {
  const S = 'Redis down';
  const sub = subscribeChanges(hub, world.auditToken);
  await sub.ready;
  const importOne = async (ref: string) => {
    const t0 = Date.now();
    const r = await send(
      hub.base,
      {
        query: IMPORT,
        variables: {
          input: {
            rows: [
              {
                sourceRef: ref,
                description: '故障演练',
                category: '预算执行率偏低',
                unitCode: world.unitCode,
                fiscalYear: 2025,
              },
            ],
          },
        },
      },
      world.auditToken,
    );
    for (let i = 0; i < 100 && !sub.seen.has(ref); i++) await sleep(50);
    const at = sub.seen.get(ref);
    return { ok: r.outcome === 'ok', delivered: at !== undefined, ms: at !== undefined ? at - t0 : null };
  };
  const before = await importOne(`FLT-${runId}-redis-before`);
  const logFrom = hub.log.length;
  await stopRedis(redis.child);
  const tDown = Date.now();
  // requests while Redis is away: reads and an import per client, as under load
  const load = startLoad(hub.base, world.auditToken, world.unitCode, { concurrency: 4, tag: 'redis' });
  const during = await importOne(`FLT-${runId}-redis-during`);
  await sleep(SHORT ? 1_500 : 4_000);
  const during2 = await importOne(`FLT-${runId}-redis-during2`);
  await load.stop();
  const loggedDown = logHas(hub, /redis.*(locally|in memory)/i, logFrom);
  const downLines = hub.log.slice(logFrom).filter((l) => /redis/i.test(l)).length;
  // Redis returns
  redis.child = await startRedis(redis.port);
  const tUp = Date.now();
  let afterRes = await importOne(`FLT-${runId}-redis-after`);
  // ioredis reconnects with a growing delay (at most 2 s): wait until the hub says it is back
  for (let i = 0; i < 60 && !logHas(hub, /redis.*(again|reconnected|back)/i, logFrom); i++) await sleep(100);
  const backMs = Date.now() - tUp;
  afterRes = await importOne(`FLT-${runId}-redis-after2`);
  await sub.stop();
  const loggedBack = logHas(hub, /redis.*(again|reconnected|back)/i, logFrom);
  const reqs = load.reqs;
  figures[S] = {
    'requests while Redis was away': reqs.length,
    'outcomes while Redis was away': tally(reqs),
    'event latency before / during / during (later) / after Redis returned (ms)': `${before.ms} / ${during.ms} / ${during2.ms} / ${afterRes.ms}`,
    'Redis down for (ms)': tUp - tDown,
    'log lines about Redis during the outage': downLines,
    'the hub said Redis is back after (ms)': loggedBack ? backMs : null,
  };
  check(S, 'an event went through Redis before', before.ok && before.delivered);
  check(
    S,
    'every request succeeded while Redis was away',
    reqs.every((r) => r.outcome === 'ok'),
    JSON.stringify(tally(reqs)),
  );
  check(
    S,
    'events were delivered locally while Redis was away',
    during.ok && during.delivered && during2.delivered,
    `${during.ms} ms, ${during2.ms} ms`,
  );
  check(S, 'the log says events are delivered locally', loggedDown);
  check(S, 'the hub says when Redis is back', loggedBack, `${backMs} ms`);
  check(S, 'events are delivered after Redis returned', afterRes.ok && afterRes.delivered);
}

async function sigterm(hub: HubProcess, world: World) {
  const S = 'SIGTERM under load';
  // bigger imports, so that the signal finds some half way through
  const load = startLoad(hub.base, world.auditToken, world.unitCode, {
    concurrency: CONCURRENCY,
    tag: 'term',
    importRows: SIGTERM_IMPORT_ROWS,
  });
  const ready = watchReady(hub.base);
  await sleep(T.sigtermWarm);
  const tSig = Date.now();
  hub.child.kill('SIGTERM');
  const exit = await Promise.race([hub.exit, sleep(T.drain + EXIT_BOUND_MS + 5_000).then(() => null)]);
  // let the clients see refusals for a moment after the exit
  await sleep(500);
  await load.stop();
  await ready.stop();
  const reqs = load.reqs;
  // the order a load balancer needs: not ready first, while serving; the listening socket closes later
  const readyBefore = ready.seen.filter((s) => s.t < tSig);
  const notReady = ready.seen.find((s) => s.t >= tSig && s.status === 503);
  const refusals = [
    ...ready.seen.filter((s) => s.t >= tSig && s.error === 'ECONNREFUSED').map((s) => s.t),
    ...reqs.filter((r) => r.t0 >= tSig && r.detail === 'ECONNREFUSED').map((r) => r.t0),
  ].sort((a, b) => a - b);
  const firstRefusal = refusals[0];
  const readyAgain = ready.seen.some((s) => notReady && s.t > notReady.t && s.status === 200);
  // when the hub began to close its listening socket (its log line's time; same machine, same clock)
  const closing = hub.log
    .map((l) => {
      try {
        return JSON.parse(l) as { msg?: string; time?: number };
      } catch {
        return {};
      }
    })
    .find((l) => l.msg === 'closing the listening socket');
  const tClose = closing?.time;
  // sent after the signal and answered before the hub began to close: served, with no error (a
  // request sent at the moment the socket closes may find its kept-alive connection reset: that is
  // what the delay is for, and is counted under "sent after SIGTERM")
  const duringDelay = reqs.filter((r) => r.t0 >= tSig && tClose !== undefined && r.t1 < tClose);
  const inFlight = reqs.filter((r) => r.t0 < tSig && r.t1 >= tSig);
  const afterSig = reqs.filter((r) => r.t0 >= tSig);
  // the hub logs every operation it answers with the request's id: a request the client sent before
  // the signal but the hub never read (its keep-alive connection closed as idle meanwhile) was refused,
  // not dropped
  const answeredByHub = (r: Req) => logHas(hub, new RegExp(`"requestId":"${r.id}"`));
  const received = inFlight.filter((r) => r.outcome === 'ok' || answeredByHub(r));
  const neverRead = inFlight.filter((r) => !received.includes(r));
  const servedAfter = afterSig.filter((r) => r.outcome === 'ok');
  const refusedAfter = afterSig.filter((r) => r.outcome === 'network' || r.status === 503);
  const integ = await integrity(world.knex, reqs);
  const drainMs = inFlight.length ? Math.max(...inFlight.map((r) => r.t1)) - tSig : 0;
  figures[S] = {
    requests: reqs.length,
    'in flight at SIGTERM': `${inFlight.length} (${inFlight.filter((r) => r.kind === 'import').length} imports of ${SIGTERM_IMPORT_ROWS} rows)`,
    'in flight: outcomes': tally(inFlight),
    'in flight on the client, never read by the hub (refused at the connection)':
      neverRead.map((r) => `${r.kind} ${r.detail}`).join('; ') || 0,
    'last in-flight answer after SIGTERM (ms)': drainMs,
    '/readyz 503 after SIGTERM (ms)': notReady ? notReady.t - tSig : null,
    'the hub began to close its listening socket after SIGTERM (ms)':
      tClose !== undefined ? tClose - tSig : null,
    'first connection refused after SIGTERM (ms)': firstRefusal !== undefined ? firstRefusal - tSig : null,
    'shutdown delay (HUB_SHUTDOWN_DELAY_MS)': T.drain,
    'sent after SIGTERM, answered before the hub began to close: ok / all': `${duringDelay.filter((r) => r.outcome === 'ok').length} / ${duringDelay.length}`,
    'sent after SIGTERM: served / refused / other': `${servedAfter.length} / ${refusedAfter.length} / ${afterSig.length - servedAfter.length - refusedAfter.length}`,
    'sent after SIGTERM: outcomes': tally(afterSig),
    'exit code': exit?.code ?? 'did not exit',
    'SIGTERM to exit (ms)': exit ? exit.at - tSig : null,
    'imports: batches / whole / absent / half-written': `${integ.batches} / ${integ.whole} / ${integ.absent} / ${integ.half}`,
    'imports acknowledged but missing (lost)': integ.lost,
  };
  check(S, 'requests were in flight at the signal', inFlight.length > 0, `${inFlight.length}`);
  check(
    S,
    '/readyz was ready before the signal',
    readyBefore.length > 0 && readyBefore.every((s) => s.ready),
  );
  check(
    S,
    `/readyz answered 503 within ${NOT_READY_BOUND_MS} ms of the signal, and never ready again`,
    !!notReady && notReady.t - tSig < NOT_READY_BOUND_MS && !readyAgain,
    notReady ? `${notReady.t - tSig} ms` : 'never',
  );
  check(
    S,
    `the listening socket closed only after /readyz said 503 and the shutdown delay (${T.drain} ms)`,
    !!notReady &&
      tClose !== undefined &&
      firstRefusal !== undefined &&
      notReady.t < tClose &&
      tClose - tSig >= T.drain &&
      firstRefusal >= tClose,
    `503 at ${notReady ? notReady.t - tSig : '-'} ms, closing at ${tClose !== undefined ? tClose - tSig : '-'} ms, ` +
      `first refusal at ${firstRefusal !== undefined ? firstRefusal - tSig : '-'} ms after the signal`,
  );
  check(
    S,
    'requests sent during the shutdown delay and answered before the closing were served',
    duringDelay.length > 0 && duringDelay.every((r) => r.outcome === 'ok'),
    JSON.stringify(tally(duringDelay)) +
      duringDelay
        .filter((r) => r.outcome !== 'ok')
        .map((r) => ` ${r.kind} ${r.t0 - tSig}–${r.t1 - tSig} ms: ${r.detail}`)
        .join(';'),
  );
  check(
    S,
    'every request in flight that the hub had read finished with its answer',
    received.every((r) => r.outcome === 'ok'),
    `${received.length} read by the hub: ${JSON.stringify(tally(received))}`,
  );
  check(
    S,
    'requests sent after the signal were refused or answered, none hung',
    afterSig.every((r) => r.outcome === 'network' || r.outcome === 'ok' || r.status === 503),
    JSON.stringify(tally(afterSig)),
  );
  check(
    S,
    'requests sent after the exit were refused',
    afterSig.filter((r) => exit && r.t0 > exit.at).every((r) => r.outcome === 'network'),
  );
  check(
    S,
    `exit code 0 within ${EXIT_BOUND_MS} ms after the shutdown delay`,
    exit?.code === 0 && exit.at - tSig < T.drain + EXIT_BOUND_MS,
    `code ${exit?.code}, ${exit ? exit.at - tSig : '-'} ms`,
  );
  check(S, 'no import half-written', integ.half === 0, `${integ.half}`);
  check(S, 'no acknowledged import lost', integ.lost === 0, `${integ.lost}`);
  check(S, 'the log says it stopped', logHas(hub, /"msg":"stopped"/));
}

// ---------------------------------------------------------------- main

function report(started: number) {
  const lines = [
    '# Fault scripts (issue 15, point 7)',
    '',
    `\`npm run faults${SHORT ? ' -- --short' : ''}\`, ${new Date(started).toISOString()}, ${Math.round((Date.now() - started) / 1000)} s; ` +
      `${CONCURRENCY} clients, imports of ${IMPORT_ROWS} rows (${SIGTERM_IMPORT_ROWS} in the SIGTERM scenario) alternating with reads of 20 findings; ` +
      'the hub (`src/main.ts`, NODE_ENV=production, pool of 6) on a private PostgreSQL 15 and a private Redis. ' +
      'Timings on a shared 2-core machine: noisy.',
    '',
  ];
  for (const [scenario, f] of Object.entries(figures)) {
    lines.push(`## ${scenario}`, '', '| figure | value |', '|---|---|');
    for (const [k, v] of Object.entries(f))
      lines.push(
        `| ${k} | ${
          typeof v === 'object' && v !== null
            ? Object.entries(v)
                .map(([a, b]) => `${a}: ${b}`)
                .join(', ')
            : String(v)
        } |`,
      );
    lines.push('', '| check | result |', '|---|---|');
    for (const c of checks.filter((c) => c.scenario === scenario))
      lines.push(`| ${c.check} | ${c.ok ? 'ok' : '**FAIL**'}${c.detail ? ` (${c.detail})` : ''} |`);
    lines.push('');
  }
  const out = path.resolve(root, args.out!);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, lines.join('\n'));
  writeFileSync(
    out.replace(/\.md$/, '.json'),
    JSON.stringify({ short: SHORT, figures, checks }, null, 2) + '\n',
  );
  console.log(`written: ${path.relative(root, out)}`);
}

async function main() {
  const started = Date.now();
  const pg = await startPrivatePostgres();
  const redisPort = await freePort();
  const redis = { port: redisPort, child: await startRedis(redisPort) };
  let hub: HubProcess | undefined;
  let knex: Knex | undefined;
  try {
    console.log(`private PostgreSQL on ${pg.port}, private Redis on ${redisPort}`);
    hub = await startHub({
      DATABASE_URL: pg.url(),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      // through Redis, so that its outage is felt by the limiter too; high enough never to refuse
      HUB_RATE_LIMIT_PER_MINUTE: '100000000',
      HUB_SHUTDOWN_DELAY_MS: String(T.drain),
    });
    console.log(`hub at ${hub.url}`);
    knex = knexFactory({ client: 'pg', connection: pg.url(), pool: { min: 0, max: 2 } });
    const world = await seedWorld(knex);
    if (ONLY.has('db')) {
      await databaseRestart(pg, hub, world);
      // the script's own pool saw the restart too
      await knex.destroy();
      knex = knexFactory({ client: 'pg', connection: pg.url(), pool: { min: 0, max: 2 } });
      world.knex = knex;
    }
    if (ONLY.has('redis')) await redisDown(hub, redis, world);
    if (ONLY.has('sigterm')) await sigterm(hub, world);
  } finally {
    if (hub && hub.child.exitCode === null) {
      hub.child.kill('SIGKILL');
      await hub.exit;
    }
    await knex?.destroy();
    await stopRedis(redis.child).catch(() => {});
    pg.destroy();
  }
  report(started);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length) {
    console.error(`${failed.length} check(s) failed`);
    if (hub)
      console.error(
        hub.log
          .filter((l) => /"level":(40|50|60)/.test(l))
          .slice(-20)
          .join('\n'),
      );
    process.exit(1);
  }
  console.log(`all ${checks.length} checks passed`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
