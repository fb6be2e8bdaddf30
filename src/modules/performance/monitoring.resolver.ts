import { yearArg } from '../../shared/errors.js';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { projectDbId, unitDbId } from './ids.js';
import * as svc from './monitoring.service.js';
import { actionsOfProjects, type MonitoringActionRow } from './monitoring.repo.js';
import { visibleTargetSet } from './performance.reads.js';
import {
  MonitoringActionObject,
  MonitoringActionPayload,
  MonitoringActionRecordInput,
  MonitoringRecordInput,
  MonitoringRecordPayload,
  MonitoringWarningObject,
  WarningLevelEnum,
} from './monitoring.types.js';

const RANK = { NONE: 0, YELLOW: 1, RED: 2 } as const;

/** The GraphQL shape of a project's status. */
function view(w: svc.ProjectWarning) {
  return {
    projectId: w.projectId,
    unitId: w.unitId,
    budgetYear: w.budgetYear,
    asOf: w.record.asOf,
    budgetAmount: w.record.budgetAmount,
    paidAmount: w.record.paidAmount,
    timeProgress: Math.round(w.flag.timeProgress * 10) / 10,
    spendingProgress: Math.round(w.flag.spendingProgress * 10) / 10,
    targetProgress: w.flag.targetProgress === null ? null : Math.round(w.flag.targetProgress * 10) / 10,
    level: w.flag.level,
    reasons: w.flag.reasons,
    indicators: w.flag.indicators.map((i) => ({
      ...i,
      completion: i.completion === null ? null : Math.round(i.completion * 10) / 10,
    })),
    targetSetId: w.targetSet?.dbId ?? null,
  };
}
type WarningView = ReturnType<typeof view>;

@Resolver(() => MonitoringWarningObject)
export class MonitoringResolver {
  @Query(() => [MonitoringWarningObject], {
    description:
      "Projects' monitoring status of a budget year from their latest data (双监控预警), as you may see them; " +
      'the warning is derived from the data on every read.',
  })
  async monitoringWarnings(
    @Ctx() ctx: HubContext,
    @Arg('budgetYear', () => Int, { description: 'Budget year (预算年度).' }) budgetYear: number,
    @Arg('unit', () => ID, { nullable: true, description: 'One unit (单位).' }) unit: string | null,
    @Arg('minLevel', () => WarningLevelEnum, {
      defaultValue: WarningLevelEnum.NONE,
      description: 'Lowest level listed (最低预警等级).',
    })
    minLevel: WarningLevelEnum,
  ) {
    yearArg(budgetYear, 'budgetYear');
    let unitId: number | null = null;
    try {
      unitId = unit ? unitDbId(unit) : null;
    } catch (e) {
      if (e instanceof UserInputProblem) return [];
      throw e;
    }
    const ws = await svc.warnings(ctx.knex, ctx.viewer, { budgetYear, unitId });
    return ws.filter((w) => RANK[w.flag.level] >= RANK[minLevel]).map(view);
  }

  @Mutation(() => MonitoringRecordPayload, {
    description:
      "Enter a project's spending and indicator progress as of a date (录入监控数据): the unit or finance.",
  })
  async monitoringRecord(
    @Ctx() ctx: HubContext,
    @Arg('input', () => MonitoringRecordInput, { description: 'The data.' }) input: MonitoringRecordInput,
  ) {
    try {
      const projectId = projectDbId(input.project);
      await svc.recordProgress(ctx.knex, ctx.viewer, {
        projectId,
        budgetYear: input.budgetYear,
        asOf: input.asOf,
        budgetAmount: input.budgetAmount,
        paidAmount: input.paidAmount,
        values: input.values,
      });
      const [w] = await svc.warnings(ctx.knex, ctx.viewer, {
        budgetYear: input.budgetYear,
        projectIds: [projectId],
      });
      return { warning: w ? view(w) : null, userErrors: [] };
    } catch (e) {
      return { warning: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => MonitoringActionPayload, {
    description: "Finance records the action it took on a project's warning (记录预警处置).",
  })
  async monitoringActionRecord(
    @Ctx() ctx: HubContext,
    @Arg('input', () => MonitoringActionRecordInput, { description: 'The action.' })
    input: MonitoringActionRecordInput,
  ) {
    try {
      const action = await svc.recordAction(ctx.knex, ctx.viewer, {
        projectId: projectDbId(input.project),
        budgetYear: input.budgetYear,
        action: input.action,
        note: input.note,
      });
      return { action, userErrors: [] };
    } catch (e) {
      return { action: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  project(@Root() w: WarningView, @Ctx() ctx: HubContext) {
    return ctx.loaders.project.load(w.projectId);
  }

  @FieldResolver()
  unit(@Root() w: WarningView, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(w.unitId);
  }

  @FieldResolver()
  targetSet(@Root() w: WarningView, @Ctx() ctx: HubContext) {
    return visibleTargetSet(ctx, w.targetSetId);
  }

  @FieldResolver()
  async actions(@Root() w: WarningView, @Ctx() ctx: HubContext) {
    return (await actionsOfProjects(ctx.knex, [w.projectId], w.budgetYear)).get(w.projectId) ?? [];
  }
}

@Resolver(() => MonitoringActionObject)
export class MonitoringActionResolver {
  @FieldResolver()
  project(@Root() a: MonitoringActionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.project.load(a.projectId);
  }

  @FieldResolver()
  agency(@Root() a: MonitoringActionRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(a.agencyId);
  }
}
