/**
 * Demo data of the budget-performance chain for budget year 2025 (issue 13), consistent with the
 * reviews and findings already generated: every project the finance bureau evaluated for 2025 (and
 * some others) has approved targets from the core library (some adjusted mid-year), spending and
 * indicator progress at the half year and at the end of September (warnings follow from them, and
 * finance acted on the red ones), a submitted self-evaluation scored a little above the evaluation's
 * score as units tend to, a 20% spot check whose re-scores agree with finance's evaluations (a
 * deviation above 10 points made a finding 自评结果与实际不符), pre-assessments for the 事前绩效评估
 * reviews (conclusions, not grades), and decisions on half the 2027 proposals, two of them overridden
 * with a reason. Also: no project's findings exceed its budget (budgets below them are raised).
 * Deterministic for a seed.
 */
import type { Knex } from 'knex';
import { gradeForScore } from '../shared/enums.js';
import {
  drawSample,
  fenToYuan,
  INDICATOR_LIBRARY,
  monitoringFlag,
  mulberry32,
  projectKindOf,
  proposals,
  toFen,
  type Indicator,
} from '../modules/performance/index.js';

const YEAR = 2025;

/** "2025年度项目名" — or "2024年某项目2025年度" when the project's name has its own year (never "2025年度2024年…"). */
const yearOf = (name: string) => (/^\d{4}年/.test(name) ? `${name}${YEAR}年度` : `${YEAR}年度${name}`);
const GRADE_TEXT = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' } as const;

export interface ChainCounts {
  targetSets: number;
  selfEvaluations: number;
  decisions: number;
}

