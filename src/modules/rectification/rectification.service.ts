/**
 * Joint rectification supervision (整改共督): the task state machine, sign-off by every supervisor,
 * extensions, reopening, reminders and escalation. Every change is one transaction that locks the
 * task row, checks the version the caller saw, updates the task and appends its timeline event.
 *
 * Versions: a stale version is a CONFLICT — except between operations that commute. Progress reports
 * commute with reports, and approvals of the same submission commute with each other, so two
 * supervisors approving at the same instant both count and the task closes exactly once.
 *
 * Who may see and do what is decided by src/policy/rectification.ts; the SQL is in the repositories
 * (rectification.repo.ts, rectification-events.repo.ts, rectification-evidence.repo.ts).
 *
 * Public functions throw UserInputProblem (codes: NOT_FOUND, CONFLICT, ILLEGAL_TRANSITION,
 * NOT_SUPERVISOR, NOT_RESPONSIBLE_UNIT, NOT_LEAD, ALREADY_VERIFIED, BAD_DATE, REQUIRED, …).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { normaliseMoney } from '../../shared/scalars.js';
import { fenToYuan, toFen } from '../../shared/money-text.js';
import {
  canCreateTask,
  canCreateTaskFrom,
  canDecideExtension,
  canReport,
  canSeeTask,
  isLeadOf,
  isSupervisorOf,
  isUnitOf,
  type TaskView,
} from '../../policy/rectification.js';
import {
  RectificationKind,
  RectificationState as St,
  VerificationConclusion,
} from './rectification.entity.js';
import { rectificationBus } from './rectification.bus.js';
import { daysOverdue, today } from './rectification.overdue.js';
import * as repo from './rectification.repo.js';
import type { TaskRow } from './rectification.repo.js';
import { appendEvent, approvalsOf, eventsSince, type EventRecord } from './rectification-events.repo.js';
import { evidenceOfTaskByIds } from './rectification-evidence.repo.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

// ---- plumbing ----

function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim();
  if (t.length < min)
    throw new UserInputProblem('REQUIRED', `"${field}" needs at least ${min} characters.`, field);
  if (t.length > max)
    throw new UserInputProblem('TOO_LONG', `"${field}" is limited to ${max} characters.`, field);
  return t;
}

function date(value: string, field: string): string {
  if (!DATE_RE.test(value) || Number.isNaN(Date.parse(value)))
    throw new UserInputProblem('BAD_DATE', `"${field}" must be a date like 2026-06-30.`, field);
  return value;
}

/** The policy's view of a task row, read inside the transaction. */
export async function taskView(trx: Knex, t: TaskRow): Promise<TaskView> {
  return {
    unitId: t.unit_id,
    leadId: t.lead_id,
    state: t.state,
    supervisorIds: await repo.supervisorIdsOf(trx, t.id),
    approvedBy: t.state === St.SUBMITTED ? await approvalsOf(trx, t.id, t.submission_no) : [],
  };
}

type Commutes = (events: EventRecord[], t: TaskRow) => boolean;

/**
 * Runs one change: lock, load, check the version (allowing commuting operations), let `apply` decide
 * the new columns and the event, write both. Returns the new version.
 */
async function change(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  commutes: Commutes | null,
  apply: (
    t: TaskRow,
    view: TaskView,
    trx: Knex.Transaction,
  ) => Promise<{ set: Partial<TaskRow>; type: string; payload: Record<string, unknown> }>,
): Promise<number> {
  const out = await knex.transaction(async (trx) => {
    const t = await repo.lockTask(trx, id);
    const view = t ? await taskView(trx, t) : null;
    if (!t || !view || !canSeeTask(v, view))
      throw new UserInputProblem('NOT_FOUND', 'No such rectification task.', 'id');
    if (t.version !== version) {
      const since = await eventsSince(trx, id, version);
      if (!commutes || version > t.version || !commutes(since, t)) {
        throw new UserInputProblem(
          'CONFLICT',
          `The task changed since you read it (version ${t.version}, not ${version}); read it again.`,
          'version',
        );
      }
    }
    const { set, type, payload } = await apply(t, view, trx);
    const next = t.version + 1;
    await repo.updateTask(trx, id, { ...set, version: next });
    await appendEvent(trx, {
      taskId: id,
      type,
      actorId: v.orgId,
      actorUser: v.userId ?? 'unknown',
      version: next,
      payload,
    });
    return next;
  });
  rectificationBus.emit(id);
  return out;
}

const illegal = (from: St, action: string) =>
  new UserInputProblem('ILLEGAL_TRANSITION', `A task that is ${from} cannot be ${action}.`, 'id');

