/**
 * Result application (结果应用) at scale: how long the proposals of a result year take to compute.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/performance-chain.ts --scale 100 [--runs 5]
 *
 * Creates a throw-away database on DATABASE_URL's server, applies the migrations, loads the demo data
 * at `--scale` (with the 2025 performance chain: src/seed/performance-chain.ts), then computes the
 * 2025 → 2027 proposals as the finance bureau sees them (every project with a 2025 result: reviews,
 * re-scores, self-evaluations, monitoring warnings, overdue rectifications, decisions) `--runs` times,
 * and one unit's proposals as that unit sees them. Reports the median and worst time and the number
 * of proposals; writes bench/results/performance-chain.md; drops the database.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/generator.js';
import { makeViewer } from '../src/auth/viewer.js';
import { Role } from '../src/shared/enums.js';
import { proposals } from '../src/modules/performance/index.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/results/performance-chain.md' },
  },
});
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('DATABASE_URL must name a PostgreSQL server (a throw-away database is created on it)');
  process.exit(2);
}
const scale = Number(values.scale);
const runs = Number(values.runs);

const db = await freshDatabase(base, 'hub_bench_perfchain');
const orm = await openOrm(db.url, 4);
try {
  const knex = orm.em.getKnex();
  await migrateUp(orm);
  const t0 = Date.now();
  await seedDemo(knex, { scale, progress: (l) => process.stderr.write(`  ${l}\n`) });
  await knex.raw('analyze');
  const seedMs = Date.now() - t0;
  console.error(`seeded scale ${scale} in ${seedMs} ms`);

  const fin = (await knex('organization').where({ code: 'HC-CZJ' }).first()) as { id: number };
  const finance = makeViewer(Role.FINANCE, { id: fin.id, code: 'HC-CZJ' }, 'bench');
  const counts = (await knex.raw(
    `select (select count(*) from performance_target_set)::int sets, (select count(*) from self_evaluation)::int selfs,
            (select count(*) from monitoring_record)::int records, (select count(*) from review)::int reviews,
            (select count(*) from rectification)::int tasks, (select count(*) from project)::int projects`,
  )) as { rows: Record<string, number>[] };
  const c = counts.rows[0]!;

  const time = async (f: () => Promise<unknown[]>) => {
    const s = performance.now();
    const n = (await f()).length;
    return { ms: performance.now() - s, n };
  };
  await proposals(knex, finance, 2025, { asOf: '2026-11-30' }); // warm-up
  const all: { ms: number; n: number }[] = [];
  for (let i = 0; i < runs; i++)
    all.push(await time(() => proposals(knex, finance, 2025, { asOf: '2026-11-30' })));
  const unitRow = (await knex('budget_decision').first('unit_id')) as { unit_id: number } | undefined;
  const unitId = unitRow?.unit_id ?? (await knex('organization').where('kind', 'BUDGET_UNIT').first('id')).id;
  const unitCode = ((await knex('organization').where('id', unitId).first('code')) as { code: string }).code;
  const unitViewer = makeViewer(Role.UNIT, { id: unitId, code: unitCode }, 'bench');
  const unit: { ms: number; n: number }[] = [];
  for (let i = 0; i < runs; i++)
    unit.push(await time(() => proposals(knex, unitViewer, 2025, { asOf: '2026-11-30' })));

  // where the time goes: each statement of one computation, timed alone
  const repo = await import('../src/modules/performance/application.repo.js');
  const { selfEvaluations } = await import('../src/modules/performance/evaluation.repo.js');
  const { warnings } = await import('../src/modules/performance/monitoring.service.js');
  const steps: [string, number][] = [];
  const step = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const r = await f();
    steps.push([name, performance.now() - s]);
    return r;
  };
  const pop = await step('population (projects with a 2025 result, scoped)', () =>
    repo.population(knex, finance, 2025, {}),
  );
  const pids = pop.map((p) => p.projectId);
  await step('reviews of the year', () => repo.reviewsOf(knex, pids, 2025));
  await step('submitted self-evaluations', () =>
    selfEvaluations(knex, null, { budgetYear: 2025, submittedOnly: true, projectIds: pids }),
  );
  await step('latest monitoring records + approved targets + warnings', () =>
    warnings(knex, null, { budgetYear: 2025, projectIds: pids }),
  );
  await step('overdue rectifications per unit', () =>
    repo.overdueByUnit(knex, [...new Set(pop.map((p) => p.unitId))], '2026-11-30'),
  );
  await step('decisions of 2027', () => repo.decisionsOf(knex, pids, 2027));

  const sorted = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b);
  const med = (xs: { ms: number }[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
  const max = (xs: { ms: number }[]) => sorted(xs).at(-1)!;
  const md = `# Result application: proposal computation

Command: \`DATABASE_URL=… npx tsx bench/performance-chain.ts --scale ${scale} --runs ${runs}\`, ${new Date().toISOString()}, PostgreSQL on this machine (2 shared cores).

Data at scale ${scale}: ${c.projects} projects, ${c.reviews} reviews, ${c.tasks} rectification tasks, ${c.sets} target sets, ${c.selfs} self-evaluations, ${c.records} monitoring records (seeded in ${(seedMs / 1000).toFixed(1)} s).

| question | proposals | median | worst |
| --- | ---: | ---: | ---: |
| all 2025 → 2027 proposals as the finance bureau | ${all[0]!.n} | ${med(all).toFixed(0)} ms | ${max(all).toFixed(0)} ms |
| one unit's proposals as that unit | ${unit[0]!.n} | ${med(unit).toFixed(1)} ms | ${max(unit).toFixed(1)} ms |

One computation, statement by statement:

| step | ms |
| --- | ---: |
${steps.map(([n, ms]) => `| ${n} | ${ms.toFixed(0)} |`).join('\n')}

Each computation is six set-based statements (population, reviews, self-evaluations, latest monitoring records with
approved targets, overdue rectifications per unit, decisions) and the rules in TypeScript; nothing is stored, so a
proposal always follows the data.
`;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(values.out!, md);
  console.log(md);
} finally {
  await orm.close();
  await db.drop();
}
