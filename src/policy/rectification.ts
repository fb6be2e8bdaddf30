/**
 * Who may see and do what with a rectification task (整改任务): the row scope (TypeScript predicate
 * `canSeeTask` and its SQL twin `rectificationScope`) and every object-level check of the workflow.
 * The service enforces these in its transactions, the `viewerCan…` fields answer with them, the HTTP
 * routes (evidence, ledger) and the shield rules' role gates are built on them.
 *
 * The policy knows a task only by the structural `TaskView` below; it imports no module.
 */
import { isOversight, type Viewer } from '../auth/viewer.js';
import { OVERSIGHT_ROLES, Role } from '../shared/enums.js';
import type { Sql } from './access.js';

/** States of a task, as stored (the module's RectificationState enum has the same values). */
export type TaskState = 'ASSIGNED' | 'IN_PROGRESS' | 'SUBMITTED' | 'RETURNED' | 'CLOSED';

/** What the policy needs of a task. */
export interface TaskView {
  unitId: number;
  leadId: number;
  state: TaskState;
  supervisorIds: readonly number[];
  /** Agencies that approved the current submission (empty unless SUBMITTED). */
  approvedBy: readonly number[];
}

/** Roles that act on tasks as the responsible unit (责任单位). */
export const TASK_UNIT_ROLES: readonly Role[] = [Role.UNIT];
/** Roles that create and supervise tasks (监督部门). */
export const TASK_SUPERVISOR_ROLES: readonly Role[] = OVERSIGHT_ROLES;
/** Roles that see every task without supervising it. */
const SEE_ALL_ROLES: readonly Role[] = [Role.DISCIPLINE, Role.LEADERSHIP];

export const isSupervisorOf = (v: Viewer, t: Pick<TaskView, 'supervisorIds'>) =>
  v.orgId !== null && isOversight(v) && t.supervisorIds.includes(v.orgId);
export const isUnitOf = (v: Viewer, t: Pick<TaskView, 'unitId'>) =>
  TASK_UNIT_ROLES.includes(v.role) && v.orgId === t.unitId;
export const isLeadOf = (v: Viewer, t: Pick<TaskView, 'leadId'>) => v.orgId === t.leadId && isOversight(v);

/** Row scope: supervisors, the unit itself, the discipline commission and district leadership. */
export function canSeeTask(v: Viewer, t: TaskView): boolean {
  return isSupervisorOf(v, t) || isUnitOf(v, t) || SEE_ALL_ROLES.includes(v.role);
}

/** SQL twin of canSeeTask over a `rectification` alias `a`; null = every row. */
export function rectificationScope(v: Viewer, a: string): Sql | null {
  if (SEE_ALL_ROLES.includes(v.role)) return null;
  if (TASK_UNIT_ROLES.includes(v.role)) return { sql: `${a}.unit_id = ?`, bindings: [v.orgId] };
  if (OVERSIGHT_ROLES.includes(v.role)) {
    return {
      sql: `exists (select 1 from rectification_supervisor s where s.rectification_id = ${a}.id and s.agency_id = ?)`,
      bindings: [v.orgId],
    };
  }
  return { sql: 'false', bindings: [] };
}

/** Creating a task: an oversight agency acting for itself. */
export const canCreateTask = (v: Viewer) => isOversight(v) && v.orgId !== null;

/** …from findings of which its agency found at least one (the discipline commission from any). */
export const canCreateTaskFrom = (v: Viewer, findings: readonly { agencyId: number }[]) =>
  findings.some((f) => f.agencyId === v.orgId) || v.role === Role.DISCIPLINE;

export const canReport = (v: Viewer, t: TaskView) =>
  isUnitOf(v, t) && (['ASSIGNED', 'IN_PROGRESS', 'RETURNED'] as TaskState[]).includes(t.state);
export const canSubmit = (v: Viewer, t: TaskView) =>
  isUnitOf(v, t) && (['IN_PROGRESS', 'RETURNED'] as TaskState[]).includes(t.state);
export const canVerify = (v: Viewer, t: TaskView) =>
  isSupervisorOf(v, t) && t.state === 'SUBMITTED' && !t.approvedBy.includes(v.orgId!);
export const canReopen = (v: Viewer, t: TaskView) => isSupervisorOf(v, t) && t.state === 'CLOSED';
export const canDecideExtension = (v: Viewer, t: TaskView) => isLeadOf(v, t) && t.state !== 'CLOSED';

/** Uploading evidence: the unit, while it may report or while its submission awaits verification. */
export const canUploadEvidence = (v: Viewer, t: TaskView) =>
  canReport(v, t) || (isUnitOf(v, t) && t.state === 'SUBMITTED');
