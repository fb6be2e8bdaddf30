import { yearArg } from '../../shared/errors.js';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeApplication } from '../../policy/performance.js';
import { projectDbId } from './ids.js';
import * as svc from './application.service.js';
import type { DecisionRow, RuleSetRow } from './application.repo.js';
import { proposalView, proposalViews, type ProposalView } from './application.view.js';
import type { RuleSet } from './application.rules.js';
import { toFen } from './money-text.js';
import { bpToPercent, percentToBp, visibleReview, visibleSelfEvaluation } from './performance.reads.js';
import {
  BudgetDecisionObject,
  BudgetDecisionPayload,
  BudgetDecisionRecordInput,
  BudgetProposalFilter,
  BudgetProposalObject,
  RuleSetObject,
  RuleSetPayload,
  RuleSetPublishInput,
  UnitAssessmentObject,
} from './application.types.js';

function ruleSetView(r: RuleSetRow) {
  return {
    ruleVersion: r.ruleVersion,
    bands: r.rules.bands.map((b) => ({
      ...b,
      minScore: String(b.minScore),
      reducePercent: bpToPercent(b.reduceBp),
    })),
    holdBackPercent: bpToPercent(r.rules.holdBackBp),
    note: r.note,
    publishedBy: r.publishedBy,
    createdAt: r.createdAt,
  };
}

@Resolver(() => BudgetProposalObject)
export class BudgetProposalResolver {
  @Query(() => [BudgetProposalObject], {
    description:
      'Proposals for budget year N+2 from year-N results (结果应用建议), with the decisions taken; finance and ' +
      'leadership all, a unit its own projects. Computed from the data on every read.',
  })
  async budgetProposals(
    @Ctx() ctx: HubContext,
    @Arg('resultYear', () => Int, { description: 'Result year N (结果年度); proposals are for N+2.' })
    resultYear: number,
    @Arg('filterBy', () => BudgetProposalFilter, { nullable: true, description: 'Filter (筛选).' })
    filterBy: BudgetProposalFilter | null,
  ) {
    try {
      return await proposalViews(ctx, yearArg(resultYear, 'resultYear'), filterBy);
    } catch (e) {
      if (e instanceof UserInputProblem) return [];
      throw e;
    }
  }

  @Query(() => [UnitAssessmentObject], {
    description: "Result application's points towards each unit's annual assessment (单位绩效考核计分).",
  })
  async unitAssessmentContributions(
    @Ctx() ctx: HubContext,
    @Arg('resultYear', () => Int, { description: 'Result year (结果年度).' }) resultYear: number,
  ) {
    const rows = await svc.proposals(ctx.knex, ctx.viewer, yearArg(resultYear, 'resultYear'));
    const by = new Map<number, { n: number; sum: number }>();
    for (const r of rows) {
      if (r.proposal.assessmentPoints === null) continue;
      const x = by.get(r.unitId) ?? { n: 0, sum: 0 };
      x.n++;
      x.sum += r.proposal.assessmentPoints;
      by.set(r.unitId, x);
    }
    return [...by.entries()].map(([unitId, x]) => ({
      unitId,
      projects: x.n,
      points: (Math.round((x.sum / x.n) * 100) / 100).toFixed(2),
    }));
  }

  @Query(() => [RuleSetObject], {
    description: 'Every version of the result-application rules, oldest first (结果应用规则).',
  })
  async applicationRuleSets(@Ctx() ctx: HubContext) {
    return (await svc.ruleSetHistory(ctx.knex)).map(ruleSetView);
  }

  @Mutation(() => BudgetDecisionPayload, {
    description:
      'Finance records the budget decision it took; a decision unlike the proposal needs a reason (登记预算安排决定).',
  })
  async budgetDecisionRecord(
    @Ctx() ctx: HubContext,
    @Arg('input', () => BudgetDecisionRecordInput, { description: 'The decision.' })
    input: BudgetDecisionRecordInput,
  ) {
    try {
      const projectId = projectDbId(input.project);
      await svc.recordDecision(ctx.knex, ctx.viewer, {
        projectId,
        resultYear: input.resultYear,
        action: input.action,
        amount: input.amount,
        reason: input.reason ?? null,
        version: input.version ?? null,
      });
      const [p] = await svc.proposals(ctx.knex, ctx.viewer, input.resultYear, { projectId });
      return { proposal: p ? proposalView(p) : null, userErrors: [] };
    } catch (e) {
      return { proposal: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => RuleSetPayload, {
    description: 'Finance publishes a new version of the rules (发布结果应用规则).',
  })
  async applicationRuleSetPublish(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RuleSetPublishInput, { description: 'The rules.' }) input: RuleSetPublishInput,
  ) {
    try {
      const bad = (m: string, f: string) => new UserInputProblem('BAD_RULES', m, f);
      const rules: RuleSet = {
        bands: input.bands.map((b, i) => {
          const reduceBp = percentToBp(b.reducePercent);
          if (reduceBp === null)
            throw bad(`第${i + 1}个等次的压减比例须为0至100的百分数。`, `bands.${i}.reducePercent`);
          if (!/^\d{1,3}(\.\d{1,2})?$/.test(b.minScore.trim()))
            throw bad(`第${i + 1}个等次的最低分须为数字。`, `bands.${i}.minScore`);
          return {
            label: b.label.trim(),
            minScore: Number(b.minScore),
            action: b.action,
            reduceBp,
            assessmentPoints: b.assessmentPoints,
          };
        }),
        holdBackBp: percentToBp(input.holdBackPercent) ?? -1,
      };
      const version = await svc.publishRules(ctx.knex, ctx.viewer, rules, input.note);
      const all = await svc.ruleSetHistory(ctx.knex);
      return { ruleSet: ruleSetView(all.find((r) => r.ruleVersion === version)!), userErrors: [] };
    } catch (e) {
      return { ruleSet: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  project(@Root() p: ProposalView, @Ctx() ctx: HubContext) {
    return ctx.loaders.project.load(p.projectId);
  }

  @FieldResolver()
  unit(@Root() p: ProposalView, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(p.unitId);
  }

  @FieldResolver()
  resultReview(@Root() p: ProposalView, @Ctx() ctx: HubContext) {
    return visibleReview(ctx, p.resultReviewId);
  }

  @FieldResolver()
  selfEvaluation(@Root() p: ProposalView, @Ctx() ctx: HubContext) {
    return visibleSelfEvaluation(ctx, p.selfEvaluationId);
  }
}

@Resolver(() => BudgetDecisionObject)
export class BudgetDecisionResolver {
  @FieldResolver()
  project(@Root() d: DecisionRow, @Ctx() ctx: HubContext) {
    return canSeeApplication(ctx.viewer, d) ? ctx.loaders.project.load(d.projectId) : null;
  }

  @FieldResolver()
  unit(@Root() d: DecisionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(d.unitId);
  }

  @FieldResolver()
  agency(@Root() d: DecisionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(d.agencyId);
  }

  @FieldResolver()
  overridden(@Root() d: DecisionRow) {
    return d.action !== d.proposedAction || toFen(d.amount) !== toFen(d.proposedAmount);
  }
}

@Resolver(() => UnitAssessmentObject)
export class UnitAssessmentResolver {
  @FieldResolver()
  unit(@Root() u: { unitId: number }, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(u.unitId);
  }
}
