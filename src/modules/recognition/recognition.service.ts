/**
 * Mutual recognition (结果互认) workflows: recording a decision on another agency's review or finding
 * (采信 / 部分采信 / 不予采信), superseding and withdrawing it, and consultations (会商) about a decision
 * with both positions, escalation to the district government and the outcome.
 *
 * Each change is one transaction. Decisions of one agency on one target are serialised (an advisory
 * lock on the pair, and a partial unique index keeps one CURRENT row); a caller that replaces a
 * decision names the one it read (`supersedesId`), so a concurrent replacement is a CONFLICT rather
 * than a lost update. Consultations carry a version, checked under the row lock.
 *
 * Public functions throw UserInputProblem (codes: NOT_AN_AGENCY, NOT_FOUND, NOT_PUBLISHED,
 * NOT_READABLE, SELF_RECOGNITION, REQUIRED, TOO_LONG, BAD_SCOPE, BAD_DATE, BAD_VALIDITY, CONFLICT,
 * NOT_RECOGNISER, ILLEGAL_TRANSITION, NOT_PARTY, CONSULTATION_OPEN, NOT_ARBITER).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { FindingSource, PublicationState, SOURCE_OF_ROLE } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canReadContent, canSeeFindingRow, canSeeReviewRow } from '../../policy/access.js';
import {
  canConclude,
  canEscalate,
  canOpenConsultation,
  canRecordRecognition,
  canRespond,
  canSeeConsultation,
  canSeeRecognition,
  canWithdrawRecognition,
  isOwnResult,
  isPartyTo,
} from '../../policy/recognition.js';
import { RecognitionDecision, RecognitionScopeItem } from './recognition.entity.js';
import * as repo from './recognition.repo.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim();
  if (t.length < min)
    throw new UserInputProblem('REQUIRED', `"${field}" needs at least ${min} characters.`, field);
  if (t.length > max)
    throw new UserInputProblem('TOO_LONG', `"${field}" is limited to ${max} characters.`, field);
  return t;
}

function date(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!DATE_RE.test(value) || Number.isNaN(Date.parse(value)))
    throw new UserInputProblem('BAD_DATE', `"${field}" must be a date like 2026-12-31.`, field);
  return value;
}

const user = (v: Viewer) => v.userId ?? 'unknown';

// ---- recognition decisions (采信登记) ----

export interface RecordInput {
  target: { kind: 'R' | 'F'; id: number };
  decision: RecognitionDecision;
  scope: RecognitionScopeItem[] | null;
  scopeFindingIds: number[] | null;
  reason: string | null;
  documentRef: string;
  validFrom: string | null;
  validUntil: string | null;
  /** The current decision the caller read and replaces; required when there is one. */
  supersedesId: number | null;
}

/**
 * Records the viewer's agency's decision on another agency's result; it becomes the current one and
 * the previous current one (named in `supersedesId`) is marked superseded. Returns the new id.
 */
