import { Field, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { registerDescribedEnum } from '../../shared/enums.js';
import { GraphQLDateTime } from 'graphql-scalars';
import {
  FindingSource,
  PublicationState,
  RectificationStatus,
  Sensitivity,
  Severity,
} from '../../shared/enums.js';
import { Node } from '../../shared/relay.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { OrganizationObject } from '../organization/organization.types.js';
import { PolicyObject, ProjectObject } from '../project/project.types.js';
import { ReviewObject } from '../review/review.types.js';
import { FindingOrderField, FINDING_TYPENAME } from './finding.repo.js';
import { FindingRevisionObject } from './finding-history.types.js';

/**
 * The shared shape of a problem (问题) found by any agency. Fields other than id, source, agency,
 * unit, category and fiscal year are content: null with a FORBIDDEN error for viewers who may only
 * know that the finding exists.
 */
@InterfaceType('Finding', {
  implements: Node,
  description:
    'A problem found by an oversight agency (监督发现的问题). One type per source implements it, so a partner can ' +
    'ask for everything about a unit or project in one query and still get source-specific fields.',
  resolveType: (v: { source: FindingSource }) => FINDING_TYPENAME[v.source],
})
export abstract class FindingInterface extends Node {
  @Field(() => FindingSource, { description: 'Oversight source (问题来源).' })
  source!: FindingSource;

  @Field(() => OrganizationObject, { description: 'Agency that found it (发现机关).' })
  agency!: OrganizationObject;

  @Field(() => OrganizationObject, { description: 'Responsible unit (责任单位).' })
  unit!: OrganizationObject;

  @Field(() => Int, { description: 'Fiscal year the problem concerns (所属年度).' })
  fiscalYear!: number;

  @Field(() => String, { description: 'Problem category (问题类别), e.g. 预算执行率偏低, 虚列支出.' })
  category!: string;

  @Field(() => String, {
    nullable: true,
    description: "The agency's own id of this finding (源系统编号, e.g. 审计问题编号).",
  })
  sourceRef!: string | null;

  @Field(() => ReviewObject, { nullable: true, description: 'The review that found it (所属评价/审计项目).' })
  review!: ReviewObject | null;

  @Field(() => ProjectObject, { nullable: true, description: 'Project concerned, if any (涉及项目).' })
  project!: ProjectObject | null;

  @Field(() => PolicyObject, { nullable: true, description: 'Policy concerned, if any (涉及政策).' })
  policy!: PolicyObject | null;

  @Field(() => Severity, { nullable: true, description: 'Severity (严重程度).' })
  severity!: Severity | null;

  @Field(() => String, { nullable: true, description: 'Short title (问题标题).' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Description of the problem (问题描述).' })
  description!: string | null;

  @Field(() => MoneyScalar, {
    nullable: true,
    description: 'Amount involved in yuan, exact (涉及金额，元); null when none or not readable.',
  })
  amountInvolved!: string | null;

  @Field(() => Sensitivity, { nullable: true, description: 'Sensitivity of the record (敏感级别).' })
  sensitivity!: Sensitivity | null;

  @Field(() => PublicationState, { nullable: true, description: 'Publication state (发布状态).' })
  publicationState!: PublicationState | null;

  @Field(() => RectificationStatus, { nullable: true, description: 'Rectification status (整改状态).' })
  rectificationStatus!: RectificationStatus | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'When it was published to the hub (发布时间).',
  })
  publishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Responsible person (责任人).' })
  responsiblePerson!: string | null;

  @Field(() => String, { nullable: true, description: "Responsible person's telephone (联系电话)." })
  responsiblePhone!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Last change (更新时间).' })
  updatedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Version for optimistic locking (版本号).' })
  version!: number | null;

  @Field(() => [FindingRevisionObject], {
    nullable: true,
    description: 'Every change to this finding, oldest first: who, when, why, which fields (变更历史).',
  })
  history!: unknown[] | null;

  @Field(() => Boolean, {
    description:
      'Whether the viewer may read the substance of this finding (可查看内容). Same policy as the server.',
  })
  viewerCanReadContent!: boolean;

  @Field(() => Boolean, {
    description:
      'Whether the viewer may ask the owner for conditional access to it (可申请有条件共享); guards accessRequestCreate.',
  })
  viewerCanRequestAccess!: boolean;
}

@ObjectType('PerformanceFinding', {
  implements: [Node, FindingInterface],
  description: 'A problem found by a budget performance evaluation (绩效评价发现的问题).',
  simpleResolvers: true,
})
export class PerformanceFinding extends FindingInterface {
  @Field(() => String, { nullable: true, description: 'Performance indicator concerned (相关绩效指标).' })
  indicatorName!: string | null;

  @Field(() => String, { nullable: true, description: 'Points deducted, decimal string (扣分).' })
  scoreDeducted!: string | null;
}

@ObjectType('AuditFinding', {
  implements: [Node, FindingInterface],
  description: 'A problem found by an audit (审计发现的问题).',
  simpleResolvers: true,
})
export class AuditFinding extends FindingInterface {
  @Field(() => String, { nullable: true, description: 'Legal basis for the finding (定性依据).' })
  legalBasis!: string | null;

  @Field(() => String, { nullable: true, description: 'Audit opinion / handling (审计意见/处理).' })
  auditOpinion!: string | null;
}

@ObjectType('ReformFinding', {
  implements: [Node, FindingInterface],
  description: 'A problem found by a development-and-reform inspection (发改稽察发现的问题).',
  simpleResolvers: true,
})
export class ReformFinding extends FindingInterface {
  @Field(() => String, {
    nullable: true,
    description: 'Inspection item: approval, bidding, schedule, funds (稽察事项).',
  })
  inspectionItem!: string | null;

  @Field(() => String, { nullable: true, description: 'Approval document number (批复文号).' })
  approvalRef!: string | null;
}

@ObjectType('PersonInvolved', {
  description: 'A person named in a discipline matter (涉及人员). Discipline commission only.',
  simpleResolvers: true,
})
export class PersonInvolvedObject {
  @Field(() => String, { description: 'Name (姓名).' })
  name!: string;

  @Field(() => String, { description: 'Position (职务).' })
  position!: string;
}

@ObjectType('DisciplineFinding', {
  implements: [Node, FindingInterface],
  description:
    'A discipline matter (纪检监察问题). Outside the discipline commission only its existence, unit, category ' +
    'and fiscal year are visible.',
  simpleResolvers: true,
})
export class DisciplineFinding extends FindingInterface {
  @Field(() => String, {
    nullable: true,
    description: 'Where the clue came from (线索来源). Discipline only.',
  })
  clueSource!: string | null;

  @Field(() => [PersonInvolvedObject], {
    nullable: true,
    description: 'Persons involved (涉及人员). Discipline only.',
  })
  personsInvolved!: PersonInvolvedObject[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'Stage of the case (办理阶段), e.g. 初步核实, 立案审查.',
  })
  caseStage!: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of persons held accountable (问责人数).' })
  personsHeldAccountable!: number | null;
}

