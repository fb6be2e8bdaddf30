/**
 * Tables of the budget-performance chain (全过程预算绩效管理): target sets (绩效目标, versioned), pre-
 * assessments (事前绩效评估), monitoring records and finance's actions (双监控), self-evaluations and
 * spot checks (自评 + 抽查复核), result-application rule sets and budget decisions (结果应用).
 * Entities describe the tables for migrations only; every statement is in the module's *.repo.ts.
 */
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { registerDescribedEnum } from '../../shared/enums.js';
import { BaseEntity } from '../../shared/base.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { Review } from '../review/review.entity.js';
import { Finding } from '../finding/finding.entity.js';

export enum TargetSetState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  SUPERSEDED = 'SUPERSEDED',
}
registerDescribedEnum(TargetSetState, 'TargetSetState', 'State of a target set (绩效目标状态).', {
  DRAFT: 'Drafted by the unit, not yet submitted (草稿).',
  SUBMITTED: 'Submitted with the budget, awaiting the finance review (已报送待审核).',
  RETURNED: 'Returned by finance for revision, with reasons (退回修改).',
  APPROVED: 'Approved with the budget; the version in force (审核通过).',
  SUPERSEDED: 'Replaced by an approved adjustment (已被调整替代).',
});

export enum IndicatorDirection {
  AT_LEAST = 'AT_LEAST',
  AT_MOST = 'AT_MOST',
  EQUAL = 'EQUAL',
  QUALITATIVE = 'QUALITATIVE',
}
registerDescribedEnum(IndicatorDirection, 'IndicatorDirection', 'How a target value is met (指标方向).', {
  AT_LEAST: 'At least the target value (≥).',
  AT_MOST: 'At most the target value (≤).',
  EQUAL: 'Equal to the target value (=).',
  QUALITATIVE: 'A qualitative target (定性).',
});

export enum PreAssessmentConclusion {
  SUPPORT = 'SUPPORT',
  SUPPORT_AFTER_ADJUSTMENT = 'SUPPORT_AFTER_ADJUSTMENT',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
}
registerDescribedEnum(
  PreAssessmentConclusion,
  'PreAssessmentConclusion',
  'Conclusion of a pre-assessment (事前绩效评估结论); not a grade.',
  {
    SUPPORT: 'Support (予以支持).',
    SUPPORT_AFTER_ADJUSTMENT: 'Support after adjustment (调整后予以支持).',
    NOT_SUPPORTED: 'Not supported (不予支持).',
  },
);

export enum MonitoringActionKind {
  REMIND = 'REMIND',
  INTERVIEW = 'INTERVIEW',
  SUSPEND_PAYMENT = 'SUSPEND_PAYMENT',
  ADJUST_BUDGET = 'ADJUST_BUDGET',
}
registerDescribedEnum(
  MonitoringActionKind,
  'MonitoringActionKind',
  'What finance did about a monitoring warning (预警处置).',
  {
    REMIND: 'Reminded the unit (提醒).',
    INTERVIEW: 'Interviewed the unit (约谈).',
    SUSPEND_PAYMENT: 'Suspended payments (暂缓拨付).',
    ADJUST_BUDGET: 'Adjusted the budget (调整预算).',
  },
);

export enum SelfEvaluationState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
}
registerDescribedEnum(SelfEvaluationState, 'SelfEvaluationState', 'State of a self-evaluation (自评状态).', {
  DRAFT: 'Being prepared by the unit (草稿).',
  SUBMITTED: 'Submitted to finance (已报送).',
});

export enum BudgetAction {
  PRIORITY = 'PRIORITY',
  SUPPORT = 'SUPPORT',
  REDUCE = 'REDUCE',
  CANCEL = 'CANCEL',
}
registerDescribedEnum(BudgetAction, 'BudgetAction', 'Budget action for a project (预算安排意见).', {
  PRIORITY: 'Priority support (优先保障).',
  SUPPORT: 'Support (予以支持).',
  REDUCE: 'Reduce by a share (压减).',
  CANCEL: 'Cancel or suspend (取消或暂停).',
});

