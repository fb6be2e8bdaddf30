import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Role, Sensitivity } from '../../shared/enums.js';
import { OrganizationObject } from '../organization/organization.types.js';

@ObjectType('AccessLogEntry', {
  description:
    'One sensitive record read in one request (查询留痕): who, which record, which fields (names only), when, how.',
  simpleResolvers: true,
})
export class AccessLogEntryObject {
  @Field(() => GraphQLDateTime, { description: 'When it was read (查询时间).' })
  at!: Date;

  @Field(() => OrganizationObject, { nullable: true, description: "Reader's organisation (查询机构)." })
  readerOrganization!: unknown;

  @Field(() => String, { nullable: true, description: 'Reader, as named in the token (查询人).' })
  readerUser!: string | null;

  @Field(() => Role, { description: "Reader's role (角色)." })
  readerRole!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'GraphQL operation name, if the client gave one (操作名称).',
  })
  operation!: string | null;

  @Field(() => String, { description: 'Request id, to correlate with server logs (请求标识).' })
  requestId!: string;

  @Field(() => ID, { description: 'Global id of the record read (记录标识).' })
  recordId!: string;

  @Field(() => String, { description: 'Kind of record: Finding or Review (记录类型).' })
  recordType!: string;

  @Field(() => OrganizationObject, { description: 'Agency that owns the record (数据提供部门).' })
  owner!: unknown;

  @Field(() => Sensitivity, { description: 'Sensitivity of the record when read (敏感级别).' })
  sensitivity!: Sensitivity;

  @Field(() => [String], { description: 'Names of the fields returned; never their values (查询字段).' })
  fields!: string[];
}

@InputType('AccessLogFilter', { description: 'Filter for the access log (留痕筛选).' })
export class AccessLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only reads of this finding or review (记录).' })
  record?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reads by this organisation (查询机构).' })
  reader?: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Only reads at or after this time (起始时间).',
  })
  since?: Date | null;
}
