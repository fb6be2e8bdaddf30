import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerDescribedEnum } from '../../shared/enums.js';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../../shared/relay.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { FindingInterface } from '../finding/finding.types.js';
import { AccessRequestStatus, AccessScope, SharingAction, SharingLevel } from './sharing.entity.js';

@ObjectType('SharingRule', {
  description:
    "An agency's sharing classification of a category of its records (共享规则). Public to every agency.",
  simpleResolvers: true,
})
export class SharingRuleObject {
  @Field(() => OrganizationObject, { description: 'Owner agency (数据提供部门).' })
  owner!: unknown;

  @Field(() => String, {
    nullable: true,
    description: "Category, or null for the owner's default (问题类别).",
  })
  category!: string | null;

  @Field(() => SharingLevel, { description: 'Sharing class (共享类型).' })
  level!: SharingLevel;

  @Field(() => String, { nullable: true, description: 'Explanation by the owner (说明).' })
  note!: string | null;

  @Field(() => GraphQLDateTime, { description: 'Last change (更新时间).' })
  updatedAt!: Date;
}

@ObjectType('SharingEvent', {
  description: 'One recorded sharing decision (共享操作记录); immutable.',
  simpleResolvers: true,
})
export class SharingEventObject {
  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: Date;

  @Field(() => OrganizationObject, { description: 'Acting organisation (操作机构).' })
  actor!: unknown;

  @Field(() => String, { description: 'Acting user, as named in the token (操作人).' })
  actorUser!: string;

  @Field(() => SharingAction, { description: 'What happened (操作).' })
  action!: SharingAction;

  @Field(() => String, { description: 'Details as JSON text, e.g. reason and expiry (详情).' })
  detail!: string;
}

@ObjectType('AccessRequest', {
  implements: Node,
  description: 'A conditional access request (有条件共享申请) from one agency to the owner of some records.',
  simpleResolvers: true,
})
export class AccessRequestObject extends Node {
  @Field(() => OrganizationObject, { description: 'Requesting agency (申请部门).' })
  requester!: unknown;

  @Field(() => OrganizationObject, { description: 'Owner agency that decides (数据提供部门).' })
  owner!: unknown;

  @Field(() => AccessScope, { description: 'What the request covers (申请范围).' })
  scope!: AccessScope;

  @Field(() => String, { nullable: true, description: 'Category, for CATEGORY scope (问题类别).' })
  category!: string | null;

  @Field(() => [FindingInterface], {
    description: 'Findings named, for RECORDS scope, as far as the viewer may see them (申请的记录).',
  })
  findings!: unknown[];

  @Field(() => String, { description: 'Purpose stated by the requester (申请用途).' })
  purpose!: string;

  @Field(() => GraphQLDateTime, { description: 'When access ends (到期时间).' })
  expiresAt!: Date;

  @Field(() => AccessRequestStatus, {
    description: 'State; EXPIRED once an approval passes its expiry (状态).',
  })
  status!: AccessRequestStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Reason given with a refusal, revocation or approval (理由).',
  })
  reason!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was decided (审批时间).' })
  decidedAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: 'When it was made (申请时间).' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Version to send with a decision (版本号).' })
  version!: number;

  @Field(() => [SharingEventObject], {
    description: 'Everything that happened to it, oldest first (操作记录).',
  })
  events!: unknown[];

  @Field(() => Boolean, { description: 'Whether the viewer may approve or refuse it now (可审批).' })
  viewerCanDecide!: boolean;

  @Field(() => Boolean, { description: 'Whether the viewer may revoke it now (可撤销).' })
  viewerCanRevoke!: boolean;
}

export enum AccessRequestDirection {
  MADE = 'MADE',
  RECEIVED = 'RECEIVED',
}
registerDescribedEnum(
  AccessRequestDirection,
  'AccessRequestDirection',
  'Requests the viewer made or received (申请方向).',
  {
    MADE: 'Made by the viewer’s agency (我方提出).',
    RECEIVED: 'Received by the viewer’s agency as owner (待我方审批/已审批).',
  },
);

@InputType('AccessRequestFilter', { description: 'Filter for access requests (申请筛选).' })
export class AccessRequestFilter {
  @Field(() => AccessRequestDirection, {
    nullable: true,
    description: 'Made or received; both when omitted (方向).',
  })
  direction?: AccessRequestDirection | null;

  @Field(() => [AccessRequestStatus], { nullable: true, description: 'Only these states (状态).' })
  statuses?: AccessRequestStatus[] | null;
}

@InputType('SharingRuleSetInput', { description: 'Classify a category of your records (设置共享规则).' })
export class SharingRuleSetInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Owner agency; only HUB_ADMIN names another (数据提供部门).',
  })
  owner?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Category; null sets your default for all categories (问题类别).',
  })
  category?: string | null;

  @Field(() => SharingLevel, { description: 'Sharing class (共享类型).' })
  level!: SharingLevel;

  @Field(() => String, { nullable: true, description: 'Explanation, e.g. the legal basis (说明).' })
  note?: string | null;
}

@InputType('AccessRequestCreateInput', { description: 'Ask an owner for conditional access (提出共享申请).' })
export class AccessRequestCreateInput {
  @Field(() => ID, { description: 'Owner agency (数据提供部门).' })
  owner!: string;

  @Field(() => AccessScope, { description: 'Named records or a whole category (范围).' })
  scope!: AccessScope;

  @Field(() => [ID], { nullable: true, description: 'Findings, for RECORDS scope, 1-100 (记录).' })
  findings?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Category, for CATEGORY scope (问题类别).' })
  category?: string | null;

  @Field(() => String, { description: 'What the access is for, 2-500 characters (用途).' })
  purpose!: string;

  @Field(() => GraphQLDateTime, {
    description: 'Requested end of access, at most 366 days ahead (到期时间).',
  })
  expiresAt!: Date;
}

@InputType('AccessRequestDecisionInput', {
  description: 'Approve, refuse or revoke a request (审批共享申请).',
})
export class AccessRequestDecisionInput {
  @Field(() => ID, { description: 'The request (申请).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT (版本号).' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Reason; required to refuse or revoke (理由).' })
  reason?: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Approval only: an earlier expiry than requested (缩短期限).',
  })
  expiresAt?: Date | null;
}

@ObjectType('SharingRuleSetPayload', { description: 'Result of sharingRuleSet.', simpleResolvers: true })
export class SharingRuleSetPayload {
  @Field(() => SharingRuleObject, { nullable: true, description: 'The rule as now in force (规则).' })
  rule!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('AccessRequestPayload', {
  description: 'Result of an access-request mutation.',
  simpleResolvers: true,
})
export class AccessRequestPayload {
  @Field(() => AccessRequestObject, { nullable: true, description: 'The request after the change (申请).' })
  request!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success (输入问题).' })
  userErrors!: UserError[];
}
