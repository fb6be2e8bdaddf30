import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { UserError } from '../../shared/user-error.js';

@ObjectType('OrganizationAlias', {
  description: "Another name of a budget unit, as agencies' ledgers write it (单位别称).",
  simpleResolvers: true,
})
export class OrganizationAliasObject {
  @Field(() => String, { description: 'The name as written (别称).' })
  alias!: string;

  @Field(() => String, { description: 'Code of the unit it names (单位编码).' })
  unitCode!: string;

  @Field(() => String, { description: 'Full name of the unit it names (单位名称).' })
  unitName!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was registered (登记时间).' })
  createdAt!: Date;
}

@InputType('OrganizationAliasRegisterInput', {
  description: "A unit's other name to match in later imports, e.g. from an import's did-you-mean answer.",
})
export class OrganizationAliasRegisterInput {
  @Field(() => String, { description: 'The name as the ledger writes it (台账中的写法).' })
  alias!: string;

  @Field(() => String, { description: 'Code of the unit it means, e.g. HC-U001 (单位编码).' })
  unitCode!: string;
}

@ObjectType('OrganizationAliasPayload', {
  description: 'Result of organizationAliasRegister.',
  simpleResolvers: true,
})
export class OrganizationAliasPayload {
  @Field(() => OrganizationAliasObject, { nullable: true, description: 'The alias (别称).' })
  alias!: OrganizationAliasObject | null;

  @Field(() => [UserError], { description: 'Problems; empty on success (问题).' })
  userErrors!: UserError[];
}

@ObjectType('ProjectAlias', {
  description: "Another name of a project, as agencies' ledgers write it (项目别称).",
  simpleResolvers: true,
})
export class ProjectAliasObject {
  @Field(() => String, { description: 'The name as written (别称).' })
  alias!: string;

  @Field(() => String, { description: 'Code of the project it names (项目编码).' })
  projectCode!: string;

  @Field(() => String, { description: 'Name of the project it names (项目名称).' })
  projectName!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was registered (登记时间).' })
  createdAt!: Date;
}

@InputType('ProjectAliasRegisterInput', {
  description: "A project's other name to match in later imports, e.g. from an import's did-you-mean answer.",
})
export class ProjectAliasRegisterInput {
  @Field(() => String, { description: 'The name as the ledger writes it, e.g. 义教薄改 (台账中的写法).' })
  alias!: string;

  @Field(() => String, { description: 'Code of the project it means, e.g. XM-2024-00001 (项目编码).' })
  projectCode!: string;
}

@ObjectType('ProjectAliasPayload', {
  description: 'Result of projectAliasRegister.',
  simpleResolvers: true,
})
export class ProjectAliasPayload {
  @Field(() => ProjectAliasObject, { nullable: true, description: 'The alias (别称).' })
  alias!: ProjectAliasObject | null;

  @Field(() => [UserError], { description: 'Problems; empty on success (问题).' })
  userErrors!: UserError[];
}

@ObjectType('ImportProfileColumn', {
  description: "One of an agency's headers and the field it feeds (列对应).",
  simpleResolvers: true,
})
export class ImportProfileColumnObject {
  @Field(() => String, { description: "The agency's header as written (表头)." })
  header!: string;

  @Field(() => String, { description: "The hub's field, e.g. description, unitName, fiscalYear (字段)." })
  field!: string;
}

@ObjectType('ImportProfile', {
  description: "An agency's saved mapping for its own ledger layout (导入方案).",
  simpleResolvers: true,
})
export class ImportProfileObject {
  @Field(() => String, { description: 'Name, unique within the agency (方案名称).' })
  name!: string;

  @Field(() => [ImportProfileColumnObject], { description: 'Header → field (列对应).' })
  columns!: ImportProfileColumnObject[];

  @Field(() => String, {
    nullable: true,
    description: 'YUAN or WAN_YUAN: the unit of amounts whose header names none (金额单位).',
  })
  amountUnit!: string | null;

  @Field(() => String, { nullable: true, description: 'Category of rows that give none (默认问题类别).' })
  defaultCategory!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Document number references are derived from when the ledger has no reference column (文号).',
  })
  documentNumber!: string | null;

  @Field(() => Int, { description: 'Version, bumped by every save (版本号).' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'Last saved (保存时间).' })
  updatedAt!: Date;
}

@InputType('ImportProfileColumnInput', { description: 'One header and its field (列对应).' })
export class ImportProfileColumnInput {
  @Field(() => String, { description: "The agency's header (表头)." })
  header!: string;

  @Field(() => String, { description: "The hub's field name, as in the ledger column table (字段)." })
  field!: string;
}

@InputType('ImportProfileSaveInput', {
  description: 'Creates or replaces one of your import profiles (保存导入方案).',
})
export class ImportProfileSaveInput {
  @Field(() => String, { description: 'Name (方案名称).' })
  name!: string;

  @Field(() => [ImportProfileColumnInput], { description: 'Header → field (列对应).' })
  columns!: ImportProfileColumnInput[];

  @Field(() => String, { nullable: true, description: 'YUAN or WAN_YUAN (金额单位).' })
  amountUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Default category (默认问题类别).' })
  defaultCategory?: string | null;

  @Field(() => String, { nullable: true, description: 'Document number for derived references (文号).' })
  documentNumber?: string | null;
}

@ObjectType('ImportProfilePayload', { description: 'Result of importProfileSave.', simpleResolvers: true })
export class ImportProfilePayload {
  @Field(() => ImportProfileObject, { nullable: true, description: 'The profile as saved (导入方案).' })
  profile!: ImportProfileObject | null;

  @Field(() => [UserError], { description: 'Problems; empty on success (问题).' })
  userErrors!: UserError[];
}
