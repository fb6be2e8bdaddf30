/** Every SQL statement of the intake module: units, aliases and projects to match, import profiles. */
import type { Knex } from 'knex';
import { OrganizationKind } from '../../shared/enums.js';

export interface MatchUnit {
  id: number;
  code: string;
  creditCode: string | null;
  name: string;
  shortName: string | null;
  aliases: string[];
}

/** Every budget unit with its aliases: a district has hundreds, a city a few thousand. */
export async function unitsForMatching(knex: Knex): Promise<MatchUnit[]> {
  const rows = (await knex('organization as o')
    .select(
      'o.id',
      'o.code',
      'o.credit_code',
      'o.name',
      'o.short_name',
      knex.raw(
        `coalesce((select array_agg(a.alias_key order by a.id) from organization_alias a where a.organization_id = o.id), '{}') as aliases`,
      ),
    )
    .where('o.kind', OrganizationKind.BUDGET_UNIT)
    .orderBy('o.id')) as {
    id: number;
    code: string;
    credit_code: string | null;
    name: string;
    short_name: string | null;
    aliases: string[];
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    creditCode: r.credit_code,
    name: r.name,
    shortName: r.short_name,
    aliases: r.aliases,
  }));
}

export interface MatchProject {
  id: number;
  code: string;
  name: string;
  ownerUnitId: number;
  /** Keys (nameKey) of the names agencies registered for it (项目别称). */
  aliases: string[];
}

/** Projects by code, by exact name, or of the given units (for normalised names and candidates). */
export async function projectsForMatching(
  knex: Knex,
  codes: readonly string[],
  names: readonly string[],
  unitIds: readonly number[],
): Promise<MatchProject[]> {
  if (!codes.length && !names.length) return [];
  const rows = (await knex('project as p')
    .select(
      'p.id',
      'p.code',
      'p.name',
      'p.owner_unit_id',
      knex.raw(
        `coalesce((select array_agg(a.alias_key order by a.id) from project_alias a where a.project_id = p.id), '{}') as aliases`,
      ),
    )
    .whereRaw('upper(p.code) = any(?::text[])', [codes as string[]])
    .orWhereIn('p.name', names as string[])
    .orWhereIn('p.owner_unit_id', unitIds as number[])) as {
    id: number;
    code: string;
    name: string;
    owner_unit_id: number;
    aliases: string[];
  }[];
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    ownerUnitId: p.owner_unit_id,
    aliases: p.aliases,
  }));
}

export interface ProjectRef {
  id: number;
  code: string;
  name: string;
  ownerUnitId: number;
}

export async function projectByCode(knex: Knex, code: string): Promise<ProjectRef | null> {
  const r = (await knex('project')
    .select('id', 'code', 'name', 'owner_unit_id')
    .whereRaw('upper(code) = ?', [code])
    .first()) as { id: number; code: string; name: string; owner_unit_id: number } | undefined;
  return r ? { id: r.id, code: r.code, name: r.name, ownerUnitId: r.owner_unit_id } : null;
}

/** The unit's projects with their alias keys (the scope in which an alias must be unambiguous). */
export async function projectsOfUnit(knex: Knex, unitId: number): Promise<MatchProject[]> {
  const rows = (await knex('project as p')
    .select(
      'p.id',
      'p.code',
      'p.name',
      knex.raw(
        `coalesce((select array_agg(a.alias_key order by a.id) from project_alias a where a.project_id = p.id), '{}') as aliases`,
      ),
    )
    .where('p.owner_unit_id', unitId)) as { id: number; code: string; name: string; aliases: string[] }[];
  return rows.map((p) => ({ ...p, ownerUnitId: unitId }));
}

export interface ProjectAliasRow {
  projectId: number;
  alias: string;
  aliasKey: string;
  createdAt: Date;
}

/** Inserts a project alias unless the unit already has the key; returns the row holding it. */
export async function insertProjectAlias(
  trx: Knex.Transaction,
  row: {
    projectId: number;
    unitId: number;
    alias: string;
    aliasKey: string;
    createdById: number;
    createdByUser: string;
  },
): Promise<ProjectAliasRow> {
  await trx('project_alias')
    .insert({
      project_id: row.projectId,
      unit_id: row.unitId,
      alias: row.alias,
      alias_key: row.aliasKey,
      created_by_id: row.createdById,
      created_by_user: row.createdByUser,
    })
    .onConflict(['unit_id', 'alias_key'])
    .ignore();
  const r = (await trx('project_alias')
    .where({ unit_id: row.unitId, alias_key: row.aliasKey })
    .first()) as Record<string, unknown>;
  return {
    projectId: r.project_id as number,
    alias: r.alias as string,
    aliasKey: r.alias_key as string,
    createdAt: r.created_at as Date,
  };
}

