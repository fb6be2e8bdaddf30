/**
 * `npm run export -- --role AUDIT [--org HC-SJJ] [--out 整改台账.xlsx] [--states IN_PROGRESS,SUBMITTED]
 *                   [--overdue true|false] [--overdue-more-than 30]`
 * Writes the 整改台账 as the given role and organisation would get it from the API (same row scope).
 * While a hub runs on the embedded data folder, the ledger comes from it (GET /rectifications/ledger.xlsx
 * with a token signed here); otherwise from the database.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import { loadConfig, type HubConfig } from '../config.js';
import { openDatabaseOrHub, type DatabaseHandle } from '../db/database.js';
import type { RunningHubInfo } from '../db/running-hub.js';
import { cliToken, hubFetch, throughHubLine } from './hub-client.js';
import { Role } from '../shared/enums.js';
import { DEMO_ORG_OF_ROLE } from '../seed/generator.js';
import type { RectificationFilter, RectificationState } from '../modules/rectification/index.js';
import { organizationByCode } from '../modules/organization/organization.repo.js';

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
const roleArg = values.role?.toUpperCase() as Role | undefined;
if (!roleArg || !Object.values(Role).includes(roleArg) || roleArg === Role.PUBLIC) {
  console.error(
    'usage: npm run export -- --role <AUDIT|FINANCE|…> [--org CODE] [--out file.xlsx] [--states A,B] [--overdue true] [--overdue-more-than 30]',
  );
  process.exit(2);
}
const role: Role = roleArg;
const filter: RectificationFilter = {
  states: values.states ? (values.states.split(',') as RectificationState[]) : null,
  overdue: values.overdue === undefined ? null : values.overdue === 'true',
  overdueMoreThanDays: values['overdue-more-than'] !== undefined ? Number(values['overdue-more-than']) : null,
};
// the same checks as GET /rectifications/ledger.xlsx: a mistyped value is refused, never read as "false"
if (values.overdue !== undefined && values.overdue !== 'true' && values.overdue !== 'false') {
  console.error('--overdue must be true or false');
  process.exit(2);
}
const moreThan = values['overdue-more-than'];
if (moreThan !== undefined && (!/^\d+$/.test(moreThan) || !Number.isSafeInteger(Number(moreThan)))) {
  console.error('--overdue-more-than must be a whole number of days (0 or more)');
  process.exit(2);
}
if (filter.states) {
  // loaded only when needed: the ORM's modules take a while, and through a hub they are not needed
  const { RectificationState } = await import('../modules/rectification/rectification.entity.js');
  if (filter.states.some((s) => !Object.values(RectificationState).includes(s))) {
    console.error(`--states must be among ${Object.values(RectificationState).join(', ')}`);
    process.exit(2);
  }
}
const orgCode = values.org ?? DEMO_ORG_OF_ROLE[role];

/** Through the running hub's HTTP API, with a token for the role and organisation. */
async function exportThroughHub(config: HubConfig, hub: RunningHubInfo) {
  console.error(throughHubLine(config, hub));
  if (!orgCode) throw new Error(`name the organisation of the ${role} with --org`);
  const token = await cliToken(config, { sub: 'cli-export', role, org: orgCode });
  const q = new URLSearchParams();
  if (values.states) q.set('states', values.states);
  if (values.overdue !== undefined) q.set('overdue', values.overdue);
  if (values['overdue-more-than']) q.set('overdueMoreThanDays', values['overdue-more-than']);
  const t0 = Date.now();
  const res = await hubFetch(config, hub, `/rectifications/ledger.xlsx?${q}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.body) throw new Error(`the hub at ${hub.url} sent no ledger`);
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(values.out!));
  } catch (e) {
    rmSync(values.out!, { force: true });
    throw new Error(`the ledger from the hub at ${hub.url} broke off: ${(e as Error).message}`);
  }
  console.log(
    JSON.stringify({
      out: values.out,
      bytes: statSync(values.out!).size,
      ms: Date.now() - t0,
      hub: hub.url,
    }),
  );
}

async function exportDirect(config: HubConfig, db: DatabaseHandle) {
  const { migrateUp, openOrm } = await import('../db/orm.js');
  const [
    { createContext },
    { makeViewer },
    { createLogger },
    { writeRectificationLedgerTo },
    { ledgerRows },
    { describeFilter },
  ] = await Promise.all([
    import('../http/request-context.js'),
    import('../auth/viewer.js'),
    import('../logger.js'),
    import('../modules/rectification/ledger-export.js'),
    import('../modules/rectification/rectification.ledger.js'),
    import('../modules/rectification/rectification.http.js'),
  ]);
  const orm = await openOrm(db.url, db.poolMax);
  try {
    await migrateUp(orm);
    const knex = orm.em.getKnex();
    const org = await organizationByCode(knex, orgCode ?? '');
    if (!org) throw new Error(`no organisation with code ${orgCode}`);
    const ctx = await createContext(
      {
        em: orm.em,
        log: createLogger('warn'),
        settings: { disciplineMinCount: config.disciplineMinCount, escalationDays: config.escalationDays },
      },
      makeViewer(role, { id: org.dbId, code: org.code }, 'cli-export'),
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
  } finally {
    await orm.close();
  }
}

const config = loadConfig();
const target = await openDatabaseOrHub(config);
let code = 0;
try {
  if (target.hub) await exportThroughHub(config, target.hub);
  else await exportDirect(config, target.db);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  code = 1;
} finally {
  await target.db?.stop();
}
process.exit(code);
