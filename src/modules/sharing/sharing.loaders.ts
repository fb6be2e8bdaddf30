import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import { accessRequestsByIds, sharingEventsByRequestIds, type AccessRequestRow } from './sharing.repo.js';

/** Per-request loaders of access requests and their events. */
export const sharingLoaders = (knex: Knex) => ({
  /** Unscoped: callers check canSeeAccessRequest. */
  accessRequest: byId<AccessRequestRow>((ids) => accessRequestsByIds(knex, ids)),
  /** Events of access requests, oldest first. */
  sharingEvents: new DataLoader<number, Record<string, unknown>[]>((ids) =>
    sharingEventsByRequestIds(knex, ids),
  ),
});
