/** GraphQL types of same-problem groups (同一问题). */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Node } from '../../shared/relay.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { FindingInterface } from '../finding/finding.types.js';

@ObjectType('FindingGroupMember', {
  description: 'A finding in a same-problem group, with who linked it and why (同一问题成员).',
  simpleResolvers: true,
})
export class FindingGroupMemberObject {
  @Field(() => FindingInterface, { description: 'The finding (问题).' })
  finding!: unknown;

  @Field(() => Boolean, { description: 'Whether it is the group’s primary finding (主问题).' })
  isPrimary!: boolean;

  @Field(() => OrganizationObject, { description: 'The agency that linked it (关联部门).' })
  linkedBy!: unknown;

  @Field(() => String, { description: 'The linking user (关联人).' })
  linkedByUser!: string;

  @Field(() => String, { description: 'Why it was linked (关联理由).' })
  reason!: string;

  @Field(() => GraphQLDateTime, { description: 'When it was linked (关联时间).' })
  linkedAt!: Date;
}

@ObjectType('FindingGroupEvent', {
  description: 'One step of a group’s history, immutable (关联记录).',
  simpleResolvers: true,
})
export class FindingGroupEventObject {
  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: Date;

  @Field(() => String, { description: 'LINKED, UNLINKED, PRIMARY_SET or DISSOLVED (操作).' })
  type!: string;

  @Field(() => FindingInterface, {
    nullable: true,
    description: 'The finding concerned, if you may see it as a member (所涉问题).',
  })
  finding!: unknown;

  @Field(() => OrganizationObject, { description: 'Acting agency (操作部门).' })
  actor!: unknown;

  @Field(() => String, { description: 'Acting user (操作人).' })
  actorUser!: string;

  @Field(() => String, { description: 'Why (理由).' })
  reason!: string;
}

@ObjectType('FindingGroup', {
  implements: Node,
  description:
    'Findings of several agencies about one problem of one unit (同一问题): counted once in statistics and ' +
    'rectified once. You see it when you may see two or more of its findings, and only those.',
  simpleResolvers: true,
})
export class FindingGroupObject extends Node {
  @Field(() => OrganizationObject, { description: 'The responsible unit (责任单位).' })
  unit!: unknown;

  @Field(() => FindingInterface, {
    nullable: true,
    description: 'The primary finding, if you may see it (主问题).',
  })
  primary!: unknown;

  @Field(() => [FindingGroupMemberObject], {
    description: 'Its findings you may see, primary first (成员问题).',
  })
  members!: unknown[];

  @Field(() => [OrganizationObject], {
    description: 'The agencies whose findings you see in it (发现部门).',
  })
  agencies!: unknown[];

  @Field(() => [FindingGroupEventObject], {
    description: 'Every link and unlink about findings you may see, oldest first (关联记录).',
  })
  history!: unknown[];

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was dissolved (解除时间).' })
  dissolvedAt!: Date | null;

  @Field(() => Int, { description: 'Version to send with the next change (版本号).' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'Created (创建时间).' })
  createdAt!: Date;
}

@InputType('FindingGroupFilter', { description: 'Conditions of the same-problem groups (同一问题筛选).' })
export class FindingGroupFilter {
  @Field(() => [ID], { nullable: true, description: 'Only groups holding one of these findings (问题).' })
  findings?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only groups about these units (责任单位).' })
  units?: string[] | null;
}

@InputType('FindingGroupLinkInput', {
  description:
    'Link findings about the same problem: into a new group (two or more), or into `group` (关联同一问题).',
})
export class FindingGroupLinkInput {
  @Field(() => [ID], { description: 'Findings to link (问题).' })
  findings!: string[];

  @Field(() => ID, { nullable: true, description: 'An existing group to add to (已有问题组).' })
  group?: string | null;

  @Field(() => Int, { nullable: true, description: 'The group’s version you read, with `group` (版本号).' })
  version?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The primary finding; default for a new group: the first named (主问题).',
  })
  primary?: string | null;

  @Field(() => String, { description: 'Why they are the same problem (关联理由).' })
  reason!: string;
}

@InputType('FindingGroupUnlinkInput', { description: 'Unlink findings from a group (解除关联).' })
export class FindingGroupUnlinkInput {
  @Field(() => ID, { description: 'The group (问题组).' })
  group!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => [ID], { description: 'Findings to unlink (问题).' })
  findings!: string[];

  @Field(() => String, { description: 'Why (理由).' })
  reason!: string;
}

@ObjectType('FindingGroupPayload', {
  description: 'Result of a link or unlink (关联结果).',
  simpleResolvers: true,
})
export class FindingGroupPayload {
  @Field(() => FindingGroupObject, { nullable: true, description: 'The group after the change (问题组).' })
  group!: unknown;

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('DuplicateSuggestion', {
  description:
    'Another agency’s finding that looks like the same problem (疑似重复), with a score and the reasons; only ' +
    'findings you may see and read are suggested.',
  simpleResolvers: true,
})
export class DuplicateSuggestionObject {
  @Field(() => FindingInterface, { description: 'The finding suggested (疑似重复问题).' })
  finding!: unknown;

  @Field(() => Float, { description: 'Likelihood score 0-1, higher is likelier (相似度评分).' })
  score!: number;

  @Field(() => Float, { description: 'Similarity of the wording 0-1, character bigrams (文本相似度).' })
  textSimilarity!: number;

  @Field(() => [String], {
    description: 'Why, in Chinese, e.g. 同单位、同项目、金额一致、文本相似度 0.72 (判断依据).',
  })
  reasons!: string[];
}

@ObjectType('ImportDuplicate', {
  description:
    'A finding an import just created that looks like another agency’s finding (疑似重复), with the suggestions.',
  simpleResolvers: true,
})
export class ImportDuplicateObject {
  @Field(() => FindingInterface, { description: 'The new finding (新增问题).' })
  finding!: unknown;

  @Field(() => [DuplicateSuggestionObject], { description: 'Likely duplicates, best first (疑似重复).' })
  suggestions!: unknown[];
}
