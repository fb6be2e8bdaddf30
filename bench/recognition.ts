/**
 * Duplicate suggestions (疑似重复): quality on planted duplicates, and latency.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/recognition.ts --scale 10 [--pairs 300]
 *
 * Creates a throw-away database on DATABASE_URL's server, applies the migrations, loads the demo data
 * at `--scale`, plants `--pairs` duplicates with two distractors each (src/seed/generator.ts
 * plantDuplicates: reworded text under another agency's category, 万元 vs 元, rounded amounts, amounts
 * typed in the wrong unit or left out, a year apart; same unit and project with a different problem;
 * the same wording about another unit), then asks for the suggestions of every planted duplicate as
 * district leadership would (one call at a time, as the resolver makes it) and reports top-1 accuracy,
 * recall@3 and the latency percentiles. Writes bench/results/recognition-latest.md; drops the database.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { plantDuplicates, seedDemo } from '../src/seed/generator.js';
import { makeViewer } from '../src/auth/viewer.js';
import { loadSharingState } from '../src/policy/sharing.js';
import { Role } from '../src/shared/enums.js';
import { suggestDuplicates } from '../src/modules/recognition/finding-duplicates.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    pairs: { type: 'string', default: '300' },
    out: { type: 'string', default: 'bench/results/recognition-latest.md' },
  },
});
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('DATABASE_URL must name a PostgreSQL server (a throw-away database is created on it)');
  process.exit(2);
}
const scale = Number(values.scale);
const wanted = Number(values.pairs);

const db = await freshDatabase(base, 'hub_bench_recognition');
const orm = await openOrm(db.url, 4);
try {
  const knex = orm.em.getKnex();
  await migrateUp(orm);
  const t0 = Date.now();
  await seedDemo(knex, { scale, progress: (l) => process.stderr.write(`  ${l}\n`) });
  const planted = await plantDuplicates(knex, { count: wanted });
  await knex.raw('analyze');
  console.error(
    `seeded scale ${scale} and planted ${planted.pairs.length} duplicates in ${Date.now() - t0} ms`,
  );

  const lead = (await knex('organization').where({ code: 'HC-ZF' }).first()) as { id: number };
  const v0 = makeViewer(Role.LEADERSHIP, { id: lead.id, code: 'HC-ZF' }, 'bench');
  const viewer = { ...v0, sharing: await loadSharingState(knex, v0.orgId) };

  // warm-up
  for (const [, dup] of planted.pairs.slice(0, 5)) await suggestDuplicates(knex, viewer, dup, 3);
  const ms: number[] = [];
  let top1 = 0;
  let at3 = 0;
  const byKind = new Map<string, { n: number; top1: number; at3: number }>();
  const misses: string[] = [];
  for (const [orig, dup, kind] of planted.pairs) {
    const s = performance.now();
    const got = await suggestDuplicates(knex, viewer, dup, 3);
    ms.push(performance.now() - s);
    const k = byKind.get(kind) ?? { n: 0, top1: 0, at3: 0 };
    k.n++;
    if (got[0]?.findingId === orig) {
      top1++;
      k.top1++;
    }
    if (got.some((g) => g.findingId === orig)) {
      at3++;
      k.at3++;
    } else if (misses.length < 5) {
      misses.push(
        `finding ${dup} (${kind}): got ${JSON.stringify(got.map((g) => [g.findingId, g.score]))}, expected ${orig}`,
      );
    }
    byKind.set(kind, k);
  }
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!.toFixed(1);
  const n = planted.pairs.length;
  const findings = Number(((await knex('finding').count({ n: '*' })) as { n: string }[])[0]!.n);
  const md = [
    '# Duplicate suggestions (疑似重复): quality and latency',
    '',
    `Command: \`DATABASE_URL=… npx tsx bench/recognition.ts --scale ${scale} --pairs ${wanted}\` (${new Date().toISOString().slice(0, 10)})`,
    '',
    `Demo data at scale ${scale} (${findings.toLocaleString('en-US')} findings) with ${n} planted duplicates and ${planted.distractors} distractors;`,
    'suggestions asked for each planted duplicate by district leadership (LEADERSHIP), 3 per call, one call at a time.',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| top-1 accuracy | ${(top1 / n).toFixed(3)} (${top1}/${n}) |`,
    `| recall@3 | ${(at3 / n).toFixed(3)} (${at3}/${n}) |`,
    `| latency p50 / p95 / max (ms) | ${pct(50)} / ${pct(95)} / ${ms[ms.length - 1]!.toFixed(1)} |`,
    '',
    '| variant | n | top-1 | recall@3 |',
    '| --- | --- | --- | --- |',
    ...[...byKind.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([k, x]) => `| ${k} | ${x.n} | ${(x.top1 / x.n).toFixed(2)} | ${(x.at3 / x.n).toFixed(2)} |`),
    '',
    'The planted set is written by the same hand as the scoring; read these figures as a regression check,',
    'not as the quality on agencies’ real ledgers.',
    ...(misses.length ? ['', 'First misses:', '', ...misses.map((m) => `- ${m}`)] : []),
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(values.out!, md);
  console.log(md);
} finally {
  await orm.close();
  await db.drop();
}
