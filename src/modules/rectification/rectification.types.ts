import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';
import { Node } from '../../shared/relay.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { FindingInterface } from '../finding/finding.types.js';
import { RectificationKind, RectificationState, VerificationConclusion } from './rectification.entity.js';

@ObjectType('RectificationEvent', {
  description:
    'One immutable entry of a task’s timeline (整改时间线): transition, report, verification, reminder.',
  simpleResolvers: true,
})
export class RectificationEventObject {
  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: Date;

  @Field(() => String, {
    description:
      'Type: CREATED, STARTED, REPORTED, SUBMITTED, APPROVED, PARTLY_RECTIFIED, RETURNED, ACCEPTED_LONG_TERM, ' +
      'EXTENSION_REQUESTED, ' +
      'EXTENSION_GRANTED, EXTENSION_REFUSED, REOPENED, REMINDED, ESCALATED (事件类型).',
  })
  type!: string;

  @Field(() => OrganizationObject, { description: 'Acting organisation (操作机构).' })
  actor!: unknown;

  @Field(() => String, { description: 'Acting user, as named in the token (操作人).' })
  actorUser!: string;

  @Field(() => Int, { description: 'Version of the task after this event (版本号).' })
  version!: number;

  @Field(() => String, { description: 'The event in one Chinese sentence, as officials read it (摘要).' })
  summary!: string;

  @Field(() => String, { description: 'All details as JSON text (详情).' })
  detail!: string;
}

@ObjectType('Rectification', {
  implements: Node,
  description:
    'A rectification task (整改任务) for one finding or a linked group, supervised jointly (整改共督).',
  simpleResolvers: true,
})
export class RectificationObject extends Node {
  @Field(() => OrganizationObject, { description: 'Responsible unit (责任单位).' })
  unit!: unknown;

  @Field(() => OrganizationObject, { description: 'Lead agency (牵头部门).' })
  lead!: unknown;

  @Field(() => [OrganizationObject], { description: 'Every supervising agency, lead included (共督部门).' })
  supervisors!: unknown[];

  @Field(() => [FindingInterface], {
    description: 'Findings rectified by this task, as far as you may see them (问题).',
  })
  findings!: unknown[];

  @Field(() => RectificationKind, { description: 'Kind (整改类型).' })
  kind!: RectificationKind;

  @Field(() => String, { description: 'Measures (整改措施).' })
  measures!: string;

  @Field(() => GraphQLLocalDate, { description: 'Deadline (整改时限).' })
  deadline!: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Next milestone of long-term work (下一阶段节点).',
  })
  nextMilestone!: string | null;

  @Field(() => RectificationState, { description: 'State (整改状态).' })
  state!: RectificationState;

  @Field(() => Boolean, { description: 'Overdue, derived from deadline/milestone and state (是否逾期).' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Days overdue; 0 when not (逾期天数).' })
  daysOverdue!: number;

  @Field(() => Int, { description: 'Number of the current submission (提交轮次).' })
  submissionNo!: number;

  @Field(() => VerificationConclusion, {
    nullable: true,
    description: 'Latest verification conclusion (核验结论).',
  })
  conclusion!: VerificationConclusion | null;

  @Field(() => [OrganizationObject], {
    description: 'Supervisors that approved the current submission (已核验通过).',
  })
  approvedBy!: unknown[];

  @Field(() => [OrganizationObject], {
    description: 'Supervisors yet to approve the current submission (待核验).',
  })
  awaitingVerification!: unknown[];

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Deadline asked for in a pending extension (申请延期至).',
  })
  extensionRequested!: string | null;

  @Field(() => MoneyScalar, {
    description: 'Money rectified, summed over reports, yuan (整改金额); the total of `moneyBreakdown`.',
  })
  moneyRecovered!: string;

  @Field(() => RectificationMoneyObject, {
    description: 'Money rectified by kind, summed over reports (整改金额构成).',
  })
  moneyBreakdown!: RectificationMoneyObject;

  @Field(() => Int, { nullable: true, description: 'Latest reported progress, percent (整改进度).' })
  progress!: number | null;

  @Field(() => [RectificationEventObject], {
    description: 'Everything that happened, oldest first (时间线).',
  })
  timeline!: unknown[];

  @Field(() => Int, { description: 'Version to send with the next change (版本号).' })
  version!: number;

  @Field(() => GraphQLDateTime, { description: 'Created (创建时间).' })
  createdAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Closed (销号时间).' })
  closedAt!: Date | null;

  @Field(() => Boolean, { description: 'You may report progress now (可报送进展).' })
  viewerCanReport!: boolean;

  @Field(() => Boolean, { description: 'You may submit for verification now (可提交核验).' })
  viewerCanSubmit!: boolean;

  @Field(() => Boolean, { description: 'You may verify the current submission now (可核验).' })
  viewerCanVerify!: boolean;

  @Field(() => Boolean, { description: 'You may reopen it (回头看) now (可重新打开).' })
  viewerCanReopen!: boolean;

  @Field(() => Boolean, { description: 'You may decide a pending extension (可审批延期).' })
  viewerCanDecideExtension!: boolean;
}

