import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { badInput } from '../../shared/errors.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeFindingRow, canSeeReviewRow } from '../../policy/access.js';
import {
  canConclude,
  canEscalate,
  canOpenConsultation,
  canRespond,
  canSeeConsultation,
  canSeeRecognition,
  canWithdrawRecognition,
} from '../../policy/recognition.js';
import { ReviewObject } from '../review/review.types.js';
import type { ReviewRow } from '../review/review.repo.js';
import { ConsultationState, RecognitionDecision } from './recognition.entity.js';
import {
  consultationsByIds,
  consultationsPage,
  recognitionsByIds,
  recognitionsPage,
  type ConsultationLogEntry,
  type ConsultationRow,
  type RecognitionRow,
} from './recognition.repo.js';
import { loadVisibleRecognition } from './recognition.reads.js';
import * as svc from './recognition.service.js';
import {
  ConsultationConcludeInput,
  ConsultationEscalateInput,
  ConsultationObject,
  ConsultationOpenInput,
  ConsultationPayload,
  ConsultationRespondInput,
  ConsultationStepObject,
  RecognitionFilter,
  RecognitionObject,
  RecognitionPayload,
  RecognitionRecordInput,
  RecognitionWithdrawInput,
} from './recognition.types.js';

export const RecognitionConnection = connectionTypes<RecognitionRow>(
  RecognitionObject,
  'Recognition',
  '采信登记',
);
export const ConsultationConnection = connectionTypes<ConsultationRow>(
  ConsultationObject,
  'Consultation',
  '会商',
);

const idOf = (id: string, type: 'Recognition' | 'Consultation', field: string) => {
  const g = fromGlobalId(id);
  if (g?.type !== type)
    throw new UserInputProblem(
      'NOT_FOUND',
      type === 'Recognition' ? 'No such recognition decision.' : 'No such consultation.',
      field,
    );
  return g.id;
};

/** A review or finding id as the register's target key. */
function targetOf(id: string, field: string): { kind: 'R' | 'F'; id: number } {
  const g = fromGlobalId(id);
  if (g?.type === 'Review') return { kind: 'R', id: g.id };
  if (g?.type === 'Finding') return { kind: 'F', id: g.id };
  throw badInput(`"${field}" must contain Review or Finding ids`, field);
}

const today = () => new Date().toISOString().slice(0, 10);

@Resolver(() => RecognitionObject)
export class RecognitionResolver {
  @Query(() => RecognitionConnection, {
    description:
      'The recognition register (采信登记): decisions you may see, newest first; by default only those in force.',
  })
  recognitions(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => RecognitionFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: RecognitionFilter,
  ) {
    return recognitionsPage(
      ctx.knex,
      ctx.viewer,
      {
        targetKeys: filterBy?.targets?.map((t) => {
          const x = targetOf(t, 'targets');
          return `${x.kind}:${x.id}`;
        }),
        agencyIds: dbIds(filterBy?.agencies, 'Organization', 'agencies'),
        targetAgencyIds: dbIds(filterBy?.targetAgencies, 'Organization', 'targetAgencies'),
        decisions: filterBy?.decisions,
        statuses: filterBy?.statuses,
        inEffectOn: filterBy?.inEffectOn,
      },
      page,
    );
  }

  @Query(() => RecognitionObject, { nullable: true, description: 'One decision, or null (采信决定).' })
  recognition(@Ctx() ctx: HubContext, @Arg('id', () => ID, { description: 'Global id (标识).' }) id: string) {
    const g = fromGlobalId(id);
    return g?.type === 'Recognition' ? loadVisibleRecognition(ctx, g.id) : null;
  }

