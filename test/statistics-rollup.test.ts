/**
 * The statistics API from its rollups (migration stats_rollup_figures, statistics-rollup.repo.ts) against
 * the scan (statsRows): the same figures, group for group, for several roles and filters, after the
 * initial load and after every kind of write — imports (multi-row inserts), corrections (category, amount,
 * sensitivity, unit, source), withdrawals, status changes by task transitions, task links and unlinks,
 * money reported, same-problem group links, deletes and a rolled-back transaction — and the rollups
 * themselves equal a fresh scan of `finding` and the task tables after each step. Questions the rollups
 * cannot answer (unit scope, unit filter, UNIT/MONTH grouping) go to the scan.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { makeViewer, type Viewer } from '../src/auth/viewer.js';
import { loadSharingState } from '../src/policy/sharing.js';
import { FindingSource, Role, Sensitivity } from '../src/shared/enums.js';
import { computeStats } from '../src/modules/statistics/statistics.js';
import { StatsDimension } from '../src/modules/statistics/statistics.repo.js';
import { statsRollupServes } from '../src/modules/statistics/statistics-rollup.repo.js';
import type { FindingQuery } from '../src/modules/finding/finding.repo.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';

const P = `SR${randomBytes(3).toString('hex')}`;
const CAT = {
  misuse: `${P}挤占挪用`,
  idle: `${P}资金闲置`,
  small: `${P}违规发放津贴`,
  big: `${P}违反八项规定`,
};
const CATS = Object.values(CAT);
const S = FindingSource;
const AS_OF = '2026-06-30';

let hub: TestHub;
let knex: Knex;
let fx: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
const ids: Record<string, number> = {};

async function viewer(role: Role, org: Org | null): Promise<Viewer> {
  const v = makeViewer(role, org ? { id: org.id, code: org.code } : null, null);
  return { ...v, sharing: await loadSharingState(knex, v.orgId) };
}

const QUERIES: FindingQuery[] = [
  { categories: CATS },
  { categories: CATS, fiscalYears: [2025] },
  { categories: CATS, sources: [S.AUDIT, S.DISCIPLINE], includeWithdrawn: true },
  { categories: CATS, readable: true },
];
const DIMS = [null, StatsDimension.SOURCE, StatsDimension.CATEGORY, StatsDimension.FISCAL_YEAR];

/** Every served role × query × grouping × raw: the rollup answer equals the scan's. */
async function expectSameAsScan(): Promise<number> {
  const viewers = [
    await viewer(Role.FINANCE, w.finance),
    await viewer(Role.AUDIT, w.audit),
    await viewer(Role.DISCIPLINE, w.discipline),
    await viewer(Role.LEADERSHIP, w.leadership),
    await viewer(Role.PUBLIC, null),
  ];
  let n = 0;
  for (const v of viewers)
    for (const q of QUERIES)
      for (const dim of DIMS)
        for (const raw of [false, true]) {
          expect(statsRollupServes(v, q, dim)).toBe(true);
          const a = await computeStats(knex, v, q, dim, 3, { raw, asOf: AS_OF, path: 'rollup' });
          const b = await computeStats(knex, v, q, dim, 3, { raw, asOf: AS_OF, path: 'direct' });
          expect(a, `${v.role} ${JSON.stringify(q)} ${dim} raw=${raw}`).toEqual(b);
          n++;
        }
  return n;
}

const KEY = 'agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed';

