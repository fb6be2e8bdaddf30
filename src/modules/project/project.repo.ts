import type { Knex } from 'knex';
import { FundType } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
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

/**
 * A project as a JSON object with the keys of its row (for `mapProject`; money as text, so it stays
 * exact), plus `extra` entries (key -> SQL expression), for statements that embed the relation.
 */
export function projectJsonSql(a: string, extra: Record<string, string> = {}): string {
  const more = Object.entries(extra)
    .map(([k, e]) => `, '${k}', ${e}`)
    .join('');
  return (
    `json_build_object('id', ${a}.id, 'code', ${a}.code, 'name', ${a}.name, 'fund_type', ${a}.fund_type, ` +
    `'budget_amount', ${a}.budget_amount::text, 'owner_unit_id', ${a}.owner_unit_id, ` +
    `'start_year', ${a}.start_year, 'end_year', ${a}.end_year${more})`
  );
}

/** A policy as a JSON object with the keys of its row (for `mapPolicy`). */
export const policyJsonSql = (a: string) =>
  `json_build_object('id', ${a}.id, 'code', ${a}.code, 'name', ${a}.name, ` +
  `'owner_unit_id', ${a}.owner_unit_id, 'effective_year', ${a}.effective_year)`;

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
  args: PageArgs,
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
    countOf(b),
    'p.id',
  );
}

/** Projects with one of these codes or one of these exact names (a ledger names projects either way). */
export async function projectsByCodesOrNames(
  knex: Knex,
  codes: readonly string[],
  names: readonly string[],
): Promise<{ id: number; code: string; name: string; ownerUnitId: number }[]> {
  const rows = (await knex('project')
    .select('id', 'code', 'name', 'owner_unit_id')
    .whereIn('code', codes as string[])
    .orWhereIn('name', names as string[])) as {
    id: number;
    code: string;
    name: string;
    owner_unit_id: number;
  }[];
  return rows.map((p) => ({ id: p.id, code: p.code, name: p.name, ownerUnitId: p.owner_unit_id }));
}
