import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { OrganizationKind } from '../../shared/enums.js';

/** Any body in the hub: oversight agency, budget unit, third party, leadership. */
@Entity({ tableName: 'organization' })
export class Organization extends BaseEntity {
  @Enum({ items: () => OrganizationKind, type: 'text' })
  @Index()
  kind!: OrganizationKind;

  /** Stable code (统一社会信用代码 or the hub's own), used in tokens and imports. */
  @Property({ type: 'string', length: 64 })
  @Unique()
  code!: string;

  @Property({ type: 'text' })
  @Index()
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName?: string;

  /** 统一社会信用代码 (18 characters), when known; imports match units by it. */
  @Property({ type: 'string', length: 18, nullable: true })
  @Unique()
  creditCode?: string | null;

  /** Supervising department of a unit (主管部门), if any. */
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'set null' })
  parent?: Organization;
}
