/**
 * The change feed for partner systems (变更订阅): pages after a cursor (`changes(since:)`) and live
 * events (`findingChanged`), both limited to what the viewer may see. Cursors are opaque to clients:
 * base64url of "tx:id". The SQL is in change-feed.repo.ts.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { abortable } from '../../shared/abortable.js';
import { badInput } from '../../shared/errors.js';
import { canSeeFindingRow } from '../../policy/access.js';
import { loadSharingState } from '../../policy/sharing.js';
import { findingsByIds, type FindingRow } from '../finding/finding.repo.js';
import { changeBus } from './change-bus.js';
import {
  changeEventsOf,
  lastChangeBeforeHorizon,
  visibleChangesAfter,
  type FeedPosition,
} from './change-feed.repo.js';
import type { ChangeKind } from './publishing.entity.js';

function encodeSince(p: FeedPosition): string {
  return Buffer.from(`${p.tx}:${p.id}`).toString('base64url');
}
function decodeSince(s: string): FeedPosition {
  const m = /^(\d{1,19}):(\d{1,19})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  if (!m) throw badInput('"since" is not a cursor this hub gave out', 'since');
  return { tx: m[1]!, id: m[2]! };
}

const isAfter = (a: FeedPosition, b: FeedPosition) =>
  BigInt(a.tx) > BigInt(b.tx) || (a.tx === b.tx && BigInt(a.id) > BigInt(b.id));

export interface ChangeEventRow {
  cursor: string;
  at: Date;
  kind: ChangeKind;
  version: number;
  finding: FindingRow;
}

/**
 * Events after `since` that the viewer may see, oldest first. Only transactions that finished before
 * this read began are considered (see ChangeEvent.tx), so a later read never finds an event before
 * a cursor already given out.
 */
export async function readChanges(knex: Knex, viewer: Viewer, since: string | null, first: number) {
  return knex.transaction(
    async (trx) => {
      const rows = await visibleChangesAfter(trx, viewer, since ? decodeSince(since) : null, first + 1);
      const hasMore = rows.length > first;
      if (hasMore) rows.pop();
      let nextSince = since ?? encodeSince({ tx: '0', id: '0' });
      if (rows.length) nextSince = encodeSince(rows[rows.length - 1]!);
      if (!hasMore) {
        // advance past the events the viewer may not see, up to the same horizon
        const top = await lastChangeBeforeHorizon(trx);
        if (top && isAfter(top, decodeSince(nextSince))) nextSince = encodeSince(top);
      }
      const events: ChangeEventRow[] = rows.map((r) => ({
        cursor: encodeSince(r),
        at: r.at,
        kind: r.kind,
        version: r.version,
        finding: r.finding,
      }));
      return { events, nextSince, hasMore };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

/**
 * Per subscriber: reload each changed finding under the subscriber's own, current permissions. The
 * iterator's return() aborts the wait at once, so an unsubscribe never leaves a listener behind.
 */
export function liveChanges(knex: Knex, viewer: Viewer): AsyncIterableIterator<ChangeEventRow> {
  return abortable((signal) => changesFor(knex, viewer, signal));
}

async function* changesFor(knex: Knex, viewer: Viewer, signal: AbortSignal): AsyncGenerator<ChangeEventRow> {
  for await (const msg of changeBus.listen(signal)) {
    // approvals may have expired or been granted since the subscription began
    viewer.sharing = await loadSharingState(knex, viewer.orgId);
    const rows = await findingsByIds(knex, msg.ids);
    const visible = rows.filter((f) => canSeeFindingRow(viewer, f));
    if (!visible.length) continue;
    const evs = await changeEventsOf(
      knex,
      visible.map((f) => ({ findingId: f.dbId, version: f.version })),
    );
    const byKey = new Map(evs.map((e) => [`${e.findingId}:${e.version}`, e]));
    for (const f of visible) {
      const e = byKey.get(`${f.dbId}:${f.version}`);
      if (!e) continue;
      yield { cursor: encodeSince(e), at: e.at, kind: e.kind, version: f.version, finding: f };
    }
  }
}
