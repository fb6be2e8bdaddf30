import type { Knex } from 'knex';
import { OrganizationKind } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { paginate, type Connection, type ConnectionArgs } from '../../shared/relay.js';
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
  args: ConnectionArgs,
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
    async () => Number((await b.clone().count({ n: '*' }).first())!.n),
    'o.id',
  );
}
