/**
 * Who may see and do what in mutual recognition (结果互认): the row scope of recognition decisions
 * (TypeScript predicate `canSeeRecognition` and its SQL twin `recognitionScope`), of consultations
 * (会商: `canSeeConsultation` / `consultationScope`), and every object-level check of the workflows.
 * The recognition service enforces these in its transactions; the `viewerCan…` fields answer with
 * them; the shield rules' role gates are built on the role sets below.
 *
 * - Decisions: the recognising agency and the author of the result always; the discipline commission
 *   and district leadership all; the other oversight agencies all but the discipline commission's own
 *   decisions (its interest in a matter is itself sensitive). Budget units, evaluators, hub operators
 *   and the public: none.
 * - Consultations: the two parties and district leadership (to whom they are escalated).
 * - Same-problem groups (同一问题): a member finding is shown as a member to whoever may see the finding,
 *   except that a discipline finding's membership is the discipline commission's alone (linking it to
 *   another agency's problem would tell that agency what the commission is looking at). A group exists
 *   for a viewer only when it sees two or more of its members, so membership never hints at findings
 *   the viewer may not see; statistics count a group once among the members the viewer sees.
 *
 * The policy knows a decision only by the structural interfaces below; it imports no module.
 */
import { isOversight, type Viewer } from '../auth/viewer.js';
import { FindingSource, OVERSIGHT_ROLES, Role } from '../shared/enums.js';
import { canReadContent, canSeeFindingRow, findingRowScope, type GuardedRecord, type Sql } from './access.js';

/** Roles that record decisions and take part in consultations: the oversight agencies. */
export const RECOGNISING_ROLES: readonly Role[] = OVERSIGHT_ROLES;
/** Roles that read the recognition register at all. */
export const REGISTER_READER_ROLES: readonly Role[] = [...OVERSIGHT_ROLES, Role.LEADERSHIP];
/** Roles that may conclude an escalated consultation (区政府协调). */
export const ARBITER_ROLES: readonly Role[] = [Role.LEADERSHIP];

/** What the policy needs of a decision. */
export interface RecognitionView {
  agencyId: number;
  agencySource: FindingSource;
  targetAgencyId: number;
  status: 'CURRENT' | 'SUPERSEDED' | 'WITHDRAWN';
}

/** What the policy needs of a consultation. */
export interface ConsultationView {
  recognisingAgencyId: number;
  authorAgencyId: number;
  state: 'OPEN' | 'ANSWERED' | 'ESCALATED' | 'CONCLUDED';
  recognisingPosition: string | null;
  authorPosition: string | null;
  escalatedToId: number | null;
}

const actsAsAgency = (v: Viewer) => isOversight(v) && v.orgId !== null;

/** Row scope of decisions. */
export function canSeeRecognition(v: Viewer, r: Omit<RecognitionView, 'status'>): boolean {
  if (v.role === Role.DISCIPLINE || v.role === Role.LEADERSHIP) return true;
  if (!actsAsAgency(v)) return false;
  return (
    v.orgId === r.agencyId || v.orgId === r.targetAgencyId || r.agencySource !== FindingSource.DISCIPLINE
  );
}

/** SQL twin of canSeeRecognition over a `recognition` alias `a`; null = every row. */
export function recognitionScope(v: Viewer, a: string): Sql | null {
  if (v.role === Role.DISCIPLINE || v.role === Role.LEADERSHIP) return null;
  if (!actsAsAgency(v)) return { sql: 'false', bindings: [] };
  return {
    sql: `(${a}.agency_id = ? or ${a}.target_agency_id = ? or ${a}.agency_source <> 'DISCIPLINE')`,
    bindings: [v.orgId, v.orgId],
  };
}

/** Recording a decision: an oversight agency acting for itself… */
export const canRecordRecognition = (v: Viewer) => actsAsAgency(v);
/** …never on its own results. */
export const isOwnResult = (v: Viewer, target: { agencyId: number }) => v.orgId === target.agencyId;

/** Withdrawing: the recognising agency, while the decision is in force. */
export const canWithdrawRecognition = (v: Viewer, r: RecognitionView) =>
  actsAsAgency(v) && v.orgId === r.agencyId && r.status === 'CURRENT';

/** A party to a decision: the recognising agency or the author of the result. */
export const isPartyTo = (v: Viewer, r: Pick<RecognitionView, 'agencyId' | 'targetAgencyId'>) =>
  actsAsAgency(v) && (v.orgId === r.agencyId || v.orgId === r.targetAgencyId);

/** Opening a consultation (会商) on a decision in force: either party. */
export const canOpenConsultation = (v: Viewer, r: RecognitionView) =>
  isPartyTo(v, r) && r.status === 'CURRENT';

