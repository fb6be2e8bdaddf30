import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import {
  FindingSource,
  PerformanceGrade,
  PublicationState,
  Sensitivity,
  SubjectKind,
} from '../../shared/enums.js';
import { Organization } from '../organization/organization.entity.js';
import { Policy, Project } from '../project/project.entity.js';

/** One evaluation, audit, inspection or investigation by one agency of one subject. */
@Entity({ tableName: 'review' })
@Unique({ properties: ['agency', 'sourceRef'] })
@Index({ properties: ['source', 'fiscalYear'] })
export class Review extends BaseEntity {
  @Enum({ items: () => FindingSource, type: 'text' })
  source!: FindingSource;

  /** The authoring agency. */
  @ManyToOne(() => Organization)
  agency!: Organization;

  /** The agency's own reference (评价项目编号, 审计项目编号 …); unique per agency. */
  @Property({ type: 'string', length: 100 })
  sourceRef!: string;

  @Enum({ items: () => SubjectKind, type: 'text' })
  subjectKind!: SubjectKind;

  /** The unit examined, or the owner unit of the project/policy examined. */
  @ManyToOne(() => Organization)
  @Index()
  unit!: Organization;

  @ManyToOne(() => Project, { nullable: true })
  @Index()
  project?: Project;

  @ManyToOne(() => Policy, { nullable: true })
  policy?: Policy;

  /** Third-party evaluator the review is assigned to, if any. */
  @ManyToOne(() => Organization, { nullable: true })
  @Index()
  evaluator?: Organization;

  @Property({ type: 'text' })
  title!: string;

  /** Kind of review within the source, e.g. 事后评价, 经济责任审计, 专项稽察. */
  @Property({ type: 'text' })
  reviewType!: string;

  @Property({ type: 'smallint' })
  fiscalYear!: number;

  @Property({ type: 'text', nullable: true })
  conclusion?: string;

  /** Performance score 0–100 (two decimals), performance reviews only. */
  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  score?: string;

  @Enum({ items: () => PerformanceGrade, type: 'text', nullable: true })
  grade?: PerformanceGrade;

  /** Indicator results of a performance review: [{ name, target, actual, score }]. */
  @Property({ type: 'jsonb', nullable: true })
  indicatorResults?: unknown;

  @Enum({ items: () => Sensitivity, type: 'text' })
  sensitivity!: Sensitivity;

  @Enum({ items: () => PublicationState, type: 'text' })
  publicationState!: PublicationState;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date;

  @Property({ type: 'date', nullable: true })
  completedOn?: string;
}
