import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { Role, Sensitivity } from '../../shared/enums.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { Node } from '../../shared/relay.js';
import { canSeeFindingRow, canSeeReviewRow } from '../../policy/access.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { canSeeAccessRequest } from '../../policy/access-requests.js';
import { loadVisibleTask } from '../rectification/index.js';
import {
  loadVisibleConsultation,
  loadVisibleGroup,
  loadVisiblePlan,
  loadVisibleRecognition,
} from '../recognition/index.js';

/**
 * Fetches any object by global id. An id the viewer may not see resolves to null exactly like one
 * that does not exist, so ids cannot be probed.
 */
export async function loadNode(ctx: HubContext, id: string): Promise<object | null> {
  const g = fromGlobalId(id);
  if (!g) return null;
  const L = ctx.loaders;
  switch (g.type) {
    case 'Organization':
      return L.organization.load(g.id);
    case 'Project':
      return L.project.load(g.id);
    case 'Policy':
      return L.policy.load(g.id);
    case 'Review': {
      const r = await L.review.load(g.id);
      return r && canSeeReviewRow(ctx.viewer, r) ? r : null;
    }
    case 'Finding': {
      const f = await L.finding.load(g.id);
      return f && canSeeFindingRow(ctx.viewer, f) ? f : null;
    }
    case 'Rectification':
      return loadVisibleTask(ctx, g.id);
    case 'Evidence':
      return null;
    case 'AccessRequest': {
      const r = await L.accessRequest.load(g.id);
      return r && canSeeAccessRequest(ctx.viewer, r) ? r : null;
    }
    case 'Recognition':
      return loadVisibleRecognition(ctx, g.id);
    case 'Consultation':
      return loadVisibleConsultation(ctx, g.id);
    case 'FindingGroup':
      return loadVisibleGroup(ctx, g.id);
    case 'InspectionPlan':
      return loadVisiblePlan(ctx, g.id);
    case 'ClueReferral':
      // not a Node: read through clueReferral(id), whose type answers the referrer with status only
      return null;
  }
}

@ObjectType('Viewer', {
  description: 'Who is asking, as the hub understands the token (当前用户).',
  simpleResolvers: true,
})
export class ViewerObject {
  @Field(() => Role, { description: 'Role from the token; PUBLIC without one (角色).' })
  role!: Role;

  @Field(() => Sensitivity, { description: 'Highest sensitivity this role may read (可阅敏感级别).' })
  clearance!: Sensitivity;

  @Field(() => OrganizationObject, {
    nullable: true,
    description: 'Organisation the token acts for (所属机构).',
  })
  organization!: unknown;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by global id, or null (按标识获取对象).' })
  node(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: 'Global id (全局标识).' }) id: string) {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Objects by global ids, in the same order; null where absent or not visible (批量获取).',
  })
  nodes(
    @Ctx() ctx: HubContext,
    @Arg('ids', () => [ID], { description: 'Global ids, at most 100 (全局标识列表).' }) ids: string[],
  ) {
    if (ids.length > 100) throw badInput('"ids" accepts at most 100 ids', 'ids');
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }

  @Query(() => ViewerObject, { description: 'The caller (当前调用者).' })
  viewer(@Ctx() ctx: HubContext): ViewerObject {
    const v = ctx.viewer;
    return {
      role: v.role,
      clearance: v.clearance,
      organization: v.orgId == null ? null : ctx.loaders.organization.load(v.orgId),
    };
  }
}
