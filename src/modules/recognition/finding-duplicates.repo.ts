/**
 * SQL of duplicate suggestions (疑似重复): the finding asked about and its candidates — other agencies'
 * published findings about the same unit or project within a year — each only where the viewer may see
 * the row and read its substance (the policy's findingRowScope and contentSql), with the amount only
 * where the viewer may read it (amountSql). Scoring is duplicate.score.ts.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { amountSql, contentSql, findingRowScope } from '../../policy/access.js';

export interface DuplicateRow {
  id: number;
  agencyId: number;
  unitId: number;
  projectId: number | null;
  fiscalYear: number;
  category: string;
  title: string;
  description: string;
  /** Null when absent or not readable by the viewer. */
  amount: string | null;
  /** Names to strip from the text: unit name and short name, project name. */
  names: string[];
}

const COLUMNS = `f.id, f.agency_id, f.unit_id, f.project_id, f.fiscal_year, f.category, f.title, f.description,
  o.name as unit_name, o.short_name as unit_short_name, p.name as project_name`;

function mapRow(r: Record<string, unknown>): DuplicateRow {
  return {
    id: r.id as number,
    agencyId: r.agency_id as number,
    unitId: r.unit_id as number,
    projectId: (r.project_id as number | null) ?? null,
    fiscalYear: r.fiscal_year as number,
    category: r.category as string,
    title: r.title as string,
    description: r.description as string,
    amount: r.amount_readable ? ((r.amount_involved as string | null) ?? null) : null,
    names: [r.unit_name, r.unit_short_name, r.project_name].filter((x): x is string => typeof x === 'string'),
  };
}

/** The finding, if the viewer may see it and read its substance; else null. */
export async function duplicateTarget(knex: Knex, v: Viewer, id: number): Promise<DuplicateRow | null> {
  const scope = findingRowScope(v, 'f') ?? { sql: 'true', bindings: [] };
  const content = contentSql(v, 'f');
  const amt = amountSql(v, 'f');
  const { rows } = (await knex.raw(
    `select ${COLUMNS}, f.amount_involved, (${amt.sql}) as amount_readable
     from finding f join organization o on o.id = f.unit_id left join project p on p.id = f.project_id
     where f.id = ? and ${scope.sql} and ${content.sql}`,
    [...amt.bindings, id, ...scope.bindings, ...content.bindings] as Knex.RawBinding[],
  )) as { rows: Record<string, unknown>[] };
  return rows[0] ? mapRow(rows[0]) : null;
}

/**
 * Other agencies' published findings about the same unit or the same project, fiscal year within one
 * of the target's, that the viewer may see and read, not already in the target's same-problem group.
 * At most `limit` (a unit has a few hundred findings a year at most).
 */
export async function duplicateCandidates(
  knex: Knex,
  v: Viewer,
  t: DuplicateRow,
  limit = 1000,
): Promise<DuplicateRow[]> {
  const scope = findingRowScope(v, 'f') ?? { sql: 'true', bindings: [] };
  const content = contentSql(v, 'f');
  const amt = amountSql(v, 'f');
  const sameSubject =
    t.projectId != null ? '(f.unit_id = ? or f.project_id = ?)' : '(f.unit_id = ? and ?::int is null)';
  const { rows } = (await knex.raw(
    `select ${COLUMNS}, f.amount_involved, (${amt.sql}) as amount_readable
     from finding f join organization o on o.id = f.unit_id left join project p on p.id = f.project_id
     where ${sameSubject}
       and f.fiscal_year between ? and ?
       and f.id <> ? and f.agency_id <> ?
       and f.publication_state = 'PUBLISHED'
       and ${scope.sql} and ${content.sql}
       and not exists (
         select 1 from finding_group_member a join finding_group_member b on b.group_id = a.group_id
         where a.finding_id = ? and b.finding_id = f.id)
     limit ?`,
    [
      ...amt.bindings,
      t.unitId,
      t.projectId,
      t.fiscalYear - 1,
      t.fiscalYear + 1,
      t.id,
      t.agencyId,
      ...scope.bindings,
      ...content.bindings,
      t.id,
      limit,
    ] as Knex.RawBinding[],
  )) as { rows: Record<string, unknown>[] };
  return rows.map(mapRow);
}
