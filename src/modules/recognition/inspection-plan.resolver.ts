import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { SubjectKind } from '../../shared/enums.js';
import { badInput, yearArg } from '../../shared/errors.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { asUserErrors } from '../../shared/user-error.js';
import { ConnectionArgs } from '../../shared/relay.js';
import { canSeePlan } from '../../policy/recognition.js';
import {
  coverageEntries,
  coveragePlans,
  coverageReviewIds,
  plansByIds,
  unitOfSubject,
  type CoverageEntryRow,
  type PlanRow,
} from './inspection-plan.repo.js';
import { canSeeReviewRow } from '../../policy/access.js';
import { loadVisibleRecognition } from './recognition.reads.js';
import * as svc from './inspection-plan.service.js';
import {
  CoverageEntryConnection,
  CoverageEntryObject,
  CoverageGap,
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
const SUBJECT_KEY = { UNIT: 'U', PROJECT: 'P', POLICY: 'Y' } as const;

function planIdOf(id: string, field: string): number {
  const g = fromGlobalId(id);
  if (g?.type !== 'InspectionPlan') throw badInput(`"${field}" must be an InspectionPlan id`, field);
  return g.id;
}

const yearsBack = (years: number) => {
  if (!Number.isInteger(years) || years < 1 || years > 10)
    throw badInput('"years" must be between 1 and 10', 'years');
  return years;
};

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

  @Mutation(() => InspectionPlanPayload, {
    description:
      'Join your plan to another agency’s plan for the same subject and year, as a participant of the joint ' +
      'inspection it leads (合并为联合检查); the payload gives the warnings that remain.',
  })
  async inspectionPlanJoin(
    @Ctx() ctx: HubContext,
    @Arg('plan', () => ID, { description: 'Your plan (本部门计划).' }) plan: string,
    @Arg('lead', () => ID, { description: 'The plan that leads (牵头部门计划).' }) lead: string,
  ) {
    try {
      const id = planIdOf(plan, 'plan');
      await svc.joinPlan(ctx.knex, ctx.viewer, id, planIdOf(lead, 'lead'));
      const [row] = await plansByIds(ctx.knex, [id]);
      return { plan: row, warnings: await svc.warningsFor(ctx.knex, ctx.viewer, row!), userErrors: [] };
    } catch (e) {
      return { plan: null, warnings: [], userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => InspectionPlanPayload, {
    description: 'Take your plan out of the joint inspection it joined (退出联合检查).',
  })
  async inspectionPlanLeave(
    @Ctx() ctx: HubContext,
    @Arg('plan', () => ID, { description: 'Your plan (本部门计划).' }) plan: string,
  ) {
    try {
      const id = planIdOf(plan, 'plan');
      await svc.leavePlan(ctx.knex, ctx.viewer, id);
      const [row] = await plansByIds(ctx.knex, [id]);
      return { plan: row, warnings: await svc.warningsFor(ctx.knex, ctx.viewer, row!), userErrors: [] };
    } catch (e) {
      return { plan: null, warnings: [], userErrors: asUserErrors(e) };
    }
  }

  @Query(() => CoverageEntryConnection, {
    description:
      'Coverage over every unit, project or policy (覆盖情况一览): those no agency examined in the years looked at, ' +
      'or those several agencies examined in one year; counts only the reviews you may see.',
  })
  coverageList(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('kind', () => SubjectKind, { description: 'Units, projects or policies (对象类型).' })
    kind: SubjectKind,
    @Arg('year', () => Int, { description: 'The last fiscal year looked at (截止年度).' }) year: number,
    @Arg('years', () => Int, {
      defaultValue: 3,
      description: 'How many fiscal years to look back, 1-10 (回看年数).',
    })
    years: number,
    @Arg('gap', () => CoverageGap, { nullable: true, description: 'Which subjects; all if omitted (筛选).' })
    gap?: CoverageGap | null,
    @Arg('minAgencies', () => Int, {
      defaultValue: 2,
      description: 'For EXAMINED_BY_SEVERAL: at least this many agencies in one year, 2-10 (部门数下限).',
    })
    minAgencies?: number,
  ) {
    const n = yearsBack(years);
    yearArg(year);
    const min = minAgencies ?? 2;
    if (!Number.isInteger(min) || min < 2 || min > 10)
      throw badInput('"minAgencies" must be between 2 and 10', 'minAgencies');
    return coverageEntries(
      ctx.knex,
      ctx.viewer,
      { kind: SUBJECT_KEY[kind], from: year - n + 1, to: year, gap: gap ?? null, minAgencies: min },
      page,
    );
  }

  @Query(() => [PlanWarningObject], {
    description:
      'Every duplicate-work warning among the plans of a year that you may see, for planning meetings (计划统筹提示).',
  })
  inspectionPlanWarnings(
    @Ctx() ctx: HubContext,
    @Arg('year', () => Int, { description: 'Plan year (计划年度).' }) year: number,
  ) {
    return svc.warningsOfYear(ctx.knex, ctx.viewer, yearArg(year));
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
    yearsBack(years);
    yearArg(year);
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

  @FieldResolver()
  async jointLead(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    if (p.jointLeadId == null) return null;
    const lead = await ctx.loaders.inspectionPlan.load(p.jointLeadId);
    return lead && canSeePlan(ctx.viewer, lead) ? lead : null;
  }

  @FieldResolver()
  async participants(@Root() p: PlanRow, @Ctx() ctx: HubContext) {
    return (await ctx.loaders.planParticipants.load(p.dbId)).filter((x) => canSeePlan(ctx.viewer, x));
  }
}

@Resolver(() => CoverageEntryObject)
export class CoverageEntryResolver {
  @FieldResolver()
  subjectKind(@Root() e: CoverageEntryRow) {
    return SUBJECT_KIND[e.subjectKind];
  }

  @FieldResolver()
  unit(@Root() e: CoverageEntryRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(e.unitId);
  }

  @FieldResolver()
  project(@Root() e: CoverageEntryRow, @Ctx() ctx: HubContext) {
    return e.subjectKind === 'P' ? ctx.loaders.project.load(e.dbId) : null;
  }

  @FieldResolver()
  policy(@Root() e: CoverageEntryRow, @Ctx() ctx: HubContext) {
    return e.subjectKind === 'Y' ? ctx.loaders.policy.load(e.dbId) : null;
  }

  @FieldResolver()
  peakAgenciesInOneYear(@Root() e: CoverageEntryRow) {
    return e.peakAgencies;
  }

  @FieldResolver()
  examinedBy(@Root() e: CoverageEntryRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.loadMany(e.agencyIds);
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
