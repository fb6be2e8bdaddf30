/**
 * Differential test of the permission policy's two twins (issue 9, point 2).
 *
 * The policy exists twice by design: TypeScript predicates (canSeeFindingRow / canSeeReviewRow,
 * canReadContent, canReadAmount, levelOf, grantCovers) used for records fetched by id, and their SQL
 * twins (findingRowScope / reviewRowScope, contentSql, amountSql, levelSql, grantSql) used for lists,
 * filters, sorts and counts. A disagreement is a leak in lists or a hole in counts.
 *
 * For every role (author vs other agency, responsible vs other unit, assigned vs other evaluator),
 * for a series of sharing states (rules and access requests written to the database and loaded with
 * the loader production uses, loadSharingState) and for a generated cross product of findings and
 * reviews covering every branch, this asserts:
 *   (a) the ids the SQL row scope returns == the rows the TS row predicate accepts;
 *   (b) for every visible row: SQL content flag == canReadContent, SQL amount flag == canReadAmount,
 *       and the level computed by levelSql == levelOf.
 * The TS inputs are the rows read back with findingsByIds / reviewsByIds (what the loaders and node()
 * feed the predicates); the SQL is restricted to the generated ids.
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
import {
  amountSql,
  canReadAmount,
  canReadContent,
  canSeeFindingRow,
  canSeeReviewRow,
  contentSql,
  findingRowScope,
  reviewRowScope,
  type Sql,
} from '../src/policy/access.js';
import { levelOf, levelSql, loadSharingState, type SharingState } from '../src/policy/sharing.js';
import { findingsByIds, type FindingRow } from '../src/modules/finding/finding.repo.js';
import { reviewsByIds, type ReviewRow } from '../src/modules/review/review.repo.js';

/** Unique per run, so nothing clashes with the demo data or other test files. */
const P = `PT${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

const SOURCES = Object.values(FindingSource);
const SENSITIVITIES = Object.values(Sensitivity);
const PUB_STATES = Object.values(PublicationState);
const AGENCIES = ['finance', 'audit', 'reform', 'discipline'] as const;
const UNITS = ['unitA', 'unitB'] as const;
type AgencyKey = (typeof AGENCIES)[number];

/** Categories: one that gets rules and category grants, one with record grants, one never ruled. */
const CAT = {
  ruled: `${P}-资金闲置`,
  records: `${P}-挤占挪用`,
  plain: `${P}-其他问题`,
} as const;
type CatKey = keyof typeof CAT;

/** How a generated finding hangs off a review: none, assigned to e1 / e2, or a review without evaluator. */
const REVIEW_LINKS = ['none', 'e1', 'e2', 'unassigned'] as const;
const REVIEW_EVALUATORS = ['e1', 'e2', 'unassigned'] as const;

const LEVEL_CODE: Record<string, string> = { UNCONDITIONAL: 'U', CONDITIONAL: 'C', NOT_SHARED: 'N' };

type OrgKey = AgencyKey | (typeof UNITS)[number] | 'e1' | 'e2' | 'leadership' | 'hubop';

const ORG_KINDS: Record<OrgKey, OrganizationKind> = {
  finance: OrganizationKind.OVERSIGHT_AGENCY,
  audit: OrganizationKind.OVERSIGHT_AGENCY,
  reform: OrganizationKind.OVERSIGHT_AGENCY,
  discipline: OrganizationKind.OVERSIGHT_AGENCY,
  unitA: OrganizationKind.BUDGET_UNIT,
  unitB: OrganizationKind.BUDGET_UNIT,
  e1: OrganizationKind.THIRD_PARTY,
  e2: OrganizationKind.THIRD_PARTY,
  leadership: OrganizationKind.LEADERSHIP,
  hubop: OrganizationKind.HUB_OPERATOR,
};

/** The viewers: every role; the row set makes each one author / non-author, responsible / not, etc. */
const VIEWERS: { role: Role; org: OrgKey | null }[] = [
  { role: Role.PUBLIC, org: null },
  { role: Role.FINANCE, org: 'finance' },
  { role: Role.AUDIT, org: 'audit' },
  { role: Role.REFORM, org: 'reform' },
  { role: Role.DISCIPLINE, org: 'discipline' },
  { role: Role.UNIT, org: 'unitA' },
  { role: Role.EVALUATOR, org: 'e1' },
  { role: Role.LEADERSHIP, org: 'leadership' },
  { role: Role.HUB_ADMIN, org: 'hubop' },
];
/**
 * Orgs that receive access requests in the request states. FINANCE deliberately gets none (an agency
 * without grants); the non-agency viewers get some too: the twins must agree on any stored state.
 */
const REQUESTERS: OrgKey[] = ['audit', 'reform', 'discipline', 'unitA', 'e1', 'leadership', 'hubop'];

type Status = 'PENDING' | 'APPROVED' | 'REFUSED' | 'REVOKED';
interface RuleSpec {
  owner: AgencyKey;
  category: CatKey | null;
  level: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NOT_SHARED';
}
interface RequestSpec {
  owner: AgencyKey;
  scope: 'CATEGORY' | 'RECORDS';
  category?: CatKey;
  /** RECORDS: which generated findings (by owner and category; `every` picks a subset by index). */
  records?: { owner: AgencyKey; category: CatKey; every: number } | 'empty' | 'null';
  status: Status;
  /** Expiry relative to now, in ms (negative = already expired). */
  expiresIn: number;
}
interface StateSpec {
  name: string;
  rules: RuleSpec[];
  /** Per requester (never to itself as owner). */
  requests: RequestSpec[];
}

const DAY = 86_400_000;
const forAll = (f: (o: AgencyKey) => RuleSpec[]) => AGENCIES.flatMap(f);

/** Rules of the request states: both grantable categories CONDITIONAL for every owner. */
const conditionalRules = forAll((o) => [
  { owner: o, category: 'ruled', level: 'CONDITIONAL' },
  { owner: o, category: 'records', level: 'CONDITIONAL' },
]);
const standardRequests = (status: Status, expiresIn: number): RequestSpec[] =>
  AGENCIES.flatMap((o) => [
    { owner: o, scope: 'CATEGORY', category: 'ruled', status, expiresIn },
    { owner: o, scope: 'CATEGORY', category: 'plain', status, expiresIn },
    { owner: o, scope: 'RECORDS', records: { owner: o, category: 'records', every: 2 }, status, expiresIn },
  ]);

const STATES: StateSpec[] = [
  { name: 'default rules (no rule, no request)', rules: [], requests: [] },
  {
    name: 'category rule CONDITIONAL, no request',
    rules: forAll((o) => [{ owner: o, category: 'ruled', level: 'CONDITIONAL' }]),
    requests: [],
  },
  {
    name: 'category rule NOT_SHARED',
    rules: forAll((o) => [{ owner: o, category: 'ruled', level: 'NOT_SHARED' }]),
    requests: [],
  },
  {
    name: 'category rule UNCONDITIONAL (overrides the discipline default)',
    rules: forAll((o) => [{ owner: o, category: 'ruled', level: 'UNCONDITIONAL' }]),
    requests: [],
  },
  {
    name: 'owner default rules with category exceptions',
    rules: [
      { owner: 'finance', category: null, level: 'CONDITIONAL' },
      { owner: 'finance', category: 'ruled', level: 'UNCONDITIONAL' },
      { owner: 'audit', category: null, level: 'NOT_SHARED' },
      { owner: 'audit', category: 'ruled', level: 'CONDITIONAL' },
      { owner: 'reform', category: 'records', level: 'NOT_SHARED' },
      { owner: 'reform', category: null, level: 'UNCONDITIONAL' },
      { owner: 'discipline', category: null, level: 'UNCONDITIONAL' },
      { owner: 'discipline', category: 'ruled', level: 'NOT_SHARED' },
    ],
    requests: [],
  },
  {
    name: 'CONDITIONAL + requests APPROVED (unexpired), category- and record-scoped',
    rules: conditionalRules,
    requests: standardRequests('APPROVED', DAY),
  },
  {
    name: 'CONDITIONAL + requests APPROVED but EXPIRED',
    rules: conditionalRules,
    requests: standardRequests('APPROVED', -3_600_000),
  },
  {
    name: 'CONDITIONAL + requests REVOKED',
    rules: conditionalRules,
    requests: standardRequests('REVOKED', DAY),
  },
  {
    name: 'CONDITIONAL + requests REFUSED',
    rules: conditionalRules,
    requests: standardRequests('REFUSED', DAY),
  },
  {
    name: 'CONDITIONAL + requests PENDING',
    rules: conditionalRules,
    requests: standardRequests('PENDING', DAY),
  },
  {
    name: 'owner defaults CONDITIONAL + mixed requests',
    rules: [
      ...forAll((o) => [{ owner: o, category: null, level: 'CONDITIONAL' }]),
      { owner: 'reform', category: 'plain', level: 'NOT_SHARED' },
    ],
    requests: [
      { owner: 'finance', scope: 'CATEGORY', category: 'ruled', status: 'APPROVED', expiresIn: DAY },
      { owner: 'finance', scope: 'CATEGORY', category: 'ruled', status: 'REVOKED', expiresIn: DAY },
      { owner: 'audit', scope: 'CATEGORY', category: 'ruled', status: 'APPROVED', expiresIn: -60_000 },
      { owner: 'reform', scope: 'CATEGORY', category: 'plain', status: 'APPROVED', expiresIn: DAY },
      { owner: 'reform', scope: 'CATEGORY', category: 'records', status: 'REVOKED', expiresIn: DAY },
      // a record grant from audit that also lists finance's findings: covers audit's only
      {
        owner: 'audit',
        scope: 'RECORDS',
        records: { owner: 'finance', category: 'records', every: 3 },
        status: 'APPROVED',
        expiresIn: DAY,
      },
      {
        owner: 'audit',
        scope: 'RECORDS',
        records: { owner: 'audit', category: 'records', every: 3 },
        status: 'APPROVED',
        expiresIn: DAY,
      },
      { owner: 'discipline', scope: 'RECORDS', records: 'empty', status: 'APPROVED', expiresIn: DAY },
      { owner: 'reform', scope: 'RECORDS', records: 'null', status: 'APPROVED', expiresIn: DAY },
      { owner: 'discipline', scope: 'CATEGORY', category: 'records', status: 'PENDING', expiresIn: DAY },
      { owner: 'discipline', scope: 'CATEGORY', category: 'plain', status: 'APPROVED', expiresIn: DAY },
    ],
  },
];

let orm: MikroORM;
let knex: Knex;
const orgId = {} as Record<OrgKey, number>;
const orgLabel = new Map<number, OrgKey>();
let findings: FindingRow[] = [];
let reviews: ReviewRow[] = [];
const timings: string[] = [];

beforeAll(async () => {
  orm = await openOrm(inject('databaseUrl'), inject('databasePoolMax'));
  knex = orm.em.getKnex();
  const t0 = Date.now();

  for (const k of Object.keys(ORG_KINDS) as OrgKey[]) {
    const [r] = await knex('organization')
      .insert({ kind: ORG_KINDS[k], code: `${P}-${k}`, name: `差分测试-${k}` })
      .returning('id');
    orgId[k] = r.id as number;
    orgLabel.set(r.id as number, k);
  }

  // Reviews: source × sensitivity × publication × author × unit × evaluator (e1, e2, none).
  const reviewRows: Record<string, unknown>[] = [];
  let n = 0;
  for (const source of SOURCES)
    for (const sensitivity of SENSITIVITIES)
      for (const pub of PUB_STATES)
        for (const agency of AGENCIES)
          for (const unit of UNITS)
            for (const ev of REVIEW_EVALUATORS)
              reviewRows.push({
                source,
                agency_id: orgId[agency],
                source_ref: `${P}-R-${n++}`,
                subject_kind: SubjectKind.UNIT,
                unit_id: orgId[unit],
                evaluator_id: ev === 'unassigned' ? null : orgId[ev],
                title: '差分测试评价',
                review_type: '部门整体支出绩效评价',
                fiscal_year: 2024,
                conclusion: '结论',
                sensitivity,
                publication_state: pub,
              });
  const reviewIds = (await knex.batchInsert('review', reviewRows, 500).returning('id')) as { id: number }[];
  reviews = await reviewsByIds(
    knex,
    reviewIds.map((r) => r.id),
  );
  // one review per (agency, unit, evaluator) to hang findings from
  const reviewFor = new Map<string, number>();
  for (const r of reviews) {
    const k = `${orgLabel.get(r.agencyId)}/${orgLabel.get(r.unitId)}/${r.evaluatorId === null ? 'unassigned' : orgLabel.get(r.evaluatorId)}`;
    if (!reviewFor.has(k)) reviewFor.set(k, r.dbId);
  }

  // Findings: source × sensitivity × publication × author × unit × review link × category.
  const findingRows: Record<string, unknown>[] = [];
  n = 0;
  SOURCES.forEach((source, a) =>
    SENSITIVITIES.forEach((sensitivity, b) =>
      PUB_STATES.forEach((pub, c) =>
        AGENCIES.forEach((agency, d) =>
          UNITS.forEach((unit, e) =>
            REVIEW_LINKS.forEach((link, g) =>
              (Object.keys(CAT) as CatKey[]).forEach((cat, h) =>
                findingRows.push({
                  source,
                  agency_id: orgId[agency],
                  source_ref: `${P}-F-${n++}`,
                  review_id: link === 'none' ? null : reviewFor.get(`${agency}/${unit}/${link}`),
                  unit_id: orgId[unit],
                  fiscal_year: 2024,
                  category: CAT[cat],
                  severity: Severity.MODERATE,
                  title: '差分测试问题',
                  description: '差分测试问题描述',
                  amount_involved: '1000.00',
                  // varies with every dimension, so each combination meets both values
                  amount_disclosed: (a + b + c + d + e + g + h) % 2 === 0,
                  sensitivity,
                  publication_state: pub,
                  rectification_status: RectificationStatus.PENDING,
                }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  const findingIds = (await knex.batchInsert('finding', findingRows, 500).returning('id')) as {
    id: number;
  }[];
  findings = await findingsByIds(
    knex,
    findingIds.map((r) => r.id),
  );
  timings.push(`seed ${reviews.length} reviews + ${findings.length} findings: ${Date.now() - t0} ms`);
});

afterAll(async () => {
  if (orm) await clearState().catch(() => undefined);
  // the generated rows would otherwise be the newest findings and reviews of every later test file
  if (orm) {
    await knex('finding').whereIn('agency_id', myOrgIds()).delete();
    await knex('review').whereIn('agency_id', myOrgIds()).delete();
  }
  await orm?.close();
});

const myOrgIds = () => Object.values(orgId);

async function clearState() {
  await knex('access_request').whereIn('requester_id', myOrgIds()).orWhereIn('owner_id', myOrgIds()).delete();
  await knex('sharing_rule').whereIn('owner_id', myOrgIds()).delete();
}

/** Writes a sharing state into the database (replacing the previous one). */
async function applyState(s: StateSpec) {
  await clearState();
  if (s.rules.length)
    await knex('sharing_rule').insert(
      s.rules.map((r) => ({
        owner_id: orgId[r.owner],
        category: r.category === null ? null : CAT[r.category],
        level: r.level,
        set_by: `${P}-test`,
      })),
    );
  const now = Date.now();
  const requests: Record<string, unknown>[] = [];
  for (const requester of REQUESTERS)
    for (const q of s.requests) {
      if (q.owner === requester) continue;
      let ids: number[] | null = null;
      if (q.records === 'empty') ids = [];
      else if (q.records && q.records !== 'null') {
        const { owner, category, every } = q.records;
        ids = findings
          .filter((f) => f.agencyId === orgId[owner] && f.category === CAT[category])
          .map((f) => f.dbId)
          .filter((_, i) => i % every === 0);
      }
      requests.push({
        requester_id: orgId[requester],
        owner_id: orgId[q.owner],
        scope: q.scope,
        category: q.category ? CAT[q.category] : null,
        finding_ids: ids === null ? null : JSON.stringify(ids),
        purpose: '差分测试',
        expires_at: new Date(now + q.expiresIn),
        status: q.status,
        requested_by: `${P}-test`,
        decided_by: q.status === 'PENDING' ? null : `${P}-owner`,
        decided_at: q.status === 'PENDING' ? null : new Date(now),
      });
    }
  if (requests.length) await knex.batchInsert('access_request', requests, 500);
}

/** Builds the viewer the way createContext does: identity, then the sharing state from the loader. */
async function viewerFor(role: Role, org: OrgKey | null): Promise<Viewer> {
  const id = org ? { id: orgId[org], code: `${P}-${org}` } : null;
  const v = makeViewer(role, id, `${P}-user`);
  return { ...v, sharing: await loadSharingState(knex, v.orgId) };
}

const raw = (s: Sql) => knex.raw(s.sql, s.bindings as Knex.RawBinding[]);

interface SqlFlags {
  id: number;
  content: boolean | null;
  amount: boolean | null;
  level: string;
}

/** The SQL side: ids inside the row scope, with the content/amount flags and the level. */
async function sqlFindings(v: Viewer, ids: number[]): Promise<SqlFlags[]> {
  const scope = findingRowScope(v, 'f');
  const c = contentSql(v, 'f');
  const a = amountSql(v, 'f');
  const l = levelSql(v.sharing, 'f', 'f.category');
  const q = knex('finding as f')
    .select(
      'f.id',
      knex.raw(`(${c.sql}) as content`, c.bindings as Knex.RawBinding[]),
      knex.raw(`(${a.sql}) as amount`, a.bindings as Knex.RawBinding[]),
      knex.raw(`${l.sql} as level`, l.bindings as Knex.RawBinding[]),
    )
    .whereRaw('f.id = any(?::int[])', [ids]);
  if (scope) q.where(raw(scope));
  return q;
}

async function sqlReviews(v: Viewer, ids: number[]): Promise<SqlFlags[]> {
  const scope = reviewRowScope(v, 'r');
  const c = contentSql(v, 'r', true);
  const l = levelSql(v.sharing, 'r', null);
  const q = knex('review as r')
    .select(
      'r.id',
      knex.raw(`(${c.sql}) as content`, c.bindings as Knex.RawBinding[]),
      knex.raw('null as amount'),
      knex.raw(`${l.sql} as level`, l.bindings as Knex.RawBinding[]),
    )
    .whereRaw('r.id = any(?::int[])', [ids]);
  if (scope) q.where(raw(scope));
  return q;
}

const lbl = (id: number | null | undefined) => (id == null ? '-' : (orgLabel.get(id) ?? `org#${id}`));
const catLabel = (c: string | undefined) =>
  (Object.keys(CAT) as CatKey[]).find((k) => CAT[k] === c) ?? c ?? '-';

