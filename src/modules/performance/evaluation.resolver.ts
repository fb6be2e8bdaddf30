import { yearArg } from '../../shared/errors.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canEditSelfEvaluation, canSeeSpotChecks } from '../../policy/performance.js';
import { chainDbId, subjectOf, unitDbId } from './ids.js';
import * as repo from './evaluation.repo.js';
import * as svc from './evaluation.service.js';
import {
  bpToPercent,
  visibleFinding,
  visibleReview,
  visibleSelfEvaluation,
  visibleTargetSet,
} from './performance.reads.js';
import {
  SelfEvaluationObject,
  SelfEvaluationPayload,
  SelfEvaluationSaveInput,
  SelfEvaluationSubmitInput,
  SpotCheckDrawInput,
  SpotCheckItemObject,
  SpotCheckObject,
  SpotCheckPayload,
  SpotCheckRescoreInput,
} from './evaluation.types.js';

async function loadCheck(ctx: HubContext, id: number) {
  if (!canSeeSpotChecks(ctx.viewer)) return null;
  const [c] = await repo.spotChecks(ctx.knex, { ids: [id] });
  return c ?? null;
}

@Resolver(() => SelfEvaluationObject)
export class SelfEvaluationResolver {
  @Query(() => [SelfEvaluationObject], {
    description:
      'Self-evaluations (绩效自评) you may see: a unit its own (drafts too), the agencies and leadership submitted ones.',
  })
  async selfEvaluations(
    @Ctx() ctx: HubContext,
    @Arg('budgetYear', () => Int, { description: 'Budget year evaluated (评价年度).' }) budgetYear: number,
    @Arg('unit', () => ID, { nullable: true, description: 'One unit (单位).' }) unit: string | null,
  ) {
    yearArg(budgetYear, 'budgetYear');
    try {
      return await repo.selfEvaluations(ctx.knex, ctx.viewer, {
        budgetYear,
        unitId: unit ? unitDbId(unit) : null,
      });
    } catch (e) {
      if (e instanceof UserInputProblem) return [];
      throw e;
    }
  }