/** A project's (or a unit's overall) targets for a budget year, one row per version. */
@Entity({ tableName: 'performance_target_set' })
@Unique({ properties: ['subjectKey', 'budgetYear', 'setVersion'] })
@Index({
  name: 'performance_target_set_approved_unique',
  expression: `create unique index "performance_target_set_approved_unique" on "performance_target_set" ("subject_key", "budget_year") where "state" = 'APPROVED'`,
})
@Index({ properties: ['unit', 'budgetYear'] })
export class PerformanceTargetSet extends BaseEntity {
  /** 'P:<project id>' or 'U:<unit id>' (部门整体). */
  @Property({ type: 'text' })
  subjectKey!: string;

  @ManyToOne(() => Organization)
  unit!: Organization;

  @ManyToOne(() => Project, { nullable: true })
  @Index()
  project?: Project | null;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  /** 1 for the first approved set; an adjustment (调整) is the next number. */
  @Property({ type: 'integer' })
  setVersion!: number;

  @Enum({ items: () => TargetSetState, type: 'text' })
  state!: TargetSetState;

  @Property({ type: 'text' })
  goal!: string;

  /** [{ level1, level2, name, targetValue, measureUnit, direction, weight, key }] */
  @Property({ type: 'jsonb' })
  indicators!: unknown;

  /** Why this version adjusts the previous one (调整原因). */
  @Property({ type: 'text', nullable: true })
  adjustReason?: string | null;

  /** Finance's reasons when returning it (退回原因). */
  @Property({ type: 'text', nullable: true })
  returnReason?: string | null;

  @ManyToOne(() => PerformanceTargetSet, { nullable: true })
  previous?: PerformanceTargetSet | null;

  @Property({ type: 'text' })
  draftedBy!: string;

  @Property({ type: 'text', nullable: true })
  reviewedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;
}

/** Finance's pre-assessment of a new project or policy (事前绩效评估). */
@Entity({ tableName: 'pre_assessment' })
@Index({ properties: ['budgetYear', 'unit'] })
export class PreAssessment extends BaseEntity {
  @ManyToOne(() => Organization)
  agency!: Organization;

  @ManyToOne(() => Organization)
  unit!: Organization;

  @ManyToOne(() => Project, { nullable: true })
  project?: Project | null;

  /** The proposal's name (a new project may not exist in the hub yet). */
  @Property({ type: 'text' })
  subjectName!: string;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  /** Funds requested, yuan. */
  @Property({ type: 'decimal', precision: 18, scale: 2 })
  requestedAmount!: string;

  @Enum({ items: () => PreAssessmentConclusion, type: 'text' })
  conclusion!: PreAssessmentConclusion;

  @Property({ type: 'text' })
  reasons!: string;

  @Property({ type: 'text', nullable: true })
  documentRef?: string | null;

  @Property({ type: 'text' })
  assessedBy!: string;
}

/** Spending and indicator progress of a project as of a date (执行监控数据). */
@Entity({ tableName: 'monitoring_record' })
@Unique({ properties: ['project', 'budgetYear', 'asOf'] })
export class MonitoringRecord extends BaseEntity {
  @ManyToOne(() => Project)
  project!: Project;

  @ManyToOne(() => Organization)
  @Index()
  unit!: Organization;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  @Property({ type: 'date' })
  asOf!: string;

  /** Budget of the year, yuan. */
  @Property({ type: 'decimal', precision: 18, scale: 2 })
  budgetAmount!: string;

  /** Paid to date (treasury), yuan. */
  @Property({ type: 'decimal', precision: 18, scale: 2 })
  paidAmount!: string;

  /** [{ name, value }] values to date of the approved set's indicators. */
  @Property({ type: 'jsonb' })
  indicatorValues!: unknown;

  @ManyToOne(() => Organization)
  enteredByOrg!: Organization;

  @Property({ type: 'text' })
  enteredBy!: string;
}

/** What finance did about a project's warning (预警处置记录); append-only. */
@Entity({ tableName: 'monitoring_action' })
@Index({ properties: ['project', 'budgetYear'] })
export class MonitoringAction extends BaseEntity {
  @ManyToOne(() => Project)
  project!: Project;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  @Enum({ items: () => MonitoringActionKind, type: 'text' })
  action!: MonitoringActionKind;

  @Property({ type: 'text' })
  note!: string;

  /** The warning level and reasons when the action was taken (snapshot). */
  @Property({ type: 'text' })
  level!: string;

  @Property({ type: 'jsonb' })
  reasons!: unknown;

