/** From the API's finding filter and order to the repository's query: validation and id decoding. */
import { badInput } from '../../shared/errors.js';
import { dbIds } from '../../shared/ids.js';
import { connectionTypes } from '../../shared/relay.js';
import { FindingOrderField, type FindingQuery, type FindingRow } from './finding.repo.js';
import { FindingFilter, FindingInterface, FindingOrder, OrderDirection } from './finding.types.js';

export const FindingConnection = connectionTypes<FindingRow>(FindingInterface, 'Finding', '问题');

const MAX_SEARCH = 100;

/** Validates a filter from the API and turns ids into database ids. */
export function toFindingQuery(f: FindingFilter | null | undefined): FindingQuery {
  if (!f) return {};
  const years = [...(f.fiscalYears ?? []), f.fiscalYearFrom, f.fiscalYearTo].filter((y) => y != null);
  for (const y of years)
    if (y! < 1990 || y! > 2100) throw badInput(`fiscal year ${y} is out of range 1990-2100`, 'fiscalYears');
  let search = f.search?.trim() || null;
  if (search && search.length > MAX_SEARCH)
    throw badInput(`"search" is limited to ${MAX_SEARCH} characters`, 'search');
  if (f.amountMin != null && f.amountMax != null && Number(f.amountMin) > Number(f.amountMax)) {
    throw badInput('"amountMin" is greater than "amountMax"', 'amountMin');
  }
  return {
    sources: f.sources,
    fiscalYears: f.fiscalYears,
    fiscalYearFrom: f.fiscalYearFrom,
    fiscalYearTo: f.fiscalYearTo,
    unitIds: dbIds(f.units, 'Organization', 'units'),
    projectIds: dbIds(f.projects, 'Project', 'projects'),
    categories: f.categories,
    severities: f.severities,
    statuses: f.statuses,
    amountMin: f.amountMin,
    amountMax: f.amountMax,
    search,
    includeWithdrawn: f.includeWithdrawn,
    readable: f.readable,
  };
}

export function toOrder(o: FindingOrder | null | undefined) {
  return {
    field: o?.field ?? FindingOrderField.ID,
    desc: (o?.direction ?? OrderDirection.DESC) === OrderDirection.DESC,
  };
}
