/**
 * Who may see and do what in the budget-performance chain (全过程预算绩效管理) and result application
 * (结果应用). Each row scope is a TypeScript predicate with its SQL twin (held equal by
 * test/performance-permissions.test.ts); the services enforce the object-level checks with them and
 * the shield rules' role gates are built on the role sets below.
 *
 * - Target sets (绩效目标): the unit drafts, edits and sees its own in every state ("a unit sees and
 *   edits only its own drafts"); finance sees them once submitted and reviews them; the other oversight
 *   agencies and district leadership see approved (and superseded) versions only.
 * - Pre-assessments (事前绩效评估): recorded by finance; read by the oversight agencies, leadership and
 *   the unit concerned.
 * - Monitoring (双监控): data entered by the unit for its own projects or by finance; read by the
 *   oversight agencies, leadership and the unit itself; actions on warnings are finance's.
 * - Self-evaluations (自评): filed by the unit for its own projects or itself; drafts are the unit's
 *   alone, submitted ones are read as monitoring data is. Spot checks (抽查复核) are finance's, read by
 *   the oversight agencies and leadership.
 * - Result application (结果应用): proposals and decisions are read by finance, leadership and the unit
 *   for its own projects; finance alone decides and publishes rule versions.
 * - Discipline content never enters this chain: proposals use performance results and the hold-back
 *   counts only rectification tasks with a non-discipline finding (`holdBackTaskSql`), so neither a
 *   figure nor an explanation tells anyone about a discipline matter.
 */
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';
import type { Sql } from './access.js';

/** Oversight agencies and district leadership: the chain's readers beyond the unit itself. */
export const CHAIN_READER_ROLES: readonly Role[] = [
  Role.FINANCE,
  Role.AUDIT,
  Role.REFORM,
  Role.DISCIPLINE,
  Role.LEADERSHIP,
];
/** Every role that sees anything of the chain (rows scoped below). */
export const CHAIN_ROLES: readonly Role[] = [...CHAIN_READER_ROLES, Role.UNIT];
/** Roles that read proposals and decisions. */
export const APPLICATION_ROLES: readonly Role[] = [Role.FINANCE, Role.LEADERSHIP, Role.UNIT];
/** The finance bureau: reviews targets, records assessments and actions, draws samples, decides. */
export const FINANCE_ROLES: readonly Role[] = [Role.FINANCE];
/** Units draft targets and file self-evaluations; finance and units enter monitoring data. */
export const UNIT_ROLES: readonly Role[] = [Role.UNIT];
export const MONITORING_WRITER_ROLES: readonly Role[] = [Role.UNIT, Role.FINANCE];

const FALSE: Sql = { sql: 'false', bindings: [] };
const isUnit = (v: Viewer) => v.role === Role.UNIT && v.orgId !== null;
const isFinance = (v: Viewer) => v.role === Role.FINANCE && v.orgId !== null;
const isChainReader = (v: Viewer) => CHAIN_READER_ROLES.includes(v.role) && v.orgId !== null;
export const ownUnit = (v: Viewer, unitId: number) => isUnit(v) && v.orgId === unitId;

// ---- target sets ----

export interface TargetSetView {
  unitId: number;
  state: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPROVED' | 'SUPERSEDED';
}

export function canSeeTargetSet(v: Viewer, t: TargetSetView): boolean {
  if (isUnit(v)) return v.orgId === t.unitId;
  if (isFinance(v)) return t.state !== 'DRAFT';
  if (isChainReader(v)) return t.state === 'APPROVED' || t.state === 'SUPERSEDED';
  return false;
}

/** SQL twin of canSeeTargetSet over a `performance_target_set` alias `a`; null = every row. */
export function targetSetScope(v: Viewer, a: string): Sql | null {
  if (isUnit(v)) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  if (isFinance(v)) return { sql: `${a}.state <> 'DRAFT'`, bindings: [] };
  if (isChainReader(v)) return { sql: `${a}.state in ('APPROVED', 'SUPERSEDED')`, bindings: [] };
  return FALSE;
}