// ---- operations ----

export interface CreateInput {
  findingIds: number[];
  measures: string;
  deadline: string;
  kind: RectificationKind;
  nextMilestone: string | null;
  leadId: number | null;
  coSupervisorIds: number[] | null;
}

/**
 * Creates a task from one finding or a group about the same unit. The lead defaults to the creating
 * agency; the co-supervisors default to every agency whose finding is in the group.
 */
export async function createRectification(knex: Knex, v: Viewer, input: CreateInput): Promise<number> {
  if (!canCreateTask(v))
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency creates rectification tasks.');
  const ids = [...new Set(input.findingIds)];
  if (!ids.length || ids.length > 50)
    throw new UserInputProblem('BAD_SCOPE', 'Name 1 to 50 findings.', 'findings');
  const measures = text(input.measures, 'measures', 2, 4000);
  const deadline = date(input.deadline, 'deadline');
  if (deadline < today())
    throw new UserInputProblem('BAD_DATE', 'The deadline cannot be in the past.', 'deadline');
  const milestone = input.nextMilestone ? date(input.nextMilestone, 'nextMilestone') : null;
  if (input.kind === RectificationKind.LONG_TERM && !milestone) {
    throw new UserInputProblem(
      'REQUIRED',
      'Long-term rectification (持续整改) needs the next milestone date.',
      'nextMilestone',
    );
  }
  const id = await knex.transaction(async (trx) => {
    const findings = await repo.lockFindings(trx, ids);
    if (findings.length !== ids.length || findings.some((f) => f.publicationState !== 'PUBLISHED')) {
      throw new UserInputProblem('NOT_FOUND', 'Some findings do not exist or are not published.', 'findings');
    }
    if (!canCreateTaskFrom(v, findings)) {
      throw new UserInputProblem(
        'NOT_FINDER',
        'Your agency must have found at least one of the problems.',
        'findings',
      );
    }
    const units = new Set(findings.map((f) => f.unitId));
    if (units.size !== 1)
      throw new UserInputProblem(
        'MIXED_UNITS',
        'All findings of one task must concern the same unit.',
        'findings',
      );
    if (await repo.anyFindingInTask(trx, ids))
      throw new UserInputProblem(
        'ALREADY_IN_TASK',
        'A finding is already being rectified in another task.',
        'findings',
      );
    const lead = input.leadId ?? v.orgId!;
    const supervisors = new Set<number>([
      lead,
      ...(input.coSupervisorIds ?? findings.map((f) => f.agencyId)),
    ]);
    const agencies = await repo.oversightAgencyIds(trx, [...supervisors]);
    if (agencies.length !== supervisors.size)
      throw new UserInputProblem('NOT_FOUND', 'Supervisors must be oversight agencies.', 'coSupervisors');
    const taskId = await repo.insertTask(trx, {
      unit_id: [...units][0]!,
      lead_id: lead,
      kind: input.kind,
      measures,
      deadline,
      next_milestone: milestone,
      state: St.ASSIGNED,
      submission_no: 0,
    });
    await repo.linkFindings(trx, taskId, ids);
    await repo.addSupervisors(trx, taskId, [...supervisors]);
    await appendEvent(trx, {
      taskId,
      type: 'CREATED',
      actorId: v.orgId,
      actorUser: v.userId ?? 'unknown',
      version: 1,
      payload: {
        kind: input.kind,
        deadline,
        measures,
        lead,
        supervisors: [...supervisors],
        findings: ids,
      },
    });
    return taskId;
  });
  rectificationBus.emit(id);
  return id;
}

export function startRectification(knex: Knex, v: Viewer, id: number, version: number) {
  return change(knex, v, id, version, null, async (t, view) => {
    if (!isUnitOf(v, view))
      throw new UserInputProblem('NOT_RESPONSIBLE_UNIT', 'Only the responsible unit starts the work.', 'id');
    if (t.state !== St.ASSIGNED && t.state !== St.RETURNED) throw illegal(t.state, 'started');
    return { set: { state: St.IN_PROGRESS }, type: 'STARTED', payload: {} };
  });
}

/**
 * 整改金额 by how the money was rectified, yuan (exact decimal strings): 追回 recovered, 归还原渠道
 * returned to its channel, 上缴财政 paid to the treasury, 调账 accounts adjusted, 盘活 idle funds put
 * to use. A key left out is zero.
 */
