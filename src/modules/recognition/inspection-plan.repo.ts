/**
 * SQL of the shared inspection plan (监督检查计划统筹): plan entries, the scoped list, and the two
 * warnings — another agency's plan for the same subject in overlapping months, and the planning
 * agency's own recognition in force on a result about the subject (it committed not to re-inspect);
 * joint inspections (a plan joined to another agency's as participant); the coverage of a subject (its
 * reviews and the plans for it) and the coverage list over every subject of a kind.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import type { FindingSource } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
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
  /** The plan this one joined as participant of a joint inspection (联合检查), or null. */
  jointLeadId: number | null;
  jointAt: Date | null;
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
    jointLeadId: (r.joint_lead_id as number | null) ?? null,
    jointAt: r.joint_at == null ? null : toDate(r.joint_at),
  };
}

/** The participants of joint inspections led by these plans, by lead id, oldest first. */
export async function participantsByLeadIds(knex: Knex, leadIds: readonly number[]): Promise<PlanRow[][]> {
  const rows = (
    (await knex('inspection_plan')
      .select('*')
      .whereIn('joint_lead_id', leadIds as number[])
      .orderBy('id')) as Record<string, unknown>[]
  ).map(mapPlan);
  return leadIds.map((id) => rows.filter((r) => r.jointLeadId === id));
}

/**
 * Locks two plans (in id order, so two joins never deadlock) and says how many participants the first
 * has; missing plans are left out.
 */
export async function lockPlansForJoin(
  trx: Knex.Transaction,
  planId: number,
  leadId: number,
): Promise<{ plans: PlanRow[]; participantsOfPlan: number }> {
  const plans = (
    (await trx('inspection_plan')
      .select('*')
      .whereIn('id', [planId, leadId])
      .orderBy('id')
      .forUpdate()) as Record<string, unknown>[]
  ).map(mapPlan);
  const [{ n }] = (await trx('inspection_plan').count({ n: '*' }).where('joint_lead_id', planId)) as {
    n: string;
  }[];
  return { plans, participantsOfPlan: Number(n) };
}

/** Sets or clears a plan's joint-inspection lead. */
export async function setJointLead(knex: Knex, planId: number, leadId: number | null): Promise<void> {
  await knex('inspection_plan')
    .where('id', planId)
    .update({ joint_lead_id: leadId, joint_at: leadId == null ? null : knex.fn.now() });
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
    // plans already in one joint inspection (the lead and its participants) do not duplicate each other
    .whereRaw('coalesce(p.joint_lead_id, p.id) <> ?', [plan.jointLeadId ?? plan.dbId])
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

// ---- coverage list (覆盖情况一览) ----

export type CoverageSubject = 'U' | 'P' | 'Y';

/** A subject's reviews over the years looked at, as the viewer may see them. */
export interface CoverageEntryRow {
  subjectKind: CoverageSubject;
  dbId: number;
  unitId: number;
  reviewCount: number;
  agencyCount: number;
  /** Most agencies that examined it in one fiscal year. */
  peakAgencies: number;
  lastExaminedYear: number | null;
  agencyIds: number[];
}

const SUBJECT_SQL = {
  U: { table: 'organization', unit: 's.id', key: 'rv.unit_id', where: "s.kind = 'BUDGET_UNIT'" },
  P: { table: 'project', unit: 's.owner_unit_id', key: 'rv.project_id', where: null },
  Y: { table: 'policy', unit: 's.owner_unit_id', key: 'rv.policy_id', where: null },
} as const;

/**
 * Every subject of a kind with its reviews in fiscal years [from, to] that the viewer may see
 * (reviewRowScope; withdrawn ones left out), by id: those nobody examined (`gap` NOT_EXAMINED), those
 * that `minAgencies` or more agencies examined in one year (EXAMINED_BY_SEVERAL), or all.
 */
export async function coverageEntries(
  knex: Knex,
  v: Viewer,
  q: {
    kind: CoverageSubject;
    from: number;
    to: number;
    gap: 'NOT_EXAMINED' | 'EXAMINED_BY_SEVERAL' | null;
    minAgencies: number;
  },
  page: PageArgs,
): Promise<Connection<CoverageEntryRow>> {
  const sub = SUBJECT_SQL[q.kind];
  // one row per (subject, year, agency), then agencies per year by a window, then per subject
  const perAgency = knex('review as rv')
    .select(knex.raw(`${sub.key} as subject_id`), 'rv.fiscal_year', 'rv.agency_id')
    .count({ n: '*' })
    .whereBetween('rv.fiscal_year', [q.from, q.to])
    .whereNot('rv.publication_state', 'WITHDRAWN')
    .whereNotNull(sub.key)
    .groupByRaw(`${sub.key}, rv.fiscal_year, rv.agency_id`);
  const scope = reviewRowScope(v, 'rv');
  if (scope) perAgency.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  const perYear = knex
    .from(perAgency.as('y'))
    .select('y.*', knex.raw('count(*) over (partition by y.subject_id, y.fiscal_year) as per_year'));
  const agg = knex
    .from(perYear.as('z'))
    .select(
      'z.subject_id',
      knex.raw('sum(z.n)::int as reviews'),
      knex.raw('count(distinct z.agency_id)::int as agencies'),
      knex.raw('array_agg(distinct z.agency_id) as agency_ids'),
      knex.raw('max(z.fiscal_year)::int as last_year'),
      knex.raw('max(z.per_year)::int as peak'),
    )
    .groupBy('z.subject_id');
  const base = knex(`${sub.table} as s`).leftJoin(agg.as('a'), 'a.subject_id', 's.id');
  if (sub.where) base.whereRaw(sub.where);
  if (q.gap === 'NOT_EXAMINED') base.whereNull('a.subject_id');
  if (q.gap === 'EXAMINED_BY_SEVERAL') base.where('a.peak', '>=', q.minAgencies);
  return paginate(
    knex,
    base
      .clone()
      .select(
        's.id',
        knex.raw(`${sub.unit} as unit_id`),
        'a.reviews',
        'a.agencies',
        'a.agency_ids',
        'a.last_year',
        'a.peak',
      ),
    page,
    { expr: 's.id', desc: false, cast: 'int' },
    (r) => ({
      subjectKind: q.kind,
      dbId: r.id as number,
      unitId: r.unit_id as number,
      reviewCount: (r.reviews as number | null) ?? 0,
      agencyCount: (r.agencies as number | null) ?? 0,
      peakAgencies: (r.peak as number | null) ?? 0,
      lastExaminedYear: (r.last_year as number | null) ?? null,
      agencyIds: (r.agency_ids as number[] | null) ?? [],
    }),
    countOf(base),
    's.id',
  );
}
