/**
 * Target sets (绩效目标): the unit drafts, submits with the budget; finance approves or returns with
 * reasons (同步编制、同步审核、同步批复). An approved set is never edited: a mid-year adjustment is a new
 * version with a reason that goes through the same review, and its approval supersedes the previous
 * version. Pre-assessments (事前绩效评估) are finance's record with a conclusion, not a grade.
 *
 * Every write locks the subject's sets of the year and checks the version read, so concurrent
 * writers never lose each other's changes. Public functions throw UserInputProblem (codes: NOT_FOUND,
 * NOT_ALLOWED, CONFLICT, ILLEGAL_TRANSITION, ALREADY_EXISTS, OPEN_ADJUSTMENT, REQUIRED, TOO_LONG,
 * BAD_INDICATOR, BAD_YEAR, BAD_AMOUNT).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { UserInputProblem } from '../../shared/user-error.js';
import {
  canAdjustTargetSet,
  canDraftTargets,
  canEditTargetSet,
  canRecordPreAssessment,
  canReviewTargetSet,
  canSeeTargetSet,
} from '../../policy/performance.js';
import { validateIndicators, type Indicator } from './indicators.js';
import { PreAssessmentConclusion, TargetSetState as St } from './performance.entity.js';
import * as repo from './targets.repo.js';
import { toFen } from './money-text.js';

const who = (v: Viewer) => v.userId ?? 'unknown';

export function checkYear(y: number, field = 'budgetYear') {
  if (!Number.isInteger(y) || y < 2000 || y > 2100)
    throw new UserInputProblem('BAD_YEAR', 'The budget year must be between 2000 and 2100.', field);
}

export function text(s: string | null | undefined, field: string, what: string, max = 2000): string {
  const t = (s ?? '').trim();
  if (t.length < 2) throw new UserInputProblem('REQUIRED', `请填写${what}。`, field);
  if (t.length > max) throw new UserInputProblem('TOO_LONG', `${what}不超过${max}个字。`, field);
  return t;
}

/** Locks the subject's sets and returns the one asked for, checked for visibility and version. */
async function lockSet(trx: Knex.Transaction, v: Viewer, id: number, version: number) {
  const head = await repo.targetSetById(trx, id);
  if (!head || !canSeeTargetSet(v, head))
    throw new UserInputProblem('NOT_FOUND', 'No such target set.', 'id');
  const all = await repo.setsOfSubjectForUpdate(trx, head.subjectKey, head.budgetYear);
  const set = all.find((s) => s.dbId === id)!;
  if (set.version !== version)
    throw new UserInputProblem(
      'CONFLICT',
      `The target set changed since you read it (version ${set.version}, not ${version}).`,
      'version',
    );
  return { set, all };
}

export interface DraftInput {
  subject: { kind: 'P' | 'U'; id: number };
  budgetYear: number;
  goal: string;
  indicators: Indicator[];
}

/** The unit drafts the first version of a subject's targets for a year. */
export async function draftTargetSet(knex: Knex, v: Viewer, input: DraftInput): Promise<number> {
  checkYear(input.budgetYear);
  const info = await repo.subjectInfo(knex, input.subject.kind, input.subject.id);
  if (!info) throw new UserInputProblem('NOT_FOUND', 'No such project or unit.', 'subject');
  if (!canDraftTargets(v, info.unitId))
    throw new UserInputProblem(
      'NOT_ALLOWED',
      'Only the unit drafts the targets of its own projects.',
      'subject',
    );
  const goal = text(input.goal, 'goal', '绩效目标（总体目标）');
  const indicators = validateIndicators(input.indicators);
  const key = `${input.subject.kind}:${input.subject.id}`;
  return knex.transaction(async (trx) => {
    // serialise drafts of one subject and year: lock the subject's row first
    await repo.lockSubjectYear(trx, `target:${key}:${input.budgetYear}`);
    const existing = await repo.setsOfSubjectForUpdate(trx, key, input.budgetYear);
    if (existing.length)
      throw new UserInputProblem(
        'ALREADY_EXISTS',
        'Targets for this subject and year exist; edit the draft or adjust the approved version.',
        'subject',
      );
    return repo.insertTargetSet(trx, {
      subject_key: key,
      unit_id: info.unitId,
      project_id: info.projectId,
      budget_year: input.budgetYear,
      set_version: 1,
      state: St.DRAFT,
      goal,
      indicators: JSON.stringify(indicators),
      drafted_by: who(v),
    });
  });
}

/** The unit edits its own draft (or returned set). */
export async function updateTargetSet(
  knex: Knex,
  v: Viewer,
  input: { id: number; version: number; goal: string; indicators: Indicator[] },
): Promise<void> {
  const goal = text(input.goal, 'goal', '绩效目标（总体目标）');
  const indicators = validateIndicators(input.indicators);
  await knex.transaction(async (trx) => {
    const { set } = await lockSet(trx, v, input.id, input.version);
    if (!canEditTargetSet(v, set))
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        `A ${set.state} target set cannot be edited by you.`,
        'id',
      );
    await repo.updateTargetSetAt(trx, set.dbId, set.version, {
      goal,
      indicators: JSON.stringify(indicators),
    });
  });
}

