/** GraphQL inputs and payload of review publishing (发布、撤回评价/审计结果). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Sensitivity } from '../../shared/enums.js';
import { UserError } from '../../shared/user-error.js';
import type { ReviewRow } from './review.repo.js';
import { ReviewObject } from './review.types.js';

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
    description: 'Sensitivity; default INTERNAL, DISCIPLINE SECRET (敏感级别).',
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
