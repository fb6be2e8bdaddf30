import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeFindingRow } from '../../policy/access.js';
import {
  canDecideExtension,
  canReopen,
  canReport,
  canSubmit,
  canVerify,
} from '../../policy/rectification.js';
import { visibleMemberIdsOfGroups } from '../recognition/index.js';
import { RectificationState } from './rectification.entity.js';
import { rectificationsByIds, tasksPage, type RectRow } from './rectification.repo.js';
import { evidenceOfTask } from './rectification-evidence.repo.js';
import { liveTasks, loadVisibleTask, toTaskFilter, viewOf } from './rectification.reads.js';
import * as svc from './rectification.service.js';
import {
  RectificationChangeInput,
  RectificationCreateInput,
  RectificationEscalateInput,
  EvidenceObject,
  RectificationEventObject,
  RectificationExtensionDecisionInput,
  RectificationExtensionInput,
  RectificationFilter,
  RectificationObject,
  RectificationPayload,
  RectificationReportInput,
  RectificationVerifyInput,
} from './rectification.types.js';

export const RectificationConnection = connectionTypes<RectRow>(
  RectificationObject,
  'Rectification',
  '整改任务',
);

/** The findings of same-problem groups that the viewer sees (NOT_FOUND for a group it does not see). */
async function findingsOfGroups(ctx: HubContext, groups: string[] | null | undefined): Promise<number[]> {
  const ids = dbIds(groups, 'FindingGroup', 'findingGroups');
  if (!ids?.length) return [];
  const members = await visibleMemberIdsOfGroups(ctx.knex, ctx.viewer, ids);
  if (members.some((m) => !m.length))
    throw new UserInputProblem('NOT_FOUND', 'No such same-problem group.', 'findingGroups');
  return members.flat();
}

const taskId = (id: string) => {
  const g = fromGlobalId(id);
  if (g?.type !== 'Rectification')
    throw new UserInputProblem('NOT_FOUND', 'No such rectification task.', 'id');
  return g.id;
};

@Resolver(() => RectificationObject)
export class RectificationResolver {
  @Query(() => RectificationObject, {
    nullable: true,
    description: 'One rectification task, or null (整改任务).',
  })
  rectification(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id (标识).' }) id: string,
  ) {
    const g = fromGlobalId(id);
    return g?.type === 'Rectification' ? loadVisibleTask(ctx, g.id) : null;
  }

  @Query(() => RectificationConnection, {
    description:
      'Rectification tasks you supervise, or of your unit; newest first (整改任务列表). For escalation (督办), ' +
      'filter with `overdueMoreThanDays`.',
  })
  rectifications(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => RectificationFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: RectificationFilter,
  ) {
    return tasksPage(ctx.knex, ctx.viewer, toTaskFilter(filterBy), page);
  }

