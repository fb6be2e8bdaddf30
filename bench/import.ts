/**
 * Import benchmark: a 10,000-row audit ledger (CSV, UTF-8, amounts in 万元) published into a fresh
 * PostgreSQL database seeded with the demo data; then the same file again (all unchanged). Writes
 * bench/results/import-latest.json. Run: npx tsx bench/import.ts [--rows 10000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { seedDemo, prng } from '../src/seed/generator.js';
import { makeViewer } from '../src/auth/viewer.js';
import { Role, FindingSource } from '../src/shared/enums.js';
import { parseLedger } from '../src/modules/import/index.js';
import { publishFindings, type PublishRow } from '../src/modules/publishing/publishing.service.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' } } });
const n = Number(values.rows);
const r = prng(7);
const cats = ['虚列支出', '挤占挪用专项资金', '违规拨付资金', '未按规定实施政府采购', '工程结算多计价款'];
const lines = [
  '审计问题编号,责任单位编码,问题类别,问题描述,涉及金额(万元),所属年度,严重程度,密级,整改责任人',
];
for (let i = 1; i <= n; i++) {
  const wan = (r.int(1, 9_999_999) / 10_000).toFixed(4);
  lines.push(
    `BENCH-${String(i).padStart(6, '0')},HC-U${String(r.int(1, 60)).padStart(3, '0')},${r.pick(cats)},` +
      `"第${i}项：专项资金使用不规范，涉及${wan}万元",${wan},${r.int(2023, 2025)},${r.pick(['一般', '较重', '严重'])},内部,张${i % 100}`,
  );
}
const bytes = Buffer.from('\ufeff' + lines.join('\n'), 'utf8');

const fresh = await freshDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'hub_bench_import');
const orm = await openOrm(fresh.url, 4);
try {
  await migrateUp(orm);
  const knex = orm.em.getKnex();
  await seedDemo(knex, { scale: 1 });
  const org = (await knex('organization').where({ code: 'HC-SJJ' }).first()) as { id: number };
  const viewer = makeViewer(Role.AUDIT, { id: org.id, code: 'HC-SJJ' }, 'bench');
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const parsed = await parseLedger({ bytes, fileName: 'bench.csv', source: FindingSource.AUDIT });
  const tParse = performance.now() - t0;
  if (parsed.problems.length)
    throw new Error(`unexpected problems: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  const rep = await publishFindings(knex, viewer, parsed.rows as PublishRow[], { dryRun: false });
  const tAll = performance.now() - t0;
  const t1 = performance.now();
  const parsed2 = await parseLedger({ bytes, fileName: 'bench.csv', source: FindingSource.AUDIT });
  const rep2 = await publishFindings(knex, viewer, parsed2.rows as PublishRow[], { dryRun: false });
  const tAgain = performance.now() - t1;
  clearInterval(sampler);
  const result = {
    at: new Date().toISOString(),
    rows: n,
    fileBytes: bytes.length,
    parseMs: Math.round(tParse),
    firstImportMs: Math.round(tAll),
    rowsPerSecond: Math.round(n / (tAll / 1000)),
    created: rep.created,
    secondImportMs: Math.round(tAgain),
    secondImportUnchanged: rep2.unchanged,
    rssBeforeMB: Math.round(rssBefore / 1048576),
    rssPeakMB: Math.round(peak / 1048576),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/import-latest.json', import.meta.url),
    JSON.stringify(result, null, 2) + '\n',
  );
} finally {
  await orm.close();
  await fresh.drop();
}
