/**
 * findingStats from the finding rollup (migration stats_rollup) against the direct scan of the
 * findings: the same figures for every role and filter the rollup answers, with the discipline
 * small-count suppression, before and after inserts, corrections (category, amount, sensitivity,
 * unit, …), withdrawals, deletes, a rolled-back transaction and a compaction. Also: the rollup itself
 * equals the findings grouped by its key after every step, questions the rollup cannot answer
 * (unit and evaluator scope, record grants, other filters) fall back to the scan, and the API answers
 * what the scan does.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Knex } from 'knex';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../src/db/orm.js';
import { makeViewer, type Viewer } from '../src/auth/viewer.js';
import {
  FindingSource,
  OrganizationKind,
  PublicationState,
  RectificationStatus,
  Role,
  Sensitivity,
  Severity,
  SubjectKind,
} from '../src/shared/enums.js';
import { loadSharingState } from '../src/policy/sharing.js';
import type { FindingQuery } from '../src/modules/finding/finding.repo.js';
import {
  findingStats,
  findingStatsDirect,
  findingStatsFromRollup,
  type FindingStats,
} from '../src/modules/finding/finding.stats.js';
import { compactFindingRollup, rollupServes } from '../src/modules/finding/finding-stats.repo.js';
import { startTestHub, type TestHub } from './support/harness.js';

const P = `FS${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const MIN = 5;
const S = FindingSource;

/** Categories of this test: discipline ones below and at the suppression threshold, and shared ones. */
const CAT = {
  small: `${P}-小类线索`,
  big: `${P}-大类线索`,
  idle: `${P}-资金闲置`,
  misuse: `${P}-挤占挪用`,
  late: `${P}-进度滞后`,
} as const;

type OrgKey =
  'finance' | 'audit' | 'reform' | 'discipline' | 'leadership' | 'hubop' | 'unitA' | 'unitB' | 'e1';
const ORG_KINDS: Record<OrgKey, OrganizationKind> = {
  finance: OrganizationKind.OVERSIGHT_AGENCY,
  audit: OrganizationKind.OVERSIGHT_AGENCY,
  reform: OrganizationKind.OVERSIGHT_AGENCY,
  discipline: OrganizationKind.OVERSIGHT_AGENCY,
  leadership: OrganizationKind.LEADERSHIP,
  hubop: OrganizationKind.HUB_OPERATOR,
  unitA: OrganizationKind.BUDGET_UNIT,
  unitB: OrganizationKind.BUDGET_UNIT,
  e1: OrganizationKind.THIRD_PARTY,
};
const AGENCY_OF: Record<FindingSource, OrgKey> = {
  PERFORMANCE: 'finance',
  AUDIT: 'audit',
  REFORM: 'reform',
  DISCIPLINE: 'discipline',
};

let orm: MikroORM;
let knex: Knex;
let hub: TestHub | undefined;
const orgId = {} as Record<OrgKey, number>;
let reviewE1 = 0;
let seq = 0;

const VIEWERS: { role: Role; org: OrgKey | null }[] = [
  { role: Role.FINANCE, org: 'finance' },
  { role: Role.AUDIT, org: 'audit' },
  { role: Role.REFORM, org: 'reform' },
  { role: Role.DISCIPLINE, org: 'discipline' },
  { role: Role.LEADERSHIP, org: 'leadership' },
  { role: Role.HUB_ADMIN, org: 'hubop' },
  { role: Role.PUBLIC, org: null },
  { role: Role.UNIT, org: 'unitA' },
  { role: Role.EVALUATOR, org: 'e1' },
];

