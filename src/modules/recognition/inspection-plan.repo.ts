/**
 * SQL of the shared inspection plan (监督检查计划统筹): plan entries, the scoped list, and the two
 * warnings — another agency's plan for the same subject in overlapping months, and the planning
 * agency's own recognition in force on a result about the subject (it committed not to re-inspect);
 * and the coverage of a subject: its reviews and the plans for it.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import type { FindingSource } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { toDate } from '../../shared/timestamps.js';
import { planScope } from '../../policy/recognition.js';
import { reviewRowScope } from '../../policy/access.js';
import type { InspectionKind } from './recognition.entity.js';
import { mapRecognition, type RecognitionRow } from './recognition.repo.js';

export interface PlanRow {
  __typename: 'InspectionPlan';
  id: string;
  dbId: number;
  agencyId: number;
  agencySource: FindingSource;
  planYear: number;
  subjectKey: string;
  unitId: number;
  kind: InspectionKind;
  scope: string;
  periodFrom: number;
  periodTo: number;
  months: number[];
  registeredBy: string;
  createdAt: Date;
}

export function mapPlan(r: Record<string, unknown>): PlanRow {
  return {
    __typename: 'InspectionPlan',
    id: toGlobalId('InspectionPlan', r.id as number),
    dbId: r.id as number,
    agencyId: r.agency_id as number,
    agencySource: r.agency_source as FindingSource,
    planYear: r.plan_year as number,
    subjectKey: r.subject_key as string,
    unitId: r.unit_id as number,
    kind: r.kind as InspectionKind,
    scope: r.scope as string,
    periodFrom: r.period_from as number,
    periodTo: r.period_to as number,
    months: r.months as number[],
    registeredBy: r.registered_by as string,
    createdAt: toDate(r.created_at),
  };
}

export async function plansByIds(knex: Knex, ids: readonly number[]): Promise<PlanRow[]> {
  return (
    (await knex('inspection_plan')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapPlan);
}

/** The owner unit of a project, or the unit itself; null when the subject does not exist. */
export async function unitOfSubject(knex: Knex, kind: 'U' | 'P' | 'Y', id: number): Promise<number | null> {
  if (kind === 'U') {
    const o = await knex('organization').select('id').where({ id, kind: 'BUDGET_UNIT' }).first();
    return (o?.id as number | undefined) ?? null;
  }
  if (kind === 'P') {
    const p = await knex('project').select('owner_unit_id').where({ id }).first();
    return (p?.owner_unit_id as number | undefined) ?? null;
  }
  const p = await knex('policy').select('owner_unit_id').where({ id }).first();
  return (p?.owner_unit_id as number | undefined) ?? null;
}

export async function insertPlan(
  knex: Knex,
  row: {
    agency_id: number;
    agency_source: FindingSource;
    plan_year: number;
    subject_key: string;
    unit_id: number;
    kind: InspectionKind;
    scope: string;
    period_from: number;
    period_to: number;
    months: number[];
    registered_by: string;
  },
): Promise<number> {
  const [r] = (await knex('inspection_plan')
    .insert({ ...row, months: JSON.stringify(row.months) })
    .returning('id')) as { id: number }[];
  return r!.id;
}

/** The viewer's visible plans of a year, by agency and id. */
export async function plansOfYear(knex: Knex, v: Viewer, year: number): Promise<PlanRow[]> {
  const b = knex('inspection_plan as p').select('p.*').where('p.plan_year', year).orderBy('p.id');
  const s = planScope(v, 'p');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  return ((await b) as Record<string, unknown>[]).map(mapPlan);
}

/**
 * Other agencies' plans (that the viewer may see) for the same subject — or, where either plan is
 * about the unit as a whole, the same unit — in the same year with a planned month in common.
 */