export async function recordRecognition(knex: Knex, v: Viewer, input: RecordInput): Promise<number> {
  if (!canRecordRecognition(v))
    throw new UserInputProblem('NOT_AN_AGENCY', 'Only an oversight agency records recognition decisions.');
  const documentRef = text(input.documentRef, 'documentRef', 2, 100);
  const from = date(input.validFrom, 'validFrom');
  const until = date(input.validUntil, 'validUntil');
  if (from && until && from > until)
    throw new UserInputProblem('BAD_DATE', 'The validity period ends before it starts.', 'validUntil');
  let scope: RecognitionScopeItem[] | null = null;
  let scopeFindingIds: number[] | null = null;
  let reason: string | null = input.reason?.trim() ? text(input.reason, 'reason', 2, 2000) : null;
  switch (input.decision) {
    case RecognitionDecision.NOT_RECOGNISED:
      reason = text(input.reason, 'reason', 2, 2000);
      if (from || until)
        throw new UserInputProblem(
          'BAD_VALIDITY',
          'A refusal (不予采信) commits to nothing: it has no validity period.',
          'validUntil',
        );
      if (input.scope?.length || input.scopeFindingIds?.length)
        throw new UserInputProblem('BAD_SCOPE', 'A refusal (不予采信) has no accepted scope.', 'scope');
      break;
    case RecognitionDecision.PARTLY_RECOGNISED:
      scope = [...new Set(input.scope ?? [])];
      if (!scope.length)
        throw new UserInputProblem(
          'BAD_SCOPE',
          'Name what a partial recognition (部分采信) accepts: conclusion, amounts, indicator scores or findings.',
          'scope',
        );
      if (scope.includes(RecognitionScopeItem.FINDINGS) !== !!input.scopeFindingIds?.length)
        throw new UserInputProblem(
          'BAD_SCOPE',
          'Scope FINDINGS and the findings it names (scopeFindings) go together.',
          'scopeFindings',
        );
      scopeFindingIds = input.scopeFindingIds?.length ? [...new Set(input.scopeFindingIds)] : null;
      break;
    default:
      if (input.scope?.length || input.scopeFindingIds?.length)
        throw new UserInputProblem(
          'BAD_SCOPE',
          'A full recognition (采信) accepts everything; name a scope only with PARTLY_RECOGNISED.',
          'scope',
        );
  }
  const targetKey = `${input.target.kind}:${input.target.id}`;
  return knex.transaction(async (trx) => {
    const t = await repo.lockTarget(trx, input.target.kind, input.target.id);
    const visible =
      t &&
      (t.kind === 'R' ? canSeeReviewRow(v, t) : canSeeFindingRow(v, { ...t, evaluatorId: t.evaluatorId }));
    if (!t || !visible) throw new UserInputProblem('NOT_FOUND', 'No such review or finding.', 'target');
    if (isOwnResult(v, t))
      throw new UserInputProblem(
        'SELF_RECOGNITION',
        'An agency does not record recognition of its own results (不得采信本部门自身结果).',
        'target',
      );
    if (t.publicationState !== PublicationState.PUBLISHED)
      throw new UserInputProblem('NOT_PUBLISHED', 'Only published results are recognised.', 'target');
    if (!canReadContent(v, t))
      throw new UserInputProblem(
        'NOT_READABLE',
        'Your agency may not read this result, so it cannot recognise it; ask for access first.',
        'target',
      );
    if (
      scope?.includes(RecognitionScopeItem.INDICATOR_SCORES) &&
      !(t.kind === 'R' && t.source === FindingSource.PERFORMANCE)
    )
      throw new UserInputProblem(
        'BAD_SCOPE',
        'Indicator scores (指标得分) belong to performance evaluations only.',
        'scope',
      );
    if (scopeFindingIds) {
      if (t.kind !== 'R')
        throw new UserInputProblem(
          'BAD_SCOPE',
          'Findings are named in the scope of a review only.',
          'scopeFindings',
        );
      const of = await repo.findingIdsOfReview(trx, t.id, scopeFindingIds);
      if (of.length !== scopeFindingIds.length)
        throw new UserInputProblem(
          'BAD_SCOPE',
          'The named findings must be findings of this review.',
          'scopeFindings',
        );
    }
    await repo.lockAgencyTarget(trx, v.orgId!, targetKey);
    const current = await repo.lockCurrent(trx, v.orgId!, targetKey);
    if ((current?.dbId ?? null) !== input.supersedesId) {
      throw new UserInputProblem(
        'CONFLICT',
        current
          ? `Your agency's decision in force on this result is ${current.id}; read it and name it in "supersedes".`
          : 'Your agency has no decision in force on this result (it was withdrawn or never made); leave "supersedes" empty.',
        'supersedes',
      );
    }
    if (current) await repo.endRecognition(trx, current.dbId, 'SUPERSEDED', null);
    return repo.insertRecognition(trx, {
      agency_id: v.orgId!,
      agency_source: SOURCE_OF_ROLE[v.role]!,
      target_key: targetKey,
      review_id: t.kind === 'R' ? t.id : null,
      finding_id: t.kind === 'F' ? t.id : null,
      target_agency_id: t.agencyId,
      decision: input.decision,
      scope,
      scope_finding_ids: scopeFindingIds,
      reason,
      document_ref: documentRef,
      valid_from: from,
      valid_until: until,
      supersedes_id: current?.dbId ?? null,
      decided_by: user(v),
    });
  });
}

/** The recognising agency withdraws its decision in force. */
export async function withdrawRecognition(
  knex: Knex,
  v: Viewer,
  id: number,
  reason: string,
): Promise<number> {
  const why = text(reason, 'reason', 2, 2000);
  return knex.transaction(async (trx) => {
    const r = await repo.lockRecognition(trx, id);
    if (!r || !canSeeRecognition(v, r))
      throw new UserInputProblem('NOT_FOUND', 'No such recognition decision.', 'id');
    if (v.orgId !== r.agencyId)
      throw new UserInputProblem(
        'NOT_RECOGNISER',
        'Only the recognising agency withdraws its decision.',
        'id',
      );
    if (!canWithdrawRecognition(v, r))
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        `A decision that is ${r.status} cannot be withdrawn.`,
        'id',
      );
    await repo.endRecognition(trx, id, 'WITHDRAWN', why);
    return id;
  });
}

// ---- consultations (会商) ----

const entry = (v: Viewer, type: string, t: string | null): repo.ConsultationLogEntry => ({
  at: new Date().toISOString(),
  type,
  actorId: v.orgId!,
  actorUser: user(v),
  text: t,
});

