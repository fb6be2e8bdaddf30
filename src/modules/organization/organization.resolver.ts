import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Knex } from 'knex';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { ConnectionArgs, connectionTypes, paginate } from '../../shared/relay.js';
import { listFindings, likePattern } from '../finding/finding.repo.js';
import { FindingConnection, toFindingQuery, toOrder } from '../finding/finding.resolver.js';
import { FindingFilter, FindingOrder } from '../finding/finding.types.js';
import { listReviews } from '../review/review.repo.js';
import { ReviewConnection, toReviewQuery } from '../review/review.resolver.js';
import { ReviewFilter } from '../review/review.types.js';
import { mapOrganization, ORG_COLUMNS, type OrganizationRow } from './organization.repo.js';
import { OrganizationFilter, OrganizationObject } from './organization.types.js';

export const OrganizationConnection = connectionTypes(OrganizationObject, 'Organization', '机构');

@Resolver(() => OrganizationObject)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organisations in the hub, by id (机构列表).' })
  organizations(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => OrganizationFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: OrganizationFilter,
  ) {
    const b = ctx.knex('organization as o');
    if (filterBy?.kinds?.length) b.whereIn('o.kind', filterBy.kinds);
    if (filterBy?.nameContains) b.where('o.name', 'ilike', likePattern(filterBy.nameContains.slice(0, 100)));
    return paginate(
      ctx.knex,
      b.clone().select(ORG_COLUMNS),
      page,
      { expr: 'o.id', desc: false, cast: 'int' },
      mapOrganization,
      async () => Number((await (b.clone() as Knex.QueryBuilder).count({ n: '*' }).first())!.n),
      'o.id',
    );
  }

  @Query(() => OrganizationObject, {
    nullable: true,
    description: 'One organisation with its 360° view, or null (单个机构).',
  })
  organization(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id of the organisation (机构标识).' }) id: string,
  ): Promise<OrganizationRow | null> | null {
    const g = fromGlobalId(id);
    return g?.type === 'Organization' ? ctx.loaders.organization.load(g.id) : null;
  }

  @FieldResolver(() => OrganizationObject, { nullable: true })
  parent(@Root() o: OrganizationRow, @Ctx() ctx: HubContext) {
    return o.parentId == null ? null : ctx.loaders.organization.load(o.parentId);
  }

  @FieldResolver(() => FindingConnection, {
    description:
      'Findings about this organisation as responsible unit, that the viewer may see (涉及本单位的问题).',
  })
  findingsAbout(
    @Root() o: OrganizationRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingFilter, { nullable: true, description: 'Further conditions (筛选条件).' })
    filterBy?: FindingFilter,
    @Arg('orderBy', () => FindingOrder, { nullable: true, description: 'Ordering (排序).' })
    orderBy?: FindingOrder,
  ) {
    return listFindings(
      ctx.knex,
      ctx.viewer,
      { ...toFindingQuery(filterBy), unitIds: [o.dbId] },
      toOrder(orderBy),
      page,
    );
  }

  @FieldResolver(() => ReviewConnection, {
    description:
      'Reviews of this organisation or its projects, that the viewer may see (对本单位的评价/审计).',
  })
  reviewsAbout(
    @Root() o: OrganizationRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ReviewFilter, { nullable: true, description: 'Further conditions (筛选条件).' })
    filterBy?: ReviewFilter,
  ) {
    return listReviews(ctx.knex, ctx.viewer, { ...toReviewQuery(filterBy), unitIds: [o.dbId] }, page);
  }
}
