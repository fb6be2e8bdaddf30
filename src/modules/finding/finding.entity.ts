import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import {
  FindingSource,
  PublicationState,
  RectificationStatus,
  Sensitivity,
  Severity,
} from '../../shared/enums.js';
import { Organization } from '../organization/organization.entity.js';
import { Policy, Project } from '../project/project.entity.js';
import { Review } from '../review/review.entity.js';

/** A person named in a discipline matter; stored as JSON, shown to DISCIPLINE only. */
export interface PersonInvolved {
  name: string;
  position: string;
}

/**
 * One problem (问题) found by one agency. The four sources share one table: the shared columns are
 * what partners filter on, the source-specific ones are nullable. GraphQL exposes one type per source.
 */
@Entity({ tableName: 'finding' })
@Unique({ properties: ['agency', 'sourceRef'] })
@Index({ properties: ['fiscalYear', 'source'] })
// newest-first pages of one source walk this index instead of skipping other sources' rows
@Index({ properties: ['source', 'id'] })
@Index({ properties: ['unit', 'fiscalYear'] })
// Text search on Chinese text: substring match (ILIKE) accelerated by a trigram index.
@Index({
  name: 'finding_text_trgm_index',
  expression: `create index "finding_text_trgm_index" on "finding" using gin (("title" || ' ' || "description") gin_trgm_ops)`,
})
// A review's findings, and an evaluator's row scope (its reviews' findings): the policy's and the
// statistics' columns are carried in the index, so counts and figures are index-only scans.
@Index({
  name: 'finding_review_id_covering_index',
  expression:
    'create index "finding_review_id_covering_index" on "finding" ("review_id") include ' +
    '("agency_id", "source", "category", "fiscal_year", "sensitivity", "publication_state", "amount_disclosed", "amount_involved")',
})
// The dashboard's filter (year, severity, amount range, ordered by amount): the page walks the index in
// amount order within one year and severity, and its count is an index-only scan, the viewer's
// permission gate read from the included columns.
@Index({
  name: 'finding_year_severity_amount_index',
  expression:
    'create index "finding_year_severity_amount_index" on "finding" ("fiscal_year", "severity", "amount_involved") include ' +
    '("agency_id", "source", "category", "sensitivity", "publication_state", "amount_disclosed")',
})
export class Finding extends BaseEntity {
  @Enum({ items: () => FindingSource, type: 'text' })
  source!: FindingSource;

  @ManyToOne(() => Organization)
  agency!: Organization;

  /** The agency's own id of this finding in its system. */
  @Property({ type: 'string', length: 100 })
  sourceRef!: string;

  @ManyToOne(() => Review, { nullable: true })
  review?: Review;

  /** Responsible unit (责任单位). */
  @ManyToOne(() => Organization)
  unit!: Organization;

  @ManyToOne(() => Project, { nullable: true })
  @Index()
  project?: Project;

  @ManyToOne(() => Policy, { nullable: true })
  policy?: Policy;

  @Property({ type: 'smallint' })
  fiscalYear!: number;

  @Property({ type: 'text' })
  @Index()
  category!: string;

  @Enum({ items: () => Severity, type: 'text' })
  severity!: Severity;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  /** Amount involved in yuan, exact. */
  @Property({ type: 'decimal', precision: 18, scale: 2, nullable: true })
  @Index()
  amountInvolved?: string;

  /** Whether the amount is published with the finding (公开涉及金额). */
  @Property({ type: 'boolean', default: false })
  amountDisclosed: boolean = false;

  @Enum({ items: () => Sensitivity, type: 'text' })
  sensitivity!: Sensitivity;

  @Enum({ items: () => PublicationState, type: 'text' })
  publicationState!: PublicationState;

  @Enum({ items: () => RectificationStatus, type: 'text' })
  @Index()
  rectificationStatus!: RectificationStatus;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date;

  /** Responsible person (责任人) and contact; shown to supervising agencies and the unit itself. */
  @Property({ type: 'text', nullable: true })
  responsiblePerson?: string;

  @Property({ type: 'text', nullable: true })
  responsiblePhone?: string;

  // PERFORMANCE
  @Property({ type: 'text', nullable: true })
  indicatorName?: string;

  @Property({ type: 'decimal', precision: 5, scale: 2, nullable: true })
  scoreDeducted?: string;

  // AUDIT
  @Property({ type: 'text', nullable: true })
  legalBasis?: string;

  @Property({ type: 'text', nullable: true })
  auditOpinion?: string;

  // REFORM
  @Property({ type: 'text', nullable: true })
  inspectionItem?: string;

  @Property({ type: 'text', nullable: true })
  approvalRef?: string;

  // DISCIPLINE
  @Property({ type: 'text', nullable: true })
  clueSource?: string;

  @Property({ type: 'jsonb', nullable: true })
  personsInvolved?: PersonInvolved[];

  @Property({ type: 'text', nullable: true })
  caseStage?: string;

  @Property({ type: 'smallint', nullable: true })
  personsHeldAccountable?: number;
}
