/**
 * The statistics cache (src/modules/statistics/statistics.cache.ts): an answer is reused only at the same
 * data version (migration stats_data_version) and for the same viewer class. A write through the API —
 * or by hand — changes the next answer at once, on this instance and on another; viewers of different
 * classes (two units, an agency and the discipline commission) get their own answers, each equal to the
 * uncached computation; identical concurrent misses compute once; the cache is bounded.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { makeViewer, type Viewer } from '../src/auth/viewer.js';
import { loadSharingState } from '../src/policy/sharing.js';
import { viewerClass } from '../src/policy/viewer-class.js';
import { AccessScope, FindingSource, Role, Sensitivity } from '../src/shared/enums.js';
import { computeStats } from '../src/modules/statistics/statistics.js';
import { AnswerCache, statsCacheFor } from '../src/modules/statistics/statistics.cache.js';
import { StatsDimension } from '../src/modules/statistics/statistics.repo.js';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';

const P = `SC${randomBytes(3).toString('hex')}`;
const CAT = { misuse: `${P}挤占挪用`, idle: `${P}资金闲置`, small: `${P}违规发放津贴` };
const CATS = Object.values(CAT);
const S = FindingSource;

/** Every table the statistics read none of (else it must carry the stats_data_changed trigger). */
const NOT_READ_BY_STATS = new Set([
  // derived by triggers from tables that carry it: their compaction changes no figure
  'finding_rollup',
  'stats_rollup',
  'stats_rollup_units',
  'stats_task_link',
  'stats_data_change',
  'mikro_orm_migrations',
  // logs, histories and files
  'access_log',
  'change_event',
  'finding_revision',
  'finding_group_event',
  'sharing_event',
  'evidence',
  'evidence_blob',
  // other modules' records no figure counts
  'policy',
  'consultation',
  'inspection_plan',
  'organization_alias',
  'project_alias',
  'import_profile',
  'clue_referral',
  'clue_referral_finding',
  'application_rule_set',
  'budget_decision',
  'monitoring_action',
  'monitoring_record',
  'performance_target_set',
  'pre_assessment',
  'self_evaluation',
  'spot_check',
  'spot_check_item',
]);

let hub: TestHub;
let other: TestHub;
let knex: Knex;
let fx: Factory;
let w: Awaited<ReturnType<Factory['world']>>;

const FIG = 'findings amount units pending inProgress rectified tasks peopleHeldAccountable';
const STATS = `query($filter: FindingFilter, $groupBy: StatsDimension) {
  stats(filterBy: $filter, groupBy: $groupBy) {
    groupBy total { ${FIG} } groups { key figures { ${FIG} } } disciplineSuppressed
  } }`;

type Answer = {
  total: Record<string, unknown>;
  groups: { key: string | null; figures: Record<string, unknown> }[];
  disciplineSuppressed: boolean;
};

async function ask(on: TestHub, token: string, groupBy: StatsDimension | null = null): Promise<Answer> {
  const r = await on.gql(STATS, { filter: { categories: CATS }, groupBy }, token);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.stats as Answer;
}

async function viewer(role: Role, org: Org | null): Promise<Viewer> {
  const v = makeViewer(role, org ? { id: org.id, code: org.code } : null, null);
  return { ...v, sharing: await loadSharingState(knex, v.orgId) };
}

/** The uncached answer for the same viewer, in the API's shape. */
async function direct(role: Role, org: Org | null, dim: StatsDimension | null = null): Promise<Answer> {
  const s = await computeStats(
    knex,
    await viewer(role, org),
    { categories: CATS },
    dim,
    hub.config.disciplineMinCount,
  );
  const pick = (f: Record<string, unknown>) => Object.fromEntries(FIG.split(' ').map((k) => [k, f[k]]));
  return {
    total: pick(s.total as unknown as Record<string, unknown>),
    groups: s.groups.map((g) => ({
      key: g.key,
      figures: pick(g.figures as unknown as Record<string, unknown>),
    })),
    disciplineSuppressed: s.disciplineSuppressed,
  };
}

