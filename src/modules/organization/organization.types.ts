import { Field, InputType, ObjectType } from 'type-graphql';
import { OrganizationKind } from '../../shared/enums.js';
import { Node } from '../../shared/relay.js';

@ObjectType('Organization', {
  implements: Node,
  description:
    'An organisation (机构): oversight agency (监督部门), budget unit (预算单位), third party (第三方) or leadership (领导).',
  simpleResolvers: true,
})
export class OrganizationObject extends Node {
  @Field(() => OrganizationKind, { description: 'Kind of organisation (机构类型).' })
  kind!: OrganizationKind;

  @Field(() => String, { description: 'Stable organisation code (机构代码), as used in tokens and imports.' })
  code!: string;

  @Field(() => String, { description: 'Full name (机构名称), e.g. 区教育局.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name (简称).' })
  shortName!: string | null;

  @Field(() => OrganizationObject, {
    nullable: true,
    description: 'Supervising department (主管部门), if any.',
  })
  parent!: OrganizationObject | null;
}

@InputType('OrganizationFilter', { description: 'Filter for organisations (机构筛选).' })
export class OrganizationFilter {
  @Field(() => [OrganizationKind], { nullable: true, description: 'Only these kinds (机构类型).' })
  kinds?: OrganizationKind[] | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (名称包含).' })
  nameContains?: string | null;
}
