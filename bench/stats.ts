/**
 * Latency of the statistics API (`stats`) through the real hub (HTTP, JWT, shield), on a seeded
 * throw-away database:
 *
 *   createdb -h 127.0.0.1 -U postgres hub_stats_x
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_stats_x npm run seed -- --scale 100
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_stats_x npx tsx bench/stats.ts \
 *     [--concurrency 32] [--requests 320] [--label "scale 100"] [--out bench/results/stats.md]
 *     [--only "by source,unit"]   (scenarios whose name contains one of these)
 *   dropdb -h 127.0.0.1 -U postgres hub_stats_x
 *
 * Starts the hub in this process on the database (pool HUB_DB_POOL_MAX, default 10), then for each
 * scenario sends 3 warm-up requests and `--requests` POST /graphql requests with `--concurrency` in
 * flight from this same process (so the client shares the event loop and the 2 cores with the hub and
 * PostgreSQL). Every answer must be HTTP 200 without errors. With --out the table is appended to the
 * file under a heading of `--label`.
 */
import 'reflect-metadata';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openOrm } from '../src/db/orm.js';
import { createLogger } from '../src/logger.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { signToken } from '../src/auth/tokens.js';
import { Role } from '../src/shared/enums.js';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string', default: '32' },
    requests: { type: 'string', default: '320' },
    label: { type: 'string', default: '' },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL must name a seeded throw-away database');
  process.exit(2);
}
const concurrency = Number(values.concurrency);
const requests = Number(values.requests);
process.env.HUB_JWT_SECRET ??= 'bench-only-secret-bench-only-secret-0123456789';
const config = { ...loadConfig(), databaseUrl: url, host: '127.0.0.1', port: 0, seedDemo: false };
const orm = await openOrm(url, config.dbPoolMax);
const knex = orm.em.getKnex();
const server = await startServer({
  config,
  orm,
  schema: applyPermissions(await buildHubSchema()),
  log: createLogger('silent'),
  port: 0,
});

const FIG = `findings amount units pending inProgress partly completed continuing rectified due rectifiedDue
  rectificationRate tasks closedTasks closedOnTime onTimeRate overdueTasks overdue1To30 overdue31To90 overdueOver90
  moneyRecovered rulesIssued peopleHeldAccountable`;
const q = (groupBy: string | null, filter = '') => {
  const args = [groupBy ? `groupBy: ${groupBy}` : '', filter ? `filterBy: ${filter}` : ''].filter(Boolean);
  return (
    `{ stats${args.length ? `(${args.join(', ')})` : ''} { total { ${FIG} } ` +
    `groups { key label figures { ${FIG} } } grades { grade count } recognitions { agencyName decision count } } }`
  );
};
const unit = (await knex('organization').where({ kind: 'BUDGET_UNIT' }).orderBy('id').offset(17).first()) as {
  code: string;
};
const tok = (role: Role, org: string | null) => signToken(config, { sub: 'bench', role, org }, 3600);
const scenarios: { name: string; token: string; query: string }[] = [
  { name: 'FINANCE, total only', token: await tok(Role.FINANCE, 'HC-CZJ'), query: q(null) },
  { name: 'FINANCE, by source', token: await tok(Role.FINANCE, 'HC-CZJ'), query: q('SOURCE') },
  {
    name: 'FINANCE, by category, 2025',
    token: await tok(Role.FINANCE, 'HC-CZJ'),
    query: q('CATEGORY', '{ fiscalYears: [2025] }'),
  },
  { name: 'LEADERSHIP, by unit', token: await tok(Role.LEADERSHIP, 'HC-ZF'), query: q('UNIT') },
  { name: 'DISCIPLINE, by month', token: await tok(Role.DISCIPLINE, 'HC-JWJW'), query: q('MONTH') },
  { name: 'AUDIT, by fiscal year', token: await tok(Role.AUDIT, 'HC-SJJ'), query: q('FISCAL_YEAR') },
  { name: `UNIT (${unit.code}), by category`, token: await tok(Role.UNIT, unit.code), query: q('CATEGORY') },
];

async function send(token: string, query: string): Promise<void> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: { stats?: unknown } };
  if (res.status !== 200 || body.errors || !body.data?.stats)
    throw new Error(`bad answer ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
}

const only = values.only?.split(',').map((x) => x.trim().toLowerCase());
const chosen = only ? scenarios.filter((s) => only.some((o) => s.name.toLowerCase().includes(o))) : scenarios;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const rows: string[] = [];
for (const s of chosen) {
  for (let i = 0; i < 3; i++) await send(s.token, s.query);
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        await send(s.token, s.query);
        lat.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const line = `| ${s.name} | ${pct(lat, 50).toFixed(1)} | ${pct(lat, 95).toFixed(1)} | ${pct(lat, 99).toFixed(1)} | ${lat[lat.length - 1]!.toFixed(1)} | ${(lat.length / wall).toFixed(1)} |`;
  console.log(line);
  rows.push(line);
}
const findings = Number(((await knex('finding').count({ n: '*' }).first()) as { n: string }).n);
const tasks = Number(((await knex('rectification').count({ n: '*' }).first()) as { n: string }).n);
await server.stop();
await orm.close();

const md = [
  `## ${values.label || 'stats'} — ${findings.toLocaleString('en')} findings, ${tasks.toLocaleString('en')} tasks`,
  '',
  `${new Date().toISOString()}; POST /graphql through the hub (shield on), ${concurrency} requests in flight, ` +
    `${requests} per row after 3 warm-up requests, knex pool ${config.dbPoolMax}, client in the same process.`,
  '',
  '| scenario | p50 ms | p95 ms | p99 ms | max ms | req/s |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
].join('\n');
if (values.out) {
  if (!existsSync(values.out))
    writeFileSync(
      values.out,
      '# Statistics API latency (bench/stats.ts)\n\nAim: p95 < 300 ms at scale 100 under 32 concurrent requests.\n\n',
    );
  appendFileSync(values.out, md + '\n');
} else console.log('\n' + md);
process.exit(0);
