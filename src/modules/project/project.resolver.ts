import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes, paginate } from '../../shared/relay.js';
import { listFindings, likePattern } from '../finding/finding.repo.js';
import { FindingConnection, toFindingQuery, toOrder } from '../finding/finding.resolver.js';
import { FindingFilter, FindingOrder } from '../finding/finding.types.js';
import { listReviews } from '../review/review.repo.js';
import { ReviewConnection, toReviewQuery } from '../review/review.resolver.js';
import { ReviewFilter } from '../review/review.types.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { mapProject, PROJECT_COLUMNS, type PolicyRow, type ProjectRow } from './project.repo.js';
import { PolicyObject, ProjectFilter, ProjectObject } from './project.types.js';

export const ProjectConnection = connectionTypes(ProjectObject, 'Project', '项目');

@Resolver(() => ProjectObject)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'Projects, by id (项目列表).' })
  projects(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ProjectFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: ProjectFilter,
  ) {
    const b = ctx.knex('project as p');
    if (filterBy?.fundTypes?.length) b.whereIn('p.fund_type', filterBy.fundTypes);
    const owner = dbId(filterBy?.ownerUnit, 'Organization', 'ownerUnit');
    if (owner != null) b.where('p.owner_unit_id', owner);
    if (filterBy?.nameContains) b.where('p.name', 'ilike', likePattern(filterBy.nameContains.slice(0, 100)));
    return paginate(
      ctx.knex,
      b.clone().select(PROJECT_COLUMNS),
      page,
      { expr: 'p.id', desc: false, cast: 'int' },
      mapProject,
      async () => Number((await b.clone().count({ n: '*' }).first())!.n),
      'p.id',
    );
  }

  @Query(() => ProjectObject, {
    nullable: true,
    description: 'One project with its 360° view, or null (单个项目).',
  })
  project(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id of the project (项目标识).' }) id: string,
  ): Promise<ProjectRow | null> | null {
    const g = fromGlobalId(id);
    return g?.type === 'Project' ? ctx.loaders.project.load(g.id) : null;
  }

  @FieldResolver(() => OrganizationObject)
  ownerUnit(@Root() p: ProjectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(p.ownerUnitId);
  }

  @FieldResolver(() => FindingConnection, {
    description: 'Findings about this project, all sources, that the viewer may see (项目涉及的问题).',
  })
  findings(
    @Root() p: ProjectRow,
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
      { ...toFindingQuery(filterBy), projectIds: [p.dbId] },
      toOrder(orderBy),
      page,
    );
  }

  @FieldResolver(() => ReviewConnection, {
    description: 'Reviews of this project that the viewer may see (对本项目的评价/审计/稽察).',
  })
  reviews(
    @Root() p: ProjectRow,
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ReviewFilter, { nullable: true, description: 'Further conditions (筛选条件).' })
    filterBy?: ReviewFilter,
  ) {
    return listReviews(ctx.knex, ctx.viewer, { ...toReviewQuery(filterBy), projectIds: [p.dbId] }, page);
  }
}

@Resolver(() => PolicyObject)
export class PolicyResolver {
  @FieldResolver(() => OrganizationObject, { nullable: true })
  ownerUnit(@Root() p: PolicyRow, @Ctx() ctx: HubContext) {
    return p.ownerUnitId == null ? null : ctx.loaders.organization.load(p.ownerUnitId);
  }
}
