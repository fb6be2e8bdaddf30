/**
 * Aggregates over findings (counts, sums, facets) for dashboards. Computed only over rows the viewer may
 * see, summing only amounts the viewer may read. For viewers other than the discipline commission,
 * discipline findings in a category with fewer than `minCount` rows in scope are left out of every
 * figure (not just their own bucket), so no subtraction between figures can reveal them.
 *
 * A same-problem group (同一问题) counts once — as its representative among the members the viewer
 * sees — unless the raw figures are asked for (`raw`: every agency's finding counted).
 *
 * Answered from the finding rollup (a few hundred rows kept current by triggers) when it holds every
 * column the question reads, otherwise from the findings themselves; both give the same figures
 * (finding-stats.repo.ts; test/finding-stats.test.ts compares them).
 */
import { Field, Int, ObjectType } from 'type-graphql';
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { FindingSource } from '../../shared/enums.js';
import { MoneyScalar } from '../../shared/scalars.js';
import type { FindingQuery } from './finding.repo.js';
import {
  compactFindingRollup,
  rollupServes,
  statsRowsDirect,
  statsRowsFromRollup,
  type StatsOptions,
  type StatsRow,
} from './finding-stats.repo.js';

@ObjectType('SourceCount', { description: 'Findings of one source (按来源统计).', simpleResolvers: true })
export class SourceCount {
  @Field(() => FindingSource, { description: 'Source (来源).' })
  source!: FindingSource;

  @Field(() => Int, { description: 'Number of findings (问题数).' })
  count!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the amounts the viewer may read, yuan (涉及金额合计).' })
  amount!: string;
}

@ObjectType('YearCount', { description: 'Findings of one fiscal year (按年度统计).', simpleResolvers: true })
export class YearCount {
  @Field(() => Int, { description: 'Fiscal year (年度).' })
  fiscalYear!: number;

  @Field(() => Int, { description: 'Number of findings (问题数).' })
  count!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the amounts the viewer may read, yuan (涉及金额合计).' })
  amount!: string;
}

@ObjectType('CategoryCount', {
  description: 'Findings of one source and category (按类别统计).',
  simpleResolvers: true,
})
export class CategoryCount {
  @Field(() => FindingSource, { description: 'Source (来源).' })
  source!: FindingSource;

  @Field(() => String, { description: 'Category (问题类别).' })
  category!: string;

  @Field(() => Int, { description: 'Number of findings (问题数).' })
  count!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the amounts the viewer may read, yuan (涉及金额合计).' })
  amount!: string;
}

@ObjectType('FindingStats', {
  description:
    'Counts and sums over the findings the viewer may see (问题统计). Small discipline figures are suppressed.',
  simpleResolvers: true,
})
export class FindingStats {
  @Field(() => Int, { description: 'Number of findings counted (问题总数).' })
  total!: number;

  @Field(() => MoneyScalar, { description: 'Sum of the amounts the viewer may read, yuan (涉及金额合计).' })
  amount!: string;

  @Field(() => [SourceCount], { description: 'By source (按来源).' })
  bySource!: SourceCount[];

  @Field(() => [YearCount], { description: 'By fiscal year (按年度).' })
  byFiscalYear!: YearCount[];

  @Field(() => [CategoryCount], { description: 'By source and category, largest first (按类别).' })
  byCategory!: CategoryCount[];

  @Field(() => Boolean, {
    description:
      'Whether discipline findings in small categories were left out of every figure to protect them (纪检小数抑制).',
  })
  disciplineSuppressed!: boolean;

  @Field(() => FindingStats, {
    description:
      'The same figures counting every agency’s finding, a same-problem group once per member, for per-agency ' +
      'workload (原始口径，按各部门分别计数). The figures above count each group once (同一问题只计一次).',
  })
  raw!: FindingStats;
}

/** The rollup is compacted when it holds more rows than this, or than twice its last compacted size. */
const COMPACT_AT = 2000;
let lastCompacted = 0;
let compacting: Promise<unknown> | null = null;

/** Folds the rollup's deltas in the background, one compaction per process at a time. */
function compactSoon(knex: Knex, rows: number): void {
  if (compacting || rows <= Math.max(COMPACT_AT, 2 * lastCompacted) || knex.isTransaction) return;
  compacting = compactFindingRollup(knex)
    .then((kept) => {
      if (kept != null) lastCompacted = kept;
    })
    // a failed compaction loses nothing: the deltas stay and the next request tries again
    .catch(() => {})
    .finally(() => {
      compacting = null;
    });
}

export async function findingStats(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  opts: StatsOptions = {},
): Promise<FindingStats> {
  const again = opts.raw ? null : () => findingStats(knex, v, q, minCount, { raw: true });
  if (!rollupServes(v, q)) return toStats(await statsRowsDirect(knex, v, q, minCount, opts), again);
  const { rows, rollupRows } = await statsRowsFromRollup(knex, v, q, minCount, opts);
  compactSoon(knex, rollupRows);
  return toStats(rows, again);
}

/** The same figures from the findings themselves (the reference; any viewer, any filter). */
export async function findingStatsDirect(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  opts: StatsOptions = {},
): Promise<FindingStats> {
  const again = opts.raw ? null : () => findingStatsDirect(knex, v, q, minCount, { raw: true });
  return toStats(await statsRowsDirect(knex, v, q, minCount, opts), again);
}

/** The same figures from the rollup; throws if the rollup cannot answer this question. */
export async function findingStatsFromRollup(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
  opts: StatsOptions = {},
): Promise<FindingStats> {
  if (!rollupServes(v, q)) throw new Error('the finding rollup cannot answer this question');
  const again = opts.raw ? null : () => findingStatsFromRollup(knex, v, q, minCount, { raw: true });
  return toStats((await statsRowsFromRollup(knex, v, q, minCount, opts)).rows, again);
}

/**
 * The figures from the statement's rows. `raw` (the field) answers lazily, only when asked: `again`
 * computes the raw figures (without it, the figures are raw already and answer themselves). It is not
 * enumerable, so the figures compare as plain data.
 */
function toStats(rows: StatsRow[], again: (() => Promise<FindingStats>) | null = null): FindingStats {
  const out = {
    total: 0,
    amount: '0.00',
    bySource: [],
    byFiscalYear: [],
    byCategory: [],
    disciplineSuppressed: false,
  } as Omit<FindingStats, 'raw'> as FindingStats;
  Object.defineProperty(out, 'raw', { value: again ?? (() => out), enumerable: false });
  for (const r of rows) {
    const { g, n, s } = r;
    if (r.suppressed) out.disciplineSuppressed = r.suppressed > 0;
    if (g === 7) {
      out.total = n;
      out.amount = s;
    } else if (g === 3) out.bySource.push({ source: r.source as FindingSource, count: n, amount: s });
    else if (g === 1)
      out.byCategory.push({
        source: r.source as FindingSource,
        category: r.category as string,
        count: n,
        amount: s,
      });
    else if (g === 6) out.byFiscalYear.push({ fiscalYear: r.fiscal_year as number, count: n, amount: s });
  }
  out.bySource.sort((a, b) => a.source.localeCompare(b.source));
  out.byFiscalYear.sort((a, b) => a.fiscalYear - b.fiscalYear);
  out.byCategory.sort(
    (a, b) => b.count - a.count || a.category.localeCompare(b.category) || a.source.localeCompare(b.source),
  );
  return out;
}
