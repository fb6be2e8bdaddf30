/**
 * Agencies publish their reviews (评价/审计/稽察/审查) too: idempotent upsert by the agency's own
 * reference, and withdrawal. The grade of a performance review is derived from its score. Who may
 * publish and change a review is the policy's (src/policy/publishing.ts); the SQL is in
 * review.repo.ts. No GraphQL here.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import {
  FindingSource,
  gradeForScore,
  OrganizationKind,
  PublicationState,
  Sensitivity,
  SubjectKind,
} from '../../shared/enums.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canEditReview, publisherOf } from '../../policy/publishing.js';
import { organizationsByIds } from '../organization/organization.repo.js';
import { policiesByIds, projectsByIds } from '../project/project.repo.js';
import {
  insertReview,
  lockAgencyReviewByRef,
  lockReview,
  mapReview,
  updateReview,
  type ReviewRow,
} from './review.repo.js';

/** A review to publish or update, by the agency's reference (ids are global ids). */
export interface ReviewPublication {
  sourceRef: string;
  title: string;
  reviewType: string;
  fiscalYear: number;
  unit: string;
  project?: string | null;
  policy?: string | null;
  evaluator?: string | null;
  conclusion?: string | null;
  score?: string | null;
  indicatorResults?: { name: string; target: string; actual: string; score: string }[] | null;
  sensitivity?: Sensitivity | null;
  completedOn?: string | null;
}

export interface ReviewChange {
  review: ReviewRow;
  created: boolean;
  changed: boolean;
}

const SCORE_RE = /^\d{1,3}(\.\d{1,2})?$/;

const kindOf = async (knex: Knex, id: number) => (await organizationsByIds(knex, [id]))[0]?.kind;

/** Publishes a review as the viewer's agency, or updates it; identical input changes nothing. */
export async function publishReview(knex: Knex, v: Viewer, input: ReviewPublication): Promise<ReviewChange> {
  const me = publisherOf(v);
  const ref = input.sourceRef.trim();
  if (!ref || ref.length > 100)
    throw new UserInputProblem('REQUIRED', 'Give your reference (1-100 characters).', 'sourceRef');
  if (!input.title.trim()) throw new UserInputProblem('REQUIRED', 'Give a title.', 'title');
  if (input.fiscalYear < 1990 || input.fiscalYear > 2100)
    throw new UserInputProblem('BAD_YEAR', 'Fiscal year out of range.', 'fiscalYear');
  let score: string | null = null;
  if (input.score != null) {
    if (me.source !== FindingSource.PERFORMANCE)
      throw new UserInputProblem('NOT_APPLICABLE', 'Only performance reviews have a score.', 'score');
    if (!SCORE_RE.test(input.score) || Number(input.score) > 100)
      throw new UserInputProblem('BAD_SCORE', 'Score is 0-100 with at most two decimals.', 'score');
    score = Number(input.score).toFixed(2);
  }
  const unitId = dbId(input.unit, 'Organization', 'unit')!;
  const projectId = dbId(input.project, 'Project', 'project');
  const policyId = dbId(input.policy, 'Policy', 'policy');
  const evaluatorId = dbId(input.evaluator, 'Organization', 'evaluator');
  if ((await kindOf(knex, unitId)) !== OrganizationKind.BUDGET_UNIT)
    throw new UserInputProblem('UNKNOWN_UNIT', 'The unit must be a budget unit of the hub.', 'unit');
  if (projectId !== null && !(await projectsByIds(knex, [projectId])).length)
    throw new UserInputProblem('UNKNOWN_PROJECT', 'No such project.', 'project');
  if (policyId !== null && !(await policiesByIds(knex, [policyId])).length)
    throw new UserInputProblem('UNKNOWN_POLICY', 'No such policy.', 'policy');
  if (evaluatorId !== null && (await kindOf(knex, evaluatorId)) !== OrganizationKind.THIRD_PARTY) {
    throw new UserInputProblem(
      'UNKNOWN_EVALUATOR',
      'The evaluator must be a third-party organisation.',
      'evaluator',
    );
  }
  const cols: Record<string, unknown> = {
    title: input.title.trim(),
    review_type: input.reviewType.trim(),
    fiscal_year: input.fiscalYear,
    unit_id: unitId,
    project_id: projectId,
    policy_id: policyId,
    evaluator_id: evaluatorId,
    subject_kind:
      policyId !== null ? SubjectKind.POLICY : projectId !== null ? SubjectKind.PROJECT : SubjectKind.UNIT,
    conclusion: input.conclusion ?? null,
    score,
    grade: score === null ? null : gradeForScore(Number(score)),
    indicator_results: input.indicatorResults
      ? JSON.stringify(input.indicatorResults.map((x) => ({ ...x })))
      : null,
    sensitivity:
      input.sensitivity ??
      (me.source === FindingSource.DISCIPLINE ? Sensitivity.SECRET : Sensitivity.INTERNAL),
    completed_on: input.completedOn ?? null,
  };
  return knex.transaction(async (trx) => {
    const e = await lockAgencyReviewByRef(trx, me.agencyId, ref);
    if (!e) {
      const review = await insertReview(trx, {
        ...cols,
        source: me.source,
        agency_id: me.agencyId,
        source_ref: ref,
        publication_state: PublicationState.PUBLISHED,
        published_at: new Date(),
      });
      return { review, created: true, changed: true };
    }
    const current = mapReview(e);
    // jsonb reorders keys, and dates come back as text: compare canonical forms
    const canon = (v: unknown): string =>
      JSON.stringify(v ?? null, (_k, x) =>
        x && typeof x === 'object' && !Array.isArray(x)
          ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
          : x,
      );
    const norm = (k: string, v: unknown) =>
      k === 'indicator_results' && typeof v === 'string'
        ? JSON.parse(v)
        : k === 'completed_on' && v != null
          ? String(v).slice(0, 10)
          : v;
    const differs =
      e.publication_state !== PublicationState.PUBLISHED ||
      Object.entries(cols).some(([k, v]) => canon(norm(k, e[k])) !== canon(norm(k, v)));
    if (!differs) return { review: current, created: false, changed: false };
    const review = await updateReview(trx, e.id as number, {
      ...cols,
      publication_state: PublicationState.PUBLISHED,
      version: (e.version as number) + 1,
      updated_at: new Date(),
    });
    return { review, created: false, changed: true };
  });
}

/** Withdraws one of the viewer's agency's reviews, with a reason; it stays readable by id. */
export async function withdrawReview(
  knex: Knex,
  v: Viewer,
  input: { id: string; version: number; reason: string },
): Promise<ReviewRow> {
  publisherOf(v);
  const [id] = dbIds([input.id], 'Review', 'id')!;
  if ((input.reason ?? '').trim().length < 2)
    throw new UserInputProblem('REQUIRED', 'Give a reason.', 'reason');
  return knex.transaction(async (trx) => {
    const e = await lockReview(trx, id!);
    // a review of another agency gets the same answer as one that does not exist
    if (!e || !canEditReview(v, { agencyId: e.agency_id as number }))
      throw new UserInputProblem('NOT_FOUND', 'No such review of your agency.', 'id');
    if (e.version !== input.version)
      throw new UserInputProblem('CONFLICT', 'The review changed since you read it.', 'version');
    if (e.publication_state === PublicationState.WITHDRAWN)
      throw new UserInputProblem('INVALID_STATE', 'Already withdrawn.', 'id');
    return updateReview(trx, id!, {
      publication_state: PublicationState.WITHDRAWN,
      version: (e.version as number) + 1,
      updated_at: new Date(),
    });
  });
}
