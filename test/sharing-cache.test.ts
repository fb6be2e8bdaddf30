/**
 * The sharing state cached in the process (src/modules/sharing/sharing.cache.ts): a warm request reads
 * no sharing rule nor access request, and every change — through this hub or another one on the same
 * database, or by the clock for a grant that expires — is seen by the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, Role } from '../src/shared/enums.js';
import { sharingCacheOf } from '../src/modules/sharing/index.js';

let a: TestHub;
let b: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  a = await startTestHub();
  b = await startTestHub();
  f = new Factory(a.knex);
  w = await f.world();
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

/** The run's database: PostgreSQL (DATABASE_URL) or the embedded PGlite (see test/global-setup.ts). */
const onPostgres = !!process.env.DATABASE_URL;

const RULE_SET = `mutation($input: SharingRuleSetInput!) { sharingRuleSet(input: $input) { rule { level } userErrors { code } } }`;
const CREATE = `mutation($input: AccessRequestCreateInput!) { accessRequestCreate(input: $input) {
  request { id version } userErrors { code field } } }`;
const decide = (verb: string) => `mutation($input: AccessRequestDecisionInput!) {
  accessRequest${verb}(input: $input) { request { id version status } userErrors { code } } }`;
const READ = `query($id: ID!) { finding(id: $id) { title description } }`;
const LIST = `query($unit: ID!) { findings(first: 20, filterBy: { units: [$unit] }) { nodes { id description } } }`;

const SHARING_SQL = /\b(sharing_rule|access_request)\b/;

/** The SQL statements `hub` sends while `fn` runs (knex 'query' events of the hub's pool). */
async function statements<T>(hub: TestHub, fn: () => Promise<T>): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const on = (q: { sql: string }) => sql.push(q.sql);
  hub.knex.on('query', on);
  try {
    return { result: await fn(), sql };
  } finally {
    hub.knex.off('query', on);
  }
}
const sharingReads = (sql: string[]) => sql.filter((s) => SHARING_SQL.test(s));

/** What `token`'s viewer reads of finding `gid` on `hub`: its description, or null when forbidden. */
async function description(hub: TestHub, gid: string, token: string): Promise<string | null> {
  const res = await hub.gql(READ, { id: gid }, token);
  expect(res.data?.finding, JSON.stringify(res.errors)).toBeTruthy();
  return res.data!.finding.description;
}

/** Polls `probe` on hub B until it returns `want` (a notification takes a moment): 1 s at most. */
async function eventually<T>(probe: () => Promise<T>, want: T, ms = 1000): Promise<T> {
  const deadline = Date.now() + ms;
  let got = await probe();
  while (got !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    got = await probe();
  }
  return got;
}

/** With PostgreSQL, lets the notifications of the last writes reach the other hub before a warm check. */
const settle = () => new Promise((r) => setTimeout(r, onPostgres ? 100 : 0));

