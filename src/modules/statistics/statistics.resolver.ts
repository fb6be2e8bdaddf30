/** Thin resolvers of the statistics API (统计) and the yearly report (整改情况报告). */
import { yearArg } from '../../shared/errors.js';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { FindingFilter } from '../finding/finding.types.js';
import { toFindingQuery } from '../finding/finding.query.js';
import { StatsDimension } from './statistics.repo.js';
import { cachedStats, computeReport } from './statistics.js';
import { RectificationReport, ReportScope, Stats } from './statistics.types.js';

@Resolver()
export class StatisticsResolver {
  @Query(() => Stats, {
    description:
      'Statistics over the findings, tasks, reviews and recognitions the viewer may see and read (统计): counts ' +
      'and sums, rectification and on-time rates, overdue tasks, money recovered, rules issued, people held ' +
      'accountable, grouped by one dimension. A same-problem group counts once unless `perAgency`.',
  })
  stats(
    @Ctx() ctx: HubContext,
    @Arg('filterBy', () => FindingFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: FindingFilter,
    @Arg('groupBy', () => StatsDimension, { nullable: true, description: 'Grouping (统计维度).' })
    groupBy?: StatsDimension,
    @Arg('perAgency', () => Boolean, {
      nullable: true,
      description: 'Count every agency’s finding of a same-problem group (按各部门分别计数).',
    })
    perAgency?: boolean,
  ): Promise<Stats> {
    return cachedStats(
      ctx.knex,
      ctx.viewer,
      toFindingQuery(filterBy),
      groupBy ?? null,
      ctx.settings.disciplineMinCount,
      perAgency ?? false,
      ctx.settings.statsCacheEntries,
    );
  }

  @Query(() => RectificationReport, {
    description:
      'The yearly report on the rectification of problems found (整改情况报告) for a fiscal year and a scope, ' +
      'with the figures the viewer may see; `docxPath` downloads it as a Word document.',
  })
  rectificationReport(
    @Ctx() ctx: HubContext,
    @Arg('year', () => Int, { description: 'Fiscal year (年度).' }) year: number,
    @Arg('scope', () => ReportScope, { nullable: true, description: 'Scope; the district if omitted.' })
    scope?: ReportScope,
  ): Promise<RectificationReport> {
    return computeReport(ctx.knex, ctx.viewer, yearArg(year), scope, ctx.settings.disciplineMinCount);
  }
}
