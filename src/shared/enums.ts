/**
 * Domain enumerations shared by several modules. Each is registered with GraphQL here, with a
 * description per value (English + Chinese term), and used as a text column with a check constraint.
 */
import { registerEnumType } from 'type-graphql';

type Described<E extends Record<string, string>> = { [K in keyof E]: string };

/** Registers an enum with GraphQL with a description for the type and for every value. */
export function registerDescribedEnum<E extends Record<string, string>>(
  e: E,
  name: string,
  description: string,
  values: Described<E>,
): void {
  registerEnumType(e, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.entries(values).map(([k, d]) => [k, { description: d }]),
    ) as never,
  });
}

export enum OrganizationKind {
  OVERSIGHT_AGENCY = 'OVERSIGHT_AGENCY',
  BUDGET_UNIT = 'BUDGET_UNIT',
  THIRD_PARTY = 'THIRD_PARTY',
  LEADERSHIP = 'LEADERSHIP',
  HUB_OPERATOR = 'HUB_OPERATOR',
}
registerDescribedEnum(OrganizationKind, 'OrganizationKind', 'Kind of organisation (机构类型).', {
  OVERSIGHT_AGENCY: 'Oversight agency (监督部门): finance, audit, development-and-reform, discipline.',
  BUDGET_UNIT: 'Budget unit (预算单位/责任单位): the inspected department, street office or township.',
  THIRD_PARTY: 'Third-party evaluator or expert (第三方机构/专家).',
  LEADERSHIP: 'District leadership (区政府领导).',
  HUB_OPERATOR: 'Operator of the hub (平台运营管理机构).',
});

/** Which oversight activity a review or finding comes from. */
export enum FindingSource {
  PERFORMANCE = 'PERFORMANCE',
  AUDIT = 'AUDIT',
  REFORM = 'REFORM',
  DISCIPLINE = 'DISCIPLINE',
}
registerDescribedEnum(FindingSource, 'FindingSource', 'Oversight source of a review or finding (监督来源).', {
  PERFORMANCE: 'Budget performance evaluation by the finance bureau (财政绩效评价).',
  AUDIT: 'Audit by the audit bureau (审计).',
  REFORM: 'Inspection of investment projects by the development-and-reform bureau (发改稽察).',
  DISCIPLINE: 'Discipline inspection and supervision (纪检监察).',
});

/** Sensitivity of a record; ordered. A role's clearance is the highest level it may read. */
export enum Sensitivity {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
  RESTRICTED = 'RESTRICTED',
  SECRET = 'SECRET',
}
registerDescribedEnum(
  Sensitivity,
  'Sensitivity',
  'Sensitivity level of a record (敏感级别; not a state-secret classification: the hub holds no classified ' +
    'information), ordered PUBLIC < SECRET. The value names are kept for API compatibility.',
  {
    PUBLIC: 'May be published to the public (公开).',
    INTERNAL: 'For government use (内部).',
    RESTRICTED: 'For oversight agencies and the unit concerned (敏感).',
    SECRET: 'Work secret, for the discipline commission only (高度敏感（工作秘密）).',
  },
);
export const SENSITIVITY_RANK: Record<Sensitivity, number> = {
  PUBLIC: 0,
  INTERNAL: 1,
  RESTRICTED: 2,
  SECRET: 3,
};

export enum Severity {
  MINOR = 'MINOR',
  MODERATE = 'MODERATE',
  SERIOUS = 'SERIOUS',
}
registerDescribedEnum(Severity, 'Severity', 'Severity of a finding, as audit grades it (问题严重程度).', {
  MINOR: 'Ordinary (一般).',
  MODERATE: 'Important (重要).',
  SERIOUS: 'Major (重大).',
});
export const SEVERITY_RANK: Record<Severity, number> = { MINOR: 1, MODERATE: 2, SERIOUS: 3 };

