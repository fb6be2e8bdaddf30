/**
 * Clue referral workflows: an agency refers (its own findings, the facts, the 移送函 number and date);
 * the commission returns a handling status with the feedback it chooses. Each one transaction.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { canRefer, isCommission } from '../../policy/referral.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { ReferralStatus } from './referral.entity.js';
import {
  commissionById,
  insertReferral,
  ownFindingIds,
  referralByDocument,
  referralById,
  updateReferralAtVersion,
} from './referral.repo.js';

const text = (v: string | null | undefined, field: string, min: number, max: number): string => {
  const t = (v ?? '').trim();
  if ([...t].length < min || [...t].length > max)
    throw new UserInputProblem('BAD_TEXT', `${field}: ${min}–${max} characters.`, field);
  return t;
};

export async function referClue(
  knex: Knex,
  v: Viewer,
  input: {
    commissionId: number;
    findingIds: number[];
    facts: string;
    documentNumber: string;
    referredOn: string;
  },
): Promise<number> {
  if (!canRefer(v))
    throw new UserInputProblem('FORBIDDEN', 'Audit, finance and development-reform agencies refer clues.');
  const facts = text(input.facts, 'facts', 10, 20000);
  const doc = text(input.documentNumber, 'documentNumber', 2, 200);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.referredOn) || Number.isNaN(Date.parse(input.referredOn)))
    throw new UserInputProblem('BAD_DATE', 'referredOn is a date, YYYY-MM-DD.', 'referredOn');
  if (!input.findingIds.length)
    throw new UserInputProblem('REQUIRED', 'Name at least one of your findings.', 'findings');
  if (!(await commissionById(knex, input.commissionId)))
    throw new UserInputProblem('NOT_FOUND', 'No such discipline commission.', 'commission');
  const own = await ownFindingIds(knex, v.orgId!, [...new Set(input.findingIds)]);
  if (own.length !== new Set(input.findingIds).size)
    throw new UserInputProblem('NOT_FOUND', 'Refer only findings your agency published.', 'findings');
  return knex.transaction(async (trx) => {
    if (await referralByDocument(trx, v.orgId!, doc))
      throw new UserInputProblem(
        'DUPLICATE',
        `A referral with document number ${doc} exists.`,
        'documentNumber',
      );
    return insertReferral(
      trx,
      {
        referrer_id: v.orgId,
        commission_id: input.commissionId,
        document_number: doc,
        referred_on: input.referredOn,
        facts,
        status: ReferralStatus.REFERRED,
        referred_by_user: v.userId ?? 'unknown',
      },
      own,
    );
  });
}

/** The commission returns a status and, if it chooses, feedback for the referrer; notes stay its own. */
export async function returnReferralStatus(
  knex: Knex,
  v: Viewer,
  input: {
    id: number;
    version: number;
    status: ReferralStatus;
    feedback?: string | null;
    handlingNotes?: string | null;
  },
): Promise<void> {
  if (!isCommission(v))
    throw new UserInputProblem('FORBIDDEN', 'Only the discipline commission returns a handling status.');
  await knex.transaction(async (trx) => {
    const r = await referralById(trx, input.id, true);
    if (!r || r.commissionId !== v.orgId) throw new UserInputProblem('NOT_FOUND', 'No such referral.', 'id');
    if (r.version !== input.version)
      throw new UserInputProblem('CONFLICT', 'The referral changed since you read it.', 'version');
    const set: Record<string, unknown> = { status: input.status, status_updated_at: new Date() };
    if (input.feedback !== undefined) set.feedback = input.feedback?.trim() || null;
    if (input.handlingNotes !== undefined) set.handling_notes = input.handlingNotes?.trim() || null;
    if ((await updateReferralAtVersion(trx, r.id, r.version, set)) !== 1)
      throw new UserInputProblem('CONFLICT', 'The referral changed since you read it.', 'version');
  });
}