/** Drafting a new set (or an adjustment): the unit, for its own project or itself. */
export const canDraftTargets = (v: Viewer, unitId: number) => ownUnit(v, unitId);
/** Editing and submitting: the unit's own draft or returned set. */
export const canEditTargetSet = (v: Viewer, t: TargetSetView) =>
  ownUnit(v, t.unitId) && (t.state === 'DRAFT' || t.state === 'RETURNED');
/** Approving or returning: finance, while submitted. */
export const canReviewTargetSet = (v: Viewer, t: TargetSetView) => isFinance(v) && t.state === 'SUBMITTED';
/** Proposing a mid-year adjustment (a new version): the unit, from the approved version. */
export const canAdjustTargetSet = (v: Viewer, t: TargetSetView) =>
  ownUnit(v, t.unitId) && t.state === 'APPROVED';

// ---- pre-assessments, monitoring, self-evaluations: the unit's own, or a chain reader ----

/** Rows about a unit: the unit itself and the chain's readers. */
export const canSeeUnitRow = (v: Viewer, r: { unitId: number }) => isChainReader(v) || ownUnit(v, r.unitId);

/** SQL twin of canSeeUnitRow over alias `a` with a `unit_id` column; null = every row. */
export function unitRowScope(v: Viewer, a: string): Sql | null {
  if (isChainReader(v)) return null;
  if (isUnit(v)) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  return FALSE;
}

export const canRecordPreAssessment = (v: Viewer) => isFinance(v);

export const canEnterMonitoring = (v: Viewer, unitId: number) => isFinance(v) || ownUnit(v, unitId);
export const canRecordMonitoringAction = (v: Viewer) => isFinance(v);

export interface SelfEvaluationView {
  unitId: number;
  state: 'DRAFT' | 'SUBMITTED';
}

export function canSeeSelfEvaluation(v: Viewer, s: SelfEvaluationView): boolean {
  if (isUnit(v)) return v.orgId === s.unitId;
  return isChainReader(v) && s.state === 'SUBMITTED';
}

/** SQL twin of canSeeSelfEvaluation over a `self_evaluation` alias `a`; null = every row. */
export function selfEvaluationScope(v: Viewer, a: string): Sql | null {
  if (isUnit(v)) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  if (isChainReader(v)) return { sql: `${a}.state = 'SUBMITTED'`, bindings: [] };
  return FALSE;
}

export const canFileSelfEvaluation = (v: Viewer, unitId: number) => ownUnit(v, unitId);
export const canEditSelfEvaluation = (v: Viewer, s: SelfEvaluationView) =>
  ownUnit(v, s.unitId) && s.state === 'DRAFT';

export const canSeeSpotChecks = (v: Viewer) => isChainReader(v);
export const canRunSpotCheck = (v: Viewer) => isFinance(v);

// ---- result application ----

export function canSeeApplication(v: Viewer, r: { unitId: number }): boolean {
  if (isUnit(v)) return v.orgId === r.unitId;
  return (v.role === Role.FINANCE || v.role === Role.LEADERSHIP) && v.orgId !== null;
}

/** SQL twin of canSeeApplication over alias `a` with a `unit_id` column; null = every row. */
export function applicationScope(v: Viewer, a: string): Sql | null {
  if (isUnit(v)) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  if ((v.role === Role.FINANCE || v.role === Role.LEADERSHIP) && v.orgId !== null) return null;
  return FALSE;
}

export const canDecideBudget = (v: Viewer) => isFinance(v);
export const canPublishRules = (v: Viewer) => isFinance(v);

/**
 * Rectification tasks that hold back a unit's budget: those with at least one finding that is not a
 * discipline finding (a discipline matter must not show through a budget figure), over a
 * `rectification` alias `a`.
 */
export function holdBackTaskSql(a: string): Sql {
  return {
    sql: `exists (select 1 from rectification_finding rf join finding hf on hf.id = rf.finding_id where rf.rectification_id = ${a}.id and hf.source <> 'DISCIPLINE')`,
    bindings: [],
  };
}
