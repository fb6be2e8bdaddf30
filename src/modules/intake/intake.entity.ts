import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Project } from '../project/project.entity.js';

/**
 * Another name of a unit (单位别称), saved by an agency from an import's did-you-mean answer, so
 * that the next ledger writing the unit this way matches. `aliasKey` is the name's comparison key
 * (import/names.ts nameKey): one key names one unit across the hub.
 */
@Entity({ tableName: 'organization_alias' })
export class OrganizationAlias extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Organization;

  /** As the ledger wrote it. */
  @Property({ type: 'text' })
  alias!: string;

  @Property({ type: 'text' })
  @Unique()
  aliasKey!: string;

  /** The agency that registered it. */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  createdBy!: Organization;

  @Property({ type: 'text' })
  createdByUser!: string;
}

/**
 * Another name of a project (项目别称), as agencies' ledgers write it — 义教薄改 for 义务教育薄弱环节改善与
 * 能力提升 — saved like a unit's alias. `aliasKey` is nameKey of the alias; within one unit, one key
 * names one project (projects of different units may share a colloquial name).
 */
@Entity({ tableName: 'project_alias' })
@Unique({ properties: ['unitId', 'aliasKey'] })
export class ProjectAlias extends BaseEntity {
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  @Index()
  project!: Project;

  /** The project's owner unit when registered: the scope in which the key is unique. */
  @Property({ type: 'integer' })
  unitId!: number;

  /** As the ledger wrote it. */
  @Property({ type: 'text' })
  alias!: string;

  @Property({ type: 'text' })
  aliasKey!: string;

  /** The agency that registered it. */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  createdBy!: Organization;

  @Property({ type: 'text' })
  createdByUser!: string;
}

/**
 * An agency's own mapping profile (导入方案) for a ledger layout the importer does not know: which of
 * its headers feeds which field, the amount unit, a default category, the document number a
 * reference is derived from when the ledger has no reference column.
 */
@Entity({ tableName: 'import_profile' })
@Unique({ properties: ['agency', 'name'] })
export class ImportProfile extends BaseEntity {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  agency!: Organization;

  @Property({ type: 'text' })
  name!: string;

  /** { "the agency's header": "hub field" }, e.g. { "问题情况": "description" }. */
  @Property({ type: 'jsonb' })
  columns!: Record<string, string>;

  /** YUAN or WAN_YUAN: the unit of amount columns whose header names none. */
  @Property({ type: 'text', nullable: true })
  amountUnit?: string | null;

  @Property({ type: 'text', nullable: true })
  defaultCategory?: string | null;

  /** 文号 a derived reference starts with (see import/references.ts). */
  @Property({ type: 'text', nullable: true })
  documentNumber?: string | null;

  @Property({ type: 'text' })
  updatedByUser!: string;
}
