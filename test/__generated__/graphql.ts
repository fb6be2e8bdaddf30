/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Record the outcome (登记会商结论). */
export type ConsultationConcludeInput = {
  /** The consultation (会商). */
  id: string | number;
  /** The outcome (会商结论). */
  outcome: string;
  /** The version you read (版本号). */
  version: number;
};

/** Escalate an unresolved consultation to the district government (提请区政府协调). */
export type ConsultationEscalateInput = {
  /** The consultation (会商). */
  id: string | number;
  /** Why it is escalated (提请理由). */
  reason: string;
  /** The district government office; default: the only one (区政府). */
  to?: string | number | null | undefined;
  /** The version you read (版本号). */
  version: number;
};

/** Open a consultation on a decision (发起会商). */
export type ConsultationOpenInput = {
  /** Your agency's position (本部门意见). */
  position: string;
  /** The question in dispute (会商事项). */
  question: string;
  /** The decision in dispute (所涉采信决定). */
  recognition: string | number;
};

/** State your position (表态). */
export type ConsultationRespondInput = {
  /** The consultation (会商). */
  id: string | number;
  /** Your agency's position (本部门意见). */
  position: string;
  /** The version you read (版本号). */
  version: number;
};

/** State of a consultation (会商状态). */
export type ConsultationState =
  /** Both agencies have stated their positions (双方已表态). */
  | 'ANSWERED'
  /** Concluded with an outcome (已形成会商结论). */
  | 'CONCLUDED'
  /** Unresolved, escalated to the district government (已提请区政府协调). */
  | 'ESCALATED'
  /** Opened with one position, awaiting the other agency (已发起). */
  | 'OPEN';

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

/** Link findings about the same problem: into a new group (two or more), or into `group` (关联同一问题). */
export type FindingGroupLinkInput = {
  /** Findings to link (问题). */
  findings: Array<string | number>;
  /** An existing group to add to (已有问题组). */
  group?: string | number | null | undefined;
  /** The primary finding; default for a new group: the first named (主问题). */
  primary?: string | number | null | undefined;
  /** Why they are the same problem (关联理由). */
  reason: string;
  /** The group’s version you read, with `group` (版本号). */
  version?: number | null | undefined;
};

