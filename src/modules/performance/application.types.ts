/** GraphQL types of result application (结果应用): proposals, decisions, rule sets. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { MoneyScalar } from '../../shared/scalars.js';
import { registerDescribedEnum } from '../../shared/enums.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ProjectObject } from '../project/project.types.js';
import { ReviewObject } from '../review/review.types.js';
import { BudgetAction } from './performance.entity.js';
import { SelfEvaluationObject } from './evaluation.types.js';
import { WarningLevelEnum } from './monitoring.types.js';

export enum ResultKind {
  RESCORE = 'RESCORE',
  REVIEW = 'REVIEW',
  SELF = 'SELF',
}
registerDescribedEnum(ResultKind, 'ResultKind', 'Which result a proposal rests on (结果来源).', {
  RESCORE: "Finance's spot-check re-score (财政抽查复核).",
  REVIEW: "Finance's (or its evaluator's) evaluation (财政评价).",
  SELF: "The unit's self-evaluation (单位自评).",
});

@ObjectType('BudgetDecision', {
  description: 'The budget decision finance took (预算安排决定).',
  simpleResolvers: true,
})
export class BudgetDecisionObject {
  @Field(() => ID, { description: 'Opaque id.' })
  id!: string;
  @Field(() => ProjectObject, { description: 'The project (项目).' })
  project!: unknown;
  @Field(() => OrganizationObject, { description: 'The unit (单位).' })
  unit!: unknown;
  @Field(() => Int, { description: 'Budget year decided (预算年度).' })
  budgetYear!: number;
  @Field(() => Int, { description: 'Result year applied (结果年度).' })
  resultYear!: number;
  @Field(() => Int, { description: 'Rule version of the proposal decided on (规则版本).' })
  ruleVersion!: number;
  @Field(() => BudgetAction, { description: 'Proposed action (建议意见).' })
  proposedAction!: BudgetAction;
  @Field(() => MoneyScalar, { description: 'Proposed amount, yuan (建议金额).' })
  proposedAmount!: string;
  @Field(() => BudgetAction, { description: 'Action decided (决定意见).' })
  action!: BudgetAction;
  @Field(() => MoneyScalar, { description: 'Amount decided, yuan (决定金额).' })
  amount!: string;
  @Field(() => String, { nullable: true, description: 'Why it differs from the proposal (调整理由).' })
  reason!: string | null;
  @Field(() => Boolean, { description: 'Whether it differs from the proposal (与建议不一致).' })
  overridden!: boolean;
  @Field(() => OrganizationObject, { description: 'Deciding agency (决定部门).' })
  agency!: unknown;
  @Field(() => String, { description: 'Deciding user (经办人).' })
  decidedBy!: string;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it to change the decision.' })
  version!: number;
  @Field(() => GraphQLDateTime, { description: 'Last changed (决定时间).' })
  updatedAt!: Date;
}

@ObjectType('BudgetProposal', {
  description:
    'The hub’s proposal for a project’s budget in year N+2 from its year-N results (结果应用建议), with the ' +
    'explanation naming the results, grade, warnings and rectifications it used, and the decision taken.',
  simpleResolvers: true,
})
export class BudgetProposalObject {
  @Field(() => ProjectObject, { description: 'The project (项目).' })
  project!: unknown;
  @Field(() => OrganizationObject, { description: 'The unit (单位).' })
  unit!: unknown;
  @Field(() => Int, { description: 'Result year (结果年度).' })
  resultYear!: number;
  @Field(() => Int, { description: 'Budget year proposed for (预算年度).' })
  budgetYear!: number;
  @Field(() => Int, { description: 'Rule version used (规则版本).' })
  ruleVersion!: number;
  @Field(() => MoneyScalar, { description: 'Current budget, yuan (现有预算).' })
  budgetAmount!: string;
  @Field(() => ResultKind, { nullable: true, description: 'Result used (结果来源).' })
  resultKind!: string | null;
  @Field(() => String, { nullable: true, description: 'Score used (得分).' })
  score!: string | null;
  @Field(() => String, { nullable: true, description: 'Grade band, e.g. 优 (等次).' })
  grade!: string | null;
  @Field(() => ReviewObject, { nullable: true, description: 'The review used (所用评价).' })
  resultReview!: unknown;
  @Field(() => SelfEvaluationObject, {
    nullable: true,
    description: 'The self-evaluation of the year (自评).',
  })
  selfEvaluation!: unknown;
  @Field(() => WarningLevelEnum, { description: 'Monitoring warning of the year (监控预警).' })
  monitoringLevel!: string;
  @Field(() => Int, { description: 'Overdue rectifications of the unit (逾期未整改问题数).' })
  overdueRectifications!: number;
  @Field(() => BudgetAction, { description: 'Proposed action (建议意见).' })
  action!: BudgetAction;
  @Field(() => MoneyScalar, { description: 'Cut by the grade, yuan (压减金额).' })
  reduceAmount!: string;
  @Field(() => MoneyScalar, { description: 'Held back for overdue rectifications, yuan (暂扣金额).' })
  holdBackAmount!: string;
  @Field(() => MoneyScalar, { description: 'Proposed amount, yuan (建议安排).' })
  proposedAmount!: string;
  @Field(() => Int, {
    nullable: true,
    description: "Points towards the unit's annual assessment (考核计分).",
  })
  assessmentPoints!: number | null;
  @Field(() => String, { description: 'Why, in Chinese (说明).' })
  explanation!: string;
  @Field(() => BudgetDecisionObject, {
    nullable: true,
    description: 'The decision taken, if any (财政决定).',
  })
  decision!: unknown;
}

@InputType('BudgetProposalFilter', { description: 'Which proposals (筛选).' })
export class BudgetProposalFilter {
  @Field(() => ID, { nullable: true, description: 'One unit (单位).' })
  unit?: string | null;
  @Field(() => [BudgetAction], { nullable: true, description: 'Proposed actions (建议意见).' })
  actions?: BudgetAction[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Decided or not (是否已决定).' })
  decided?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Decided differently from the proposal (是否调整).' })
  overridden?: boolean | null;
}

@ObjectType('UnitAssessmentContribution', {
  description: "Result application's contribution to a unit's annual assessment (单位绩效考核计分).",
  simpleResolvers: true,
})
export class UnitAssessmentObject {
  @Field(() => OrganizationObject, { description: 'The unit (单位).' })
  unit!: unknown;
  @Field(() => Int, { description: 'Projects with a result (项目数).' })
  projects!: number;
  @Field(() => String, { description: 'Average points over the projects, two decimals (平均计分).' })
  points!: string;
}

@InputType('BudgetDecisionRecordInput', { description: 'The decision finance took (登记预算安排决定).' })
export class BudgetDecisionRecordInput {
  @Field(() => ID, { description: 'The project (项目).' })
  project!: string;
  @Field(() => Int, { description: 'Result year applied (结果年度); the budget year is two later.' })
  resultYear!: number;
  @Field(() => BudgetAction, { description: 'Action decided (决定意见).' })
  action!: BudgetAction;
  @Field(() => MoneyScalar, { description: 'Amount decided, yuan (决定金额).' })
  amount!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Required when it differs from the proposal (调整理由).',
  })
  reason?: string | null;
  @Field(() => Int, { nullable: true, description: 'The decision version read, when changing one.' })
  version?: number | null;
}

@ObjectType('BudgetDecisionPayload', {
  description: 'Result of recording a decision.',
  simpleResolvers: true,
})
export class BudgetDecisionPayload {
  @Field(() => BudgetProposalObject, { nullable: true, description: 'The proposal with its decision.' })
  proposal!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('ApplicationBand', { description: 'One band of the rules (等次规则).', simpleResolvers: true })
export class BandObject {
  @Field(() => String, { description: 'Band, e.g. 优 (等次).' })
  label!: string;
  @Field(() => String, { description: 'Lowest score in the band (最低分).' })
  minScore!: string;
  @Field(() => BudgetAction, { description: 'Action (预算意见).' })
  action!: BudgetAction;
  @Field(() => String, { description: 'Share cut, percent (压减比例).' })
  reducePercent!: string;
  @Field(() => Int, { description: 'Assessment points (考核计分).' })
  assessmentPoints!: number;
}

@InputType('ApplicationBandInput', { description: 'One band of the rules (等次规则).' })
export class BandInput {
  @Field(() => String, { description: 'Band, e.g. 优 (等次).' })
  label!: string;
  @Field(() => String, { description: 'Lowest score in the band (最低分).' })
  minScore!: string;
  @Field(() => BudgetAction, { description: 'Action (预算意见).' })
  action!: BudgetAction;
  @Field(() => String, { description: 'Share cut, percent, up to two decimals (压减比例).' })
  reducePercent!: string;
  @Field(() => Int, { description: 'Assessment points (考核计分).' })
  assessmentPoints!: number;
}

@ObjectType('ApplicationRuleSet', {
  description: 'A version of the result-application rules (结果应用规则).',
  simpleResolvers: true,
})
export class RuleSetObject {
  @Field(() => Int, { description: 'Version (版本).' })
  ruleVersion!: number;
  @Field(() => [BandObject], { description: 'Bands, highest first (等次).' })
  bands!: unknown[];
  @Field(() => String, {
    description: 'Held back per project while the unit has overdue rectifications, percent (暂扣比例).',
  })
  holdBackPercent!: string;
  @Field(() => String, { description: 'Basis (依据说明).' })
  note!: string;
  @Field(() => String, { nullable: true, description: 'Publishing user; null for the built-in default.' })
  publishedBy!: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Published; null for the built-in default.' })
  createdAt!: Date | null;
}

@InputType('ApplicationRuleSetPublishInput', {
  description: 'A new version of the rules (发布结果应用规则).',
})
export class RuleSetPublishInput {
  @Field(() => [BandInput], { description: 'Bands, highest first; the last starts at 0.' })
  bands!: BandInput[];
  @Field(() => String, { description: 'Held back while overdue rectifications, percent (暂扣比例).' })
  holdBackPercent!: string;
  @Field(() => String, { description: 'Basis (依据说明).' })
  note!: string;
}

@ObjectType('ApplicationRuleSetPayload', {
  description: 'Result of publishing rules.',
  simpleResolvers: true,
})
export class RuleSetPayload {
  @Field(() => RuleSetObject, { nullable: true, description: 'The version published.' })
  ruleSet!: unknown;
  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
