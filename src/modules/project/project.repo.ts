import type { Knex } from 'knex';
import { FundType } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { paginate, type Connection, type ConnectionArgs } from '../../shared/relay.js';
import { likePattern } from '../../shared/sql.js';

export interface ProjectRow {
  __typename: 'Project';
  id: string;
  dbId: number;
  code: string;
  name: string;
  fundType: FundType;
  budgetAmount: string;
  ownerUnitId: number;
  startYear: number;
  endYear: number | null;
}

export interface PolicyRow {
  __typename: 'Policy';
  id: string;
  dbId: number;
  code: string;
  name: string;
  ownerUnitId: number | null;
  effectiveYear: number;
}

export const PROJECT_COLUMNS = [
  'p.id',
  'p.code',
  'p.name',
  'p.fund_type',
  'p.budget_amount',
  'p.owner_unit_id',
  'p.start_year',
  'p.end_year',
];

export function mapProject(r: Record<string, unknown>): ProjectRow {
  return {
    __typename: 'Project',
    id: toGlobalId('Project', r.id as number),
    dbId: r.id as number,
    code: r.code as string,
    name: r.name as string,
    fundType: r.fund_type as FundType,
    budgetAmount: r.budget_amount as string,
    ownerUnitId: r.owner_unit_id as number,
    startYear: r.start_year as number,
    endYear: (r.end_year as number | null) ?? null,
  };
}

export function mapPolicy(r: Record<string, unknown>): PolicyRow {
  return {
    __typename: 'Policy',
    id: toGlobalId('Policy', r.id as number),
    dbId: r.id as number,
    code: r.code as string,
    name: r.name as string,
    ownerUnitId: (r.owner_unit_id as number | null) ?? null,
    effectiveYear: r.effective_year as number,
  };
}

export async function projectsByIds(knex: Knex, ids: readonly number[]): Promise<ProjectRow[]> {
  const rows = await knex('project as p')
    .select(PROJECT_COLUMNS)
    .whereIn('p.id', ids as number[]);
  return rows.map(mapProject);
}

export async function policiesByIds(knex: Knex, ids: readonly number[]): Promise<PolicyRow[]> {
  const rows = await knex('policy')
    .select('*')
    .whereIn('id', ids as number[]);
  return rows.map(mapPolicy);
}

/** A page of projects by id, filtered by fund type, owner unit and name. */
export function listProjects(
  knex: Knex,
  f: { fundTypes?: FundType[] | null; ownerUnitId?: number | null; nameContains?: string | null },
  args: ConnectionArgs,
): Promise<Connection<ProjectRow>> {
  const b = knex('project as p');
  if (f.fundTypes?.length) b.whereIn('p.fund_type', f.fundTypes);
  if (f.ownerUnitId != null) b.where('p.owner_unit_id', f.ownerUnitId);
  if (f.nameContains) b.where('p.name', 'ilike', likePattern(f.nameContains.slice(0, 100)));
  return paginate(
    knex,
    b.clone().select(PROJECT_COLUMNS),
    args,
    { expr: 'p.id', desc: false, cast: 'int' },
    mapProject,
    async () => Number((await b.clone().count({ n: '*' }).first())!.n),
    'p.id',
  );
}
