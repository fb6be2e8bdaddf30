import type { Knex } from 'knex';
import { byParent } from '../../shared/dataloader.js';
import { revisionsByFindingIds } from './publishing.repo.js';

export const publishingLoaders = (knex: Knex) => ({
  /** Revisions of findings, oldest first. */
  findingRevisions: byParent(
    (ids) => revisionsByFindingIds(knex, ids),
    (r) => r.findingId,
  ),
});
