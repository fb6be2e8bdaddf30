/**
 * `npm run export -- --role AUDIT [--org HC-SJJ] [--out 整改台账.xlsx] [--states IN_PROGRESS,SUBMITTED]
 *                   [--overdue true|false] [--overdue-more-than 30]`
 * Writes the 整改台账 as the given role and organisation would get it from the API (same row scope).
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabaseForCli } from '../db/database.js';
import { migrateUp, openOrm } from '../db/orm.js';
import { createContext } from '../context.js';
import { makeViewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';
import { createLogger } from '../logger.js';
import { DEMO_ORG_OF_ROLE } from '../seed/generator.js';
import { writeRectificationLedgerTo } from '../modules/rectification/ledger-export.js';
import { ledgerRows } from '../modules/rectification/rectification.ledger.js';
import { describeFilter } from '../modules/rectification/rectification.http.js';
import { RectificationState } from '../modules/rectification/rectification.entity.js';
import type { RectificationFilter } from '../modules/rectification/rectification.types.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    out: { type: 'string', default: `整改台账-${new Date().toISOString().slice(0, 10)}.xlsx` },
    states: { type: 'string' },
    overdue: { type: 'string' },
    'overdue-more-than': { type: 'string' },
  },
});
const role = values.role?.toUpperCase() as Role | undefined;
if (!role || !Object.values(Role).includes(role) || role === Role.PUBLIC) {
  console.error(
    'usage: npm run export -- --role <AUDIT|FINANCE|…> [--org CODE] [--out file.xlsx] [--states A,B] [--overdue true] [--overdue-more-than 30]',
  );
  process.exit(2);
}
const filter: RectificationFilter = {
  states: values.states ? (values.states.split(',') as RectificationState[]) : null,
  overdue: values.overdue === undefined ? null : values.overdue === 'true',
  overdueMoreThanDays: values['overdue-more-than'] ? Number(values['overdue-more-than']) : null,
};
if (filter.states?.some((s) => !Object.values(RectificationState).includes(s))) {
  console.error(`--states must be among ${Object.values(RectificationState).join(', ')}`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabaseForCli(config);
const orm = await openOrm(db.url, db.poolMax);
let code = 0;
try {
  await migrateUp(orm);
  const knex = orm.em.getKnex();
  const orgCode = values.org ?? DEMO_ORG_OF_ROLE[role];
  const org = (await knex('organization')
    .select('id', 'code', 'name')
    .where('code', orgCode ?? '')
    .first()) as { id: number; code: string; name: string } | undefined;
  if (!org) throw new Error(`no organisation with code ${orgCode}`);
  const ctx = await createContext(
    {
      em: orm.em,
      log: createLogger('warn'),
      settings: { disciplineMinCount: config.disciplineMinCount, escalationDays: config.escalationDays },
    },
    makeViewer(role, { id: org.id, code: org.code }, 'cli-export'),
    'cli-export',
  );
  const t0 = Date.now();
  let n = 0;
  async function* counted() {
    for await (const r of ledgerRows(ctx, filter)) {
      if (++n % 1000 === 0) process.stderr.write(`\r  ${n} tasks`);
      yield r;
    }
  }
  await writeRectificationLedgerTo(createWriteStream(values.out!), counted(), {
    title: '问题整改台账',
    generatedAt: new Date(),
    generatedBy: org.name,
    filterText: describeFilter(filter),
  });
  process.stderr.write('\n');
  console.log(
    JSON.stringify({
      out: values.out,
      tasks: n,
      ms: Date.now() - t0,
      rssMB: Math.round(process.memoryUsage().rss / 1048576),
    }),
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await orm.close();
  await db.stop();
}
process.exit(code);
