import type { Knex } from 'knex';
import { OrganizationKind } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';

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
