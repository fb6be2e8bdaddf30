import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import {
  FindingSource,
  PerformanceGrade,
  PublicationState,
  Sensitivity,
  SubjectKind,
} from '../../shared/enums.js';
import { Node } from '../../shared/relay.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { PolicyObject, ProjectObject } from '../project/project.types.js';

@ObjectType('IndicatorResult', {
  description: 'Result of one performance indicator (绩效指标完成情况).',
  simpleResolvers: true,
})
export class IndicatorResult {
  @Field(() => String, { description: 'Indicator name (指标名称).' })
  name!: string;

  @Field(() => String, { description: 'Target value (指标值/目标值).' })
  target!: string;

  @Field(() => String, { description: 'Actual value (实际完成值).' })
  actual!: string;

  @Field(() => String, { description: 'Score obtained, decimal string (得分).' })
  score!: string;
}

@ObjectType('Review', {
  implements: Node,
  description:
    'One evaluation, audit, inspection or investigation (评价/审计/稽察/审查) by one agency of one subject.',
  simpleResolvers: true,
})
export class ReviewObject extends Node {
  @Field(() => FindingSource, { description: 'Oversight source (监督来源).' })
  source!: FindingSource;

  @Field(() => OrganizationObject, { description: 'Authoring agency (实施机关).' })
  agency!: OrganizationObject;

  @Field(() => String, {
    nullable: true,
    description: "The agency's own reference (评价项目编号/审计项目编号 …).",
  })
  sourceRef!: string | null;

  @Field(() => SubjectKind, { description: 'What kind of subject is examined (对象类型).' })
  subjectKind!: SubjectKind;

  @Field(() => OrganizationObject, {
    description: 'Unit examined, or owner of the project/policy (被评价单位).',
  })
  unit!: OrganizationObject;

  @Field(() => ProjectObject, { nullable: true, description: 'Project examined, if any (项目).' })
  project!: ProjectObject | null;

  @Field(() => PolicyObject, { nullable: true, description: 'Policy examined, if any (政策).' })
  policy!: PolicyObject | null;

  @Field(() => OrganizationObject, {
    nullable: true,
    description: 'Third-party evaluator commissioned, if any (第三方评价机构).',
  })
  evaluator!: OrganizationObject | null;

  @Field(() => String, { nullable: true, description: 'Title (名称).' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of review, e.g. 事后评价, 经济责任审计 (类型).' })
  reviewType!: string | null;

  @Field(() => Int, { description: 'Fiscal year examined (所属年度).' })
  fiscalYear!: number;

  @Field(() => String, { nullable: true, description: 'Conclusion (结论/意见).' })
  conclusion!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Performance score 0-100, decimal string; performance reviews only (绩效评分).',
  })
  score!: string | null;

  @Field(() => PerformanceGrade, { nullable: true, description: 'Performance grade (评价等级).' })
  grade!: PerformanceGrade | null;

  @Field(() => [IndicatorResult], { nullable: true, description: 'Indicator results (指标完成情况).' })
  indicatorResults!: IndicatorResult[] | null;

  @Field(() => Sensitivity, { description: 'Sensitivity of the record (敏感级别).' })
  sensitivity!: Sensitivity;

  @Field(() => PublicationState, { description: 'Publication state (发布状态).' })
  publicationState!: PublicationState;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When it was published to the hub (发布时间).',
  })
  publishedAt!: Date | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Date the review was completed (完成日期).' })
  completedOn!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Last change (更新时间).' })
  updatedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Version for optimistic locking (版本号).' })
  version!: number | null;
}

@InputType('ReviewFilter', { description: 'Filter for reviews (评价/审计筛选).' })
export class ReviewFilter {
  @Field(() => [FindingSource], { nullable: true, description: 'Only these sources (来源).' })
  sources?: FindingSource[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only these fiscal years (年度).' })
  fiscalYears?: number[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only about these units (单位).' })
  units?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only about these projects (项目).' })
  projects?: string[] | null;

  @Field(() => [PerformanceGrade], { nullable: true, description: 'Only these grades (等级).' })
  grades?: PerformanceGrade[] | null;
}
