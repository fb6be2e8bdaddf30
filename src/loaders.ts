/**
 * Per-request DataLoaders: every relation a list resolves goes through one of these, so a page of
 * 100 findings with unit, project and review costs one query per relation, not one per row.
 * Built per request from the viewer; never shared between requests.
 */
import { toDate } from './shared/timestamps.js';
import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { Viewer } from './auth/viewer.js';
import { organizationsByIds, type OrganizationRow } from './modules/organization/organization.repo.js';
import {
  policiesByIds,
  projectsByIds,
  type PolicyRow,
  type ProjectRow,
} from './modules/project/project.repo.js';
import { reviewsByIds, type ReviewRow } from './modules/review/review.repo.js';
import { findingsByIds, type FindingRow } from './modules/finding/finding.repo.js';
import { accessRequestsByIds, type AccessRequestRow } from './modules/sharing/sharing.repo.js';

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

export function createLoaders(knex: Knex, _viewer: Viewer) {
  return {
    organization: byId<OrganizationRow>((ids) => organizationsByIds(knex, ids)),
    project: byId<ProjectRow>((ids) => projectsByIds(knex, ids)),
    policy: byId<PolicyRow>((ids) => policiesByIds(knex, ids)),
    /** Unscoped: callers check canSeeReviewRow. */
    review: byId<ReviewRow>((ids) => reviewsByIds(knex, ids)),
    /** Unscoped: callers check canSeeFindingRow. */
    finding: byId<FindingRow>((ids) => findingsByIds(knex, ids)),
    /** Unscoped: callers check canSeeAccessRequest. */
    accessRequest: byId<AccessRequestRow>((ids) => accessRequestsByIds(knex, ids)),
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
