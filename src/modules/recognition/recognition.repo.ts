/**
 * SQL of mutual recognition (结果互认): recognition decisions (采信登记) and consultations (会商) —
 * rows and their mapping, the scoped lists, the per-request batches, and the writes of the workflow
 * (the service opens the transaction and passes `trx`).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import type { FindingSource } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import { consultationScope, recognitionScope } from '../../policy/recognition.js';
import type {
  ConsultationState,
  RecognitionDecision,
  RecognitionScopeItem,
  RecognitionStatus,
} from './recognition.entity.js';

// ---- recognition decisions ----

/** A decision as the API reads it. */
export interface RecognitionRow {
  __typename: 'Recognition';
  id: string;
  dbId: number;
  agencyId: number;
  agencySource: FindingSource;
  targetKey: string;
  reviewId: number | null;
  findingId: number | null;
  targetAgencyId: number;
  decision: RecognitionDecision;
  scope: RecognitionScopeItem[];
  scopeFindingIds: number[];
  reason: string | null;
  documentRef: string;
  validFrom: string | null;
  validUntil: string | null;
  status: RecognitionStatus;
  supersedesId: number | null;
  decidedBy: string;
  createdAt: Date;
  endedAt: Date | null;
  withdrawReason: string | null;
}

const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export function mapRecognition(r: Record<string, unknown>): RecognitionRow {
  return {
    __typename: 'Recognition',
    id: toGlobalId('Recognition', r.id as number),
    dbId: r.id as number,
    agencyId: r.agency_id as number,
    agencySource: r.agency_source as FindingSource,
    targetKey: r.target_key as string,
    reviewId: (r.review_id as number | null) ?? null,
    findingId: (r.finding_id as number | null) ?? null,
    targetAgencyId: r.target_agency_id as number,
    decision: r.decision as RecognitionDecision,
    scope: (r.scope as RecognitionScopeItem[] | null) ?? [],
    scopeFindingIds: (r.scope_finding_ids as number[] | null) ?? [],
    reason: (r.reason as string | null) ?? null,
    documentRef: r.document_ref as string,
    validFrom: day(r.valid_from),
    validUntil: day(r.valid_until),
    status: r.status as RecognitionStatus,
    supersedesId: (r.supersedes_id as number | null) ?? null,
    decidedBy: r.decided_by as string,
    createdAt: toDate(r.created_at),
    endedAt: toDateOrNull(r.ended_at),
    withdrawReason: (r.withdraw_reason as string | null) ?? null,
  };
}