function describeRow(r: FindingRow | ReviewRow): string {
  const common = `source=${r.source} sensitivity=${r.sensitivity} state=${r.publicationState} author=${lbl(r.agencyId)} unit=${lbl(r.unitId)}`;
  if (r.__typename === 'Review') return `Review#${r.dbId} ${common} evaluator=${lbl(r.evaluatorId)}`;
  const f = r as FindingRow;
  return (
    `Finding#${f.dbId} ${common} category=${catLabel(f.category)} review=${f.reviewId ?? '-'}` +
    ` reviewEvaluator=${f.reviewId === null ? '-' : lbl(f.evaluatorId)} amountDisclosed=${f.amountDisclosed}`
  );
}

function describeSharing(s: SharingState): string {
  const mine = new Set(myOrgIds());
  const rules = [...s.rules]
    .map(([k, level]) => {
      const [owner, category] = k.split('\u0000') as [string, string];
      return { owner: Number(owner), category, level };
    })
    .filter((r) => mine.has(r.owner))
    .map((r) => `${lbl(r.owner)}/${r.category ? catLabel(r.category) : '(default)'}=${r.level}`);
  const grants = s.grants
    .filter((g) => mine.has(g.ownerId))
    .map((g) =>
      g.scope === 'CATEGORY'
        ? `#${g.id} ${lbl(g.ownerId)} CATEGORY ${catLabel(g.category ?? undefined)}`
        : `#${g.id} ${lbl(g.ownerId)} RECORDS [${[...g.findingIds].join(',')}]`,
    );
  return `rules {${rules.join('; ') || 'none'}} grants {${grants.join('; ') || 'none'}}`;
}