  @Mutation(() => SelfEvaluationPayload, {
    description: 'The unit saves its self-evaluation draft (填报自评).',
  })
  async selfEvaluationSave(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SelfEvaluationSaveInput, { description: 'The self-evaluation.' })
    input: SelfEvaluationSaveInput,
  ) {
    try {
      const id = await svc.saveSelfEvaluation(ctx.knex, ctx.viewer, {
        subject: subjectOf(input.subject),
        budgetYear: input.budgetYear,
        score: input.score,
        indicatorResults: input.indicatorResults,
        summary: input.summary,
        version: input.version ?? null,
      });
      return { selfEvaluation: await visibleSelfEvaluation(ctx, id), userErrors: [] };
    } catch (e) {
      return { selfEvaluation: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => SelfEvaluationPayload, {
    description: 'The unit submits its self-evaluation to finance (报送自评).',
  })
  async selfEvaluationSubmit(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SelfEvaluationSubmitInput, { description: 'The self-evaluation.' })
    input: SelfEvaluationSubmitInput,
  ) {
    try {
      const id = chainDbId('SelfEvaluation', input.id);
      await svc.submitSelfEvaluation(ctx.knex, ctx.viewer, { id, version: input.version });
      return { selfEvaluation: await visibleSelfEvaluation(ctx, id), userErrors: [] };
    } catch (e) {
      return { selfEvaluation: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  unit(@Root() s: repo.SelfEvaluationRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(s.unitId);
  }

  @FieldResolver()
  project(@Root() s: repo.SelfEvaluationRow, @Ctx() ctx: HubContext) {
    return s.projectId == null ? null : ctx.loaders.project.load(s.projectId);
  }

  @FieldResolver()
  targetSet(@Root() s: repo.SelfEvaluationRow, @Ctx() ctx: HubContext) {
    return visibleTargetSet(ctx, s.targetSetId);
  }

  @FieldResolver()
  viewerCanEdit(@Root() s: repo.SelfEvaluationRow, @Ctx() ctx: HubContext) {
    return canEditSelfEvaluation(ctx.viewer, s);
  }
}

@Resolver(() => SpotCheckObject)
export class SpotCheckResolver {
  @Query(() => [SpotCheckObject], {
    description: 'Spot checks of self-evaluations (抽查复核) of a year: oversight agencies and leadership.',
  })
  async spotChecks(
    @Ctx() ctx: HubContext,
    @Arg('budgetYear', () => Int, { description: 'Budget year evaluated (评价年度).' }) budgetYear: number,
  ) {
    yearArg(budgetYear, 'budgetYear');
    return canSeeSpotChecks(ctx.viewer) ? repo.spotChecks(ctx.knex, { budgetYear }) : [];
  }

  @Mutation(() => SpotCheckPayload, {
    description:
      'Finance draws a reproducible, weighted sample of submitted self-evaluations (抽取抽查样本).',
  })
  async spotCheckDraw(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SpotCheckDrawInput, { description: 'The draw.' }) input: SpotCheckDrawInput,
  ) {
    try {
      const id = await svc.drawSpotCheck(ctx.knex, ctx.viewer, input);
      return { spotCheck: await loadCheck(ctx, id), userErrors: [] };
    } catch (e) {
      return { spotCheck: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => SpotCheckPayload, {
    description:
      'Finance re-scores a sampled self-evaluation; a deviation above the threshold becomes a finding ' +
      '自评结果与实际不符, linked to the re-score review and the self-evaluation (复核评分).',
  })
  async spotCheckRescore(
    @Ctx() ctx: HubContext,
    @Arg('input', () => SpotCheckRescoreInput, { description: 'The re-score.' }) input: SpotCheckRescoreInput,
  ) {
    try {
      const itemId = chainDbId('SpotCheckItem', input.item, 'item');
      await svc.rescore(ctx.knex, ctx.viewer, {
        itemId,
        version: input.version,
        score: input.score,
        note: input.note,
      });
      const item = await repo.itemById(ctx.knex, itemId);
      return { spotCheck: await loadCheck(ctx, item!.spotCheckId), userErrors: [] };
    } catch (e) {
      return { spotCheck: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  agency(@Root() c: repo.SpotCheckRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(c.agencyId);
  }

  @FieldResolver()
  sharePercent(@Root() c: repo.SpotCheckRow) {
    return bpToPercent(c.shareBp);
  }

  @FieldResolver()
  async items(@Root() c: repo.SpotCheckRow, @Ctx() ctx: HubContext) {
    const items = await repo.itemsOfChecks(ctx.knex, [c.dbId]);
    const selfs = new Map(
      (
        await repo.selfEvaluationsByIds(
          ctx.knex,
          items.map((i) => i.selfEvaluationId),
        )
      ).map((s) => [s.dbId, s]),
    );
    return items.map((i) => {
      const self = selfs.get(i.selfEvaluationId)!;
      const deviation = i.rescore === null ? null : svc.deviationOf(self.score, i.rescore);
      return {
        ...i,
        self,
        selfScore: self.score,
        deviation,
        exceedsThreshold: deviation !== null && Math.abs(Number(deviation)) > Number(c.threshold),
      };
    });
  }
}

type ItemView = repo.SpotCheckItemRow & { self: repo.SelfEvaluationRow };

@Resolver(() => SpotCheckItemObject)
export class SpotCheckItemResolver {
  @FieldResolver()
  selfEvaluation(@Root() i: ItemView) {
    return i.self;
  }

  @FieldResolver()
  rescoreReview(@Root() i: ItemView, @Ctx() ctx: HubContext) {
    return visibleReview(ctx, i.rescoreReviewId);
  }

  @FieldResolver()
  finding(@Root() i: ItemView, @Ctx() ctx: HubContext) {
    return visibleFinding(ctx, i.findingId);
  }
}
