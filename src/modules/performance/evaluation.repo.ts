/** SQL of self-evaluations (自评) and spot checks (抽查复核). */
import type { Knex } from 'knex';
import { updateAtVersion } from '../../db/versioned.js';
import type { Viewer } from '../../auth/viewer.js';
import { toDate } from '../../shared/timestamps.js';
import { selfEvaluationScope } from '../../policy/performance.js';
import type { SelfEvaluationState } from './performance.entity.js';
import { chainId, intArray } from './ids.js';

export interface SelfEvaluationRow {
  __typename: 'SelfEvaluation';
  id: string;
  dbId: number;
  subjectKey: string;
  unitId: number;
  projectId: number | null;
  budgetYear: number;
  score: string;
  indicatorResults: { name: string; target: string; actual: string; score: string }[];
  summary: string;
  state: SelfEvaluationState;
  targetSetId: number | null;
  filedBy: string;
  submittedAt: Date | null;
  version: number;
}

function mapSelf(r: Record<string, unknown>): SelfEvaluationRow {
  return {
    __typename: 'SelfEvaluation',
    id: chainId('SelfEvaluation', r.id as number),
    dbId: r.id as number,
    subjectKey: r.subject_key as string,
    unitId: r.unit_id as number,
    projectId: (r.project_id as number | null) ?? null,
    budgetYear: r.budget_year as number,
    score: r.score as string,
    indicatorResults: r.indicator_results as SelfEvaluationRow['indicatorResults'],
    summary: r.summary as string,
    state: r.state as SelfEvaluationState,
    targetSetId: (r.target_set_id as number | null) ?? null,
    filedBy: r.filed_by as string,
    submittedAt: r.submitted_at ? toDate(r.submitted_at) : null,
    version: r.version as number,
  };
}

export async function selfEvaluationBySubject(
  trx: Knex.Transaction,
  subjectKey: string,
  budgetYear: number,
): Promise<SelfEvaluationRow | null> {
  const r = (await trx('self_evaluation')
    .select('*')
    .where({ subject_key: subjectKey, budget_year: budgetYear })
    .forUpdate()
    .first()) as Record<string, unknown> | undefined;
  return r ? mapSelf(r) : null;
}

export async function selfEvaluationById(knex: Knex, id: number, forUpdate = false) {
  const q = knex('self_evaluation').select('*').where({ id }).first();
  if (forUpdate) q.forUpdate();
  const r = (await q) as Record<string, unknown> | undefined;
  return r ? mapSelf(r) : null;
}

