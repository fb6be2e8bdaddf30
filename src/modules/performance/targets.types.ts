/** GraphQL types of performance targets (绩效目标) and pre-assessments (事前绩效评估). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { MoneyScalar } from '../../shared/scalars.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ProjectObject } from '../project/project.types.js';
import { IndicatorDirection, PreAssessmentConclusion, TargetSetState } from './performance.entity.js';

@ObjectType('PerformanceIndicator', {
  description: 'One named indicator (三级指标) under its 一级 and 二级 indicators, with target and weight.',
  simpleResolvers: true,
})
export class IndicatorObject {
  @Field(() => String, { description: '一级指标: 产出指标, 效益指标 or 满意度指标.' })
  level1!: string;
  @Field(() => String, { description: '二级指标, e.g. 数量指标, 社会效益指标, 服务对象满意度指标.' })
  level2!: string;
  @Field(() => String, { description: 'The named indicator (三级指标).' })
  name!: string;
  @Field(() => String, {
    description: 'Target value (指标值): a number, or text for a qualitative indicator.',
  })
  targetValue!: string;
  @Field(() => String, { description: 'Unit of measure (计量单位), e.g. %, 人, 亩.' })
  measureUnit!: string;
  @Field(() => IndicatorDirection, { description: 'How the target is met (指标方向).' })
  direction!: IndicatorDirection;
  @Field(() => String, { description: 'Weight in points, up to two decimals (权重).' })
  weight!: string;
  @Field(() => Boolean, { description: 'A key indicator watched by monitoring (核心指标).' })
  key!: boolean;
}

@InputType('PerformanceIndicatorInput', { description: 'One indicator of a target set (绩效指标).' })
export class IndicatorInput {
  @Field(() => String, { description: '一级指标: 产出指标, 效益指标 or 满意度指标.' })
  level1!: string;
  @Field(() => String, { description: '二级指标 belonging to the 一级指标.' })
  level2!: string;
  @Field(() => String, { description: 'Named indicator (三级指标).' })
  name!: string;
  @Field(() => String, { description: 'Target value (指标值); a number unless qualitative.' })
  targetValue!: string;
  @Field(() => String, { defaultValue: '', description: 'Unit of measure (计量单位).' })
  measureUnit!: string;
  @Field(() => IndicatorDirection, { description: 'Direction (指标方向).' })
  direction!: IndicatorDirection;
  @Field(() => String, { description: 'Weight in points (权重).' })
  weight!: string;
  @Field(() => Boolean, { defaultValue: false, description: 'Key indicator (核心指标).' })
  key!: boolean;
}

@ObjectType('CoreIndicator', {
  description: 'A suggested indicator of the core indicator library (核心指标库), per kind of project.',
  simpleResolvers: true,
})
export class CoreIndicatorObject extends IndicatorObject {
  @Field(() => String, { description: 'Kind of project it suits (项目类别).' })
  projectKind!: string;
}

@ObjectType('PerformanceTargetSet', {
  description:
    "A project's (or a unit's overall) performance targets for a budget year, one version (绩效目标). Approved " +
    'versions are never edited; an adjustment is a new version.',
  simpleResolvers: true,
})
export class TargetSetObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => OrganizationObject, { description: 'The unit (预算单位).' })
  unit!: unknown;
  @Field(() => ProjectObject, {
    nullable: true,
    description: 'The project; null for the unit overall (部门整体).',
  })
  project!: unknown;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => Int, { description: 'Version number, 1 for the first, +1 per adjustment (版本).' })
  setVersion!: number;
  @Field(() => TargetSetState, { description: 'State (状态).' })
  state!: TargetSetState;
  @Field(() => String, { description: 'Overall goal (总体目标).' })
  goal!: string;
  @Field(() => [IndicatorObject], { description: 'Indicators (绩效指标).' })
  indicators!: unknown[];
  @Field(() => String, {
    nullable: true,
    description: 'Why this version adjusts the previous one (调整原因).',
  })
  adjustReason!: string | null;
  @Field(() => String, { nullable: true, description: "Finance's reasons for returning it (退回原因)." })
  returnReason!: string | null;
  @Field(() => TargetSetObject, { nullable: true, description: 'The version this one adjusts (上一版本).' })
  previous!: unknown;
  @Field(() => String, { description: 'Drafting user (填报人).' })
  draftedBy!: string;
  @Field(() => String, { nullable: true, description: 'Reviewing user at finance (审核人).' })
  reviewedBy!: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Reviewed (审核时间).' })
  reviewedAt!: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when changing the set.' })
  version!: number;
  @Field(() => GraphQLDateTime, { description: 'Created (创建时间).' })
  createdAt!: Date;
  @Field(() => Boolean, { description: 'Whether you may edit and submit it (policy).' })
  viewerCanEdit!: boolean;
  @Field(() => Boolean, { description: 'Whether you may approve or return it (policy).' })
  viewerCanReview!: boolean;
  @Field(() => Boolean, { description: 'Whether you may propose an adjustment (policy).' })
  viewerCanAdjust!: boolean;
}

@ObjectType('PerformanceTargetSetPayload', {
  description: 'Result of a target-set step.',
  simpleResolvers: true,
})
export class TargetSetPayload {
  @Field(() => TargetSetObject, { nullable: true, description: 'The target set after the step.' })
  targetSet!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@InputType('PerformanceTargetSetDraftInput', { description: 'A first draft of targets (编制绩效目标).' })
export class TargetSetDraftInput {
  @Field(() => ID, { description: 'The project, or the unit itself for its overall targets (对象).' })
  subject!: string;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => String, { description: 'Overall goal (总体目标).' })
  goal!: string;
  @Field(() => [IndicatorInput], { description: 'Indicators (绩效指标).' })
  indicators!: IndicatorInput[];
}

@InputType('PerformanceTargetSetUpdateInput', { description: 'Changes to a draft or returned set.' })
export class TargetSetUpdateInput {
  @Field(() => ID, { description: 'The target set.' })
  id!: string;
  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
  @Field(() => String, { description: 'Overall goal (总体目标).' })
  goal!: string;
  @Field(() => [IndicatorInput], { description: 'Indicators (绩效指标).' })
  indicators!: IndicatorInput[];
}

@InputType('PerformanceTargetSetStepInput', { description: 'Submit or approve a target set.' })
export class TargetSetStepInput {
  @Field(() => ID, { description: 'The target set.' })
  id!: string;
  @Field(() => Int, { description: 'The version you read.' })
  version!: number;
}

@InputType('PerformanceTargetSetReturnInput', {
  description: 'Return a submitted set for revision (退回修改).',
})
export class TargetSetReturnInput extends TargetSetStepInput {
  @Field(() => String, { description: 'Reasons (退回原因).' })
  reason!: string;
}

@InputType('PerformanceTargetSetAdjustInput', {
  description: 'A mid-year adjustment as a new version (年中调整).',
})
export class TargetSetAdjustInput extends TargetSetUpdateInput {
  @Field(() => String, { description: 'Why the targets change (调整原因).' })
  reason!: string;
}

@ObjectType('PreAssessment', {
  description:
    "Finance's pre-assessment of a new project or policy (事前绩效评估): a conclusion and its reasons, not a grade.",
  simpleResolvers: true,
})
export class PreAssessmentObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => OrganizationObject, { description: 'The assessing agency (评估部门).' })
  agency!: unknown;
  @Field(() => OrganizationObject, { description: 'The unit proposing it (申报单位).' })
  unit!: unknown;
  @Field(() => ProjectObject, { nullable: true, description: 'The project, where it exists in the hub.' })
  project!: unknown;
  @Field(() => String, { description: 'Name of the proposed project or policy (项目/政策名称).' })
  subjectName!: string;
  @Field(() => Int, { description: 'Budget year applied for (申报预算年度).' })
  budgetYear!: number;
  @Field(() => MoneyScalar, { description: 'Funds requested, yuan (申请金额).' })
  requestedAmount!: string;
  @Field(() => Boolean, {
    description: 'At or above the threshold that requires a pre-assessment (达到评估门槛).',
  })
  aboveThreshold!: boolean;
  @Field(() => PreAssessmentConclusion, { description: 'Conclusion (评估结论).' })
  conclusion!: PreAssessmentConclusion;
  @Field(() => String, { description: 'Reasons (评估理由).' })
  reasons!: string;
  @Field(() => String, { nullable: true, description: 'Document number (文号).' })
  documentRef!: string | null;
  @Field(() => String, { description: 'Assessing user (评估人).' })
  assessedBy!: string;
  @Field(() => GraphQLDateTime, { description: 'Recorded (记录时间).' })
  createdAt!: Date;
}

@InputType('PreAssessmentRecordInput', { description: 'A pre-assessment to record (登记事前绩效评估).' })
export class PreAssessmentRecordInput {
  @Field(() => ID, { description: 'The unit proposing it (申报单位).' })
  unit!: string;
  @Field(() => ID, { nullable: true, description: 'The project, if it exists in the hub.' })
  project?: string | null;
  @Field(() => String, { description: 'Name of the project or policy (项目/政策名称).' })
  subjectName!: string;
  @Field(() => Int, { description: 'Budget year (预算年度).' })
  budgetYear!: number;
  @Field(() => MoneyScalar, { description: 'Funds requested, yuan (申请金额).' })
  requestedAmount!: string;
  @Field(() => PreAssessmentConclusion, { description: 'Conclusion (评估结论).' })
  conclusion!: PreAssessmentConclusion;
  @Field(() => String, { description: 'Reasons (评估理由).' })
  reasons!: string;
  @Field(() => String, { nullable: true, description: 'Document number (文号).' })
  documentRef?: string | null;
}

@ObjectType('PreAssessmentPayload', {
  description: 'Result of recording a pre-assessment.',
  simpleResolvers: true,
})
export class PreAssessmentPayload {
  @Field(() => PreAssessmentObject, { nullable: true, description: 'The pre-assessment recorded.' })
  preAssessment!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
