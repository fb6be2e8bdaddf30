/**
 * SQL of publishing: finding revisions (history), what an agency has published, and the writes of
 * the publishing workflows (findings, their revisions and change events). The change feed's reads
 * are in change-feed.repo.ts. Each function runs on the knex or transaction it is given; the
 * service opens the transactions.
 */
import type { Knex } from 'knex';
import type { FindingSource } from '../../shared/enums.js';
import { toDate } from '../../shared/timestamps.js';

export interface FindingRevisionRow {
  findingId: number;
  version: number;
  kind: string;
  at: Date;
  actorId: number;
  actorUser: string;
  reason: string | null;
  changes: Record<string, [unknown, unknown]>;
}

/** Revisions of these findings, oldest first. */
export async function revisionsByFindingIds(
  knex: Knex,
  ids: readonly number[],
): Promise<FindingRevisionRow[]> {
  const rows = (await knex('finding_revision')
    .select('*')
    .whereIn('finding_id', ids as number[])
    .orderBy('id')) as Record<string, unknown>[];
  return rows.map((r) => ({
    findingId: r.finding_id as number,
    version: r.version as number,
    kind: r.kind as string,
    at: toDate(r.at),
    actorId: r.actor_id as number,
    actorUser: r.actor_user as string,
    reason: r.reason as string | null,
    changes: r.changes as Record<string, [unknown, unknown]>,
  }));
}

/** The sources an organisation has published (findings or reviews), unordered. */
export async function publishedSourcesOf(knex: Knex, orgId: number): Promise<Set<FindingSource>> {
  const { rows } = (await knex.raw(
    'select source from finding where agency_id = ? union select source from review where agency_id = ?',
    [orgId, orgId],
  )) as { rows: { source: FindingSource }[] };
  return new Set(rows.map((r) => r.source));
}

/** A finding as stored (snake_case columns), for the workflows that compare and change it. */
export type StoredFinding = Record<string, unknown>;

/**
 * The agency's findings with these references, as stored. With `lock`, the rows are locked for
 * update: concurrent imports of the same references serialise here.
 */
export async function agencyFindingsByRefs(
  q: Knex,
  agencyId: number,
  refs: readonly string[],
  lock: boolean,
): Promise<StoredFinding[]> {
  const out: StoredFinding[] = [];
  for (let i = 0; i < refs.length; i += 1000) {
    const b = q('finding')
      .select('*')
      .where('agency_id', agencyId)
      .whereIn('source_ref', refs.slice(i, i + 1000) as string[]);
    if (lock) b.forUpdate();
    out.push(...((await b) as StoredFinding[]));
  }
  return out;
}

/** Inserts findings; their new ids by reference. */
export async function insertFindings(
  trx: Knex,
  rows: readonly Record<string, unknown>[],
): Promise<{ id: number; source_ref: string }[]> {
  return (await trx('finding')
    .insert(rows as Record<string, unknown>[])
    .returning(['id', 'source_ref'])) as { id: number; source_ref: string }[];
}

/** Updates a finding if it is still at `version`; the number of rows updated (0 or 1). */
export async function updateFindingAtVersion(
  trx: Knex,
  id: number,
  version: number,
  values: Record<string, unknown>,
): Promise<number> {
  return trx('finding').where({ id, version }).update(values);
}

/** One finding as stored, locked for update; null if there is none. */
export async function lockFinding(trx: Knex, id: number): Promise<StoredFinding | null> {
  return (
    ((await trx('finding').select('*').where({ id }).forUpdate().first()) as StoredFinding | undefined) ??
    null
  );
}

export async function updateFinding(trx: Knex, id: number, values: Record<string, unknown>): Promise<void> {
  await trx('finding').where({ id }).update(values);
}

/** A finding_revision row to append (changes as JSON text). */
export interface NewRevision {
  finding_id: number;
  version: number;
  kind: string;
  actor_id: number;
  actor_user: string;
  reason: string | null;
  changes: string;
}

/** A change_event row to append. */
export interface NewChangeEvent {
  kind: string;
  finding_id: number;
  version: number;
}

/** Appends revisions (history), in batches. */
export async function insertRevisions(trx: Knex, rows: readonly NewRevision[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx('finding_revision').insert(rows.slice(i, i + 1000));
}

/** Appends change-feed events, in batches. */
export async function insertChangeEvents(trx: Knex, rows: readonly NewChangeEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await trx('change_event').insert(rows.slice(i, i + 2000));
}
