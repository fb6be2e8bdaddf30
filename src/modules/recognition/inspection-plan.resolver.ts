import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { SubjectKind } from '../../shared/enums.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { asUserErrors } from '../../shared/user-error.js';
import { canSeePlan } from '../../policy/recognition.js';
import {
  coveragePlans,
  coverageReviewIds,
  plansByIds,
  unitOfSubject,
  type PlanRow,
} from './inspection-plan.repo.js';
import { canSeeReviewRow } from '../../policy/access.js';
import { loadVisibleRecognition } from './recognition.reads.js';
import * as svc from './inspection-plan.service.js';
import {
  CoverageObject,
  InspectionPlanObject,
  InspectionPlanPayload,
  InspectionPlanRegisterInput,
  PlanWarningObject,
} from './inspection-plan.types.js';

function subjectOf(id: string): { kind: 'U' | 'P' | 'Y'; id: number } {
  const g = fromGlobalId(id);
  if (g?.type === 'Organization') return { kind: 'U', id: g.id };
  if (g?.type === 'Project') return { kind: 'P', id: g.id };
  if (g?.type === 'Policy') return { kind: 'Y', id: g.id };
  throw badInput('"subject" must be an Organization (unit), Project or Policy id', 'subject');
}

const SUBJECT_KIND = { U: SubjectKind.UNIT, P: SubjectKind.PROJECT, Y: SubjectKind.POLICY } as const;

@Resolver(() => InspectionPlanObject)
export class InspectionPlanResolver {
  @Mutation(() => InspectionPlanPayload, {
    description:
      'Register a planned inspection; the payload warns of other agencies’ plans for the same subject in the same ' +
      'months and of your recognitions in force on it (登记检查计划).',
  })
  async inspectionPlanRegister(
    @Ctx() ctx: HubContext,
    @Arg('input', () => InspectionPlanRegisterInput, { description: 'The plan (检查计划).' })
    input: InspectionPlanRegisterInput,
  ) {
    try {
      const { id, warnings } = await svc.registerPlan(ctx.knex, ctx.viewer, {
        subject: subjectOf(input.subject),
        planYear: input.planYear,
        kind: input.kind,
        scope: input.scope,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        months: input.months,
      });
      const [plan] = await plansByIds(ctx.knex, [id]);
      return { plan, warnings, userErrors: [] };
    } catch (e) {
      return { plan: null, warnings: [], userErrors: asUserErrors(e) };
    }
  }

  @Query(() => [PlanWarningObject], {
    description:
      'Every duplicate-work warning among the plans of a year that you may see, for planning meetings (计划统筹提示).',
  })
  inspectionPlanWarnings(
    @Ctx() ctx: HubContext,
    @Arg('year', () => Int, { description: 'Plan year (计划年度).' }) year: number,
  ) {
    return svc.warningsOfYear(ctx.knex, ctx.viewer, year);
  }

  @Query(() => CoverageObject, {
    nullable: true,
    description:
      'Coverage of a unit, project or policy (覆盖情况): reviews of the three fiscal years up to `year`, who ' +
      'recognises them, and the plans from `year` on; null for an unknown subject.',
  })
  async coverage(
    @Ctx() ctx: HubContext,
    @Arg('subject', () => ID, { description: 'A unit (Organization), Project or Policy id (对象).' })
    subject: string,
    @Arg('year', () => Int, { description: 'The year being planned (计划年度).' }) year: number,
    @Arg('years', () => Int, {
      defaultValue: 3,
      description: 'How many fiscal years to look back, 1-10 (回看年数).',
    })
    years: number,
  ) {
    if (!Number.isInteger(years) || years < 1 || years > 10)
      throw badInput('"years" must be between 1 and 10', 'years');
    const s = subjectOf(subject);
    const unitId = await unitOfSubject(ctx.knex, s.kind, s.id);
    if (unitId == null) return null;
    const from = year - years + 1;
    const ids = await coverageReviewIds(ctx.knex, ctx.viewer, s, from, year);
    const reviews = (await ctx.loaders.review.loadMany(ids)).filter(
      (r): r is NonNullable<typeof r> & object =>
        !!r && !(r instanceof Error) && canSeeReviewRow(ctx.viewer, r),
    );
    const agencies = [...new Set(reviews.map((r) => (r as { agencyId: number }).agencyId))];
    return {
      subjectKind: SUBJECT_KIND[s.kind],
      unit: ctx.loaders.organization.load(unitId),
      fromYear: from,
      toYear: year,
      reviews,
      examinedBy: ctx.loaders.organization.loadMany(agencies),
      plannedInspections: coveragePlans(ctx.knex, ctx.viewer, s, year),
    };
  }

  @FieldResolver()
  agency(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(p.agencyId);
  }

  @FieldResolver()
  unit(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(p.unitId);
  }

  @FieldResolver()
  subjectKind(@Root() p: PlanRow) {
    return SUBJECT_KIND[p.subjectKey[0] as 'U' | 'P' | 'Y'];
  }

  @FieldResolver()
  project(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    return p.subjectKey.startsWith('P:') ? ctx.loaders.project.load(Number(p.subjectKey.slice(2))) : null;
  }

  @FieldResolver()
  policy(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    return p.subjectKey.startsWith('Y:') ? ctx.loaders.policy.load(Number(p.subjectKey.slice(2))) : null;
  }
}

@Resolver(() => PlanWarningObject)
export class PlanWarningResolver {
  @FieldResolver()
  async plan(@Root() w: svc.PlanWarning, @Ctx() ctx: HubContext) {
    return ctx.loaders.inspectionPlan.load(w.planId);
  }

  @FieldResolver()
  async otherPlan(@Root() w: svc.PlanWarning, @Ctx() ctx: HubContext) {
    if (w.otherPlanId == null) return null;
    const p = await ctx.loaders.inspectionPlan.load(w.otherPlanId);
    return p && canSeePlan(ctx.viewer, p) ? p : null;
  }

  @FieldResolver()
  recognition(@Root() w: svc.PlanWarning, @Ctx() ctx: HubContext) {
    return w.recognitionId == null ? null : loadVisibleRecognition(ctx, w.recognitionId);
  }
}
