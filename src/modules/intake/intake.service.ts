/** Workflows of ledger intake: registering a unit's alias, saving and loading import profiles. */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { assertCanRegisterAlias } from '../../policy/intake.js';
import { publisherOf } from '../../policy/publishing.js';
import { UserInputProblem } from '../../shared/user-error.js';
import {
  codeKey,
  nameKey,
  profileProblems,
  type AmountUnit,
  type LedgerField,
  type MappingProfile,
} from '../import/index.js';
import { unitKeys } from './matcher.js';
import {
  budgetUnitByCode,
  insertAlias,
  insertProjectAlias,
  projectByCode,
  projectsOfUnit,
  type ProjectAliasRow,
  lockAliasRegistry,
  profileByName,
  profilesOfAgency,
  unitsForMatching,
  upsertProfile,
  type AliasRow,
  type ProfileRow,
} from './intake.repo.js';

/**
 * Registers `alias` as another name of the unit `unitCode`, so that ledgers writing it so match.
 * Refused when the name already means another unit (its key is another unit's name, short name or
 * alias): the alias would make that name ambiguous. Registering the same alias twice is a no-op.
 */
export async function registerAlias(
  knex: Knex,
  v: Viewer,
  input: { alias: string; unitCode: string },
): Promise<AliasRow> {
  const me = assertCanRegisterAlias(v);
  const alias = input.alias.trim();
  const key = nameKey(alias);
  if ([...key].length < 2 || [...alias].length > 200)
    throw new UserInputProblem('BAD_ALIAS', 'An alias has 2 to 200 characters (别称为2至200字).', 'alias');
  const unit = await budgetUnitByCode(knex, codeKey(input.unitCode));
  if (!unit) throw new UserInputProblem('NOT_FOUND', 'No budget unit with this code.', 'unitCode');
  return knex.transaction(async (trx) => {
    // serialise alias registrations: the check below and the insert are one decision
    await lockAliasRegistry(trx);
    const holders = (await unitsForMatching(trx)).filter(
      (u) => u.id !== unit.id && unitKeys(u).includes(key),
    );
    if (holders.length) {
      throw new UserInputProblem(
        'ALIAS_TAKEN',
        `“${alias}” already names ${holders.map((u) => `${u.name}（${u.code}）`).join('、')}.`,
        'alias',
      );
    }
    return insertAlias(trx, {
      organizationId: unit.id,
      alias,
      aliasKey: key,
      createdById: me.orgId,
      createdByUser: me.user,
    });
  });
}

/**
 * Registers `alias` as another name of the project `projectCode` (项目别称), so that ledgers writing it
 * so match it among its unit's projects. Refused when, within that unit, the name already means
 * another project (its name or alias). Registering the same alias twice is a no-op.
 */
export async function registerProjectAlias(
  knex: Knex,
  v: Viewer,
  input: { alias: string; projectCode: string },
): Promise<ProjectAliasRow & { projectCode: string; projectName: string }> {
  const me = assertCanRegisterAlias(v);
  const alias = input.alias.trim();
  const key = nameKey(alias);
  if ([...key].length < 2 || [...alias].length > 200)
    throw new UserInputProblem('BAD_ALIAS', 'An alias has 2 to 200 characters (别称为2至200字).', 'alias');
  const project = await projectByCode(knex, codeKey(input.projectCode));
  if (!project) throw new UserInputProblem('NOT_FOUND', 'No project with this code.', 'projectCode');
  const row = await knex.transaction(async (trx) => {
    await lockAliasRegistry(trx);
    const holders = (await projectsOfUnit(trx, project.ownerUnitId)).filter(
      (p) => p.id !== project.id && (nameKey(p.name) === key || p.aliases.includes(key)),
    );
    if (holders.length) {
      throw new UserInputProblem(
        'ALIAS_TAKEN',
        `“${alias}” already names ${holders.map((p) => `${p.name}（${p.code}）`).join('、')}.`,
        'alias',
      );
    }
    return insertProjectAlias(trx, {
      projectId: project.id,
      unitId: project.ownerUnitId,
      alias,
      aliasKey: key,
      createdById: me.orgId,
      createdByUser: me.user,
    });
  });
  if (row.projectId !== project.id) {
    throw new UserInputProblem(
      'ALIAS_TAKEN',
      `“${alias}” already names another project of the unit.`,
      'alias',
    );
  }
  return { ...row, projectCode: project.code, projectName: project.name };
}

const AMOUNT_UNITS: readonly AmountUnit[] = ['YUAN', 'WAN_YUAN'];

export interface ProfileInput {
  name: string;
  columns: { header: string; field: string }[];
  amountUnit?: string | null;
  defaultCategory?: string | null;
  documentNumber?: string | null;
}

/** Creates or replaces one of the viewer's agency's profiles; checked against its source's fields. */
export async function saveProfile(knex: Knex, v: Viewer, input: ProfileInput): Promise<ProfileRow> {
  const me = publisherOf(v);
  const columns: Record<string, string> = {};
  const problems: string[] = [];
  for (const c of input.columns) {
    if (c.header.trim() in columns) problems.push(`表头“${c.header.trim()}”重复`);
    columns[c.header.trim()] = c.field;
  }
  problems.push(
    ...profileProblems(
      { name: input.name, columns, defaultCategory: input.defaultCategory ?? null },
      me.source,
    ),
  );
  if (input.amountUnit && !AMOUNT_UNITS.includes(input.amountUnit as AmountUnit))
    problems.push('金额单位应为 YUAN 或 WAN_YUAN');
  if (problems.length) throw new UserInputProblem('BAD_PROFILE', problems.join('；'), 'input');
  return upsertProfile(knex, {
    agencyId: me.agencyId,
    name: input.name.trim(),
    columns,
    amountUnit: input.amountUnit ?? null,
    defaultCategory: input.defaultCategory?.trim() || null,
    documentNumber: input.documentNumber?.trim() || null,
    user: me.user,
  });
}

export async function listProfiles(knex: Knex, v: Viewer): Promise<ProfileRow[]> {
  return profilesOfAgency(knex, publisherOf(v).agencyId);
}

export function asMappingProfile(p: ProfileRow): MappingProfile {
  return {
    name: p.name,
    columns: p.columns as Record<string, LedgerField>,
    amountUnit: (p.amountUnit as AmountUnit | null) ?? null,
    defaultCategory: p.defaultCategory,
    documentNumber: p.documentNumber,
  };
}

/** The viewer's agency's profile of that name, for an import; UNKNOWN_PROFILE when it has none. */
export async function profileForImport(knex: Knex, v: Viewer, name: string): Promise<MappingProfile> {
  const p = await profileByName(knex, publisherOf(v).agencyId, name.trim());
  if (!p)
    throw new UserInputProblem(
      'UNKNOWN_PROFILE',
      `Your agency has no import profile named “${name}”.`,
      'profile',
    );
  return asMappingProfile(p);
}