/** Either party opens a consultation on a decision in force, with its own position. */
export async function openConsultation(
  knex: Knex,
  v: Viewer,
  recognitionId: number,
  question: string,
  position: string,
): Promise<number> {
  const q = text(question, 'question', 2, 2000);
  const pos = text(position, 'position', 2, 4000);
  return knex.transaction(async (trx) => {
    const r = await repo.lockRecognition(trx, recognitionId);
    if (!r || !canSeeRecognition(v, r))
      throw new UserInputProblem('NOT_FOUND', 'No such recognition decision.', 'recognition');
    if (!isPartyTo(v, r))
      throw new UserInputProblem(
        'NOT_PARTY',
        'Only the recognising agency and the author of the result consult on a decision.',
        'recognition',
      );
    if (!canOpenConsultation(v, r))
      throw new UserInputProblem('ILLEGAL_TRANSITION', 'Consult only on a decision in force.', 'recognition');
    if (await repo.openConsultationOf(trx, r.dbId))
      throw new UserInputProblem(
        'CONSULTATION_OPEN',
        'A consultation on this decision is already under way.',
        'recognition',
      );
    const mine = v.orgId === r.agencyId;
    return repo.insertConsultation(trx, {
      recognition_id: r.dbId,
      recognising_agency_id: r.agencyId,
      author_agency_id: r.targetAgencyId,
      opened_by_id: v.orgId!,
      question: q,
      recognising_position: mine ? pos : null,
      author_position: mine ? null : pos,
      log: [entry(v, 'OPENED', `${q}\n${pos}`)],
    });
  });
}

/** Locks the consultation, checks visibility and version, and lets `apply` decide the change. */
async function changeConsultation(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  apply: (
    c: repo.ConsultationRow,
    trx: Knex.Transaction,
  ) => Promise<{ set: Record<string, unknown>; type: string; text: string | null }>,
): Promise<number> {
  return knex.transaction(async (trx) => {
    const c = await repo.lockConsultation(trx, id);
    if (!c || !canSeeConsultation(v, c))
      throw new UserInputProblem('NOT_FOUND', 'No such consultation.', 'id');
    if (c.version !== version)
      throw new UserInputProblem(
        'CONFLICT',
        `The consultation changed since you read it (version ${c.version}, not ${version}); read it again.`,
        'version',
      );
    const { set, type, text: t } = await apply(c, trx);
    await repo.updateConsultation(trx, id, set, entry(v, type, t));
    return id;
  });
}

/** The other party states its position. */
export function respondConsultation(knex: Knex, v: Viewer, id: number, version: number, position: string) {
  const pos = text(position, 'position', 2, 4000);
  return changeConsultation(knex, v, id, version, async (c) => {
    if (!canRespond(v, c))
      throw new UserInputProblem(
        c.state === 'OPEN' ? 'NOT_PARTY' : 'ILLEGAL_TRANSITION',
        c.state === 'OPEN'
          ? 'Only the party whose position is missing answers.'
          : `A consultation that is ${c.state} takes no more positions.`,
        'id',
      );
    const col = v.orgId === c.recognisingAgencyId ? 'recognising_position' : 'author_position';
    return { set: { [col]: pos, state: 'ANSWERED' }, type: 'ANSWERED', text: pos };
  });
}

/** Either party escalates an unresolved consultation to the district government (区政府). */
export function escalateConsultation(
  knex: Knex,
  v: Viewer,
  id: number,
  version: number,
  reason: string,
  toId: number | null,
) {
  const why = text(reason, 'reason', 2, 2000);
  return changeConsultation(knex, v, id, version, async (c, trx) => {
    if (!canEscalate(v, c))
      throw new UserInputProblem(
        c.state === 'ESCALATED' || c.state === 'CONCLUDED' ? 'ILLEGAL_TRANSITION' : 'NOT_PARTY',
        c.state === 'ESCALATED' || c.state === 'CONCLUDED'
          ? `A consultation that is ${c.state} cannot be escalated.`
          : 'Only a party escalates a consultation.',
        'id',
      );
    const leaders = await repo.leadershipOrgIds(trx);
    const to = toId ?? (leaders.length === 1 ? leaders[0]! : null);
    if (to == null)
      throw new UserInputProblem('REQUIRED', 'Name the district government office to escalate to.', 'to');
    if (!leaders.includes(to))
      throw new UserInputProblem('NOT_FOUND', 'Escalate to the district government (区政府).', 'to');
    return {
      set: { state: 'ESCALATED', escalated_to_id: to, escalation_reason: why, escalated_at: new Date() },
      type: 'ESCALATED',
      text: why,
    };
  });
}

/** The parties (once both positions are stated) or, once escalated, the district government conclude. */
export function concludeConsultation(knex: Knex, v: Viewer, id: number, version: number, outcome: string) {
  const out = text(outcome, 'outcome', 2, 4000);
  return changeConsultation(knex, v, id, version, async (c) => {
    if (!canConclude(v, c)) {
      if (c.state === 'ESCALATED')
        throw new UserInputProblem('NOT_ARBITER', 'Once escalated, the district government concludes.', 'id');
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        c.state === 'OPEN'
          ? 'Both agencies state their positions before the consultation concludes.'
          : `A consultation that is ${c.state} cannot be concluded.`,
        'id',
      );
    }
    return {
      set: { state: 'CONCLUDED', outcome: out, concluded_by_id: v.orgId, concluded_at: new Date() },
      type: 'CONCLUDED',
      text: out,
    };
  });
}
