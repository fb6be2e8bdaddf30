import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId, toGlobalId } from '../../shared/global-id.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeReferral, referralScope } from '../../policy/referral.js';
import { ReferralStatus } from './referral.entity.js';
import { listReferrals, referralById, type ReferralRow } from './referral.repo.js';
import { referClue, returnReferralStatus } from './referral.service.js';
import {
  ClueReferralCreateInput,
  ClueReferralObject,
  ClueReferralPayload,
  ClueReferralStatusInput,
} from './referral.types.js';

const shape = (r: ReferralRow) => ({
  ...r,
  id: toGlobalId('ClueReferral', r.id),
  findingIds: r.findingIds.map((f) => toGlobalId('Finding', f)),
});

function referralId(id: string): number {
  const g = fromGlobalId(id);
  if (g?.type !== 'ClueReferral') throw new UserInputProblem('NOT_FOUND', 'No such referral.', 'id');
  return g.id;
}

async function visible(ctx: HubContext, id: number) {
  const r = await referralById(ctx.knex, id);
  return r && canSeeReferral(ctx.viewer, r) ? shape(r) : null;
}

@Resolver(() => ClueReferralObject)
export class ClueReferralResolver {
  @FieldResolver()
  referrer(@Root() r: ReferralRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.referrerId);
  }

  @Query(() => [ClueReferralObject], {
    description:
      'Clue referrals (问题线索移送): the commission’s incoming queue, newest first; a referring agency its own; others none.',
  })
  async clueReferrals(
    @Ctx() ctx: HubContext,
    @Arg('status', () => ReferralStatus, { nullable: true, description: 'Only this status (处置状态).' })
    status?: ReferralStatus | null,
    @Arg('first', () => Int, { nullable: true, description: '1-100, default 50 (条数).' })
    first?: number | null,
  ) {
    const n = first ?? 50;
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw badInput('"first" must be between 1 and 100', 'first');
    const scope = referralScope(ctx.viewer);
    if (scope === false) return [];
    return (await listReferrals(ctx.knex, scope, { status, limit: n })).map(shape);
  }

  @Query(() => ClueReferralObject, {
    nullable: true,
    description: 'One referral; null when it does not exist or is not yours to see (线索移送).',
  })
  async clueReferral(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: 'Id (编号).' }) id: string) {
    const g = fromGlobalId(id);
    if (g?.type !== 'ClueReferral') return null;
    return visible(ctx, g.id);
  }

  @Mutation(() => ClueReferralPayload, {
    description:
      'Refer a clue of suspected violations to the discipline commission (边审边移，问题线索移送).',
  })
  async clueReferralCreate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ClueReferralCreateInput, { description: 'The referral (线索移送).' })
    input: ClueReferralCreateInput,
  ) {
    try {
      const id = await referClue(ctx.knex, ctx.viewer, {
        commissionId: dbId(input.commission, 'Organization', 'commission')!,
        findingIds: dbIds(input.findings, 'Finding', 'findings')!,
        facts: input.facts,
        documentNumber: input.documentNumber,
        referredOn: input.referredOn,
      });
      return { referral: await visible(ctx, id), userErrors: [] };
    } catch (e) {
      return { referral: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => ClueReferralPayload, {
    description:
      'The discipline commission returns a handling status and, if it chooses, feedback (反馈处置情况).',
  })
  async clueReferralReturnStatus(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ClueReferralStatusInput, { description: 'The status (处置状态).' })
    input: ClueReferralStatusInput,
  ) {
    try {
      const id = referralId(input.id);
      await returnReferralStatus(ctx.knex, ctx.viewer, { ...input, id });
      return { referral: await visible(ctx, id), userErrors: [] };
    } catch (e) {
      return { referral: null, userErrors: asUserErrors(e) };
    }
  }
}
