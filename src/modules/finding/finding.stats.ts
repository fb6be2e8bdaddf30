/**
 * Aggregates over findings (counts, sums, facets) for dashboards. Computed only over rows the viewer may
 * see, summing only amounts the viewer may read. For viewers other than the discipline commission,
 * discipline findings in a category with fewer than `minCount` rows in scope are left out of every
 * figure (not just their own bucket), so no subtraction between figures can reveal them.
 */
import { Field, Int, ObjectType } from 'type-graphql';
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { FindingSource, Role } from '../../shared/enums.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { amountSql } from '../../policy/access.js';
import { findingBase, type FindingQuery } from './finding.repo.js';

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
}

export async function findingStats(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  minCount: number,
): Promise<FindingStats> {
  const amt = amountSql(v, 'f');
  const base = findingBase(knex, v, q).select(
    'f.source',
    'f.category',
    'f.fiscal_year',
    knex.raw(
      `case when ${amt.sql} then coalesce(f.amount_involved, 0) else 0 end as amt`,
      amt.bindings as Knex.RawBinding[],
    ),
  );
  const suppress = v.role !== Role.DISCIPLINE;
  const sql = `
    with base as (${base.toQuery()}),
    small as (
      select category from base where source = 'DISCIPLINE' and ?::boolean
      group by category having count(*) < ?
    ),
    kept as (select * from base where not (source = 'DISCIPLINE' and category in (select category from small)))
    select source, category, fiscal_year,
           grouping(source, category, fiscal_year) as g,
           count(*)::int as n, coalesce(sum(amt), 0)::numeric(20,2)::text as s,
           (select count(*) from small)::int as suppressed
    from kept
    group by grouping sets ((source), (source, category), (fiscal_year), ())`;
  const { rows } = (await knex.raw(sql, [suppress, minCount])) as { rows: Record<string, unknown>[] };
  // grouping() bits: source=4, category=2, fiscal_year=1 (1 = rolled up)
  const out: FindingStats = {
    total: 0,
    amount: '0.00',
    bySource: [],
    byFiscalYear: [],
    byCategory: [],
    disciplineSuppressed: false,
  };
  for (const r of rows) {
    const g = r.g as number;
    const n = r.n as number;
    const s = r.s as string;
    if (r.suppressed) out.disciplineSuppressed = (r.suppressed as number) > 0;
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
  out.byCategory.sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  return out;
}