/** The rollups equal a fresh scan of this file's findings and tasks. */
async function expectRollupsFresh(): Promise<void> {
  const folded = await knex.raw(
    `select ${KEY}, sum(n)::int as n, sum(amount)::numeric(20,2)::text as amount, sum(accountable)::int as pha,
            sum(pending)::int as pending, sum(in_progress)::int as in_progress, sum(partly)::int as partly,
            sum(completed)::int as completed, sum(continuing)::int as continuing, sum(rectified)::int as rectified
     from stats_rollup where category = any(?) group by ${KEY} having sum(n) <> 0 order by ${KEY}`,
    [CATS],
  );
  const fresh = await knex.raw(
    `select ${KEY}, count(*)::int as n, coalesce(sum(amount_involved), 0)::numeric(20,2)::text as amount,
            coalesce(sum(persons_held_accountable), 0)::int as pha,
            ${['PENDING', 'IN_PROGRESS', 'PARTLY', 'COMPLETED', 'CONTINUING', 'RECTIFIED']
              .map((s) => `count(*) filter (where rectification_status = '${s}')::int as ${s.toLowerCase()}`)
              .join(', ')}
     from finding where category = any(?) group by ${KEY} order by ${KEY}`,
    [CATS],
  );
  expect(folded.rows).toEqual(fresh.rows);
  const units = await knex.raw(
    `select ${KEY}, bits::text as bits from stats_rollup_units where category = any(?) and bit_count(bits) > 0 order by ${KEY}`,
    [CATS],
  );
  const unitsFresh = await knex.raw(
    `select ${KEY}, bit_or(stats_unit_bit(unit_id))::text as bits from finding where category = any(?)
     group by ${KEY} order by ${KEY}`,
    [CATS],
  );
  expect(units.rows).toEqual(unitsFresh.rows);
  const cols = `task_id, finding_id, ${KEY}, task_unit_id, state, kind, conclusion, deadline::text,
                next_milestone::text, closed_at, money::numeric(20,2)::text as money, rules`;
  const links = await knex.raw(
    `select ${cols} from stats_task_link where category = any(?) order by task_id, finding_id`,
    [CATS],
  );
  const linksFresh = await knex.raw(
    `select ${cols} from (
       select t.id as task_id, f.id as finding_id, ${KEY.split(', ')
         .map((c) => `f.${c}`)
         .join(', ')}, t.unit_id as task_unit_id, t.state, t.kind, t.conclusion, t.deadline, t.next_milestone,
              t.closed_at,
              coalesce((select sum((e.payload->>'moneyRecovered')::numeric) from rectification_event e
                        where e.rectification_id = t.id and e.type = 'REPORTED'), 0) as money,
              (select count(distinct nullif(e.payload->>'rulesEstablished', ''))::int from rectification_event e
                where e.rectification_id = t.id and e.type = 'REPORTED') as rules
       from rectification t join rectification_finding rf on rf.rectification_id = t.id
       join finding f on f.id = rf.finding_id where f.category = any(?)) x
     order by task_id, finding_id`,
    [CATS],
  );
  expect(links.rows).toEqual(linksFresh.rows);
}

async function check(): Promise<void> {
  await expectRollupsFresh();
  expect(await expectSameAsScan()).toBeGreaterThan(100);
}

async function task(
  findings: number[],
  unit: Org,
  lead: Org,
  sups: Org[],
  over: Record<string, unknown> = {},
) {
  const [t] = await knex('rectification')
    .insert({
      unit_id: unit.id,
      lead_id: lead.id,
      kind: 'DEADLINE',
      measures: '整改',
      deadline: '2026-05-31',
      state: 'ASSIGNED',
      submission_no: 0,
      ...over,
    })
    .returning('id');
  await knex('rectification_finding').insert(
    findings.map((id) => ({ rectification_id: t.id, finding_id: id })),
  );
  await knex('rectification_supervisor').insert(
    sups.map((s) => ({ rectification_id: t.id, agency_id: s.id })),
  );
  return t.id as number;
}

let ev = 1000;
const reported = (taskId: number, actor: Org, money: string, rules: string) =>
  knex('rectification_event').insert({
    rectification_id: taskId,
    type: 'REPORTED',
    actor_id: actor.id,
    actor_user: 'test',
    version: ++ev,
    payload: JSON.stringify({ percent: 50, moneyRecovered: money, rulesEstablished: rules }),
  });

