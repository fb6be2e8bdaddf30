/** A finding's history (变更记录) as the API shows it; publishing writes the revisions. */
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { RevisionKind } from '../../shared/enums.js';
import { OrganizationObject } from '../organization/organization.types.js';

@ObjectType('FieldChange', {
  description: 'One field changed by a revision (字段变更).',
  simpleResolvers: true,
})
export class FieldChange {
  @Field(() => String, { description: 'API name of the field (字段).' })
  field!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Value before, as text; null if none or not readable by you (原值).',
  })
  before!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Value after, as text; null if none or not readable by you (新值).',
  })
  after!: string | null;

  @Field(() => Boolean, { description: 'Whether the values are withheld from you (已隐去).' })
  redacted!: boolean;
}

@ObjectType('FindingRevision', {
  description: 'One change to a finding, kept for ever (变更记录).',
  simpleResolvers: true,
})
export class FindingRevisionObject {
  @Field(() => Int, { description: 'Version of the finding after this change (版本号).' })
  version!: number;

  @Field(() => RevisionKind, { description: 'Kind of change (变更类型).' })
  kind!: RevisionKind;

  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: Date;

  @Field(() => OrganizationObject, { description: 'Agency that made it (操作机构).' })
  actor!: unknown;

  @Field(() => String, { description: 'User, as named in the token (操作人).' })
  actorUser!: string;

  @Field(() => String, { nullable: true, description: 'Reason given (理由).' })
  reason!: string | null;

  @Field(() => [FieldChange], { description: 'Fields changed, with values before and after (变更字段).' })
  changes!: FieldChange[];
}
