import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { registerDescribedEnum, RevisionKind } from '../../shared/enums.js';

export { RevisionKind };
import { Finding } from '../finding/finding.entity.js';
import { Organization } from '../organization/organization.entity.js';

/**
 * One change to a finding (history): who, when, which fields, and their values before and after.
 * Append-only (a trigger forbids UPDATE and DELETE); `version` is the finding's version after it.
 */
@Entity({ tableName: 'finding_revision' })
@Index({ properties: ['finding', 'version'] })
export class FindingRevision {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @ManyToOne(() => Finding)
  finding!: Finding;

  @Property({ type: 'integer' })
  version!: number;

  @Enum({ items: () => RevisionKind, type: 'text' })
  kind!: RevisionKind;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @ManyToOne(() => Organization)
  actor!: Organization;

  @Property({ type: 'text' })
  actorUser!: string;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  /** { field: [before, after] } in API field names; values as stored (money as decimal strings). */
  @Property({ type: 'jsonb' })
  changes!: Record<string, [unknown, unknown]>;
}

export enum ChangeKind {
  FINDING_PUBLISHED = 'FINDING_PUBLISHED',
  FINDING_CHANGED = 'FINDING_CHANGED',
  FINDING_WITHDRAWN = 'FINDING_WITHDRAWN',
}
registerDescribedEnum(ChangeKind, 'ChangeKind', 'Kind of change in the feed (变更事件类型).', {
  FINDING_PUBLISHED: 'A finding appeared in the hub (新发布).',
  FINDING_CHANGED: 'A finding was updated or corrected (已变更).',
  FINDING_WITHDRAWN: 'A finding was withdrawn (已撤回).',
});

/**
 * The change feed: one row per change, in commit order of ids. Partners page through it with
 * `changes(since:)` after being offline; subscriptions carry the same events live. Append-only.
 */
@Entity({ tableName: 'change_event' })
@Index({ properties: ['tx', 'id'] })
export class ChangeEvent {
  @Property({ type: 'bigint', primary: true, autoincrement: true })
  id!: string;

  /**
   * The writing transaction's id. Readers only take events of transactions older than their snapshot's
   * xmin, ordered by (tx, id): every such transaction has finished, so no event can later appear
   * before a cursor already handed out — `changes(since:)` has no gaps.
   */
  @Property({ type: 'bigint', defaultRaw: `((pg_current_xact_id())::text)::bigint` })
  tx!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Enum({ items: () => ChangeKind, type: 'text' })
  kind!: ChangeKind;

  @ManyToOne(() => Finding)
  @Index()
  finding!: Finding;

  @Property({ type: 'integer' })
  version!: number;
}
