import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { yearArg } from '../../shared/errors.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import {
  canAdjustTargetSet,
  canEditTargetSet,
  canReviewTargetSet,
  canSeeUnitRow,
} from '../../policy/performance.js';
import { ReviewObject } from '../review/review.types.js';
import { TargetSetState } from './performance.entity.js';
import { INDICATOR_LIBRARY } from './indicators.js';
import { chainDbId, projectDbId, subjectOf, unitDbId } from './ids.js';
import * as repo from './targets.repo.js';
import * as svc from './targets.service.js';
import { toFen } from './money-text.js';
import { visibleTargetSet } from './performance.reads.js';
import {
  CoreIndicatorObject,
  PreAssessmentObject,
  PreAssessmentPayload,
  PreAssessmentRecordInput,
  TargetSetAdjustInput,
  TargetSetDraftInput,
  TargetSetObject,
  TargetSetPayload,
  TargetSetReturnInput,
  TargetSetStepInput,
  TargetSetUpdateInput,
} from './targets.types.js';

const setId = (id: string) => chainDbId('PerformanceTargetSet', id);

async function step(ctx: HubContext, run: () => Promise<number>) {
  try {
    const id = await run();
    return { targetSet: await visibleTargetSet(ctx, id), userErrors: [] };
  } catch (e) {
    return { targetSet: null, userErrors: asUserErrors(e) };
  }
}

@Resolver(() => TargetSetObject)
export class TargetSetResolver {
  @Query(() => [TargetSetObject], {
    description:
      'Performance target sets you may see (绩效目标): a unit its own in every state, finance the submitted ones, ' +
      'the other agencies and leadership the approved versions. At most 1000, newest year first.',
  })
  async performanceTargetSets(
    @Ctx() ctx: HubContext,
    @Arg('budgetYear', () => Int, { nullable: true, description: 'Budget year (预算年度).' })
    budgetYear: number | null,
    @Arg('unit', () => ID, { nullable: true, description: 'One unit (单位).' }) unit: string | null,
    @Arg('project', () => ID, { nullable: true, description: 'One project (项目).' }) project: string | null,
    @Arg('states', () => [TargetSetState], { nullable: true, description: 'States (状态).' })
    states: TargetSetState[] | null,
  ) {
    if (budgetYear != null) yearArg(budgetYear, 'budgetYear');
    try {
      return await repo.targetSets(ctx.knex, ctx.viewer, {
        budgetYear,
        unitId: unit ? unitDbId(unit) : null,
        projectId: project ? projectDbId(project) : null,
        states,
      });
    } catch (e) {
      if (e instanceof UserInputProblem) return [];
      throw e;
    }
  }

  @Query(() => [CoreIndicatorObject], {
    description: 'The core indicator library (核心指标库): suggested indicators per kind of project.',
  })
  coreIndicators(
    @Arg('projectKind', () => String, {
      nullable: true,
      description: 'Kind: 基础设施建设, 民生保障, 农业农村, 教育卫生 (项目类别); all when omitted.',
    })
    projectKind: string | null,
  ) {
    return INDICATOR_LIBRARY.filter((i) => !projectKind || i.projectKind === projectKind);
  }

  @Mutation(() => TargetSetPayload, {
    description: 'The unit drafts targets for a project or itself (编制绩效目标).',
  })
  performanceTargetSetDraft(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetDraftInput, { description: 'The draft.' }) input: TargetSetDraftInput,
  ) {
    return step(ctx, () =>
      svc.draftTargetSet(ctx.knex, ctx.viewer, {
        subject: subjectOf(input.subject),
        budgetYear: input.budgetYear,
        goal: input.goal,
        indicators: input.indicators,
      }),
    );
  }

  @Mutation(() => TargetSetPayload, {
    description: 'The unit edits its draft or returned set (修改绩效目标).',
  })
  performanceTargetSetUpdate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetUpdateInput, { description: 'The changes.' }) input: TargetSetUpdateInput,
  ) {
    return step(ctx, async () => {
      const id = setId(input.id);
      await svc.updateTargetSet(ctx.knex, ctx.viewer, {
        id,
        version: input.version,
        goal: input.goal,
        indicators: input.indicators,
      });
      return id;
    });
  }

  @Mutation(() => TargetSetPayload, {
    description: 'The unit submits its targets with the budget (报送绩效目标).',
  })
  performanceTargetSetSubmit(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetStepInput, { description: 'The set.' }) input: TargetSetStepInput,
  ) {
    return step(ctx, async () => {
      const id = setId(input.id);
      await svc.submitTargetSet(ctx.knex, ctx.viewer, { id, version: input.version });
      return id;
    });
  }

  @Mutation(() => TargetSetPayload, { description: 'Finance approves submitted targets (审核通过).' })
  performanceTargetSetApprove(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetStepInput, { description: 'The set.' }) input: TargetSetStepInput,
  ) {
    return step(ctx, async () => {
      const id = setId(input.id);
      await svc.approveTargetSet(ctx.knex, ctx.viewer, { id, version: input.version });
      return id;
    });
  }

  @Mutation(() => TargetSetPayload, {
    description: 'Finance returns submitted targets with reasons (退回修改).',
  })
  performanceTargetSetReturn(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetReturnInput, { description: 'The set and reasons.' })
    input: TargetSetReturnInput,
  ) {
    return step(ctx, async () => {
      const id = setId(input.id);
      await svc.returnTargetSet(ctx.knex, ctx.viewer, { id, version: input.version, reason: input.reason });
      return id;
    });
  }

  @Mutation(() => TargetSetPayload, {
    description:
      'The unit proposes a mid-year adjustment of approved targets: a new version with a reason (调整绩效目标).',
  })
  performanceTargetSetAdjust(
    @Ctx() ctx: HubContext,
    @Arg('input', () => TargetSetAdjustInput, { description: 'The adjustment.' }) input: TargetSetAdjustInput,
  ) {
    return step(ctx, () =>
      svc.adjustTargetSet(ctx.knex, ctx.viewer, {
        id: setId(input.id),
        version: input.version,
        reason: input.reason,
        goal: input.goal,
        indicators: input.indicators,
      }),
    );
  }

  @FieldResolver()
  unit(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(t.unitId);
  }

  @FieldResolver()
  project(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return t.projectId == null ? null : ctx.loaders.project.load(t.projectId);
  }

  @FieldResolver()
  previous(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return visibleTargetSet(ctx, t.previousId);
  }

  @FieldResolver()
  viewerCanEdit(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return canEditTargetSet(ctx.viewer, t);
  }

  @FieldResolver()
  viewerCanReview(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return canReviewTargetSet(ctx.viewer, t);
  }

  @FieldResolver()
  viewerCanAdjust(@Root() t: repo.TargetSetRow, @Ctx() ctx: HubContext) {
    return canAdjustTargetSet(ctx.viewer, t);
  }
}

