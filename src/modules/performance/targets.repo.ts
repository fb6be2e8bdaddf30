/** SQL of performance target sets (绩效目标) and pre-assessments (事前绩效评估). */
import type { Knex } from 'knex';
import { updateAtVersion } from '../../db/versioned.js';
import type { Viewer } from '../../auth/viewer.js';
import { toDate } from '../../shared/timestamps.js';
import { targetSetScope, unitRowScope } from '../../policy/performance.js';
import type { Indicator } from './indicators.js';
import type { PreAssessmentConclusion, TargetSetState } from './performance.entity.js';
import { chainId, intArray } from './ids.js';

export interface TargetSetRow {
  __typename: 'PerformanceTargetSet';
  id: string;
  dbId: number;
  subjectKey: string;
  unitId: number;
  projectId: number | null;
  budgetYear: number;
  setVersion: number;
  state: TargetSetState;
  goal: string;
  indicators: Indicator[];
  adjustReason: string | null;
  returnReason: string | null;
  previousId: number | null;
  draftedBy: string;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  version: number;
  createdAt: Date;
}

export function mapTargetSet(r: Record<string, unknown>): TargetSetRow {
  return {
    __typename: 'PerformanceTargetSet',
    id: chainId('PerformanceTargetSet', r.id as number),
    dbId: r.id as number,
    subjectKey: r.subject_key as string,
    unitId: r.unit_id as number,
    projectId: (r.project_id as number | null) ?? null,
    budgetYear: r.budget_year as number,
    setVersion: r.set_version as number,
    state: r.state as TargetSetState,
    goal: r.goal as string,
    indicators: r.indicators as Indicator[],
    adjustReason: (r.adjust_reason as string | null) ?? null,
    returnReason: (r.return_reason as string | null) ?? null,
    previousId: (r.previous_id as number | null) ?? null,
    draftedBy: r.drafted_by as string,
    reviewedBy: (r.reviewed_by as string | null) ?? null,
    reviewedAt: r.reviewed_at ? toDate(r.reviewed_at) : null,
    version: r.version as number,
    createdAt: toDate(r.created_at),
  };
}

export async function targetSetById(knex: Knex, id: number, forUpdate = false): Promise<TargetSetRow | null> {
  const q = knex('performance_target_set').select('*').where({ id }).first();
  if (forUpdate) q.forUpdate();
  const r = (await q) as Record<string, unknown> | undefined;
  return r ? mapTargetSet(r) : null;
}

