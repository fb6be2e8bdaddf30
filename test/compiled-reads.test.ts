/**
 * The compiled read path (src/http/compiled-reads.ts) answers exactly as regular execution: two hubs
 * on one database, one with HUB_COMPILED_READS off, asked the same operations by every role over a
 * world with every access case (own records, sharing rules UNCONDITIONAL / CONDITIONAL / NOT_SHARED,
 * an approved request, clearances, a unit's own records, an evaluator's reviews, drafts, withdrawn
 * records, undisclosed amounts). Responses must be byte-identical (data, errors with paths and
 * locations, key order), the access log must record the same reads, and the compiled path must have
 * answered the compilable operations (counted), so the comparison cannot pass vacuously.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, OrganizationKind, Role } from '../src/shared/enums.js';
import { compiledReadsServed } from '../src/http/compiled-reads.js';
import { MAX_PER_CONNECTION, queryPrepared, statementHash } from '../src/db/prepared.js';
import knexLib from 'knex';

let on: TestHub;
let off: TestHub;
let w: Awaited<ReturnType<Factory['world']>> & { admin: Org };
const tokens: Record<string, string | null> = {};
let units: string[];

beforeAll(async () => {
  on = await startTestHub();
  off = await startTestHub({ compiledReads: false });
  const f = new Factory(on.knex);
  w = { ...(await f.world()), admin: await f.org(OrganizationKind.HUB_OPERATOR) };
  units = [w.unitA.gid, w.unitB.gid];
  const p1 = await f.project(w.unitA, { end_year: 2026 });
  const p2 = await f.project(w.unitB, { fund_type: 'SPECIAL_BOND' });
  const rv1 = await f.review(w.finance, w.unitA, S.PERFORMANCE, {
    evaluator_id: w.evaluator.id,
    project_id: p1.id,
    score: '82.50',
    grade: 'GOOD',
    conclusion: '总体良好',
  });
  const rv2 = await f.review(w.audit, w.unitB, S.AUDIT, { sensitivity: 'RESTRICTED', score: null });
  const rv3 = await f.review(w.finance, w.unitB, S.PERFORMANCE, { publication_state: 'DRAFT' });
  const rv4 = await f.review(w.discipline, w.unitA, S.DISCIPLINE, { sensitivity: 'SECRET' });
  let n = 0;
  const mk = (agency: Org, unit: Org, source: S, over: Record<string, unknown> = {}) =>
    f.finding(agency, unit, source, {
      amount_involved: `${(++n * 12345.67).toFixed(2)}`,
      fiscal_year: 2023 + (n % 3),
      title: `问题${n}：专项资金“结余”\\未清理 \n 第二行`,
      ...over,
    });
  await mk(w.finance, w.unitA, S.PERFORMANCE, { project_id: p1.id, review_id: rv1.id, category: '资金闲置' });
  await mk(w.finance, w.unitA, S.PERFORMANCE, {
    project_id: p1.id,
    review_id: rv1.id,
    sensitivity: 'PUBLIC',
    amount_disclosed: true,
  });
  await mk(w.finance, w.unitB, S.PERFORMANCE, { review_id: rv3.id, category: '绩效目标不明确' });
  await mk(w.finance, w.unitB, S.PERFORMANCE, {
    sensitivity: 'RESTRICTED',
    severity: 'SERIOUS',
    project_id: p2.id,
  });
  const shared = await mk(w.finance, w.unitA, S.PERFORMANCE, { category: '有条件共享类', project_id: p2.id });
  await mk(w.audit, w.unitA, S.AUDIT, { review_id: rv2.id, sensitivity: 'RESTRICTED', severity: 'SERIOUS' });
  await mk(w.audit, w.unitB, S.AUDIT, { review_id: rv2.id, amount_involved: null, category: '不共享类' });
  await mk(w.audit, w.unitB, S.AUDIT, {
    sensitivity: 'PUBLIC',
    amount_disclosed: false,
    publication_state: 'PUBLISHED',
  });
  await mk(w.reform, w.unitA, S.REFORM, { project_id: p1.id, severity: 'MINOR' });
  await mk(w.reform, w.unitB, S.REFORM, { publication_state: 'DRAFT' });
  await mk(w.reform, w.unitB, S.REFORM, { publication_state: 'WITHDRAWN' });
  await mk(w.discipline, w.unitA, S.DISCIPLINE, { review_id: rv4.id });
  await mk(w.discipline, w.unitB, S.DISCIPLINE, { project_id: p2.id });
  for (let i = 0; i < 6; i++)
    await mk(w.finance, i % 2 ? w.unitA : w.unitB, S.PERFORMANCE, { fiscal_year: 2024 });

  const financeT = await on.token(Role.FINANCE, w.finance.code);
  const auditT = await on.token(Role.AUDIT, w.audit.code);
  const rule = `mutation($input: SharingRuleSetInput!) { sharingRuleSet(input: $input) { userErrors { code } } }`;
  const set = async (t: string, category: string, level: string) =>
    expect((await on.gql(rule, { input: { category, level } }, t)).data!.sharingRuleSet.userErrors).toEqual(
      [],
    );
  await set(financeT, '有条件共享类', 'CONDITIONAL');
  await set(financeT, '绩效目标不明确', 'CONDITIONAL');
  await set(auditT, '不共享类', 'NOT_SHARED');
  // an approved request: AUDIT may read one CONDITIONAL finance finding
  const made = await on.gql(
    `mutation($input: AccessRequestCreateInput!) { accessRequestCreate(input: $input) { request { id version } userErrors { code } } }`,
    {
      input: {
        owner: w.finance.gid,
        scope: 'RECORDS',
        findings: [shared.gid],
        purpose: '审计取证需要',
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
      },
    },
    auditT,
  );
  const req = made.data!.accessRequestCreate.request;
  const ok = await on.gql(
    `mutation($input: AccessRequestDecisionInput!) { accessRequestApprove(input: $input) { userErrors { code } } }`,
    { input: { id: req.id, version: req.version } },
    financeT,
  );
  expect(ok.data!.accessRequestApprove.userErrors).toEqual([]);

  tokens.PUBLIC = null;
  tokens.FINANCE = financeT;
  tokens.AUDIT = auditT;
  tokens.REFORM = await on.token(Role.REFORM, w.reform.code);
  tokens.DISCIPLINE = await on.token(Role.DISCIPLINE, w.discipline.code);
  tokens.UNIT = await on.token(Role.UNIT, w.unitA.code);
  tokens.EVALUATOR = await on.token(Role.EVALUATOR, w.evaluator.code);
  tokens.LEADERSHIP = await on.token(Role.LEADERSHIP, w.leadership.code);
  tokens.HUB_ADMIN = await on.token(Role.HUB_ADMIN, w.admin.code);
});

afterAll(async () => {
  await on?.stop();
  await off?.stop();
});

const ALL_FINDING = `__typename id source fiscalYear category sourceRef severity title description sensitivity
  publicationState rectificationStatus version amountInvolved viewerCanReadContent
  agency { __typename id kind code name shortName } unit { id name }`;
const REVIEW = `review { __typename id source subjectKind fiscalYear sourceRef title reviewType conclusion score grade
  version agency { name } unit { code } }`;
const PROJECT = `project { __typename id code name fundType budgetAmount startYear endYear ownerUnit { id name } }`;

/** Operations the compiled path answers ($u: the world's two units). */
const COMPILED: [string, string, Record<string, unknown>?][] = [
  [
    'list',
    `query($u: [ID!]) { findings(first: 50, filterBy: { units: $u }) { nodes { id title amountInvolved unit { name } } } }`,
  ],
  [
    'nested',
    `query($u: [ID!]) { findings(first: 50, filterBy: { units: $u }) { nodes { id title unit { name } project { name ownerUnit { name } } review { title score grade } } } }`,
  ],
  [
    'every column',
    `query($u: [ID!]) { findings(first: 50, filterBy: { units: $u }) { nodes { ${ALL_FINDING} ${REVIEW} ${PROJECT} } } }`,
  ],
  [
    'edges, page info, count',
    `query($u: [ID!]) { findings(first: 5, filterBy: { units: $u }) { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
      edges { __typename cursor node { id title severity } } nodes { id amountInvolved } } }`,
  ],
  [
    'aliases and fragments on Finding',
    `fragment F on Finding { t: title a: amountInvolved ${REVIEW} }
     query Named($u: [ID!]) { list: findings(first: 30, filterBy: { units: $u }) { n: nodes { ...F ... on Finding { i: id } } c: totalCount } }`,
  ],
  [
    'content-gated filters and orders',
    `query($u: [ID!]) { a: findings(first: 20, filterBy: { units: $u, severities: [SERIOUS, MODERATE] }, orderBy: { field: SEVERITY, direction: DESC }) { totalCount nodes { id title severity } }
      b: findings(first: 20, filterBy: { units: $u, amountMin: "20000.00" }, orderBy: { field: AMOUNT_INVOLVED, direction: DESC }) { totalCount nodes { id amountInvolved } }
      c: findings(first: 20, filterBy: { units: $u, readable: false, includeWithdrawn: true }, orderBy: { field: FISCAL_YEAR, direction: ASC }) { totalCount nodes { id title publicationState } }
      d: findings(first: 20, filterBy: { units: $u, search: "专项资金" }) { totalCount nodes { id title } }
      e: findings(first: 20, filterBy: { units: $u }, orderBy: { field: AMOUNT_INVOLVED, direction: ASC }) { nodes { id amountInvolved } } }`,
  ],
  [
    'backward page',
    `query($u: [ID!]) { findings(last: 3, filterBy: { units: $u, sources: [PERFORMANCE, AUDIT] }) { pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
  ],
];

/** Operations left to regular execution (and bad input, which must answer as before). */
const REGULAR: [string, string][] = [
  // Review.sensitivity is non-null and content-gated: a refusal nulls the review, as graphql decides
  [
    'non-null gated field',
    `query($u: [ID!]) { findings(first: 10, filterBy: { units: $u }) { nodes { id review { title sensitivity } } } }`,
  ],
  [
    'implementation fragment',
    `query($u: [ID!]) { findings(first: 10, filterBy: { units: $u }) { nodes { id ... on AuditFinding { auditOpinion } } } }`,
  ],
  [
    'contact field',
    `query($u: [ID!]) { findings(first: 10, filterBy: { units: $u }) { nodes { id responsiblePerson } } }`,
  ],
  [
    'directive',
    `query($u: [ID!], $x: Boolean!) { findings(first: 10, filterBy: { units: $u }) { nodes { id title @include(if: $x) } } }`,
  ],
  ['page too large', `query($u: [ID!]) { findings(first: 500, filterBy: { units: $u }) { nodes { id } } }`],
  [
    'bad cursor',
    `query($u: [ID!]) { findings(first: 5, after: "nonsense", filterBy: { units: $u }) { nodes { id } } }`,
  ],
];

async function raw(
  hub: TestHub,
  query: string,
  variables: Record<string, unknown>,
  token: string | null,
  requestId?: string,
) {
  const res = await fetch(hub.server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, text: ordered(await res.text()) };
}

/**
 * The body with its errors in one order across root fields. Within one root field regular execution
 * reports errors depth first, in selection order, and so must the compiled path (compared as they
 * are); across root fields it reports them as the fields' statements happen to finish, which is not
 * deterministic. The errors are therefore grouped by root field in the order of the data's keys,
 * keeping their order within each group; with one root field the body is unchanged.
 */
function ordered(text: string): string {
  const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { path?: unknown[] }[] };
  const roots = Object.keys(body.data ?? {});
  if (!body.errors || roots.length < 2) return text;
  const rank = (e: { path?: unknown[] }) => roots.indexOf(String(e.path?.[0]));
  body.errors = body.errors
    .map((e, i) => ({ e, i }))
    .sort((x, y) => rank(x.e) - rank(y.e) || x.i - y.i)
    .map((x) => x.e);
  return JSON.stringify(body);
}

describe('compiled read path', () => {
  it('answers every compilable operation as regular execution does, for every role', async () => {
    const before = compiledReadsServed();
    let asked = 0;
    let refused = 0;
    for (const [role, token] of Object.entries(tokens)) {
      for (const [name, query] of COMPILED) {
        const vars = { u: units };
        const a = await raw(on, query, vars, token);
        const b = await raw(off, query, vars, token);
        expect.soft(a, `${role}: ${name}`).toEqual(b);
        expect(a.status).toBe(200);
        refused += (a.text.match(/"FORBIDDEN"/g) ?? []).length;
        asked++;
      }
    }
    // the world makes the roles differ: many fields are refused somewhere
    expect(refused).toBeGreaterThan(50);
    // every one of them was answered by the compiled path
    expect(compiledReadsServed() - before).toBe(asked);
  });

  it('pages through the same cursors', async () => {
    const q = `query($u: [ID!], $after: String) { findings(first: 3, after: $after, filterBy: { units: $u }) { pageInfo { hasNextPage endCursor } nodes { id title } } }`;
    for (const role of ['FINANCE', 'UNIT', 'DISCIPLINE']) {
      let after: string | null = null;
      let pages = 0;
      do {
        const a = await raw(on, q, { u: units, after }, tokens[role]!);
        const b = await raw(off, q, { u: units, after }, tokens[role]!);
        expect(a).toEqual(b);
        const page = JSON.parse(a.text).data.findings;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages++;
      } while (after && pages < 20);
      expect(pages).toBeGreaterThan(1);
    }
  });

  it('leaves other operations to regular execution, with the same answers', async () => {
    const before = compiledReadsServed();
    for (const role of ['FINANCE', 'DISCIPLINE', 'UNIT']) {
      for (const [name, query] of REGULAR) {
        const vars = { u: units, x: true };
        const a = await raw(on, query, vars, tokens[role]!);
        const b = await raw(off, query, vars, tokens[role]!);
        expect.soft(a, `${role}: ${name}`).toEqual(b);
      }
    }
    expect(compiledReadsServed() - before).toBe(0);
    const tooLarge = JSON.parse((await raw(on, REGULAR[4]![1], { u: units }, tokens.FINANCE!)).text);
    expect(tooLarge.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('records the same reads in the access log', async () => {
    const logged = async (hub: TestHub, id: string) =>
      (
        await hub
          .knex('access_log')
          .where({ request_id: id })
          .select('record_type', 'record_id', 'sensitivity', 'fields')
      )
        .map((r) => `${r.record_type}:${r.record_id}:${r.sensitivity}:${JSON.stringify(r.fields)}`)
        .sort();
    let compared = 0;
    for (const role of ['FINANCE', 'AUDIT', 'REFORM', 'DISCIPLINE', 'UNIT', 'EVALUATOR']) {
      for (const [name, query] of COMPILED.slice(0, 5)) {
        const id = `compiled-${role}-${compared}-${Date.now()}`;
        await raw(on, query, { u: units }, tokens[role]!, `${id}-on`);
        await raw(off, query, { u: units }, tokens[role]!, `${id}-off`);
        const a = await logged(on, `${id}-on`);
        expect.soft(a, `${role}: ${name}`).toEqual(await logged(off, `${id}-off`));
        compared += a.length;
      }
    }
    // sensitive reads happened (RESTRICTED and SECRET records of the world), so the comparison is not empty
    expect(compared).toBeGreaterThan(10);
  });
});

describe('prepared statements (src/db/prepared.ts)', () => {
  it('keeps at most MAX_PER_CONNECTION per connection and still answers evicted ones', async () => {
    // one connection: the embedded database's pool has one already; on PostgreSQL a pool of one of our own
    const k = process.env.DATABASE_URL
      ? knexLib({ client: 'pg', connection: on.config.databaseUrl, pool: { min: 1, max: 1 } })
      : on.knex;
    try {
      const stmt = (i: number) => k.select(k.raw(`? + ${i} as n`, [1]));
      // this test's statements among those prepared in the session (the embedded database has one
      // session for every connection, so other connections' statements are listed there too)
      const hashes = Array.from({ length: MAX_PER_CONNECTION + 10 }, (_, i) =>
        statementHash(stmt(i).toSQL().toNative().sql),
      );
      const prepared = async () =>
        Number(
          (
            await k.raw(
              `select count(*) as n from pg_prepared_statements where right(name, 40) = any(?::text[])`,
              [hashes],
            )
          ).rows[0].n,
        );
      expect(await prepared()).toBe(0);
      for (let i = 0; i < MAX_PER_CONNECTION + 10; i++)
        expect((await queryPrepared(k, stmt(i)))[0]!.n).toBe(1 + i);
      expect(await prepared()).toBe(MAX_PER_CONNECTION);
      // the first ones were deallocated: they are parsed again and answer the same
      for (let i = 0; i < 3; i++) expect((await queryPrepared(k, stmt(i)))[0]!.n).toBe(1 + i);
      expect(await prepared()).toBe(MAX_PER_CONNECTION);
      // a statement reused is not prepared twice
      await queryPrepared(k, stmt(2));
      expect(await prepared()).toBe(MAX_PER_CONNECTION);
    } finally {
      if (k !== on.knex) await k.destroy();
    }
  });
});
