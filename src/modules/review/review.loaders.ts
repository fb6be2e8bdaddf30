import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import { reviewsByIds, type ReviewRow } from './review.repo.js';

export const reviewLoaders = (knex: Knex) => ({
  /** Unscoped: callers check canSeeReviewRow. */
  review: byId<ReviewRow>((ids) => reviewsByIds(knex, ids)),
});
