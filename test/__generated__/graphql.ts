/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Filter for findings; all given conditions must hold (问题筛选). */
export type FindingFilter = {
  /** Amount involved at most, yuan (金额上限). */
  amountMax?: string | null | undefined;
  /** Amount involved at least, yuan (金额下限). */
  amountMin?: string | null | undefined;
  /** Problem categories, exact (问题类别). */
  categories?: Array<string> | null | undefined;
  /** Fiscal year from, inclusive (起始年度). */
  fiscalYearFrom?: number | null | undefined;
  /** Fiscal year to, inclusive (截止年度). */
  fiscalYearTo?: number | null | undefined;
  /** Only these fiscal years (年度). */
  fiscalYears?: Array<number> | null | undefined;
  /** Include withdrawn findings (含已撤回). */
  includeWithdrawn?: boolean | null | undefined;
  /** Projects concerned (涉及项目). */
  projects?: Array<string | number> | null | undefined;
  /** true: only findings whose content the viewer may read (viewerCanReadContent), so a page carries no FORBIDDEN fields; false: only those whose content is not shared with the viewer (内容可读). */
  readable?: boolean | null | undefined;
  /** Text that the title or description contains; works on Chinese text without spaces (全文检索，包含匹配). */
  search?: string | null | undefined;
  /** Severities (严重程度). */
  severities?: Array<Severity> | null | undefined;
  /** Only these sources (来源). */
  sources?: Array<FindingSource> | null | undefined;
  /** Rectification statuses (整改状态). */
  statuses?: Array<RectificationStatus> | null | undefined;
  /** Responsible units (责任单位). */
  units?: Array<string | number> | null | undefined;
};

/** Ordering of findings (问题排序). */
export type FindingOrder = {
  /** Direction (方向). */
  direction: OrderDirection;
  /** Field to order by (排序字段). */
  field: FindingOrderField;
};

/** What to order findings by (排序字段). */
export type FindingOrderField =
  /** Amount involved; unreadable amounts sort as none (涉及金额). */
  | 'AMOUNT_INVOLVED'
  /** Fiscal year (年度). */
  | 'FISCAL_YEAR'
  /** Order of entry into the hub (录入顺序). */
  | 'ID'
  /** Severity; unreadable severities sort lowest (严重程度). */
  | 'SEVERITY';

/** Oversight source of a review or finding (监督来源). */
export type FindingSource =
  /** Audit by the audit bureau (审计). */
  | 'AUDIT'
  /** Discipline inspection and supervision (纪检监察). */
  | 'DISCIPLINE'
  /** Budget performance evaluation by the finance bureau (财政绩效评价). */
  | 'PERFORMANCE'
  /** Inspection of investment projects by the development-and-reform bureau (发改稽察). */
  | 'REFORM';

/** Type of fund a project is financed from (资金类型). */
export type FundType =
  /** General public budget (一般公共预算). */
  | 'GENERAL_BUDGET'
  /** Government fund budget (政府性基金预算). */
  | 'GOVERNMENT_FUND'
  /** Social insurance fund budget (社会保险基金预算). */
  | 'SOCIAL_INSURANCE'
  /** Special-purpose bonds (专项债券). */
  | 'SPECIAL_BOND'
  /** State capital operation budget (国有资本经营预算). */
  | 'STATE_CAPITAL';

/** Sort direction (排序方向). */
export type OrderDirection =
  /** Ascending (升序). */
  | 'ASC'
  /** Descending (降序). */
  | 'DESC';

/** Kind of organisation (机构类型). */
export type OrganizationKind =
  /** Budget unit (预算单位/责任单位): the inspected department, street office or township. */
  | 'BUDGET_UNIT'
  /** Operator of the hub (平台运营管理机构). */
  | 'HUB_OPERATOR'
  /** District leadership (区政府领导). */
  | 'LEADERSHIP'
  /** Oversight agency (监督部门): finance, audit, development-and-reform, discipline. */
  | 'OVERSIGHT_AGENCY'
  /** Third-party evaluator or expert (第三方机构/专家). */
  | 'THIRD_PARTY';

/** Grade of a performance evaluation (绩效评价等级). */
export type PerformanceGrade =
  /** Excellent, score >= 90 (优). */
  | 'EXCELLENT'
  /** Fair, 60 <= score < 80 (中). */
  | 'FAIR'
  /** Good, 80 <= score < 90 (良). */
  | 'GOOD'
  /** Poor, score < 60 (差). */
  | 'POOR';

/** Publication state of a record in the hub (发布状态). */
export type PublicationState =
  /** Draft, visible to the authoring agency only (草稿). */
  | 'DRAFT'
  /** Published to the hub (已发布). */
  | 'PUBLISHED'
  /** Withdrawn by its author, kept for the record (已撤回). */
  | 'WITHDRAWN';

/** Rectification status of a finding (整改状态). */
export type RectificationStatus =
  /** Accepted as long-term rectification (持续整改). */
  | 'CONTINUING'
  /** Rectification in progress (整改中). */
  | 'IN_PROGRESS'
  /** Not yet rectified (待整改). */
  | 'PENDING'
  /** Rectified and verified (已整改/已销号). */
  | 'RECTIFIED';

