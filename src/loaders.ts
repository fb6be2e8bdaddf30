/**
 * Per-request DataLoaders: every relation a list resolves goes through one of these, so a page of
 * 100 findings with unit, project and review costs one query per relation, not one per row.
 * Built per request from the viewer; never shared between requests.
 */
import { toDate } from './shared/timestamps.js';
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Viewer } from './auth/viewer.js';
import { organizationLoaders } from './modules/organization/organization.loaders.js';
import { projectLoaders } from './modules/project/project.loaders.js';
import { reviewLoaders } from './modules/review/review.loaders.js';
import { findingLoaders } from './modules/finding/finding.loaders.js';
import { accessRequestsByIds, type AccessRequestRow } from './modules/sharing/index.js';
import { rectificationsByIds, summarise, type RectRow } from './modules/rectification/index.js';

function byId<T extends { dbId: number }>(fetch: (ids: readonly number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(
    async (ids) => {
      const rows = await fetch(ids);
      const m = new Map(rows.map((r) => [r.dbId, r]));
      return ids.map((id) => m.get(id) ?? null);
    },
    { maxBatchSize: 500 },
  );
}

/** Child ids per parent id, from a link table. */
function groupBy(knex: Knex, table: string, key: string, value: (r: Record<string, unknown>) => number) {
  return new DataLoader<number, number[]>(async (ids) => {
    const rows = (await knex(table)
      .select('*')
      .whereIn(key, ids as number[])) as Record<string, unknown>[];
    return ids.map((id) => rows.filter((r) => r[key] === id).map(value));
  });
}

export function createLoaders(knex: Knex, _viewer: Viewer) {
  return {
    ...organizationLoaders(knex),
    ...projectLoaders(knex),
    ...reviewLoaders(knex),
    ...findingLoaders(knex),
    /** Unscoped: callers check canSeeAccessRequest. */
    accessRequest: byId<AccessRequestRow>((ids) => accessRequestsByIds(knex, ids)),
    rectification: byId<RectRow>((ids) => rectificationsByIds(knex, ids)),
    rectSupervisors: groupBy(
      knex,
      'rectification_supervisor',
      'rectification_id',
      (r) => r.agency_id as number,
    ),
    rectFindings: groupBy(knex, 'rectification_finding', 'rectification_id', (r) => r.finding_id as number),
    /** Agencies that approved a submission, keyed "taskId:submissionNo". */
    rectApprovals: new DataLoader<string, number[]>(async (keys) => {
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
    }),
    /** Money recovered (sum of reports, exact) and the latest reported percent. */
    rectStats: new DataLoader<number, { money: string; progress: number | null }>(async (ids) => {
      const rows = (await knex('rectification_event')
        .select(
          'rectification_id',
          knex.raw(`coalesce(sum((payload->>'moneyRecovered')::numeric), 0)::numeric(20,2)::text as money`),
          knex.raw(`(array_agg((payload->>'percent')::int order by id desc))[1] as progress`),
        )
        .where('type', 'REPORTED')
        .whereIn('rectification_id', ids as number[])
        .groupBy('rectification_id')) as {
        rectification_id: number;
        money: string;
        progress: number | null;
      }[];
      const m = new Map(rows.map((r) => [r.rectification_id, r]));
      return ids.map((id) => ({ money: m.get(id)?.money ?? '0.00', progress: m.get(id)?.progress ?? null }));
    }),
    rectEvents: new DataLoader<number, Record<string, unknown>[]>(async (ids) => {
      const rows = (await knex('rectification_event')
        .select('*')
        .whereIn('rectification_id', ids as number[])
        .orderBy('id')) as Record<string, unknown>[];
      return ids.map((id) =>
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
    }),
    /** Revisions of findings, oldest first. */
    findingRevisions: new DataLoader<
      number,
      {
        version: number;
        kind: string;
        at: Date;
        actorId: number;
        actorUser: string;
        reason: string | null;
        changes: Record<string, [unknown, unknown]>;
      }[]
    >(async (ids) => {
      const rows = (await knex('finding_revision')
        .select('*')
        .whereIn('finding_id', ids as number[])
        .orderBy('id')) as Record<string, unknown>[];
      return ids.map((id) =>
        rows
          .filter((r) => r.finding_id === id)
          .map((r) => ({
            version: r.version as number,
            kind: r.kind as string,
            at: toDate(r.at),
            actorId: r.actor_id as number,
            actorUser: r.actor_user as string,
            reason: r.reason as string | null,
            changes: r.changes as Record<string, [unknown, unknown]>,
          })),
      );
    }),
    /** Events of access requests, oldest first. */
    sharingEvents: new DataLoader<number, Record<string, unknown>[]>(async (ids) => {
      const rows = (await knex('sharing_event')
        .select('*')
        .whereIn('request_id', ids as number[])
        .orderBy('id')) as Record<string, unknown>[];
      return ids.map((id) =>
        rows
          .filter((r) => r.request_id === id)
          .map((r) => ({
            at: toDate(r.at),
            actorId: r.actor_id,
            actorUser: r.actor_user,
            action: r.action,
            detail: JSON.stringify(r.payload),
          })),
      );
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