export async function overlappingPlans(knex: Knex, v: Viewer, plan: PlanRow): Promise<PlanRow[]> {
  const b = knex('inspection_plan as p')
    .select('p.*')
    .where('p.plan_year', plan.planYear)
    .whereNot('p.agency_id', plan.agencyId)
    .whereNot('p.id', plan.dbId)
    .where((q) => {
      q.where('p.subject_key', plan.subjectKey);
      if (plan.subjectKey.startsWith('U:')) q.orWhere('p.unit_id', plan.unitId);
      else q.orWhere((q2) => q2.where('p.unit_id', plan.unitId).where('p.subject_key', 'like', 'U:%'));
    })
    .whereRaw('exists (select 1 from jsonb_array_elements(p.months) m where ?::jsonb @> m)', [
      JSON.stringify(plan.months),
    ])
    .orderBy('p.id');
  const s = planScope(v, 'p');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  return ((await b) as Record<string, unknown>[]).map(mapPlan);
}

/**
 * The planning agency's recognitions in force (not refusals) on reviews of the subject whose validity
 * period reaches into the planned months.
 */
export async function coveringRecognitions(knex: Knex, plan: PlanRow): Promise<RecognitionRow[]> {
  const [kind, idText] = plan.subjectKey.split(':') as ['U' | 'P' | 'Y', string];
  const id = Number(idText);
  const from = `${plan.planYear}-${String(Math.min(...plan.months)).padStart(2, '0')}-01`;
  const to = `${plan.planYear}-${String(Math.max(...plan.months)).padStart(2, '0')}-28`;
  const b = knex('recognition as r')
    .join('review as rv', 'rv.id', 'r.review_id')
    .select('r.*')
    .where('r.agency_id', plan.agencyId)
    .where('r.status', 'CURRENT')
    .whereNot('r.decision', 'NOT_RECOGNISED')
    .whereRaw('coalesce(r.valid_from, ?::date) <= ?::date', [to, to])
    .whereRaw('coalesce(r.valid_until, ?::date) >= ?::date', [from, from])
    .orderBy('r.id');
  if (kind === 'P') b.where('rv.project_id', id);
  else if (kind === 'Y') b.where('rv.policy_id', id);
  else b.where('rv.unit_id', id).where('rv.subject_kind', 'UNIT');
  return ((await b) as Record<string, unknown>[]).map(mapRecognition);
}

// ---- coverage (覆盖情况) ----

/**
 * Reviews of the subject (a project's, or everything about a unit) in fiscal years [from, to] that the
 * viewer may see (reviewRowScope), newest first; withdrawn ones left out.
 */
export async function coverageReviewIds(
  knex: Knex,
  v: Viewer,
  subject: { kind: 'U' | 'P' | 'Y'; id: number },
  from: number,
  to: number,
): Promise<number[]> {
  const b = knex('review as rv')
    .select('rv.id')
    .whereBetween('rv.fiscal_year', [from, to])
    .whereNot('rv.publication_state', 'WITHDRAWN')
    .orderBy([
      { column: 'rv.fiscal_year', order: 'desc' },
      { column: 'rv.id', order: 'desc' },
    ])
    .limit(200);
  if (subject.kind === 'P') b.where('rv.project_id', subject.id);
  else if (subject.kind === 'Y') b.where('rv.policy_id', subject.id);
  else b.where('rv.unit_id', subject.id);
  const s = reviewRowScope(v, 'rv');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  return ((await b) as { id: number }[]).map((r) => r.id);
}

/** Plans from `year` on for the subject (or, for a unit, anything about it) that the viewer may see. */
export async function coveragePlans(
  knex: Knex,
  v: Viewer,
  subject: { kind: 'U' | 'P' | 'Y'; id: number },
  year: number,
): Promise<PlanRow[]> {
  const b = knex('inspection_plan as p')
    .select('p.*')
    .where('p.plan_year', '>=', year)
    .orderBy(['p.plan_year', 'p.id'])
    .limit(200);
  if (subject.kind === 'U') b.where('p.unit_id', subject.id);
  else b.where('p.subject_key', `${subject.kind}:${subject.id}`);
  const s = planScope(v, 'p');
  if (s) b.whereRaw(s.sql, s.bindings as Knex.RawBinding[]);
  return ((await b) as Record<string, unknown>[]).map(mapPlan);
}
