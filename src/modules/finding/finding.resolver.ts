import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { connectionNeeds } from '../../shared/lookahead.js';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { ConnectionArgs } from '../../shared/relay.js';
import { canReadContent, canSeeFindingRow, canSeeReviewRow } from '../../policy/access.js';
import { grantCovers } from '../../policy/sharing.js';
import { canRequestAccess } from '../../policy/access-requests.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { PolicyObject, ProjectObject } from '../project/project.types.js';
import { ReviewObject } from '../review/review.types.js';
import { listFindings, type FindingRow } from './finding.repo.js';
import { FindingFilter, FindingInterface, FindingOrder } from './finding.types.js';
import { FindingConnection, toFindingQuery, toOrder } from './finding.query.js';
import { FindingStats, findingStats } from './finding.stats.js';

@Resolver(() => FindingInterface)
export class FindingResolver {
  @Query(() => FindingConnection, {
    description: 'Findings of all four sources the viewer may see, filtered and paged (问题查询).',
  })
  findings(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: FindingFilter,
    @Arg('orderBy', () => FindingOrder, {
      nullable: true,
      description: 'Ordering; default newest first (排序，默认最新录入在前).',
    })
    orderBy?: FindingOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listFindings(
      ctx.knex,
      ctx.viewer,
      toFindingQuery(filterBy),
      toOrder(orderBy),
      page,
      connectionNeeds(info),
    );
  }

  @Query(() => FindingStats, {
    description:
      'Counts and sums over the findings the viewer may see, for dashboards (问题统计). Same filter as `findings`.',
  })
  findingStats(
    @Ctx() ctx: HubContext,
    @Arg('filterBy', () => FindingFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: FindingFilter,
  ) {
    return findingStats(ctx.knex, ctx.viewer, toFindingQuery(filterBy), ctx.settings.disciplineMinCount);
  }

  @Query(() => FindingInterface, {
    nullable: true,
    description: 'One finding by id; null if it does not exist or the viewer may not see it (单个问题).',
  })
  async finding(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id of the finding (问题标识).' }) id: string,
  ): Promise<FindingRow | null> {
    const g = fromGlobalId(id);
    if (!g || g.type !== 'Finding') return null;
    const row = await ctx.loaders.finding.load(g.id);
    return row && canSeeFindingRow(ctx.viewer, row) ? row : null;
  }

  @FieldResolver(() => OrganizationObject)
  agency(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    return f.related?.agency ?? ctx.loaders.organization.load(f.agencyId);
  }

  @FieldResolver(() => OrganizationObject)
  unit(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    return f.related?.unit ?? ctx.loaders.organization.load(f.unitId);
  }

  @FieldResolver(() => ProjectObject, { nullable: true })
  project(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    if (f.related && 'project' in f.related) return f.related.project;
    return f.projectId == null ? null : ctx.loaders.project.load(f.projectId);
  }

  @FieldResolver(() => PolicyObject, { nullable: true })
  policy(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    if (f.related && 'policy' in f.related) return f.related.policy;
    return f.policyId == null ? null : ctx.loaders.policy.load(f.policyId);
  }

  @FieldResolver(() => Boolean)
  viewerCanReadContent(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    return f.decided?.content ?? canReadContent(ctx.viewer, f);
  }

  @FieldResolver(() => Boolean)
  viewerCanRequestAccess(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    return canRequestAccess(ctx.viewer, f) && !grantCovers(ctx.viewer.sharing, f);
  }

  @FieldResolver(() => ReviewObject, { nullable: true })
  review(@Root() f: FindingRow, @Ctx() ctx: HubContext) {
    if (f.related && 'review' in f.related) {
      const r = f.related.review;
      return r && canSeeReviewRow(ctx.viewer, r) ? r : null;
    }
    if (f.reviewId == null) return null;
    return ctx.loaders.review.load(f.reviewId).then((r) => (r && canSeeReviewRow(ctx.viewer, r) ? r : null));
  }
}