export async function budgetUnitByCode(
  knex: Knex,
  code: string,
): Promise<{ id: number; code: string; name: string } | null> {
  return (
    ((await knex('organization')
      .select('id', 'code', 'name')
      .where('kind', OrganizationKind.BUDGET_UNIT)
      .andWhere((w) => w.whereRaw('upper(code) = ?', [code]).orWhere('credit_code', code))
      .first()) as { id: number; code: string; name: string } | undefined) ?? null
  );
}

export interface AliasRow {
  id: number;
  organizationId: number;
  alias: string;
  aliasKey: string;
  createdById: number;
  createdByUser: string;
  createdAt: Date;
}

/** Serialises alias registrations until the transaction ends (the collision check and the insert are one decision). */
export async function lockAliasRegistry(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', ['organization_alias']);
}

/** Inserts an alias unless its key is taken; returns the row holding the key (new or existing). */
export async function insertAlias(
  trx: Knex.Transaction,
  row: {
    organizationId: number;
    alias: string;
    aliasKey: string;
    createdById: number;
    createdByUser: string;
  },
): Promise<AliasRow> {
  await trx('organization_alias')
    .insert({
      organization_id: row.organizationId,
      alias: row.alias,
      alias_key: row.aliasKey,
      created_by_id: row.createdById,
      created_by_user: row.createdByUser,
    })
    .onConflict('alias_key')
    .ignore();
  const r = (await trx('organization_alias').where('alias_key', row.aliasKey).first()) as Record<
    string,
    unknown
  >;
  return aliasOf(r);
}

function aliasOf(r: Record<string, unknown>): AliasRow {
  return {
    id: r.id as number,
    organizationId: r.organization_id as number,
    alias: r.alias as string,
    aliasKey: r.alias_key as string,
    createdById: r.created_by_id as number,
    createdByUser: r.created_by_user as string,
    createdAt: r.created_at as Date,
  };
}

export async function aliasesOfUnits(knex: Knex, unitIds: readonly number[]): Promise<AliasRow[]> {
  const rows = (await knex('organization_alias')
    .whereIn('organization_id', unitIds as number[])
    .orderBy('id')) as Record<string, unknown>[];
  return rows.map(aliasOf);
}

export interface ProfileRow {
  id: number;
  agencyId: number;
  name: string;
  columns: Record<string, string>;
  amountUnit: string | null;
  defaultCategory: string | null;
  documentNumber: string | null;
  updatedAt: Date;
  updatedByUser: string;
  version: number;
}

function profileOf(r: Record<string, unknown>): ProfileRow {
  return {
    id: r.id as number,
    agencyId: r.agency_id as number,
    name: r.name as string,
    columns: r.columns as Record<string, string>,
    amountUnit: (r.amount_unit as string | null) ?? null,
    defaultCategory: (r.default_category as string | null) ?? null,
    documentNumber: (r.document_number as string | null) ?? null,
    updatedAt: r.updated_at as Date,
    updatedByUser: r.updated_by_user as string,
    version: r.version as number,
  };
}

export async function profileByName(knex: Knex, agencyId: number, name: string): Promise<ProfileRow | null> {
  const r = (await knex('import_profile').where({ agency_id: agencyId, name }).first()) as
    Record<string, unknown> | undefined;
  return r ? profileOf(r) : null;
}

export async function profilesOfAgency(knex: Knex, agencyId: number): Promise<ProfileRow[]> {
  const rows = (await knex('import_profile').where({ agency_id: agencyId }).orderBy('name')) as Record<
    string,
    unknown
  >[];
  return rows.map(profileOf);
}

/** Creates or replaces the agency's profile of that name (one statement: concurrent saves serialise on the key). */
export async function upsertProfile(
  knex: Knex,
  p: {
    agencyId: number;
    name: string;
    columns: Record<string, string>;
    amountUnit: string | null;
    defaultCategory: string | null;
    documentNumber: string | null;
    user: string;
  },
): Promise<ProfileRow> {
  const [r] = (await knex('import_profile')
    .insert({
      agency_id: p.agencyId,
      name: p.name,
      columns: JSON.stringify(p.columns),
      amount_unit: p.amountUnit,
      default_category: p.defaultCategory,
      document_number: p.documentNumber,
      updated_by_user: p.user,
    })
    .onConflict(['agency_id', 'name'])
    .merge({
      columns: JSON.stringify(p.columns),
      amount_unit: p.amountUnit,
      default_category: p.defaultCategory,
      document_number: p.documentNumber,
      updated_by_user: p.user,
      updated_at: knex.fn.now(),
      version: knex.raw('import_profile.version + 1'),
    })
    .returning('*')) as Record<string, unknown>[];
  return profileOf(r!);
}

/** Third parties (评价机构) with their names, for matching an evaluation ledger's 评价机构. */
export async function thirdParties(
  knex: Knex,
): Promise<{ id: number; code: string; name: string; shortName: string | null }[]> {
  const rows = (await knex('organization')
    .select('id', 'code', 'name', 'short_name')
    .where('kind', OrganizationKind.THIRD_PARTY)
    .orderBy('id')) as { id: number; code: string; name: string; short_name: string | null }[];
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, shortName: r.short_name }));
}
