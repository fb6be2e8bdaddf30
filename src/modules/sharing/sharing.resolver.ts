import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeFindingRow } from '../../policy/access.js';
import { canDecide, canRevoke, effectiveStatus } from '../../policy/access-requests.js';
import { loadSharingState } from '../../policy/sharing.js';
import { AccessRequestStatus, type SharingLevel } from './sharing.entity.js';
import {
  accessRequestRowOf,
  accessRequestsPage,
  sharingRulesOf,
  type AccessRequestRow,
} from './sharing.repo.js';
import {
  createAccessRequest,
  decideAccessRequest,
  setSharingRule,
  type Decision,
} from './sharing.service.js';
import {
  AccessRequestCreateInput,
  AccessRequestDecisionInput,
  AccessRequestFilter,
  AccessRequestObject,
  AccessRequestPayload,
  SharingEventObject,
  SharingRuleObject,
  SharingRuleSetInput,
  SharingRuleSetPayload,
} from './sharing.types.js';

export const AccessRequestConnection = connectionTypes<AccessRequestRow>(
  AccessRequestObject,
  'AccessRequest',
  '共享申请',
);

function requestId(id: string): number {
  const g = fromGlobalId(id);
  if (g?.type !== 'AccessRequest') throw new UserInputProblem('NOT_FOUND', 'No such request.', 'id');
  return g.id;
}

@Resolver(() => AccessRequestObject)
export class AccessRequestResolver {
  @Query(() => [SharingRuleObject], {
    description: 'Sharing rules in force, optionally of one owner; every agency may read them (共享规则).',
  })
  async sharingRules(
    @Ctx() ctx: HubContext,
    @Arg('owner', () => ID, { nullable: true, description: 'Only this owner agency (数据提供部门).' })
    owner?: string,
  ) {
    return sharingRulesOf(ctx.knex, dbId(owner, 'Organization', 'owner'));
  }

  @Query(() => AccessRequestConnection, {
    description: 'Conditional access requests the viewer’s agency made or received, newest first (共享申请).',
  })
  accessRequests(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => AccessRequestFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: AccessRequestFilter,
  ) {
    return accessRequestsPage(ctx.knex, ctx.viewer, filterBy, page);
  }

  @Mutation(() => SharingRuleSetPayload, {
    description:
      'Classify a category of your records as shared unconditionally, conditionally or not at all (设置共享规则).',
  })
  async sharingRuleSet(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SharingRuleSetInput, { description: 'The rule (规则).' }) input: SharingRuleSetInput,
  ) {
    try {
      const rule = await setSharingRule(ctx.em, ctx.viewer, {
        ownerId: dbId(input.owner, 'Organization', 'owner'),
        category: input.category ?? null,
        level: input.level as SharingLevel,
        note: input.note ?? null,
      });
      return {
        rule: {
          ownerId: rule.owner.id,
          category: rule.category ?? null,
          level: rule.level,
          note: rule.note ?? null,
          updatedAt: rule.updatedAt,
        },
        userErrors: [],
      };
    } catch (e) {
      return { rule: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => AccessRequestPayload, {
    description: 'Ask an owner agency for conditional access (提出共享申请).',
  })
  async accessRequestCreate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => AccessRequestCreateInput, { description: 'The request (申请).' })
    input: AccessRequestCreateInput,
  ) {
    try {
      const ownerId = dbId(input.owner, 'Organization', 'owner')!;
      // fresh rules, not the request-start snapshot: the owner may have just changed them
      const sharing = await loadSharingState(ctx.knex, ctx.viewer.orgId);
      const req = await createAccessRequest(
        ctx.em,
        ctx.viewer,
        {
          ownerId,
          scope: input.scope,
          category: input.category ?? null,
          findingIds: dbIds(input.findings, 'Finding', 'findings'),
          purpose: input.purpose,
          expiresAt: input.expiresAt,
        },
        sharing,
      );
      return { request: accessRequestRowOf(req), userErrors: [] };
    } catch (e) {
      return { request: null, userErrors: asUserErrors(e) };
    }
  }

  private async decide(ctx: HubContext, input: AccessRequestDecisionInput, decision: Decision) {
    try {
      const req = await decideAccessRequest(ctx.em, ctx.viewer, {
        id: requestId(input.id),
        version: input.version,
        decision,
        reason: input.reason ?? null,
        expiresAt: input.expiresAt ?? null,
      });
      return { request: accessRequestRowOf(req), userErrors: [] };
    } catch (e) {
      return { request: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => AccessRequestPayload, {
    description: 'Approve a pending request; only its owner may (批准共享申请).',
  })
  accessRequestApprove(
    @Ctx() ctx: HubContext,
    @Arg('input', () => AccessRequestDecisionInput, { description: 'The decision (审批).' })
    input: AccessRequestDecisionInput,
  ) {
    return this.decide(ctx, input, 'APPROVE');
  }

  @Mutation(() => AccessRequestPayload, {
    description: 'Refuse a pending request, with a reason (拒绝共享申请).',
  })
  accessRequestRefuse(
    @Ctx() ctx: HubContext,
    @Arg('input', () => AccessRequestDecisionInput, { description: 'The decision (审批).' })
    input: AccessRequestDecisionInput,
  ) {
    return this.decide(ctx, input, 'REFUSE');
  }

  @Mutation(() => AccessRequestPayload, {
    description: 'End an approved access before its expiry, with a reason (撤销共享).',
  })
  accessRequestRevoke(
    @Ctx() ctx: HubContext,
    @Arg('input', () => AccessRequestDecisionInput, { description: 'The decision (审批).' })
    input: AccessRequestDecisionInput,
  ) {
    return this.decide(ctx, input, 'REVOKE');
  }

  @FieldResolver(() => AccessRequestStatus)
  status(@Root() r: AccessRequestRow) {
    return effectiveStatus({ status: r.storedStatus, expiresAt: r.expiresAt });
  }

  @FieldResolver()
  requester(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.requesterId);
  }

  @FieldResolver()
  owner(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.ownerId);
  }

  @FieldResolver()
  async findings(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    const rows = await ctx.loaders.finding.loadMany(r.findingIds ?? []);
    return rows.filter((f) => f && !(f instanceof Error) && canSeeFindingRow(ctx.viewer, f));
  }

  @FieldResolver()
  async events(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.sharingEvents.load(r.dbId);
  }

  @FieldResolver()
  viewerCanDecide(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    return canDecide(ctx.viewer, { ownerId: r.ownerId, status: r.storedStatus, expiresAt: r.expiresAt });
  }

  @FieldResolver()
  viewerCanRevoke(@Root() r: AccessRequestRow, @Ctx() ctx: HubContext) {
    return canRevoke(ctx.viewer, { ownerId: r.ownerId, status: r.storedStatus, expiresAt: r.expiresAt });
  }
}

@Resolver(() => SharingRuleObject)
export class SharingRuleResolver {
  @FieldResolver()
  owner(@Root() r: { ownerId: number }, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.ownerId);
  }
}

@Resolver(() => SharingEventObject)
export class SharingEventResolver {
  @FieldResolver()
  actor(@Root() e: { actorId: number }, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(e.actorId);
  }
}
