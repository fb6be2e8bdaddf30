import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { FundType } from '../../shared/enums.js';
import { Organization } from '../organization/organization.entity.js';

/** A project (项目), one subject of oversight. */
@Entity({ tableName: 'project' })
export class Project extends BaseEntity {
  @Property({ type: 'string', length: 64 })
  @Unique()
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => FundType, type: 'text' })
  @Index()
  fundType!: FundType;

  /** Budget in yuan, exact (numeric, read as string). */
  @Property({ type: 'decimal', precision: 18, scale: 2 })
  budgetAmount!: string;

  @ManyToOne(() => Organization)
  @Index()
  ownerUnit!: Organization;

  @Property({ type: 'smallint' })
  startYear!: number;

  @Property({ type: 'smallint', nullable: true })
  endYear?: number;
}

/** A fiscal policy (财政政策), another subject of oversight. */
@Entity({ tableName: 'policy' })
export class Policy extends BaseEntity {
  @Property({ type: 'string', length: 64 })
  @Unique()
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Organization, { nullable: true })
  ownerUnit?: Organization;

  @Property({ type: 'smallint' })
  effectiveYear!: number;
}
