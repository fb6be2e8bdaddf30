/**
 * "Reviews about X" on other types — an organisation (itself or its projects) and a project — owned
 * here, so those modules need not know reviews.
 */
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { ConnectionArgs } from '../../shared/relay.js';
import { OrganizationObject } from '../organization/organization.types.js';
import type { OrganizationRow } from '../organization/organization.repo.js';
import { ProjectObject } from '../project/project.types.js';
import type { ProjectRow } from '../project/project.repo.js';
import { listReviews, type ReviewQuery } from './review.repo.js';
import { ReviewConnection, toReviewQuery } from './review.query.js';
import { ReviewFilter } from './review.types.js';

/** The viewer's reviews within `about`, with the caller's further conditions. */
export function reviewsAbout(
  ctx: HubContext,
  about: Pick<ReviewQuery, 'unitIds' | 'projectIds'>,
  page: ConnectionArgs,
  filterBy?: ReviewFilter,
) {
  return listReviews(ctx.knex, ctx.viewer, { ...toReviewQuery(filterBy), ...about }, page);
}

const FILTER = { nullable: true, description: 'Further conditions (筛选条件).' } as const;

@Resolver(() => OrganizationObject)
export class OrganizationReviewsResolver {
  @FieldResolver(() => ReviewConnection, {
    description:
      'Reviews of this organisation or its projects, that the viewer may see (对本单位的评价/审计).',
  })
  reviewsAbout(
    @Root() o: OrganizationRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ReviewFilter, FILTER) filterBy?: ReviewFilter,
  ) {
    return reviewsAbout(ctx, { unitIds: [o.dbId] }, page, filterBy);
  }
}

@Resolver(() => ProjectObject)
export class ProjectReviewsResolver {
  @FieldResolver(() => ReviewConnection, {
    description: 'Reviews of this project that the viewer may see (对本项目的评价/审计/稽察).',
  })
  reviews(
    @Root() p: ProjectRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ReviewFilter, FILTER) filterBy?: ReviewFilter,
  ) {
    return reviewsAbout(ctx, { projectIds: [p.dbId] }, page, filterBy);
  }
}