export enum PublicationState {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerDescribedEnum(
  PublicationState,
  'PublicationState',
  'Publication state of a record in the hub (发布状态).',
  {
    DRAFT: 'Draft, visible to the authoring agency only (草稿).',
    PUBLISHED: 'Published to the hub (已发布).',
    WITHDRAWN: 'Withdrawn by its author, kept for the record (已撤回).',
  },
);

/**
 * A finding's rectification status, derived from its task (database trigger, migration
 * rectification_status_derived): no task or an assigned one = PENDING; in progress or returned =
 * IN_PROGRESS, or PARTLY when the last verification concluded 部分整改; submitted = COMPLETED (the
 * unit says it is done); an open task accepted as long-term = CONTINUING; closed = RECTIFIED (销号).
 */
export enum RectificationStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  PARTLY = 'PARTLY',
  COMPLETED = 'COMPLETED',
  RECTIFIED = 'RECTIFIED',
  CONTINUING = 'CONTINUING',
}
registerDescribedEnum(
  RectificationStatus,
  'RectificationStatus',
  'Rectification status of a finding (整改状态), derived from its rectification task.',
  {
    PENDING: 'Not yet rectified: no task, or a task not started (待整改/未整改).',
    IN_PROGRESS: 'Rectification in progress, or returned by a verifier (整改中).',
    PARTLY: 'Partly rectified: the last verification concluded 部分整改 (部分整改).',
    COMPLETED: 'The unit reports it done; awaiting verification, not yet closed (整改完成，待核验销号).',
    RECTIFIED: 'Rectified, verified and closed by every supervisor (已整改销号).',
    CONTINUING: 'Accepted as long-term rectification, tracked by milestones (持续整改).',
  },
);

export enum FundType {
  GENERAL_BUDGET = 'GENERAL_BUDGET',
  GOVERNMENT_FUND = 'GOVERNMENT_FUND',
  STATE_CAPITAL = 'STATE_CAPITAL',
  SOCIAL_INSURANCE = 'SOCIAL_INSURANCE',
  SPECIAL_BOND = 'SPECIAL_BOND',
}
registerDescribedEnum(FundType, 'FundType', 'Type of fund a project is financed from (资金类型).', {
  GENERAL_BUDGET: 'General public budget (一般公共预算).',
  GOVERNMENT_FUND: 'Government fund budget (政府性基金预算).',
  STATE_CAPITAL: 'State capital operation budget (国有资本经营预算).',
  SOCIAL_INSURANCE: 'Social insurance fund budget (社会保险基金预算).',
  SPECIAL_BOND: 'Special-purpose bonds (专项债券).',
});

export enum SubjectKind {
  UNIT = 'UNIT',
  PROJECT = 'PROJECT',
  POLICY = 'POLICY',
}
registerDescribedEnum(SubjectKind, 'SubjectKind', 'What a review examines (评价/监督对象类型).', {
  UNIT: 'A budget unit as a whole (部门整体).',
  PROJECT: 'A project (项目).',
  POLICY: 'A fiscal policy (财政政策).',
});

export enum PerformanceGrade {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  POOR = 'POOR',
}
registerDescribedEnum(
  PerformanceGrade,
  'PerformanceGrade',
  'Grade of a performance evaluation (绩效评价等级).',
  {
    EXCELLENT: 'Excellent, score >= 90 (优).',
    GOOD: 'Good, 80 <= score < 90 (良).',
    FAIR: 'Fair, 60 <= score < 80 (中).',
    POOR: 'Poor, score < 60 (差).',
  },
);

export function gradeForScore(score: number): PerformanceGrade {
  if (score >= 90) return PerformanceGrade.EXCELLENT;
  if (score >= 80) return PerformanceGrade.GOOD;
  if (score >= 60) return PerformanceGrade.FAIR;
  return PerformanceGrade.POOR;
}