const strip = (a: Answer) => ({
  total: a.total,
  groups: a.groups,
  disciplineSuppressed: a.disciplineSuppressed,
});
const cache = () => statsCacheFor(knex, 500);
const version = async () =>
  (await knex.raw('select coalesce(sum(n), 0)::text as v from stats_data_change')).rows[0].v as string;

beforeAll(async () => {
  hub = await startTestHub();
  other = await startTestHub();
  knex = hub.knex;
  fx = new Factory(knex);
  w = await fx.world();
  for (let i = 0; i < 3; i++)
    await fx.finding(w.audit, w.unitA, S.AUDIT, {
      category: CAT.misuse,
      fiscal_year: 2025,
      amount_involved: '1000.00',
    });
  await fx.finding(w.audit, w.unitB, S.AUDIT, {
    category: CAT.misuse,
    fiscal_year: 2025,
    amount_involved: '7.00',
  });
  for (let i = 0; i < 2; i++)
    await fx.finding(w.finance, w.unitB, S.PERFORMANCE, {
      category: CAT.idle,
      fiscal_year: 2024,
      amount_involved: '250.50',
    });
  for (let i = 0; i < 2; i++)
    await fx.finding(w.discipline, w.unitA, S.DISCIPLINE, {
      category: CAT.small,
      fiscal_year: 2025,
      sensitivity: Sensitivity.SECRET,
    });
});

afterAll(async () => {
  await other?.stop();
  await hub?.stop();
});