/** Filters the rollup answers (every FindingQuery field it can apply, alone and combined). */
const ROLLUP_FILTERS: FindingQuery[] = [
  {},
  { sources: [S.DISCIPLINE] },
  { sources: [S.AUDIT, S.PERFORMANCE], fiscalYears: [2024] },
  { fiscalYearFrom: 2024 },
  { fiscalYearTo: 2023, includeWithdrawn: true },
  { categories: [CAT.small, CAT.big, CAT.idle] },
  { categories: [CAT.small, CAT.misuse], includeWithdrawn: true },
  { includeWithdrawn: true },
  { readable: true },
  { readable: false, includeWithdrawn: true },
  { readable: true, sources: [S.AUDIT, S.REFORM], fiscalYearFrom: 2023, fiscalYearTo: 2024 },
  { sources: [], fiscalYears: [], categories: [] },
  { categories: [`${P}-没有这个类别`] },
];

/** Filters the rollup cannot apply: answered by the scan. */
const DIRECT_FILTERS: FindingQuery[] = [
  { unitIds: [] },
  { severities: [Severity.SERIOUS] },
  { statuses: [RectificationStatus.PENDING], categories: [CAT.idle] },
  { search: '测试' },
  { amountMin: '500.00' },
  { amountMax: '100000.00', readable: true },
  { projectIds: [] },
  { reviewIds: [] },
];

async function viewerFor(role: Role, org: OrgKey | null): Promise<Viewer> {
  const v = makeViewer(role, org ? { id: orgId[org], code: `${P}-${org}` } : null, `${P}-user`);
  return { ...v, sharing: await loadSharingState(knex, v.orgId) };
}

function findingRow(source: FindingSource, over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    source,
    agency_id: orgId[AGENCY_OF[source]],
    source_ref: `${P}-F-${seq}`,
    unit_id: orgId[seq % 3 === 0 ? 'unitB' : 'unitA'],
    review_id: source === S.PERFORMANCE && seq % 2 === 0 ? reviewE1 : null,
    fiscal_year: 2023 + (seq % 3),
    category: [CAT.idle, CAT.misuse, CAT.late][seq % 3],
    severity: [Severity.MINOR, Severity.MODERATE, Severity.SERIOUS][seq % 3],
    title: `${P}测试问题`,
    description: '测试问题描述',
    amount_involved: seq % 5 === 0 ? null : `${(seq * 1234.56).toFixed(2)}`,
    amount_disclosed: seq % 2 === 0,
    sensitivity:
      source === S.DISCIPLINE
        ? Sensitivity.SECRET
        : [Sensitivity.PUBLIC, Sensitivity.INTERNAL, Sensitivity.RESTRICTED, Sensitivity.PUBLIC][seq % 4],
    publication_state: seq % 11 === 0 ? PublicationState.DRAFT : PublicationState.PUBLISHED,
    rectification_status: RectificationStatus.PENDING,
    ...over,
  };
}

async function insertFindings(rows: Record<string, unknown>[]): Promise<number[]> {
  const ids = (await knex('finding').insert(rows).returning('id')) as { id: number }[];
  return ids.map((r) => r.id);
}

const myFindings = () => knex('finding').where('source_ref', 'like', `${P}-%`);

/** The rollup, folded per key, equals the findings grouped by the same key. */
async function expectRollupExact() {
  const key = 'agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed';
  const order = `order by ${key}`;
  const fromRollup = await knex.raw(
    `select ${key}, sum(n)::int as n, sum(amount)::numeric(20,2)::text as amount
     from finding_rollup group by ${key} having sum(n) <> 0 ${order}`,
  );
  const fromFindings = await knex.raw(
    `select ${key}, count(*)::int as n, coalesce(sum(amount_involved), 0)::numeric(20,2)::text as amount
     from finding group by ${key} ${order}`,
  );
  expect(fromRollup.rows).toEqual(fromFindings.rows);
}

/**
 * For every viewer and filter: the rollup's answer (or, where it cannot answer, findingStats's) is
 * the scan's. Returns the scan's answers, for assertions about their content.
 */