@InputType('RectificationFilter', { description: 'Filter for rectification tasks (整改任务筛选).' })
export class RectificationFilter {
  @Field(() => [RectificationState], { nullable: true, description: 'States (状态).' })
  states?: RectificationState[] | null;

  @Field(() => [ID], { nullable: true, description: 'Responsible units (责任单位).' })
  units?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only overdue (true) or only not overdue (false) (是否逾期).',
  })
  overdue?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Only tasks overdue by more than this many days (逾期超过天数).',
  })
  overdueMoreThanDays?: number | null;
}

@InputType('RectificationCreateInput', { description: 'Create a task from findings (创建整改任务).' })
export class RectificationCreateInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'Findings, all about one unit; with the groups’ findings 1-50 in all (问题).',
  })
  findings?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Same-problem groups (同一问题): each brings its findings that you may see, so the problem is rectified once ' +
      'for every agency that found it; co-supervisors default to those agencies (问题组).',
  })
  findingGroups?: string[] | null;

  @Field(() => String, { description: 'Measures required (整改措施).' })
  measures!: string;

  @Field(() => GraphQLLocalDate, { description: 'Deadline (整改时限).' })
  deadline!: string;

  @Field(() => RectificationKind, { description: 'Kind (整改类型).' })
  kind!: RectificationKind;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'LONG_TERM: next milestone (下一阶段节点).' })
  nextMilestone?: string | null;

  @Field(() => ID, { nullable: true, description: 'Lead agency; default: yours (牵头部门).' })
  lead?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Co-supervising agencies; default: every agency whose finding is in the task (共督部门).',
  })
  coSupervisors?: string[] | null;
}

@InputType('RectificationChangeInput', {
  description: 'Identifies the task and the version you read (任务与版本).',
})
export class RectificationChangeInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT (版本号).' })
  version!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Reason or note, where the action needs one (理由/说明).',
  })
  reason?: string | null;
}

@ObjectType('RectificationMoney', {
  description:
    '整改金额 broken down by how the money was rectified, summed over the unit’s reports, yuan, exact ' +
    '(整改金额构成). `total` is the same figure as Rectification.moneyRecovered.',
  simpleResolvers: true,
})
export class RectificationMoneyObject {
  @Field(() => MoneyScalar, { description: 'Recovered (追回), yuan.' })
  recovered!: string;

  @Field(() => MoneyScalar, { description: 'Returned to its original channel (归还原渠道), yuan.' })
  returnedToChannel!: string;

  @Field(() => MoneyScalar, { description: 'Paid to the treasury (上缴财政), yuan.' })
  paidToTreasury!: string;

  @Field(() => MoneyScalar, { description: 'Put right in the accounts (调账), yuan.' })
  accountsAdjusted!: string;

  @Field(() => MoneyScalar, { description: 'Idle funds put to use (盘活), yuan.' })
  revitalised!: string;

  @Field(() => MoneyScalar, {
    description: 'Reported as one figure, before the breakdown existed (未分项), yuan.',
  })
  unclassified!: string;

  @Field(() => MoneyScalar, { description: 'Sum of all the above (合计), yuan.' })
  total!: string;
}

@InputType('RectificationMoneyInput', {
  description:
    '整改金额 broken down by how the money was rectified, yuan (整改金额构成); leave out what does not apply.',
})
export class RectificationMoneyInput {
  @Field(() => MoneyScalar, { nullable: true, description: 'Recovered (追回), yuan.' })
  recovered?: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Returned to its original channel (归还原渠道), yuan.',
  })
  returnedToChannel?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Paid to the treasury (上缴财政), yuan.' })
  paidToTreasury?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Put right in the accounts (调账), yuan.' })
  accountsAdjusted?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Idle funds put to use (盘活), yuan.' })
  revitalised?: string | null;
}

