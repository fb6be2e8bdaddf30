/** GraphQL types of the shared inspection plan (监督检查计划统筹). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { registerDescribedEnum, SubjectKind } from '../../shared/enums.js';
import { connectionTypes, Node } from '../../shared/relay.js';
import { UserError } from '../../shared/user-error.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { PolicyObject, ProjectObject } from '../project/project.types.js';
import { InspectionKind } from './recognition.entity.js';
import { RecognitionObject } from './recognition.types.js';
import { ReviewObject } from '../review/review.types.js';

export enum PlanWarningKind {
  PLAN_OVERLAP = 'PLAN_OVERLAP',
  RECOGNISED_RESULT_IN_FORCE = 'RECOGNISED_RESULT_IN_FORCE',
}
registerDescribedEnum(
  PlanWarningKind,
  'PlanWarningKind',
  'Why a planned inspection is flagged (计划提示类型).',
  {
    PLAN_OVERLAP: 'Another agency plans to inspect the same subject in the same months (计划重叠).',
    RECOGNISED_RESULT_IN_FORCE:
      'Your agency recognised a result about the subject that is still in force (已采信结果在有效期内).',
  },
);

@ObjectType('InspectionPlan', {
  implements: Node,
  description: "One agency's planned inspection of a unit, project or policy in a year (监督检查计划).",
  simpleResolvers: true,
})
export class InspectionPlanObject extends Node {
  @Field(() => OrganizationObject, { description: 'The planning agency (计划部门).' })
  agency!: unknown;

  @Field(() => Int, { description: 'Plan year (计划年度).' })
  planYear!: number;

  @Field(() => SubjectKind, { description: 'What is inspected (检查对象类型).' })
  subjectKind!: SubjectKind;

  @Field(() => OrganizationObject, {
    description: 'The unit inspected, or the owner of the project or policy (被检查单位).',
  })
  unit!: unknown;

  @Field(() => ProjectObject, { nullable: true, description: 'The project inspected (被检查项目).' })
  project!: unknown;

  @Field(() => PolicyObject, { nullable: true, description: 'The policy inspected (被检查政策).' })
  policy!: unknown;

  @Field(() => InspectionKind, { description: 'Kind (检查类型).' })
  kind!: InspectionKind;

  @Field(() => String, { description: 'Scope (检查范围).' })
  scope!: string;

  @Field(() => Int, { description: 'First fiscal year examined (所属期间起).' })
  periodFrom!: number;

  @Field(() => Int, { description: 'Last fiscal year examined (所属期间止).' })
  periodTo!: number;

  @Field(() => [Int], { description: 'Planned months of the plan year (计划实施月份).' })
  months!: number[];

  @Field(() => String, { description: 'Registering user (登记人).' })
  registeredBy!: string;

  @Field(() => GraphQLDateTime, { description: 'Registered (登记时间).' })
  createdAt!: Date;

  @Field(() => InspectionPlanObject, {
    nullable: true,
    description: 'The plan leading the joint inspection this plan joined (联合检查牵头计划); null if none.',
  })
  jointLead!: unknown;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it joined (加入联合检查时间).' })
  jointAt!: Date | null;

  @Field(() => [InspectionPlanObject], {
    description: 'Plans that joined this one as participants of its joint inspection (联合检查参加计划).',
  })
  participants!: unknown[];
}

@ObjectType('PlanWarning', {
  description: 'A planned inspection that duplicates work (重复检查提示), in Chinese for planning meetings.',
  simpleResolvers: true,
})
export class PlanWarningObject {
  @Field(() => PlanWarningKind, { description: 'Why (提示类型).' })
  kind!: PlanWarningKind;

  @Field(() => String, { description: 'The warning in one Chinese sentence (提示).' })
  message!: string;

  @Field(() => InspectionPlanObject, { description: 'The plan warned about (所涉计划).' })
  plan!: unknown;

  @Field(() => InspectionPlanObject, { nullable: true, description: 'The overlapping plan (重叠计划).' })
  otherPlan!: unknown;

  @Field(() => RecognitionObject, {
    nullable: true,
    description: 'The recognition in force that covers the subject (有效采信决定).',
  })
  recognition!: unknown;
}

@InputType('InspectionPlanRegisterInput', { description: 'A planned inspection to register (登记检查计划).' })
export class InspectionPlanRegisterInput {
  @Field(() => ID, { description: 'The unit, project or policy to inspect (检查对象).' })
  subject!: string;

  @Field(() => Int, { description: 'Plan year (计划年度).' })
  planYear!: number;

  @Field(() => InspectionKind, { description: 'Kind (检查类型).' })
  kind!: InspectionKind;

  @Field(() => String, { description: 'Scope (检查范围).' })
  scope!: string;

  @Field(() => Int, { description: 'First fiscal year examined (所属期间起).' })
  periodFrom!: number;

  @Field(() => Int, { description: 'Last fiscal year examined (所属期间止).' })
  periodTo!: number;

  @Field(() => [Int], { description: 'Planned months, 1-12 (计划实施月份).' })
  months!: number[];
}

@ObjectType('InspectionPlanPayload', {
  description: 'Result of registering a plan, with its warnings (登记结果).',
  simpleResolvers: true,
})
export class InspectionPlanPayload {
  @Field(() => InspectionPlanObject, { nullable: true, description: 'The plan registered (检查计划).' })
  plan!: unknown;

  @Field(() => [PlanWarningObject], { description: 'Duplicate work it would cause (重复检查提示).' })
  warnings!: unknown[];

  @Field(() => [UserError], { description: 'Problems; empty on success (输入问题).' })
  userErrors!: UserError[];
}

@ObjectType('Coverage', {
  description:
    'Before planning work on a subject: who examined it, when, with what result, who recognises that result, and ' +
    'who plans to come next (覆盖情况). Reviews appear as you may see them (a discipline review as existence only).',
  simpleResolvers: true,
})
export class CoverageObject {
  @Field(() => SubjectKind, { description: 'What the subject is (对象类型).' })
  subjectKind!: SubjectKind;

  @Field(() => OrganizationObject, { description: 'The unit, or the owner of the project or policy (单位).' })
  unit!: unknown;

  @Field(() => Int, { description: 'First fiscal year looked at (起始年度).' })
  fromYear!: number;

  @Field(() => Int, { description: 'Last fiscal year looked at (截止年度).' })
  toYear!: number;

  @Field(() => [ReviewObject], {
    description:
      'Reviews of the subject in those years, newest first; ask each for `recognitions` and for its findings (检查评价情况).',
  })
  reviews!: unknown[];

  @Field(() => [OrganizationObject], {
    description: 'Agencies that examined it in those years (已检查部门).',
  })
  examinedBy!: unknown[];

  @Field(() => [InspectionPlanObject], { description: 'Plans for it from `toYear` on (后续检查计划).' })
  plannedInspections!: unknown[];
}

export enum CoverageGap {
  NOT_EXAMINED = 'NOT_EXAMINED',
  EXAMINED_BY_SEVERAL = 'EXAMINED_BY_SEVERAL',
}
registerDescribedEnum(CoverageGap, 'CoverageGap', 'Which subjects a coverage list shows (覆盖情况筛选).', {
  NOT_EXAMINED: 'Examined by no agency in the years looked at (期间内未被检查).',
  EXAMINED_BY_SEVERAL: 'Examined by several agencies in one year (同一年度多部门检查).',
});

@ObjectType('CoverageEntry', {
  description:
    'One unit, project or policy in a coverage list (覆盖情况一览): how often and by whom it was examined in the years ' +
    'looked at, counting the reviews you may see.',
  simpleResolvers: true,
})
export class CoverageEntryObject {
  @Field(() => SubjectKind, { description: 'What the subject is (对象类型).' })
  subjectKind!: SubjectKind;

  @Field(() => OrganizationObject, { description: 'The unit, or the owner of the project or policy (单位).' })
  unit!: unknown;

  @Field(() => ProjectObject, { nullable: true, description: 'The project, for a project list (项目).' })
  project!: unknown;

  @Field(() => PolicyObject, { nullable: true, description: 'The policy, for a policy list (政策).' })
  policy!: unknown;

  @Field(() => Int, { description: 'Reviews in those years (检查评价次数).' })
  reviewCount!: number;

  @Field(() => Int, { description: 'Agencies that examined it in those years (检查部门数).' })
  agencyCount!: number;

  @Field(() => Int, {
    description: 'Most agencies that examined it in one fiscal year (同一年度最多检查部门数).',
  })
  peakAgenciesInOneYear!: number;

  @Field(() => Int, { nullable: true, description: 'Latest fiscal year examined (最近检查年度).' })
  lastExaminedYear!: number | null;

  @Field(() => [OrganizationObject], { description: 'The agencies (检查部门).' })
  examinedBy!: unknown[];
}

export const CoverageEntryConnection = connectionTypes(CoverageEntryObject, 'CoverageEntry', '覆盖情况');
