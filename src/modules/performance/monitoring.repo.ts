/** SQL of dual monitoring (双监控): progress records and finance's actions on warnings. */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { toDate } from '../../shared/timestamps.js';
import { unitRowScope } from '../../policy/performance.js';
import type { MonitoringActionKind } from './performance.entity.js';
import { chainId, intArray } from './ids.js';

export interface MonitoringRow {
  dbId: number;
  projectId: number;
  unitId: number;
  budgetYear: number;
  asOf: string;
  budgetAmount: string;
  paidAmount: string;
  indicatorValues: { name: string; value: string }[];
  enteredBy: string;
  createdAt: Date;
}

const isoDate = (d: unknown) =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : String(d).slice(0, 10);

function mapRecord(r: Record<string, unknown>): MonitoringRow {
  return {
    dbId: r.id as number,
    projectId: r.project_id as number,
    unitId: r.unit_id as number,
    budgetYear: r.budget_year as number,
    asOf: isoDate(r.as_of),
    budgetAmount: r.budget_amount as string,
    paidAmount: r.paid_amount as string,
    indicatorValues: r.indicator_values as { name: string; value: string }[],
    enteredBy: r.entered_by as string,
    createdAt: toDate(r.created_at),
  };
}

/** Records a project's progress as of a date; a second entry for the same date replaces the first. */
export async function upsertRecord(knex: Knex, row: Record<string, unknown>): Promise<void> {
  await knex('monitoring_record')
    .insert(row)
    .onConflict(['project_id', 'budget_year', 'as_of'])
    .merge({
      budget_amount: row.budget_amount,
      paid_amount: row.paid_amount,
      indicator_values: row.indicator_values,
      entered_by: row.entered_by,
      entered_by_org_id: row.entered_by_org_id,
      updated_at: new Date(),
      version: knex.raw('monitoring_record.version + 1'),
    });
}

/** The latest record of each project of a year that the viewer may see (optionally of one unit or project). */
export async function latestRecords(
  knex: Knex,
  v: Viewer | null,
  f: { budgetYear: number; unitId?: number | null; projectIds?: readonly number[] | null },
): Promise<MonitoringRow[]> {
  const b = knex('monitoring_record as m')
    .distinctOn('m.project_id')
    .select('m.*')
    .where('m.budget_year', f.budgetYear)
    .orderBy([{ column: 'm.project_id' }, { column: 'm.as_of', order: 'desc' }]);
  const s = v ? unitRowScope(v, 'm') : null;
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  if (f.unitId != null) b.where('m.unit_id', f.unitId);
  if (f.projectIds) b.whereRaw('m.project_id = any(?::int[])', [intArray(f.projectIds)]);
  return ((await b) as Record<string, unknown>[]).map(mapRecord);
}

/** Every record of one project and year, oldest first. */
export async function recordsOfProject(
  knex: Knex,
  projectId: number,
  budgetYear: number,
): Promise<MonitoringRow[]> {
  return (
    (await knex('monitoring_record')
      .select('*')
      .where({ project_id: projectId, budget_year: budgetYear })
      .orderBy('as_of')) as Record<string, unknown>[]
  ).map(mapRecord);
}

export interface MonitoringActionRow {
  __typename: 'MonitoringAction';
  id: string;
  dbId: number;
  projectId: number;
  budgetYear: number;
  action: MonitoringActionKind;
  note: string;
  level: string;
  reasons: string[];
  agencyId: number;
  recordedBy: string;
  createdAt: Date;
}

function mapAction(r: Record<string, unknown>): MonitoringActionRow {
  return {
    __typename: 'MonitoringAction',
    id: chainId('MonitoringAction', r.id as number),
    dbId: r.id as number,
    projectId: r.project_id as number,
    budgetYear: r.budget_year as number,
    action: r.action as MonitoringActionKind,
    note: r.note as string,
    level: r.level as string,
    reasons: r.reasons as string[],
    agencyId: r.agency_id as number,
    recordedBy: r.recorded_by as string,
    createdAt: toDate(r.created_at),
  };
}

export async function insertAction(knex: Knex, row: Record<string, unknown>): Promise<MonitoringActionRow> {
  const [r] = (await knex('monitoring_action').insert(row).returning('*')) as Record<string, unknown>[];
  return mapAction(r!);
}

/** Actions on many projects of a year: project id → actions, oldest first. */
export async function actionsOfProjects(
  knex: Knex,
  projectIds: readonly number[],
  budgetYear: number,
): Promise<Map<number, MonitoringActionRow[]>> {
  const out = new Map<number, MonitoringActionRow[]>();
  if (!projectIds.length) return out;
  const rows = (await knex('monitoring_action')
    .select('*')
    .whereRaw('project_id = any(?::int[])', [intArray(projectIds)])
    .where('budget_year', budgetYear)
    .orderBy('id')) as Record<string, unknown>[];
  for (const r of rows.map(mapAction)) {
    const list = out.get(r.projectId) ?? [];
    list.push(r);
    out.set(r.projectId, list);
  }
  return out;
}