async function expectSameEverywhere(): Promise<Map<string, FindingStats>> {
  await expectRollupExact();
  const out = new Map<string, FindingStats>();
  let viaRollup = 0;
  for (const { role, org } of VIEWERS) {
    const v = await viewerFor(role, org);
    for (const q of [...ROLLUP_FILTERS, ...DIRECT_FILTERS]) {
      const label = `${role} ${JSON.stringify(q)}`;
      const direct = await findingStatsDirect(knex, v, q, MIN);
      expect(direct.total, label).toEqual(expect.any(Number));
      const serves = rollupServes(v, q);
      const expectServes =
        role !== Role.UNIT && role !== Role.EVALUATOR && ROLLUP_FILTERS.includes(q) && !hasRecordGrant(v);
      expect(serves, label).toBe(expectServes);
      if (serves) {
        viaRollup++;
        expect(await findingStatsFromRollup(knex, v, q, MIN), label).toEqual(direct);
      }
      expect(await findingStats(knex, v, q, MIN), label).toEqual(direct);
      out.set(label, direct);
    }
  }
  expect(viaRollup).toBeGreaterThan(50);
  return out;
}

const hasRecordGrant = (v: Viewer) =>
  v.sharing.grants.some((g) => g.scope === 'RECORDS' && g.findingIds.size > 0 && g.expiresAt > new Date());

const catCount = (s: FindingStats, category: string) =>
  s.byCategory.filter((c) => c.category === category).reduce((n, c) => n + c.count, 0);

beforeAll(async () => {
  orm = await openOrm(inject('databaseUrl'), inject('databasePoolMax'));
  knex = orm.em.getKnex();
  for (const k of Object.keys(ORG_KINDS) as OrgKey[]) {
    const [r] = await knex('organization')
      .insert({ kind: ORG_KINDS[k], code: `${P}-${k}`, name: `统计测试-${k}` })
      .returning('id');
    orgId[k] = r.id as number;
  }
  const [rv] = await knex('review')
    .insert({
      source: S.PERFORMANCE,
      agency_id: orgId.finance,
      source_ref: `${P}-R-1`,
      subject_kind: SubjectKind.UNIT,
      unit_id: orgId.unitA,
      evaluator_id: orgId.e1,
      title: '统计测试评价',
      review_type: '部门整体支出绩效评价',
      fiscal_year: 2024,
      sensitivity: Sensitivity.INTERNAL,
      publication_state: PublicationState.PUBLISHED,
    })
    .returning('id');
  reviewE1 = rv.id as number;

  // ordinary findings of every source, in one statement
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < 12; i++)
    for (const source of [S.PERFORMANCE, S.AUDIT, S.REFORM]) rows.push(findingRow(source));
  // discipline: a small category (2 < 5) and one at the threshold (5)
  for (let i = 0; i < 2; i++) rows.push(findingRow(S.DISCIPLINE, { category: CAT.small }));
  for (let i = 0; i < 5; i++) rows.push(findingRow(S.DISCIPLINE, { category: CAT.big }));
  await insertFindings(rows);

  // sharing: finance shares CAT.misuse only on request and audit granted it; reform shares nothing
  // of CAT.late; discipline shares CAT.big unconditionally (an override of its default)
  await knex('sharing_rule').insert([
    { owner_id: orgId.finance, category: CAT.misuse, level: 'CONDITIONAL', set_by: `${P}-test` },
    { owner_id: orgId.reform, category: CAT.late, level: 'NOT_SHARED', set_by: `${P}-test` },
    { owner_id: orgId.discipline, category: CAT.big, level: 'UNCONDITIONAL', set_by: `${P}-test` },
  ]);
  await knex('access_request').insert(
    accessRequest('audit', 'finance', { scope: 'CATEGORY', category: CAT.misuse, status: 'APPROVED' }),
  );
});

function accessRequest(requester: OrgKey, owner: OrgKey, over: Record<string, unknown>) {
  return {
    requester_id: orgId[requester],
    owner_id: orgId[owner],
    finding_ids: null,
    purpose: '统计测试',
    expires_at: new Date(Date.now() + 86_400_000),
    requested_by: `${P}-test`,
    decided_by: `${P}-owner`,
    decided_at: new Date(),
    ...over,
  };
}

