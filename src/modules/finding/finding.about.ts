/**
 * "Findings about X" on other types — an organisation as responsible unit, a project, a review —
 * owned here, so those modules need not know findings: one list function, three fields.
 */
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { connectionNeeds } from '../../shared/lookahead.js';
import type { HubContext } from '../../context.js';
import { ConnectionArgs } from '../../shared/relay.js';
import { OrganizationObject } from '../organization/organization.types.js';
import type { OrganizationRow } from '../organization/organization.repo.js';
import { ProjectObject } from '../project/project.types.js';
import type { ProjectRow } from '../project/project.repo.js';
import { ReviewObject } from '../review/review.types.js';
import type { ReviewRow } from '../review/review.repo.js';
import { listFindings, type FindingQuery } from './finding.repo.js';
import { FindingConnection, toFindingQuery, toOrder } from './finding.query.js';
import { FindingFilter, FindingOrder } from './finding.types.js';

type About = Pick<FindingQuery, 'unitIds' | 'projectIds' | 'reviewIds'>;

/** The viewer's findings within `about`, with the caller's further conditions. */
export function findingsAbout(
  ctx: HubContext,
  about: About,
  page: ConnectionArgs,
  filterBy?: FindingFilter,
  orderBy?: FindingOrder,
  info?: GraphQLResolveInfo,
) {
  return listFindings(
    ctx.knex,
    ctx.viewer,
    { ...toFindingQuery(filterBy), ...about },
    toOrder(orderBy),
    page,
    connectionNeeds(info),
  );
}

const FILTER = { nullable: true, description: 'Further conditions (筛选条件).' } as const;
const ORDER = { nullable: true, description: 'Ordering (排序).' } as const;

@Resolver(() => OrganizationObject)
export class OrganizationFindingsResolver {
  @FieldResolver(() => FindingConnection, {
    description:
      'Findings about this organisation as responsible unit, that the viewer may see (涉及本单位的问题).',
  })
  findingsAbout(
    @Root() o: OrganizationRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingFilter, FILTER) filterBy?: FindingFilter,
    @Arg('orderBy', () => FindingOrder, ORDER) orderBy?: FindingOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return findingsAbout(ctx, { unitIds: [o.dbId] }, page, filterBy, orderBy, info);
  }
}

@Resolver(() => ProjectObject)
export class ProjectFindingsResolver {
  @FieldResolver(() => FindingConnection, {
    description: 'Findings about this project, all sources, that the viewer may see (项目涉及的问题).',
  })
  findings(
    @Root() p: ProjectRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingFilter, FILTER) filterBy?: FindingFilter,
    @Arg('orderBy', () => FindingOrder, ORDER) orderBy?: FindingOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return findingsAbout(ctx, { projectIds: [p.dbId] }, page, filterBy, orderBy, info);
  }
}

@Resolver(() => ReviewObject)
export class ReviewFindingsResolver {
  @FieldResolver(() => FindingConnection, {
    description: 'Findings of this review that the viewer may see (本次评价/审计发现的问题).',
  })
  findings(
    @Root() r: ReviewRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingFilter, FILTER) filterBy?: FindingFilter,
    @Arg('orderBy', () => FindingOrder, ORDER) orderBy?: FindingOrder,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return findingsAbout(ctx, { reviewIds: [r.dbId] }, page, filterBy, orderBy, info);
  }
}
