/**
 * Ledger export benchmark: 10,000 rectification tasks (each with a finding, supervisors and a few
 * timeline events) exported as the 整改台账 .xlsx by a LEADERSHIP viewer (who sees them all).
 * Writes bench/results/export-latest.json. Run: npx tsx bench/export.ts [--tasks 10000]
 */
import { mkdirSync, statSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/generator.js';
import { makeViewer } from '../src/auth/viewer.js';
import { createContext } from '../src/http/request-context.js';
import { createLogger } from '../src/logger.js';
import { Role } from '../src/shared/enums.js';
import { writeRectificationLedgerTo } from '../src/modules/rectification/ledger-export.js';
import { ledgerRows } from '../src/modules/rectification/rectification.ledger.js';

const { values } = parseArgs({ options: { tasks: { type: 'string', default: '10000' } } });
const n = Number(values.tasks);
const fresh = await freshDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'hub_bench_export');
const orm = await openOrm(fresh.url, 4);
const out = path.join(os.tmpdir(), `ledger-bench-${process.pid}.xlsx`);
try {
  await migrateUp(orm);
  const knex = orm.em.getKnex();
  await seedDemo(knex, { scale: Math.ceil(n / 3000) + 0.5 });
  const findings = (await knex('finding')
    .select('id', 'agency_id', 'unit_id')
    .where('publication_state', 'PUBLISHED')
    .orderBy('id')
    .limit(n)) as {
    id: number;
    agency_id: number;
    unit_id: number;
  }[];
  if (findings.length < n) throw new Error(`only ${findings.length} findings`);
  const states = ['ASSIGNED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED'];
  for (let i = 0; i < n; i += 1000) {
    const part = findings.slice(i, i + 1000);
    const ids = (await knex('rectification')
      .insert(
        part.map((f, k) => ({
          unit_id: f.unit_id,
          lead_id: f.agency_id,
          kind: 'DEADLINE',
          measures: '追回资金，完善制度，举一反三开展自查',
          deadline: `2026-${String((k % 12) + 1).padStart(2, '0')}-28`,
          state: states[k % 4],
          submission_no: k % 4 >= 2 ? 1 : 0,
        })),
      )
      .returning('id')) as { id: number }[];
    await knex('rectification_finding').insert(
      ids.map((r, k) => ({ rectification_id: r.id, finding_id: part[k]!.id })),
    );
    await knex('rectification_supervisor').insert(
      ids.map((r, k) => ({ rectification_id: r.id, agency_id: part[k]!.agency_id })),
    );
    await knex('rectification_event').insert(
      ids.flatMap((r, k) => [
        {
          rectification_id: r.id,
          type: 'CREATED',
          actor_id: part[k]!.agency_id,
          actor_user: 'bench',
          version: 1,
          payload: JSON.stringify({}),
        },
        {
          rectification_id: r.id,
          type: 'REPORTED',
          actor_id: part[k]!.unit_id,
          actor_user: 'bench',
          version: 2,
          payload: JSON.stringify({
            text: '已追回部分资金',
            percent: 50,
            moneyRecovered: `${k}.25`,
            rulesEstablished: '《资金管理办法》',
          }),
        },
      ]),
    );
  }
  const lead = (await knex('organization').where({ code: 'HC-ZF' }).first()) as { id: number };
  const ctx = await createContext(
    { em: orm.em, log: createLogger('warn'), settings: { disciplineMinCount: 5, escalationDays: 30 } },
    makeViewer(Role.LEADERSHIP, { id: lead.id, code: 'HC-ZF' }, 'bench'),
    'bench',
  );
  let rows = 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  async function* counted() {
    for await (const r of ledgerRows(ctx, null)) {
      rows++;
      yield r;
    }
  }
  await writeRectificationLedgerTo(createWriteStream(out), counted(), {
    title: '问题整改台账',
    generatedAt: new Date(),
    generatedBy: '鹤城区人民政府',
    filterText: '',
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const result = {
    at: new Date().toISOString(),
    tasks: rows,
    exportMs: Math.round(ms),
    tasksPerSecond: Math.round(rows / (ms / 1000)),
    fileBytes: statSync(out).size,
    rssPeakMB: Math.round(peak / 1048576),
    node: process.version,
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/export-latest.json', import.meta.url),
    JSON.stringify(result, null, 2) + '\n',
  );
} finally {
  rmSync(out, { force: true });
  await orm.close();
  await fresh.drop();
}