  @Mutation(() => RectificationPayload, {
    description: 'Create a task from one or more findings about one unit (创建整改任务).',
  })
  async rectificationCreate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationCreateInput, { description: 'The task (任务).' })
    input: RectificationCreateInput,
  ) {
    return this.run(ctx, async () =>
      svc.createRectification(ctx.knex, ctx.viewer, {
        findingIds: [
          ...(dbIds(input.findings, 'Finding', 'findings') ?? []),
          ...(await findingsOfGroups(ctx, input.findingGroups)),
        ],
        measures: input.measures,
        deadline: input.deadline,
        kind: input.kind,
        nextMilestone: input.nextMilestone ?? null,
        leadId: dbId(input.lead, 'Organization', 'lead'),
        coSupervisorIds: dbIds(input.coSupervisors, 'Organization', 'coSupervisors'),
      }),
    );
  }

  @Mutation(() => RectificationPayload, { description: 'The unit starts the work (开始整改).' })
  rectificationStart(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationChangeInput, { description: 'Task and version.' })
    input: RectificationChangeInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.startRectification(ctx.knex, ctx.viewer, id, input.version);
      return id;
    });
  }

  @Mutation(() => RectificationPayload, { description: 'The unit reports progress (报送整改进展).' })
  rectificationReport(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationReportInput, { description: 'The report.' })
    input: RectificationReportInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      const evIds = dbIds(input.evidence, 'Evidence', 'evidence') ?? [];
      const evidence = await svc.reportEvidence(ctx.knex, id, evIds);
      await svc.reportProgress(ctx.knex, ctx.viewer, id, input.version, {
        text: input.text,
        percent: input.percent,
        moneyRecovered: input.moneyRecovered ?? null,
        money: input.money ?? null,
        rulesEstablished: input.rulesEstablished ?? null,
        evidence,
      });
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description: 'The unit submits its results for verification (提交核验).',
  })
  rectificationSubmit(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationChangeInput, { description: 'Task, version, note.' })
    input: RectificationChangeInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.submitRectification(ctx.knex, ctx.viewer, id, input.version, input.reason ?? null);
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description: 'A supervising agency verifies the current submission, for itself only (核验：通过/退回).',
  })
  rectificationVerify(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationVerifyInput, { description: 'The verification.' })
    input: RectificationVerifyInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.verifyRectification(ctx.knex, ctx.viewer, id, input.version, {
        approve: input.approve,
        conclusion: input.conclusion,
        reason: input.reason ?? null,
        nextMilestone: input.nextMilestone ?? null,
        moneyVerified: input.moneyVerified ?? null,
      });
      return id;
    });
  }

  @Mutation(() => RectificationPayload, { description: 'The unit asks for a later deadline (延期申请).' })
  rectificationExtensionRequest(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationExtensionInput, { description: 'The request.' })
    input: RectificationExtensionInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.requestExtension(ctx.knex, ctx.viewer, id, input.version, input.newDeadline, input.reason);
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description: 'The lead agency grants or refuses an extension (延期审批).',
  })
  rectificationExtensionDecide(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationExtensionDecisionInput, { description: 'The decision.' })
    input: RectificationExtensionDecisionInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.decideExtension(ctx.knex, ctx.viewer, id, input.version, input.grant, input.reason ?? null);
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description: 'A supervisor reopens a closed task, with a reason (回头看).',
  })
  rectificationReopen(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationChangeInput, { description: 'Task, version, reason.' })
    input: RectificationChangeInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.reopenRectification(ctx.knex, ctx.viewer, id, input.version, input.reason ?? '');
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description: 'A supervisor sends a reminder; `reason` is the message (催办).',
  })
  rectificationRemind(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationChangeInput, { description: 'Task, version, message.' })
    input: RectificationChangeInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      await svc.remind(ctx.knex, ctx.viewer, id, input.version, input.reason ?? '');
      return id;
    });
  }

  @Mutation(() => RectificationPayload, {
    description:
      'A supervisor escalates a task overdue beyond the configured days to the district government (LEADERSHIP) or the ' +
      "lead agency's superior (提级督办); it does not add a co-signer. Suspected violations go to the discipline " +
      'commission as a clue referral (问题线索移送), not as an escalation.',
  })
  rectificationEscalate(
    @Ctx() ctx: HubContext,
    @Arg('input', () => RectificationEscalateInput, { description: 'The escalation.' })
    input: RectificationEscalateInput,
  ) {
    return this.run(ctx, async () => {
      const id = taskId(input.id);
      const to = dbId(input.to, 'Organization', 'to')!;
      await svc.escalate(
        ctx.knex,
        ctx.viewer,
        id,
        input.version,
        to,
        input.reason,
        ctx.settings.escalationDays,
      );
      return id;
    });
  }

  @Subscription(() => RectificationObject, {
    description: 'Tasks you may see, each time one changes (整改任务实时更新); graphql-ws at /graphql.',
    subscribe: ({ context }) => liveTasks(context as HubContext),
  })
  rectificationChanged(@Root() task: RectRow): RectRow {
    return task;
  }

  private async run(ctx: HubContext, op: () => Promise<number>) {
    try {
      const id = await op();
      // a fresh read: the request's loaders may hold the state from before the change
      const [row] = await rectificationsByIds(ctx.knex, [id]);
      return { rectification: row ?? null, userErrors: [] };
    } catch (e) {
      return { rectification: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  unit(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.unitId);
  }

  @FieldResolver()
  lead(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(r.leadId);
  }

  @FieldResolver()
  async supervisors(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.loadMany(await ctx.loaders.rectSupervisors.load(r.dbId));
  }

  @FieldResolver()
  async findings(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    const rows = await ctx.loaders.finding.loadMany(await ctx.loaders.rectFindings.load(r.dbId));
    return rows.filter((f) => f && !(f instanceof Error) && canSeeFindingRow(ctx.viewer, f));
  }

  @FieldResolver()
  overdue(@Root() r: RectRow) {
    return r.daysOverdue > 0;
  }

  @FieldResolver()
  async approvedBy(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.loadMany((await viewOf(ctx, r)).approvedBy);
  }

  @FieldResolver()
  async awaitingVerification(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    if (r.state !== RectificationState.SUBMITTED) return [];
    const v = await viewOf(ctx, r);
    return ctx.loaders.organization.loadMany(v.supervisorIds.filter((s) => !v.approvedBy.includes(s)));
  }

  @FieldResolver()
  async moneyRecovered(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return (await ctx.loaders.rectStats.load(r.dbId)).money;
  }

  @FieldResolver()
  async moneyBreakdown(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    const { money, breakdown } = await ctx.loaders.rectStats.load(r.dbId);
    return { ...breakdown, total: money };
  }

  @FieldResolver()
  async progress(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return (await ctx.loaders.rectStats.load(r.dbId)).progress;
  }

  @FieldResolver(() => [EvidenceObject], { description: 'Evidence files uploaded for it (佐证材料).' })
  evidence(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return evidenceOfTask(ctx.knex, r.dbId);
  }

  @FieldResolver()
  async timeline(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.rectEvents.load(r.dbId);
  }

  @FieldResolver()
  async viewerCanReport(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return canReport(ctx.viewer, await viewOf(ctx, r));
  }

  @FieldResolver()
  async viewerCanSubmit(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return canSubmit(ctx.viewer, await viewOf(ctx, r));
  }

  @FieldResolver()
  async viewerCanVerify(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return canVerify(ctx.viewer, await viewOf(ctx, r));
  }

  @FieldResolver()
  async viewerCanReopen(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return canReopen(ctx.viewer, await viewOf(ctx, r));
  }

  @FieldResolver()
  async viewerCanDecideExtension(@Root() r: RectRow, @Ctx() ctx: HubContext) {
    return r.extensionRequested !== null && canDecideExtension(ctx.viewer, await viewOf(ctx, r));
  }
}

@Resolver(() => RectificationEventObject)
export class RectificationEventResolver {
  @FieldResolver()
  actor(@Root() e: { actorId: number }, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(e.actorId);
  }
}
