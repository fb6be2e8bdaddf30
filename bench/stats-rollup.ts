/**
 * findingStats latency, rollup against direct scan:
 *
 *   createdb -h 127.0.0.1 -U postgres hub_stats_x
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_stats_x npm run seed -- --scale 100
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_stats_x npx tsx bench/stats-rollup.ts \
 *     [--concurrency 32] [--requests 320] [--modes direct,auto] [--out bench/results/stats-rollup-latest.md]
 *   dropdb -h 127.0.0.1 -U postgres hub_stats_x
 *
 * Calls findingStats as the resolver does (one knex pool of HUB_DB_POOL_MAX, default 10, as the hub's),
 * `--concurrency` calls in flight, `--requests` calls per scenario and mode, after 3 warm-up calls.
 * Modes: `direct` = the scan over `finding` (the answer before the rollup), `auto` = findingStats
 * (rollup when it can answer, else direct). `auto` needs the stats_rollup migration (`npm run migrate`).
 * Before measuring, each scenario's `auto` answer is compared with `direct`; a difference stops the run.
 * Without --out the Markdown table is printed only.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import knexFactory, { type Knex } from 'knex';
import { makeViewer, type Viewer } from '../src/auth/viewer.js';
import { loadSharingState } from '../src/policy/sharing.js';
import { Role } from '../src/shared/enums.js';
import type { FindingQuery } from '../src/modules/finding/finding.repo.js';
import { findingStats, findingStatsDirect } from '../src/modules/finding/finding.stats.js';
import { rollupServes } from '../src/modules/finding/finding-stats.repo.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '32' },
    requests: { type: 'string', default: '320' },
    modes: { type: 'string', default: 'direct,auto' },
    out: { type: 'string' },
    'min-count': { type: 'string', default: '5' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL must name a seeded throw-away database');
  process.exit(2);
}
const concurrency = Number(values.concurrency);
const requests = Number(values.requests);
const minCount = Number(values['min-count']);
const modes = values.modes!.split(',') as ('direct' | 'auto')[];
const poolMax = Number(process.env.HUB_DB_POOL_MAX ?? 10);

const knex: Knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: poolMax } });

async function viewer(role: Role, code: string | null): Promise<Viewer> {
  const org = code ? ((await knex('organization').where({ code }).first()) as { id: number }) : null;
  const v = makeViewer(role, org ? { id: org.id, code: code! } : null, null);
  return { ...v, sharing: await loadSharingState(knex, v.orgId) };
}

const unit = (await knex('organization').where({ kind: 'BUDGET_UNIT' }).orderBy('id').offset(17).first()) as {
  id: number;
  code: string;
};
const scenarios: { name: string; v: Viewer; q: FindingQuery }[] = [
  { name: 'FINANCE, no filter', v: await viewer(Role.FINANCE, 'HC-CZJ'), q: {} },
  {
    name: 'FINANCE, sources AUDIT+REFORM, 2024-2025',
    v: await viewer(Role.FINANCE, 'HC-CZJ'),
    q: { sources: ['AUDIT', 'REFORM'] as FindingQuery['sources'], fiscalYearFrom: 2024, fiscalYearTo: 2025 },
  },
  { name: 'AUDIT, readable only', v: await viewer(Role.AUDIT, 'HC-SJJ'), q: { readable: true } },
  { name: 'DISCIPLINE, no filter', v: await viewer(Role.DISCIPLINE, 'HC-JWJW'), q: {} },
  {
    name: 'LEADERSHIP, incl. withdrawn',
    v: await viewer(Role.LEADERSHIP, 'HC-ZF'),
    q: { includeWithdrawn: true },
  },
  { name: 'PUBLIC, no filter', v: await viewer(Role.PUBLIC, null), q: {} },
  { name: 'UNIT (direct: unit scope)', v: await viewer(Role.UNIT, unit.code), q: {} },
  {
    name: 'FINANCE, one unit (direct: unit filter)',
    v: await viewer(Role.FINANCE, 'HC-CZJ'),
    q: { unitIds: [unit.id] },
  },
  { name: 'EVALUATOR (direct: evaluator scope)', v: await viewer(Role.EVALUATOR, 'TP-001'), q: {} },
];

const call = (mode: 'direct' | 'auto', v: Viewer, q: FindingQuery) =>
  mode === 'direct' ? findingStatsDirect(knex, v, q, minCount) : findingStats(knex, v, q, minCount);

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

interface Row {
  scenario: string;
  path: string;
  mode: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  rps: number;
}
const results: Row[] = [];
const findings = Number(((await knex('finding').count({ n: '*' }).first()) as { n: string }).n);
const hasRollup = await knex.schema.hasTable('finding_rollup');
const rollupRows = hasRollup
  ? Number(((await knex('finding_rollup').count({ n: '*' }).first()) as { n: string }).n)
  : null;

for (const s of scenarios) {
  if (modes.includes('auto') && modes.includes('direct')) {
    const [a, d] = [await call('auto', s.v, s.q), await call('direct', s.v, s.q)];
    if (!isDeepStrictEqual(a, d)) {
      console.error(`${s.name}: rollup and direct answers differ`, JSON.stringify({ a, d }));
      process.exit(1);
    }
  }
  for (const mode of modes) {
    for (let i = 0; i < 3; i++) await call(mode, s.v, s.q);
    const lat: number[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next++;
          const t = performance.now();
          await call(mode, s.v, s.q);
          lat.push(performance.now() - t);
        }
      }),
    );
    const wall = (performance.now() - t0) / 1000;
    lat.sort((x, y) => x - y);
    const row: Row = {
      scenario: s.name,
      path: mode === 'direct' ? 'direct' : rollupServes(s.v, s.q) ? 'rollup' : 'direct',
      mode,
      p50: pct(lat, 50),
      p95: pct(lat, 95),
      p99: pct(lat, 99),
      max: lat[lat.length - 1]!,
      rps: lat.length / wall,
    };
    results.push(row);
    console.log(
      `${row.scenario} [${row.mode} → ${row.path}] p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} p99 ${row.p99.toFixed(1)} ms, ${row.rps.toFixed(1)} req/s`,
    );
  }
}
await knex.destroy();

const ms = (x: number) => x.toFixed(1);
const md = [
  `# findingStats: rollup vs direct scan`,
  '',
  `${new Date().toISOString()} — ${findings.toLocaleString('en')} findings` +
    (rollupRows != null ? `, finding_rollup ${rollupRows.toLocaleString('en')} rows` : ', no rollup') +
    `; ${concurrency} calls in flight, ${requests} per row, knex pool ${poolMax}, HUB_DISCIPLINE_MIN_COUNT ${minCount}.`,
  '',
  '| scenario | mode | answered from | p50 ms | p95 ms | p99 ms | max ms | calls/s |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.scenario} | ${r.mode} | ${r.path} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.rps.toFixed(1)} |`,
  ),
  '',
].join('\n');
if (values.out) writeFileSync(values.out, md);
else console.log('\n' + md);
