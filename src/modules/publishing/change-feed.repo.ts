/**
 * SQL of the change feed (变更订阅): pages of change_event rows joined to their findings, limited to
 * what the viewer may see (the policy's row scope), and the events behind live notifications.
 * Positions are (tx, id) pairs as decimal text (bigints); the service turns them into cursors.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { toDate } from '../../shared/timestamps.js';
import { findingRowScope } from '../../policy/access.js';
import { mapFinding, type FindingRow } from '../finding/finding.repo.js';
import type { ChangeKind } from './publishing.entity.js';

/** A position in the feed: the event's transaction and id. */
export interface FeedPosition {
  tx: string;
  id: string;
}

export interface FeedEvent extends FeedPosition {
  at: Date;
  kind: ChangeKind;
  version: number;
}

/** Only transactions that finished before this snapshot began (see ChangeEvent.tx). */
const BEFORE_HORIZON = 'tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint';

/**
 * Events after `after` (from the start when null) whose findings the viewer may see, committed
 * before the snapshot horizon, oldest first; at most `limit`, each with its finding as it is now.
 */
export async function visibleChangesAfter(
  q: Knex,
  v: Viewer,
  after: FeedPosition | null,
  limit: number,
): Promise<(FeedEvent & { finding: FindingRow })[]> {
  const scope = findingRowScope(v, 'f');
  const b = q('change_event as ce')
    .join('finding as f', 'f.id', 'ce.finding_id')
    .select(
      'ce.id as ce_id',
      'ce.tx as ce_tx',
      'ce.at as ce_at',
      'ce.kind as ce_kind',
      'ce.version as ce_version',
      'f.*',
    )
    .whereRaw(`ce.${BEFORE_HORIZON}`)
    .orderBy([{ column: 'ce.tx' }, { column: 'ce.id' }])
    .limit(limit);
  if (after) b.whereRaw('(ce.tx, ce.id) > (?::bigint, ?::bigint)', [after.tx, after.id]);
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  const rows = (await b) as Record<string, unknown>[];
  return rows.map((r) => ({
    tx: String(r.ce_tx),
    id: String(r.ce_id),
    at: toDate(r.ce_at),
    kind: r.ce_kind as ChangeKind,
    version: r.ce_version as number,
    finding: mapFinding(r),
  }));
}

/** The last event of the feed (whoever may see it) committed before the snapshot horizon. */
export async function lastChangeBeforeHorizon(q: Knex): Promise<FeedPosition | null> {
  const top = (await q('change_event')
    .select('tx', 'id')
    .whereRaw(BEFORE_HORIZON)
    .orderBy([
      { column: 'tx', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first()) as { tx: string | number; id: string | number } | undefined;
  return top ? { tx: String(top.tx), id: String(top.id) } : null;
}

/** The events that produced these versions of these findings. */
export async function changeEventsOf(
  q: Knex,
  versions: readonly { findingId: number; version: number }[],
): Promise<(FeedEvent & { findingId: number })[]> {
  const rows = (await q('change_event')
    .select('id', 'tx', 'at', 'kind', 'finding_id', 'version')
    .whereIn(
      ['finding_id', 'version'],
      versions.map((x) => [x.findingId, x.version]),
    )) as Record<string, unknown>[];
  return rows.map((e) => ({
    tx: String(e.tx),
    id: String(e.id),
    at: toDate(e.at),
    kind: e.kind as ChangeKind,
    findingId: e.finding_id as number,
    version: e.version as number,
  }));
}