beforeAll(async () => {
  hub = await startTestHub();
  knex = hub.knex;
  fx = new Factory(knex);
  w = await fx.world();
  const mk = async (
    key: string,
    agency: Org,
    unit: Org,
    source: FindingSource,
    over: Record<string, unknown>,
  ) => {
    ids[key] = (await fx.finding(agency, unit, source, { fiscal_year: 2025, ...over })).id;
  };
  for (let i = 1; i <= 3; i++)
    await mk(`a${i}`, w.audit, w.unitA, S.AUDIT, { category: CAT.misuse, amount_involved: '1000.00' });
  for (let i = 1; i <= 3; i++)
    await mk(`p${i}`, w.finance, i === 3 ? w.unitB : w.unitA, S.PERFORMANCE, {
      category: CAT.idle,
      amount_involved: '2000.50',
      fiscal_year: i === 2 ? 2024 : 2025,
      sensitivity: i === 3 ? Sensitivity.RESTRICTED : Sensitivity.INTERNAL,
    });
  await mk('pub', w.audit, w.unitB, S.AUDIT, {
    category: CAT.misuse,
    amount_involved: '77.00',
    sensitivity: Sensitivity.PUBLIC,
    amount_disclosed: true,
  });
  for (let i = 1; i <= 2; i++)
    await mk(`ds${i}`, w.discipline, w.unitA, S.DISCIPLINE, { category: CAT.small, amount_involved: null });
  for (let i = 1; i <= 4; i++)
    await mk(`db${i}`, w.discipline, w.unitB, S.DISCIPLINE, {
      category: CAT.big,
      amount_involved: '100.00',
      persons_held_accountable: 2,
    });
  ids.t1 = await task([ids.a1!, ids.p1!], w.unitA, w.audit, [w.audit, w.finance]);
  await reported(ids.t1, w.unitA, '300.00', '《专项资金管理办法》');
  ids.t2 = await task([ids.a2!], w.unitA, w.audit, [w.audit], { deadline: '2026-03-01' });
  ids.t3 = await task([ids.db1!], w.unitB, w.discipline, [w.discipline], { deadline: '2025-12-01' });
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

describe('stats from the rollups equal the scan', { timeout: 300_000 }, () => {
  it('after the initial load (small discipline category suppressed below 3)', async () => {
    await check();
    const fin = await computeStats(knex, await viewer(Role.FINANCE, w.finance), QUERIES[0]!, null, 3, {
      asOf: AS_OF,
      path: 'rollup',
    });
    expect(fin.disciplineSuppressed).toBe(true);
    expect(fin.total.findings).toBe(3 + 3 + 1 + 4);
    expect(fin.total.units).toBe(2);
    expect(fin.total.tasks).toBe(1); // t1, which finance supervises; not t2 (audit alone) nor t3 (discipline)
  });

  it('after an import (one multi-row insert) and single inserts', async () => {
    const rows = await Promise.all(
      [1, 2, 3].map(async (i) => ({
        ...(await fx.finding(w.reform, w.unitB, S.REFORM, {
          category: CAT.misuse,
          amount_involved: `${i}0.10`,
        })),
      })),
    );
    expect(rows).toHaveLength(3);
    await knex('finding').insert(
      [1, 2].map((i) => ({
        source: S.DISCIPLINE,
        agency_id: w.discipline.id,
        source_ref: `${P}-imp-${i}`,
        unit_id: w.unitA.id,
        fiscal_year: 2025,
        category: CAT.small,
        severity: 'MINOR',
        title: '导入',
        description: '导入',
        sensitivity: Sensitivity.SECRET,
        publication_state: 'PUBLISHED',
        rectification_status: 'PENDING',
        published_at: new Date(),
      })),
    );
    await check(); // the small category now has 4 ≥ 3: no longer suppressed
  });

  it('after corrections of category, amount, sensitivity, unit and source', async () => {
    await knex('finding').where('id', ids.a3).update({ category: CAT.idle, amount_involved: '5.55' });
    await knex('finding')
      .where('id', ids.p2)
      .update({ sensitivity: Sensitivity.PUBLIC, amount_disclosed: true });
    await knex('finding').where('id', ids.p1).update({ unit_id: w.unitB.id });
    await knex('finding').where('id', ids.db4).update({ persons_held_accountable: 5 });
    await check();
  });

  it('after withdrawals and republication', async () => {
    await knex('finding').where('id', ids.a2).update({ publication_state: 'WITHDRAWN' });
    await knex('finding').where('id', ids.pub).update({ publication_state: 'WITHDRAWN' });
    await check();
    await knex('finding').where('id', ids.pub).update({ publication_state: 'PUBLISHED' });
    await check();
  });

  it('after task transitions (statuses follow by trigger), money reported, links and unlinks', async () => {
    await knex('rectification').where('id', ids.t2).update({ state: 'IN_PROGRESS' });
    await reported(ids.t2, w.unitA, '12.34', '《内部控制制度》');
    await knex('rectification')
      .where('id', ids.t1)
      .update({ state: 'CLOSED', conclusion: 'RECTIFIED', closed_at: new Date('2026-05-20T03:00:00Z') });
    await knex('rectification').where('id', ids.t3).update({
      state: 'IN_PROGRESS',
      kind: 'LONG_TERM',
      conclusion: 'CONTINUING',
      next_milestone: '2026-09-30',
    });
    ids.t4 = await task([ids.p3!, ids.db2!], w.unitB, w.finance, [w.finance, w.discipline], {
      deadline: '2026-01-15',
    });
    await check();
    await knex('rectification_finding').where({ rectification_id: ids.t4, finding_id: ids.db2 }).delete();
    await check();
  });

  it('after same-problem group links and unlinks', async () => {
    const [g] = await knex('finding_group')
      .insert({ unit_id: w.unitA.id, created_by_id: w.audit.id, created_by_user: 'test' })
      .returning('id');
    const member = (finding: number, primary: boolean) => ({
      finding_id: finding,
      group_id: g.id,
      is_primary: primary,
      linked_by_id: w.audit.id,
      linked_by_user: 'test',
      reason: '同一问题',
    });
    await knex('finding_group_member').insert([
      member(ids.a1!, true),
      member(ids.p2!, false),
      member(ids.ds1!, false),
    ]);
    await check();
    await knex('finding_group_member').where({ group_id: g.id, finding_id: ids.a1 }).delete();
    await check();
  });

  it('after deletes, and not after a rolled-back transaction; a compaction changes nothing', async () => {
    const extra = await fx.finding(w.audit, w.unitA, S.AUDIT, { category: CAT.misuse, fiscal_year: 2025 });
    await knex('finding').where('id', extra.id).delete();
    await knex
      .transaction(async (trx) => {
        await trx('finding').where('id', ids.a1).update({ category: CAT.small, amount_involved: '9.99' });
        await trx('rectification').where('id', ids.t2).update({ state: 'SUBMITTED' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await check();
    await knex.raw('select stats_rollup_compact()');
    await check();
  });
});

describe('questions the rollups cannot answer go to the scan', () => {
  it('unit scope, a unit filter, UNIT, MONTH, SEVERITY and PROJECT grouping', async () => {
    const fin = await viewer(Role.FINANCE, w.finance);
    expect(statsRollupServes(await viewer(Role.UNIT, w.unitA), { categories: CATS }, null)).toBe(false);
    expect(statsRollupServes(fin, { categories: CATS, unitIds: [w.unitA.id] }, null)).toBe(false);
    for (const d of [
      StatsDimension.UNIT,
      StatsDimension.MONTH,
      StatsDimension.SEVERITY,
      StatsDimension.PROJECT,
    ])
      expect(statsRollupServes(fin, { categories: CATS }, d)).toBe(false);
    await expect(
      computeStats(knex, fin, { categories: CATS }, StatsDimension.UNIT, 3, { path: 'rollup' }),
    ).rejects.toThrow(/cannot answer/);
  });
});
