/**
 * Self-evaluation (自评) and spot checks (抽查复核). A unit files its own self-evaluation of a project or
 * of its overall performance; finance draws a reproducible, weighted sample of the submitted ones,
 * re-scores each as a review of its own (抽查复核), and a deviation above the sample's threshold becomes
 * a finding (自评结果与实际不符) published through the ordinary publishing path, linked to the re-score
 * review and, through the spot-check item, to the self-evaluation.
 *
 * Public functions throw UserInputProblem (codes: NOT_FOUND, NOT_ALLOWED, CONFLICT, ILLEGAL_TRANSITION,
 * BAD_SCORE, BAD_SHARE, BAD_SEED, EMPTY_POPULATION, ALREADY_RESCORED, REQUIRED, TOO_LONG, BAD_YEAR).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import {
  FindingSource,
  gradeForScore,
  PublicationState,
  Sensitivity,
  Severity,
  SubjectKind,
} from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import {
  canEditSelfEvaluation,
  canFileSelfEvaluation,
  canRunSpotCheck,
  canSeeSelfEvaluation,
} from '../../policy/performance.js';
import { publishFindings } from '../publishing/publishing.service.js';
import { SelfEvaluationState } from './performance.entity.js';
import * as repo from './evaluation.repo.js';
import { approvedSet, lockSubjectYear, subjectInfo } from './targets.repo.js';
import { drawSample } from './spot-check.sample.js';
import { toFen } from './money-text.js';
import { checkYear, text } from './targets.service.js';

const SCORE = /^\d{1,3}(\.\d{1,2})?$/;
const GRADE_TEXT = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' } as const;

export function checkScore(s: string, field = 'score'): string {
  const t = (s ?? '').trim();
  if (!SCORE.test(t) || Number(t) > 100)
    throw new UserInputProblem('BAD_SCORE', 'A score is 0 to 100 with at most two decimals.', field);
  return Number(t).toFixed(2);
}

export interface SelfEvaluationInput {
  subject: { kind: 'P' | 'U'; id: number };
  budgetYear: number;
  score: string;
  indicatorResults: { name: string; target: string; actual: string; score: string }[];
  summary: string;
  /** The version read when updating an existing draft; absent for a new one. */
  version: number | null;
}

/** The unit saves its self-evaluation draft (creates it, or updates it at the version read). */
export async function saveSelfEvaluation(knex: Knex, v: Viewer, input: SelfEvaluationInput): Promise<number> {
  checkYear(input.budgetYear);
  const info = await subjectInfo(knex, input.subject.kind, input.subject.id);
  if (!info) throw new UserInputProblem('NOT_FOUND', 'No such project or unit.', 'subject');
  if (!canFileSelfEvaluation(v, info.unitId))
    throw new UserInputProblem(
      'NOT_ALLOWED',
      'A unit files self-evaluations of its own projects only.',
      'subject',
    );
  const score = checkScore(input.score);
  const summary = text(input.summary, 'summary', '自评报告摘要', 5000);
  const results = input.indicatorResults.map((r, i) => ({
    name: text(r.name, `indicatorResults.${i}.name`, '指标名称', 100),
    target: r.target.trim().slice(0, 100),
    actual: r.actual.trim().slice(0, 100),
    score: checkScore(r.score, `indicatorResults.${i}.score`),
  }));
  const key = `${input.subject.kind}:${input.subject.id}`;
  return knex.transaction(async (trx) => {
    await lockSubjectYear(trx, `self:${key}:${input.budgetYear}`);
    const set = await approvedSet(trx, key, input.budgetYear);
    const cols = {
      score,
      indicator_results: JSON.stringify(results),
      summary,
      target_set_id: set?.dbId ?? null,
      filed_by: v.userId ?? 'unknown',
    };
    const existing = await repo.selfEvaluationBySubject(trx, key, input.budgetYear);
    if (!existing) {
      if (input.version != null)
        throw new UserInputProblem('NOT_FOUND', 'No self-evaluation to update; omit the version.', 'version');
      return repo.insertSelfEvaluation(trx, {
        ...cols,
        subject_key: key,
        unit_id: info.unitId,
        project_id: info.projectId,
        budget_year: input.budgetYear,
        state: SelfEvaluationState.DRAFT,
      });
    }
    if (!canEditSelfEvaluation(v, existing))
      throw new UserInputProblem(
        'ILLEGAL_TRANSITION',
        'A submitted self-evaluation is not edited.',
        'subject',
      );
    if (existing.version !== input.version)
      throw new UserInputProblem(
        'CONFLICT',
        `The self-evaluation changed since you read it (version ${existing.version}, not ${input.version ?? 'none'}).`,
        'version',
      );
    await repo.updateSelfEvaluationAt(trx, existing.dbId, existing.version, cols);
    return existing.dbId;
  });
}

