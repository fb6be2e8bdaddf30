import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { FindingSource, registerDescribedEnum } from '../../shared/enums.js';
import { BaseEntity } from '../../shared/base.entity.js';
import { Finding } from '../finding/finding.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Review } from '../review/review.entity.js';

export enum RecognitionDecision {
  RECOGNISED = 'RECOGNISED',
  PARTLY_RECOGNISED = 'PARTLY_RECOGNISED',
  NOT_RECOGNISED = 'NOT_RECOGNISED',
}
registerDescribedEnum(
  RecognitionDecision,
  'RecognitionDecision',
  "An agency's decision on another agency's result (采信决定).",
  {
    RECOGNISED: 'Recognised in full (采信).',
    PARTLY_RECOGNISED: 'Recognised in part, within the accepted scope (部分采信).',
    NOT_RECOGNISED: 'Not recognised, with a reason (不予采信).',
  },
);

export enum RecognitionScopeItem {
  CONCLUSION = 'CONCLUSION',
  AMOUNTS = 'AMOUNTS',
  INDICATOR_SCORES = 'INDICATOR_SCORES',
  FINDINGS = 'FINDINGS',
}
registerDescribedEnum(
  RecognitionScopeItem,
  'RecognitionScopeItem',
  'What part of a result a partial recognition accepts (采信范围).',
  {
    CONCLUSION: 'The conclusion, grade or opinion (结论).',
    AMOUNTS: 'The amounts established (金额认定).',
    INDICATOR_SCORES: 'The indicator scores of a performance evaluation (指标得分).',
    FINDINGS: 'The findings named in `scopeFindings` (所列问题).',
  },
);

export enum RecognitionStatus {
  CURRENT = 'CURRENT',
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerDescribedEnum(
  RecognitionStatus,
  'RecognitionStatus',
  'Whether a decision is the one in force (采信决定状态).',
  {
    CURRENT: 'The decision in force for this agency and result (现行).',
    SUPERSEDED: 'Replaced by a later decision of the same agency (已被替代).',
    WITHDRAWN: 'Withdrawn by the recognising agency (已撤回).',
  },
);

export enum ConsultationState {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  ESCALATED = 'ESCALATED',
  CONCLUDED = 'CONCLUDED',
}
registerDescribedEnum(ConsultationState, 'ConsultationState', 'State of a consultation (会商状态).', {
  OPEN: 'Opened with one position, awaiting the other agency (已发起).',
  ANSWERED: 'Both agencies have stated their positions (双方已表态).',
  ESCALATED: 'Unresolved, escalated to the district government (已提请区政府协调).',
  CONCLUDED: 'Concluded with an outcome (已形成会商结论).',
});

/**
 * 采信登记: one agency's decision on another agency's review or finding. Rows are never edited except
 * to mark them superseded or withdrawn: a later decision is a new row, so the history is complete.
 * At most one CURRENT row per (agency, target): a partial unique index.
 */
@Entity({ tableName: 'recognition' })
@Index({
  name: 'recognition_current_unique',
  expression: `create unique index "recognition_current_unique" on "recognition" ("agency_id", "target_key") where "status" = 'CURRENT'`,
})
@Index({ properties: ['targetAgency', 'id'] })
@Index({ properties: ['agency', 'id'] })
@Index({ properties: ['targetKey', 'agency'] })
export class Recognition extends BaseEntity {
  /** The recognising agency. */
  @ManyToOne(() => Organization)
  agency!: Organization;

  /** Its source at the time (the organisation table does not say which agency is which). */
  @Enum({ items: () => FindingSource, type: 'text' })
  agencySource!: FindingSource;

  /** 'R:<review id>' or 'F:<finding id>'. */
  @Property({ type: 'text' })
  targetKey!: string;

  @ManyToOne(() => Review, { nullable: true })
  @Index()
  review?: Review | null;

  @ManyToOne(() => Finding, { nullable: true })
  @Index()
  finding?: Finding | null;

  /** The target's author. */
  @ManyToOne(() => Organization)
  targetAgency!: Organization;

  @Enum({ items: () => RecognitionDecision, type: 'text' })
  decision!: RecognitionDecision;

  /** PARTLY_RECOGNISED: what is accepted. */
  @Property({ type: 'jsonb', nullable: true })
  scope?: RecognitionScopeItem[] | null;

  /** Findings accepted by name (scope FINDINGS), db ids. */
  @Property({ type: 'jsonb', nullable: true })
  scopeFindingIds?: number[] | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** 文号 of the document the decision was made in. */
  @Property({ type: 'text' })
  documentRef!: string;

  @Property({ type: 'date', nullable: true })
  validFrom?: string | null;

  @Property({ type: 'date', nullable: true })
  validUntil?: string | null;

  @Enum({ items: () => RecognitionStatus, type: 'text' })
  status!: RecognitionStatus;

  @ManyToOne(() => Recognition, { nullable: true })
  supersedes?: Recognition | null;

  @Property({ type: 'text' })
  decidedBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  withdrawReason?: string | null;
}

/**
 * 会商: a disagreement about one recognition decision between the recognising agency and the
 * target's author, with both positions, escalation to the district government and the outcome.
 */
@Entity({ tableName: 'consultation' })
@Index({
  name: 'consultation_unconcluded_unique',
  expression: `create unique index "consultation_unconcluded_unique" on "consultation" ("recognition_id") where "state" <> 'CONCLUDED'`,
})
export class Consultation extends BaseEntity {
  @ManyToOne(() => Recognition)
  @Index()
  recognition!: Recognition;

  /** The two parties: the recognising agency and the author of the result. */
  @ManyToOne(() => Organization)
  recognisingAgency!: Organization;

  @ManyToOne(() => Organization)
  authorAgency!: Organization;