/** The unit submits its draft with the budget (报送). */
export async function submitTargetSet(knex: Knex, v: Viewer, input: { id: number; version: number }) {
  await knex.transaction(async (trx) => {
    const { set } = await lockSet(trx, v, input.id, input.version);
    if (!canEditTargetSet(v, set))
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        `A ${set.state} target set cannot be submitted by you.`,
        'id',
      );
    await repo.updateTargetSetAt(trx, set.dbId, set.version, { state: St.SUBMITTED });
  });
}

/** Finance returns a submitted set for revision, with reasons (退回修改). */
export async function returnTargetSet(
  knex: Knex,
  v: Viewer,
  input: { id: number; version: number; reason: string },
) {
  const reason = text(input.reason, 'reason', '退回原因');
  await knex.transaction(async (trx) => {
    const { set } = await lockSet(trx, v, input.id, input.version);
    if (!canReviewTargetSet(v, set))
      throw new UserInputProblem('ILLEGAL_TRANSITION', 'Only finance returns a submitted target set.', 'id');
    await repo.updateTargetSetAt(trx, set.dbId, set.version, {
      state: St.RETURNED,
      return_reason: reason,
      reviewed_by: who(v),
      reviewed_at: new Date(),
    });
  });
}

/** Finance approves a submitted set (审核通过); an approved adjustment supersedes the version before it. */
export async function approveTargetSet(knex: Knex, v: Viewer, input: { id: number; version: number }) {
  await knex.transaction(async (trx) => {
    const { set, all } = await lockSet(trx, v, input.id, input.version);
    if (!canReviewTargetSet(v, set))
      throw new UserInputProblem('ILLEGAL_TRANSITION', 'Only finance approves a submitted target set.', 'id');
    for (const old of all.filter((s) => s.state === St.APPROVED))
      await repo.updateTargetSetAt(trx, old.dbId, old.version, { state: St.SUPERSEDED });
    await repo.updateTargetSetAt(trx, set.dbId, set.version, {
      state: St.APPROVED,
      return_reason: null,
      reviewed_by: who(v),
      reviewed_at: new Date(),
    });
  });
}

/**
 * The unit proposes a mid-year adjustment (年中调整) of the approved version: a new version with a
 * reason, in DRAFT, to be submitted and approved like the first; the approved one stays in force
 * until then. One open adjustment at a time.
 */
export async function adjustTargetSet(
  knex: Knex,
  v: Viewer,
  input: { id: number; version: number; reason: string; goal: string; indicators: Indicator[] },
): Promise<number> {
  const reason = text(input.reason, 'reason', '调整原因');
  const goal = text(input.goal, 'goal', '绩效目标（总体目标）');
  const indicators = validateIndicators(input.indicators);
  return knex.transaction(async (trx) => {
    const { set, all } = await lockSet(trx, v, input.id, input.version);
    if (!canAdjustTargetSet(v, set))
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        'Only the unit adjusts its approved target set.',
        'id',
      );
    if (all.some((s) => s.state === St.DRAFT || s.state === St.SUBMITTED || s.state === St.RETURNED))
      throw new UserInputProblem(
        'OPEN_ADJUSTMENT',
        'An adjustment of these targets is already under way.',
        'id',
      );
    return repo.insertTargetSet(trx, {
      subject_key: set.subjectKey,
      unit_id: set.unitId,
      project_id: set.projectId,
      budget_year: set.budgetYear,
      set_version: Math.max(...all.map((s) => s.setVersion)) + 1,
      state: St.DRAFT,
      goal,
      indicators: JSON.stringify(indicators),
      adjust_reason: reason,
      previous_id: set.dbId,
      drafted_by: who(v),
    });
  });
}

/** New projects and policies from this amount need a pre-assessment (事前绩效评估), yuan. */
export const PRE_ASSESSMENT_THRESHOLD_YUAN = '5000000.00';

export interface PreAssessmentInput {
  unitId: number;
  projectId: number | null;
  subjectName: string;
  budgetYear: number;
  requestedAmount: string;
  conclusion: PreAssessmentConclusion;
  reasons: string;
  documentRef: string | null;
}

/** Finance records a pre-assessment's conclusion and reasons. */
export async function recordPreAssessment(knex: Knex, v: Viewer, input: PreAssessmentInput) {
  if (!canRecordPreAssessment(v))
    throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau records pre-assessments.');
  checkYear(input.budgetYear);
  const unit = await repo.subjectInfo(knex, 'U', input.unitId);
  if (!unit) throw new UserInputProblem('NOT_FOUND', 'No such unit.', 'unit');
  if (input.projectId != null) {
    const p = await repo.subjectInfo(knex, 'P', input.projectId);
    if (!p || p.unitId !== input.unitId)
      throw new UserInputProblem('NOT_FOUND', 'No such project of this unit.', 'project');
  }
  if (toFen(input.requestedAmount) <= 0n)
    throw new UserInputProblem('BAD_AMOUNT', 'The amount requested must be positive.', 'requestedAmount');
  return repo.insertPreAssessment(knex, {
    agency_id: v.orgId,
    unit_id: input.unitId,
    project_id: input.projectId,
    subject_name: text(input.subjectName, 'subjectName', '项目（政策）名称', 200),
    budget_year: input.budgetYear,
    requested_amount: input.requestedAmount,
    conclusion: input.conclusion,
    reasons: text(input.reasons, 'reasons', '评估理由'),
    document_ref: input.documentRef?.trim() || null,
    assessed_by: who(v),
  });
}