export async function recognitionsByIds(knex: Knex, ids: readonly number[]): Promise<RecognitionRow[]> {
  return (
    (await knex('recognition')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapRecognition);
}

/** Every decision of the (agency, target) pairs, oldest first, per key "agencyId|targetKey". */
export async function historiesByKeys(knex: Knex, keys: readonly string[]): Promise<RecognitionRow[][]> {
  const pairs = keys.map((k) => {
    const i = k.indexOf('|');
    return [Number(k.slice(0, i)), k.slice(i + 1)] as const;
  });
  const rows = (
    (await knex('recognition')
      .select('*')
      .whereIn(['agency_id', 'target_key'], pairs as unknown as [number, string][])
      .orderBy('id')) as Record<string, unknown>[]
  ).map(mapRecognition);
  return keys.map((k) => rows.filter((r) => `${r.agencyId}|${r.targetKey}` === k));
}

/** The decision that replaced each one, per id (null where none did). */
export async function successorsByIds(
  knex: Knex,
  ids: readonly number[],
): Promise<(RecognitionRow | null)[]> {
  const rows = (
    (await knex('recognition')
      .select('*')
      .whereIn('supersedes_id', ids as number[])) as Record<string, unknown>[]
  ).map(mapRecognition);
  return ids.map((id) => rows.find((r) => r.supersedesId === id) ?? null);
}

/** Current decisions on each target key ('R:<id>' / 'F:<id>'), oldest first. */
export async function currentByTargetKeys(knex: Knex, keys: readonly string[]): Promise<RecognitionRow[][]> {
  const rows = (
    (await knex('recognition')
      .select('*')
      .whereIn('target_key', keys as string[])
      .where('status', 'CURRENT')
      .orderBy('id')) as Record<string, unknown>[]
  ).map(mapRecognition);
  return keys.map((k) => rows.filter((r) => r.targetKey === k));
}

/** Conditions of the register's list, with database ids. */
export interface RecognitionFilter {
  targetKeys?: string[] | null;
  agencyIds?: number[] | null;
  targetAgencyIds?: number[] | null;
  decisions?: RecognitionDecision[] | null;
  /** Default: CURRENT only. */
  statuses?: RecognitionStatus[] | null;
  /** Only decisions whose validity period includes this date. */
  inEffectOn?: string | null;
}

/** A page of the decisions the viewer may see, newest first. */
export function recognitionsPage(
  knex: Knex,
  v: Viewer,
  f: RecognitionFilter,
  page: PageArgs,
): Promise<Connection<RecognitionRow>> {
  const b = knex('recognition as r');
  const scope = recognitionScope(v, 'r');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  b.whereIn('r.status', f.statuses?.length ? f.statuses : ['CURRENT']);
  if (f.targetKeys) b.whereIn('r.target_key', f.targetKeys);
  if (f.agencyIds) b.whereIn('r.agency_id', f.agencyIds);
  if (f.targetAgencyIds) b.whereIn('r.target_agency_id', f.targetAgencyIds);
  if (f.decisions?.length) b.whereIn('r.decision', f.decisions);
  if (f.inEffectOn) {
    b.where('r.status', 'CURRENT')
      .whereNot('r.decision', 'NOT_RECOGNISED')
      .whereRaw('coalesce(r.valid_from, ?::date) <= ?::date', [f.inEffectOn, f.inEffectOn])
      .whereRaw('coalesce(r.valid_until, ?::date) >= ?::date', [f.inEffectOn, f.inEffectOn]);
  }
  return paginate(
    knex,
    b.clone().select('r.*'),
    page,
    { expr: 'r.id', desc: true, cast: 'int' },
    mapRecognition,
    countOf(b),
    'r.id',
  );
}

// ---- the recording workflow (inside the service's transaction) ----

/** What a decision needs of its target, review or finding. */
export interface TargetRecord {
  kind: 'R' | 'F';
  id: number;
  __typename: string;
  dbId: number;
  source: FindingSource;
  category?: string;
  agencyId: number;
  unitId: number;
  sensitivity: import('../../shared/enums.js').Sensitivity;
  publicationState: import('../../shared/enums.js').PublicationState;
  amountDisclosed?: boolean;
  evaluatorId: number | null;
}

/** The target row (review or finding) with what the policy reads of it, shared-locked. */
export async function lockTarget(trx: Knex, kind: 'R' | 'F', id: number): Promise<TargetRecord | null> {
  if (kind === 'R') {
    const r = (await trx('review')
      .select('id', 'source', 'agency_id', 'unit_id', 'sensitivity', 'publication_state', 'evaluator_id')
      .where({ id })
      .forShare()
      .first()) as Record<string, unknown> | undefined;
    if (!r) return null;
    return {
      kind,
      id,
      __typename: 'Review',
      dbId: id,
      source: r.source as FindingSource,
      agencyId: r.agency_id as number,
      unitId: r.unit_id as number,
      sensitivity: r.sensitivity as TargetRecord['sensitivity'],
      publicationState: r.publication_state as TargetRecord['publicationState'],
      evaluatorId: (r.evaluator_id as number | null) ?? null,
    };
  }
  const f = (await trx('finding as f')
    .leftJoin('review as rv', 'rv.id', 'f.review_id')
    .select(
      'f.id',
      'f.source',
      'f.category',
      'f.agency_id',
      'f.unit_id',
      'f.sensitivity',
      'f.publication_state',
      'f.amount_disclosed',
      'rv.evaluator_id',
    )
    .where('f.id', id)
    .forShare('f')
    .first()) as Record<string, unknown> | undefined;
  if (!f) return null;
  return {
    kind,
    id,
    __typename: 'Finding',
    dbId: id,
    source: f.source as FindingSource,
    category: f.category as string,
    agencyId: f.agency_id as number,
    unitId: f.unit_id as number,
    sensitivity: f.sensitivity as TargetRecord['sensitivity'],
    publicationState: f.publication_state as TargetRecord['publicationState'],
    amountDisclosed: f.amount_disclosed as boolean,
    evaluatorId: (f.evaluator_id as number | null) ?? null,
  };
}

/** Those of the ids that are findings of the review. */
export async function findingIdsOfReview(
  trx: Knex,
  reviewId: number,
  ids: readonly number[],
): Promise<number[]> {
  return (
    (await trx('finding')
      .select('id')
      .where('review_id', reviewId)
      .whereIn('id', ids as number[])) as { id: number }[]
  ).map((r) => r.id);
}

/**
 * Serialises decisions of one agency on one target until the transaction ends (two first decisions
 * at once would otherwise both find no current one).
 */
export async function lockAgencyTarget(trx: Knex, agencyId: number, targetKey: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [agencyId, `recognition:${targetKey}`]);
}