interface Disagreement {
  what: string;
  state: string;
  viewer: string;
  sharing: string;
  row: string;
  sql: unknown;
  ts: unknown;
}

function compare(
  out: Disagreement[],
  state: string,
  v: Viewer,
  rows: (FindingRow | ReviewRow)[],
  sql: SqlFlags[],
  stats: Stats,
) {
  const bySql = new Map(sql.map((r) => [r.id, r]));
  const viewer = `${v.role}@${lbl(v.orgId)} (clearance ${v.clearance})`;
  const add = (what: string, r: FindingRow | ReviewRow, s: unknown, t: unknown) =>
    out.push({
      what,
      state,
      viewer,
      sharing: describeSharing(v.sharing),
      row: describeRow(r),
      sql: s,
      ts: t,
    });
  for (const r of rows) {
    stats.checked++;
    const isReview = r.__typename === 'Review';
    const tsVisible = isReview ? canSeeReviewRow(v, r as ReviewRow) : canSeeFindingRow(v, r as FindingRow);
    const s = bySql.get(r.dbId);
    if (tsVisible !== (s !== undefined)) {
      add('row scope', r, s !== undefined, tsVisible);
      continue;
    }
    if (!s) continue;
    stats.visible++;
    const content = canReadContent(v, r);
    if (s.content === null) stats.nullFlags++;
    if ((s.content === true) !== content) add('content', r, s.content, content);
    if (content) stats.content++;
    const level = LEVEL_CODE[levelOf(v.sharing, r)];
    if (s.level !== level) add('sharing level', r, s.level, level);
    stats.levels.add(level!);
    if (!isReview) {
      const amount = canReadAmount(v, r);
      if (s.amount === null) stats.nullFlags++;
      if ((s.amount === true) !== amount) add('amount', r, s.amount, amount);
      if (
        level === 'C' &&
        content &&
        r.agencyId !== v.orgId &&
        v.role !== Role.DISCIPLINE &&
        v.role !== Role.UNIT
      )
        stats.grantReads++;
    }
  }
}

