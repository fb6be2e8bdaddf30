import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import { findingsByIds, type FindingRow } from './finding.repo.js';

export const findingLoaders = (knex: Knex) => ({
  /** Unscoped: callers check canSeeFindingRow. */
  finding: byId<FindingRow>((ids) => findingsByIds(knex, ids)),
});