export interface MoneyBreakdown {
  recovered?: string | null;
  returnedToChannel?: string | null;
  paidToTreasury?: string | null;
  accountsAdjusted?: string | null;
  revitalised?: string | null;
}
export const MONEY_KINDS = [
  'recovered',
  'returnedToChannel',
  'paidToTreasury',
  'accountsAdjusted',
  'revitalised',
] as const;

/**
 * The breakdown with zeros left out, and its exact sum. Negative amounts are BAD_AMOUNT. A report may
 * also name the total alone (moneyRecovered, the field from before the breakdown); given with a
 * breakdown it must equal its sum.
 */
export function moneyOf(
  breakdown: MoneyBreakdown | null,
  total: string | null,
  field: string,
): { money: Record<string, string> | null; total: string | null } {
  if (!breakdown) {
    const t = total == null ? null : normaliseMoney(total);
    if (t?.startsWith('-'))
      throw new UserInputProblem('BAD_AMOUNT', 'Money recovered cannot be negative.', 'moneyRecovered');
    return { money: null, total: t };
  }
  const money: Record<string, string> = {};
  let fen = 0n;
  for (const k of MONEY_KINDS) {
    const raw = breakdown[k];
    if (raw == null) continue;
    const v = normaliseMoney(raw);
    if (v.startsWith('-'))
      throw new UserInputProblem(
        'BAD_AMOUNT',
        'An amount of the breakdown cannot be negative.',
        `${field}.${k}`,
      );
    if (v === '0.00') continue;
    money[k] = v;
    fen += toFen(v);
  }
  const sum = fenToYuan(fen);
  if (total != null && normaliseMoney(total) !== sum) {
    throw new UserInputProblem(
      'BAD_AMOUNT',
      `moneyRecovered (${normaliseMoney(total)}) must equal the sum of the breakdown (${sum}); leave it out.`,
      'moneyRecovered',
    );
  }
  return { money, total: sum };
}

export interface ReportInput {
  text: string;
  percent: number;
  moneyRecovered: string | null;
  /** 整改金额构成; its sum is the report's moneyRecovered. */
  money: MoneyBreakdown | null;
  rulesEstablished: string | null;
  evidence: { id: number; sha256: string; fileName: string }[];
}

/**
 * The evidence a report cites: files uploaded to this task first (NOT_FOUND otherwise). Checked before
 * the report itself.
 */
export async function reportEvidence(
  knex: Knex,
  taskId: number,
  evidenceIds: readonly number[],
): Promise<ReportInput['evidence']> {
  const evidence = evidenceIds.length ? await evidenceOfTaskByIds(knex, taskId, evidenceIds) : [];
  if (evidence.length !== new Set(evidenceIds).size) {
    throw new UserInputProblem('NOT_FOUND', 'Evidence must be uploaded to this task first.', 'evidence');
  }
  return evidence;
}

export function reportProgress(knex: Knex, v: Viewer, id: number, version: number, input: ReportInput) {
  const body = text(input.text, 'text', 2, 4000);
  if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100) {
    throw new UserInputProblem('BAD_PERCENT', '"percent" must be a whole number from 0 to 100.', 'percent');
  }
  // the total stays in the payload as moneyRecovered: the statistics and the ledger's 整改金额 sum it
  const { money: breakdown, total: money } = moneyOf(input.money, input.moneyRecovered, 'money');
  const rules = input.rulesEstablished ? text(input.rulesEstablished, 'rulesEstablished', 1, 2000) : null;
  // reports by the unit commute with one another: none overwrites another, all are kept
  const commutes: Commutes = (evs) => evs.every((e) => e.type === 'REPORTED');
  return change(knex, v, id, version, commutes, async (t, view) => {
    if (!isUnitOf(v, view))
      throw new UserInputProblem('NOT_RESPONSIBLE_UNIT', 'Only the responsible unit reports progress.', 'id');
    if (!canReport(v, view)) throw illegal(t.state, 'reported on');
    return {
      set: t.state === St.ASSIGNED || t.state === St.RETURNED ? { state: St.IN_PROGRESS } : {},
      type: 'REPORTED',
      payload: {
        text: body,
        percent: input.percent,
        moneyRecovered: money,
        ...(breakdown ? { money: breakdown } : {}),
        rulesEstablished: rules,
        evidence: input.evidence,
      },
    };
  });
}