  @Mutation(() => RecognitionPayload, {
    description:
      "Record your agency's decision on another agency's review or finding (登记采信决定：采信/部分采信/不予采信); " +
      'it replaces your decision in force, named in `supersedes`.',
  })
  recognitionRecord(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RecognitionRecordInput, { description: 'The decision (采信决定).' })
    input: RecognitionRecordInput,
  ) {
    return this.run(ctx, async () =>
      svc.recordRecognition(ctx.knex, ctx.viewer, {
        target: targetOf(input.target, 'target'),
        decision: input.decision,
        scope: input.scope ?? null,
        scopeFindingIds: dbIds(input.scopeFindings, 'Finding', 'scopeFindings'),
        reason: input.reason ?? null,
        documentRef: input.documentRef,
        validFrom: input.validFrom ?? null,
        validUntil: input.validUntil ?? null,
        supersedesId: input.supersedes ? idOf(input.supersedes, 'Recognition', 'supersedes') : null,
      }),
    );
  }

  @Mutation(() => RecognitionPayload, {
    description: 'The recognising agency withdraws its decision in force (撤回采信决定).',
  })
  recognitionWithdraw(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RecognitionWithdrawInput, { description: 'Decision and reason.' })
    input: RecognitionWithdrawInput,
  ) {
    return this.run(ctx, async () =>
      svc.withdrawRecognition(ctx.knex, ctx.viewer, idOf(input.id, 'Recognition', 'id'), input.reason),
    );
  }

  private async run(ctx: HubContext, op: () => Promise<number>) {
    try {
      const id = await op();
      // a fresh read: the request's loaders may hold the state from before the change
      const [row] = await recognitionsByIds(ctx.knex, [id]);
      return { recognition: row ?? null, userErrors: [] };
    } catch (e) {
      return { recognition: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  agency(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.agencyId);
  }

  @FieldResolver()
  targetAgency(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.targetAgencyId);
  }

  @FieldResolver()
  async review(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    if (r.reviewId == null) return null;
    const rv = await ctx.loaders.review.load(r.reviewId);
    return rv && canSeeReviewRow(ctx.viewer, rv) ? rv : null;
  }

  @FieldResolver()
  async finding(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    if (r.findingId == null) return null;
    const f = await ctx.loaders.finding.load(r.findingId);
    return f && canSeeFindingRow(ctx.viewer, f) ? f : null;
  }

  @FieldResolver()
  async scopeFindings(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    const rows = await ctx.loaders.finding.loadMany(r.scopeFindingIds);
    return rows.filter((f) => f && !(f instanceof Error) && canSeeFindingRow(ctx.viewer, f));
  }

  @FieldResolver()
  inEffect(@Root() r: RecognitionRow) {
    const d = today();
    return (
      r.status === 'CURRENT' &&
      r.decision !== RecognitionDecision.NOT_RECOGNISED &&
      (r.validFrom == null || r.validFrom <= d) &&
      (r.validUntil == null || r.validUntil >= d)
    );
  }

  @FieldResolver()
  decidedAt(@Root() r: RecognitionRow) {
    return r.createdAt;
  }

  @FieldResolver()
  async supersedes(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    return r.supersedesId == null ? null : loadVisibleRecognition(ctx, r.supersedesId);
  }

  @FieldResolver()
  async supersededBy(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    const s = await ctx.loaders.recognitionSuccessor.load(r.dbId);
    return s && canSeeRecognition(ctx.viewer, s) ? s : null;
  }

  @FieldResolver()
  async history(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    const all = await ctx.loaders.recognitionHistory.load(`${r.agencyId}|${r.targetKey}`);
    return all.filter((x) => canSeeRecognition(ctx.viewer, x));
  }

  @FieldResolver()
  async consultations(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    const all = await ctx.loaders.consultationsOfRecognition.load(r.dbId);
    return all.filter((c) => canSeeConsultation(ctx.viewer, c));
  }

  @FieldResolver()
  viewerCanWithdraw(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    return canWithdrawRecognition(ctx.viewer, r);
  }

  @FieldResolver()
  viewerCanOpenConsultation(@Root() r: RecognitionRow, @Ctx() ctx: HubContext) {
    return canOpenConsultation(ctx.viewer, r);
  }
}

@Resolver(() => ConsultationObject)
export class ConsultationResolver {
  @Query(() => ConsultationConnection, {
    description: 'Consultations (会商) you are a party to, or all for the district government; newest first.',
  })
  consultations(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('states', () => [ConsultationState], {
      nullable: true,
      description: 'Only these states (会商状态).',
    })
    states?: ConsultationState[],
  ) {
    return consultationsPage(ctx.knex, ctx.viewer, states, page);
  }