/** Row scope of consultations. */
export function canSeeConsultation(
  v: Viewer,
  c: Pick<ConsultationView, 'recognisingAgencyId' | 'authorAgencyId'>,
) {
  if (ARBITER_ROLES.includes(v.role)) return true;
  return actsAsAgency(v) && (v.orgId === c.recognisingAgencyId || v.orgId === c.authorAgencyId);
}

/** SQL twin of canSeeConsultation over a `consultation` alias `a`; null = every row. */
export function consultationScope(v: Viewer, a: string): Sql | null {
  if (ARBITER_ROLES.includes(v.role)) return null;
  if (!actsAsAgency(v)) return { sql: 'false', bindings: [] };
  return {
    sql: `(${a}.recognising_agency_id = ? or ${a}.author_agency_id = ?)`,
    bindings: [v.orgId, v.orgId],
  };
}

const isPartyOf = (v: Viewer, c: ConsultationView) =>
  actsAsAgency(v) && (v.orgId === c.recognisingAgencyId || v.orgId === c.authorAgencyId);

/** The party whose position is still missing states it, while the consultation is open. */
export function canRespond(v: Viewer, c: ConsultationView): boolean {
  if (!isPartyOf(v, c) || c.state !== 'OPEN') return false;
  return v.orgId === c.recognisingAgencyId ? c.recognisingPosition == null : c.authorPosition == null;
}

/** Either party escalates an unresolved consultation to the district government. */
export const canEscalate = (v: Viewer, c: ConsultationView) =>
  isPartyOf(v, c) && (c.state === 'OPEN' || c.state === 'ANSWERED');

/**
 * Concluding: either party once both positions are stated (an agreed outcome); once escalated, only
 * the district government it was escalated to.
 */
export function canConclude(v: Viewer, c: ConsultationView): boolean {
  if (c.state === 'ANSWERED') return isPartyOf(v, c);
  if (c.state === 'ESCALATED')
    return ARBITER_ROLES.includes(v.role) && (c.escalatedToId == null || v.orgId === c.escalatedToId);
  return false;
}

// ---- same-problem groups (同一问题) ----

/** Does the viewer see this finding as a member of its group? */
export function canSeeGroupMember(v: Viewer, f: GuardedRecord & { evaluatorId?: number | null }): boolean {
  return canSeeFindingRow(v, f) && (f.source !== FindingSource.DISCIPLINE || v.role === Role.DISCIPLINE);
}

/** SQL twin of canSeeGroupMember over a `finding` alias `a`. */
export function groupMemberSql(v: Viewer, a: string): Sql {
  const scope = findingRowScope(v, a) ?? { sql: 'true', bindings: [] };
  if (v.role === Role.DISCIPLINE) return scope;
  return { sql: `(${scope.sql} and ${a}.source <> 'DISCIPLINE')`, bindings: scope.bindings };
}

/** Whether statistics may treat discipline findings as members of groups for this viewer. */
export const seesDisciplineMembership = (v: Viewer) => v.role === Role.DISCIPLINE;

/**
 * Linking or unlinking a finding: an oversight agency that may read it (judging "the same problem"
 * needs the substance), so discipline findings are linked by the discipline commission alone.
 */
export const canLinkFinding = (v: Viewer, f: GuardedRecord) =>
  actsAsAgency(v) && canSeeGroupMember(v, f) && canReadContent(v, f);

// ---- shared inspection plan (监督检查计划统筹) ----

/** What the policy needs of a plan entry. */
export interface PlanView {
  agencyId: number;
  agencySource: FindingSource;
}

/**
 * Plans are shared among the oversight agencies and district leadership for coordination; the
 * discipline commission's plans are its own and leadership's (as its decisions are).
 */
export function canSeePlan(v: Viewer, p: PlanView): boolean {
  if (v.role === Role.DISCIPLINE || v.role === Role.LEADERSHIP) return true;
  return actsAsAgency(v) && (v.orgId === p.agencyId || p.agencySource !== FindingSource.DISCIPLINE);
}

/** SQL twin of canSeePlan over an `inspection_plan` alias `a`; null = every row. */
export function planScope(v: Viewer, a: string): Sql | null {
  if (v.role === Role.DISCIPLINE || v.role === Role.LEADERSHIP) return null;
  if (!actsAsAgency(v)) return { sql: 'false', bindings: [] };
  return { sql: `(${a}.agency_id = ? or ${a}.agency_source <> 'DISCIPLINE')`, bindings: [v.orgId] };
}

/** Registering a plan: an oversight agency, for itself. */
export const canRegisterPlan = (v: Viewer) => actsAsAgency(v);