/** A review's link to the targets it evaluated: the version approved for its project (or unit) and year. */
@Resolver(() => ReviewObject)
export class ReviewTargetSetResolver {
  @FieldResolver(() => TargetSetObject, {
    nullable: true,
    description:
      'The approved performance targets of the subject and year this review evaluated (所评绩效目标).',
  })
  async targetSet(@Root() r: { dbId: number }, @Ctx() ctx: HubContext) {
    const s = await repo.reviewSubject(ctx.knex, r.dbId);
    if (!s) return null;
    const set = await repo.approvedSet(ctx.knex, s.key, s.year);
    return set ? visibleTargetSet(ctx, set.dbId) : null;
  }
}

@Resolver(() => PreAssessmentObject)
export class PreAssessmentResolver {
  @Query(() => [PreAssessmentObject], {
    description:
      'Pre-assessments (事前绩效评估) you may see: the agencies and leadership all, a unit its own.',
  })
  async preAssessments(
    @Ctx() ctx: HubContext,
    @Arg('budgetYear', () => Int, { nullable: true, description: 'Budget year (预算年度).' })
    budgetYear: number | null,
    @Arg('unit', () => ID, { nullable: true, description: 'One unit (单位).' }) unit: string | null,
  ) {
    if (budgetYear != null) yearArg(budgetYear, 'budgetYear');
    try {
      return await repo.preAssessments(ctx.knex, ctx.viewer, {
        budgetYear,
        unitId: unit ? unitDbId(unit) : null,
      });
    } catch (e) {
      if (e instanceof UserInputProblem) return [];
      throw e;
    }
  }

  @Mutation(() => PreAssessmentPayload, {
    description: 'Finance records a pre-assessment (登记事前绩效评估).',
  })
  async preAssessmentRecord(
    @Ctx() ctx: HubContext,
    @Arg('input', () => PreAssessmentRecordInput, { description: 'The assessment.' })
    input: PreAssessmentRecordInput,
  ) {
    try {
      const row = await svc.recordPreAssessment(ctx.knex, ctx.viewer, {
        unitId: unitDbId(input.unit),
        projectId: input.project ? projectDbId(input.project) : null,
        subjectName: input.subjectName,
        budgetYear: input.budgetYear,
        requestedAmount: input.requestedAmount,
        conclusion: input.conclusion,
        reasons: input.reasons,
        documentRef: input.documentRef ?? null,
      });
      return { preAssessment: row, userErrors: [] };
    } catch (e) {
      return { preAssessment: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  agency(@Root() a: repo.PreAssessmentRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(a.agencyId);
  }

  @FieldResolver()
  unit(@Root() a: repo.PreAssessmentRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(a.unitId);
  }

  @FieldResolver()
  project(@Root() a: repo.PreAssessmentRow, @Ctx() ctx: HubContext) {
    return a.projectId == null || !canSeeUnitRow(ctx.viewer, a)
      ? null
      : ctx.loaders.project.load(a.projectId);
  }

  @FieldResolver()
  aboveThreshold(@Root() a: repo.PreAssessmentRow) {
    return toFen(a.requestedAmount) >= toFen(svc.PRE_ASSESSMENT_THRESHOLD_YUAN);
  }
}
