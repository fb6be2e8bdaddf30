import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import {
  FindingSource,
  PerformanceGrade,
  PublicationState,
  Sensitivity,
  SubjectKind,
} from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { contentSql, reviewRowScope } from '../../policy/access.js';

export interface IndicatorResultRow {
  name: string;
  target: string;
  actual: string;
  score: string;
}

export interface ReviewRow {
  __typename: 'Review';
  id: string;
  dbId: number;
  source: FindingSource;
  agencyId: number;
  sourceRef: string;
  subjectKind: SubjectKind;
  unitId: number;
  projectId: number | null;
  policyId: number | null;
  evaluatorId: number | null;
  title: string;
  reviewType: string;
  fiscalYear: number;
  conclusion: string | null;
  score: string | null;
  grade: PerformanceGrade | null;
  indicatorResults: IndicatorResultRow[] | null;
  sensitivity: Sensitivity;
  publicationState: PublicationState;
  publishedAt: Date | null;
  completedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function mapReview(r: Record<string, unknown>): ReviewRow {
  return {
    __typename: 'Review',
    id: toGlobalId('Review', r.id as number),
    dbId: r.id as number,
    source: r.source as FindingSource,
    agencyId: r.agency_id as number,
    sourceRef: r.source_ref as string,
    subjectKind: r.subject_kind as SubjectKind,
    unitId: r.unit_id as number,
    projectId: r.project_id as number | null,
    policyId: r.policy_id as number | null,
    evaluatorId: r.evaluator_id as number | null,
    title: r.title as string,
    reviewType: r.review_type as string,
    fiscalYear: r.fiscal_year as number,
    conclusion: r.conclusion as string | null,
    score: r.score as string | null,
    grade: r.grade as PerformanceGrade | null,
    indicatorResults: r.indicator_results as IndicatorResultRow[] | null,
    sensitivity: r.sensitivity as Sensitivity,
    publicationState: r.publication_state as PublicationState,
    publishedAt: toDateOrNull(r.published_at),
    completedOn: r.completed_on == null ? null : String(r.completed_on),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    version: r.version as number,
  };
}

/**
 * A review as a JSON object with the keys of its row (for `mapReview`; the score as text, so it stays
 * exact), for statements that embed the relation instead of loading it separately.
 */
export const reviewJsonSql = (a: string) =>
  `json_build_object('id', ${a}.id, 'source', ${a}.source, 'agency_id', ${a}.agency_id, ` +
  `'source_ref', ${a}.source_ref, 'subject_kind', ${a}.subject_kind, 'unit_id', ${a}.unit_id, ` +
  `'project_id', ${a}.project_id, 'policy_id', ${a}.policy_id, 'evaluator_id', ${a}.evaluator_id, ` +
  `'title', ${a}.title, 'review_type', ${a}.review_type, 'fiscal_year', ${a}.fiscal_year, ` +
  `'conclusion', ${a}.conclusion, 'score', ${a}.score::text, 'grade', ${a}.grade, ` +
  `'indicator_results', ${a}.indicator_results, 'sensitivity', ${a}.sensitivity, ` +
  `'publication_state', ${a}.publication_state, 'published_at', ${a}.published_at, ` +
  `'completed_on', ${a}.completed_on, 'created_at', ${a}.created_at, 'updated_at', ${a}.updated_at, ` +
  `'version', ${a}.version)`;

export async function reviewsByIds(knex: Knex, ids: readonly number[]): Promise<ReviewRow[]> {
  return (
    await knex('review')
      .select('*')
      .whereIn('id', ids as number[])
  ).map(mapReview);
}

export interface ReviewQuery {
  sources?: FindingSource[] | null;
  fiscalYears?: number[] | null;
  unitIds?: number[] | null;
  projectIds?: number[] | null;
  grades?: PerformanceGrade[] | null;
}

export async function listReviews(
  knex: Knex,
  v: Viewer,
  q: ReviewQuery,
  args: PageArgs,
): Promise<Connection<ReviewRow>> {
  const b = knex('review as r');
  const scope = reviewRowScope(v, 'r');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  b.whereNot('r.publication_state', PublicationState.WITHDRAWN);
  if (q.sources?.length) b.whereIn('r.source', q.sources);
  if (q.fiscalYears?.length) b.whereIn('r.fiscal_year', q.fiscalYears);
  if (q.unitIds) b.whereIn('r.unit_id', q.unitIds);
  if (q.projectIds) b.whereIn('r.project_id', q.projectIds);
  if (q.grades?.length) {
    // grade is content: only rows whose content the viewer may read can match it
    const c = contentSql(v, 'r', true);
    b.whereIn('r.grade', q.grades).whereRaw(c.sql, c.bindings as Knex.RawBinding[]);
  }
  return paginate(
    knex,
    b.clone().select('r.*'),
    args,
    { expr: 'r.id', desc: true, cast: 'int' },
    mapReview,
    countOf(b),
    'r.id',
  );
}

/** A review as stored (snake_case columns), for the publishing workflow that compares and changes it. */
export type StoredReview = Record<string, unknown>;

/** The agency's review with this reference, as stored and locked for update; null if there is none. */
export async function lockAgencyReviewByRef(
  trx: Knex,
  agencyId: number,
  sourceRef: string,
): Promise<StoredReview | null> {
  return (
    ((await trx('review')
      .select('*')
      .where({ agency_id: agencyId, source_ref: sourceRef })
      .forUpdate()
      .first()) as StoredReview | undefined) ?? null
  );
}

/** One review as stored, locked for update; null if there is none. */
export async function lockReview(trx: Knex, id: number): Promise<StoredReview | null> {
  return (
    ((await trx('review').select('*').where({ id }).forUpdate().first()) as StoredReview | undefined) ?? null
  );
}

export async function insertReview(trx: Knex, values: Record<string, unknown>): Promise<ReviewRow> {
  const [row] = (await trx('review').insert(values).returning('*')) as Record<string, unknown>[];
  return mapReview(row!);
}

export async function updateReview(
  trx: Knex,
  id: number,
  values: Record<string, unknown>,
): Promise<ReviewRow> {
  const [row] = (await trx('review').where({ id }).update(values).returning('*')) as Record<
    string,
    unknown
  >[];
  return mapReview(row!);
}
