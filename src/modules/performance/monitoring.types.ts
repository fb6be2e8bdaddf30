/** GraphQL types of dual monitoring (双监控): derived warnings and finance's actions. */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { registerDescribedEnum } from '../../shared/enums.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ProjectObject } from '../project/project.types.js';
import { MonitoringActionKind } from './performance.entity.js';
import { TargetSetObject } from './targets.types.js';

export enum WarningLevelEnum {
  NONE = 'NONE',
  YELLOW = 'YELLOW',
  RED = 'RED',
}
registerDescribedEnum(WarningLevelEnum, 'WarningLevel', 'Monitoring warning level (预警等级).', {
  NONE: 'No warning (无预警).',
  YELLOW: 'Yellow warning (黄色预警).',
  RED: 'Red warning (红色预警).',
});

@ObjectType('IndicatorProgress', {
  description: "An indicator's completion to date (指标完成进度).",
  simpleResolvers: true,
})
export class IndicatorProgressObject {
  @Field(() => String, { description: 'Indicator (指标).' })
  name!: string;
  @Field(() => Boolean, { description: 'Key indicator (核心指标).' })
  key!: boolean;
  @Field(() => Float, {
    nullable: true,
    description: 'Completion in percent; null if qualitative or not reported.',
  })
  completion!: number | null;
}

@ObjectType('MonitoringAction', {
  description: "Finance's action on a warning (预警处置).",
  simpleResolvers: true,
})
export class MonitoringActionObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => ProjectObject, { description: 'The project (项目).' })
  project!: unknown;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => MonitoringActionKind, { description: 'What was done (处置方式).' })
  action!: MonitoringActionKind;
  @Field(() => String, { description: 'Details (处置情况).' })
  note!: string;
  @Field(() => WarningLevelEnum, { description: 'Warning level when acted on (处置时预警等级).' })
  level!: string;
  @Field(() => [String], { description: 'Warning reasons when acted on (预警原因).' })
  reasons!: string[];
  @Field(() => OrganizationObject, { description: 'Acting agency (处置部门).' })
  agency!: unknown;
  @Field(() => String, { description: 'Recording user (记录人).' })
  recordedBy!: string;
  @Field(() => GraphQLDateTime, { description: 'Recorded (记录时间).' })
  createdAt!: Date;
}

@ObjectType('MonitoringWarning', {
  description:
    "A project's monitoring status from its latest data (执行监控): spending against time, targets against " +
    'spending, key indicators; the warning is derived, recomputed on every read.',
  simpleResolvers: true,
})
export class MonitoringWarningObject {
  @Field(() => ProjectObject, { description: 'The project (项目).' })
  project!: unknown;
  @Field(() => OrganizationObject, { description: 'The unit (单位).' })
  unit!: unknown;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => GraphQLLocalDate, { description: 'Data as of (数据截止日期).' })
  asOf!: string;
  @Field(() => MoneyScalar, { description: 'Budget of the year, yuan (年度预算).' })
  budgetAmount!: string;
  @Field(() => MoneyScalar, { description: 'Paid to date, yuan (已支付).' })
  paidAmount!: string;
  @Field(() => Float, { description: 'Share of the year elapsed, percent (时间进度).' })
  timeProgress!: number;
  @Field(() => Float, { description: 'Paid / budget, percent (支出进度).' })
  spendingProgress!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Average completion of measured indicators (目标完成进度).',
  })
  targetProgress!: number | null;
  @Field(() => WarningLevelEnum, { description: 'Warning level (预警等级).' })
  level!: string;
  @Field(() => [String], { description: 'Why, in Chinese (预警原因).' })
  reasons!: string[];
  @Field(() => [IndicatorProgressObject], { description: 'Each indicator (指标进度).' })
  indicators!: unknown[];
  @Field(() => TargetSetObject, { nullable: true, description: 'The approved targets used (绩效目标).' })
  targetSet!: unknown;
  @Field(() => [MonitoringActionObject], { description: "Finance's actions this year (处置记录)." })
  actions!: unknown[];
}

@InputType('IndicatorValueInput', { description: "An indicator's value to date (指标完成值)." })
export class IndicatorValueInput {
  @Field(() => String, { description: 'Indicator name as in the target set (指标名称).' })
  name!: string;
  @Field(() => String, { description: 'Value to date, a non-negative number (完成值).' })
  value!: string;
}

@InputType('MonitoringRecordInput', { description: "A project's progress as of a date (录入监控数据)." })
export class MonitoringRecordInput {
  @Field(() => ID, { description: 'The project (项目).' })
  project!: string;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => GraphQLLocalDate, { description: 'As of (截止日期).' })
  asOf!: string;
  @Field(() => MoneyScalar, { description: 'Budget of the year, yuan (年度预算).' })
  budgetAmount!: string;
  @Field(() => MoneyScalar, { description: 'Paid to date from the treasury, yuan (已支付).' })
  paidAmount!: string;
  @Field(() => [IndicatorValueInput], {
    defaultValue: [],
    description: 'Indicator values to date (指标完成值).',
  })
  values!: IndicatorValueInput[];
}

@ObjectType('MonitoringRecordPayload', {
  description: 'Result of entering monitoring data.',
  simpleResolvers: true,
})
export class MonitoringRecordPayload {
  @Field(() => MonitoringWarningObject, { nullable: true, description: 'The status computed from the data.' })
  warning!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@InputType('MonitoringActionRecordInput', { description: 'An action taken on a warning (记录预警处置).' })
export class MonitoringActionRecordInput {
  @Field(() => ID, { description: 'The project (项目).' })
  project!: string;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => MonitoringActionKind, { description: 'What was done (处置方式).' })
  action!: MonitoringActionKind;
  @Field(() => String, { description: 'Details (处置情况).' })
  note!: string;
}

@ObjectType('MonitoringActionPayload', {
  description: 'Result of recording an action.',
  simpleResolvers: true,
})
export class MonitoringActionPayload {
  @Field(() => MonitoringActionObject, { nullable: true, description: 'The action recorded.' })
  action!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