/** The unit submits its self-evaluation to finance (报送). */
export async function submitSelfEvaluation(knex: Knex, v: Viewer, input: { id: number; version: number }) {
  await knex.transaction(async (trx) => {
    const s = await repo.selfEvaluationById(trx, input.id, true);
    if (!s || !canSeeSelfEvaluation(v, s))
      throw new UserInputProblem('NOT_FOUND', 'No such self-evaluation.', 'id');
    if (!canEditSelfEvaluation(v, s))
      throw new UserInputProblem('ILLEGAL_TRANSITION', 'Only the unit submits its own draft.', 'id');
    if (s.version !== input.version)
      throw new UserInputProblem(
        'CONFLICT',
        `The self-evaluation changed (version ${s.version}).`,
        'version',
      );
    await repo.updateSelfEvaluationAt(trx, s.dbId, s.version, {
      state: SelfEvaluationState.SUBMITTED,
      submitted_at: new Date(),
    });
  });
}

/** Finance draws a spot-check sample: `sharePercent` of the submitted self-evaluations, from `seed`. */
export async function drawSpotCheck(
  knex: Knex,
  v: Viewer,
  input: { budgetYear: number; sharePercent: string; seed: number; threshold: string },
): Promise<number> {
  if (!canRunSpotCheck(v))
    throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau draws spot checks.');
  checkYear(input.budgetYear);
  if (
    !/^\d{1,3}(\.\d{1,2})?$/.test(input.sharePercent) ||
    Number(input.sharePercent) <= 0 ||
    Number(input.sharePercent) > 100
  )
    throw new UserInputProblem(
      'BAD_SHARE',
      'The share is a percentage above 0 and up to 100.',
      'sharePercent',
    );
  if (!Number.isInteger(input.seed) || input.seed < 0)
    throw new UserInputProblem('BAD_SEED', 'The seed is a non-negative whole number.', 'seed');
  const threshold = checkScore(input.threshold, 'threshold');
  const shareBp = Math.round(Number(input.sharePercent) * 100);
  return knex.transaction(async (trx) => {
    const pop = await repo.spotCheckPopulation(trx, input.budgetYear);
    if (!pop.length)
      throw new UserInputProblem(
        'EMPTY_POPULATION',
        'No submitted self-evaluations of that year.',
        'budgetYear',
      );
    const sample = drawSample(
      pop.map((p) => ({ id: p.id, budgetFen: toFen(p.budget), previouslyWeak: p.weak })),
      shareBp,
      input.seed,
    );
    return repo.insertSpotCheck(
      trx,
      {
        agency_id: v.orgId,
        budget_year: input.budgetYear,
        share_bp: shareBp,
        seed: input.seed,
        threshold,
        drawn_by: v.userId ?? 'unknown',
      },
      sample.map((s) => ({ self_evaluation_id: s.id, weight_note: s.note })),
    );
  });
}

/** Deviation = self-score − re-score (positive: the unit scored itself higher). */
export const deviationOf = (self: string, rescore: string) =>
  ((Math.round(Number(self) * 100) - Math.round(Number(rescore) * 100)) / 100).toFixed(2);

/**
 * Finance re-scores a sampled self-evaluation: a review of its own (抽查复核), and, when the deviation
 * exceeds the sample's threshold, a finding 自评结果与实际不符 published as the finance bureau's.
 */