/** Unlink findings from a group (解除关联). */
export type FindingGroupUnlinkInput = {
  /** Findings to unlink (问题). */
  findings: Array<string | number>;
  /** The group (问题组). */
  group: string | number;
  /** Why (理由). */
  reason: string;
  /** The version you read (版本号). */
  version: number;
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

/** Kind of planned inspection (检查类型). */
export type InspectionKind =
  /** Audit (审计). */
  | 'AUDIT'
  /** Inspection of investment projects (稽察). */
  | 'INSPECTION'
  /** Key performance evaluation (重点绩效评价). */
  | 'KEY_PERFORMANCE_EVALUATION'
  /** Special check (专项检查). */
  | 'SPECIAL_CHECK'
  /** Supervision and inspection (监督检查). */
  | 'SUPERVISION';

/** A planned inspection to register (登记检查计划). */
export type InspectionPlanRegisterInput = {
  /** Kind (检查类型). */
  kind: InspectionKind;
  /** Planned months, 1-12 (计划实施月份). */
  months: Array<number>;
  /** First fiscal year examined (所属期间起). */
  periodFrom: number;
  /** Last fiscal year examined (所属期间止). */
  periodTo: number;
  /** Plan year (计划年度). */
  planYear: number;
  /** Scope (检查范围). */
  scope: string;
  /** The unit, project or policy to inspect (检查对象). */
  subject: string | number;
};

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

/** Why a planned inspection is flagged (计划提示类型). */
export type PlanWarningKind =
  /** Another agency plans to inspect the same subject in the same months (计划重叠). */
  | 'PLAN_OVERLAP'
  /** Your agency recognised a result about the subject that is still in force (已采信结果在有效期内). */
  | 'RECOGNISED_RESULT_IN_FORCE';

/** Publication state of a record in the hub (发布状态). */
export type PublicationState =
  /** Draft, visible to the authoring agency only (草稿). */
  | 'DRAFT'
  /** Published to the hub (已发布). */
  | 'PUBLISHED'
  /** Withdrawn by its author, kept for the record (已撤回). */
  | 'WITHDRAWN';

/** An agency's decision on another agency's result (采信决定). */
export type RecognitionDecision =
  /** Not recognised, with a reason (不予采信). */
  | 'NOT_RECOGNISED'
  /** Recognised in part, within the accepted scope (部分采信). */
  | 'PARTLY_RECOGNISED'
  /** Recognised in full (采信). */
  | 'RECOGNISED';

/** Conditions of the recognition register (采信登记筛选). */
export type RecognitionFilter = {
  /** Only decisions of these agencies (采信部门). */
  agencies?: Array<string | number> | null | undefined;
  /** Only these decisions (采信决定). */
  decisions?: Array<RecognitionDecision> | null | undefined;
  /** Only recognitions in force on this date (当日有效). */
  inEffectOn?: string | null | undefined;
  /** Statuses; default CURRENT only. Add SUPERSEDED and WITHDRAWN for the history (状态). */
  statuses?: Array<RecognitionStatus> | null | undefined;
  /** Only decisions on results of these agencies (结果出具部门). */
  targetAgencies?: Array<string | number> | null | undefined;
  /** Only decisions on these reviews or findings (被采信的评价或问题). */
  targets?: Array<string | number> | null | undefined;
};

/** A recognition decision to record (登记采信决定). */
export type RecognitionRecordInput = {
  /** The decision (采信决定). */
  decision: RecognitionDecision;
  /** Document the decision was made in, e.g. 鹤财绩〔2026〕12号 (文号). */
  documentRef: string;
  /** Reason; required for NOT_RECOGNISED (理由). */
  reason?: string | null | undefined;
  /** PARTLY_RECOGNISED: what is accepted (采信范围). */
  scope?: Array<RecognitionScopeItem> | null | undefined;
  /** Scope FINDINGS: the findings of the review accepted (采信的问题). */
  scopeFindings?: Array<string | number> | null | undefined;
  /** The decision in force that this one replaces, as you read it; required when there is one, so no change is lost (替代的现行决定). */
  supersedes?: string | number | null | undefined;
  /** Another agency's review or finding (被采信的评价或问题). */
  target: string | number;
  /** Validity from (有效期起). */
  validFrom?: string | null | undefined;
  /** Validity until: no re-inspection of the same subject and scope before (有效期止). */
  validUntil?: string | null | undefined;
};

/** What part of a result a partial recognition accepts (采信范围). */
export type RecognitionScopeItem =
  /** The amounts established (金额认定). */
  | 'AMOUNTS'
  /** The conclusion, grade or opinion (结论). */
  | 'CONCLUSION'
  /** The findings named in `scopeFindings` (所列问题). */
  | 'FINDINGS'
  /** The indicator scores of a performance evaluation (指标得分). */
  | 'INDICATOR_SCORES';

/** Whether a decision is the one in force (采信决定状态). */
export type RecognitionStatus =
  /** The decision in force for this agency and result (现行). */
  | 'CURRENT'
  /** Replaced by a later decision of the same agency (已被替代). */
  | 'SUPERSEDED'
  /** Withdrawn by the recognising agency (已撤回). */
  | 'WITHDRAWN';

/** Withdraw a decision (撤回采信决定). */
export type RecognitionWithdrawInput = {
  /** The decision (采信决定). */
  id: string | number;
  /** Why (撤回理由). */
  reason: string;
};

/** Rectification status of a finding (整改状态), derived from its rectification task. */
export type RectificationStatus =
  /** The unit reports it done; awaiting verification, not yet closed (整改完成，待核验销号). */
  | 'COMPLETED'
  /** Accepted as long-term rectification, tracked by milestones (持续整改). */
  | 'CONTINUING'
  /** Rectification in progress, or returned by a verifier (整改中). */
  | 'IN_PROGRESS'
  /** Partly rectified: the last verification concluded 部分整改 (部分整改). */
  | 'PARTLY'
  /** Not yet rectified: no task, or a task not started (待整改/未整改). */
  | 'PENDING'
  /** Rectified, verified and closed by every supervisor (已整改销号). */
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

/** Sensitivity level of a record (敏感级别; not a state-secret classification: the hub holds no classified information), ordered PUBLIC < SECRET. The value names are kept for API compatibility. */
export type Sensitivity =
  /** For government use (内部). */
  | 'INTERNAL'
  /** May be published to the public (公开). */
  | 'PUBLIC'
  /** For oversight agencies and the unit concerned (敏感). */
  | 'RESTRICTED'
  /** Work secret, for the discipline commission only (高度敏感（工作秘密）). */
  | 'SECRET';

/** Severity of a finding, as audit grades it (问题严重程度). */
export type Severity =
  /** Ordinary (一般). */
  | 'MINOR'
  /** Important (重要). */
  | 'MODERATE'
  /** Major (重大). */
  | 'SERIOUS';

/** What a review examines (评价/监督对象类型). */
export type SubjectKind =
  /** A fiscal policy (财政政策). */
  | 'POLICY'
  /** A project (项目). */
  | 'PROJECT'
  /** A budget unit as a whole (部门整体). */
  | 'UNIT';

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

export type RecognitionFieldsFragment = { id: string, decision: RecognitionDecision, scope: Array<RecognitionScopeItem>, reason: string | null, documentRef: string, validFrom: string | null, validUntil: string | null, inEffect: boolean, status: RecognitionStatus, decidedBy: string, withdrawReason: string | null, viewerCanWithdraw: boolean, viewerCanOpenConsultation: boolean, scopeFindings: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
  >, agency: { code: string }, targetAgency: { code: string }, review: { id: string } | null, finding:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null, supersedes: { id: string } | null, supersededBy: { id: string } | null, history: Array<{ id: string, decision: RecognitionDecision, status: RecognitionStatus }> };

export type RecognitionRecordMutationVariables = Exact<{
  input: RecognitionRecordInput;
}>;


export type RecognitionRecordMutation = { recognitionRecord: { recognition: { id: string, decision: RecognitionDecision, scope: Array<RecognitionScopeItem>, reason: string | null, documentRef: string, validFrom: string | null, validUntil: string | null, inEffect: boolean, status: RecognitionStatus, decidedBy: string, withdrawReason: string | null, viewerCanWithdraw: boolean, viewerCanOpenConsultation: boolean, scopeFindings: Array<
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      >, agency: { code: string }, targetAgency: { code: string }, review: { id: string } | null, finding:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, supersedes: { id: string } | null, supersededBy: { id: string } | null, history: Array<{ id: string, decision: RecognitionDecision, status: RecognitionStatus }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type RecognitionWithdrawMutationVariables = Exact<{
  input: RecognitionWithdrawInput;
}>;


export type RecognitionWithdrawMutation = { recognitionWithdraw: { recognition: { id: string, decision: RecognitionDecision, scope: Array<RecognitionScopeItem>, reason: string | null, documentRef: string, validFrom: string | null, validUntil: string | null, inEffect: boolean, status: RecognitionStatus, decidedBy: string, withdrawReason: string | null, viewerCanWithdraw: boolean, viewerCanOpenConsultation: boolean, scopeFindings: Array<
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      >, agency: { code: string }, targetAgency: { code: string }, review: { id: string } | null, finding:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, supersedes: { id: string } | null, supersededBy: { id: string } | null, history: Array<{ id: string, decision: RecognitionDecision, status: RecognitionStatus }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type RecognitionsQueryVariables = Exact<{
  filterBy?: RecognitionFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type RecognitionsQuery = { recognitions: { totalCount: number, nodes: Array<{ id: string, decision: RecognitionDecision, scope: Array<RecognitionScopeItem>, reason: string | null, documentRef: string, validFrom: string | null, validUntil: string | null, inEffect: boolean, status: RecognitionStatus, decidedBy: string, withdrawReason: string | null, viewerCanWithdraw: boolean, viewerCanOpenConsultation: boolean, scopeFindings: Array<
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      >, agency: { code: string }, targetAgency: { code: string }, review: { id: string } | null, finding:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, supersedes: { id: string } | null, supersededBy: { id: string } | null, history: Array<{ id: string, decision: RecognitionDecision, status: RecognitionStatus }> }> } };

export type ReviewRecognitionsQueryVariables = Exact<{
  id: string | number;
}>;


export type ReviewRecognitionsQuery = { node:
    | { recognitions: Array<{ decision: RecognitionDecision, agency: { code: string } }> }
    | Record<PropertyKey, never>
   | null };

export type ConsultationFieldsFragment = { id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> };

export type ConsultationOpenMutationVariables = Exact<{
  input: ConsultationOpenInput;
}>;


export type ConsultationOpenMutation = { consultationOpen: { consultation: { id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsultationRespondMutationVariables = Exact<{
  input: ConsultationRespondInput;
}>;


export type ConsultationRespondMutation = { consultationRespond: { consultation: { id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsultationEscalateMutationVariables = Exact<{
  input: ConsultationEscalateInput;
}>;


export type ConsultationEscalateMutation = { consultationEscalate: { consultation: { id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsultationConcludeMutationVariables = Exact<{
  input: ConsultationConcludeInput;
}>;


export type ConsultationConcludeMutation = { consultationConclude: { consultation: { id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type ConsultationsQueryVariables = Exact<{
  states?: Array<ConsultationState> | ConsultationState | null | undefined;
}>;


export type ConsultationsQuery = { consultations: { totalCount: number, nodes: Array<{ id: string, version: number, state: ConsultationState, question: string, recognisingPosition: string | null, authorPosition: string | null, outcome: string | null, escalationReason: string | null, viewerCanRespond: boolean, viewerCanEscalate: boolean, viewerCanConclude: boolean, escalatedTo: { code: string } | null, concludedBy: { code: string } | null, openedBy: { code: string }, recognition: { id: string }, steps: Array<{ type: string, text: string | null, actor: { code: string } }> }> } };

export type FindingGroupFieldsFragment = { id: string, version: number, dissolvedAt: string | null, unit: { code: string }, primary:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null, members: Array<{ isPrimary: boolean, reason: string, linkedByUser: string, finding:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
    , linkedBy: { code: string } }>, agencies: Array<{ code: string }>, history: Array<{ type: string, reason: string, finding:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
     | null, actor: { code: string } }> };

export type FindingGroupLinkMutationVariables = Exact<{
  input: FindingGroupLinkInput;
}>;


export type FindingGroupLinkMutation = { findingGroupLink: { group: { id: string, version: number, dissolvedAt: string | null, unit: { code: string }, primary:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, members: Array<{ isPrimary: boolean, reason: string, linkedByUser: string, finding:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , linkedBy: { code: string } }>, agencies: Array<{ code: string }>, history: Array<{ type: string, reason: string, finding:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type FindingGroupUnlinkMutationVariables = Exact<{
  input: FindingGroupUnlinkInput;
}>;


export type FindingGroupUnlinkMutation = { findingGroupUnlink: { group: { id: string, version: number, dissolvedAt: string | null, unit: { code: string }, primary:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, members: Array<{ isPrimary: boolean, reason: string, linkedByUser: string, finding:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
        , linkedBy: { code: string } }>, agencies: Array<{ code: string }>, history: Array<{ type: string, reason: string, finding:
          | { id: string }
          | { id: string }
          | { id: string }
          | { id: string }
         | null, actor: { code: string } }> } | null, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type FindingGroupViewQueryVariables = Exact<{
  id: string | number;
}>;


export type FindingGroupViewQuery = { findingGroup: { id: string, version: number, dissolvedAt: string | null, unit: { code: string }, primary:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
     | null, members: Array<{ isPrimary: boolean, reason: string, linkedByUser: string, finding:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
      , linkedBy: { code: string } }>, agencies: Array<{ code: string }>, history: Array<{ type: string, reason: string, finding:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, actor: { code: string } }> } | null };

export type FindingGroupsOfQueryVariables = Exact<{
  findings?: Array<string | number> | string | number | null | undefined;
}>;


export type FindingGroupsOfQuery = { findingGroups: { totalCount: number, nodes: Array<{ id: string }> } };

export type StatsCountedOnceQueryVariables = Exact<{
  filterBy?: FindingFilter | null | undefined;
}>;


export type StatsCountedOnceQuery = { findingStats: { total: number, amount: string, byCategory: Array<{ category: string, count: number, amount: string }>, raw: { total: number, amount: string, bySource: Array<{ source: FindingSource, count: number }> } } };

export type FindingDuplicatesQueryVariables = Exact<{
  finding: string | number;
  first?: number | null | undefined;
}>;


export type FindingDuplicatesQuery = { findingDuplicates: Array<{ score: number, textSimilarity: number, reasons: Array<string>, finding:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
     }> };

export type InspectionPlanRegisterMutationVariables = Exact<{
  input: InspectionPlanRegisterInput;
}>;


export type InspectionPlanRegisterMutation = { inspectionPlanRegister: { plan: { id: string, subjectKind: SubjectKind, months: Array<number>, agency: { code: string }, unit: { code: string } } | null, warnings: Array<{ kind: PlanWarningKind, message: string, otherPlan: { id: string, agency: { code: string } } | null, recognition: { id: string } | null }>, userErrors: Array<{ code: string, field: string | null, message: string }> } };

export type InspectionPlanWarningsQueryVariables = Exact<{
  year: number;
}>;


export type InspectionPlanWarningsQuery = { inspectionPlanWarnings: Array<{ kind: PlanWarningKind, plan: { id: string }, otherPlan: { id: string } | null }> };

export type NodeLookupQueryVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type NodeLookupQuery = { nodes: Array<
    | { __typename: 'AccessRequest', id: string }
    | { __typename: 'AuditFinding', category: string, title: string | null, id: string }
    | { __typename: 'Consultation', id: string }
    | { __typename: 'DisciplineFinding', category: string, title: string | null, id: string }
    | { __typename: 'FindingGroup', id: string }
    | { __typename: 'InspectionPlan', id: string }
    | { __typename: 'Organization', name: string, id: string }
    | { __typename: 'PerformanceFinding', category: string, title: string | null, id: string }
    | { __typename: 'Policy', id: string }
    | { __typename: 'Project', name: string, id: string }
    | { __typename: 'Recognition', id: string }
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
    | { __typename: 'Consultation', id: string }
    | { __typename: 'DisciplineFinding', id: string }
    | { __typename: 'FindingGroup', id: string }
    | { __typename: 'InspectionPlan', id: string }
    | { __typename: 'Organization', id: string }
    | { __typename: 'PerformanceFinding', id: string }
    | { __typename: 'Policy', id: string }
    | { __typename: 'Project', id: string }
    | { __typename: 'Recognition', id: string }
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

export const RecognitionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecognitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recognition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeFindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"documentRef"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inEffect"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawReason"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetAgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanWithdraw"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanOpenConsultation"}}]}}]} as unknown as DocumentNode<RecognitionFieldsFragment, unknown>;
export const ConsultationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationFieldsFragment, unknown>;
export const FindingGroupFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FindingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dissolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"linkedByUser"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"linkedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<FindingGroupFieldsFragment, unknown>;
export const FindingsPageDocument = {"__meta__":{"hash":"sha256:ddd8a9b96143dd76e06560a332b23c71eab74656193bf5ee07f045675d83ad20"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"amountInvolved"}},{"kind":"Field","name":{"kind":"Name","value":"rectificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindingsPageQuery, FindingsPageQueryVariables>;
export const FindingsNestedDocument = {"__meta__":{"hash":"sha256:67fa5e5bbbfc2994d4a3e1904d3191a17606adf3dca6acc9ae19e6a60651d877"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingsNested"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fundType"}},{"kind":"Field","name":{"kind":"Name","value":"ownerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FindingsNestedQuery, FindingsNestedQueryVariables>;
export const FindingDetailDocument = {"__meta__":{"hash":"sha256:2b2af8b9c20dc59a2bab76fbf21bc40232ea2faa6be4fd4b2887852e133e984e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"finding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"fiscalYear"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"amountInvolved"}},{"kind":"Field","name":{"kind":"Name","value":"sensitivity"}},{"kind":"Field","name":{"kind":"Name","value":"publicationState"}},{"kind":"Field","name":{"kind":"Name","value":"rectificationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"responsiblePerson"}},{"kind":"Field","name":{"kind":"Name","value":"responsiblePhone"}},{"kind":"Field","name":{"kind":"Name","value":"sourceRef"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PerformanceFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicatorName"}},{"kind":"Field","name":{"kind":"Name","value":"scoreDeducted"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuditFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"auditOpinion"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReformFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectionItem"}},{"kind":"Field","name":{"kind":"Name","value":"approvalRef"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DisciplineFinding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clueSource"}},{"kind":"Field","name":{"kind":"Name","value":"personsInvolved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseStage"}},{"kind":"Field","name":{"kind":"Name","value":"personsHeldAccountable"}}]}}]}}]}}]} as unknown as DocumentNode<FindingDetailQuery, FindingDetailQueryVariables>;
export const RecognitionRecordDocument = {"__meta__":{"hash":"sha256:8a3c875e355be98cdc4e9e16673d1ed03b101813d6949a4c07465059f8c5c120"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecognitionRecord"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecognitionRecordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognitionRecord"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecognitionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecognitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recognition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeFindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"documentRef"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inEffect"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawReason"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetAgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanWithdraw"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanOpenConsultation"}}]}}]} as unknown as DocumentNode<RecognitionRecordMutation, RecognitionRecordMutationVariables>;
export const RecognitionWithdrawDocument = {"__meta__":{"hash":"sha256:02f89ee0f900df725dce2565148cc33986da9acb1cdc79f7e29756b5ce72d63e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecognitionWithdraw"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecognitionWithdrawInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognitionWithdraw"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecognitionFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecognitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recognition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeFindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"documentRef"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inEffect"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawReason"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetAgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanWithdraw"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanOpenConsultation"}}]}}]} as unknown as DocumentNode<RecognitionWithdrawMutation, RecognitionWithdrawMutationVariables>;
export const RecognitionsDocument = {"__meta__":{"hash":"sha256:2b52e47a54f42708ada7ec983e9251e262c673cf2204838702996a769c3f6e10"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recognitions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RecognitionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognitions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RecognitionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RecognitionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Recognition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"scopeFindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"documentRef"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"inEffect"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedBy"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawReason"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetAgency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"review"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanWithdraw"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanOpenConsultation"}}]}}]} as unknown as DocumentNode<RecognitionsQuery, RecognitionsQueryVariables>;
export const ReviewRecognitionsDocument = {"__meta__":{"hash":"sha256:982b80b3e5aa4d610fc7cbe3c1d78f504f57d9c648f06a4b52927b11e59253e7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReviewRecognitions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Review"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recognitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"decision"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReviewRecognitionsQuery, ReviewRecognitionsQueryVariables>;
export const ConsultationOpenDocument = {"__meta__":{"hash":"sha256:911df2cb9198d2f08ab4ac05c84dd1877756b2ac43536de2374310365c1b7614"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsultationOpen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsultationOpenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationOpen"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsultationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationOpenMutation, ConsultationOpenMutationVariables>;
export const ConsultationRespondDocument = {"__meta__":{"hash":"sha256:a1238443a0c0b46189959073833745a5c3a88b14d9541c096bcb1a3fbe18e41b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsultationRespond"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsultationRespondInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationRespond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsultationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationRespondMutation, ConsultationRespondMutationVariables>;
export const ConsultationEscalateDocument = {"__meta__":{"hash":"sha256:e26b36c4edbc832b6f8b2d29d2cd52737be4b72331dd9aaf9ef19e05e97f14ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsultationEscalate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsultationEscalateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationEscalate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsultationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationEscalateMutation, ConsultationEscalateMutationVariables>;
export const ConsultationConcludeDocument = {"__meta__":{"hash":"sha256:065a757d80ebd34db6860dddc86b9a99d5b3a91d804d927397ad40e18c9dde7f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsultationConclude"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsultationConcludeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultationConclude"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsultationFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationConcludeMutation, ConsultationConcludeMutationVariables>;
export const ConsultationsDocument = {"__meta__":{"hash":"sha256:f433700a6048232fa1bbc925e264477b113f83f239148cdd483637e20d6fb788"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Consultations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"states"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsultationState"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consultations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"states"},"value":{"kind":"Variable","name":{"kind":"Name","value":"states"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsultationFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsultationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Consultation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"question"}},{"kind":"Field","name":{"kind":"Name","value":"recognisingPosition"}},{"kind":"Field","name":{"kind":"Name","value":"authorPosition"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"escalationReason"}},{"kind":"Field","name":{"kind":"Name","value":"escalatedTo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"openedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"steps"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanRespond"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanEscalate"}},{"kind":"Field","name":{"kind":"Name","value":"viewerCanConclude"}}]}}]} as unknown as DocumentNode<ConsultationsQuery, ConsultationsQueryVariables>;
export const FindingGroupLinkDocument = {"__meta__":{"hash":"sha256:8e4e1b0b8ba1a23cbf4b1897ff6915f58843a802453154ef10e4b793a936b6b6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FindingGroupLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroupLinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingGroupLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FindingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FindingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dissolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"linkedByUser"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"linkedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<FindingGroupLinkMutation, FindingGroupLinkMutationVariables>;
export const FindingGroupUnlinkDocument = {"__meta__":{"hash":"sha256:c7360ef77e7a7145b2e5a3ee7dcee900290f7612b4e107bbbf42fd263a395921"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FindingGroupUnlink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroupUnlinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingGroupUnlink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FindingGroupFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FindingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dissolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"linkedByUser"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"linkedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<FindingGroupUnlinkMutation, FindingGroupUnlinkMutationVariables>;
export const FindingGroupViewDocument = {"__meta__":{"hash":"sha256:34400b2b08eecab03db676cf95e606e504da7bf81ed5c6acac026f34aedabf79"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingGroupView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FindingGroupFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FindingGroupFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FindingGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"dissolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"primary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isPrimary"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"linkedByUser"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"linkedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agencies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<FindingGroupViewQuery, FindingGroupViewQueryVariables>;
export const FindingGroupsOfDocument = {"__meta__":{"hash":"sha256:35401fb61af7593900cb8117400137e3b2f6d9362e546298a8716bc079d1631d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingGroupsOf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"findings"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingGroups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"findings"},"value":{"kind":"Variable","name":{"kind":"Name","value":"findings"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<FindingGroupsOfQuery, FindingGroupsOfQueryVariables>;
export const StatsCountedOnceDocument = {"__meta__":{"hash":"sha256:7836e3f0c60a0e728a18a2610033dc5df8c4f8152bd820f9ed5f9faba52c0dbf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StatsCountedOnce"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"FindingFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filterBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filterBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"byCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"raw"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"bySource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StatsCountedOnceQuery, StatsCountedOnceQueryVariables>;
export const FindingDuplicatesDocument = {"__meta__":{"hash":"sha256:9a4f2e794d1f7a4b376804abe43cbc62a055fd43be48f0b3869147daec6a8acb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FindingDuplicates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"finding"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"findingDuplicates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"finding"},"value":{"kind":"Variable","name":{"kind":"Name","value":"finding"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"textSimilarity"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"finding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<FindingDuplicatesQuery, FindingDuplicatesQueryVariables>;
export const InspectionPlanRegisterDocument = {"__meta__":{"hash":"sha256:80c7ba26d7834d96bb59fb43523736bf6e735e7d6ff89d483ec82ef2d91598f0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"InspectionPlanRegister"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"InspectionPlanRegisterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectionPlanRegister"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subjectKind"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"warnings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"otherPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"agency"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recognition"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<InspectionPlanRegisterMutation, InspectionPlanRegisterMutationVariables>;
export const InspectionPlanWarningsDocument = {"__meta__":{"hash":"sha256:c2bbebac2d4e246518a774e0db1ea56a837030484469d46626940c7dc35f27c6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InspectionPlanWarnings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectionPlanWarnings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"otherPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<InspectionPlanWarningsQuery, InspectionPlanWarningsQueryVariables>;
export const NodeLookupDocument = {"__meta__":{"hash":"sha256:fcfc48c7b7bf7271154126243cd21e2b89ac93291dee185e77f8672720f86646"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeLookup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Organization"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Project"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Review"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Finding"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<NodeLookupQuery, NodeLookupQueryVariables>;
export const NodeOneDocument = {"__meta__":{"hash":"sha256:d8d9e9a2f31d569049c9c7fd86dc55df79d81456de51ad9968b2883b123d8132"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeOne"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<NodeOneQuery, NodeOneQueryVariables>;
export const ProjectViewDocument = {"__meta__":{"hash":"sha256:b4bdeb6442c4d2b88f845353ef4fb3f2521648668e1d987b6ba00a3ac444dbc5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"project"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ownerUnit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectViewQuery, ProjectViewQueryVariables>;
export const OrganizationViewDocument = {"__meta__":{"hash":"sha256:d64cdfac8d11f2106d2556dd2b94f7be744c6f11682d54dc881fdbdd0731e9ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationView"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"findingsAbout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"category"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviewsAbout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationViewQuery, OrganizationViewQueryVariables>;
export const WhoAmIDocument = {"__meta__":{"hash":"sha256:9231c7630845e538a6a027f7d96e399cc43c0f29f7e1e8ef2660dad6ebd08d3f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoAmI"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"clearance"}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<WhoAmIQuery, WhoAmIQueryVariables>;