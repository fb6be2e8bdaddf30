/**
 * The shared inspection plan (监督检查计划统筹): an agency registers a planned inspection and learns at
 * once which other agencies plan to inspect the same subject in the same months, and which results it
 * has itself recognised that still cover the subject (it committed not to re-inspect them).
 *
 * Two agencies that plan the same subject can merge their plans into one joint inspection (联合检查): an
 * agency joins its own plan to the other agency's plan, which leads; it can leave again.
 *
 * Public functions throw UserInputProblem (codes: NOT_AN_AGENCY, NOT_FOUND, BAD_YEAR, BAD_MONTHS,
 * BAD_PERIOD, REQUIRED, TOO_LONG; for joint inspections NOT_YOURS, SAME_AGENCY, DIFFERENT_YEAR,
 * DIFFERENT_SUBJECT, LEAD_IS_PARTICIPANT, HAS_PARTICIPANTS, ALREADY_JOINED, NOT_JOINED).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { SOURCE_OF_ROLE } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canRegisterPlan, canSeePlan, canSeeRecognition } from '../../policy/recognition.js';
import type { InspectionKind } from './recognition.entity.js';
import * as repo from './inspection-plan.repo.js';
import type { RecognitionRow } from './recognition.repo.js';

export interface PlanInput {
  subject: { kind: 'U' | 'P' | 'Y'; id: number };
  planYear: number;
  kind: InspectionKind;
  scope: string;
  periodFrom: number;
  periodTo: number;
  months: number[];
}

export interface PlanWarning {
  kind: 'PLAN_OVERLAP' | 'RECOGNISED_RESULT_IN_FORCE';
  message: string;
  planId: number;
  otherPlanId: number | null;
  recognitionId: number | null;
}

const monthsText = (ms: readonly number[]) => ms.map((m) => `${m}月`).join('、');

/** Warnings for one plan, as the viewer may see them. */
export async function warningsFor(knex: Knex, v: Viewer, plan: repo.PlanRow): Promise<PlanWarning[]> {
  const out: PlanWarning[] = [];
  for (const o of await repo.overlappingPlans(knex, v, plan)) {
    const common = o.months.filter((m) => plan.months.includes(m));
    out.push({
      kind: 'PLAN_OVERLAP',
      message: `另一监督部门计划于${plan.planYear}年${monthsText(common)}对同一对象开展检查（${o.scope}），建议合并开展联合检查或采信其结果。`,
      planId: plan.dbId,
      otherPlanId: o.dbId,
      recognitionId: null,
    });
  }
  const recs: RecognitionRow[] = await repo.coveringRecognitions(knex, plan);
  for (const r of recs.filter((x) => canSeeRecognition(v, x))) {
    out.push({
      kind: 'RECOGNISED_RESULT_IN_FORCE',
      message: `本部门已采信该对象的检查结果（${r.documentRef}${r.validUntil ? `，有效期至${r.validUntil.slice(0, 4)}年${Number(r.validUntil.slice(5, 7))}月${Number(r.validUntil.slice(8, 10))}日` : ''}），有效期内原则上不再重复检查。`,
      planId: plan.dbId,
      otherPlanId: null,
      recognitionId: r.dbId,
    });
  }
  return out;
}

/** Registers a planned inspection; returns its id and the warnings. */
export async function registerPlan(
  knex: Knex,
  v: Viewer,
  input: PlanInput,
): Promise<{ id: number; warnings: PlanWarning[] }> {
  if (!canRegisterPlan(v))
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency registers inspection plans.');
  if (!Number.isInteger(input.planYear) || input.planYear < 2000 || input.planYear > 2100)
    throw new UserInputProblem('BAD_YEAR', 'The plan year must be between 2000 and 2100.', 'planYear');
  const months = [...new Set(input.months)].sort((a, b) => a - b);
  if (!months.length || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12))
    throw new UserInputProblem('BAD_MONTHS', 'Name the planned months, 1 to 12.', 'months');
  if (input.periodFrom > input.periodTo || input.periodTo > input.planYear)
    throw new UserInputProblem(
      'BAD_PERIOD',
      'The period examined runs from one fiscal year to a later one, not after the plan year.',
      'periodTo',
    );
  const scope = (input.scope ?? '').trim();
  if (scope.length < 2) throw new UserInputProblem('REQUIRED', 'Describe the scope (检查范围).', 'scope');
  if (scope.length > 2000)
    throw new UserInputProblem('TOO_LONG', '"scope" is limited to 2000 characters.', 'scope');
  const unitId = await repo.unitOfSubject(knex, input.subject.kind, input.subject.id);
  if (unitId == null) throw new UserInputProblem('NOT_FOUND', 'No such unit, project or policy.', 'subject');
  const id = await repo.insertPlan(knex, {
    agency_id: v.orgId!,
    agency_source: SOURCE_OF_ROLE[v.role]!,
    plan_year: input.planYear,
    subject_key: `${input.subject.kind}:${input.subject.id}`,
    unit_id: unitId,
    kind: input.kind,
    scope,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    months,
    registered_by: v.userId ?? 'unknown',
  });
  const [plan] = await repo.plansByIds(knex, [id]);
  return { id, warnings: await warningsFor(knex, v, plan!) };
}

