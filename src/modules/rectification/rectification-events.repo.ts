/**
 * SQL of the task timeline (`rectification_event`): appending an event with the change that caused it,
 * the events since a version (for commuting operations), approvals of a submission, and the batches
 * the request's loaders and the ledger read.
 */
import type { Knex } from 'knex';
import { toDate } from '../../shared/timestamps.js';
import { summarise } from './rectification.summary.js';

export interface EventRecord {
  type: string;
  payload: Record<string, unknown>;
}

/** Appends one event to a task's timeline. */
export async function appendEvent(
  trx: Knex,
  e: {
    taskId: number;
    type: string;
    actorId: number | null;
    actorUser: string;
    version: number;
    payload: Record<string, unknown>;
  },
) {
  await trx('rectification_event').insert({
    rectification_id: e.taskId,
    type: e.type,
    actor_id: e.actorId,
    actor_user: e.actorUser,
    version: e.version,
    payload: JSON.stringify(e.payload),
  });
}

/** Events of the task that produced versions after `version`. */
export async function eventsSince(trx: Knex, taskId: number, version: number): Promise<EventRecord[]> {
  return (await trx('rectification_event')
    .select('type', 'payload')
    .where('rectification_id', taskId)
    .where('version', '>', version)) as EventRecord[];
}

/** Agencies that approved the given submission of the task. */
export async function approvalsOf(db: Knex, taskId: number, submission: number): Promise<number[]> {
  const rows = (await db('rectification_event')
    .select('actor_id')
    .where({ rectification_id: taskId, type: 'APPROVED' })
    .whereRaw(`(payload->>'submission')::int = ?`, [submission])) as { actor_id: number }[];
  return [...new Set(rows.map((r) => r.actor_id))];
}

// ---- batches for the request's loaders ----

/** Agencies that approved a submission, per key "taskId:submissionNo", in the order of `keys`. */
export async function approvalsByKeys(knex: Knex, keys: readonly string[]): Promise<number[][]> {
  const ids = [...new Set(keys.map((k) => Number(k.split(':')[0])))];
  const rows = (await knex('rectification_event')
    .select('rectification_id', 'actor_id', knex.raw(`(payload->>'submission')::int as submission`))
    .where('type', 'APPROVED')
    .whereIn('rectification_id', ids)) as {
    rectification_id: number;
    actor_id: number;
    submission: number;
  }[];
  return keys.map((k) => {
    const [id, sub] = k.split(':').map(Number);
    return [
      ...new Set(
        rows.filter((r) => r.rectification_id === id && r.submission === sub).map((r) => r.actor_id),
      ),
    ];
  });
}

/** The breakdown keys of a report's `money` (整改金额构成), in the order ledgers list them. */
export const MONEY_KEYS = [
  'recovered',
  'returnedToChannel',
  'paidToTreasury',
  'accountsAdjusted',
  'revitalised',
] as const;
export type MoneyKey = (typeof MONEY_KEYS)[number];

export interface ReportStats {
  /** Sum of the reports' moneyRecovered (the total), exact yuan. */
  money: string;
  /** Per kind, exact yuan; `unclassified` is what reports gave as a total without a breakdown. */
  breakdown: Record<MoneyKey | 'unclassified', string>;
  progress: number | null;
}

const sumOf = (expr: string) => `coalesce(sum((${expr})::numeric), 0)::numeric(20,2)::text`;

/** Money rectified (sum of reports, exact, in total and by kind) and the latest reported percent, per task. */
export async function reportStatsByTaskIds(knex: Knex, taskIds: readonly number[]): Promise<ReportStats[]> {
  const rows = (await knex('rectification_event')
    .select(
      'rectification_id',
      knex.raw(`${sumOf(`payload->>'moneyRecovered'`)} as money`),
      ...MONEY_KEYS.map((k) => knex.raw(`${sumOf(`payload->'money'->>'${k}'`)} as "${k}"`)),
      knex.raw(
        `${sumOf(`case when payload->'money' is null then payload->>'moneyRecovered' end`)} as unclassified`,
      ),
      knex.raw(`(array_agg((payload->>'percent')::int order by id desc))[1] as progress`),
    )
    .where('type', 'REPORTED')
    .whereIn('rectification_id', taskIds as number[])
    .groupBy('rectification_id')) as (Record<MoneyKey | 'unclassified', string> & {
    rectification_id: number;
    money: string;
    progress: number | null;
  })[];
  const m = new Map(rows.map((r) => [r.rectification_id, r]));
  return taskIds.map((id) => {
    const r = m.get(id);
    const breakdown = Object.fromEntries(
      [...MONEY_KEYS, 'unclassified' as const].map((k) => [k, r?.[k] ?? '0.00']),
    ) as ReportStats['breakdown'];
    return { money: r?.money ?? '0.00', breakdown, progress: r?.progress ?? null };
  });
}

/** The timeline of each task, oldest first, as the API shows it. */
export async function timelinesByTaskIds(
  knex: Knex,
  taskIds: readonly number[],
): Promise<Record<string, unknown>[][]> {
  const rows = (await knex('rectification_event')
    .select('*')
    .whereIn('rectification_id', taskIds as number[])
    .orderBy('id')) as Record<string, unknown>[];
  return taskIds.map((id) =>
    rows
      .filter((r) => r.rectification_id === id)
      .map((r) => ({
        at: toDate(r.at),
        type: r.type,
        actorId: r.actor_id,
        actorUser: r.actor_user,
        version: r.version,
        summary: summarise(r.type as string, r.payload as Record<string, unknown>),
        detail: JSON.stringify(r.payload),
      })),
  );
}

/** Reports, submissions and verdicts of the tasks, oldest first (the ledger). */
export function ledgerEventsOf(knex: Knex, taskIds: readonly number[]) {
  return knex('rectification_event')
    .select('rectification_id', 'type', 'actor_id', 'payload', 'at')
    .whereIn('rectification_id', taskIds as number[])
    .whereIn('type', [
      'REPORTED',
      'SUBMITTED',
      'APPROVED',
      'PARTLY_RECTIFIED',
      'RETURNED',
      'ACCEPTED_LONG_TERM',
    ])
    .orderBy('id') as Promise<Record<string, unknown>[]>;
}
