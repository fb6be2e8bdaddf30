/**
 * SQL of the finding statistics, two ways that give the same figures:
 *
 * - direct: over the `finding` rows in scope (findingBase), the reference; any filter, any viewer;
 * - rollup: over `finding_rollup` (migration stats_rollup), counts and exact amount sums per key
 *   (agency, source, category, fiscal year, sensitivity, publication state, amount disclosed), kept
 *   current by triggers on `finding`. The viewer's row scope, content and amount predicates are the
 *   policy's own SQL (findingRowScope, contentSql, amountSql) applied to the rollup's columns: every
 *   column they read is part of the key, so each key is wholly in or out and its sums are exact.
 *
 * The rollup serves a question only when everything it needs is in the key (rollupServes); anything
 * else (unit scope, evaluator scope, record grants, unit/project/review/severity/status/amount/text
 * filters, or any filter added later) is answered directly.
 *
 * Both return the same rows: one per grouping set, `g` = grouping(source, category, fiscal_year).
 *
 * Same-problem groups (同一问题, tables finding_group / finding_group_member) count once unless the
 * question asks for raw per-agency figures: among the group's members that the viewer sees and that
 * match the filter, the primary (else the earliest) represents the group and the others are taken
 * off again — one correction row (n = -1, amount = -its readable amount) per such member, computed by
 * the same statement for both ways from the few grouped findings (groupCorrections). Only what the
 * viewer sees decides, so no figure depends on a member it may not see; a discipline finding's
 * membership counts only for the discipline commission (src/policy/recognition.ts).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { AccessScope, PublicationState, Role } from '../../shared/enums.js';
import { amountSql, contentSql, findingRowScope, type Sql } from '../../policy/access.js';
import { seesDisciplineMembership } from '../../policy/recognition.js';
import { findingBase, type FindingQuery } from './finding.repo.js';

export interface StatsRow {
  source: string | null;
  category: string | null;
  fiscal_year: number | null;
  /** grouping() bits: source=4, category=2, fiscal_year=1 (1 = rolled up). */
  g: number;
  n: number;
  /** numeric(20,2) as text */
  s: string;
  /** Number of discipline categories left out (small-count suppression). */
  suppressed: number;
}

/**
 * The end of both statements: from `scoped` (source, category, fiscal_year, n, amt), the small
 * discipline categories to leave out, and the figures of the rest by grouping sets. `extra`: more
 * output columns.
 */
const grouped = (extra = '') => `
    small as (
      select category from scoped where source = 'DISCIPLINE' and ?::boolean
      group by category having sum(n) < ?
    ),
    kept as (
      select * from scoped where not (source = 'DISCIPLINE' and category in (select category from small))
    )
    select source, category, fiscal_year,
           grouping(source, category, fiscal_year) as g,
           coalesce(sum(n), 0)::int as n, coalesce(sum(amt), 0)::numeric(20,2)::text as s,
           (select count(*) from small)::int as suppressed${extra}
    from kept
    group by grouping sets ((source), (source, category), (fiscal_year), ())
    order by g, source, category, fiscal_year`;

/** Options of a statistics question. */
export interface StatsOptions {
  /** Count every agency's finding, a same-problem group once per member (原始口径). */
  raw?: boolean;
}

/**
 * Correction rows (source, category, fiscal_year, n, amt) that make each same-problem group count
 * once: -1 and minus its readable amount for every member but the group's representative, over the
 * members in the viewer's scope and filter (findingBase, so both ways share it). Driven by the
 * group membership table, which holds only the linked findings.
 */
function groupCorrections(knex: Knex, v: Viewer, q: FindingQuery): { sql: string; bindings: unknown[] } {
  const amt = amountSql(v, 'f');
  const members = findingBase(knex, v, q)
    .join('finding_group_member as gm', 'gm.finding_id', 'f.id')
    .select(
      'f.source',
      'f.category',
      'f.fiscal_year',
      knex.raw(
        `case when ${amt.sql} then coalesce(f.amount_involved, 0) else 0 end as amt`,
        amt.bindings as Knex.RawBinding[],
      ),
      knex.raw('row_number() over (partition by gm.group_id order by gm.is_primary desc, f.id) as rn'),
    );
  if (!seesDisciplineMembership(v)) members.whereNot('f.source', 'DISCIPLINE');
  const m = members.toSQL();
  return {
    sql: `select source, category, fiscal_year, -1 as n, -amt as amt from (${m.sql}) gm_ranked where rn > 1`,
    bindings: [...m.bindings],
  };
}

/** Reference answer: scans the findings in scope. */
export async function statsRowsDirect(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  opts: StatsOptions = {},
): Promise<StatsRow[]> {
  const amt = amountSql(v, 'f');
  const base = findingBase(knex, v, q).select(
    'f.source',
    'f.category',
    'f.fiscal_year',
    knex.raw('1 as n'),
    knex.raw(
      `case when ${amt.sql} then coalesce(f.amount_involved, 0) else 0 end as amt`,
      amt.bindings as Knex.RawBinding[],
    ),
  );
  const b = base.toSQL();
  let sql: string;
  let bindings: unknown[];
  if (opts.raw) {
    sql = `with scoped as (${b.sql}), ${grouped()}`;
    bindings = [...b.bindings, v.role !== Role.DISCIPLINE, minCount];
  } else {
    const c = groupCorrections(knex, v, q);
    sql = `with scoped as (
      select source, category, fiscal_year, sum(n) as n, sum(amt) as amt
      from (${b.sql} union all ${c.sql}) u
      group by source, category, fiscal_year having sum(n) <> 0
    ), ${grouped()}`;
    bindings = [...b.bindings, ...c.bindings, v.role !== Role.DISCIPLINE, minCount];
  }
  const { rows } = (await knex.raw(sql, bindings as Knex.RawBinding[])) as { rows: StatsRow[] };
  return rows;
}

