import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { ConnectionArgs } from '../../shared/relay.js';
import { canSeeReviewRow } from '../../policy/access.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { PolicyObject, ProjectObject } from '../project/project.types.js';
import { listReviews, type ReviewRow } from './review.repo.js';
import { ReviewConnection, toReviewQuery } from './review.query.js';
import { ReviewFilter, ReviewObject } from './review.types.js';

@Resolver(() => ReviewObject)
export class ReviewResolver {
  @Query(() => ReviewConnection, { description: 'Reviews the viewer may see, newest first (评价/审计查询).' })
  reviews(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ReviewFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: ReviewFilter,
  ) {
    return listReviews(ctx.knex, ctx.viewer, toReviewQuery(filterBy), page);
  }

  @Query(() => ReviewObject, { nullable: true, description: 'One review by id, or null (单个评价/审计).' })
  async review(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id of the review (标识).' }) id: string,
  ): Promise<ReviewRow | null> {
    const g = fromGlobalId(id);
    if (!g || g.type !== 'Review') return null;
    const r = await ctx.loaders.review.load(g.id);
    return r && canSeeReviewRow(ctx.viewer, r) ? r : null;
  }

  @FieldResolver(() => OrganizationObject)
  agency(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.agencyId);
  }

  @FieldResolver(() => OrganizationObject)
  unit(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.unitId);
  }

  @FieldResolver(() => OrganizationObject, { nullable: true })
  evaluator(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    return r.evaluatorId == null ? null : ctx.loaders.organization.load(r.evaluatorId);
  }

  @FieldResolver(() => ProjectObject, { nullable: true })
  project(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    return r.projectId == null ? null : ctx.loaders.project.load(r.projectId);
  }

  @FieldResolver(() => PolicyObject, { nullable: true })
  policy(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    return r.policyId == null ? null : ctx.loaders.policy.load(r.policyId);
  }
}
