/** GraphQL types of mutual recognition (结果互认): decisions, consultations, their inputs and payloads. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Node } from '../../shared/relay.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ReviewObject } from '../review/review.types.js';
import { FindingInterface } from '../finding/finding.types.js';
import {
  ConsultationState,
  RecognitionDecision,
  RecognitionScopeItem,
  RecognitionStatus,
} from './recognition.entity.js';

@ObjectType('Recognition', {
  implements: Node,
  description:
    "One agency's decision on another agency's review or finding (采信登记): recognised, partly recognised or not, " +
    'citing its document (文号), with an optional validity period during which the agency commits not to re-inspect.',
  simpleResolvers: true,
})
export class RecognitionObject extends Node {
  @Field(() => OrganizationObject, { description: 'The recognising agency (采信部门).' })
  agency!: unknown;

  @Field(() => ReviewObject, {
    nullable: true,
    description:
      'The review decided on, if the target is a review and you may see it (被采信的评价/审计/稽察).',
  })
  review!: unknown;

  @Field(() => FindingInterface, {
    nullable: true,
    description: 'The finding decided on, if the target is a finding and you may see it (被采信的问题).',
  })
  finding!: unknown;

  @Field(() => OrganizationObject, { description: 'Author of the result decided on (结果出具部门).' })
  targetAgency!: unknown;

  @Field(() => RecognitionDecision, { description: 'The decision (采信决定).' })
  decision!: RecognitionDecision;

  @Field(() => [RecognitionScopeItem], {
    description: 'What a partial recognition accepts; empty otherwise (采信范围).',
  })
  scope!: RecognitionScopeItem[];

  @Field(() => [FindingInterface], {
    description: 'Findings accepted by name (scope FINDINGS), as far as you may see them (采信的问题).',
  })
  scopeFindings!: unknown[];

  @Field(() => String, {
    nullable: true,
    description: 'Reason: required for a refusal, optional otherwise (理由/不予采信理由).',
  })
  reason!: string | null;

  @Field(() => String, { description: 'Document the decision was made in (文号).' })
  documentRef!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Validity from (有效期起).' })
  validFrom!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Validity until (有效期止).' })
  validUntil!: string | null;

  @Field(() => Boolean, {
    description:
      'In force today: current, not a refusal, and today within its validity period (当前有效，有效期内不重复检查).',
  })
  inEffect!: boolean;

  @Field(() => RecognitionStatus, { description: 'Current, superseded or withdrawn (状态).' })
  status!: RecognitionStatus;

  @Field(() => RecognitionObject, {
    nullable: true,
    description: 'The earlier decision this one replaced (所替代的决定).',
  })
  supersedes!: unknown;

  @Field(() => RecognitionObject, {
    nullable: true,
    description: 'The later decision that replaced this one (被替代为).',
  })
  supersededBy!: unknown;

  @Field(() => [RecognitionObject], {
    description: 'Every decision of this agency on this result, oldest first, this one included (历次决定).',
  })
  history!: unknown[];

  @Field(() => GraphQLDateTime, { description: 'When it was recorded (登记时间).' })
  decidedAt!: Date;

  @Field(() => String, { description: 'Recording user, as named in the token (登记人).' })
  decidedBy!: string;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When it was superseded or withdrawn (失效时间).',
  })
  endedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn (撤回理由).' })
  withdrawReason!: string | null;

  @Field(() => [ConsultationObject], { description: 'Consultations on this decision, oldest first (会商).' })
  consultations!: unknown[];

  @Field(() => Boolean, { description: 'You may withdraw it now (可撤回).' })
  viewerCanWithdraw!: boolean;

  @Field(() => Boolean, { description: 'You may open a consultation on it now (可发起会商).' })
  viewerCanOpenConsultation!: boolean;
}

@ObjectType('ConsultationStep', {
  description: 'One step of a consultation, immutable (会商记录).',
  simpleResolvers: true,
})
export class ConsultationStepObject {
  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: string;

  @Field(() => String, { description: 'OPENED, ANSWERED, ESCALATED or CONCLUDED (环节).' })
  type!: string;

  @Field(() => OrganizationObject, { description: 'Acting organisation (操作机构).' })
  actor!: unknown;

  @Field(() => String, { description: 'Acting user (操作人).' })
  actorUser!: string;

  @Field(() => String, { nullable: true, description: 'Position, reason or outcome stated (内容).' })
  text!: string | null;
}

@ObjectType('Consultation', {
  implements: Node,
  description:
    'A consultation (会商) between the recognising agency and the author of a result about a decision, escalated ' +
    'to the district government (区政府) when unresolved.',
  simpleResolvers: true,
})
export class ConsultationObject extends Node {
  @Field(() => RecognitionObject, { description: 'The decision consulted on (所涉采信决定).' })
  recognition!: unknown;

  @Field(() => OrganizationObject, { description: 'The recognising agency (采信部门).' })
  recognisingAgency!: unknown;

  @Field(() => OrganizationObject, { description: 'The author of the result (结果出具部门).' })
  authorAgency!: unknown;

  @Field(() => OrganizationObject, { description: 'Who opened it (发起部门).' })
  openedBy!: unknown;

  @Field(() => String, { description: 'The question in dispute (会商事项).' })
  question!: string;

  @Field(() => String, { nullable: true, description: "The recognising agency's position (采信部门意见)." })
  recognisingPosition!: string | null;

  @Field(() => String, { nullable: true, description: "The author's position (出具部门意见)." })
  authorPosition!: string | null;

  @Field(() => ConsultationState, { description: 'State (会商状态).' })
  state!: ConsultationState;

  @Field(() => OrganizationObject, { nullable: true, description: 'Escalated to (提请协调单位).' })
  escalatedTo!: unknown;

  @Field(() => String, { nullable: true, description: 'Why it was escalated (提请理由).' })
  escalationReason!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was escalated (提请时间).' })
  escalatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The outcome (会商结论).' })
  outcome!: string | null;

  @Field(() => OrganizationObject, {
    nullable: true,
    description: 'Who recorded the outcome (结论登记机构).',
  })
  concludedBy!: unknown;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it concluded (办结时间).' })
  concludedAt!: Date | null;

  @Field(() => [ConsultationStepObject], { description: 'Every step, oldest first (会商记录).' })
  steps!: unknown[];

  @Field(() => Int, { description: 'Version to send with the next change (版本号).' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'Opened (发起时间).' })
  createdAt!: Date;

  @Field(() => Boolean, { description: 'You may state your position now (可表态).' })
  viewerCanRespond!: boolean;

  @Field(() => Boolean, { description: 'You may escalate it now (可提请区政府协调).' })
  viewerCanEscalate!: boolean;

  @Field(() => Boolean, { description: 'You may record the outcome now (可登记结论).' })
  viewerCanConclude!: boolean;
}

// ---- inputs ----

@InputType('RecognitionFilter', { description: 'Conditions of the recognition register (采信登记筛选).' })
export class RecognitionFilter {
  @Field(() => [ID], {
    nullable: true,
    description: 'Only decisions on these reviews or findings (被采信的评价或问题).',
  })
  targets?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only decisions of these agencies (采信部门).' })
  agencies?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only decisions on results of these agencies (结果出具部门).',
  })
  targetAgencies?: string[] | null;

  @Field(() => [RecognitionDecision], { nullable: true, description: 'Only these decisions (采信决定).' })
  decisions?: RecognitionDecision[] | null;

  @Field(() => [RecognitionStatus], {
    nullable: true,
    description: 'Statuses; default CURRENT only. Add SUPERSEDED and WITHDRAWN for the history (状态).',
  })
  statuses?: RecognitionStatus[] | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Only recognitions in force on this date (当日有效).',
  })
  inEffectOn?: string | null;
}

@InputType('RecognitionRecordInput', { description: 'A recognition decision to record (登记采信决定).' })
export class RecognitionRecordInput {
  @Field(() => ID, { description: "Another agency's review or finding (被采信的评价或问题)." })
  target!: string;

  @Field(() => RecognitionDecision, { description: 'The decision (采信决定).' })
  decision!: RecognitionDecision;

  @Field(() => [RecognitionScopeItem], {
    nullable: true,
    description: 'PARTLY_RECOGNISED: what is accepted (采信范围).',
  })
  scope?: RecognitionScopeItem[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Scope FINDINGS: the findings of the review accepted (采信的问题).',
  })
  scopeFindings?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Reason; required for NOT_RECOGNISED (理由).',
  })
  reason?: string | null;

  @Field(() => String, { description: 'Document the decision was made in, e.g. 鹤财绩〔2026〕12号 (文号).' })
  documentRef!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Validity from (有效期起).' })
  validFrom?: string | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Validity until: no re-inspection of the same subject and scope before (有效期止).',
  })
  validUntil?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The decision in force that this one replaces, as you read it; required when there is one, so no change is lost (替代的现行决定).',
  })
  supersedes?: string | null;
}

@InputType('RecognitionWithdrawInput', { description: 'Withdraw a decision (撤回采信决定).' })
export class RecognitionWithdrawInput {
  @Field(() => ID, { description: 'The decision (采信决定).' })
  id!: string;

  @Field(() => String, { description: 'Why (撤回理由).' })
  reason!: string;
}

@InputType('ConsultationOpenInput', { description: 'Open a consultation on a decision (发起会商).' })
export class ConsultationOpenInput {
  @Field(() => ID, { description: 'The decision in dispute (所涉采信决定).' })
  recognition!: string;

  @Field(() => String, { description: 'The question in dispute (会商事项).' })
  question!: string;

  @Field(() => String, { description: "Your agency's position (本部门意见)." })
  position!: string;
}

@InputType('ConsultationRespondInput', { description: 'State your position (表态).' })
export class ConsultationRespondInput {
  @Field(() => ID, { description: 'The consultation (会商).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: "Your agency's position (本部门意见)." })
  position!: string;
}

@InputType('ConsultationEscalateInput', {
  description: 'Escalate an unresolved consultation to the district government (提请区政府协调).',
})
export class ConsultationEscalateInput {
  @Field(() => ID, { description: 'The consultation (会商).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: 'Why it is escalated (提请理由).' })
  reason!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The district government office; default: the only one (区政府).',
  })
  to?: string | null;
}

@InputType('ConsultationConcludeInput', { description: 'Record the outcome (登记会商结论).' })
export class ConsultationConcludeInput {
  @Field(() => ID, { description: 'The consultation (会商).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: 'The outcome (会商结论).' })
  outcome!: string;
}

// ---- payloads ----

@ObjectType('RecognitionPayload', {
  description: 'Result of a recognition change (采信登记结果).',
  simpleResolvers: true,
})
export class RecognitionPayload {
  @Field(() => RecognitionObject, {
    nullable: true,
    description: 'The decision after the change (采信决定).',
  })
  recognition!: unknown;

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('ConsultationPayload', {
  description: 'Result of a consultation change (会商结果).',
  simpleResolvers: true,
})
export class ConsultationPayload {
  @Field(() => ConsultationObject, {
    nullable: true,
    description: 'The consultation after the change (会商).',
  })
  consultation!: unknown;

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