describe('statistics cache', () => {
  it('answers a repeated question from the cache, equal to the uncached computation', async () => {
    const t = await hub.token(Role.FINANCE, w.finance.code);
    const before = { ...cache().counts };
    const a = await ask(hub, t, StatsDimension.SOURCE);
    const b = await ask(hub, t, StatsDimension.SOURCE);
    expect(b).toEqual(a);
    expect(cache().counts.computed - before.computed).toBe(1);
    expect(cache().counts.hits - before.hits).toBe(1);
    expect(strip(a)).toEqual(await direct(Role.FINANCE, w.finance, StatsDimension.SOURCE));
    expect(a.total.findings).toBe(6);
  });

  it('a finding published through the API counts in the next answer at once, on this instance and another', async () => {
    const t = await hub.token(Role.FINANCE, w.finance.code);
    const here = await ask(hub, t);
    const there = await ask(other, t);
    expect(there).toEqual(here);
    const IMPORT = `mutation($input: FindingImportInput!) { findingImport(input: $input) { report { created } userErrors { code } } }`;
    const row = {
      sourceRef: `${P}-1`,
      description: '专项资金未按规定用途使用',
      category: CAT.misuse,
      unitCode: w.unitA.code,
      fiscalYear: 2025,
      amountInvolved: '120000.00',
    };
    const r = await hub.gql(IMPORT, { input: { rows: [row] } }, await hub.token(Role.AUDIT, w.audit.code));
    expect(r.errors).toBeUndefined();
    expect(r.data.findingImport.report.created).toBe(1);
    const hereAfter = await ask(hub, t);
    const thereAfter = await ask(other, t);
    expect(hereAfter.total.findings).toBe((here.total.findings as number) + 1);
    expect(thereAfter).toEqual(hereAfter);
    expect(strip(hereAfter)).toEqual(await direct(Role.FINANCE, w.finance));
  });

  it('a write by hand (SQL) changes the next answer at once; a rolled-back one changes nothing', async () => {
    const t = await hub.token(Role.AUDIT, w.audit.code);
    const before = await ask(hub, t);
    const v0 = await version();
    await knex
      .transaction(async (trx) => {
        await trx('finding')
          .where({ category: CAT.misuse, unit_id: w.unitB.id })
          .update({ amount_involved: '9.00' });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await version()).toBe(v0);
    expect(await ask(hub, t)).toEqual(before);
    await knex('finding')
      .where({ category: CAT.misuse, unit_id: w.unitB.id })
      .update({ amount_involved: '9.00' });
    expect(await version()).not.toBe(v0);
    const after = await ask(hub, t);
    expect(Number(after.total.amount) - Number(before.total.amount)).toBe(2);
    expect(strip(after)).toEqual(await direct(Role.AUDIT, w.audit));
  });

  it('a sharing rule set through the API changes what another agency counts at once', async () => {
    const t = await hub.token(Role.FINANCE, w.finance.code);
    const before = await ask(hub, t, StatsDimension.SOURCE);
    const RULE_SET = `mutation($input: SharingRuleSetInput!) { sharingRuleSet(input: $input) { userErrors { code } } }`;
    const r = await hub.gql(
      RULE_SET,
      { input: { category: CAT.misuse, level: 'NOT_SHARED' } },
      await hub.token(Role.AUDIT, w.audit.code),
    );
    expect(r.data.sharingRuleSet.userErrors).toEqual([]);
    const after = await ask(hub, t, StatsDimension.SOURCE);
    expect(strip(after)).toEqual(await direct(Role.FINANCE, w.finance, StatsDimension.SOURCE));
    // the audit findings' statuses and amount are no longer the finance bureau's to read
    expect(after.total.pending).not.toEqual(before.total.pending);
    expect(after.total.amount).not.toEqual(before.total.amount);
    await hub.gql(
      RULE_SET,
      { input: { category: CAT.misuse, level: 'UNCONDITIONAL' } },
      await hub.token(Role.AUDIT, w.audit.code),
    );
    expect(strip(await ask(hub, t, StatsDimension.SOURCE))).toEqual(strip(before));
  });

  it('two units never share an entry: each sees its own findings only', async () => {
    const a = await ask(hub, await hub.token(Role.UNIT, w.unitA.code));
    const b = await ask(hub, await hub.token(Role.UNIT, w.unitB.code));
    const count = async (u: Org) =>
      Number(
        (
          await knex('finding')
            .whereIn('category', CATS)
            .where({ unit_id: u.id })
            .whereNot('source', 'DISCIPLINE')
            .count('* as n')
        )[0]!.n,
      );
    expect(a.total.findings).toBe(await count(w.unitA));
    expect(b.total.findings).toBe(await count(w.unitB));
    expect(a.total.findings).not.toBe(b.total.findings);
    expect(strip(a)).toEqual(await direct(Role.UNIT, w.unitA));
    expect(strip(b)).toEqual(await direct(Role.UNIT, w.unitB));
    // asked again, in the other order: still each its own
    expect(await ask(hub, await hub.token(Role.UNIT, w.unitB.code))).toEqual(b);
    expect(await ask(hub, await hub.token(Role.UNIT, w.unitA.code))).toEqual(a);
  });

  it('the discipline commission and an agency get different answers (small-count rule), each its own', async () => {
    const d = await ask(hub, await hub.token(Role.DISCIPLINE, w.discipline.code), StatsDimension.CATEGORY);
    const f = await ask(hub, await hub.token(Role.FINANCE, w.finance.code), StatsDimension.CATEGORY);
    expect(d.groups.map((g) => g.key)).toContain(CAT.small);
    expect(f.groups.map((g) => g.key)).not.toContain(CAT.small);
    expect(f.disciplineSuppressed).toBe(true);
    expect(strip(d)).toEqual(await direct(Role.DISCIPLINE, w.discipline, StatsDimension.CATEGORY));
    expect(strip(f)).toEqual(await direct(Role.FINANCE, w.finance, StatsDimension.CATEGORY));
  });

  it('identical questions in flight together are computed once', async () => {
    await knex('finding').where({ category: CAT.idle }).update({ amount_involved: '250.75' });
    const t = await hub.token(Role.LEADERSHIP, w.leadership.code);
    const before = { ...cache().counts };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => ask(hub, t, StatsDimension.FISCAL_YEAR)),
    );
    const c = cache().counts;
    expect(c.computed - before.computed).toBe(1);
    expect(c.hits - before.hits + (c.shared - before.shared)).toBe(5);
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('every table the statistics read bumps the data version (trigger), and only those are exempt', async () => {
    const { rows } = (await knex.raw(`
      select c.relname as table, exists (
        select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = 'stats_data_changed'
      ) as bumps
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = current_schema()
      order by 1`)) as { rows: { table: string; bumps: boolean }[] };
    const wrong = rows.filter((r) => r.bumps === NOT_READ_BY_STATS.has(r.table)).map((r) => r.table);
    expect(wrong, 'tables neither bumping the data version nor listed as not read by the statistics').toEqual(
      [],
    );
    expect(rows.filter((r) => r.bumps).map((r) => r.table)).toEqual(
      expect.arrayContaining(['finding', 'rectification', 'review', 'recognition', 'sharing_rule']),
    );
  });

  it('stats_data_compact folds the rows into one of the same sum', async () => {
    for (let i = 0; i < 3; i++)
      await knex('finding')
        .where({ category: CAT.idle })
        .update({ title: `t${i}` });
    const v = await version();
    const folded = (await knex.raw('select stats_data_compact() as n')).rows[0].n as number;
    expect(folded).toBeGreaterThan(1);
    expect(await version()).toBe(v);
    expect(Number((await knex('stats_data_change').count('* as n'))[0]!.n)).toBe(1);
  });
});

describe('AnswerCache', () => {
  const value = (n: number) => async () => n;

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const c = new AnswerCache<number>(2, 100, () => 1);
    await c.get('a', Infinity, value(1));
    await c.get('b', Infinity, value(2));
    await c.get('a', Infinity, value(99)); // a is now the most recent
    await c.get('c', Infinity, value(3)); // drops b
    expect(c.size).toBe(2);
    expect(await c.get('a', Infinity, value(99))).toBe(1);
    expect(await c.get('b', Infinity, value(22))).toBe(22);
  });

  it('keeps at most maxWeight, and nothing heavier than it', async () => {
    const c = new AnswerCache<number>(10, 5, (n) => n);
    await c.get('a', Infinity, value(3));
    await c.get('b', Infinity, value(2));
    expect(c.weight).toBe(5);
    await c.get('c', Infinity, value(2)); // drops a
    expect(c.weight).toBe(4);
    await c.get('d', Infinity, value(6)); // too heavy to keep
    expect(c.size).toBe(2);
    expect(await c.get('a', Infinity, value(1))).toBe(1);
  });

  it('computes again once an entry is past validUntil', async () => {
    const c = new AnswerCache<number>(10, 100, () => 1);
    await c.get('a', 1000, value(1), 0);
    expect(await c.get('a', 1000, value(2), 999)).toBe(1);
    expect(await c.get('a', 5000, value(3), 1000)).toBe(3);
  });

  it('shares one computation among identical misses, and keeps no failure', async () => {
    const c = new AnswerCache<number>(10, 100, () => 1);
    let calls = 0;
    let fail!: (e: Error) => void;
    const compute = () => {
      calls++;
      return new Promise<number>((_, reject) => (fail = reject));
    };
    const both = Promise.allSettled([c.get('a', Infinity, compute), c.get('a', Infinity, compute)]);
    fail(new Error('down'));
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    expect(c.size).toBe(0);
    expect(await c.get('a', Infinity, value(7))).toBe(7);
  });
});