export function submitRectification(knex: Knex, v: Viewer, id: number, version: number, note: string | null) {
  return change(knex, v, id, version, null, async (t, view) => {
    if (!isUnitOf(v, view))
      throw new UserInputProblem(
        'NOT_RESPONSIBLE_UNIT',
        'Only the responsible unit submits for verification.',
        'id',
      );
    if (t.state !== St.IN_PROGRESS && t.state !== St.RETURNED) throw illegal(t.state, 'submitted');
    // a new submission starts a new round: earlier approvals no longer count
    return {
      set: { state: St.SUBMITTED, submission_no: t.submission_no + 1 },
      type: 'SUBMITTED',
      payload: { submission: t.submission_no + 1, note },
    };
  });
}

export function verifyRectification(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  input: {
    approve: boolean;
    conclusion: VerificationConclusion;
    reason: string | null;
    nextMilestone: string | null;
    /** 核定整改金额: the amounts the agency confirmed, by kind (recorded on the event only). */
    moneyVerified?: MoneyBreakdown | null;
  },
) {
  const verified = input.moneyVerified ? moneyOf(input.moneyVerified, null, 'moneyVerified').money : null;
  const withVerified = verified ? { moneyVerified: verified } : {};
  const commutes: Commutes = (evs, t) =>
    input.approve &&
    input.conclusion !== VerificationConclusion.PARTLY &&
    evs.every((e) => e.type === 'APPROVED' && e.payload.submission === t.submission_no);
  return change(knex, v, id, version, commutes, async (t, view, trx) => {
    if (!isSupervisorOf(v, view))
      throw new UserInputProblem('NOT_SUPERVISOR', 'Only a supervising agency verifies, for itself.', 'id');
    if (t.state !== St.SUBMITTED) throw illegal(t.state, 'verified');
    if (view.approvedBy.includes(v.orgId!))
      throw new UserInputProblem('ALREADY_VERIFIED', 'Your agency already approved this submission.', 'id');
    if (input.conclusion === VerificationConclusion.PARTLY) {
      // 部分整改: not accepted as done, not refused either — the unit carries on with what remains
      // (the reason); the findings show PARTLY until it submits again (finding_status_of, migration
      // rectification_status_derived). Any supervisor may conclude it, approving or not.
      const reason = text(input.reason, 'reason', 2, 2000);
      return {
        set: { state: St.IN_PROGRESS, conclusion: VerificationConclusion.PARTLY },
        type: 'PARTLY_RECTIFIED',
        payload: {
          submission: t.submission_no,
          conclusion: VerificationConclusion.PARTLY,
          reason,
          ...withVerified,
        },
      };
    }
    if (!input.approve) {
      const reason = text(input.reason, 'reason', 2, 2000);
      return {
        set: { state: St.RETURNED, conclusion: VerificationConclusion.NOT_RECTIFIED },
        type: 'RETURNED',
        payload: { submission: t.submission_no, reason, conclusion: VerificationConclusion.NOT_RECTIFIED },
      };
    }
    if (input.conclusion === VerificationConclusion.NOT_RECTIFIED) {
      throw new UserInputProblem(
        'BAD_CONCLUSION',
        'To conclude 未整改, return the submission with a reason.',
        'conclusion',
      );
    }
    if (input.conclusion === VerificationConclusion.CONTINUING) {
      // accepting long-term work is the lead's call; the task stays open, tracked by milestone
      if (!isLeadOf(v, { leadId: t.lead_id }))
        throw new UserInputProblem(
          'NOT_LEAD',
          'Only the lead agency accepts long-term rectification.',
          'conclusion',
        );
      const milestone = date(input.nextMilestone ?? '', 'nextMilestone');
      return {
        set: {
          state: St.IN_PROGRESS,
          kind: RectificationKind.LONG_TERM,
          conclusion: VerificationConclusion.CONTINUING,
          next_milestone: milestone,
        },
        type: 'ACCEPTED_LONG_TERM',
        payload: {
          submission: t.submission_no,
          conclusion: input.conclusion,
          nextMilestone: milestone,
          reason: input.reason ?? null,
        },
      };
    }
    const approvedBy = new Set([...view.approvedBy, v.orgId!]);
    const all = view.supervisorIds.every((s) => approvedBy.has(s));
    // the last approval closes the task, in this same transaction; the findings' status follows the
    // task (trigger rectification_status_task_update, migration rectification_status_derived)
    return {
      set: all
        ? { state: St.CLOSED, conclusion: VerificationConclusion.RECTIFIED, closed_at: new Date() }
        : {},
      type: 'APPROVED',
      payload: {
        submission: t.submission_no,
        conclusion: input.conclusion,
        closes: all,
        reason: input.reason ?? null,
        ...withVerified,
      },
    };
  });
}

