import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FundType } from '../../shared/enums.js';
import { Node } from '../../shared/relay.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { OrganizationObject } from '../organization/organization.types.js';

@ObjectType('Project', {
  implements: Node,
  description: 'A project (项目), a subject of oversight; the 360° view of everything found about it.',
  simpleResolvers: true,
})
export class ProjectObject extends Node {
  @Field(() => String, { description: 'Project code (项目编码).' })
  code!: string;

  @Field(() => String, { description: 'Project name (项目名称).' })
  name!: string;

  @Field(() => FundType, { description: 'Fund type (资金类型).' })
  fundType!: FundType;

  @Field(() => MoneyScalar, { description: 'Budget amount in yuan (预算金额，元).' })
  budgetAmount!: string;

  @Field(() => OrganizationObject, { description: 'Owner unit (项目单位).' })
  ownerUnit!: OrganizationObject;

  @Field(() => Int, { description: 'First year of the project (起始年度).' })
  startYear!: number;

  @Field(() => Int, { nullable: true, description: 'Last year of the project, if known (结束年度).' })
  endYear!: number | null;
}

@ObjectType('Policy', {
  implements: Node,
  description: 'A fiscal policy (财政政策), a subject of oversight.',
  simpleResolvers: true,
})
export class PolicyObject extends Node {
  @Field(() => String, { description: 'Policy code (政策编码).' })
  code!: string;

  @Field(() => String, { description: 'Policy name (政策名称).' })
  name!: string;

  @Field(() => OrganizationObject, { nullable: true, description: 'Unit in charge (主管单位).' })
  ownerUnit!: OrganizationObject | null;

  @Field(() => Int, { description: 'Year the policy took effect (实施年度).' })
  effectiveYear!: number;
}

@InputType('ProjectFilter', { description: 'Filter for projects (项目筛选).' })
export class ProjectFilter {
  @Field(() => [FundType], { nullable: true, description: 'Only these fund types (资金类型).' })
  fundTypes?: FundType[] | null;

  @Field(() => ID, { nullable: true, description: 'Owner unit id (项目单位).' })
  ownerUnit?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (名称包含).' })
  nameContains?: string | null;
}