describe('viewerClass', () => {
  const grant = (id: number, expiresAt: Date) => ({
    id,
    ownerId: 1,
    scope: AccessScope.CATEGORY,
    category: 'x',
    findingIds: new Set<number>(),
    expiresAt,
  });

  it('differs by organisation and by grants in force, ignores expired grants, and lapses with the first grant', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const base = makeViewer(Role.FINANCE, { id: 5, code: 'X' }, 'someone');
    const same = makeViewer(Role.FINANCE, { id: 5, code: 'X' }, 'someone else');
    const otherOrg = makeViewer(Role.FINANCE, { id: 6, code: 'Y' }, 'someone');
    expect(viewerClass(same, now).key).toBe(viewerClass(base, now).key);
    expect(viewerClass(otherOrg, now).key).not.toBe(viewerClass(base, now).key);
    const soon = new Date(now + 60_000);
    const withGrant = { ...base, sharing: { rules: base.sharing.rules, grants: [grant(1, soon)] } };
    const expired = {
      ...base,
      sharing: { rules: base.sharing.rules, grants: [grant(1, new Date(now - 1))] },
    };
    expect(viewerClass(withGrant, now).key).not.toBe(viewerClass(base, now).key);
    expect(viewerClass(withGrant, now).validUntil).toBe(soon.getTime());
    expect(viewerClass(expired, now).key).toBe(viewerClass(base, now).key);
    expect(viewerClass(base, now).validUntil).toBe(Infinity);
  });
});
