/**
 * The statistics API's figures from the rollups (migration stats_rollup_figures) instead of a scan of every
 * finding in scope: the same StatsRowDb rows as statsRows (statistics.repo.ts), equal figure for figure.
 *
 * - Finding figures (count, amount, statuses, people held accountable) are sums over `stats_rollup`'s keys
 *   that the viewer's row scope and the filter admit, with the amount, statuses and people gated per key by
 *   the policy's own SQL (findingRowScope, contentSql, amountSql via the finding module's rollupWhere): every
 *   column those read is in the key, so a key is wholly in or out.
 * - Units concerned are the bit count of the OR of the admitted keys' unit bitmaps (`stats_rollup_units`).
 * - What the rollup cannot decide is added exactly from `finding` and the task tables, over few rows:
 *   same-problem groups (the members in scope, ranked as statsRows ranks them: the non-representatives are
 *   taken off every figure, and the units of all members are recounted from their own findings), and every
 *   task figure (due, on time, overdue, money, rules) from `stats_task_link` (one narrow row per task link with
 *   the finding's key columns), with the policy's row scope, content and task scope (rectificationScope) applied
 *   to its columns.
 * - The small-count rule for discipline categories is applied to the corrected counts, as statsRows does.
 *
 * It serves a question only when rollupServes (the finding module's test: not UNIT/EVALUATOR viewers, no
 * record grants, only source/year/category/withdrawn/readable filters) holds and the grouping is none,
 * SOURCE, CATEGORY or FISCAL_YEAR; anything else is answered by statsRows.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { Role } from '../../shared/enums.js';
import { amountSql, contentSql } from '../../policy/access.js';
import { rectificationScope } from '../../policy/rectification.js';
import { seesDisciplineMembership } from '../../policy/recognition.js';
import { findingBase, type FindingQuery } from '../finding/finding.repo.js';
import { rollupServes, rollupWhere } from '../finding/finding-stats.repo.js';
import { overdueSql } from '../rectification/index.js';
import {
  rawNoJit,
  StatsDimension,
  TASK_FIGURES_OF_T,
  taskFiguresSql,
  type StatsRowDb,
  type StatsSqlOptions,
} from './statistics.repo.js';

const KEY: Partial<Record<StatsDimension, string>> = {
  SOURCE: 'k.source',
  CATEGORY: 'k.category',
  FISCAL_YEAR: 'k.fiscal_year::text',
};

/** Whether the rollups answer this question (else statsRows does). */
export function statsRollupServes(v: Viewer, q: FindingQuery, dim: StatsDimension | null): boolean {
  return (dim === null || KEY[dim] !== undefined) && rollupServes(v, q);
}

const STATUSES: [string, string][] = [
  ['pending', 'PENDING'],
  ['in_progress', 'IN_PROGRESS'],
  ['partly', 'PARTLY'],
  ['completed', 'COMPLETED'],
  ['continuing', 'CONTINUING'],
  ['rectified', 'RECTIFIED'],
];

export interface RollupStatsRows {
  rows: StatsRowDb[];
  /** Rows `stats_rollup` holds (for compaction). */
  rollupRows: number;
}

/**
 * The figures from the rollups; null when a unit id does not fit the bitmaps (the caller answers from
 * `finding` then). The caller checked statsRollupServes.
 */