afterAll(async () => {
  await hub?.stop();
  if (orm) {
    const ids = Object.values(orgId);
    await knex('access_request').whereIn('requester_id', ids).orWhereIn('owner_id', ids).delete();
    await knex('sharing_rule').whereIn('owner_id', ids).delete();
    await knex('finding').whereIn('agency_id', ids).delete();
    await knex('review').whereIn('agency_id', ids).delete();
  }
  await orm?.close();
});

describe('findingStats from the rollup equals the scan', { timeout: 180_000 }, () => {
  it('after the initial load, with the discipline suppression', async () => {
    const stats = await expectSameEverywhere();
    const filter = JSON.stringify({ categories: [CAT.small, CAT.big, CAT.idle] });
    // the discipline commission sees both of its categories; everyone else loses the small one
    const disc = stats.get(`DISCIPLINE ${filter}`)!;
    expect(catCount(disc, CAT.small)).toBe(2);
    expect(catCount(disc, CAT.big)).toBe(5);
    expect(disc.disciplineSuppressed).toBe(false);
    for (const role of [Role.FINANCE, Role.AUDIT, Role.LEADERSHIP]) {
      const s = stats.get(`${role} ${filter}`)!;
      expect(catCount(s, CAT.small), role).toBe(0);
      expect(catCount(s, CAT.big), role).toBe(5);
      expect(s.disciplineSuppressed, role).toBe(true);
      // left out of every figure, not just its own bucket
      const disciplineTotal = s.bySource.find((x) => x.source === S.DISCIPLINE)?.count ?? 0;
      expect(disciplineTotal, role).toBe(5);
      expect(s.total, role).toBe(s.bySource.reduce((n, x) => n + x.count, 0));
    }
  });

  it('after inserts (one statement of several rows, then single rows)', async () => {
    const before = Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n);
    await insertFindings([
      findingRow(S.AUDIT, { category: CAT.late, amount_involved: '0.01' }),
      findingRow(S.REFORM, { fiscal_year: 2022 }),
      findingRow(S.DISCIPLINE, { category: CAT.small }),
    ]);
    await insertFindings([
      findingRow(S.PERFORMANCE, { amount_involved: '99999999.99', amount_disclosed: true }),
    ]);
    await insertFindings([findingRow(S.DISCIPLINE, { category: CAT.small })]);
    expect(Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n)).toBeGreaterThan(before);
    // the small category has 4 findings: still suppressed
    const v = await viewerFor(Role.FINANCE, 'finance');
    const s = await findingStatsFromRollup(knex, v, { categories: [CAT.small] }, MIN);
    expect(s).toMatchObject({ total: 0, disciplineSuppressed: true });
    await expectSameEverywhere();
  });

  it('after the fifth finding of the small category lifts the suppression', async () => {
    await insertFindings([findingRow(S.DISCIPLINE, { category: CAT.small })]);
    const v = await viewerFor(Role.FINANCE, 'finance');
    const s = await findingStatsFromRollup(knex, v, { categories: [CAT.small] }, MIN);
    expect(s).toMatchObject({ total: 5, disciplineSuppressed: false });
    await expectSameEverywhere();
  });

  it('after corrections of category, amount, sensitivity, unit, year, disclosure and source', async () => {
    const ids = (await myFindings().whereNot('source', S.DISCIPLINE).orderBy('id').select('id')).map(
      (r: { id: number }) => r.id as number,
    );
    const upd = (i: number, cols: Record<string, unknown>) =>
      knex('finding').where('id', ids[i]).update(cols);
    await upd(0, { category: CAT.misuse });
    await upd(1, { amount_involved: '777.77' });
    await upd(2, { amount_involved: null });
    await upd(3, { sensitivity: Sensitivity.RESTRICTED });
    await upd(4, { sensitivity: Sensitivity.PUBLIC, amount_disclosed: true });
    await upd(5, { unit_id: orgId.unitB });
    await upd(6, { unit_id: orgId.unitA, fiscal_year: 2021 });
    await upd(7, { amount_disclosed: false, category: CAT.late, amount_involved: '12.34' });
    await upd(8, { source: S.AUDIT, agency_id: orgId.audit, source_ref: `${P}-F-moved` });
    // one statement correcting many rows in different keys
    await knex('finding')
      .whereIn('id', ids.slice(10, 20))
      .update({ category: knex.raw(`case when id % 2 = 0 then ? else ? end`, [CAT.idle, CAT.late]) });
    // a discipline finding leaves the small category: suppressed again (4 < 5)
    const small = (await myFindings().where('category', CAT.small).first('id')) as { id: number };
    await knex('finding').where('id', small.id).update({ category: CAT.big });
    const v = await viewerFor(Role.AUDIT, 'audit');
    expect(await findingStatsFromRollup(knex, v, { categories: [CAT.small] }, MIN)).toMatchObject({
      total: 0,
      disciplineSuppressed: true,
    });
    await expectSameEverywhere();
  });

  it('updates that change no rollup column write nothing to it', async () => {
    const before = Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n);
    await myFindings().update({ rectification_status: RectificationStatus.IN_PROGRESS, version: 2 });
    await myFindings().update({ amount_involved: knex.raw('amount_involved') });
    expect(Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n)).toBe(before);
    await expectSameEverywhere();
  });

  it('after withdrawals and republication', async () => {
    const ids = (await myFindings().where('publication_state', 'PUBLISHED').orderBy('id').select('id')).map(
      (r: { id: number }) => r.id as number,
    );
    await knex('finding')
      .whereIn('id', ids.slice(0, 6))
      .update({ publication_state: PublicationState.WITHDRAWN });
    await knex('finding').where('id', ids[0]).update({ publication_state: PublicationState.PUBLISHED });
    await knex('finding').where('id', ids[7]).update({ publication_state: PublicationState.DRAFT });
    await expectSameEverywhere();
  });

  it('after deletes, and not after a rolled-back transaction', async () => {
    const ids = (await myFindings().orderBy('id').select('id')).map((r: { id: number }) => r.id as number);
    await knex('finding').where('id', ids[1]).delete();
    await knex('finding').whereIn('id', ids.slice(20, 26)).delete();
    const before = await knex('finding_rollup').count({ n: '*' });
    await knex
      .transaction(async (trx) => {
        await trx('finding').insert(findingRow(S.AUDIT));
        await trx('finding').whereIn('id', ids.slice(30, 33)).delete();
        await trx('finding').where('id', ids[34]).update({ category: CAT.idle, amount_involved: '1.00' });
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await knex('finding_rollup').count({ n: '*' })).toEqual(before);
    await expectSameEverywhere();
  });

  it('inside a writing transaction, the rollup sees its own changes', async () => {
    // the viewer first: the embedded database has one connection, which the transaction holds
    const v = await viewerFor(Role.FINANCE, 'finance');
    await knex.transaction(async (trx) => {
      await trx('finding').insert([findingRow(S.DISCIPLINE, { category: CAT.small })]);
      const q = { categories: [CAT.small, CAT.big] };
      const viaRollup = await findingStatsFromRollup(trx, v, q, MIN);
      expect(viaRollup).toEqual(await findingStatsDirect(trx, v, q, MIN));
      expect(viaRollup.disciplineSuppressed).toBe(false);
    });
    await expectSameEverywhere();
  });

  it('after a compaction, which folds the deltas into one row per key', async () => {
    const before = Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n);
    const kept = await compactFindingRollup(knex);
    expect(kept).not.toBeNull();
    const after = Number((await knex('finding_rollup').count({ n: '*' }))[0]!.n);
    expect(after).toBe(kept);
    expect(after).toBeLessThan(before);
    const keys = await knex.raw(
      `select count(*)::int as n from (select distinct agency_id, source, category, fiscal_year, sensitivity,
       publication_state, amount_disclosed from finding) k`,
    );
    expect(after).toBe(keys.rows[0].n);
    await expectSameEverywhere();
    // and writes after it keep adding up
    await insertFindings([findingRow(S.AUDIT), findingRow(S.DISCIPLINE, { category: CAT.small })]);
    await myFindings().where('category', CAT.late).update({ sensitivity: Sensitivity.INTERNAL });
    await expectSameEverywhere();
  });

  it('with same-problem groups (同一问题): each group counted once the same way, raw equal to the figures without groups', async () => {
    const raw = async () => {
      const out = new Map<string, FindingStats>();
      for (const { role, org } of VIEWERS) {
        const v = await viewerFor(role, org);
        for (const q of [...ROLLUP_FILTERS, ...DIRECT_FILTERS])
          out.set(`${role} ${JSON.stringify(q)}`, await findingStatsDirect(knex, v, q, MIN, { raw: true }));
      }
      return out;
    };
    // Other test files write findings into the same database meanwhile: figures compared across time
    // are this file's own categories only (per source and category), which nothing else touches.
    const own = (m: Map<string, FindingStats>) =>
      new Map(
        [...m].map(([k, st]) => [
          k,
          st.byCategory.filter((c) => c.category.startsWith(`${P}-`)).map((c) => ({ ...c })),
        ]),
      );
    const ownTotal = (m: Map<string, FindingStats>, key: string) =>
      own(m)
        .get(key)!
        .reduce((n, c) => n + c.count, 0);
    const before = await expectSameEverywhere();
    // without groups, the raw figures are the figures
    expect(own(await raw())).toEqual(own(before));
    const pick = async (source: FindingSource, n: number, over: Record<string, unknown> = {}) =>
      (
        (await myFindings()
          .where({ source, publication_state: PublicationState.PUBLISHED, ...over })
          .orderBy('id')
          .limit(n)
          .select('id')) as { id: number }[]
      ).map((r) => r.id);
    const [p1] = await pick(S.PERFORMANCE, 1);
    const [a1, a2, a3] = await pick(S.AUDIT, 3);
    const [r1] = await pick(S.REFORM, 1);
    const [d1] = await pick(S.DISCIPLINE, 1, { category: CAT.big });
    const [draft] = (await myFindings()
      .where({ publication_state: PublicationState.DRAFT })
      .whereNot('source', S.DISCIPLINE)
      .whereNotIn('id', [p1!, a1!, a2!, a3!, r1!])
      .select('id')) as { id: number }[];
    expect([p1, a1, a2, a3, r1, d1, draft?.id].every((x) => x != null)).toBe(true);
    const groups: { members: number[]; primary: number }[] = [
      { members: [p1!, a1!, r1!], primary: r1! }, // three agencies, mixed sensitivity
      { members: [a2!, d1!], primary: d1! }, // a discipline member: its membership is the commission's alone
      { members: [draft!.id, a3!], primary: draft!.id }, // a member most viewers may not see
    ];
    const groupIds: number[] = [];
    for (const g of groups) {
      const [row] = await knex('finding_group')
        .insert({ unit_id: orgId.unitA, created_by_id: orgId.audit, created_by_user: `${P}-test` })
        .returning('id');
      groupIds.push(row.id as number);
      await knex('finding_group_member').insert(
        g.members.map((fid) => ({
          group_id: row.id,
          finding_id: fid,
          is_primary: fid === g.primary,
          linked_by_id: orgId.audit,
          linked_by_user: `${P}-test`,
          reason: '统计测试',
        })),
      );
    }
    const after = await expectSameEverywhere();
    // raw figures ignore the groups
    expect(own(await raw())).toEqual(own(before));
    // the discipline commission sees every published member: 2 + 1 + 0 findings fewer (the draft is not its)
    const all = JSON.stringify({});
    expect(ownTotal(after, `DISCIPLINE ${all}`)).toBe(ownTotal(before, `DISCIPLINE ${all}`) - 3);
    // other agencies do not see the discipline member as one: only the first group folds
    expect(ownTotal(after, `LEADERSHIP ${all}`)).toBe(ownTotal(before, `LEADERSHIP ${all}`) - 2);
    await knex('finding_group_member').whereIn('group_id', groupIds).delete();
    await knex('finding_group').whereIn('id', groupIds).delete();
    expect(own(await expectSameEverywhere())).toEqual(own(before));
  });
});

