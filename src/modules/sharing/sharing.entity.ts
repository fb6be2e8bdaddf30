import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { AccessRequestStatus, AccessScope, SharingLevel, registerDescribedEnum } from '../../shared/enums.js';

/** The sharing enums live in shared/ (the policy needs them); re-exported for this module. */
export { AccessRequestStatus, AccessScope, SharingLevel };
import { BaseEntity } from '../../shared/base.entity.js';
import { Organization } from '../organization/organization.entity.js';

/**
 * An owner agency's classification of its records, per category (null = its default for every
 * category without a rule of its own). Without any rule: discipline records are NOT_SHARED, the
 * others UNCONDITIONAL.
 */
@Entity({ tableName: 'sharing_rule' })
@Index({
  name: 'sharing_rule_owner_category_unique',
  expression: `create unique index "sharing_rule_owner_category_unique" on "sharing_rule" ("owner_id", coalesce("category", ''))`,
})
export class SharingRule extends BaseEntity {
  @ManyToOne(() => Organization)
  owner!: Organization;

  @Property({ type: 'text', nullable: true })
  category?: string | null;

  @Enum({ items: () => SharingLevel, type: 'text' })
  level!: SharingLevel;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'text' })
  setBy!: string;
}

/** A conditional access request (有条件共享申请) from one agency to the owner of some records. */
@Entity({ tableName: 'access_request' })
@Index({ properties: ['requester', 'status'] })
@Index({ properties: ['owner', 'status'] })
export class AccessRequest extends BaseEntity {
  @ManyToOne(() => Organization)
  requester!: Organization;

  @ManyToOne(() => Organization)
  owner!: Organization;

  @Enum({ items: () => AccessScope, type: 'text' })
  scope!: AccessScope;

  @Property({ type: 'text', nullable: true })
  category?: string | null;

  /** Finding db ids for RECORDS scope. */
  @Property({ type: 'jsonb', nullable: true })
  findingIds?: number[] | null;

  @Property({ type: 'text' })
  purpose!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Stored states only: PENDING, APPROVED, REFUSED, REVOKED. */
  @Enum({ items: () => AccessRequestStatus, type: 'text' })
  status!: AccessRequestStatus;

  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;
}

export enum SharingAction {
  RULE_SET = 'RULE_SET',
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
  REVOKED = 'REVOKED',
}
registerDescribedEnum(SharingAction, 'SharingAction', 'What happened in a sharing event (共享操作).', {
  RULE_SET: 'A sharing rule was set (设置共享规则).',
  REQUESTED: 'Access was requested (提出申请).',
  APPROVED: 'A request was approved (批准).',
  REFUSED: 'A request was refused (拒绝).',
  REVOKED: 'An approval was revoked (撤销).',
});

/** Append-only record of every sharing decision (a trigger forbids UPDATE and DELETE). */
@Entity({ tableName: 'sharing_event' })
export class SharingEvent {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @ManyToOne(() => Organization)
  actor!: Organization;

  @Property({ type: 'text' })
  actorUser!: string;

  @Enum({ items: () => SharingAction, type: 'text' })
  action!: SharingAction;

  @ManyToOne(() => AccessRequest, { nullable: true })
  @Index()
  request?: AccessRequest | null;

  @ManyToOne(() => SharingRule, { nullable: true })
  rule?: SharingRule | null;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}