/** The FindingQuery fields the rollup can apply; a value in any other field means "answer directly". */
const ROLLUP_FILTERS: ReadonlySet<string> = new Set([
  'sources',
  'fiscalYears',
  'fiscalYearFrom',
  'fiscalYearTo',
  'categories',
  'includeWithdrawn',
  'readable',
]);

/**
 * Whether the rollup holds every column this question reads. Row scope of UNIT (unit_id) and
 * EVALUATOR (the review's evaluator) and grants of single records (finding ids) are not in its key,
 * nor are the other filters' columns.
 */
export function rollupServes(v: Viewer, q: FindingQuery, now = Date.now()): boolean {
  if (v.role === Role.UNIT || v.role === Role.EVALUATOR) return false;
  for (const [k, val] of Object.entries(q)) if (val != null && !ROLLUP_FILTERS.has(k)) return false;
  // grantSql reads `id` for RECORDS grants; one that has expired by now stays expired when it runs.
  return !v.sharing.grants.some(
    (g) => g.scope !== AccessScope.CATEGORY && g.findingIds.size > 0 && g.expiresAt.getTime() > now,
  );
}

const and = (w: string[], b: unknown[], s: Sql) => {
  w.push(s.sql);
  b.push(...s.bindings);
};
const inList = (w: string[], b: unknown[], col: string, vals: readonly unknown[]) => {
  w.push(vals.length ? `${col} in (${vals.map(() => '?').join(', ')})` : 'false');
  b.push(...vals);
};

/**
 * WHERE over rollup alias `r`: the subset of findingBase that rollupServes admits, in the same
 * order and with the same predicates.
 */
export function rollupWhere(v: Viewer, q: FindingQuery): Sql {
  const w: string[] = ['true'];
  const b: unknown[] = [];
  const scope = findingRowScope(v, 'r');
  if (scope) and(w, b, scope);
  if (!q.includeWithdrawn)
    and(w, b, { sql: 'r.publication_state <> ?', bindings: [PublicationState.WITHDRAWN] });
  if (q.sources?.length) inList(w, b, 'r.source', q.sources);
  if (q.fiscalYears?.length) inList(w, b, 'r.fiscal_year', q.fiscalYears);
  if (q.fiscalYearFrom != null) and(w, b, { sql: 'r.fiscal_year >= ?', bindings: [q.fiscalYearFrom] });
  if (q.fiscalYearTo != null) and(w, b, { sql: 'r.fiscal_year <= ?', bindings: [q.fiscalYearTo] });
  if (q.categories?.length) inList(w, b, 'r.category', q.categories);
  if (q.readable === true) and(w, b, contentSql(v, 'r'));
  else if (q.readable === false) {
    const c = contentSql(v, 'r');
    and(w, b, { sql: `coalesce(${c.sql}, false) = false`, bindings: c.bindings });
  }
  return { sql: w.map((x) => `(${x})`).join(' and '), bindings: b };
}

/**
 * Answer from the rollup (the caller checked rollupServes). Also returns how many rows the rollup
 * holds, so the caller can have it compacted.
 */
export async function statsRowsFromRollup(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  opts: StatsOptions = {},
): Promise<{ rows: StatsRow[]; rollupRows: number }> {
  const where = rollupWhere(v, q);
  const amt = amountSql(v, 'r');
  const corr = opts.raw ? null : groupCorrections(knex, v, q);
  const sql = `
    with picked as (
      select r.source, r.category, r.fiscal_year, r.n,
             case when ${amt.sql} then r.amount else 0 end as amt
      from finding_rollup r
      where ${where.sql}
      ${corr ? `union all ${corr.sql}` : ''}
    ),
    scoped as (
      select source, category, fiscal_year, sum(n) as n, sum(amt) as amt
      from picked group by source, category, fiscal_year having sum(n) <> 0
    ), ${grouped(', (select count(*) from finding_rollup)::int as rollup_rows')}`;
  const bindings = [
    ...amt.bindings,
    ...where.bindings,
    ...(corr?.bindings ?? []),
    v.role !== Role.DISCIPLINE,
    minCount,
  ];
  const { rows } = (await knex.raw(sql, bindings as Knex.RawBinding[])) as {
    rows: (StatsRow & { rollup_rows: number })[];
  };
  return { rows, rollupRows: rows[0]?.rollup_rows ?? 0 };
}

/**
 * Folds the rollup's delta rows into one row per key; returns the rows kept, or null when another
 * session is compacting. Safe beside writers and readers (see the migration).
 */
export async function compactFindingRollup(knex: Knex): Promise<number | null> {
  const { rows } = (await knex.raw('select finding_rollup_compact() as kept')) as {
    rows: { kept: number | null }[];
  };
  return rows[0]!.kept;
}
