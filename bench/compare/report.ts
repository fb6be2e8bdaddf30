/** Shape of bench/results/compare-*.json and its markdown rendering (compare-latest.md). */
import type { LoadRun } from '../types.js';
import type { ProcStats } from './proc.js';
import type { ProfileSummary } from './profile.js';
import type { ServerName, Verification } from './workloads.js';

export interface CompareRun extends LoadRun {
  /** Summed over the server's segments (PG and server CPU), highest RSS seen, mean client CPU. */
  proc: ProcStats;
  /** Server CPU ms per completed request over the measured windows. */
  serverCpuMsPerReq: number | null;
  pgCpuMsPerReq: number | null;
  /** The rounds this run merges: measured seconds, completed requests, and the drain after each. */
  segments: { round: number; measuredS: number; completed: number; reqPerSec: number; drainMs: number }[];
}

export interface SqlPerRequest {
  statements: number;
  /** First 160 characters of each statement, in order. */
  list: string[];
  requestMs: number;
  responseBytes: number;
}

export interface WorkloadResult {
  name: string;
  label: string;
  requests: Record<ServerName, string>;
  verification: Verification;
  sql: Record<ServerName, SqlPerRequest>;
  runs: {
    connections: number;
    servers: Record<ServerName, CompareRun>;
    hubVsPostgraphile: number;
    hubVsRaw: number;
  }[];
  /** With --profile: V8 CPU profile of the hub under load (not during the measured runs). */
  hubProfile?: ProfileSummary & { connections: number; reqPerSec: number; file: string };
}

export interface CompareResults {
  mode: 'quick' | 'full';
  label: string | null;
  startedAt: string;
  finishedAt: string;
  wallS: number;
  machine: { nproc: number; cpu: string; memGB: number; node: string; platform: string; postgres: string };
  git: { commit: string | null; dirtyFiles: number; dirty: string[] };
  options: {
    scale: number;
    duration: number;
    warmup: number;
    connections: number[];
    /** Segments per server and run (2 = hub, PostGraphile, raw, then the reverse). */
    rounds: number;
    poolMax: number;
    /** Node options every server ran with (those of `npm start`); absent in older result files. */
    nodeFlags?: string[];
    only: string[] | null;
  };
  seed: {
    ms: number;
    vacuumAnalyzeMs: number;
    rowCounts: Record<string, number>;
    dbSizeMB: number;
    dbSizeMBAfter: number;
    /** access_log rows the hub wrote during the run. */
    accessLogRowsAfter: number;
    /** Name of the already seeded database the run used (--db), if any. */
    reusedDatabase?: string;
  };
  servers: Record<ServerName, { startMs: number; pid: number; rssIdleMB: number | null }>;
  postgraphileSchema: Record<string, string[]>;
  workloads: WorkloadResult[];
  loadProblems: string[];
}