describe('questions the rollup cannot answer are answered by the scan', { timeout: 180_000 }, () => {
  it('a RECORDS grant (its finding ids are not in the rollup) sends the viewer to the scan', async () => {
    const ids = (
      await myFindings()
        .where({ category: CAT.misuse, agency_id: orgId.finance, publication_state: 'PUBLISHED' })
        .select('id')
    ).map((r: { id: number }) => r.id as number);
    expect(ids.length).toBeGreaterThan(2);
    await knex('access_request').insert(
      accessRequest('reform', 'finance', {
        scope: 'RECORDS',
        finding_ids: JSON.stringify(ids.slice(0, 2)),
        status: 'APPROVED',
      }),
    );
    const v = await viewerFor(Role.REFORM, 'reform');
    expect(rollupServes(v, {})).toBe(false);
    // an expired or empty one does not
    expect(rollupServes({ ...v, sharing: { ...v.sharing, grants: [] } }, {})).toBe(true);
    const expired = v.sharing.grants.map((g) => ({ ...g, expiresAt: new Date(Date.now() - 1000) }));
    expect(rollupServes({ ...v, sharing: { ...v.sharing, grants: expired } }, {})).toBe(true);
    // finance's CAT.misuse is CONDITIONAL: reform reads the two granted findings only
    const q: FindingQuery = { readable: true, categories: [CAT.misuse], sources: [S.PERFORMANCE] };
    const direct = await findingStatsDirect(knex, v, q, MIN);
    expect(direct.total).toBe(2);
    expect(await findingStats(knex, v, q, MIN)).toEqual(direct);
    await expectSameEverywhere();
  });

  it('a filter field the rollup does not know sends the question to the scan', () => {
    const v = makeViewer(Role.FINANCE, { id: orgId.finance, code: `${P}-finance` }, null);
    expect(rollupServes(v, { ...({ futureFilter: 'x' } as FindingQuery) })).toBe(false);
    expect(rollupServes(v, { unitIds: null, search: null, amountMin: undefined })).toBe(true);
  });
});

