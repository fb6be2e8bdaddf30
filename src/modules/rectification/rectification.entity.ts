import { Entity, Enum, Index, ManyToOne, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { registerDescribedEnum } from '../../shared/enums.js';
import { BaseEntity } from '../../shared/base.entity.js';
import { Finding } from '../finding/finding.entity.js';
import { Organization } from '../organization/organization.entity.js';

export enum RectificationState {
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  CLOSED = 'CLOSED',
}
registerDescribedEnum(
  RectificationState,
  'RectificationState',
  'State of a rectification task (整改状态). Overdue is derived, never stored.',
  {
    ASSIGNED: 'Assigned, not started (待整改).',
    IN_PROGRESS: 'In progress (整改中).',
    SUBMITTED: 'Submitted, awaiting verification by every supervisor (已提交待核验).',
    RETURNED: 'Returned by a supervisor with a reason (退回).',
    CLOSED: 'Closed: every supervisor approved (已销号).',
  },
);

export enum RectificationKind {
  IMMEDIATE = 'IMMEDIATE',
  DEADLINE = 'DEADLINE',
  LONG_TERM = 'LONG_TERM',
}
registerDescribedEnum(RectificationKind, 'RectificationKind', 'Kind of rectification (整改类型).', {
  IMMEDIATE: 'At once (立行立改).',
  DEADLINE: 'In stages, by a deadline (分阶段整改（限期整改）).',
  LONG_TERM: 'Long-term, tracked by stages with the next milestone (持续整改).',
});

export enum VerificationConclusion {
  RECTIFIED = 'RECTIFIED',
  PARTLY = 'PARTLY',
  CONTINUING = 'CONTINUING',
  NOT_RECTIFIED = 'NOT_RECTIFIED',
}
registerDescribedEnum(
  VerificationConclusion,
  'VerificationConclusion',
  "A verifier's finding at a deadline (核验结论).",
  {
    RECTIFIED: 'Rectified, evidence sufficient (已整改).',
    PARTLY:
      'Partly rectified: the task goes back to the unit, in progress, with what remains as the reason; ' +
      'its findings show PARTLY until the next submission (部分整改).',
    CONTINUING: 'Accepted as long-term; stays open, not overdue while milestones are met (持续整改).',
    NOT_RECTIFIED: 'Not rectified: keep pressing (未整改).',
  },
);

/** 整改任务: one per problem (or linked group of problems), supervised by every agency that found it. */
@Entity({ tableName: 'rectification' })
@Index({ properties: ['unit', 'state'] })
@Index({ properties: ['state', 'deadline'] })
export class Rectification extends BaseEntity {
  @ManyToOne(() => Organization)
  unit!: Organization;

  @ManyToOne(() => Organization)
  @Index()
  lead!: Organization;

  @Enum({ items: () => RectificationKind, type: 'text' })
  kind!: RectificationKind;

  @Property({ type: 'text' })
  measures!: string;

  @Property({ type: 'date' })
  deadline!: string;

  /** LONG_TERM: date of the next stage (下一阶段节点). */
  @Property({ type: 'date', nullable: true })
  nextMilestone?: string | null;

  @Enum({ items: () => RectificationState, type: 'text' })
  state!: RectificationState;

  /** Increments with every submission; approvals count for the current one only. */
  @Property({ type: 'integer', default: 0 })
  submissionNo: number = 0;

  /** Last verification conclusion (核验结论), if any. */
  @Enum({ items: () => VerificationConclusion, type: 'text', nullable: true })
  conclusion?: VerificationConclusion | null;

  /** Pending extension request (延期申请): requested new deadline. */
  @Property({ type: 'date', nullable: true })
  extensionRequested?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;
}

/** Findings a task rectifies. A finding is in at most one task. */
@Entity({ tableName: 'rectification_finding' })
@Unique({ properties: ['finding'] })
export class RectificationFinding {
  [PrimaryKeyProp]?: ['rectification', 'finding'];

  @ManyToOne(() => Rectification, { primary: true })
  rectification!: Rectification;

  @ManyToOne(() => Finding, { primary: true })
  finding!: Finding;
}

/** The supervising agencies of a task: the lead (牵头) and the co-supervisors (共督). */
@Entity({ tableName: 'rectification_supervisor' })
export class RectificationSupervisor {
  [PrimaryKeyProp]?: ['rectification', 'agency'];

  @ManyToOne(() => Rectification, { primary: true })
  rectification!: Rectification;

  @ManyToOne(() => Organization, { primary: true })
  @Index()
  agency!: Organization;
}

/** The timeline: every transition, report, verification and reminder, immutable (append-only trigger). */
@Entity({ tableName: 'rectification_event' })
@Index({ properties: ['rectification', 'id'] })
export class RectificationEvent {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Rectification)
  rectification!: Rectification;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Property({ type: 'text' })
  type!: string;

  @ManyToOne(() => Organization)
  actor!: Organization;

  @Property({ type: 'text' })
  actorUser!: string;

  /** Version of the task after this event. */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}

/** An evidence file (佐证材料) uploaded for a task; the bytes live in the evidence store by SHA-256. */
@Entity({ tableName: 'evidence' })
export class Evidence {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Rectification)
  @Index()
  rectification!: Rectification;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  contentType!: string;

  @Property({ type: 'bigint' })
  size!: string;

  @ManyToOne(() => Organization)
  uploadedBy!: Organization;

  @Property({ type: 'text' })
  uploadedByUser!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();
}