export async function rescore(
  knex: Knex,
  v: Viewer,
  input: { itemId: number; version: number; score: string; note: string },
): Promise<void> {
  if (!canRunSpotCheck(v)) throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau re-scores.');
  const score = checkScore(input.score);
  const note = text(input.note, 'note', '复核意见');
  await knex.transaction(async (trx) => {
    const item = await repo.itemById(trx, input.itemId, true);
    if (!item) throw new UserInputProblem('NOT_FOUND', 'No such spot-check item.', 'item');
    if (item.rescore !== null)
      throw new UserInputProblem('ALREADY_RESCORED', 'This item has been re-scored.', 'item');
    if (item.version !== input.version)
      throw new UserInputProblem('CONFLICT', `The item changed (version ${item.version}).`, 'version');
    const [check] = await repo.spotChecks(trx, { ids: [item.spotCheckId] });
    const self = (await repo.selfEvaluationById(trx, item.selfEvaluationId))!;
    const subject = self.projectId
      ? (await subjectInfo(trx, 'P', self.projectId))!
      : (await subjectInfo(trx, 'U', self.unitId))!;
    const unitName = await repo.unitName(trx, self.unitId);
    const grade = gradeForScore(Number(score));
    const deviation = deviationOf(self.score, score);
    const year = self.budgetYear;
    const ref = `CJ-${year}-${String(item.dbId).padStart(5, '0')}`;
    const reviewId = await repo.insertRescoreReview(trx, {
      source: FindingSource.PERFORMANCE,
      agency_id: v.orgId,
      source_ref: ref,
      subject_kind: self.projectId ? SubjectKind.PROJECT : SubjectKind.UNIT,
      unit_id: self.unitId,
      project_id: self.projectId,
      title: `${year}年度${subject.name}绩效自评抽查复核`,
      review_type: '抽查复核',
      fiscal_year: year,
      conclusion: `复核得分${score}分，评价等级为“${GRADE_TEXT[grade]}”；单位自评得分${self.score}分，偏差${deviation}分。${note}`,
      score,
      grade,
      indicator_results: JSON.stringify(self.indicatorResults),
      sensitivity: Sensitivity.INTERNAL,
      publication_state: PublicationState.PUBLISHED,
      published_at: new Date(),
      completed_on: new Date().toISOString().slice(0, 10),
    });
    let findingId: number | null = null;
    if (Math.abs(Number(deviation)) > Number(check!.threshold)) {
      const report = await publishFindings(
        trx,
        v,
        [
          {
            rowNumber: 1,
            source: FindingSource.PERFORMANCE,
            sourceRef: `${ref}-01`,
            title: '自评结果与实际不符',
            description: `${unitName}${year}年度“${subject.name}”绩效自评得分${self.score}分，财政抽查复核得分${score}分，偏差${deviation}分，超过允许偏差${check!.threshold}分，自评结果与实际不符。`,
            category: '自评结果与实际不符',
            unitCode: null,
            unitName: null,
            projectCode: null,
            projectName: null,
            unitId: self.unitId,
            projectId: self.projectId,
            fiscalYear: year,
            severity:
              Math.abs(Number(deviation)) > 2 * Number(check!.threshold)
                ? Severity.SERIOUS
                : Severity.MODERATE,
            amountInvolved: null,
            sensitivity: Sensitivity.INTERNAL,
            responsiblePerson: null,
            responsiblePhone: null,
            indicatorName: null,
            scoreDeducted: null,
          },
        ],
        { dryRun: false, reason: `抽查复核${ref}` },
      );
      if (report.problems.length)
        throw new Error(`publishing a spot-check finding failed: ${report.problems[0]!.code}`);
      findingId = report.findingIds[0]!;
      await repo.linkFindingToReview(trx, findingId, reviewId);
    }
    const n = await repo.updateItemAt(trx, item.dbId, item.version, {
      rescore: score,
      rescore_review_id: reviewId,
      finding_id: findingId,
      rescored_by: v.userId ?? 'unknown',
    });
    if (n !== 1) throw new UserInputProblem('CONFLICT', 'The item changed; try again.', 'version');
  });
}