  @ManyToOne(() => Organization)
  openedBy!: Organization;

  @Property({ type: 'text' })
  question!: string;

  @Property({ type: 'text', nullable: true })
  recognisingPosition?: string | null;

  @Property({ type: 'text', nullable: true })
  authorPosition?: string | null;

  @Enum({ items: () => ConsultationState, type: 'text' })
  state!: ConsultationState;

  @ManyToOne(() => Organization, { nullable: true })
  escalatedTo?: Organization | null;

  @Property({ type: 'text', nullable: true })
  escalationReason?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  escalatedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  outcome?: string | null;

  @ManyToOne(() => Organization, { nullable: true })
  concludedBy?: Organization | null;

  @Property({ type: 'timestamptz', nullable: true })
  concludedAt?: Date | null;

  /** Every step as {at, type, actor, user, text}, oldest first (会商记录). */
  @Property({ type: 'jsonb' })
  log!: Record<string, unknown>[];
}

/**
 * 同一问题: findings of several agencies about one problem of one unit, linked so that statistics
 * count the problem once and it is rectified once. Membership lives in finding_group_member.
 */
@Entity({ tableName: 'finding_group' })
export class FindingGroup extends BaseEntity {
  @ManyToOne(() => Organization)
  @Index()
  unit!: Organization;

  @ManyToOne(() => Organization)
  createdBy!: Organization;

  @Property({ type: 'text' })
  createdByUser!: string;

  /** Set when unlinking left fewer than two findings. */
  @Property({ type: 'timestamptz', nullable: true })
  dissolvedAt?: Date | null;
}

/** A finding in a group: at most one group per finding, one primary per group. */
@Entity({ tableName: 'finding_group_member' })
@Index({
  name: 'finding_group_member_primary_unique',
  expression: `create unique index "finding_group_member_primary_unique" on "finding_group_member" ("group_id") where "is_primary"`,
})
export class FindingGroupMember {
  @ManyToOne(() => Finding, { primary: true, deleteRule: 'cascade' })
  finding!: Finding;

  @ManyToOne(() => FindingGroup, { deleteRule: 'cascade' })
  @Index()
  group!: FindingGroup;

  @Property({ type: 'boolean', default: false })
  isPrimary: boolean = false;

  @ManyToOne(() => Organization)
  linkedBy!: Organization;

  @Property({ type: 'text' })
  linkedByUser!: string;

  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  linkedAt: Date = new Date();
}

/** Every link, unlink, change of primary and dissolution of a group, with who and why (immutable). */
@Entity({ tableName: 'finding_group_event' })
@Index({ properties: ['group', 'id'] })
export class FindingGroupEvent {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => FindingGroup, { deleteRule: 'cascade' })
  group!: FindingGroup;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  /** LINKED, UNLINKED, PRIMARY_SET, DISSOLVED. */
  @Property({ type: 'text' })
  type!: string;

  /** The finding concerned (kept as a plain id: the history outlives a deleted finding). */
  @Property({ type: 'integer', nullable: true })
  findingId?: number | null;

  @ManyToOne(() => Organization)
  actor!: Organization;

  @Property({ type: 'text' })
  actorUser!: string;

  @Property({ type: 'text' })
  reason!: string;
}

export enum InspectionKind {
  AUDIT = 'AUDIT',
  KEY_PERFORMANCE_EVALUATION = 'KEY_PERFORMANCE_EVALUATION',
  INSPECTION = 'INSPECTION',
  SPECIAL_CHECK = 'SPECIAL_CHECK',
  SUPERVISION = 'SUPERVISION',
}
registerDescribedEnum(InspectionKind, 'InspectionKind', 'Kind of planned inspection (检查类型).', {
  AUDIT: 'Audit (审计).',
  KEY_PERFORMANCE_EVALUATION: 'Key performance evaluation (重点绩效评价).',
  INSPECTION: 'Inspection of investment projects (稽察).',
  SPECIAL_CHECK: 'Special check (专项检查).',
  SUPERVISION: 'Supervision and inspection (监督检查).',
});

/**
 * 监督检查计划: an agency's planned inspection of a subject (unit, project or policy) in a year, with
 * the period examined, the scope and the planned months. Other agencies' plans for the same subject
 * in overlapping months, and the agency's own recognitions in force on the subject, are warnings.
 */
@Entity({ tableName: 'inspection_plan' })
@Index({ properties: ['planYear', 'subjectKey'] })
export class InspectionPlan extends BaseEntity {
  @ManyToOne(() => Organization)
  agency!: Organization;

  @Enum({ items: () => FindingSource, type: 'text' })
  agencySource!: FindingSource;

  @Property({ type: 'smallint' })
  planYear!: number;

  /** 'U:<unit id>', 'P:<project id>' or 'Y:<policy id>'. */
  @Property({ type: 'text' })
  subjectKey!: string;

  /** The unit concerned: the unit itself, or the project's owner unit. */
  @ManyToOne(() => Organization)
  unit!: Organization;

  @Enum({ items: () => InspectionKind, type: 'text' })
  kind!: InspectionKind;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'smallint' })
  periodFrom!: number;

  @Property({ type: 'smallint' })
  periodTo!: number;

  /** Planned months of the plan year, 1-12. */
  @Property({ type: 'jsonb' })
  months!: number[];

  @Property({ type: 'text' })
  registeredBy!: string;

  /**
   * Set when this plan joined another agency's plan as a participant of a joint inspection (联合检查)
   * led by that agency; one level only (a lead is never itself a participant).
   */
  @ManyToOne(() => InspectionPlan, { nullable: true, deleteRule: 'set null' })
  jointLead?: InspectionPlan;

  @Property({ type: 'timestamptz', nullable: true })
  jointAt?: Date;
}
