/**
 * SQL of the statistics API (统计) and the yearly report: one statement over the findings the viewer
 * may see (the finding module's findingBase, i.e. the policy's row scope and the filter), with
 *
 * - a same-problem group (同一问题) counted once: among the group's members the viewer sees and the
 *   filter matches, the primary (else the earliest) counts, as findingStats does; a discipline
 *   finding's membership only for the discipline commission (seesDisciplineMembership);
 * - the small-count rule: for viewers other than the discipline commission, discipline findings of a
 *   category with fewer than `minCount` counted rows in scope are left out of every figure;
 * - statuses, severity and project only where the viewer may read the finding's content, amounts only
 *   where it may read the amount (contentSql / amountSql);
 * - task figures (due, on time, overdue, money recovered, rules issued) only from tasks the viewer may
 *   see (rectificationScope) of findings whose content it reads; a task counts once, at its first
 *   counted finding in scope.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { Role } from '../../shared/enums.js';
import { amountSql, contentSql, reviewRowScope } from '../../policy/access.js';
import { rectificationScope } from '../../policy/rectification.js';
import { recognitionScope, seesDisciplineMembership } from '../../policy/recognition.js';
import { findingBase, type FindingQuery } from '../finding/finding.repo.js';
import { overdueSql } from '../rectification/index.js';

export enum StatsDimension {
  SOURCE = 'SOURCE',
  CATEGORY = 'CATEGORY',
  UNIT = 'UNIT',
  PROJECT = 'PROJECT',
  FISCAL_YEAR = 'FISCAL_YEAR',
  SEVERITY = 'SEVERITY',
  MONTH = 'MONTH',
}

/** The grouping key over the kept rows `k` (content-gated where the column is content). */
const KEY: Record<StatsDimension, string> = {
  SOURCE: 'k.source',
  CATEGORY: 'k.category',
  UNIT: 'k.unit_id::text',
  PROJECT: 'case when k.c then k.project_id::text end',
  FISCAL_YEAR: 'k.fiscal_year::text',
  SEVERITY: 'case when k.c then k.severity end',
  MONTH: `to_char(k.published_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
};

export interface StatsRowDb {
  key: string | null;
  /** 1 = the total row */
  g: number;
  findings: number;
  amount: string;
  units: number;
  pending: number;
  in_progress: number;
  partly: number;
  completed: number;
  continuing: number;
  rectified: number;
  accountable: number;
  due: number;
  rectified_due: number;
  closed: number;
  closed_on_time: number;
  tasks: number;
  overdue: number;
  overdue_30: number;
  overdue_90: number;
  overdue_more: number;
  money: string;
  rules: number;
  suppressed: number;
}

export interface StatsSqlOptions {
  raw?: boolean;
  /** Date the figures are as of (due, overdue), YYYY-MM-DD. */
  asOf: string;
}

/**
 * The scoped, group-counted, suppressed finding rows (`kept`) with their visible task (`tk`), as CTEs,
 * for the figures and for the overdue list.
 */
function keptSql(knex: Knex, v: Viewer, q: FindingQuery, minCount: number, o: StatsSqlOptions) {
  const c = contentSql(v, 'f');
  const amt = amountSql(v, 'f');
  const base = findingBase(knex, v, q)
    .select(
      'f.id',
      'f.source',
      'f.category',
      'f.fiscal_year',
      'f.unit_id',
      'f.project_id',
      'f.severity',
      'f.published_at',
      'f.rectification_status as status',
      'f.persons_held_accountable as pha',
    )
    .select(knex.raw(`coalesce(${c.sql}, false) as c`, c.bindings as Knex.RawBinding[]))
    .select(
      knex.raw(
        `case when ${amt.sql} then coalesce(f.amount_involved, 0) else 0 end as amt`,
        amt.bindings as Knex.RawBinding[],
      ),
    )
    .toSQL();
  const membership = seesDisciplineMembership(v) ? '' : ` and b.source <> 'DISCIPLINE'`;
  // the group's representative among the members in scope: ranked over the (few) members only
  const reps = o.raw
    ? ''
    : `reps as (
      select b.id, row_number() over (partition by gm.group_id order by gm.is_primary desc, b.id) as rn
      from base b join finding_group_member gm on gm.finding_id = b.id${membership}
    ),`;
  const counted = o.raw ? '1' : 'case when r.rn > 1 then 0 else 1 end';
  const scope = rectificationScope(v, 't');
  const od = overdueSql('t', o.asOf);
  const sql = `
    base as (${base.sql}),
    ${reps}
    ranked as (
      select b.*, ${counted} as counted
      from base b${o.raw ? '' : ' left join reps r on r.id = b.id'}
    ),
    small as (
      select category from ranked where source = 'DISCIPLINE' and ?::boolean
      group by category having sum(counted) < ?
    ),
    kept as (
      select * from ranked where not (source = 'DISCIPLINE' and category in (select category from small))
    ),
    tk as (
      select k.*, k.id as finding_id, t.id as task_id, t.state, t.deadline, t.closed_at,
             t.unit_id as task_unit_id, ${od.sql} as days_overdue,
             row_number() over (partition by t.id order by k.counted desc, k.id) = 1 as rep
      from kept k
      join rectification_finding rf on rf.finding_id = k.id
      join rectification t on t.id = rf.rectification_id
      where k.c${scope ? ` and ${scope.sql}` : ''}
    )`;
  const bindings = [
    ...base.bindings,
    v.role !== Role.DISCIPLINE,
    minCount,
    ...od.bindings,
    ...(scope?.bindings ?? []),
  ];
  return { sql, bindings };
}

/**
 * Runs a statistics statement with JIT off: its cost estimate over every finding in scope makes
 * PostgreSQL JIT-compile the per-row policy expressions, which at 300k findings took seconds
 * (EXPLAIN ANALYZE) for a scan that itself takes a few hundred milliseconds.
 */
export async function rawNoJit<T>(knex: Knex, sql: string, bindings: unknown[]): Promise<T[]> {
  return knex.transaction(async (trx) => {
    await trx.raw('set local jit = off');
    const { rows } = (await trx.raw(sql, bindings as Knex.RawBinding[])) as { rows: T[] };
    return rows;
  });
}

/**
 * The task figures per key of grouping expression `key` and in total (g = 1), over the task-link rows `k`
 * of `from` — one row per (task, finding) with `counted` (the finding counts), `rep` (the row the task
 * counts at), state, deadline, closed_at, days_overdue, money and rules (what was reported) — for the
 * scan (statsRows) and the rollups (statistics-rollup.repo.ts) alike. One binding: the as-of date.
 */
export const taskFiguresSql = (key: string, from: string) => `
      select ${key} as key, grouping(${key})::int as g,
        count(*) filter (where k.counted = 1 and (k.deadline <= ?::date or k.state = 'CLOSED'))::int as due,
        count(*) filter (where k.counted = 1 and k.state = 'CLOSED')::int as rectified_due,
        count(*) filter (where k.rep and k.state = 'CLOSED')::int as closed,
        count(*) filter (where k.rep and k.state = 'CLOSED'
                           and (k.closed_at at time zone 'Asia/Shanghai')::date <= k.deadline)::int as closed_on_time,
        count(*) filter (where k.rep)::int as tasks,
        count(*) filter (where k.rep and k.days_overdue > 0)::int as overdue,
        count(*) filter (where k.rep and k.days_overdue between 1 and 30)::int as overdue_30,
        count(*) filter (where k.rep and k.days_overdue between 31 and 90)::int as overdue_90,
        count(*) filter (where k.rep and k.days_overdue > 90)::int as overdue_more,
        coalesce(sum(k.money) filter (where k.rep), 0)::numeric(20,2)::text as money,
        coalesce(sum(k.rules) filter (where k.rep), 0)::int as rules
      from ${from}
      group by rollup(${key})`;

/** The task figures of the row `t` of taskFiguresSql joined to a key, zero where it has none. */
export const TASK_FIGURES_OF_T = `coalesce(t.due, 0) as due, coalesce(t.rectified_due, 0) as rectified_due,
      coalesce(t.closed, 0) as closed, coalesce(t.closed_on_time, 0) as closed_on_time,
      coalesce(t.tasks, 0) as tasks, coalesce(t.overdue, 0) as overdue,
      coalesce(t.overdue_30, 0) as overdue_30, coalesce(t.overdue_90, 0) as overdue_90,
      coalesce(t.overdue_more, 0) as overdue_more, coalesce(t.money, '0.00') as money,
      coalesce(t.rules, 0) as rules`;

const statusSum = (s: string) =>
  `coalesce(sum(case when k.counted = 1 and k.c and k.status = '${s}' then 1 else 0 end), 0)::int`;

/** One row per key of `dim` (or none) plus the total row (g = 1). */
export async function statsRows(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  dim: StatsDimension | null,
  minCount: number,
  o: StatsSqlOptions,
): Promise<StatsRowDb[]> {
  const kept = keptSql(knex, v, q, minCount, o);
  const key = dim ? KEY[dim] : 'null::text';
  // finding figures over the kept rows, task figures over the (few) rows with a visible task: two
  // aggregations joined by key, rather than every finding row joined to its task and sorted
  const sql = `
    with ${kept.sql},
    money as (
      select e.rectification_id,
             coalesce(sum((e.payload->>'moneyRecovered')::numeric), 0) as m,
             count(distinct nullif(e.payload->>'rulesEstablished', '')) as rules
      from rectification_event e
      where e.type = 'REPORTED' and e.rectification_id in (select task_id from tk where rep)
      group by e.rectification_id
    ),
    fig as (
      select ${key} as key, grouping(${key})::int as g,
        coalesce(sum(k.counted), 0)::int as findings,
        coalesce(sum(case when k.counted = 1 then k.amt else 0 end), 0)::numeric(20,2)::text as amount,
        count(distinct k.unit_id) filter (where k.counted = 1)::int as units,
        ${statusSum('PENDING')} as pending,
        ${statusSum('IN_PROGRESS')} as in_progress,
        ${statusSum('PARTLY')} as partly,
        ${statusSum('COMPLETED')} as completed,
        ${statusSum('CONTINUING')} as continuing,
        ${statusSum('RECTIFIED')} as rectified,
        coalesce(sum(case when k.counted = 1 and k.c then coalesce(k.pha, 0) else 0 end), 0)::int as accountable
      from kept k
      group by rollup(${key})
    ),
    tfig as (${taskFiguresSql(
      key,
      `(select k.*, m.m as money, m.rules from tk k
        left join money m on m.rectification_id = k.task_id and k.rep) k`,
    )})
    select f.*,
      ${TASK_FIGURES_OF_T},
      (select count(*) from small)::int as suppressed
    from fig f
    left join tfig t on t.g = f.g and t.key is not distinct from f.key
    order by f.g desc, f.key`;
  return rawNoJit<StatsRowDb>(knex, sql, [...kept.bindings, o.asOf]);
}

export interface OverdueRowDb {
  task_id: number;
  unit_id: number;
  deadline: string;
  days_overdue: number;
  state: string;
  finding_ids: number[];
}

/** Overdue tasks (逾期) among the figures' tasks, most overdue first. */
export async function overdueTaskRows(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  o: StatsSqlOptions,
  limit: number,
): Promise<OverdueRowDb[]> {
  const kept = keptSql(knex, v, q, minCount, o);
  const sql = `
    with ${kept.sql}
    select t.task_id, max(t.task_unit_id) as unit_id, to_char(max(t.deadline), 'YYYY-MM-DD') as deadline,
           max(t.days_overdue)::int as days_overdue, max(t.state) as state,
           array_agg(t.finding_id order by t.finding_id) as finding_ids
    from tk t
    where t.days_overdue > 0
    group by t.task_id
    order by max(t.days_overdue) desc, t.task_id
    limit ?`;
  return rawNoJit<OverdueRowDb>(knex, sql, [...kept.bindings, limit]);
}

/** Reasons given when verifiers returned the tasks of findings not rectified (未整改原因), latest first. */
export async function notRectifiedReasons(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  o: StatsSqlOptions,
  limit: number,
): Promise<{ reason: string; n: number }[]> {
  const kept = keptSql(knex, v, q, minCount, o);
  const sql = `
    with ${kept.sql}
    select e.payload->>'reason' as reason, count(distinct e.rectification_id)::int as n
    from rectification_event e
    where e.type = 'RETURNED' and e.payload->>'reason' is not null
      and e.rectification_id in (select task_id from tk where rep and state <> 'CLOSED')
    group by e.payload->>'reason'
    order by n desc, reason
    limit ?`;
  return rawNoJit<{ reason: string; n: number }>(knex, sql, [...kept.bindings, limit]);
}

/** Grade distribution (评价等级分布) of the performance reviews the viewer may see and read. */
export async function gradeRows(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
): Promise<{ grade: string; n: number }[]> {
  const b = knex('review as r')
    .select('r.grade')
    .count('* as n')
    .where('r.source', 'PERFORMANCE')
    .whereNotNull('r.grade')
    .whereNot('r.publication_state', 'WITHDRAWN')
    .groupBy('r.grade');
  const scope = reviewRowScope(v, 'r');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  const c = contentSql(v, 'r', true);
  b.whereRaw(c.sql, c.bindings as Knex.RawBinding[]);
  if (q.fiscalYears?.length) b.whereIn('r.fiscal_year', q.fiscalYears);
  if (q.fiscalYearFrom != null) b.where('r.fiscal_year', '>=', q.fiscalYearFrom);
  if (q.fiscalYearTo != null) b.where('r.fiscal_year', '<=', q.fiscalYearTo);
  if (q.unitIds) b.whereIn('r.unit_id', q.unitIds);
  if (q.projectIds) b.whereIn('r.project_id', q.projectIds);
  const rows = (await b) as { grade: string; n: string | number }[];
  return rows.map((r) => ({ grade: r.grade, n: Number(r.n) }));
}

/** Decisions in force between agencies (互认), by deciding agency, target agency and decision. */
export async function recognitionRows(
  knex: Knex,
  v: Viewer,
): Promise<{ agency_id: number; target_agency_id: number; decision: string; n: number }[]> {
  const b = knex('recognition as a')
    .select('a.agency_id', 'a.target_agency_id', 'a.decision')
    .count('* as n')
    .where('a.status', 'CURRENT')
    .groupBy('a.agency_id', 'a.target_agency_id', 'a.decision')
    .orderBy(['a.agency_id', 'a.target_agency_id', 'a.decision']);
  const scope = recognitionScope(v, 'a');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  const rows = (await b) as { agency_id: number; target_agency_id: number; decision: string; n: string }[];
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/**
 * The data version of the statistics (migration stats_data_version): grows with every committed write to
 * a table they read. `rows`: rows to fold (compactStatsDataVersion) — one per writing transaction since.
 */
export async function statsDataVersion(knex: Knex): Promise<{ version: string; rows: number }> {
  const { rows } = (await knex.raw(
    'select coalesce(sum(n), 0)::text as version, count(*)::int as rows from stats_data_change',
  )) as { rows: { version: string; rows: number }[] };
  return rows[0]!;
}

/** Folds stats_data_change into one row of the same sum; null when another session is folding. */
export async function compactStatsDataVersion(knex: Knex): Promise<number | null> {
  const { rows } = (await knex.raw('select stats_data_compact() as folded')) as {
    rows: { folded: number | null }[];
  };
  return rows[0]!.folded;
}

/** Names of organisations and projects, for labels. */
export async function namesOf(
  knex: Knex,
  table: 'organization' | 'project',
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = (await knex(table)
    .select('id', 'name')
    .whereIn('id', ids as number[])) as { id: number; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}
