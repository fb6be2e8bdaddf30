import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { OrganizationObject } from '../organization/organization.types.js';
import type { OrganizationRow } from '../organization/organization.repo.js';
import { listProjects, type PolicyRow, type ProjectRow } from './project.repo.js';
import { PolicyObject, ProjectFilter, ProjectObject } from './project.types.js';

export const ProjectConnection = connectionTypes(ProjectObject, 'Project', '项目');

/** Projects and policies; their findings and reviews come from the finding and review modules. */
@Resolver(() => ProjectObject)
export class ProjectResolver {
  @Query(() => ProjectConnection, { description: 'Projects, by id (项目列表).' })
  projects(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => ProjectFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: ProjectFilter,
  ) {
    return listProjects(
      ctx.knex,
      {
        fundTypes: filterBy?.fundTypes,
        ownerUnitId: dbId(filterBy?.ownerUnit, 'Organization', 'ownerUnit'),
        nameContains: filterBy?.nameContains,
      },
      page,
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
  ownerUnit(@Root() p: ProjectRow & { ownerUnit?: OrganizationRow }, @Ctx() ctx: HubContext) {
    // a page that embedded the project read its owner in the same statement
    return p.ownerUnit ?? ctx.loaders.organization.load(p.ownerUnitId);
  }
}

@Resolver(() => PolicyObject)
export class PolicyResolver {
  @FieldResolver(() => OrganizationObject, { nullable: true })
  ownerUnit(@Root() p: PolicyRow, @Ctx() ctx: HubContext) {
    return p.ownerUnitId == null ? null : ctx.loaders.organization.load(p.ownerUnitId);
  }
}