/** The agency's current decision on the target, locked. */
export async function lockCurrent(
  trx: Knex,
  agencyId: number,
  targetKey: string,
): Promise<RecognitionRow | null> {
  const r = (await trx('recognition')
    .select('*')
    .where({ agency_id: agencyId, target_key: targetKey, status: 'CURRENT' })
    .forUpdate()
    .first()) as Record<string, unknown> | undefined;
  return r ? mapRecognition(r) : null;
}

export async function lockRecognition(trx: Knex, id: number): Promise<RecognitionRow | null> {
  const r = (await trx('recognition').select('*').where({ id }).forUpdate().first()) as
    Record<string, unknown> | undefined;
  return r ? mapRecognition(r) : null;
}

/** Ends a decision: superseded by a later one, or withdrawn. */
export async function endRecognition(
  trx: Knex,
  id: number,
  status: 'SUPERSEDED' | 'WITHDRAWN',
  withdrawReason: string | null,
): Promise<void> {
  await trx('recognition')
    .where({ id })
    .update({
      status,
      ended_at: new Date(),
      withdraw_reason: withdrawReason,
      updated_at: new Date(),
      version: trx.raw('version + 1'),
    });
}

export async function insertRecognition(
  trx: Knex,
  row: {
    agency_id: number;
    agency_source: FindingSource;
    target_key: string;
    review_id: number | null;
    finding_id: number | null;
    target_agency_id: number;
    decision: RecognitionDecision;
    scope: RecognitionScopeItem[] | null;
    scope_finding_ids: number[] | null;
    reason: string | null;
    document_ref: string;
    valid_from: string | null;
    valid_until: string | null;
    supersedes_id: number | null;
    decided_by: string;
  },
): Promise<number> {
  const [out] = (await trx('recognition')
    .insert({
      ...row,
      scope: row.scope ? JSON.stringify(row.scope) : null,
      scope_finding_ids: row.scope_finding_ids ? JSON.stringify(row.scope_finding_ids) : null,
      status: 'CURRENT',
    })
    .returning('id')) as { id: number }[];
  return out!.id;
}

// ---- consultations (会商) ----

export interface ConsultationRow {
  __typename: 'Consultation';
  id: string;
  dbId: number;
  recognitionId: number;
  recognisingAgencyId: number;
  authorAgencyId: number;
  openedById: number;
  question: string;
  recognisingPosition: string | null;
  authorPosition: string | null;
  state: ConsultationState;
  escalatedToId: number | null;
  escalationReason: string | null;
  escalatedAt: Date | null;
  outcome: string | null;
  concludedById: number | null;
  concludedAt: Date | null;
  log: ConsultationLogEntry[];
  createdAt: Date;
  version: number;
}

/** One step of a consultation, as kept in its log. */
export interface ConsultationLogEntry {
  at: string;
  type: string;
  actorId: number;
  actorUser: string;
  text: string | null;
}