@InputType('RectificationReportInput', { description: 'A progress report by the unit (整改进展报送).' })
export class RectificationReportInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: 'What was done (进展情况).' })
  text!: string;

  @Field(() => Int, { description: 'Progress, 0-100 (完成百分比).' })
  percent!: number;

  @Field(() => MoneyScalar, {
    nullable: true,
    description:
      'Money rectified as one figure, yuan (整改金额). Prefer `money`; given with it, it must equal its sum.',
  })
  moneyRecovered?: string | null;

  @Field(() => RectificationMoneyInput, {
    nullable: true,
    description: 'Money rectified by kind: 追回 / 归还原渠道 / 上缴财政 / 调账 / 盘活 (整改金额构成).',
  })
  money?: RectificationMoneyInput | null;

  @Field(() => String, { nullable: true, description: 'Rules or systems established (建章立制).' })
  rulesEstablished?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Evidence files uploaded to this task (POST /rectifications/:id/evidence), by id (佐证材料).',
  })
  evidence?: string[] | null;
}

@ObjectType('Evidence', {
  description: 'An evidence file of a task (佐证材料); download at `downloadPath`.',
  simpleResolvers: true,
})
export class EvidenceObject {
  @Field(() => ID, { description: 'Id (标识).' })
  id!: string;

  @Field(() => String, { description: 'File name as uploaded (文件名).' })
  fileName!: string;

  @Field(() => String, { description: 'Content type detected from the bytes (文件类型).' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes (大小).' })
  size!: number;

  @Field(() => String, { description: 'SHA-256 of the content, hex (校验值).' })
  sha256!: string;

  @Field(() => GraphQLDateTime, { description: 'Uploaded at (上传时间).' })
  uploadedAt!: Date;

  @Field(() => String, { description: 'Path to GET with the same bearer token (下载地址).' })
  downloadPath!: string;
}

@InputType('RectificationVerifyInput', { description: 'A supervisor’s verification (核验).' })
export class RectificationVerifyInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => Boolean, { description: 'Approve (true) or return (false) (通过/退回).' })
  approve!: boolean;

  @Field(() => VerificationConclusion, { description: 'Conclusion (核验结论).' })
  conclusion!: VerificationConclusion;

  @Field(() => String, {
    nullable: true,
    description: 'Reason; required to return, and for 部分整改 what remains to be done (理由).',
  })
  reason?: string | null;

  @Field(() => RectificationMoneyInput, {
    nullable: true,
    description: 'The amounts your agency confirmed, by kind (核定整改金额); kept on the timeline.',
  })
  moneyVerified?: RectificationMoneyInput | null;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'CONTINUING: next milestone (下一阶段节点).',
  })
  nextMilestone?: string | null;
}

@InputType('RectificationExtensionInput', { description: 'The unit asks for a later deadline (延期申请).' })
export class RectificationExtensionInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => GraphQLLocalDate, { description: 'New deadline asked for (申请延期至).' })
  newDeadline!: string;

  @Field(() => String, { description: 'Why (理由).' })
  reason!: string;
}

@InputType('RectificationExtensionDecisionInput', {
  description: 'The lead agency decides an extension (延期审批).',
})
export class RectificationExtensionDecisionInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => Boolean, { description: 'Grant (true) or refuse (false) (同意/不同意).' })
  grant!: boolean;

  @Field(() => String, { nullable: true, description: 'Reason; required to refuse (理由).' })
  reason?: string | null;
}

@InputType('RectificationEscalateInput', { description: 'Escalate an overdue task (督办升级).' })
export class RectificationEscalateInput {
  @Field(() => ID, { description: 'The task (整改任务).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => ID, {
    description: "The district government (LEADERSHIP) or the lead agency's superior (提级督办对象).",
  })
  to!: string;

  @Field(() => String, { description: 'Why (理由).' })
  reason!: string;
}

@ObjectType('RectificationPayload', { description: 'Result of a change to a task.', simpleResolvers: true })
export class RectificationPayload {
  @Field(() => RectificationObject, { nullable: true, description: 'The task after the change (整改任务).' })
  rectification!: unknown;

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}