describe('the API', { timeout: 180_000 }, () => {
  it('findingStats over HTTP answers what the scan does', async () => {
    hub = await startTestHub();
    const doc = `query($f: FindingFilter) { findingStats(filterBy: $f) {
      total amount disciplineSuppressed
      bySource { source count amount } byFiscalYear { fiscalYear count amount }
      byCategory { source category count amount } } }`;
    const cases: [Role, OrgKey | null, Record<string, unknown> | null][] = [
      [Role.FINANCE, 'finance', null],
      [Role.AUDIT, 'audit', { categories: [CAT.small, CAT.big, CAT.misuse], readable: true }],
      [Role.DISCIPLINE, 'discipline', { sources: ['DISCIPLINE'] }],
      [Role.PUBLIC, null, { fiscalYearFrom: 2023 }],
    ];
    for (const [role, org, f] of cases) {
      const token = role === Role.PUBLIC ? null : await hub.token(role, `${P}-${org}`);
      const res = await hub.gql<{ findingStats: FindingStats }>(doc, { f }, token);
      expect(res.errors, role).toBeUndefined();
      const v = await viewerFor(role, org);
      const direct = await findingStatsDirect(
        knex,
        v,
        (f ?? {}) as FindingQuery,
        hub.config.disciplineMinCount,
      );
      expect(res.data!.findingStats, role).toEqual(JSON.parse(JSON.stringify(direct)));
    }
  });
});
