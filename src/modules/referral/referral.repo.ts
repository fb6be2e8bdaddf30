/** Every SQL statement of clue referrals (问题线索移送). */
import type { Knex } from 'knex';
import { updateAtVersion } from '../../db/versioned.js';
import { OrganizationKind } from '../../shared/enums.js';
import type { ReferralStatus } from './referral.entity.js';

export interface ReferralRow {
  id: number;
  referrerId: number;
  commissionId: number;
  documentNumber: string;
  referredOn: string;
  facts: string;
  status: ReferralStatus;
  feedback: string | null;
  statusUpdatedAt: Date | null;
  handlingNotes: string | null;
  version: number;
  createdAt: Date;
  findingIds: number[];
}

const COLUMNS = [
  'r.id',
  'r.referrer_id',
  'r.commission_id',
  'r.document_number',
  'r.referred_on',
  'r.facts',
  'r.status',
  'r.feedback',
  'r.status_updated_at',
  'r.handling_notes',
  'r.version',
  'r.created_at',
];

function mapRow(r: Record<string, unknown>): ReferralRow {
  const on = r.referred_on;
  return {
    id: r.id as number,
    referrerId: r.referrer_id as number,
    commissionId: r.commission_id as number,
    documentNumber: r.document_number as string,
    referredOn: on instanceof Date ? on.toISOString().slice(0, 10) : String(on).slice(0, 10),
    facts: r.facts as string,
    status: r.status as ReferralStatus,
    feedback: (r.feedback as string | null) ?? null,
    statusUpdatedAt: (r.status_updated_at as Date | null) ?? null,
    handlingNotes: (r.handling_notes as string | null) ?? null,
    version: r.version as number,
    createdAt: r.created_at as Date,
    findingIds: ((r.finding_ids as number[] | null) ?? []).slice().sort((a, b) => a - b),
  };
}

const withFindings = (knex: Knex) =>
  knex.raw(
    `coalesce((select array_agg(f.finding_id) from clue_referral_finding f where f.referral_id = r.id), '{}') as finding_ids`,
  );

/** Referrals in scope (null = all, a number = that referrer's), newest first. */
export async function listReferrals(
  knex: Knex,
  scope: number | null,
  opts: { status?: ReferralStatus | null; limit: number },
): Promise<ReferralRow[]> {
  const q = knex('clue_referral as r')
    .select([...COLUMNS, withFindings(knex)])
    .orderBy('r.id', 'desc')
    .limit(opts.limit);
  if (scope !== null) q.where('r.referrer_id', scope);
  if (opts.status) q.where('r.status', opts.status);
  return ((await q) as Record<string, unknown>[]).map(mapRow);
}

export async function referralById(knex: Knex, id: number, lock = false): Promise<ReferralRow | null> {
  const q = knex('clue_referral as r')
    .select([...COLUMNS, withFindings(knex)])
    .where('r.id', id);
  if (lock) q.forUpdate();
  const r = (await q.first()) as Record<string, unknown> | undefined;
  return r ? mapRow(r) : null;
}

/** The discipline commission of the district: the oversight agency whose members act as DISCIPLINE. */
export async function commissionById(knex: Knex, id: number): Promise<{ id: number } | null> {
  return (
    ((await knex('organization')
      .select('id')
      .where({ id, kind: OrganizationKind.OVERSIGHT_AGENCY })
      .first()) as { id: number } | undefined) ?? null
  );
}

/** The findings among `ids` that `agencyId` published. */
export async function ownFindingIds(knex: Knex, agencyId: number, ids: readonly number[]): Promise<number[]> {
  return (await knex('finding')
    .whereIn('id', ids as number[])
    .andWhere('agency_id', agencyId)
    .pluck('id')) as number[];
}

export async function insertReferral(
  trx: Knex.Transaction,
  row: Record<string, unknown>,
  findingIds: readonly number[],
): Promise<number> {
  const [r] = (await trx('clue_referral').insert(row).returning('id')) as { id: number }[];
  await trx('clue_referral_finding').insert(findingIds.map((f) => ({ referral_id: r!.id, finding_id: f })));
  return r!.id;
}

/** Updates at the version read; 0 rows = someone changed it meanwhile. */
export async function updateReferralAtVersion(
  trx: Knex,
  id: number,
  version: number,
  set: Record<string, unknown>,
): Promise<number> {
  return updateAtVersion(trx, 'clue_referral', id, version, set);
}

export async function referralByDocument(
  knex: Knex,
  referrerId: number,
  documentNumber: string,
): Promise<{ id: number } | null> {
  return (
    ((await knex('clue_referral')
      .select('id')
      .where({ referrer_id: referrerId, document_number: documentNumber })
      .first()) as { id: number } | undefined) ?? null
  );
}