export async function selfEvaluationsByIds(knex: Knex, ids: readonly number[]): Promise<SelfEvaluationRow[]> {
  return (
    (await knex('self_evaluation')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapSelf);
}

export async function insertSelfEvaluation(
  trx: Knex.Transaction,
  row: Record<string, unknown>,
): Promise<number> {
  const [r] = (await trx('self_evaluation').insert(row).returning('id')) as { id: number }[];
  return r!.id;
}

export async function updateSelfEvaluationAt(
  trx: Knex.Transaction,
  id: number,
  version: number,
  cols: Record<string, unknown>,
): Promise<number> {
  return updateAtVersion(trx, 'self_evaluation', id, version, cols);
}

export async function selfEvaluations(
  knex: Knex,
  v: Viewer | null,
  f: {
    budgetYear: number;
    unitId?: number | null;
    submittedOnly?: boolean;
    projectIds?: readonly number[] | null;
  },
): Promise<SelfEvaluationRow[]> {
  const b = knex('self_evaluation as s').select('s.*').where('s.budget_year', f.budgetYear).orderBy('s.id');
  const sc = v ? selfEvaluationScope(v, 's') : null;
  if (sc) b.whereRaw(sc.sql, sc.bindings as Knex.RawBinding[]);
  if (f.unitId != null) b.where('s.unit_id', f.unitId);
  if (f.submittedOnly) b.where('s.state', 'SUBMITTED');
  if (f.projectIds) b.whereRaw('s.project_id = any(?::int[])', [intArray(f.projectIds)]);
  return ((await b) as Record<string, unknown>[]).map(mapSelf);
}

/**
 * The spot-check population: submitted self-evaluations of a year, each with its project's budget and
 * whether the subject was weak before (a performance review graded 中/差, or a performance finding,
 * in an earlier year).
 */
export async function spotCheckPopulation(
  knex: Knex,
  budgetYear: number,
): Promise<{ id: number; budget: string; weak: boolean }[]> {
  const rows = (await knex.raw(
    `select s.id, coalesce(p.budget_amount, 0)::text as budget,
            (exists (select 1 from review r
                      where r.source = 'PERFORMANCE' and r.fiscal_year < s.budget_year and r.grade in ('FAIR', 'POOR')
                        and (r.project_id = s.project_id or (s.project_id is null and r.unit_id = s.unit_id and r.project_id is null)))
             or exists (select 1 from finding f
                         where f.source = 'PERFORMANCE' and f.fiscal_year < s.budget_year and f.project_id = s.project_id)) as weak
       from self_evaluation s left join project p on p.id = s.project_id
      where s.budget_year = ? and s.state = 'SUBMITTED'
      order by s.id`,
    [budgetYear],
  )) as { rows: { id: number; budget: string; weak: boolean }[] };
  return rows.rows;
}

export interface SpotCheckRow {
  __typename: 'SpotCheck';
  id: string;
  dbId: number;
  agencyId: number;
  budgetYear: number;
  shareBp: number;
  seed: number;
  threshold: string;
  drawnBy: string;
  createdAt: Date;
}

function mapCheck(r: Record<string, unknown>): SpotCheckRow {
  return {
    __typename: 'SpotCheck',
    id: chainId('SpotCheck', r.id as number),
    dbId: r.id as number,
    agencyId: r.agency_id as number,
    budgetYear: r.budget_year as number,
    shareBp: r.share_bp as number,
    seed: r.seed as number,
    threshold: r.threshold as string,
    drawnBy: r.drawn_by as string,
    createdAt: toDate(r.created_at),
  };
}

export interface SpotCheckItemRow {
  __typename: 'SpotCheckItem';
  id: string;
  dbId: number;
  spotCheckId: number;
  selfEvaluationId: number;
  weightNote: string;
  rescore: string | null;
  rescoreReviewId: number | null;
  findingId: number | null;
  rescoredBy: string | null;
  version: number;
}

function mapItem(r: Record<string, unknown>): SpotCheckItemRow {
  return {
    __typename: 'SpotCheckItem',
    id: chainId('SpotCheckItem', r.id as number),
    dbId: r.id as number,
    spotCheckId: r.spot_check_id as number,
    selfEvaluationId: r.self_evaluation_id as number,
    weightNote: r.weight_note as string,
    rescore: (r.rescore as string | null) ?? null,
    rescoreReviewId: (r.rescore_review_id as number | null) ?? null,
    findingId: (r.finding_id as number | null) ?? null,
    rescoredBy: (r.rescored_by as string | null) ?? null,
    version: r.version as number,
  };
}

export async function insertSpotCheck(
  trx: Knex.Transaction,
  check: Record<string, unknown>,
  items: { self_evaluation_id: number; weight_note: string }[],
): Promise<number> {
  const [c] = (await trx('spot_check').insert(check).returning('id')) as { id: number }[];
  if (items.length) await trx('spot_check_item').insert(items.map((i) => ({ ...i, spot_check_id: c!.id })));
  return c!.id;
}

export async function spotChecks(
  knex: Knex,
  f: { budgetYear?: number | null; ids?: number[] },
): Promise<SpotCheckRow[]> {
  const b = knex('spot_check').select('*').orderBy('id');
  if (f.budgetYear != null) b.where('budget_year', f.budgetYear);
  if (f.ids) b.whereIn('id', f.ids);
  return ((await b) as Record<string, unknown>[]).map(mapCheck);
}

export async function itemsOfChecks(knex: Knex, checkIds: readonly number[]): Promise<SpotCheckItemRow[]> {
  return (
    (await knex('spot_check_item')
      .select('*')
      .whereIn('spot_check_id', checkIds as number[])
      .orderBy('id')) as Record<string, unknown>[]
  ).map(mapItem);
}

export async function itemById(knex: Knex, id: number, forUpdate = false): Promise<SpotCheckItemRow | null> {
  const q = knex('spot_check_item').select('*').where({ id }).first();
  if (forUpdate) q.forUpdate();
  const r = (await q) as Record<string, unknown> | undefined;
  return r ? mapItem(r) : null;
}

export async function updateItemAt(
  trx: Knex.Transaction,
  id: number,
  version: number,
  cols: Record<string, unknown>,
): Promise<number> {
  return updateAtVersion(trx, 'spot_check_item', id, version, cols);
}

/** Finance's re-score as a performance review (抽查复核), published. */
export async function insertRescoreReview(
  trx: Knex.Transaction,
  row: Record<string, unknown>,
): Promise<number> {
  const [r] = (await trx('review').insert(row).returning('id')) as { id: number }[];
  return r!.id;
}

/** Links the finding made from a deviation to the re-score review it came from. */
export async function linkFindingToReview(trx: Knex.Transaction, findingId: number, reviewId: number) {
  await trx('finding').where({ id: findingId }).update({ review_id: reviewId });
}

export async function unitName(knex: Knex, unitId: number): Promise<string> {
  const r = (await knex('organization').select('name').where({ id: unitId }).first()) as
    { name: string } | undefined;
  return r?.name ?? '';
}
