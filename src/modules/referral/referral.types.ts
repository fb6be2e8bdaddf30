import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { ReferralStatus } from './referral.entity.js';

@ObjectType('ClueReferral', {
  description:
    'A clue referred to the discipline commission (问题线索移送). The referring agency sees its own referrals with the ' +
    'status and feedback the commission returns; the commission sees all; nobody else sees any.',
  simpleResolvers: true,
})
export class ClueReferralObject {
  @Field(() => ID, { description: 'Id (编号).' })
  id!: string;

  @Field(() => Int, { description: 'Version, for the commission’s status update (版本号).' })
  version!: number;

  @Field(() => String, { description: 'Number of the referral letter (移送函文号).' })
  documentNumber!: string;

  @Field(() => String, { description: 'Date referred, YYYY-MM-DD (移送日期).' })
  referredOn!: string;

  @Field(() => OrganizationObject, { description: 'The referring agency (移送单位).' })
  referrer!: unknown;

  @Field(() => [ID], { description: 'The referring agency’s findings the clue concerns (涉及问题).' })
  findingIds!: string[];

  @Field(() => String, {
    description: 'The facts as referred; the referrer and the commission only (移送事实).',
  })
  facts!: string;

  @Field(() => ReferralStatus, { description: 'Handling status returned by the commission (处置状态).' })
  status!: ReferralStatus;

  @Field(() => String, { nullable: true, description: 'Feedback the commission returns (处置反馈).' })
  feedback!: string | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When the status last changed (状态更新时间).',
  })
  statusUpdatedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The commission’s own notes on the handling; the commission alone (办理情况).',
  })
  handlingNotes!: string | null;
}

@InputType('ClueReferralCreateInput', {
  description: 'Refer a clue to the discipline commission (移送问题线索).',
})
export class ClueReferralCreateInput {
  @Field(() => ID, { description: 'The discipline commission (纪委监委).' })
  commission!: string;

  @Field(() => [ID], { description: 'Your findings the clue concerns (涉及问题).' })
  findings!: string[];

  @Field(() => String, { description: 'The facts (移送事实).' })
  facts!: string;

  @Field(() => String, { description: 'Number of the referral letter (移送函文号).' })
  documentNumber!: string;

  @Field(() => String, { description: 'Date referred, YYYY-MM-DD (移送日期).' })
  referredOn!: string;
}

@InputType('ClueReferralStatusInput', {
  description: 'The commission returns a handling status (反馈处置情况).',
})
export class ClueReferralStatusInput {
  @Field(() => ID, { description: 'The referral (线索移送).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => ReferralStatus, { description: 'Status (处置状态).' })
  status!: ReferralStatus;

  @Field(() => String, { nullable: true, description: 'Feedback for the referrer (处置反馈).' })
  feedback?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Your own notes, never shown to the referrer (办理情况).',
  })
  handlingNotes?: string | null;
}

@ObjectType('ClueReferralPayload', { description: 'Result of a referral change.', simpleResolvers: true })
export class ClueReferralPayload {
  @Field(() => ClueReferralObject, { nullable: true, description: 'The referral (线索移送).' })
  referral!: unknown;

  @Field(() => [UserError], { description: 'Problems; empty on success (问题).' })
  userErrors!: UserError[];
}