/** A finance finding of a new category (shared unconditionally by default). */
async function financeFinding(unit: Org = w.unitA) {
  const category = `缓存测试-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
  const x = await f.finding(w.finance, unit, S.PERFORMANCE, { category, description: '缓存测试描述' });
  return { category, x };
}

async function setRule(hub: TestHub, token: string, category: string, level: string) {
  const res = await hub.gql(RULE_SET, { input: { category, level } }, token);
  expect(res.data!.sharingRuleSet.userErrors).toEqual([]);
}

/** AUDIT asks FINANCE for finding `gid`; FINANCE approves. Returns the approved request. */
async function grant(hub: TestHub, gid: string, expiresAt = new Date(Date.now() + 86400_000)) {
  const auditT = await hub.token(Role.AUDIT, w.audit.code);
  const financeT = await hub.token(Role.FINANCE, w.finance.code);
  const made = await hub.gql(
    CREATE,
    {
      input: {
        owner: w.finance.gid,
        scope: 'RECORDS',
        findings: [gid],
        purpose: '缓存测试',
        expiresAt: expiresAt.toISOString(),
      },
    },
    auditT,
  );
  expect(made.data!.accessRequestCreate.userErrors).toEqual([]);
  const req = made.data!.accessRequestCreate.request;
  const ok = await hub.gql(decide('Approve'), { input: { id: req.id, version: req.version } }, financeT);
  expect(ok.data!.accessRequestApprove.userErrors).toEqual([]);
  return ok.data!.accessRequestApprove.request as { id: string; version: number };
}

async function revoke(hub: TestHub, req: { id: string; version: number }) {
  const financeT = await hub.token(Role.FINANCE, w.finance.code);
  const res = await hub.gql(
    decide('Revoke'),
    { input: { id: req.id, version: req.version, reason: '用途已完成' } },
    financeT,
  );
  expect(res.data!.accessRequestRevoke.userErrors).toEqual([]);
}

describe('sharing state cache', () => {
  it('reads no sharing rule nor access request on a warm request', async () => {
    const cache = sharingCacheOf(a.knex)!;
    // PostgreSQL: LISTEN/NOTIFY; PGlite: invalidated in-process (pglite-socket passes no notification)
    for (const hub of [a, b])
      expect(sharingCacheOf(hub.knex)!.status()).toMatchObject({
        mode: onPostgres ? 'listen' : 'in-process',
        caching: true,
      });
    const auditT = await a.token(Role.AUDIT, w.audit.code);
    const publicT = await a.token(Role.PUBLIC, null);
    const q = `{ findings(first: 20) { nodes { id title description } } }`;

    await a.gql(q, {}, auditT); // the token's organisation is resolved once, then remembered
    cache.invalidate(null);
    const cold = await statements(a, () => a.gql(q, {}, auditT));
    expect(cold.result.data.findings.nodes).toHaveLength(20);
    // rules and the viewer's grants, once
    expect(sharingReads(cold.sql)).toHaveLength(2);
    const publicCold = await a.gql(q, {}, publicT);

    // warm: the same answers (FORBIDDEN fields included), no sharing rule nor access request read
    for (const [token, want] of [
      [auditT, cold.result],
      [publicT, publicCold],
      [auditT, cold.result],
    ] as const) {
      const warm = await statements(a, () => a.gql(q, {}, token));
      expect(warm.result).toEqual(want);
      expect(sharingReads(warm.sql)).toEqual([]);
    }
    const warm = await statements(a, () => a.gql(q, {}, auditT));
    console.log(
      `[sharing-cache] findings(first: 20) as AUDIT: ${cold.sql.length} statements with the sharing ` +
        `state read (${sharingReads(cold.sql).length} of them), ${warm.sql.length} with it cached`,
    );
  });

  it('sees a rule change, an approval and a revocation on the very next request', async () => {
    const { category, x } = await financeFinding();
    const auditT = await a.token(Role.AUDIT, w.audit.code);
    const financeT = await a.token(Role.FINANCE, w.finance.code);

    expect(await description(a, x.gid, auditT)).toBe('缓存测试描述');
    // the state is cached: the read above filled it, this one reads none
    const warm = await statements(a, () => description(a, x.gid, auditT));
    expect(warm.result).toBe('缓存测试描述');
    expect(sharingReads(warm.sql)).toEqual([]);

    await setRule(a, financeT, category, 'CONDITIONAL');
    expect(await description(a, x.gid, auditT)).toBeNull();

    const req = await grant(a, x.gid);
    expect(await description(a, x.gid, auditT)).toBe('缓存测试描述');
    expect(sharingReads((await statements(a, () => description(a, x.gid, auditT))).sql)).toEqual([]);

    await revoke(a, req);
    expect(await description(a, x.gid, auditT)).toBeNull();
    const list = await a.gql(LIST, { unit: w.unitA.gid }, auditT);
    const row = list.data!.findings.nodes.find((n: { id: string }) => n.id === x.gid);
    expect(row.description).toBeNull();

    await setRule(a, financeT, category, 'UNCONDITIONAL');
    expect(await description(a, x.gid, auditT)).toBe('缓存测试描述');
  });

  it('sees a change made through another hub on the same database', async () => {
    const { category, x } = await financeFinding();
    const auditT = await b.token(Role.AUDIT, w.audit.code);
    const financeT = await a.token(Role.FINANCE, w.finance.code);
    const onB = () => description(b, x.gid, auditT);

    expect(await onB()).toBe('缓存测试描述');
    expect(sharingReads((await statements(b, onB)).sql)).toEqual([]); // B serves from its cache

    await setRule(a, financeT, category, 'CONDITIONAL');
    expect(await eventually(onB, null)).toBeNull();

    const req = await grant(a, x.gid);
    expect(await eventually(onB, '缓存测试描述')).toBe('缓存测试描述');

    await revoke(a, req);
    expect(await eventually(onB, null)).toBeNull();
    // and B caches again afterwards
    await settle();
    await onB();
    expect(sharingReads((await statements(b, onB)).sql)).toEqual([]);
  });

  it('stops granting when a grant expires between two requests', async () => {
    const { category, x } = await financeFinding(w.unitB);
    const auditT = await a.token(Role.AUDIT, w.audit.code);
    const financeT = await a.token(Role.FINANCE, w.finance.code);
    await setRule(a, financeT, category, 'CONDITIONAL');
    // long enough for the reads below on a slow, shared machine
    const expiresAt = new Date(Date.now() + 4000);
    await grant(a, x.gid, expiresAt);
    await settle();

    for (const [name, hub] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const before = await eventually(() => description(hub, x.gid, auditT), '缓存测试描述');
      const warm = await statements(hub, () => description(hub, x.gid, auditT));
      const left = expiresAt.getTime() - Date.now();
      expect(
        left,
        'the grant expired before the reads: the machine is too slow for this test',
      ).toBeGreaterThan(0);
      expect([before, warm.result], `hub ${name}`).toEqual(['缓存测试描述', '缓存测试描述']);
      expect(sharingReads(warm.sql), `hub ${name}`).toEqual([]);
    }

    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now() + 20)));
    for (const hub of [a, b]) {
      expect(await description(hub, x.gid, auditT)).toBeNull();
      const list = await hub.gql(LIST, { unit: w.unitB.gid }, auditT);
      const row = list.data!.findings.nodes.find((n: { id: string }) => n.id === x.gid);
      expect(row.description).toBeNull();
    }
  });

  // PGlite: no NOTIFY across connections; the one process that owns it invalidates in-process
  it.runIf(onPostgres)(
    'PostgreSQL: a change notified by hand in its transaction reaches every hub',
    async () => {
      const { category, x } = await financeFinding();
      const auditT = await b.token(Role.AUDIT, w.audit.code);
      expect(await description(b, x.gid, auditT)).toBe('缓存测试描述');
      await a.knex.transaction(async (trx) => {
        await trx('sharing_rule').insert({
          owner_id: w.finance.id,
          category,
          level: 'NOT_SHARED',
          set_by: 'sharing-cache-test',
        });
        await trx.raw(`select pg_notify('hub_sharing', 'rules')`);
      });
      expect(await eventually(() => description(b, x.gid, auditT), null)).toBeNull();
      expect(await eventually(() => description(a, x.gid, auditT), null)).toBeNull();
    },
  );

  it.runIf(onPostgres)(
    'PostgreSQL: without its LISTEN connection a hub reads per request, then caches again',
    async () => {
      const cache = sharingCacheOf(b.knex)!;
      const { category, x } = await financeFinding();
      const auditT = await b.token(Role.AUDIT, w.audit.code);
      const onB = () => description(b, x.gid, auditT);
      expect(await onB()).toBe('缓存测试描述');
      const pid = cache.status().listenerPid;
      expect(pid).toBeTypeOf('number');

      await a.knex.raw('select pg_terminate_backend(?)', [pid]);
      const deadline = Date.now() + 2000;
      while (cache.status().caching && cache.status().listenerPid === pid && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 5));
      expect(cache.status().listenerPid).not.toBe(pid);

      // a change nobody notifies: seen at once, whether B still reads per request or has just come back
      // (it then starts from an empty cache)
      await a.knex('sharing_rule').insert({
        owner_id: w.finance.id,
        category,
        level: 'NOT_SHARED',
        set_by: 'sharing-cache-test',
      });
      expect(await onB()).toBeNull();

      // reconnects and caches again
      const back = Date.now() + 5000;
      while (!cache.status().caching && Date.now() < back) await new Promise((r) => setTimeout(r, 20));
      expect(cache.status()).toMatchObject({ mode: 'listen', caching: true });
      expect(cache.status().listenerPid).not.toBe(pid);
      await onB();
      expect(sharingReads((await statements(b, onB)).sql)).toEqual([]);
      // and hears notifications again
      await setRule(a, await a.token(Role.FINANCE, w.finance.code), category, 'UNCONDITIONAL');
      expect(await eventually(onB, '缓存测试描述')).toBe('缓存测试描述');
    },
  );
});
