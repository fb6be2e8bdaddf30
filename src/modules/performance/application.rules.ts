/**
 * Result application rules (结果应用规则): from a year-N result to a budget action for year N+2, and
 * the proposal with its explanation. Pure functions, table-tested (test/performance-application.test.ts).
 *
 * The default is the usual practice: 优 (≥ 90) priority support, 良 (80–89) support, 中 (60–79) reduce
 * by a set share, 差 (< 60) cancel or suspend; and while the unit has overdue rectifications a share
 * of each of its projects' budgets is held back. Finance publishes other versions (rule sets are
 * versioned; a proposal names the version it used).
 */
import { UserInputProblem } from '../../shared/user-error.js';
import { BudgetAction } from './performance.entity.js';
import { bpText, fenToYuan, shareOf, wanText } from './money-text.js';
import type { WarningLevel } from './monitoring.flags.js';

export interface Band {
  /** 优 / 良 / 中 / 差, or the finance bureau's own labels. */
  label: string;
  /** Lowest score in the band (inclusive). */
  minScore: number;
  action: BudgetAction;
  /** Share of the budget cut, basis points (REDUCE: > 0; CANCEL: 10000). */
  reduceBp: number;
  /** Contribution to the unit's annual assessment (单位绩效考核), points. */
  assessmentPoints: number;
}

export interface RuleSet {
  /** Highest score first; the last band starts at 0. */
  bands: Band[];
  /** Held back of each project's budget while the unit has overdue rectifications, basis points. */
  holdBackBp: number;
}

export const DEFAULT_RULES: RuleSet = {
  bands: [
    { label: '优', minScore: 90, action: BudgetAction.PRIORITY, reduceBp: 0, assessmentPoints: 10 },
    { label: '良', minScore: 80, action: BudgetAction.SUPPORT, reduceBp: 0, assessmentPoints: 8 },
    { label: '中', minScore: 60, action: BudgetAction.REDUCE, reduceBp: 1000, assessmentPoints: 5 },
    { label: '差', minScore: 0, action: BudgetAction.CANCEL, reduceBp: 10000, assessmentPoints: 0 },
  ],
  holdBackBp: 1000,
};
export const DEFAULT_RULE_VERSION = 1;

export const ACTION_TEXT: Record<BudgetAction, string> = {
  PRIORITY: '优先保障',
  SUPPORT: '予以支持',
  REDUCE: '压减',
  CANCEL: '取消或暂停',
};
export const LEVEL_TEXT: Record<WarningLevel, string> = { NONE: '无', YELLOW: '黄色', RED: '红色' };

/** Checks a rule set; throws UserInputProblem BAD_RULES naming the band. */
export function validateRules(r: RuleSet): RuleSet {
  const bad = (m: string, f = 'bands') => new UserInputProblem('BAD_RULES', m, f);
  if (!r.bands.length || r.bands.length > 10) throw bad('结果应用规则须有1至10个等次。');
  r.bands.forEach((b, i) => {
    if (!b.label.trim() || b.label.length > 10) throw bad(`第${i + 1}个等次须有名称（不超过10个字）。`);
    if (!Number.isFinite(b.minScore) || b.minScore < 0 || b.minScore > 100)
      throw bad(`等次“${b.label}”的最低分须在0至100之间。`);
    if (i > 0 && b.minScore >= r.bands[i - 1]!.minScore)
      throw bad(`等次须按最低分从高到低排列（“${b.label}”）。`);
    if (!Number.isInteger(b.reduceBp) || b.reduceBp < 0 || b.reduceBp > 10000)
      throw bad(`等次“${b.label}”的压减比例须在0至100%之间。`);
    if (b.action === BudgetAction.REDUCE && b.reduceBp === 0)
      throw bad(`等次“${b.label}”为压减，须设定压减比例。`);
    if (b.action === BudgetAction.CANCEL && b.reduceBp !== 10000)
      throw bad(`等次“${b.label}”为取消或暂停，压减比例须为100%。`);
    if ((b.action === BudgetAction.PRIORITY || b.action === BudgetAction.SUPPORT) && b.reduceBp !== 0)
      throw bad(`等次“${b.label}”为支持，不应压减。`);
    if (!Number.isFinite(b.assessmentPoints) || b.assessmentPoints < 0 || b.assessmentPoints > 100)
      throw bad(`等次“${b.label}”的考核计分须在0至100之间。`);
  });
  if (r.bands[r.bands.length - 1]!.minScore !== 0)
    throw bad('最后一个等次的最低分须为0，使每个得分都有等次。');
  if (!Number.isInteger(r.holdBackBp) || r.holdBackBp < 0 || r.holdBackBp > 10000)
    throw bad('暂扣比例须在0至100%之间。', 'holdBackBp');
  return r;
}

