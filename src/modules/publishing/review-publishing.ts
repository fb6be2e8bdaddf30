/**
 * Agencies publish their reviews (评价/审计/稽察/审查) too: idempotent upsert by the agency's own
 * reference, and withdrawal. The grade of a performance review is derived from its score.
 */
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import type { Knex } from 'knex';
import type { HubContext } from '../../context.js';
import {
  FindingSource,
  gradeForScore,
  PublicationState,
  Sensitivity,
  SubjectKind,
} from '../../shared/enums.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { asUserErrors, UserError, UserInputProblem } from '../../shared/user-error.js';
import { mapReview, type ReviewRow } from '../review/review.repo.js';
import { ReviewObject } from '../review/review.types.js';
import { publisherOf } from './publishing.service.js';

@InputType('IndicatorResultInput', { description: 'Result of one performance indicator (绩效指标完成情况).' })
export class IndicatorResultInput {
  @Field(() => String, { description: 'Indicator name (指标名称).' })
  name!: string;

  @Field(() => String, { description: 'Target value (指标值).' })
  target!: string;

  @Field(() => String, { description: 'Actual value (实际完成值).' })
  actual!: string;

  @Field(() => String, { description: 'Score obtained, decimal (得分).' })
  score!: string;
}

@InputType('ReviewPublishInput', {
  description: 'A review to publish or update, by your reference (发布评价/审计结果).',
})
export class ReviewPublishInput {
  @Field(() => String, { description: 'Your reference, unique per agency (评价项目编号/审计项目编号).' })
  sourceRef!: string;

  @Field(() => String, { description: 'Title (名称).' })
  title!: string;

  @Field(() => String, { description: 'Kind, e.g. 项目支出绩效评价, 经济责任审计 (类型).' })
  reviewType!: string;

  @Field(() => Int, { description: 'Fiscal year examined (所属年度).' })
  fiscalYear!: number;

  @Field(() => ID, { description: 'Unit examined, or owner of the project/policy (被评价单位).' })
  unit!: string;

  @Field(() => ID, { nullable: true, description: 'Project examined (项目).' })
  project?: string | null;

  @Field(() => ID, { nullable: true, description: 'Policy examined (政策).' })
  policy?: string | null;

  @Field(() => ID, { nullable: true, description: 'Third-party evaluator commissioned (第三方机构).' })
  evaluator?: string | null;

  @Field(() => String, { nullable: true, description: 'Conclusion (结论).' })
  conclusion?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'PERFORMANCE: score 0-100, two decimals at most (评分).',
  })
  score?: string | null;

  @Field(() => [IndicatorResultInput], {
    nullable: true,
    description: 'PERFORMANCE: indicator results (指标).',
  })
  indicatorResults?: IndicatorResultInput[] | null;

  @Field(() => Sensitivity, {
    nullable: true,
    description: 'Sensitivity; default INTERNAL, DISCIPLINE SECRET (密级).',
  })
  sensitivity?: Sensitivity | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Completed on (完成日期).' })
  completedOn?: string | null;
}