/** Role of the viewer (角色). */
export type Role =
  /** Audit bureau (审计局). */
  | 'AUDIT'
  /** Discipline inspection and supervision commission (纪委监委). */
  | 'DISCIPLINE'
  /** Third-party evaluator (第三方机构). */
  | 'EVALUATOR'
  /** Finance bureau, performance section (财政局绩效评价股). */
  | 'FINANCE'
  /** Administrator of the hub (平台管理员); not cleared for SECRET content. */
  | 'HUB_ADMIN'
  /** District leadership (区政府领导). */
  | 'LEADERSHIP'
  /** The public, no token (社会公众). */
  | 'PUBLIC'
  /** Development and reform bureau (发展和改革局). */
  | 'REFORM'
  /** A budget unit's staff (预算单位). */
  | 'UNIT';

/** Sensitivity level of a record (密级/敏感级别), ordered PUBLIC < SECRET. */
export type Sensitivity =
  /** For government use (内部). */
  | 'INTERNAL'
  /** May be published to the public (可公开). */
  | 'PUBLIC'
  /** For oversight agencies and the unit concerned (限定范围). */
  | 'RESTRICTED'
  /** For the discipline commission only (涉密/高度敏感). */
  | 'SECRET';

/** Severity of a finding (问题严重程度). */
export type Severity =
  /** Minor (一般). */
  | 'MINOR'
  /** Moderate (较重). */
  | 'MODERATE'
  /** Serious (严重). */
  | 'SERIOUS';

export type FindingsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filterBy?: FindingFilter | null | undefined;
  orderBy?: FindingOrder | null | undefined;
}>;


export type FindingsPageQuery = { findings: { totalCount: number, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null }, edges: Array<{ cursor: string }>, nodes: Array<
      | { __typename: 'AuditFinding', id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, severity: Severity | null, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { id: string, name: string } }
      | { __typename: 'DisciplineFinding', id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, severity: Severity | null, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { id: string, name: string } }
      | { __typename: 'PerformanceFinding', id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, severity: Severity | null, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { id: string, name: string } }
      | { __typename: 'ReformFinding', id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, severity: Severity | null, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { id: string, name: string } }
    > } };

export type FindingsNestedQueryVariables = Exact<{
  first: number;
  filterBy?: FindingFilter | null | undefined;
}>;


export type FindingsNestedQuery = { findings: { nodes: Array<
      | { id: string, title: string | null, agency: { name: string }, unit: { name: string, kind: OrganizationKind }, project: { name: string, fundType: FundType, ownerUnit: { name: string } } | null, review: { title: string | null, score: string | null, grade: PerformanceGrade | null, agency: { code: string } } | null }
      | { id: string, title: string | null, agency: { name: string }, unit: { name: string, kind: OrganizationKind }, project: { name: string, fundType: FundType, ownerUnit: { name: string } } | null, review: { title: string | null, score: string | null, grade: PerformanceGrade | null, agency: { code: string } } | null }
      | { id: string, title: string | null, agency: { name: string }, unit: { name: string, kind: OrganizationKind }, project: { name: string, fundType: FundType, ownerUnit: { name: string } } | null, review: { title: string | null, score: string | null, grade: PerformanceGrade | null, agency: { code: string } } | null }
      | { id: string, title: string | null, agency: { name: string }, unit: { name: string, kind: OrganizationKind }, project: { name: string, fundType: FundType, ownerUnit: { name: string } } | null, review: { title: string | null, score: string | null, grade: PerformanceGrade | null, agency: { code: string } } | null }
    > } };

export type FindingDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type FindingDetailQuery = { finding:
    | { __typename: 'AuditFinding', legalBasis: string | null, auditOpinion: string | null, id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, description: string | null, severity: Severity | null, amountInvolved: string | null, sensitivity: Sensitivity | null, publicationState: PublicationState | null, rectificationStatus: RectificationStatus | null, responsiblePerson: string | null, responsiblePhone: string | null, sourceRef: string | null, unit: { name: string }, agency: { name: string }, review: { title: string | null } | null }
    | { __typename: 'DisciplineFinding', clueSource: string | null, caseStage: string | null, personsHeldAccountable: number | null, id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, description: string | null, severity: Severity | null, amountInvolved: string | null, sensitivity: Sensitivity | null, publicationState: PublicationState | null, rectificationStatus: RectificationStatus | null, responsiblePerson: string | null, responsiblePhone: string | null, sourceRef: string | null, personsInvolved: Array<{ name: string, position: string }> | null, unit: { name: string }, agency: { name: string }, review: { title: string | null } | null }
    | { __typename: 'PerformanceFinding', indicatorName: string | null, scoreDeducted: string | null, id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, description: string | null, severity: Severity | null, amountInvolved: string | null, sensitivity: Sensitivity | null, publicationState: PublicationState | null, rectificationStatus: RectificationStatus | null, responsiblePerson: string | null, responsiblePhone: string | null, sourceRef: string | null, unit: { name: string }, agency: { name: string }, review: { title: string | null } | null }
    | { __typename: 'ReformFinding', inspectionItem: string | null, approvalRef: string | null, id: string, source: FindingSource, fiscalYear: number, category: string, title: string | null, description: string | null, severity: Severity | null, amountInvolved: string | null, sensitivity: Sensitivity | null, publicationState: PublicationState | null, rectificationStatus: RectificationStatus | null, responsiblePerson: string | null, responsiblePhone: string | null, sourceRef: string | null, unit: { name: string }, agency: { name: string }, review: { title: string | null } | null }
   | null };