export interface ResultUsed {
  /** "2025年度项目支出绩效评价" etc., with the agency's reference. */
  title: string;
  sourceRef: string;
  score: string;
  kind: 'RESCORE' | 'REVIEW' | 'SELF';
}

export interface ProposalInput {
  resultYear: number;
  budgetFen: bigint;
  /** The result used (re-score before evaluation before self-evaluation); null = none. */
  result: ResultUsed | null;
  /** Other results of the year that were not used, named for the record. */
  otherResults: ResultUsed[];
  monitoring: { level: WarningLevel; reasons: string[] } | null;
  overdueRectifications: number;
}

export interface Proposal {
  bandLabel: string | null;
  action: BudgetAction;
  reduceFen: bigint;
  holdBackFen: bigint;
  proposedFen: bigint;
  assessmentPoints: number | null;
  explanation: string;
}

const KIND_TEXT = { RESCORE: '财政抽查复核', REVIEW: '财政评价', SELF: '单位自评' } as const;

export function bandOf(rules: RuleSet, score: number): Band {
  return rules.bands.find((b) => score >= b.minScore) ?? rules.bands[rules.bands.length - 1]!;
}

const range = (rules: RuleSet, b: Band) => {
  const i = rules.bands.indexOf(b);
  const upper = i === 0 ? null : rules.bands[i - 1]!.minScore;
  return upper === null
    ? `${b.minScore}分及以上`
    : b.minScore === 0
      ? `${upper}分以下`
      : `${b.minScore}—${upper}分以下`;
};

/** The proposal for one project. Without a result: support at the current budget, for ordinary review. */
export function propose(rules: RuleSet, ruleVersion: number, p: ProposalInput): Proposal {
  const parts: string[] = [];
  const budgetYear = p.resultYear + 2;
  let action = BudgetAction.SUPPORT;
  let reduceFen = 0n;
  let band: Band | null = null;
  if (p.result) {
    band = bandOf(rules, Number(p.result.score));
    action = band.action;
    reduceFen = shareOf(p.budgetFen, band.reduceBp);
    parts.push(
      `依据${p.resultYear}年度${KIND_TEXT[p.result.kind]}“${p.result.title}”（${p.result.sourceRef}），得分${p.result.score}分，等次“${band.label}”；` +
        `按结果应用规则第${ruleVersion}版，${band.label}（${range(rules, band)}）${ACTION_TEXT[band.action]}` +
        (band.action === BudgetAction.REDUCE ? `${bpText(band.reduceBp)}（${wanText(reduceFen)}）` : '') +
        '。',
    );
    if (p.otherResults.length)
      parts.push(
        `同年度其他结果：${p.otherResults.map((o) => `${KIND_TEXT[o.kind]}${o.sourceRef}得分${o.score}分`).join('；')}。`,
      );
  } else {
    parts.push(`${p.resultYear}年度无绩效评价或自评结果，按常规审核安排。`);
  }
  if (p.monitoring && p.monitoring.level !== 'NONE')
    parts.push(`执行监控预警：${LEVEL_TEXT[p.monitoring.level]}（${p.monitoring.reasons.join('')}）`);
  let holdBackFen = 0n;
  if (p.overdueRectifications > 0 && action !== BudgetAction.CANCEL && rules.holdBackBp > 0) {
    holdBackFen = shareOf(p.budgetFen - reduceFen, rules.holdBackBp);
    parts.push(
      `单位有逾期未完成整改的问题${p.overdueRectifications}项，暂扣预算${bpText(rules.holdBackBp)}（${wanText(holdBackFen)}），整改销号后拨付。`,
    );
  } else if (p.overdueRectifications > 0) {
    parts.push(`单位有逾期未完成整改的问题${p.overdueRectifications}项。`);
  }
  const proposedFen = p.budgetFen - reduceFen - holdBackFen;
  parts.push(`建议${budgetYear}年预算安排${wanText(proposedFen)}（${fenToYuan(proposedFen)}元）。`);
  return {
    bandLabel: band?.label ?? null,
    action,
    reduceFen,
    holdBackFen,
    proposedFen,
    assessmentPoints: band?.assessmentPoints ?? null,
    explanation: parts.join(''),
  };
}
