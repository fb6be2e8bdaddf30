/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Budget action for a project (预算安排意见). */
export type BudgetAction =
  /** Cancel or suspend (取消或暂停). */
  | 'CANCEL'
  /** Priority support (优先保障). */
  | 'PRIORITY'
  /** Reduce by a share (压减). */
  | 'REDUCE'
  /** Support (予以支持). */
  | 'SUPPORT';

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

/** Identifies the task and the version you read (任务与版本). */
export type RectificationChangeInput = {
  /** The task (整改任务). */
  id: string | number;
  /** Reason or note, where the action needs one (理由/说明). */
  reason?: string | null | undefined;
  /** The version you read; a stale one gets CONFLICT (版本号). */
  version: number;
};

/** State of a rectification task (整改状态). Overdue is derived, never stored. */
export type RectificationState =
  /** Assigned, not started (待整改). */
  | 'ASSIGNED'
  /** Closed: every supervisor approved (已销号). */
  | 'CLOSED'
  /** In progress (整改中). */
  | 'IN_PROGRESS'
  /** Returned by a supervisor with a reason (退回). */
  | 'RETURNED'
  /** Submitted, awaiting verification by every supervisor (已提交待核验). */
  | 'SUBMITTED';

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

/** Severity of a finding, as audit grades it (问题严重程度). */
export type Severity =
  /** Ordinary (一般). */
  | 'MINOR'
  /** Important (重要). */
  | 'MODERATE'
  /** Major (重大). */
  | 'SERIOUS';

/** Monitoring warning level (预警等级). */
export type WarningLevel =
  /** No warning (无预警). */
  | 'NONE'
  /** Red warning (红色预警). */
  | 'RED'
  /** Yellow warning (黄色预警). */
  | 'YELLOW';

export type DashboardQueryVariables = Exact<{
  filter?: FindingFilter | null | undefined;
}>;


export type DashboardQuery = { viewer: { role: Role, organization: { name: string } | null }, bySource: { asOf: string, disciplineSuppressed: boolean, total: { findings: number, amount: string, units: number, pending: number, inProgress: number, partly: number, completed: number, continuing: number, rectified: number, due: number, rectifiedDue: number, rectificationRate: number | null, tasks: number, closedTasks: number, closedOnTime: number, onTimeRate: number | null, overdueTasks: number, overdue1To30: number, overdue31To90: number, overdueOver90: number, moneyRecovered: string, rulesIssued: number, peopleHeldAccountable: number }, groups: Array<{ key: string | null, label: string, figures: { findings: number, amount: string } }>, grades: Array<{ grade: PerformanceGrade, count: number }>, recognitions: Array<{ agencyName: string, targetAgencyName: string, decision: string, count: number }> }, byCategory: { groups: Array<{ key: string | null, label: string, figures: { findings: number } }> }, years: { groups: Array<{ key: string | null }> } };

export type MonitoringQueryVariables = Exact<{
  year: number;
}>;


export type MonitoringQuery = { monitoringWarnings: Array<{ level: WarningLevel, timeProgress: number, spendingProgress: number, reasons: Array<string>, project: { id: string, name: string }, unit: { name: string } }> };

export type ProposalsQueryVariables = Exact<{
  year: number;
}>;


export type ProposalsQuery = { budgetProposals: Array<{ budgetYear: number, grade: string | null, action: BudgetAction, budgetAmount: string, reduceAmount: string, holdBackAmount: string, proposedAmount: string, project: { id: string, name: string }, unit: { name: string } }> };

export type DrillQueryVariables = Exact<{
  filter?: FindingFilter | null | undefined;
}>;


export type DrillQuery = { findings: { totalCount: number, nodes: Array<
      | { id: string, title: string | null, source: FindingSource, category: string, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { name: string } }
      | { id: string, title: string | null, source: FindingSource, category: string, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { name: string } }
      | { id: string, title: string | null, source: FindingSource, category: string, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { name: string } }
      | { id: string, title: string | null, source: FindingSource, category: string, amountInvolved: string | null, rectificationStatus: RectificationStatus | null, unit: { name: string } }
    > } };

export type OverdueQueryVariables = Exact<{ [key: string]: never; }>;


export type OverdueQuery = { rectifications: { totalCount: number, nodes: Array<{ id: string, version: number, deadline: string, daysOverdue: number, state: RectificationState, unit: { name: string } }> } };

export type RemindMutationVariables = Exact<{
  input: RectificationChangeInput;
}>;


export type RemindMutation = { rectificationRemind: { rectification: { id: string, version: number } | null, userErrors: Array<{ code: string, message: string }> } };

export type ReportLinkQueryVariables = Exact<{
  year: number;
}>;


export type ReportLinkQuery = { rectificationReport: { docxPath: string } };


export const DashboardDocument = {"__meta__":{"hash":"sha256:9c11abd8861d2f995c52771fd7834ae314e831227ec990a23542e091258a0c10"}} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const MonitoringDocument = {"__meta__":{"hash":"sha256:d58f35712ee54e4869f8bc6067180bb29883be0ecfcf0188a6099f5d223f0894"}} as unknown as DocumentNode<MonitoringQuery, MonitoringQueryVariables>;
export const ProposalsDocument = {"__meta__":{"hash":"sha256:6b651842261af8e346700bbad3c1847551d605975d18ab916339967af704833c"}} as unknown as DocumentNode<ProposalsQuery, ProposalsQueryVariables>;
export const DrillDocument = {"__meta__":{"hash":"sha256:80f45d319ceff1073c67819fdba882228020a0727fc6b8fd737269d08f3235d7"}} as unknown as DocumentNode<DrillQuery, DrillQueryVariables>;
export const OverdueDocument = {"__meta__":{"hash":"sha256:7002bc1a569580dd0326e1b7a1a5c456484f8f2cca4edeb5d75b2d3a1a5325d6"}} as unknown as DocumentNode<OverdueQuery, OverdueQueryVariables>;
export const RemindDocument = {"__meta__":{"hash":"sha256:d6968200e9333a578789dead1e38886ca84ed159e228027d05dfaddbcb948eaa"}} as unknown as DocumentNode<RemindMutation, RemindMutationVariables>;
export const ReportLinkDocument = {"__meta__":{"hash":"sha256:b1035caca7abf28c0e0e3fbe8cc5ea349c002813ea77e768f003159d4afac858"}} as unknown as DocumentNode<ReportLinkQuery, ReportLinkQueryVariables>;