/** Every warning among the viewer's visible plans of a year (for planning meetings), each pair once. */
export async function warningsOfYear(knex: Knex, v: Viewer, year: number): Promise<PlanWarning[]> {
  const out: PlanWarning[] = [];
  for (const p of await repo.plansOfYear(knex, v, year)) {
    for (const w of await warningsFor(knex, v, p))
      if (w.kind !== 'PLAN_OVERLAP' || w.otherPlanId! > p.dbId) out.push(w);
  }
  return out;
}

/**
 * Joins the viewer's plan `planId` to another agency's plan `leadId` as a participant of the joint
 * inspection that plan leads (same year; same unit, project or policy, or the unit as a whole). Both rows
 * are locked, so concurrent joins cannot make a participant a lead or chain two inspections. Joining the
 * lead it already has is a no-op.
 */
export async function joinPlan(knex: Knex, v: Viewer, planId: number, leadId: number): Promise<void> {
  if (!canRegisterPlan(v))
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency joins inspections.');
  await knex.transaction(async (trx) => {
    const { plans, participantsOfPlan } = await repo.lockPlansForJoin(trx, planId, leadId);
    const plan = plans.find((p) => p.dbId === planId);
    const lead = plans.find((p) => p.dbId === leadId);
    if (!plan || !canSeePlan(v, plan)) throw new UserInputProblem('NOT_FOUND', 'No such plan.', 'plan');
    if (plan.agencyId !== v.orgId)
      throw new UserInputProblem('NOT_YOURS', 'Only the planning agency joins its plan to another.', 'plan');
    if (!lead || !canSeePlan(v, lead))
      throw new UserInputProblem('NOT_FOUND', 'No such plan to join.', 'lead');
    if (plan.jointLeadId === lead.dbId) return;
    if (lead.agencyId === plan.agencyId)
      throw new UserInputProblem('SAME_AGENCY', 'A joint inspection is led by another agency.', 'lead');
    if (lead.planYear !== plan.planYear)
      throw new UserInputProblem('DIFFERENT_YEAR', 'Both plans must be for the same year.', 'lead');
    const sameSubject =
      lead.subjectKey === plan.subjectKey ||
      (lead.unitId === plan.unitId && (lead.subjectKey.startsWith('U:') || plan.subjectKey.startsWith('U:')));
    if (!sameSubject)
      throw new UserInputProblem(
        'DIFFERENT_SUBJECT',
        'Both plans must concern the same unit, project or policy (or the unit as a whole).',
        'lead',
      );
    if (lead.jointLeadId != null)
      throw new UserInputProblem(
        'LEAD_IS_PARTICIPANT',
        'That plan is itself a participant; join the plan that leads its inspection.',
        'lead',
      );
    if (participantsOfPlan > 0)
      throw new UserInputProblem(
        'HAS_PARTICIPANTS',
        'Your plan leads a joint inspection; it cannot join another one.',
        'plan',
      );
    if (plan.jointLeadId != null)
      throw new UserInputProblem(
        'ALREADY_JOINED',
        'Your plan is already part of a joint inspection; leave it first.',
        'plan',
      );
    await repo.setJointLead(trx, planId, leadId);
  });
}

/** Takes the viewer's plan out of the joint inspection it joined. */
export async function leavePlan(knex: Knex, v: Viewer, planId: number): Promise<void> {
  if (!canRegisterPlan(v))
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency joins inspections.');
  await knex.transaction(async (trx) => {
    const { plans } = await repo.lockPlansForJoin(trx, planId, planId);
    const plan = plans[0];
    if (!plan || !canSeePlan(v, plan)) throw new UserInputProblem('NOT_FOUND', 'No such plan.', 'plan');
    if (plan.agencyId !== v.orgId)
      throw new UserInputProblem('NOT_YOURS', 'Only the planning agency takes its plan out.', 'plan');
    if (plan.jointLeadId == null)
      throw new UserInputProblem('NOT_JOINED', 'The plan is not part of a joint inspection.', 'plan');
    await repo.setJointLead(trx, planId, null);
  });
}
