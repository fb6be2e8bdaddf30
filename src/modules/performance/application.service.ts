/**
 * Result application (结果应用): proposals for budget year N+2 from year-N results, computed on read
 * from the data (so they follow it), with the rule-set version they used; finance's decisions, which
 * may differ from the proposal only with a reason; versioned rule sets.
 *
 * Which result counts for a project: finance's re-score (抽查复核) first, then finance's (or its
 * evaluator's) evaluation, then the unit's submitted self-evaluation — the latest of each kind.
 *
 * Public functions throw UserInputProblem (codes: NOT_ALLOWED, NOT_FOUND, NO_PROPOSAL, BAD_AMOUNT,
 * OVERRIDE_REASON_REQUIRED, CONFLICT, BAD_RULES, BAD_YEAR, REQUIRED, TOO_LONG).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canDecideBudget, canPublishRules } from '../../policy/performance.js';
import { BudgetAction } from './performance.entity.js';
import {
  DEFAULT_RULE_VERSION,
  DEFAULT_RULES,
  propose,
  validateRules,
  type Proposal,
  type ResultUsed,
  type RuleSet,
} from './application.rules.js';
import * as repo from './application.repo.js';
import { selfEvaluations } from './evaluation.repo.js';
import { warnings } from './monitoring.service.js';
import type { WarningLevel } from './monitoring.flags.js';
import { fenToYuan, toFen } from './money-text.js';
import { checkYear } from './targets.service.js';

export interface ProposalRow {
  __typename: 'BudgetProposal';
  projectId: number;
  unitId: number;
  projectCode: string;
  projectName: string;
  unitName: string;
  resultYear: number;
  budgetYear: number;
  ruleVersion: number;
  budgetAmount: string;
  result: ResultUsed | null;
  resultReviewId: number | null;
  otherReviewIds: number[];
  selfEvaluationId: number | null;
  monitoringLevel: WarningLevel;
  overdueRectifications: number;
  proposal: Proposal;
  decision: repo.DecisionRow | null;
}

export interface ProposalFilter {
  unitId?: number | null;
  projectId?: number | null;
  actions?: BudgetAction[] | null;
  decided?: boolean | null;
  /** Decided differently from the proposal. */
  overridden?: boolean | null;
  /** Date overdue rectifications are counted at (default today). */
  asOf?: string | null;
}

export async function currentRules(knex: Knex): Promise<{ version: number; rules: RuleSet }> {
  const all = await repo.ruleSets(knex);
  const last = all[all.length - 1];
  return last
    ? { version: last.ruleVersion, rules: last.rules }
    : { version: DEFAULT_RULE_VERSION, rules: DEFAULT_RULES };
}

export async function ruleSetHistory(knex: Knex): Promise<repo.RuleSetRow[]> {
  const stored = await repo.ruleSets(knex);
  const dflt: repo.RuleSetRow = {
    ruleVersion: DEFAULT_RULE_VERSION,
    rules: DEFAULT_RULES,
    note: '默认规则：优先保障优等、支持良等、压减中等10%、取消或暂停差等；有逾期未整改问题的单位暂扣10%。',
    publishedBy: null,
    createdAt: null,
  };
  return [dflt, ...stored];
}

const differs = (d: repo.DecisionRow) =>
  d.action !== d.proposedAction || toFen(d.amount) !== toFen(d.proposedAmount);

/** The proposals of a result year, as the viewer may see them, with the decisions taken. */
export async function proposals(
  knex: Knex,
  v: Viewer | null,
  resultYear: number,
  f: ProposalFilter = {},
): Promise<ProposalRow[]> {
  checkYear(resultYear, 'resultYear');
  const { version, rules } = await currentRules(knex);
  const pop = await repo.population(knex, v, resultYear, f);
  const ids = pop.map((p) => p.projectId);
  // one after another: inside a transaction they share one connection
  const reviews = await repo.reviewsOf(knex, ids, resultYear);
  const selfs = await selfEvaluations(knex, null, {
    budgetYear: resultYear,
    submittedOnly: true,
    projectIds: ids,
  });
  const flags = await warnings(knex, null, { budgetYear: resultYear, projectIds: ids });
  const overdue = await repo.overdueByUnit(
    knex,
    [...new Set(pop.map((p) => p.unitId))],
    f.asOf ?? new Date().toISOString().slice(0, 10),
  );
  const decisions = await repo.decisionsOf(knex, ids, resultYear + 2);
  const reviewsBy = new Map<number, repo.ResultReview[]>();
  for (const r of reviews) reviewsBy.set(r.projectId, [...(reviewsBy.get(r.projectId) ?? []), r]);
  const selfBy = new Map(selfs.map((s) => [s.projectId!, s]));
  const flagBy = new Map(flags.map((w) => [w.projectId, w.flag]));
  const out: ProposalRow[] = [];
  for (const p of pop) {
    const rs = reviewsBy.get(p.projectId) ?? [];
    const rescore = rs.find((r) => r.reviewType === '抽查复核');
    const evaluation = rs.find((r) => r.reviewType !== '抽查复核');
    const self = selfBy.get(p.projectId) ?? null;
    const used = rescore ?? evaluation ?? null;
    const asResult = (r: repo.ResultReview): ResultUsed => ({
      title: r.title,
      sourceRef: r.sourceRef,
      score: r.score,
      kind: r.reviewType === '抽查复核' ? 'RESCORE' : 'REVIEW',
    });
    const selfResult: ResultUsed | null = self
      ? {
          title: `${resultYear}年度${p.name}绩效自评`,
          sourceRef: `自评${self.dbId}`,
          score: self.score,
          kind: 'SELF',
        }
      : null;
    const result = used ? asResult(used) : selfResult;
    const others = [
      ...rs.filter((r) => r !== used).map(asResult),
      ...(used && selfResult ? [selfResult] : []),
    ];
    const flag = flagBy.get(p.projectId);
    const proposal = propose(rules, version, {
      resultYear,
      budgetFen: toFen(p.budgetAmount),
      result,
      otherResults: others,
      monitoring: flag ? { level: flag.level, reasons: flag.reasons } : null,
      overdueRectifications: overdue.get(p.unitId) ?? 0,
    });
    const decision = decisions.get(p.projectId) ?? null;
    if (f.actions?.length && !f.actions.includes(proposal.action)) continue;
    if (f.decided != null && (decision !== null) !== f.decided) continue;
    if (f.overridden != null && (decision !== null && differs(decision)) !== f.overridden) continue;
    out.push({
      __typename: 'BudgetProposal',
      projectId: p.projectId,
      unitId: p.unitId,
      projectCode: p.code,
      projectName: p.name,
      unitName: p.unitName,
      resultYear,
      budgetYear: resultYear + 2,
      ruleVersion: version,
      budgetAmount: p.budgetAmount,
      result,
      resultReviewId: used?.id ?? null,
      otherReviewIds: rs.filter((r) => r !== used).map((r) => r.id),
      selfEvaluationId: self?.dbId ?? null,
      monitoringLevel: flag?.level ?? 'NONE',
      overdueRectifications: overdue.get(p.unitId) ?? 0,
      proposal,
      decision,
    });
  }
  return out;
}

