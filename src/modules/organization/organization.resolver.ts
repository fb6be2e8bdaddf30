import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { listOrganizations, type OrganizationRow } from './organization.repo.js';
import { OrganizationFilter, OrganizationObject } from './organization.types.js';

export const OrganizationConnection = connectionTypes(OrganizationObject, 'Organization', '机构');

/** Organisations; their findings and reviews (the 360° view) come from the finding and review modules. */
@Resolver(() => OrganizationObject)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organisations in the hub, by id (机构列表).' })
  organizations(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => OrganizationFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: OrganizationFilter,
  ) {
    return listOrganizations(ctx.knex, filterBy, page);
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
}