  @ManyToOne(() => Organization)
  agency!: Organization;

  @Property({ type: 'text' })
  recordedBy!: string;
}

/** A unit's self-evaluation (自评) of a project or of its overall performance. */
@Entity({ tableName: 'self_evaluation' })
@Unique({ properties: ['subjectKey', 'budgetYear'] })
@Index({ properties: ['unit', 'budgetYear'] })
export class SelfEvaluation extends BaseEntity {
  @Property({ type: 'text' })
  subjectKey!: string;

  @ManyToOne(() => Organization)
  unit!: Organization;

  @ManyToOne(() => Project, { nullable: true })
  @Index()
  project?: Project | null;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  @Property({ type: 'decimal', precision: 5, scale: 2 })
  score!: string;

  /** [{ name, target, actual, score }] */
  @Property({ type: 'jsonb' })
  indicatorResults!: unknown;

  @Property({ type: 'text' })
  summary!: string;

  @Enum({ items: () => SelfEvaluationState, type: 'text' })
  state!: SelfEvaluationState;

  @ManyToOne(() => PerformanceTargetSet, { nullable: true })
  targetSet?: PerformanceTargetSet | null;

  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;
}

/** A spot-check sample drawn by finance (抽查复核). */
@Entity({ tableName: 'spot_check' })
@Index({ properties: ['budgetYear'] })
export class SpotCheck extends BaseEntity {
  @ManyToOne(() => Organization)
  agency!: Organization;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  /** Share drawn, in basis points of the submitted self-evaluations. */
  @Property({ type: 'integer' })
  shareBp!: number;

  @Property({ type: 'integer' })
  seed!: number;

  /** Deviation (points) above which a finding is made. */
  @Property({ type: 'decimal', precision: 5, scale: 2 })
  threshold!: string;

  @Property({ type: 'text' })
  drawnBy!: string;
}

/** One sampled self-evaluation, its re-score and what followed. */
@Entity({ tableName: 'spot_check_item' })
@Unique({ properties: ['spotCheck', 'selfEvaluation'] })
export class SpotCheckItem extends BaseEntity {
  @ManyToOne(() => SpotCheck)
  spotCheck!: SpotCheck;

  @ManyToOne(() => SelfEvaluation)
  @Index()
  selfEvaluation!: SelfEvaluation;

  /** Sampling weight, for the record (why it was likely to be drawn). */
  @Property({ type: 'text' })
  weightNote!: string;

  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  rescore?: string | null;

  /** Finance's re-score as a review (抽查复核). */
  @ManyToOne(() => Review, { nullable: true })
  rescoreReview?: Review | null;

  /** 自评结果与实际不符, when the deviation exceeds the threshold. */
  @ManyToOne(() => Finding, { nullable: true })
  finding?: Finding | null;

  @Property({ type: 'text', nullable: true })
  rescoredBy?: string | null;
}

/** A version of the result-application rules (结果应用规则). */
@Entity({ tableName: 'application_rule_set' })
export class ApplicationRuleSet extends BaseEntity {
  @Property({ type: 'integer' })
  @Unique()
  ruleVersion!: number;

  @Property({ type: 'jsonb' })
  rules!: unknown;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text' })
  publishedBy!: string;
}

/** The budget decision finance took for a project and budget year (预算安排决定). */
@Entity({ tableName: 'budget_decision' })
@Unique({ properties: ['project', 'budgetYear'] })
@Index({ properties: ['budgetYear', 'unit'] })
export class BudgetDecision extends BaseEntity {
  @ManyToOne(() => Project)
  project!: Project;

  @ManyToOne(() => Organization)
  unit!: Organization;

  @Property({ type: 'smallint' })
  budgetYear!: number;

  @Property({ type: 'smallint' })
  resultYear!: number;

  @Property({ type: 'integer' })
  ruleVersion!: number;

  @Enum({ items: () => BudgetAction, type: 'text' })
  proposedAction!: BudgetAction;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  proposedAmount!: string;

  @Enum({ items: () => BudgetAction, type: 'text' })
  action!: BudgetAction;

  @Property({ type: 'decimal', precision: 18, scale: 2 })
  amount!: string;

  /** Required when the decision differs from the proposal (调整理由). */
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @ManyToOne(() => Organization)
  agency!: Organization;

  @Property({ type: 'text' })
  decidedBy!: string;
}