export async function statsRowsFromRollup(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  dim: StatsDimension | null,
  minCount: number,
  o: StatsSqlOptions,
): Promise<RollupStatsRows | null> {
  const key = dim ? KEY[dim]! : 'null::text';
  const where = rollupWhere(v, q);
  const cr = contentSql(v, 'r');
  const ar = amountSql(v, 'r');
  const cf = contentSql(v, 'f');
  const af = amountSql(v, 'f');
  const b = (sql: string, bindings: unknown[]) => knex.raw(sql, bindings as Knex.RawBinding[]);

  // members of same-problem groups in scope and filter, ranked as statsRows ranks them
  // `= any(array(…))`: the few members are read first and their findings fetched by id
  const memQ = findingBase(knex, v, q)
    .join('finding_group_member as gm', 'gm.finding_id', 'f.id')
    .whereRaw('f.id = any(array(select finding_id from finding_group_member))')
    .select('f.id', 'f.unit_id', 'f.source', 'f.category', 'f.fiscal_year')
    .select('f.rectification_status as status', 'f.persons_held_accountable as pha')
    .select(b(`coalesce(${cf.sql}, false) as c`, cf.bindings))
    .select(b(`case when ${af.sql} then coalesce(f.amount_involved, 0) else 0 end as amt`, af.bindings))
    .select(knex.raw('row_number() over (partition by gm.group_id order by gm.is_primary desc, f.id) as rn'));
  if (!o.raw) {
    if (!seesDisciplineMembership(v)) memQ.whereNot('f.source', 'DISCIPLINE');
  } else memQ.whereRaw('false');
  const mem = memQ.toSQL();

  // the findings of the members' units, for their units recounted exactly
  const du = findingBase(knex, v, q)
    .select('f.source', 'f.category', 'f.fiscal_year', 'f.unit_id')
    .whereRaw('f.unit_id = any(array(select unit_id from mem))')
    .whereRaw('f.id not in (select id from mem where rn > 1)')
    .toSQL();

  const scope = rectificationScope(v, 't');
  const od = overdueSql('k', o.asOf);
  const gate = (c: string, col: string) => `case when ${c} then r.${col} else 0 end`;
  const sql = `
    with
    mem as (${mem.sql}),
    r as (
      select r.source, r.category, r.fiscal_year, r.n, r.n as nraw,
             case when ${ar.sql} then r.amount else 0 end as amt,
             ${gate(cr.sql, 'accountable')} as pha,
             ${STATUSES.map(([c]) => `${gate(cr.sql, c)} as ${c}`).join(',\n             ')}
      from stats_rollup r
      where ${where.sql}
    ),
    corr as (
      select source, category, fiscal_year, -1, 0, -amt,
             case when c then -coalesce(pha, 0) else 0 end,
             ${STATUSES.map(([, s]) => `case when c and status = '${s}' then -1 else 0 end`).join(', ')}
      from mem where rn > 1
    ),
    scoped as (
      select source, category, fiscal_year, sum(n) as n, sum(nraw) as nraw, sum(amt) as amt, sum(pha) as pha,
             ${STATUSES.map(([c]) => `sum(${c}) as ${c}`).join(', ')}
      from (select * from r union all select * from corr) u
      group by source, category, fiscal_year
      having sum(nraw) <> 0
    ),
    small as (
      select category from scoped where source = 'DISCIPLINE' and ?::boolean
      group by category having sum(n) < ?
    ),
    kept as (
      select * from scoped where not (source = 'DISCIPLINE' and category in (select category from small))
    ),
    fig as (
      select ${key} as key, grouping(${key})::int as g,
        coalesce(sum(k.n), 0)::int as findings,
        coalesce(sum(k.amt), 0)::numeric(20,2)::text as amount,
        ${STATUSES.map(([c]) => `coalesce(sum(k.${c}), 0)::int as ${c}`).join(',\n        ')},
        coalesce(sum(k.pha), 0)::int as accountable
      from kept k
      group by rollup(${key})
    ),
    ub as (
      select r.source, r.category, r.fiscal_year, r.bits, r.overflow
      from stats_rollup_units r
      where ${where.sql} and not (r.source = 'DISCIPLINE' and r.category in (select category from small))
    ),
    uk as (
      select ${key} as key, grouping(${key})::int as g, bit_or(k.bits) as bits, bool_or(k.overflow) as overflow
      from ub k group by rollup(${key})
    ),
    du as (
      select * from (${du.sql}) d
      where not (d.source = 'DISCIPLINE' and d.category in (select category from small))
    ),
    udk as (
      select ${key} as key, grouping(${key})::int as g, bit_or(stats_unit_bit(k.unit_id)) as bits
      from du k group by rollup(${key})
    ),
    mask as (
      select coalesce(bit_or(stats_unit_bit(unit_id)), stats_unit_bit(-1)) as m,
             coalesce(bool_or(unit_id >= 16384), false) as overflow
      from mem
    ),
    tf as (
      select r.task_id, r.finding_id as id, r.source, r.category, r.fiscal_year, r.state, r.kind, r.conclusion,
             r.deadline, r.next_milestone, r.closed_at, r.money, r.rules,
             case when r.finding_id in (select id from mem where rn > 1) then 0 else 1 end as counted
      from stats_task_link r
      cross join lateral (select r.task_id as id, r.task_unit_id as unit_id) t
      where ${where.sql} and coalesce(${cr.sql}, false)
        and not (r.source = 'DISCIPLINE' and r.category in (select category from small))
        ${scope ? `and ${scope.sql}` : ''}
    ),
    tk as materialized (
      select k.*, ${od.sql} as days_overdue,
             row_number() over (partition by k.task_id order by k.counted desc, k.id) = 1 as rep
      from tf k
    ),
    tfig as (${taskFiguresSql(key, 'tk k')})
    select f.*,
      bit_count((coalesce(u.bits, stats_unit_bit(-1)) & ~(select m from mask))
                | coalesce(d.bits, stats_unit_bit(-1)))::int as units,
      ${TASK_FIGURES_OF_T},
      (select count(*) from small)::int as suppressed,
      (select bool_or(overflow) from uk) or (select overflow from mask) as overflow,
      (select count(*) from stats_rollup)::int as rollup_rows
    from fig f
    left join uk u on u.g = f.g and u.key is not distinct from f.key
    left join udk d on d.g = f.g and d.key is not distinct from f.key
    left join tfig t on t.g = f.g and t.key is not distinct from f.key
    order by f.g desc, f.key`;
  const bindings = [
    ...mem.bindings,
    ...ar.bindings,
    ...cr.bindings,
    ...STATUSES.flatMap(() => cr.bindings),
    ...where.bindings,
    v.role !== Role.DISCIPLINE,
    minCount,
    ...where.bindings,
    ...du.bindings,
    ...where.bindings,
    ...cr.bindings,
    ...(scope?.bindings ?? []),
    ...od.bindings,
    o.asOf,
  ];
  const rows = await rawNoJit<StatsRowDb & { overflow: boolean | null; rollup_rows: number }>(
    knex,
    sql,
    bindings,
  );
  if (rows.some((r) => r.overflow)) return null;
  return {
    rows: rows.map(({ overflow: _o, rollup_rows: _r, ...r }) => r),
    rollupRows: rows[0]?.rollup_rows ?? 0,
  };
}

/** Folds the deltas of `stats_rollup`; null when another session is compacting. */
export async function compactStatsRollup(knex: Knex): Promise<number | null> {
  const { rows } = (await knex.raw('select stats_rollup_compact() as kept')) as {
    rows: { kept: number | null }[];
  };
  return rows[0]!.kept;
}