export type NodeLookupQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodeLookupQuery = { nodes: Array<
    | { __typename: 'AccessRequest', id: string }
    | { __typename: 'AuditFinding', category: string, title: string | null, id: string }
    | { __typename: 'DisciplineFinding', category: string, title: string | null, id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'PerformanceFinding', category: string, title: string | null, id: string }
    | { __typename: 'Policy', id: string }
    | { __typename: 'Project', name: string, id: string }
    | { __typename: 'Rectification', id: string }
    | { __typename: 'ReformFinding', category: string, title: string | null, id: string }
    | { __typename: 'Review', title: string | null, id: string }
   | null> };

export type NodeOneQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeOneQuery = { node:
    | { __typename: 'AccessRequest', id: string }
    | { __typename: 'AuditFinding', id: string }
    | { __typename: 'DisciplineFinding', id: string }
    | { __typename: 'Organization', id: string }
    | { __typename: 'PerformanceFinding', id: string }
    | { __typename: 'Policy', id: string }
    | { __typename: 'Project', id: string }
    | { __typename: 'Rectification', id: string }
    | { __typename: 'ReformFinding', id: string }
    | { __typename: 'Review', id: string }
   | null };

export type ProjectViewQueryVariables = Exact<{
  id: string | number;
}>;


export type ProjectViewQuery = { project: { name: string, ownerUnit: { name: string }, reviews: { totalCount: number, nodes: Array<{ title: string | null, source: FindingSource, grade: PerformanceGrade | null }> }, findings: { totalCount: number, nodes: Array<
        | { __typename: 'AuditFinding', source: FindingSource, title: string | null }
        | { __typename: 'DisciplineFinding', source: FindingSource, title: string | null }
        | { __typename: 'PerformanceFinding', source: FindingSource, title: string | null }
        | { __typename: 'ReformFinding', source: FindingSource, title: string | null }
      > } } | null };

export type OrganizationViewQueryVariables = Exact<{
  id: string | number;
}>;


export type OrganizationViewQuery = { organization: { name: string, kind: OrganizationKind, findingsAbout: { totalCount: number, nodes: Array<
        | { __typename: 'AuditFinding', source: FindingSource, category: string }
        | { __typename: 'DisciplineFinding', source: FindingSource, category: string }
        | { __typename: 'PerformanceFinding', source: FindingSource, category: string }
        | { __typename: 'ReformFinding', source: FindingSource, category: string }
      > }, reviewsAbout: { totalCount: number, nodes: Array<{ title: string | null, source: FindingSource }> } } | null };

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { viewer: { role: Role, clearance: Sensitivity, organization: { code: string } | null } };


export const FindingsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"amountInvolved"}},{"kind":"Field","name":{"kind":"Name","value":"rectificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindingsPageQuery, FindingsPageQueryVariables>;
export const FindingsNestedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingsNested"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fundType"}},{"kind":"Field","name":{"kind":"Name","value":"ownerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindingsNestedQuery, FindingsNestedQueryVariables>;
export const FindingDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"amountInvolved"}},{"kind":"Field","name":{"kind":"Name","value":"sensitivity"}},{"kind":"Field","name":{"kind":"Name","value":"publicationState"}},{"kind":"Field","name":{"kind":"Name","value":"rectificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"responsiblePerson"}},{"kind":"Field","name":{"kind":"Name","value":"responsiblePhone"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRef"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PerformanceFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorName"}},{"kind":"Field","name":{"kind":"Name","value":"scoreDeducted"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"auditOpinion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReformFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectionItem"}},{"kind":"Field","name":{"kind":"Name","value":"approvalRef"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DisciplineFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clueSource"}},{"kind":"Field","name":{"kind":"Name","value":"personsInvolved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseStage"}},{"kind":"Field","name":{"kind":"Name","value":"personsHeldAccountable"}}]}}]}}]}}]} as unknown as DocumentNode<FindingDetailQuery, FindingDetailQueryVariables>;
export const NodeLookupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Project"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Review"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Finding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<NodeLookupQuery, NodeLookupQueryVariables>;
export const NodeOneDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeOne"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NodeOneQuery, NodeOneQueryVariables>;
export const ProjectViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ownerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectViewQuery, ProjectViewQueryVariables>;
export const OrganizationViewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"findingsAbout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviewsAbout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationViewQuery, OrganizationViewQueryVariables>;
export const WhoAmIDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoAmI"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<WhoAmIQuery, WhoAmIQueryVariables>;