const row = (cells: (string | number | null)[]) => `| ${cells.map((c) => c ?? '-').join(' | ')} |`;
const table = (head: string[], rows: (string | number | null)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const round1 = (x: number) => Math.round(x * 10) / 10;
const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${n(x)} ms`);
const NAMES: Record<ServerName, string> = { hub: 'hub', postgraphile: 'PostGraphile', raw: 'raw SQL' };

/**
 * The issue's targets (32 connections, or the highest level measured), each with the figure this run
 * measured and whether it is met; where one is missed, by how much.
 */
export function renderTargets(r: CompareResults): string {
  const rows: (string | number | null)[][] = [];
  const top = (w: WorkloadResult) => w.runs.reduce((a, b) => (b.connections > a.connections ? b : a));
  const check = (
    what: string,
    w: WorkloadResult | undefined,
    value: number | null,
    target: number,
    dir: 'ge' | 'lt',
    fmt: (x: number) => string,
  ) => {
    if (!w || value == null) return;
    const ok = dir === 'ge' ? value >= target : value < target;
    const miss =
      dir === 'ge' ? `${Math.round((1 - value / target) * 100)} % short` : `${fmt(value - target)} over`;
    rows.push([
      what,
      w.name,
      top(w).connections,
      `${dir === 'ge' ? '≥' : '<'} ${fmt(target)}`,
      fmt(value),
      ok ? 'met' : `missed (${miss})`,
    ]);
  };
  const by = (name: string) => r.workloads.find((w) => w.name === name);
  const ratio = (x: number) => x.toFixed(2);
  for (const name of ['list', 'nested']) {
    const w = by(name);
    if (!w) continue;
    check('hub ÷ PostGraphile', w, top(w).hubVsPostgraphile, 1, 'ge', ratio);
    check('hub ÷ raw SQL', w, top(w).hubVsRaw, 0.5, 'ge', ratio);
    check('hub p99', w, top(w).servers.hub.latencyMs.p99, 100, 'lt', ms);
  }
  for (const name of ['filtered', 'search']) {
    const w = by(name);
    if (w) check('hub ÷ raw SQL', w, top(w).hubVsRaw, 1, 'ge', ratio);
  }
  const st = by('stats');
  if (st) check('hub p97.5 (≥ p95)', st, top(st).servers.hub.latencyMs.p97_5, 300, 'lt', ms);
  const rss = Math.max(
    ...r.workloads.flatMap((w) => w.runs.map((x) => x.servers.hub.proc.serverRssPeakMB ?? 0)),
  );
  if (r.workloads.length) {
    rows.push([
      'hub RSS peak under load',
      'all',
      '-',
      '< 300 MB',
      `${rss} MB`,
      rss < 300 ? 'met' : `missed (${round1(rss - 300)} MB over)`,
    ]);
  }
  return table(['target', 'workload', 'connections', 'target value', 'this run', ''], rows);
}

export function renderCompare(r: CompareResults, jsonName: string): string {
  const out: string[] = [
    `# Hub vs PostGraphile vs hand-written SQL${r.label ? ` (${r.label})` : ''}`,
    '',
    'One run, one database, the same rows in every answer (verified before measuring). The machine is small and ' +
      'shared: compare ratios within this run, not absolute numbers across runs.',
    '',
    `- run: ${r.startedAt} (${r.wallS} s wall, ${r.mode} mode), commit ${r.git.commit}` +
      (r.git.dirtyFiles ? ` + ${r.git.dirtyFiles} uncommitted file(s)` : ''),
    `- machine: nproc ${r.machine.nproc}, ${r.machine.cpu}, ${r.machine.memGB} GB, node ${r.machine.node}, PostgreSQL ${r.machine.postgres}`,
    `- data: ${r.seed.reusedDatabase ? `database ${r.seed.reusedDatabase}, seeded beforehand with \`npm run seed -- --scale ${r.options.scale}\` and used by earlier runs (--db), vacuum analyze at the start` : `scale ${r.options.scale}`}: ${Object.entries(
      r.seed.rowCounts,
    )
      .map(([t, c]) => `${n(c)} ${t}`)
      .join(', ')}; ${r.seed.dbSizeMB} MB at the start, ${r.seed.dbSizeMBAfter} MB at the end ` +
      `(access_log: ${n(r.seed.accessLogRowsAfter)} rows written by the hub during the run)`,
    `- load: autocannon in the orchestrating process; each server in a process of its own` +
      (r.options.nodeFlags?.length ? ` (node ${r.options.nodeFlags.join(' ')}, as \`npm start\`)` : '') +
      ` with a PostgreSQL pool ` +
      `of ${r.options.poolMax}, loaded one at a time, in ${r.options.rounds} round(s) per workload and connection level ` +
      `(${r.options.rounds > 1 ? 'hub, PostGraphile, raw, then raw, PostGraphile, hub' : 'hub, PostGraphile, raw'}); ` +
      `each segment ${r.options.warmup} s warm-up (discarded), then ≥ ${round1(r.options.duration / r.options.rounds)} s ` +
      `measured and until every connection completed a request (at most 3×); requests left in flight are ` +
      `cancelled in PostgreSQL before the next segment`,
    `- raw data: \`bench/results/${jsonName}\``,
    '',
    '## Summary',
    '',
    table(
      [
        'workload',
        'connections',
        'hub req/s',
        'hub p99',
        'PostGraphile req/s',
        'raw SQL req/s',
        'hub ÷ PostGraphile',
        'hub ÷ raw',
        'hub RSS peak',
        'hub SQL statements / request',
      ],
      r.workloads.flatMap((w) =>
        w.runs.map((run) => [
          w.label,
          run.connections,
          n(run.servers.hub.reqPerSec),
          ms(run.servers.hub.latencyMs.p99),
          n(run.servers.postgraphile.reqPerSec),
          n(run.servers.raw.reqPerSec),
          run.hubVsPostgraphile.toFixed(2),
          run.hubVsRaw.toFixed(2),
          run.servers.hub.proc.serverRssPeakMB != null ? `${run.servers.hub.proc.serverRssPeakMB} MB` : null,
          w.sql.hub.statements,
        ]),
      ),
    ),
    '',
    'SQL statements per request for the peers: ' +
      r.workloads
        .map((w) => `${w.name} PostGraphile ${w.sql.postgraphile.statements}, raw ${w.sql.raw.statements}`)
        .join('; ') +
      '.',
    '',
    '## Targets',
    '',
    renderTargets(r),
    '',
  ];
  if (r.loadProblems.length) {
    out.push('**Problems under load:**', '', ...r.loadProblems.map((p) => `- ${p}`), '');
  }
  out.push(
    '## Per server',
    '',
    'CPU is read from /proc over the measured seconds: "server CPU" is the server process (100 % = one core), ' +
      '"PG CPU" the PostgreSQL backends of the benchmark database (background processes not counted), ' +
      '"client" the load generator. "ms CPU / req" divides by the requests completed.',
    '',
    table(
      [
        'workload',
        'conn',
        'server',
        'req/s',
        'req/s per round',
        'p50 ms',
        'p97.5 ms',
        'p99 ms',
        'errors / non-2xx / bad bodies',
        'server CPU % (ms / req)',
        'PG CPU % (ms / req)',
        'client CPU %',
        'RSS peak MB',
        'SQL / req',
        'response bytes',
      ],
      r.workloads.flatMap((w) =>
        w.runs.flatMap((run) =>
          (['hub', 'postgraphile', 'raw'] as const).map((s) => {
            const x = run.servers[s];
            return [
              w.name,
              run.connections,
              NAMES[s],
              n(x.reqPerSec),
              x.segments.map((g) => n(g.reqPerSec)).join(' / '),
              x.latencyMs.p50,
              x.latencyMs.p97_5,
              x.latencyMs.p99,
              `${x.errors} / ${x.non2xx} / ${x.gqlErrorResponses}`,
              x.proc.serverCpuPct != null ? `${x.proc.serverCpuPct} (${x.serverCpuMsPerReq})` : null,
              x.proc.pgCpuPct != null ? `${x.proc.pgCpuPct} (${x.pgCpuMsPerReq})` : null,
              x.proc.clientCpuPct,
              x.proc.serverRssPeakMB,
              w.sql[s].statements,
              n(w.sql[s].responseBytes),
            ];
          }),
        ),
      ),
    ),
    '',
    `Idle RSS after start-up: ${(['hub', 'postgraphile', 'raw'] as const)
      .map((s) => `${NAMES[s]} ${r.servers[s].rssIdleMB ?? '?'} MB`)
      .join(', ')}.`,
    '',
    '## Verification (before any load)',
    '',
    'Each workload is asked of all three servers; the run stops unless PostGraphile and the hand-written server ' +
      "return the hub's rows (database ids, in the hub's order), the same totalCount, and the same value in every " +
      'field where the hub returns one. A field null in the database is null everywhere; where the hub returns ' +
      'null because FINANCE may not read the field (the content of discipline findings, with a FORBIDDEN error; ' +
      'a review the viewer may not see), the peers, having no field permissions, return the value: counted below.',
    '',
    table(
      [
        'workload',
        'rows',
        'totalCount',
        'first ids',
        'hub: null fields',
        'hub: FORBIDDEN errors',
        'PostGraphile: values where the hub has null',
        'raw: values where the hub has null',
      ],
      r.workloads.map((w) => [
        w.name,
        w.verification.rows,
        w.verification.totalCount,
        w.verification.firstIds.join(', ') || '-',
        `${w.verification.hubNullFields} of ${w.verification.comparedFields}`,
        w.verification.hubForbiddenErrors,
        w.verification.peerValuesHubWithholds.postgraphile ?? 0,
        w.verification.peerValuesHubWithholds.raw ?? 0,
      ]),
    ),
    '',
  );
  const stats = r.workloads.find((w) => w.verification.stats)?.verification.stats;
  if (stats) {
    out.push(
      `Statistics (identical in all three): by source ${stats.bySource.map((l) => `${l.key} ${n(l.count)} / ${l.amount}`).join(', ')}; ` +
        `by year ${stats.byFiscalYear.map((l) => `${l.key} ${n(l.count)}`).join(', ')}.`,
      '',
    );
  }
  const profiled = r.workloads.filter((w) => w.hubProfile);
  if (profiled.length) {
    out.push(
      "## Where the hub's CPU goes",
      '',
      "V8's sampling profiler in the hub process during a separate load run per workload (after the measurements; " +
        'the profiler slows the hub down). Self time of the main thread, by package (npm package, folder of src/, ' +
        'node internals, GC) and by function, as % of the time not idle.',
      '',
    );
    for (const w of profiled) {
      const p = w.hubProfile!;
      out.push(
        `**${w.name}** (${p.connections} connections, ${p.reqPerSec} req/s under the profiler, ${p.busyMs} ms busy of ${p.wallMs} ms): ` +
          p.byPackage
            .slice(0, 12)
            .map((x) => `${x.name} ${x.pct} %`)
            .join(', '),
        '',
        table(
          ['function', 'where', 'self %'],
          p.topFunctions.slice(0, 12).map((f) => [`\`${f.fn}\``, f.where || f.package, f.pct]),
        ),
        '',
      );
    }
  }
  out.push('## Requests', '');
  for (const w of r.workloads) {
    out.push(`### ${w.name}: ${w.label}`, '');
    for (const s of ['hub', 'postgraphile', 'raw'] as const) {
      out.push(`- ${NAMES[s]}: \`${w.requests[s]}\``);
    }
    out.push(
      '',
      `Statements of one request (alone, after a warm-up request): hub ${w.sql.hub.statements} ` +
        `(${w.sql.hub.requestMs} ms): ${w.sql.hub.list.map((s) => `\`${s.slice(0, 70)}…\``).join(', ')}; ` +
        `PostGraphile ${w.sql.postgraphile.statements} (${w.sql.postgraphile.requestMs} ms); raw ${w.sql.raw.statements} ` +
        `(${w.sql.raw.requestMs} ms).`,
      '',
    );
  }
  out.push(
    '## How the peers are made equivalent',
    '',
    'See bench/README.md ("Side by side"). In short: PostGraphile and the hand-written server have no permissions; ' +
      "both apply the FINANCE viewer's row scope and content gate as static SQL (bench/compare/finance-scope.ts), " +
      'valid while no sharing rule or approved access request exists (checked at the start of the run). They return ' +
      'values in fields the hub withholds (table above). PostGraphile 4 has no range filter, text search or ' +
      'aggregates without plugins: the range, search and scope conditions are four `condition` fields added with ' +
      "graphile-utils' makeAddPgTableConditionPlugin, and the statistics come from a STABLE SQL function " +
      '(`benchFindingStats`) holding the same GROUP BY as the hand-written server.',
    '',
  );
  return out.join('\n');
}