export const FINDING_IMPLEMENTATIONS = [PerformanceFinding, AuditFinding, ReformFinding, DisciplineFinding];

registerDescribedEnum(FindingOrderField, 'FindingOrderField', 'What to order findings by (排序字段).', {
  ID: 'Order of entry into the hub (录入顺序).',
  FISCAL_YEAR: 'Fiscal year (年度).',
  AMOUNT_INVOLVED: 'Amount involved; unreadable amounts sort as none (涉及金额).',
  SEVERITY: 'Severity; unreadable severities sort lowest (严重程度).',
});

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Sort direction (排序方向).',
  valuesConfig: { ASC: { description: 'Ascending (升序).' }, DESC: { description: 'Descending (降序).' } },
});

@InputType('FindingOrder', { description: 'Ordering of findings (问题排序).' })
export class FindingOrder {
  @Field(() => FindingOrderField, { description: 'Field to order by (排序字段).' })
  field!: FindingOrderField;

  @Field(() => OrderDirection, { description: 'Direction (方向).' })
  direction!: OrderDirection;
}

@InputType('FindingFilter', {
  description: 'Filter for findings; all given conditions must hold (问题筛选).',
})
export class FindingFilter {
  @Field(() => [FindingSource], { nullable: true, description: 'Only these sources (来源).' })
  sources?: FindingSource[] | null;

  @Field(() => [Int], { nullable: true, description: 'Only these fiscal years (年度).' })
  fiscalYears?: number[] | null;

  @Field(() => Int, { nullable: true, description: 'Fiscal year from, inclusive (起始年度).' })
  fiscalYearFrom?: number | null;

  @Field(() => Int, { nullable: true, description: 'Fiscal year to, inclusive (截止年度).' })
  fiscalYearTo?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Responsible units (责任单位).' })
  units?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Projects concerned (涉及项目).' })
  projects?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Problem categories, exact (问题类别).' })
  categories?: string[] | null;

  @Field(() => [Severity], { nullable: true, description: 'Severities (严重程度).' })
  severities?: Severity[] | null;

  @Field(() => [RectificationStatus], { nullable: true, description: 'Rectification statuses (整改状态).' })
  statuses?: RectificationStatus[] | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Amount involved at least, yuan (金额下限).' })
  amountMin?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Amount involved at most, yuan (金额上限).' })
  amountMax?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Text that the title or description contains; works on Chinese text without spaces (全文检索，包含匹配).',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include withdrawn findings (含已撤回).' })
  includeWithdrawn?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only findings whose content the viewer may read (viewerCanReadContent), so a page carries no FORBIDDEN fields; false: only those whose content is not shared with the viewer (内容可读).',
  })
  readable?: boolean | null;
}
