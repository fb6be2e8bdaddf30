/** From the API's review filter to the repository's query: validation and id decoding. */
import { badInput } from '../../shared/errors.js';
import { dbIds } from '../../shared/ids.js';
import { connectionTypes } from '../../shared/relay.js';
import type { ReviewQuery } from './review.repo.js';
import { ReviewFilter, ReviewObject } from './review.types.js';

export const ReviewConnection = connectionTypes(ReviewObject, 'Review', '评价/审计');

export function toReviewQuery(f: ReviewFilter | null | undefined): ReviewQuery {
  if (!f) return {};
  for (const y of f.fiscalYears ?? [])
    if (y < 1990 || y > 2100) throw badInput(`fiscal year ${y} is out of range`, 'fiscalYears');
  return {
    sources: f.sources,
    fiscalYears: f.fiscalYears,
    unitIds: dbIds(f.units, 'Organization', 'units'),
    projectIds: dbIds(f.projects, 'Project', 'projects'),
    grades: f.grades,
  };
}