  @Mutation(() => ConsultationPayload, {
    description: 'Open a consultation on a decision, with your position (发起会商).',
  })
  consultationOpen(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ConsultationOpenInput, { description: 'Decision, question, position.' })
    input: ConsultationOpenInput,
  ) {
    return this.run(ctx, () =>
      svc.openConsultation(
        ctx.knex,
        ctx.viewer,
        idOf(input.recognition, 'Recognition', 'recognition'),
        input.question,
        input.position,
      ),
    );
  }

  @Mutation(() => ConsultationPayload, { description: 'The other agency states its position (会商表态).' })
  consultationRespond(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ConsultationRespondInput, { description: 'Consultation, version, position.' })
    input: ConsultationRespondInput,
  ) {
    return this.run(ctx, () =>
      svc.respondConsultation(
        ctx.knex,
        ctx.viewer,
        idOf(input.id, 'Consultation', 'id'),
        input.version,
        input.position,
      ),
    );
  }

  @Mutation(() => ConsultationPayload, {
    description: 'Escalate an unresolved consultation to the district government (提请区政府协调).',
  })
  consultationEscalate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ConsultationEscalateInput, { description: 'Consultation, version, reason.' })
    input: ConsultationEscalateInput,
  ) {
    return this.run(ctx, () =>
      svc.escalateConsultation(
        ctx.knex,
        ctx.viewer,
        idOf(input.id, 'Consultation', 'id'),
        input.version,
        input.reason,
        dbId(input.to, 'Organization', 'to'),
      ),
    );
  }

  @Mutation(() => ConsultationPayload, {
    description:
      'Record the outcome: the two agencies once both stated positions, or the district government once escalated (会商结论).',
  })
  consultationConclude(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ConsultationConcludeInput, { description: 'Consultation, version, outcome.' })
    input: ConsultationConcludeInput,
  ) {
    return this.run(ctx, () =>
      svc.concludeConsultation(
        ctx.knex,
        ctx.viewer,
        idOf(input.id, 'Consultation', 'id'),
        input.version,
        input.outcome,
      ),
    );
  }

  private async run(ctx: HubContext, op: () => Promise<number>) {
    try {
      const id = await op();
      const [row] = await consultationsByIds(ctx.knex, [id]);
      return { consultation: row ?? null, userErrors: [] };
    } catch (e) {
      return { consultation: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  recognition(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return loadVisibleRecognition(ctx, c.recognitionId);
  }

  @FieldResolver()
  recognisingAgency(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(c.recognisingAgencyId);
  }

  @FieldResolver()
  authorAgency(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(c.authorAgencyId);
  }

  @FieldResolver()
  openedBy(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(c.openedById);
  }

  @FieldResolver()
  escalatedTo(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return c.escalatedToId == null ? null : ctx.loaders.organization.load(c.escalatedToId);
  }

  @FieldResolver()
  concludedBy(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return c.concludedById == null ? null : ctx.loaders.organization.load(c.concludedById);
  }

  @FieldResolver()
  steps(@Root() c: ConsultationRow) {
    return c.log;
  }

  @FieldResolver()
  viewerCanRespond(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return canRespond(ctx.viewer, c);
  }

  @FieldResolver()
  viewerCanEscalate(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return canEscalate(ctx.viewer, c);
  }

  @FieldResolver()
  viewerCanConclude(@Root() c: ConsultationRow, @Ctx() ctx: HubContext) {
    return canConclude(ctx.viewer, c);
  }
}

@Resolver(() => ConsultationStepObject)
export class ConsultationStepResolver {
  @FieldResolver()
  actor(@Root() s: ConsultationLogEntry, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(s.actorId);
  }
}

/** Decisions in force on a review, on the Review type (which agencies recognise this result). */
@Resolver(() => ReviewObject)
export class ReviewRecognitionsResolver {
  @FieldResolver(() => [RecognitionObject], {
    description:
      'Decisions in force of other agencies on this result, as far as you may see them (采信情况).',
  })
  async recognitions(@Root() r: ReviewRow, @Ctx() ctx: HubContext) {
    const all = await ctx.loaders.recognitionsOfTarget.load(`R:${r.dbId}`);
    return all.filter((x) => canSeeRecognition(ctx.viewer, x));
  }
}