/** Roles a bearer token can carry (see DOMAIN.md, "Permissions"). */
export enum Role {
  PUBLIC = 'PUBLIC',
  FINANCE = 'FINANCE',
  AUDIT = 'AUDIT',
  REFORM = 'REFORM',
  DISCIPLINE = 'DISCIPLINE',
  UNIT = 'UNIT',
  EVALUATOR = 'EVALUATOR',
  LEADERSHIP = 'LEADERSHIP',
  HUB_ADMIN = 'HUB_ADMIN',
}
registerDescribedEnum(Role, 'Role', 'Role of the viewer (角色).', {
  PUBLIC: 'The public, no token (社会公众).',
  FINANCE: 'Finance bureau, performance section (财政局绩效评价股).',
  AUDIT: 'Audit bureau (审计局).',
  REFORM: 'Development and reform bureau (发展和改革局).',
  DISCIPLINE: 'Discipline inspection and supervision commission (纪委监委).',
  UNIT: "A budget unit's staff (预算单位).",
  EVALUATOR: 'Third-party evaluator (第三方机构).',
  LEADERSHIP: 'District leadership (区政府领导).',
  HUB_ADMIN: 'Administrator of the hub (平台管理员); not cleared for SECRET content.',
});

/** The source each oversight role publishes. */
export const SOURCE_OF_ROLE: Partial<Record<Role, FindingSource>> = {
  FINANCE: FindingSource.PERFORMANCE,
  AUDIT: FindingSource.AUDIT,
  REFORM: FindingSource.REFORM,
  DISCIPLINE: FindingSource.DISCIPLINE,
};
export const OVERSIGHT_ROLES: readonly Role[] = [Role.FINANCE, Role.AUDIT, Role.REFORM, Role.DISCIPLINE];

/** Government data-sharing classes (政务数据共享分类). */
export enum SharingLevel {
  UNCONDITIONAL = 'UNCONDITIONAL',
  CONDITIONAL = 'CONDITIONAL',
  NOT_SHARED = 'NOT_SHARED',
}
registerDescribedEnum(
  SharingLevel,
  'SharingLevel',
  'How an agency shares a class of its records with other organisations (共享类型).',
  {
    UNCONDITIONAL: 'Shared unconditionally, within each reader’s clearance (无条件共享).',
    CONDITIONAL: 'Shared only on an approved access request (有条件共享).',
    NOT_SHARED: 'Not shared: others only learn that a record exists (不予共享).',
  },
);

export enum AccessScope {
  RECORDS = 'RECORDS',
  CATEGORY = 'CATEGORY',
}
registerDescribedEnum(AccessScope, 'AccessScope', 'What a conditional access request covers (申请范围).', {
  RECORDS: 'Named records (指定记录).',
  CATEGORY: "Every record of one of the owner's categories (某类问题).",
});

export enum AccessRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REFUSED = 'REFUSED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}
registerDescribedEnum(
  AccessRequestStatus,
  'AccessRequestStatus',
  'State of a conditional access request (申请状态). EXPIRED is derived from the expiry, never stored.',
  {
    PENDING: 'Awaiting the owner’s decision (待审批).',
    APPROVED: 'Approved and in force until its expiry (已批准).',
    REFUSED: 'Refused by the owner (已拒绝).',
    REVOKED: 'Revoked by the owner before expiry (已撤销).',
    EXPIRED: 'Approved, but past its expiry (已过期).',
  },
);

export enum RevisionKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  CORRECTED = 'CORRECTED',
  WITHDRAWN = 'WITHDRAWN',
  REPUBLISHED = 'REPUBLISHED',
}
registerDescribedEnum(RevisionKind, 'RevisionKind', 'What a change to a finding was (变更类型).', {
  CREATED: 'First published to the hub (首次发布).',
  UPDATED: "Updated from the agency's system or ledger (同步更新).",
  CORRECTED: 'Corrected by the agency, with a reason (更正).',
  WITHDRAWN: 'Withdrawn by the agency, with a reason (撤回).',
  REPUBLISHED: 'Published again after a withdrawal (重新发布).',
});