export function requestExtension(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  newDeadline: string,
  reason: string,
) {
  const d = date(newDeadline, 'newDeadline');
  const why = text(reason, 'reason', 2, 2000);
  return change(knex, v, id, version, null, async (t, view) => {
    if (!isUnitOf(v, view))
      throw new UserInputProblem(
        'NOT_RESPONSIBLE_UNIT',
        'Only the responsible unit asks for an extension.',
        'id',
      );
    if (t.state === St.CLOSED) throw illegal(t.state, 'extended');
    if (t.extension_requested)
      throw new UserInputProblem(
        'EXTENSION_PENDING',
        'An extension request is already awaiting the lead agency.',
        'id',
      );
    if (d <= t.deadline)
      throw new UserInputProblem(
        'BAD_DATE',
        'The new deadline must be later than the current one.',
        'newDeadline',
      );
    return {
      set: { extension_requested: d },
      type: 'EXTENSION_REQUESTED',
      payload: { oldDeadline: t.deadline, newDeadline: d, reason: why },
    };
  });
}

export function decideExtension(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  grant: boolean,
  reason: string | null,
) {
  return change(knex, v, id, version, null, async (t, view) => {
    if (!canDecideExtension(v, view))
      throw new UserInputProblem('NOT_LEAD', 'Only the lead agency decides an extension.', 'id');
    if (!t.extension_requested)
      throw new UserInputProblem('NO_EXTENSION_PENDING', 'No extension request is pending.', 'id');
    if (!grant) {
      const why = text(reason, 'reason', 2, 2000);
      return {
        set: { extension_requested: null },
        type: 'EXTENSION_REFUSED',
        payload: { requested: t.extension_requested, reason: why },
      };
    }
    return {
      set: { deadline: t.extension_requested, extension_requested: null },
      type: 'EXTENSION_GRANTED',
      payload: { oldDeadline: t.deadline, newDeadline: t.extension_requested, reason: reason ?? null },
    };
  });
}

export function reopenRectification(knex: Knex, v: Viewer, id: number, version: number, reason: string) {
  const why = text(reason, 'reason', 2, 2000);
  return change(knex, v, id, version, null, async (t, view, trx) => {
    if (!isSupervisorOf(v, view))
      throw new UserInputProblem('NOT_SUPERVISOR', 'Only a supervising agency reopens a task.', 'id');
    if (t.state !== St.CLOSED) throw illegal(t.state, 'reopened');
    return {
      set: { state: St.IN_PROGRESS, conclusion: null, closed_at: null },
      type: 'REOPENED',
      payload: { reason: why },
    };
  });
}

export function remind(knex: Knex, v: Viewer, id: number, version: number, message: string) {
  const msg = text(message, 'message', 2, 1000);
  // reminders change nothing the unit relies on; they commute with everything
  return change(
    knex,
    v,
    id,
    version,
    () => true,
    async (t, view) => {
      if (!isSupervisorOf(v, view))
        throw new UserInputProblem('NOT_SUPERVISOR', 'Only a supervising agency sends reminders.', 'id');
      if (t.state === St.CLOSED) throw illegal(t.state, 'reminded');
      return { set: {}, type: 'REMINDED', payload: { message: msg, daysOverdue: daysOverdue(t) } };
    },
  );
}

export function escalate(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  toAgencyId: number,
  reason: string,
  minDays: number,
) {
  const why = text(reason, 'reason', 2, 2000);
  return change(
    knex,
    v,
    id,
    version,
    () => true,
    async (t, view, trx) => {
      if (!isSupervisorOf(v, view))
        throw new UserInputProblem('NOT_SUPERVISOR', 'Only a supervising agency escalates.', 'id');
      const late = daysOverdue(t);
      if (late <= minDays) {
        throw new UserInputProblem(
          'NOT_OVERDUE_ENOUGH',
          `Only tasks overdue by more than ${minDays} days are escalated (this one: ${late}).`,
          'id',
        );
      }
      // 提级督办 goes up the line — the district government or the lead agency's superior — never to
      // the discipline commission, and the body escalated to does not become a co-signer of the
      // closing: the government sees every task already (policy/rectification.ts SEE_ALL_ROLES)
      const target = await repo.escalationTarget(trx, toAgencyId, t.lead_id as number);
      if (!target)
        throw new UserInputProblem(
          'BAD_ESCALATION_TARGET',
          "Escalate to the district government (LEADERSHIP) or the lead agency's superior (提级督办对象).",
          'to',
        );
      return {
        set: {},
        type: 'ESCALATED',
        payload: { to: toAgencyId, toName: target.name, reason: why, daysOverdue: late },
      };
    },
  );
}
