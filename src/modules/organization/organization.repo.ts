import type { Knex } from 'knex';
import { OrganizationKind } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { likePattern } from '../../shared/sql.js';

export interface OrganizationRow {
  __typename: 'Organization';
  id: string;
  dbId: number;
  kind: OrganizationKind;
  code: string;
  name: string;
  shortName: string | null;
  parentId: number | null;
}

export const ORG_COLUMNS = ['o.id', 'o.kind', 'o.code', 'o.name', 'o.short_name', 'o.parent_id'];

export function mapOrganization(r: Record<string, unknown>): OrganizationRow {
  return {
    __typename: 'Organization',
    id: toGlobalId('Organization', r.id as number),
    dbId: r.id as number,
    kind: r.kind as OrganizationKind,
    code: r.code as string,
    name: r.name as string,
    shortName: (r.short_name as string | null) ?? null,
    parentId: (r.parent_id as number | null) ?? null,
  };
}

/**
 * One organisation as a JSON object with the same keys as its row (for `mapOrganization`), for
 * statements that embed a to-one relation instead of loading it separately.
 */
export const organizationJsonSql = (a: string) =>
  `json_build_object('id', ${a}.id, 'kind', ${a}.kind, 'code', ${a}.code, 'name', ${a}.name, ` +
  `'short_name', ${a}.short_name, 'parent_id', ${a}.parent_id)`;

export async function organizationsByIds(knex: Knex, ids: readonly number[]): Promise<OrganizationRow[]> {
  const rows = await knex('organization as o')
    .select(ORG_COLUMNS)
    .whereIn('o.id', ids as number[]);
  return rows.map(mapOrganization);
}

/** Organisation ids by their codes (e.g. HC-U001), for inputs where people type codes. */
export async function organizationIdsByCodes(
  knex: Knex,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (!codes.length) return new Map();
  const rows = (await knex('organization')
    .select('id', 'code')
    .whereIn('code', codes as string[])) as { id: number; code: string }[];
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A page of organisations by id, filtered by kind and name. */
export function listOrganizations(
  knex: Knex,
  f: { kinds?: OrganizationKind[] | null; nameContains?: string | null } | null | undefined,
  args: PageArgs,
): Promise<Connection<OrganizationRow>> {
  const b = knex('organization as o');
  if (f?.kinds?.length) b.whereIn('o.kind', f.kinds);
  if (f?.nameContains) b.where('o.name', 'ilike', likePattern(f.nameContains.slice(0, 100)));
  return paginate(
    knex,
    b.clone().select(ORG_COLUMNS),
    args,
    { expr: 'o.id', desc: false, cast: 'int' },
    mapOrganization,
    countOf(b),
    'o.id',
  );
}

/** Id and kind of the organisation with this code (tokens name organisations by code). */
export async function organizationKindByCode(
  knex: Knex,
  code: string,
): Promise<{ id: number; kind: OrganizationKind } | null> {
  const row = (await knex('organization').select('id', 'kind').where({ code }).first()) as
    { id: number; kind: OrganizationKind } | undefined;
  return row ? { id: row.id, kind: row.kind } : null;
}

/** Code → name of the organisations with these codes that exist. */
export async function organizationNamesByCodes(
  knex: Knex,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = (await knex('organization')
    .select('code', 'name')
    .whereIn('code', codes as string[])) as { code: string; name: string }[];
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** How many organisations the hub knows: 0 means an empty database (no demo data yet). */
export async function countOrganizations(knex: Knex): Promise<number> {
  const { n } = (await knex('organization').count({ n: '*' }).first()) as { n: string };
  return Number(n);
}

export async function organizationByCode(knex: Knex, code: string): Promise<OrganizationRow | null> {
  const r = (await knex('organization as o').select(ORG_COLUMNS).where('o.code', code).first()) as
    Record<string, unknown> | undefined;
  return r ? mapOrganization(r) : null;
}

/** Oversight agencies by code, at most `limit` (the agencies a wrong code could have meant). */
export async function oversightAgencies(knex: Knex, limit: number): Promise<OrganizationRow[]> {
  const rows = (await knex('organization as o')
    .select(ORG_COLUMNS)
    .where('o.kind', OrganizationKind.OVERSIGHT_AGENCY)
    .orderBy('o.code')
    .limit(limit)) as Record<string, unknown>[];
  return rows.map(mapOrganization);
}

/** Budget units with one of these codes or one of these exact names (a ledger names units either way). */
export async function budgetUnitsByCodesOrNames(
  knex: Knex,
  codes: readonly string[],
  names: readonly string[],
): Promise<{ id: number; code: string; name: string }[]> {
  return (await knex('organization')
    .select('id', 'code', 'name')
    .where('kind', OrganizationKind.BUDGET_UNIT)
    .andWhere((w) => w.whereIn('code', codes as string[]).orWhereIn('name', names as string[]))) as {
    id: number;
    code: string;
    name: string;
  }[];
}