interface Stats {
  checked: number;
  visible: number;
  content: number;
  grantReads: number;
  nullFlags: number;
  levels: Set<string>;
}

/** Failure message: counts per kind and per viewer, then one example per (kind, viewer, state, table). */
function format(d: Disagreement[]): string {
  const count = (key: (x: Disagreement) => string) => {
    const m = new Map<string, number>();
    for (const x of d) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return [...m].map(([k, n]) => `${k}: ${n}`).join(', ');
  };
  const seen = new Set<string>();
  const examples = d.filter((x) => {
    const k = `${x.what}|${x.viewer}|${x.state}|${x.row.split('#')[0]}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const shown = examples
    .slice(0, 20)
    .map(
      (x) =>
        `- ${x.what}: SQL=${JSON.stringify(x.sql)} TS=${JSON.stringify(x.ts)}\n    state:  ${x.state}\n` +
        `    viewer: ${x.viewer}\n    row:    ${x.row}\n    sharing as loaded for the viewer: ${x.sharing}`,
    );
  return (
    `${d.length} disagreements between the SQL and TypeScript twins\n` +
    `  by kind: ${count((x) => x.what)}\n  by viewer: ${count((x) => x.viewer)}\n` +
    `  by table: ${count((x) => x.row.split('#')[0]!)}\n` +
    `${shown.length} of ${examples.length} examples (one per kind, viewer, state and table):\n${shown.join('\n')}`
  );
}

describe('policy twins: SQL row scope / content / level == TypeScript predicates', () => {
  it('agree for every role × sharing state × generated finding and review', async () => {
    const t0 = Date.now();
    const fIds = findings.map((f) => f.dbId);
    const rIds = reviews.map((r) => r.dbId);
    const disagreements: Disagreement[] = [];
    const perState: Record<string, Stats> = {};
    let total = 0;
    for (const state of STATES) {
      await applyState(state);
      const stats: Stats = {
        checked: 0,
        visible: 0,
        content: 0,
        grantReads: 0,
        nullFlags: 0,
        levels: new Set(),
      };
      perState[state.name] = stats;
      for (const { role, org } of VIEWERS) {
        const v = await viewerFor(role, org);
        const [sf, sr] = await Promise.all([sqlFindings(v, fIds), sqlReviews(v, rIds)]);
        compare(disagreements, state.name, v, findings, sf, stats);
        compare(disagreements, state.name, v, reviews, sr, stats);
      }
      total += stats.checked;
    }
    timings.push(`${total} (viewer, state, row) combinations checked in ${Date.now() - t0} ms`);
    console.log(
      `[policy-twins] ${timings.join('; ')}\n` +
        Object.entries(perState)
          .map(
            ([n, s]) =>
              `  ${n}: visible ${s.visible}/${s.checked}, content ${s.content}, read under a grant ${s.grantReads}, levels ${[...s.levels].sort().join('')}, NULL flags ${s.nullFlags}`,
          )
          .join('\n'),
    );

    expect(disagreements.length, format(disagreements)).toBe(0);

    // The generated rows and states really reach every branch (the test is not vacuous) ...
    expect(total).toBe(STATES.length * VIEWERS.length * (findings.length + reviews.length));
    for (const s of Object.values(perState)) {
      expect(s.visible).toBeGreaterThan(0);
      expect(s.visible).toBeLessThan(s.checked);
      expect(s.content).toBeLessThan(s.visible);
    }
    expect(perState[STATES[0]!.name]!.levels).toEqual(new Set(['U', 'N']));
    expect(perState[STATES[1]!.name]!.levels).toEqual(new Set(['U', 'C', 'N']));
    // ... and the loader both sides share honours the request states: only approved, unexpired
    // requests open CONDITIONAL records.
    const grantReads = (i: number) => perState[STATES[i]!.name]!.grantReads;
    expect(grantReads(5)).toBeGreaterThan(0);
    for (const i of [1, 6, 7, 8, 9]) expect(grantReads(i), STATES[i]!.name).toBe(0);
    expect(grantReads(10)).toBeGreaterThan(0);
  });
});