export interface DecisionInput {
  projectId: number;
  resultYear: number;
  action: BudgetAction;
  amount: string;
  reason: string | null;
  /** The decision's version read, when changing one already recorded. */
  version: number | null;
}

/** Finance records the decision it took; a decision that differs from the proposal needs a reason. */
export async function recordDecision(knex: Knex, v: Viewer, input: DecisionInput): Promise<void> {
  if (!canDecideBudget(v))
    throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau records budget decisions.');
  checkYear(input.resultYear, 'resultYear');
  const amount = toFen(input.amount);
  if (amount < 0n) throw new UserInputProblem('BAD_AMOUNT', 'The amount cannot be negative.', 'amount');
  if (input.action === BudgetAction.CANCEL && amount !== 0n)
    throw new UserInputProblem('BAD_AMOUNT', 'A cancelled project is given no budget (0.00).', 'amount');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 2000)
    throw new UserInputProblem('TOO_LONG', '调整理由不超过2000个字。', 'reason');
  await knex.transaction(async (trx) => {
    const [p] = await proposals(trx, v, input.resultYear, { projectId: input.projectId });
    if (!p)
      throw new UserInputProblem(
        'NO_PROPOSAL',
        'The project has no result of that year to apply.',
        'project',
      );
    const proposedFen = p.proposal.proposedFen;
    if ((input.action !== p.proposal.action || amount !== proposedFen) && !reason)
      throw new UserInputProblem(
        'OVERRIDE_REASON_REQUIRED',
        'The decision differs from the proposal; give the reason (调整理由).',
        'reason',
      );
    const cols = {
      rule_version: p.ruleVersion,
      proposed_action: p.proposal.action,
      proposed_amount: fenToYuan(proposedFen),
      action: input.action,
      amount: fenToYuan(amount),
      reason,
      agency_id: v.orgId,
      decided_by: v.userId ?? 'unknown',
    };
    const existing = await repo.decisionForUpdate(trx, input.projectId, p.budgetYear);
    if (!existing) {
      if (input.version != null)
        throw new UserInputProblem('NOT_FOUND', 'No decision to change; omit the version.', 'version');
      // a concurrent first decision hits the unique key: report it as a conflict, not a failure
      try {
        await trx.transaction(async (sp) =>
          repo.insertDecision(sp, {
            ...cols,
            project_id: input.projectId,
            unit_id: p.unitId,
            budget_year: p.budgetYear,
            result_year: input.resultYear,
          }),
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505')
          throw new UserInputProblem(
            'CONFLICT',
            'Another decision was recorded meanwhile; read it and try again.',
            'version',
          );
        throw e;
      }
      return;
    }
    if (existing.version !== input.version)
      throw new UserInputProblem(
        'CONFLICT',
        `The decision changed since you read it (version ${existing.version}, not ${input.version ?? 'none'}).`,
        'version',
      );
    await repo.updateDecisionAt(trx, existing.dbId, existing.version, cols);
  });
}

/** Finance publishes a new version of the rules; earlier proposals keep naming the version they used. */
export async function publishRules(knex: Knex, v: Viewer, rules: RuleSet, note: string): Promise<number> {
  if (!canPublishRules(v))
    throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau publishes the rules.');
  validateRules(rules);
  const n = (note ?? '').trim();
  if (n.length < 2) throw new UserInputProblem('REQUIRED', '请说明规则调整的依据。', 'note');
  const { version } = await currentRules(knex);
  try {
    await repo.insertRuleSet(knex, {
      rule_version: version + 1,
      rules: JSON.stringify(rules),
      note: n.slice(0, 2000),
      published_by: v.userId ?? 'unknown',
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505')
      throw new UserInputProblem(
        'CONFLICT',
        'Another version was published meanwhile; read it and try again.',
      );
    throw e;
  }
  return version + 1;
}