@InputType('ReviewWithdrawInput', { description: 'Withdraw your own review (撤回评价/审计结果).' })
export class ReviewWithdrawInput {
  @Field(() => ID, { description: 'The review (标识).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: 'Why (理由).' })
  reason!: string;
}

@ObjectType('ReviewPayload', { description: 'Result of a change to a review.', simpleResolvers: true })
export class ReviewPayload {
  @Field(() => ReviewObject, { nullable: true, description: 'The review after the change (评价/审计).' })
  review!: ReviewRow | null;

  @Field(() => Boolean, { description: 'Whether it was new (新增).' })
  created!: boolean;

  @Field(() => Boolean, { description: 'Whether anything changed; false when identical (有变化).' })
  changed!: boolean;

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

const SCORE_RE = /^\d{1,3}(\.\d{1,2})?$/;

async function publishReview(knex: Knex, ctx: HubContext, input: ReviewPublishInput) {
  const me = publisherOf(ctx.viewer);
  const ref = input.sourceRef.trim();
  if (!ref || ref.length > 100)
    throw new UserInputProblem('REQUIRED', 'Give your reference (1-100 characters).', 'sourceRef');
  if (!input.title.trim()) throw new UserInputProblem('REQUIRED', 'Give a title.', 'title');
  if (input.fiscalYear < 1990 || input.fiscalYear > 2100)
    throw new UserInputProblem('BAD_YEAR', 'Fiscal year out of range.', 'fiscalYear');
  let score: string | null = null;
  if (input.score != null) {
    if (me.source !== FindingSource.PERFORMANCE)
      throw new UserInputProblem('NOT_APPLICABLE', 'Only performance reviews have a score.', 'score');
    if (!SCORE_RE.test(input.score) || Number(input.score) > 100)
      throw new UserInputProblem('BAD_SCORE', 'Score is 0-100 with at most two decimals.', 'score');
    score = Number(input.score).toFixed(2);
  }
  const unitId = dbId(input.unit, 'Organization', 'unit')!;
  const projectId = dbId(input.project, 'Project', 'project');
  const policyId = dbId(input.policy, 'Policy', 'policy');
  const evaluatorId = dbId(input.evaluator, 'Organization', 'evaluator');
  const unit = await knex('organization').select('kind').where('id', unitId).first();
  if (unit?.kind !== 'BUDGET_UNIT')
    throw new UserInputProblem('UNKNOWN_UNIT', 'The unit must be a budget unit of the hub.', 'unit');
  if (projectId !== null && !(await knex('project').where('id', projectId).first()))
    throw new UserInputProblem('UNKNOWN_PROJECT', 'No such project.', 'project');
  if (policyId !== null && !(await knex('policy').where('id', policyId).first()))
    throw new UserInputProblem('UNKNOWN_POLICY', 'No such policy.', 'policy');
  if (
    evaluatorId !== null &&
    (await knex('organization').select('kind').where('id', evaluatorId).first())?.kind !== 'THIRD_PARTY'
  ) {
    throw new UserInputProblem(
      'UNKNOWN_EVALUATOR',
      'The evaluator must be a third-party organisation.',
      'evaluator',
    );
  }
  const cols: Record<string, unknown> = {
    title: input.title.trim(),
    review_type: input.reviewType.trim(),
    fiscal_year: input.fiscalYear,
    unit_id: unitId,
    project_id: projectId,
    policy_id: policyId,
    evaluator_id: evaluatorId,
    subject_kind:
      policyId !== null ? SubjectKind.POLICY : projectId !== null ? SubjectKind.PROJECT : SubjectKind.UNIT,
    conclusion: input.conclusion ?? null,
    score,
    grade: score === null ? null : gradeForScore(Number(score)),
    indicator_results: input.indicatorResults
      ? JSON.stringify(input.indicatorResults.map((x) => ({ ...x })))
      : null,
    sensitivity:
      input.sensitivity ??
      (me.source === FindingSource.DISCIPLINE ? Sensitivity.SECRET : Sensitivity.INTERNAL),
    completed_on: input.completedOn ?? null,
  };
  return knex.transaction(async (trx) => {
    const e = (await trx('review')
      .select('*')
      .where({ agency_id: me.agencyId, source_ref: ref })
      .forUpdate()
      .first()) as Record<string, unknown> | undefined;
    if (!e) {
      const [row] = (await trx('review')
        .insert({
          ...cols,
          source: me.source,
          agency_id: me.agencyId,
          source_ref: ref,
          publication_state: PublicationState.PUBLISHED,
          published_at: new Date(),
        })
        .returning('*')) as Record<string, unknown>[];
      return { review: mapReview(row!), created: true, changed: true };
    }
    const current = mapReview(e);
    // jsonb reorders keys, and dates come back as text: compare canonical forms
    const canon = (v: unknown): string =>
      JSON.stringify(v ?? null, (_k, x) =>
        x && typeof x === 'object' && !Array.isArray(x)
          ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
          : x,
      );
    const norm = (k: string, v: unknown) =>
      k === 'indicator_results' && typeof v === 'string'
        ? JSON.parse(v)
        : k === 'completed_on' && v != null
          ? String(v).slice(0, 10)
          : v;
    const differs =
      e.publication_state !== PublicationState.PUBLISHED ||
      Object.entries(cols).some(([k, v]) => canon(norm(k, e[k])) !== canon(norm(k, v)));
    if (!differs) return { review: current, created: false, changed: false };
    const [row] = (await trx('review')
      .where({ id: e.id })
      .update({
        ...cols,
        publication_state: PublicationState.PUBLISHED,
        version: (e.version as number) + 1,
        updated_at: new Date(),
      })
      .returning('*')) as Record<string, unknown>[];
    return { review: mapReview(row!), created: false, changed: true };
  });
}

@Resolver()
export class ReviewPublishingResolver {
  @Mutation(() => ReviewPayload, {
    description:
      'Publish or update one of your reviews by your own reference; sending it again changes nothing (发布评价/审计结果).',
  })
  async reviewPublish(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ReviewPublishInput, { description: 'The review (评价/审计).' })
    input: ReviewPublishInput,
  ) {
    try {
      return { ...(await publishReview(ctx.knex, ctx, input)), userErrors: [] };
    } catch (e) {
      return { review: null, created: false, changed: false, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => ReviewPayload, {
    description: 'Withdraw one of your reviews, with a reason; it stays readable by id (撤回).',
  })
  async reviewWithdraw(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ReviewWithdrawInput, { description: 'The withdrawal (撤回).' })
    input: ReviewWithdrawInput,
  ) {
    try {
      const me = publisherOf(ctx.viewer);
      const [id] = dbIds([input.id], 'Review', 'id')!;
      if ((input.reason ?? '').trim().length < 2)
        throw new UserInputProblem('REQUIRED', 'Give a reason.', 'reason');
      const review = await ctx.knex.transaction(async (trx) => {
        const e = (await trx('review').select('*').where({ id }).forUpdate().first()) as
          Record<string, unknown> | undefined;
        if (!e || e.agency_id !== me.agencyId)
          throw new UserInputProblem('NOT_FOUND', 'No such review of your agency.', 'id');
        if (e.version !== input.version)
          throw new UserInputProblem('CONFLICT', 'The review changed since you read it.', 'version');
        if (e.publication_state === PublicationState.WITHDRAWN)
          throw new UserInputProblem('INVALID_STATE', 'Already withdrawn.', 'id');
        const [row] = (await trx('review')
          .where({ id })
          .update({
            publication_state: PublicationState.WITHDRAWN,
            version: (e.version as number) + 1,
            updated_at: new Date(),
          })
          .returning('*')) as Record<string, unknown>[];
        return mapReview(row!);
      });
      return { review, created: false, changed: true, userErrors: [] };
    } catch (e) {
      return { review: null, created: false, changed: false, userErrors: asUserErrors(e) };
    }
  }
}