export function mapConsultation(r: Record<string, unknown>): ConsultationRow {
  return {
    __typename: 'Consultation',
    id: toGlobalId('Consultation', r.id as number),
    dbId: r.id as number,
    recognitionId: r.recognition_id as number,
    recognisingAgencyId: r.recognising_agency_id as number,
    authorAgencyId: r.author_agency_id as number,
    openedById: r.opened_by_id as number,
    question: r.question as string,
    recognisingPosition: (r.recognising_position as string | null) ?? null,
    authorPosition: (r.author_position as string | null) ?? null,
    state: r.state as ConsultationState,
    escalatedToId: (r.escalated_to_id as number | null) ?? null,
    escalationReason: (r.escalation_reason as string | null) ?? null,
    escalatedAt: toDateOrNull(r.escalated_at),
    outcome: (r.outcome as string | null) ?? null,
    concludedById: (r.concluded_by_id as number | null) ?? null,
    concludedAt: toDateOrNull(r.concluded_at),
    log: (r.log as ConsultationLogEntry[]) ?? [],
    createdAt: toDate(r.created_at),
    version: r.version as number,
  };
}

export async function consultationsByIds(knex: Knex, ids: readonly number[]): Promise<ConsultationRow[]> {
  return (
    (await knex('consultation')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapConsultation);
}

/** Consultations of each decision, oldest first. */
export async function consultationsByRecognitionIds(
  knex: Knex,
  ids: readonly number[],
): Promise<ConsultationRow[][]> {
  const rows = (
    (await knex('consultation')
      .select('*')
      .whereIn('recognition_id', ids as number[])
      .orderBy('id')) as Record<string, unknown>[]
  ).map(mapConsultation);
  return ids.map((id) => rows.filter((r) => r.recognitionId === id));
}

/** A page of the consultations the viewer may see, newest first. */
export function consultationsPage(
  knex: Knex,
  v: Viewer,
  states: ConsultationState[] | null | undefined,
  page: PageArgs,
): Promise<Connection<ConsultationRow>> {
  const b = knex('consultation as c');
  const scope = consultationScope(v, 'c');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  if (states?.length) b.whereIn('c.state', states);
  return paginate(
    knex,
    b.clone().select('c.*'),
    page,
    { expr: 'c.id', desc: true, cast: 'int' },
    mapConsultation,
    countOf(b),
    'c.id',
  );
}

export async function lockConsultation(trx: Knex, id: number): Promise<ConsultationRow | null> {
  const r = (await trx('consultation').select('*').where({ id }).forUpdate().first()) as
    Record<string, unknown> | undefined;
  return r ? mapConsultation(r) : null;
}

/** The unconcluded consultation of a decision, if any. */
export async function openConsultationOf(trx: Knex, recognitionId: number): Promise<number | null> {
  const r = (await trx('consultation')
    .select('id')
    .where('recognition_id', recognitionId)
    .whereNot('state', 'CONCLUDED')
    .first()) as { id: number } | undefined;
  return r?.id ?? null;
}

export async function insertConsultation(
  trx: Knex,
  row: {
    recognition_id: number;
    recognising_agency_id: number;
    author_agency_id: number;
    opened_by_id: number;
    question: string;
    recognising_position: string | null;
    author_position: string | null;
    log: ConsultationLogEntry[];
  },
): Promise<number> {
  const [out] = (await trx('consultation')
    .insert({ ...row, log: JSON.stringify(row.log), state: 'OPEN' })
    .returning('id')) as { id: number }[];
  return out!.id;
}

/** Writes the changed columns, appends one log entry and bumps the version. */
export async function updateConsultation(
  trx: Knex,
  id: number,
  set: Record<string, unknown>,
  entry: ConsultationLogEntry,
): Promise<void> {
  await trx('consultation')
    .where({ id })
    .update({
      ...set,
      log: trx.raw(`log || ?::jsonb`, [JSON.stringify([entry])]),
      updated_at: new Date(),
      version: trx.raw('version + 1'),
    });
}

/** Ids of the district-government organisations (LEADERSHIP). */
export async function leadershipOrgIds(trx: Knex): Promise<number[]> {
  return (
    (await trx('organization').select('id').where('kind', 'LEADERSHIP').orderBy('id')) as { id: number }[]
  ).map((r) => r.id);
}