export async function seedPerformanceChain(
  trx: Knex.Transaction,
  opts: { scale: number; seed: number },
): Promise<ChainCounts> {
  const rnd = mulberry32(opts.seed);
  const between = (a: number, b: number) => a + rnd() * (b - a);

  // findings never exceed their project's budget: raise the budgets below them (to 1.2×, whole 万元)
  await trx.raw(
    `update project p set budget_amount = ceil(s.total * 1.2 / 10000) * 10000
       from (select project_id, sum(amount_involved) total from finding where project_id is not null group by project_id) s
      where s.project_id = p.id and s.total > p.budget_amount`,
  );

  const finance = (await trx('organization').where('code', 'HC-CZJ').first('id')) as { id: number };
  const evaluated = (await trx('review')
    .select('id', 'project_id', 'unit_id', 'score')
    .where({
      source: 'PERFORMANCE',
      fiscal_year: YEAR,
      review_type: '项目支出绩效评价',
      publication_state: 'PUBLISHED',
    })
    .whereNotNull('project_id')
    .orderBy('id')) as { id: number; project_id: number; unit_id: number; score: string }[];
  const scoreOf = new Map(evaluated.map((e) => [e.project_id, Number(e.score)]));
  const extra = (await trx('project')
    .select('id')
    .where('start_year', '<=', YEAR)
    .where((q) => q.whereNull('end_year').orWhere('end_year', '>=', YEAR))
    .whereNotIn('id', [...scoreOf.keys(), 0])
    .orderBy('id')
    .limit(Math.round(40 * opts.scale))) as { id: number }[];
  const ids = [...new Set([...evaluated.map((e) => e.project_id), ...extra.map((e) => e.id)])];
  const projects = (await trx('project')
    .select('id', 'name', 'owner_unit_id', 'budget_amount')
    .whereIn('id', ids)
    .orderBy('id')) as { id: number; name: string; owner_unit_id: number; budget_amount: string }[];

  // targets: approved version 1 from the core library; every fifth adjusted mid-year (version 2)
  let targetSets = 0;
  const indicatorsOf = new Map<number, Indicator[]>();
  for (const [i, p] of projects.entries()) {
    const kind = projectKindOf(p.name);
    const inds: Indicator[] = INDICATOR_LIBRARY.filter((x) => x.projectKind === kind).map((x) => ({
      level1: x.level1,
      level2: x.level2,
      name: x.name,
      targetValue: x.targetValue,
      measureUnit: x.measureUnit,
      direction: x.direction,
      weight: x.weight,
      key: x.key,
    }));
    const common = {
      subject_key: `P:${p.id}`,
      unit_id: p.owner_unit_id,
      project_id: p.id,
      budget_year: YEAR,
      drafted_by: 'demo-unit',
      reviewed_by: 'demo-finance',
      reviewed_at: new Date(Date.UTC(YEAR - 1, 11, 20)),
    };
    const goal = `${YEAR}年完成${p.name}年度建设（实施）任务，资金支出进度与项目进度相匹配，服务对象满意度不低于90%。`;
    const adjusted = i % 5 === 4;
    const [v1] = (await trx('performance_target_set')
      .insert({
        ...common,
        set_version: 1,
        state: adjusted ? 'SUPERSEDED' : 'APPROVED',
        goal,
        indicators: JSON.stringify(inds),
      })
      .returning('id')) as { id: number }[];
    targetSets++;
    let final = inds;
    if (adjusted) {
      final = inds.map((x) =>
        x.key && x.direction !== 'QUALITATIVE'
          ? { ...x, targetValue: String(Math.round(Number(x.targetValue) * 0.8)) }
          : x,
      );
      await trx('performance_target_set').insert({
        ...common,
        set_version: 2,
        state: 'APPROVED',
        goal: goal.replace('年度建设（实施）任务', '调整后的年度建设（实施）任务'),
        indicators: JSON.stringify(final),
        adjust_reason: '受汛期及用地手续影响，经区政府同意调减年度建设任务，相应调整数量指标。',
        previous_id: v1!.id,
        reviewed_at: new Date(Date.UTC(YEAR, 6, 15)),
      });
      targetSets++;
    }
    indicatorsOf.set(p.id, final);
  }

  // monitoring: health from the evaluation's score (or at random), progress at 6-30 and 9-30
  const health = new Map(
    projects.map((p) => [p.id, Math.min(1, Math.max(0, ((scoreOf.get(p.id) ?? between(60, 98)) - 50) / 45))]),
  );
  const actions: Record<string, unknown>[] = [];
  for (const p of projects) {
    const h = health.get(p.id)!;
    const budget = toFen(p.budget_amount);
    for (const [asOf, time] of [
      ['2025-06-30', 0.496],
      ['2025-09-30', 0.748],
    ] as const) {
      const pace = Math.min(1, time * between(0.45 + 0.6 * h, 0.7 + 0.5 * h));
      const paid = (budget * BigInt(Math.round(pace * 10000))) / 10000n;
      const values = indicatorsOf
        .get(p.id)!
        .filter((x) => x.direction !== 'QUALITATIVE')
        .map((x) => ({
          name: x.name,
          value:
            x.direction === 'AT_LEAST'
              ? String(
                  Math.round(
                    Number(x.targetValue) * Math.min(1, time * between(0.5 + 0.6 * h, 0.8 + 0.5 * h)) * 100,
                  ) / 100,
                )
              : x.targetValue,
        }));
      await trx('monitoring_record').insert({
        project_id: p.id,
        unit_id: p.owner_unit_id,
        budget_year: YEAR,
        as_of: asOf,
        budget_amount: p.budget_amount,
        paid_amount: fenToYuan(paid),
        indicator_values: JSON.stringify(values),
        entered_by_org_id: p.owner_unit_id,
        entered_by: 'demo-unit',
      });
      if (asOf === '2025-09-30') {
        const flag = monitoringFlag({
          asOf,
          budgetFen: budget,
          paidFen: paid,
          indicators: indicatorsOf.get(p.id)!,
          values,
        });
        if (flag.level !== 'NONE')
          actions.push({
            project_id: p.id,
            budget_year: YEAR,
            action: flag.level === 'RED' ? (rnd() < 0.5 ? 'INTERVIEW' : 'SUSPEND_PAYMENT') : 'REMIND',
            note:
              flag.level === 'RED'
                ? '约谈单位分管负责人，要求制定整改措施，加快项目实施和资金支付进度。'
                : '书面提醒单位加快预算执行，按月报送执行进度。',
            level: flag.level,
            reasons: JSON.stringify(flag.reasons),
            agency_id: finance.id,
            recorded_by: 'demo-finance',
          });
      }
    }
  }
  if (actions.length) await trx('monitoring_action').insert(actions);

  // self-evaluations: submitted, a little above the evaluation (units tend to score themselves up)
  const selfIds: { id: number; projectId: number; score: number }[] = [];
  for (const p of projects) {
    const base = scoreOf.get(p.id) ?? between(65, 96);
    const score = Math.min(100, Math.round((base + between(1, 14)) * 100) / 100);
    const [row] = (await trx('self_evaluation')
      .insert({
        subject_key: `P:${p.id}`,
        unit_id: p.owner_unit_id,
        project_id: p.id,
        budget_year: YEAR,
        score: score.toFixed(2),
        indicator_results: JSON.stringify(
          indicatorsOf.get(p.id)!.map((x) => ({
            name: x.name,
            target: `${x.targetValue}${x.measureUnit}`,
            actual: `${x.targetValue}${x.measureUnit}`,
            score: x.weight,
          })),
        ),
        summary: `${yearOf(p.name)}按计划实施，年度绩效目标基本完成，资金使用规范。`,
        state: 'SUBMITTED',
        filed_by: 'demo-unit',
        submitted_at: new Date(Date.UTC(YEAR + 1, 2, 15)),
      })
      .returning('id')) as { id: number }[];
    selfIds.push({ id: row!.id, projectId: p.id, score });
  }

  // spot check: 20% from seed 2025, re-scored as finance's evaluation found (or 3-15 points lower)
  const byProject = new Map(projects.map((p) => [p.id, p]));
  const weakProjects = new Set(
    (
      (await trx('review')
        .select('project_id')
        .where('source', 'PERFORMANCE')
        .where('fiscal_year', '<', YEAR)
        .whereIn('grade', ['FAIR', 'POOR'])
        .whereNotNull('project_id')) as { project_id: number }[]
    ).map((x) => x.project_id),
  );
  const sample = drawSample(
    selfIds.map((s) => ({
      id: s.id,
      budgetFen: toFen(byProject.get(s.projectId)!.budget_amount),
      previouslyWeak: weakProjects.has(s.projectId),
    })),
    2000,
    2025,
  );
  const [check] = (await trx('spot_check')
    .insert({
      agency_id: finance.id,
      budget_year: YEAR,
      share_bp: 2000,
      seed: 2025,
      threshold: '10.00',
      drawn_by: 'demo-finance',
    })
    .returning('id')) as { id: number }[];
  const unitNames = new Map(
    (
      (await trx('organization').select('id', 'name').where('kind', 'BUDGET_UNIT')) as {
        id: number;
        name: string;
      }[]
    ).map((o) => [o.id, o.name]),
  );
  for (const [k, d] of sample.entries()) {
    const self = selfIds.find((s) => s.id === d.id)!;
    const p = byProject.get(self.projectId)!;
    const rescore = Math.round((scoreOf.get(p.id) ?? self.score - between(3, 15)) * 100) / 100;
    const grade = gradeForScore(rescore);
    const deviation = (Math.round(self.score * 100) - Math.round(rescore * 100)) / 100;
    const ref = `CJ-${YEAR}-${String(k + 1).padStart(5, '0')}`;
    const [rv] = (await trx('review')
      .insert({
        source: 'PERFORMANCE',
        agency_id: finance.id,
        source_ref: ref,
        subject_kind: 'PROJECT',
        unit_id: p.owner_unit_id,
        project_id: p.id,
        title: `${yearOf(p.name)}绩效自评抽查复核`,
        review_type: '抽查复核',
        fiscal_year: YEAR,
        conclusion: `复核得分${rescore.toFixed(2)}分，评价等级为“${GRADE_TEXT[grade]}”；单位自评得分${self.score.toFixed(2)}分，偏差${deviation.toFixed(2)}分。`,
        score: rescore.toFixed(2),
        grade,
        sensitivity: 'INTERNAL',
        publication_state: 'PUBLISHED',
        published_at: new Date(Date.UTC(YEAR + 1, 4, 20)),
        completed_on: `${YEAR + 1}-05-20`,
      })
      .returning('id')) as { id: number }[];
    let findingId: number | null = null;
    if (Math.abs(deviation) > 10) {
      const [fi] = (await trx('finding')
        .insert({
          source: 'PERFORMANCE',
          agency_id: finance.id,
          source_ref: `${ref}-01`,
          review_id: rv!.id,
          unit_id: p.owner_unit_id,
          project_id: p.id,
          fiscal_year: YEAR,
          category: '自评结果与实际不符',
          severity: Math.abs(deviation) > 20 ? 'SERIOUS' : 'MODERATE',
          title: '自评结果与实际不符',
          description: `${unitNames.get(p.owner_unit_id) ?? ''}${YEAR}年度“${p.name}”绩效自评得分${self.score.toFixed(2)}分，财政抽查复核得分${rescore.toFixed(2)}分，偏差${deviation.toFixed(2)}分，超过允许偏差10.00分，自评结果与实际不符。`,
          amount_involved: null,
          sensitivity: 'INTERNAL',
          publication_state: 'PUBLISHED',
          rectification_status: 'PENDING',
          published_at: new Date(Date.UTC(YEAR + 1, 4, 20)),
          indicator_name: null,
          score_deducted: null,
        })
        .returning('id')) as { id: number }[];
      findingId = fi!.id;
    }
    await trx('spot_check_item').insert({
      spot_check_id: check!.id,
      self_evaluation_id: d.id,
      weight_note: d.note,
      rescore: rescore.toFixed(2),
      rescore_review_id: rv!.id,
      finding_id: findingId,
      rescored_by: 'demo-finance',
    });
  }

  // pre-assessments: the conclusion of each 事前绩效评估 review, for the budget year after it
  const pre = (await trx('review as r')
    .join('project as p', 'p.id', 'r.project_id')
    .select(
      'r.unit_id',
      'r.project_id',
      'r.fiscal_year',
      'r.conclusion',
      'r.source_ref',
      'p.name',
      'p.budget_amount',
    )
    .where('r.review_type', '事前绩效评估')
    .orderBy('r.id')) as Record<string, unknown>[];
  const CONCLUSION: [string, string, string][] = [
    [
      '调整后予以支持',
      'SUPPORT_AFTER_ADJUSTMENT',
      '项目必要性较充分，但绩效目标不够细化、部分支出测算依据不足，建议调整后予以支持。',
    ],
    ['不予支持', 'NOT_SUPPORTED', '项目前期论证不充分，实施方案不成熟，投入产出不匹配，不予支持。'],
    ['予以支持', 'SUPPORT', '项目立项依据充分，绩效目标明确合理，实施方案可行，予以支持。'],
  ];
  if (pre.length)
    await trx('pre_assessment').insert(
      pre.map((r) => {
        const c = CONCLUSION.find(([t]) => String(r.conclusion).includes(t))!;
        return {
          agency_id: finance.id,
          unit_id: r.unit_id,
          project_id: r.project_id,
          subject_name: r.name,
          budget_year: (r.fiscal_year as number) + 1,
          requested_amount: r.budget_amount,
          conclusion: c[1],
          reasons: c[2],
          document_ref: `鹤财绩评〔${r.fiscal_year as number}〕${String(r.source_ref).slice(-3)}号`,
          assessed_by: 'demo-finance',
        };
      }),
    );

  // decisions on half the 2027 proposals: as proposed, except two the budget meeting changed
  const props = await proposals(trx, null, YEAR, { asOf: '2026-11-30' });
  const decisions = props.filter((_, i) => i % 2 === 0);
  let overrides = 0;
  for (const p of decisions) {
    const override = overrides < 2 && (p.proposal.action === 'REDUCE' || p.proposal.action === 'CANCEL');
    if (override) overrides++;
    await trx('budget_decision').insert({
      project_id: p.projectId,
      unit_id: p.unitId,
      budget_year: p.budgetYear,
      result_year: YEAR,
      rule_version: p.ruleVersion,
      proposed_action: p.proposal.action,
      proposed_amount: fenToYuan(p.proposal.proposedFen),
      action: override ? 'SUPPORT' : p.proposal.action,
      amount: override ? p.budgetAmount : fenToYuan(p.proposal.proposedFen),
      reason: override
        ? '该项目属于民生兜底保障支出，经区政府常务会议研究，2027年维持原预算规模，同时要求单位限期完成绩效整改。'
        : null,
      agency_id: finance.id,
      decided_by: 'demo-finance',
    });
  }
  return { targetSets, selfEvaluations: selfIds.length, decisions: decisions.length };
}