export async function targetSetsByIds(knex: Knex, ids: readonly number[]): Promise<TargetSetRow[]> {
  return (
    (await knex('performance_target_set')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapTargetSet);
}

export interface TargetSetFilter {
  budgetYear?: number | null;
  unitId?: number | null;
  projectId?: number | null;
  states?: TargetSetState[] | null;
}

/** The viewer's visible sets, by subject and version. */
export async function targetSets(knex: Knex, v: Viewer, f: TargetSetFilter): Promise<TargetSetRow[]> {
  const b = knex('performance_target_set as t')
    .select('t.*')
    .orderBy([
      { column: 't.budget_year', order: 'desc' },
      { column: 't.subject_key' },
      { column: 't.set_version' },
    ]);
  const s = targetSetScope(v, 't');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  if (f.budgetYear != null) b.where('t.budget_year', f.budgetYear);
  if (f.unitId != null) b.where('t.unit_id', f.unitId);
  if (f.projectId != null) b.where('t.project_id', f.projectId);
  if (f.states?.length) b.whereIn('t.state', f.states);
  return ((await b.limit(1000)) as Record<string, unknown>[]).map(mapTargetSet);
}

/** Every version of a subject's sets of a year, locked (the writers of one subject serialise here). */
export async function setsOfSubjectForUpdate(
  trx: Knex.Transaction,
  subjectKey: string,
  budgetYear: number,
): Promise<TargetSetRow[]> {
  return (
    (await trx('performance_target_set')
      .select('*')
      .where({ subject_key: subjectKey, budget_year: budgetYear })
      .orderBy('set_version')
      .forUpdate()) as Record<string, unknown>[]
  ).map(mapTargetSet);
}

/** Serialises the writers of one subject and year (first drafts, new self-evaluations) until commit. */
export async function lockSubjectYear(trx: Knex.Transaction, what: string): Promise<void> {
  await trx.raw(`select pg_advisory_xact_lock(hashtext(?))`, [what]);
}

/** The approved set of a subject and year (the version in force), if any. */
export async function approvedSet(
  knex: Knex,
  subjectKey: string,
  budgetYear: number,
): Promise<TargetSetRow | null> {
  const r = (await knex('performance_target_set')
    .select('*')
    .where({ subject_key: subjectKey, budget_year: budgetYear, state: 'APPROVED' })
    .first()) as Record<string, unknown> | undefined;
  return r ? mapTargetSet(r) : null;
}

/** Approved sets of many projects of a year: project id → set. */
export async function approvedSetsOfProjects(
  knex: Knex,
  projectIds: readonly number[],
  budgetYear: number,
): Promise<Map<number, TargetSetRow>> {
  const out = new Map<number, TargetSetRow>();
  if (!projectIds.length) return out;
  const rows = (await knex('performance_target_set')
    .select('*')
    .whereRaw('project_id = any(?::int[])', [intArray(projectIds)])
    .where({ budget_year: budgetYear, state: 'APPROVED' })) as Record<string, unknown>[];
  for (const r of rows) out.set(r.project_id as number, mapTargetSet(r));
  return out;
}

export async function insertTargetSet(
  trx: Knex.Transaction | Knex,
  row: Record<string, unknown>,
): Promise<number> {
  const [r] = (await trx('performance_target_set').insert(row).returning('id')) as { id: number }[];
  return r!.id;
}

/** Updates a set at the version read; returns the rows changed (0 = someone else changed it first). */
export async function updateTargetSetAt(
  trx: Knex.Transaction,
  id: number,
  version: number,
  cols: Record<string, unknown>,
): Promise<number> {
  return updateAtVersion(trx, 'performance_target_set', id, version, cols);
}

/** A project's owner unit, name and budget; or a budget unit's id and name. */
export async function subjectInfo(
  knex: Knex,
  kind: 'P' | 'U',
  id: number,
): Promise<{ unitId: number; projectId: number | null; name: string; budgetAmount: string | null } | null> {
  if (kind === 'P') {
    const p = (await knex('project')
      .select('owner_unit_id', 'name', 'budget_amount')
      .where({ id })
      .first()) as Record<string, unknown> | undefined;
    return p
      ? {
          unitId: p.owner_unit_id as number,
          projectId: id,
          name: p.name as string,
          budgetAmount: p.budget_amount as string,
        }
      : null;
  }
  const o = (await knex('organization').select('id', 'name').where({ id, kind: 'BUDGET_UNIT' }).first()) as
    Record<string, unknown> | undefined;
  return o ? { unitId: id, projectId: null, name: o.name as string, budgetAmount: null } : null;
}

/** The review's project or unit and fiscal year, for Review.targetSet. */
export async function reviewSubject(
  knex: Knex,
  reviewId: number,
): Promise<{ key: string; year: number } | null> {
  const r = (await knex('review')
    .select('project_id', 'unit_id', 'subject_kind', 'fiscal_year')
    .where({ id: reviewId })
    .first()) as Record<string, unknown> | undefined;
  if (!r) return null;
  if (r.project_id) return { key: `P:${r.project_id as number}`, year: r.fiscal_year as number };
  if (r.subject_kind === 'UNIT') return { key: `U:${r.unit_id as number}`, year: r.fiscal_year as number };
  return null;
}

// ---- pre-assessments ----

export interface PreAssessmentRow {
  __typename: 'PreAssessment';
  id: string;
  dbId: number;
  agencyId: number;
  unitId: number;
  projectId: number | null;
  subjectName: string;
  budgetYear: number;
  requestedAmount: string;
  conclusion: PreAssessmentConclusion;
  reasons: string;
  documentRef: string | null;
  assessedBy: string;
  createdAt: Date;
}

function mapPre(r: Record<string, unknown>): PreAssessmentRow {
  return {
    __typename: 'PreAssessment',
    id: chainId('PreAssessment', r.id as number),
    dbId: r.id as number,
    agencyId: r.agency_id as number,
    unitId: r.unit_id as number,
    projectId: (r.project_id as number | null) ?? null,
    subjectName: r.subject_name as string,
    budgetYear: r.budget_year as number,
    requestedAmount: r.requested_amount as string,
    conclusion: r.conclusion as PreAssessmentConclusion,
    reasons: r.reasons as string,
    documentRef: (r.document_ref as string | null) ?? null,
    assessedBy: r.assessed_by as string,
    createdAt: toDate(r.created_at),
  };
}

export async function insertPreAssessment(
  knex: Knex,
  row: Record<string, unknown>,
): Promise<PreAssessmentRow> {
  const [r] = (await knex('pre_assessment').insert(row).returning('*')) as Record<string, unknown>[];
  return mapPre(r!);
}

export async function preAssessments(
  knex: Knex,
  v: Viewer,
  f: { budgetYear?: number | null; unitId?: number | null },
): Promise<PreAssessmentRow[]> {
  const b = knex('pre_assessment as a').select('a.*').orderBy('a.id');
  const s = unitRowScope(v, 'a');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  if (f.budgetYear != null) b.where('a.budget_year', f.budgetYear);
  if (f.unitId != null) b.where('a.unit_id', f.unitId);
  return ((await b.limit(1000)) as Record<string, unknown>[]).map(mapPre);
}
