/** GraphQL types of self-evaluation (自评) and spot checks (抽查复核). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ProjectObject } from '../project/project.types.js';
import { IndicatorResult as IndicatorResultObject, ReviewObject } from '../review/review.types.js';
import { FindingInterface } from '../finding/finding.types.js';
import { IndicatorResultInput } from '../review/review-publishing.inputs.js';
import { SelfEvaluationState } from './performance.entity.js';
import { TargetSetObject } from './targets.types.js';

@ObjectType('SelfEvaluation', {
  description: "A unit's self-evaluation of a project or of its overall performance (绩效自评).",
  simpleResolvers: true,
})
export class SelfEvaluationObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => OrganizationObject, { description: 'The unit (单位).' })
  unit!: unknown;
  @Field(() => ProjectObject, {
    nullable: true,
    description: 'The project; null for the unit overall (部门整体).',
  })
  project!: unknown;
  @Field(() => Int, { description: 'Budget year evaluated (评价年度).' })
  budgetYear!: number;
  @Field(() => String, { description: 'Self-score 0-100 (自评得分).' })
  score!: string;
  @Field(() => [IndicatorResultObject], { description: 'Indicator results (指标完成情况).' })
  indicatorResults!: unknown[];
  @Field(() => String, { description: 'Summary (自评报告摘要).' })
  summary!: string;
  @Field(() => SelfEvaluationState, { description: 'State (状态).' })
  state!: SelfEvaluationState;
  @Field(() => TargetSetObject, {
    nullable: true,
    description: 'The approved targets evaluated (所评绩效目标).',
  })
  targetSet!: unknown;
  @Field(() => String, { description: 'Filing user (填报人).' })
  filedBy!: string;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Submitted (报送时间).' })
  submittedAt!: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version.' })
  version!: number;
  @Field(() => Boolean, { description: 'Whether you may edit and submit it (policy).' })
  viewerCanEdit!: boolean;
}

@InputType('SelfEvaluationSaveInput', { description: 'Create or update a self-evaluation draft (填报自评).' })
export class SelfEvaluationSaveInput {
  @Field(() => ID, { description: 'The project, or the unit itself (对象).' })
  subject!: string;
  @Field(() => Int, { description: 'Budget year evaluated (评价年度).' })
  budgetYear!: number;
  @Field(() => String, { description: 'Self-score 0-100 (自评得分).' })
  score!: string;
  @Field(() => [IndicatorResultInput], { defaultValue: [], description: 'Indicator results.' })
  indicatorResults!: IndicatorResultInput[];
  @Field(() => String, { description: 'Summary (自评报告摘要).' })
  summary!: string;
  @Field(() => Int, { nullable: true, description: 'The version read, when updating a draft.' })
  version?: number | null;
}

@InputType('SelfEvaluationSubmitInput', { description: 'Submit a self-evaluation (报送自评).' })
export class SelfEvaluationSubmitInput {
  @Field(() => ID, { description: 'The self-evaluation.' })
  id!: string;
  @Field(() => Int, { description: 'The version read.' })
  version!: number;
}

@ObjectType('SelfEvaluationPayload', {
  description: 'Result of a self-evaluation step.',
  simpleResolvers: true,
})
export class SelfEvaluationPayload {
  @Field(() => SelfEvaluationObject, { nullable: true, description: 'The self-evaluation.' })
  selfEvaluation!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('SpotCheckItem', {
  description:
    'One sampled self-evaluation with its re-score, the deviation, and the finding it led to (抽查复核).',
  simpleResolvers: true,
})
export class SpotCheckItemObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => SelfEvaluationObject, { description: 'The self-evaluation sampled (被抽查自评).' })
  selfEvaluation!: unknown;
  @Field(() => String, { description: 'Why it was likely to be drawn (抽样权重说明).' })
  weightNote!: string;
  @Field(() => String, { description: 'Self-score (自评得分).' })
  selfScore!: string;
  @Field(() => String, { nullable: true, description: "Finance's re-score (复核得分)." })
  rescore!: string | null;
  @Field(() => String, { nullable: true, description: 'Self-score minus re-score, points (偏差).' })
  deviation!: string | null;
  @Field(() => Boolean, { description: 'Whether the deviation exceeds the threshold (超过允许偏差).' })
  exceedsThreshold!: boolean;
  @Field(() => ReviewObject, { nullable: true, description: 'The re-score as a review (复核评价).' })
  rescoreReview!: unknown;
  @Field(() => FindingInterface, { nullable: true, description: 'The finding 自评结果与实际不符, if any.' })
  finding!: unknown;
  @Field(() => String, { nullable: true, description: 'Re-scoring user (复核人).' })
  rescoredBy!: string | null;
  @Field(() => Int, { description: 'Optimistic-lock version.' })
  version!: number;
}

@ObjectType('SpotCheck', {
  description: 'A spot-check sample of self-evaluations (抽查复核), reproducible from its share and seed.',
  simpleResolvers: true,
})
export class SpotCheckObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => OrganizationObject, { description: 'Drawing agency (抽查部门).' })
  agency!: unknown;
  @Field(() => Int, { description: 'Budget year evaluated (评价年度).' })
  budgetYear!: number;
  @Field(() => String, { description: 'Share drawn, percent (抽查比例).' })
  sharePercent!: string;
  @Field(() => Int, { description: 'Seed of the draw (随机种子).' })
  seed!: number;
  @Field(() => String, { description: 'Allowed deviation in points (允许偏差).' })
  threshold!: string;
  @Field(() => String, { description: 'Drawing user (抽取人).' })
  drawnBy!: string;
  @Field(() => GraphQLDateTime, { description: 'Drawn (抽取时间).' })
  createdAt!: Date;
  @Field(() => [SpotCheckItemObject], { description: 'The sample (抽查样本).' })
  items!: unknown[];
}

@InputType('SpotCheckDrawInput', { description: 'Draw a spot-check sample (抽取抽查样本).' })
export class SpotCheckDrawInput {
  @Field(() => Int, { description: 'Budget year evaluated (评价年度).' })
  budgetYear!: number;
  @Field(() => String, { description: 'Share to draw, percent, e.g. "20" (抽查比例).' })
  sharePercent!: string;
  @Field(() => Int, { description: 'Seed, any non-negative whole number (随机种子).' })
  seed!: number;
  @Field(() => String, { defaultValue: '10', description: 'Allowed deviation in points (允许偏差).' })
  threshold!: string;
}

@InputType('SpotCheckRescoreInput', { description: 'Re-score a sampled self-evaluation (复核评分).' })
export class SpotCheckRescoreInput {
  @Field(() => ID, { description: 'The spot-check item.' })
  item!: string;
  @Field(() => Int, { description: 'The version read.' })
  version!: number;
  @Field(() => String, { description: 'Re-score 0-100 (复核得分).' })
  score!: string;
  @Field(() => String, { description: 'Opinion (复核意见).' })
  note!: string;
}

@ObjectType('SpotCheckPayload', { description: 'Result of a spot-check step.', simpleResolvers: true })
export class SpotCheckPayload {
  @Field(() => SpotCheckObject, { nullable: true, description: 'The spot check.' })
  spotCheck!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
