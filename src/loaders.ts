/**
 * Per-request DataLoaders: every relation a list resolves goes through one of these, so a page of
 * 100 findings with unit, project and review costs one query per relation, not one per row.
 * Built per request from the viewer; never shared between requests.
 */
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
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
