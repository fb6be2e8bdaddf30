/**
 * The budget-performance chain through the API (issue 13): targets drafted, returned, approved and
 * adjusted as a new version; a pre-assessment's conclusion; monitoring warnings derived from
 * constructed spending and indicator series; a reproducible spot-check sample whose deviation
 * becomes a finding linked to both results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, Role } from '../src/shared/enums.js';
import { monitoringFlag, timeProgress } from '../src/modules/performance/monitoring.flags.js';
import { drawSample } from '../src/modules/performance/spot-check.sample.js';
import { IndicatorDirection as D } from '../src/modules/performance/performance.entity.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
});
afterAll(async () => hub?.stop());

const tok = (role: Role, org: Org) => hub.token(role, org.code);
async function ok<T = any>(doc: string, vars: Record<string, unknown>, token: string): Promise<T> {
  const res = await hub.gql(doc, vars, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
const codes = (p: { userErrors: { code: string }[] }) => p.userErrors.map((e) => e.code);

const SET = `id state setVersion goal budgetYear adjustReason returnReason version viewerCanEdit viewerCanReview viewerCanAdjust
  previous { id setVersion } indicators { level1 level2 name targetValue direction weight key }`;
const DRAFT = `mutation($input: PerformanceTargetSetDraftInput!) { performanceTargetSetDraft(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const UPDATE = `mutation($input: PerformanceTargetSetUpdateInput!) { performanceTargetSetUpdate(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const SUBMIT = `mutation($input: PerformanceTargetSetStepInput!) { performanceTargetSetSubmit(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const APPROVE = `mutation($input: PerformanceTargetSetStepInput!) { performanceTargetSetApprove(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const RETURN = `mutation($input: PerformanceTargetSetReturnInput!) { performanceTargetSetReturn(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const ADJUST = `mutation($input: PerformanceTargetSetAdjustInput!) { performanceTargetSetAdjust(input: $input) { targetSet { ${SET} } userErrors { code field message } } }`;
const SETS = `query($y: Int, $p: ID) { performanceTargetSets(budgetYear: $y, project: $p) { ${SET} } }`;

const indicators = (done = '1200') => [
  {
    level1: '产出指标',
    level2: '数量指标',
    name: '改造老旧小区户数',
    targetValue: done,
    measureUnit: '户',
    direction: 'AT_LEAST',
    weight: '30',
    key: true,
  },
  {
    level1: '产出指标',
    level2: '质量指标',
    name: '工程验收合格率',
    targetValue: '100',
    measureUnit: '%',
    direction: 'AT_LEAST',
    weight: '20',
  },
  {
    level1: '效益指标',
    level2: '社会效益指标',
    name: '居住环境改善',
    targetValue: '明显改善',
    measureUnit: '',
    direction: 'QUALITATIVE',
    weight: '30',
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    name: '居民满意度',
    targetValue: '90',
    measureUnit: '%',
    direction: 'AT_LEAST',
    weight: '20',
  },
];

describe('performance targets (绩效目标)', () => {
  it('a unit drafts, finance returns with reasons, the unit revises, finance approves; an adjustment is a new version that supersedes on approval', async () => {
    const p = await f.project(w.unitA, { name: '2025年城区老旧小区改造', budget_amount: '8000000.00' });
    const unit = await tok(Role.UNIT, w.unitA);
    const finance = await tok(Role.FINANCE, w.finance);
    const audit = await tok(Role.AUDIT, w.audit);

    // a bad indicator is refused with its position, and nothing is written
    const bad = (
      await ok(
        DRAFT,
        {
          input: {
            subject: p.gid,
            budgetYear: 2025,
            goal: '完成老旧小区改造1200户',
            indicators: [{ ...indicators()[0], level2: '社会效益指标' }],
          },
        },
        unit,
      )
    ).performanceTargetSetDraft;
    expect(bad.userErrors).toEqual([
      expect.objectContaining({ code: 'BAD_INDICATOR', field: 'indicators.0' }),
    ]);
    expect((await ok(SETS, { p: p.gid }, unit)).performanceTargetSets).toEqual([]);

    const d = (
      await ok(
        DRAFT,
        {
          input: {
            subject: p.gid,
            budgetYear: 2025,
            goal: '完成老旧小区改造1200户',
            indicators: indicators(),
          },
        },
        unit,
      )
    ).performanceTargetSetDraft;
    expect(d.userErrors).toEqual([]);
    const v1 = d.targetSet;
    expect(v1).toMatchObject({ state: 'DRAFT', setVersion: 1, viewerCanEdit: true, viewerCanReview: false });
    expect(v1.indicators).toHaveLength(4);
    // a draft is the unit's alone
    expect((await ok(SETS, { p: p.gid }, finance)).performanceTargetSets).toEqual([]);

    const s1 = (await ok(SUBMIT, { input: { id: v1.id, version: v1.version } }, unit))
      .performanceTargetSetSubmit;
    expect(s1.targetSet.state).toBe('SUBMITTED');
    const [seen] = (await ok(SETS, { p: p.gid }, finance)).performanceTargetSets;
    expect(seen).toMatchObject({ state: 'SUBMITTED', viewerCanReview: true, viewerCanEdit: false });

    // a stale version is a conflict
    const stale = (
      await ok(RETURN, { input: { id: v1.id, version: v1.version, reason: '指标未量化' } }, finance)
    ).performanceTargetSetReturn;
    expect(codes(stale)).toEqual(['CONFLICT']);
    const r = (
      await ok(
        RETURN,
        {
          input: {
            id: v1.id,
            version: seen.version,
            reason: '满意度指标缺少调查方式，产出数量与预算测算不一致',
          },
        },
        finance,
      )
    ).performanceTargetSetReturn;
    expect(r.targetSet).toMatchObject({
      state: 'RETURNED',
      returnReason: '满意度指标缺少调查方式，产出数量与预算测算不一致',
    });

    const u = (
      await ok(
        UPDATE,
        {
          input: {
            id: v1.id,
            version: r.targetSet.version,
            goal: '完成老旧小区改造1150户',
            indicators: indicators('1150'),
          },
        },
        unit,
      )
    ).performanceTargetSetUpdate;
    expect(u.userErrors).toEqual([]);
    const s2 = (await ok(SUBMIT, { input: { id: v1.id, version: u.targetSet.version } }, unit))
      .performanceTargetSetSubmit;
    const a = (await ok(APPROVE, { input: { id: v1.id, version: s2.targetSet.version } }, finance))
      .performanceTargetSetApprove;
    expect(a.targetSet).toMatchObject({ state: 'APPROVED', setVersion: 1, returnReason: null });

    // approved targets are never edited
    const edit = (
      await ok(
        UPDATE,
        {
          input: {
            id: v1.id,
            version: a.targetSet.version,
            goal: '改为新的总体目标',
            indicators: indicators(),
          },
        },
        unit,
      )
    ).performanceTargetSetUpdate;
    expect(codes(edit)).toEqual(['ILLEGAL_TRANSITION']);

    // mid-year adjustment: a new version with a reason; the approved one stays in force until approved
    const adj = (
      await ok(
        ADJUST,
        {
          input: {
            id: v1.id,
            version: a.targetSet.version,
            reason: '受汛期影响，年度改造任务调减',
            goal: '完成老旧小区改造1000户',
            indicators: indicators('1000'),
          },
        },
        unit,
      )
    ).performanceTargetSetAdjust;
    expect(adj.userErrors).toEqual([]);
    expect(adj.targetSet).toMatchObject({
      state: 'DRAFT',
      setVersion: 2,
      adjustReason: '受汛期影响，年度改造任务调减',
      previous: { id: v1.id },
    });
    const again = (
      await ok(
        ADJUST,
        {
          input: {
            id: v1.id,
            version: a.targetSet.version,
            reason: '再次调整',
            goal: 'x目标',
            indicators: indicators(),
          },
        },
        unit,
      )
    ).performanceTargetSetAdjust;
    expect(codes(again)).toEqual(['OPEN_ADJUSTMENT']);
    expect(
      (await ok(SETS, { p: p.gid }, audit)).performanceTargetSets.map((x: any) => [x.setVersion, x.state]),
    ).toEqual([[1, 'APPROVED']]);

    const s3 = (await ok(SUBMIT, { input: { id: adj.targetSet.id, version: adj.targetSet.version } }, unit))
      .performanceTargetSetSubmit;
    const a2 = (
      await ok(APPROVE, { input: { id: adj.targetSet.id, version: s3.targetSet.version } }, finance)
    ).performanceTargetSetApprove;
    expect(a2.targetSet.state).toBe('APPROVED');
    const all = (await ok(SETS, { p: p.gid }, audit)).performanceTargetSets;
    expect(all.map((x: any) => [x.setVersion, x.state])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'APPROVED'],
    ]);
    expect(all[0].goal).toBe('完成老旧小区改造1150户');

    // a review of the project and year links to the targets it evaluated
    const review = await f.review(w.finance, w.unitA, S.PERFORMANCE, {
      project_id: p.id,
      fiscal_year: 2025,
      score: '88.00',
      grade: 'GOOD',
    });
    const rv = await ok(
      `query($id: ID!) { node(id: $id) { ... on Review { targetSet { setVersion goal } } } }`,
      { id: review.gid },
      audit,
    );
    expect(rv.node.targetSet).toEqual({ setVersion: 2, goal: '完成老旧小区改造1000户' });
  });

  it('a unit cannot draft targets of another unit’s project, and the core library suggests indicators', async () => {
    const p = await f.project(w.unitB);
    const unit = await tok(Role.UNIT, w.unitA);
    const d = (
      await ok(
        DRAFT,
        { input: { subject: p.gid, budgetYear: 2025, goal: '目标说明', indicators: indicators() } },
        unit,
      )
    ).performanceTargetSetDraft;
    expect(codes(d)).toEqual(['NOT_ALLOWED']);
    const lib = (await ok(`{ coreIndicators(projectKind: "农业农村") { name level1 level2 key } }`, {}, unit))
      .coreIndicators;
    expect(lib.length).toBeGreaterThan(3);
    expect(lib).toContainEqual({
      name: '建设高标准农田面积',
      level1: '产出指标',
      level2: '数量指标',
      key: true,
    });
  });
});

describe('pre-assessment (事前绩效评估)', () => {
  const REC = `mutation($input: PreAssessmentRecordInput!) { preAssessmentRecord(input: $input) { preAssessment { conclusion reasons requestedAmount aboveThreshold subjectName unit { name } } userErrors { code field } } }`;
  it('finance records a conclusion (调整后予以支持) with reasons; it is not a grade, and the unit sees its own', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const input = {
      unit: w.unitA.gid,
      subjectName: '2027年智慧校园建设项目',
      budgetYear: 2027,
      requestedAmount: '6500000.00',
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      reasons: '项目必要性充分，但建设内容与现有设备重复，建议核减设备购置预算后予以支持。',
      documentRef: '鹤财绩评〔2026〕3号',
    };
    const r = (await ok(REC, { input }, finance)).preAssessmentRecord;
    expect(r.userErrors).toEqual([]);
    expect(r.preAssessment).toMatchObject({
      conclusion: 'SUPPORT_AFTER_ADJUSTMENT',
      requestedAmount: '6500000.00',
      aboveThreshold: true,
    });
    const bad = (await ok(REC, { input: { ...input, requestedAmount: '0.00' } }, finance))
      .preAssessmentRecord;
    expect(codes(bad)).toEqual(['BAD_AMOUNT']);
    const Q = `query($y: Int) { preAssessments(budgetYear: $y) { subjectName conclusion } }`;
    expect((await ok(Q, { y: 2027 }, await tok(Role.UNIT, w.unitA))).preAssessments).toEqual([
      { subjectName: '2027年智慧校园建设项目', conclusion: 'SUPPORT_AFTER_ADJUSTMENT' },
    ]);
    expect((await ok(Q, { y: 2027 }, await tok(Role.UNIT, w.unitB))).preAssessments).toEqual([]);
    const byUnit = await hub.gql(REC, { input }, await tok(Role.UNIT, w.unitA));
    expect(byUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('monitoring warnings (双监控预警) from constructed series', () => {
  const ind = [
    { name: '改造户数', targetValue: '1000', direction: D.AT_LEAST, key: true },
    { name: '验收合格率', targetValue: '100', direction: D.AT_LEAST, key: false },
    { name: '居住环境改善', targetValue: '明显改善', direction: D.QUALITATIVE, key: false },
  ];
  const yuan = (n: number) => BigInt(Math.round(n * 100));
  // 2025-06-30: 181 of 365 days, time progress 49.6%
  const cases: [
    string,
    { paid: number; values: Record<string, string> },
    'NONE' | 'YELLOW' | 'RED',
    RegExp[],
  ][] = [
    ['on time', { paid: 480_000, values: { 改造户数: '470', 验收合格率: '100' } }, 'NONE', []],
    [
      'spending lags by 20 points: yellow',
      { paid: 296_000, values: { 改造户数: '450', 验收合格率: '100' } },
      'YELLOW',
      [/支出进度29\.6%，低于时间进度49\.6%20\.0个百分点/],
    ],
    [
      'spending lags by 40 points: red',
      { paid: 96_000, values: { 改造户数: '450', 验收合格率: '100' } },
      'RED',
      [/超过30个百分点/],
    ],
    [
      'targets lag spending: yellow',
      { paid: 500_000, values: { 改造户数: '300', 验收合格率: '20' } },
      'YELLOW',
      [/绩效目标平均完成进度25\.0%，低于支出进度50\.0%/],
    ],
    [
      'a key indicator at risk: red',
      { paid: 500_000, values: { 改造户数: '150', 验收合格率: '100' } },
      'RED',
      [/核心指标“改造户数”完成进度15\.0%/],
    ],
  ];
  it.each(cases)('%s', (_name, c, level, reasons) => {
    const flag = monitoringFlag({
      asOf: '2025-06-30',
      budgetFen: yuan(1_000_000),
      paidFen: yuan(c.paid),
      indicators: ind,
      values: Object.entries(c.values).map(([name, value]) => ({ name, value })),
    });
    expect(flag.level).toBe(level);
    expect(flag.reasons).toHaveLength(reasons.length === 0 ? 0 : flag.reasons.length);
    for (const re of reasons) expect(flag.reasons.join('')).toMatch(re);
    if (level === 'NONE') expect(flag.reasons).toEqual([]);
  });

  it('time progress counts the day itself, in leap years too', () => {
    expect(timeProgress('2025-12-31')).toBeCloseTo(100, 6);
    expect(timeProgress('2024-12-31')).toBeCloseTo(100, 6);
    expect(timeProgress('2025-01-01')).toBeCloseTo(100 / 365, 6);
  });

  it('through the API: the warning follows the data, and finance records its action', async () => {
    const p = await f.project(w.unitA, { name: '2025年农村饮水安全巩固提升' });
    const unit = await tok(Role.UNIT, w.unitA);
    const finance = await tok(Role.FINANCE, w.finance);
    // approved targets with a key indicator
    const d = (
      await ok(
        DRAFT,
        {
          input: {
            subject: p.gid,
            budgetYear: 2025,
            goal: '巩固提升农村饮水安全',
            indicators: indicators('1000'),
          },
        },
        unit,
      )
    ).performanceTargetSetDraft;
    const s = (await ok(SUBMIT, { input: { id: d.targetSet.id, version: d.targetSet.version } }, unit))
      .performanceTargetSetSubmit;
    await ok(APPROVE, { input: { id: d.targetSet.id, version: s.targetSet.version } }, finance);

    const REC = `mutation($input: MonitoringRecordInput!) { monitoringRecord(input: $input) { warning { level reasons spendingProgress timeProgress asOf indicators { name completion key } } userErrors { code field } } }`;
    const base = { project: p.gid, budgetYear: 2025, asOf: '2025-06-30', budgetAmount: '1000000.00' };
    const lag = (
      await ok(
        REC,
        { input: { ...base, paidAmount: '96000.00', values: [{ name: '改造老旧小区户数', value: '450' }] } },
        unit,
      )
    ).monitoringRecord;
    expect(lag.userErrors).toEqual([]);
    expect(lag.warning).toMatchObject({ level: 'RED', spendingProgress: 9.6, timeProgress: 49.6 });
    // the same date entered again replaces the data, and the warning follows
    const fixed = (
      await ok(
        REC,
        {
          input: {
            ...base,
            paidAmount: '480000.00',
            values: [
              { name: '改造老旧小区户数', value: '480' },
              { name: '工程验收合格率', value: '100' },
            ],
          },
        },
        finance,
      )
    ).monitoringRecord;
    expect(fixed.warning.level).toBe('NONE');
    const none = (
      await ok(
        `mutation($input: MonitoringActionRecordInput!) { monitoringActionRecord(input: $input) { action { action } userErrors { code } } }`,
        { input: { project: p.gid, budgetYear: 2025, action: 'REMIND', note: '电话提醒' } },
        finance,
      )
    ).monitoringActionRecord;
    expect(codes(none)).toEqual(['NO_WARNING']);

    // a later date with lagging spending: a yellow warning, acted on by finance
    await ok(
      REC,
      {
        input: {
          ...base,
          asOf: '2025-09-30',
          paidAmount: '560000.00',
          values: [
            { name: '改造老旧小区户数', value: '800' },
            { name: '工程验收合格率', value: '100' },
          ],
        },
      },
      unit,
    );
    const act = (
      await ok(
        `mutation($input: MonitoringActionRecordInput!) { monitoringActionRecord(input: $input) { action { action level reasons note } userErrors { code } } }`,
        {
          input: {
            project: p.gid,
            budgetYear: 2025,
            action: 'INTERVIEW',
            note: '约谈区教育局分管负责人，要求加快支付进度',
          },
        },
        finance,
      )
    ).monitoringActionRecord;
    expect(act.userErrors).toEqual([]);
    expect(act.action).toMatchObject({ action: 'INTERVIEW', level: 'YELLOW' });
    expect(act.action.reasons[0]).toMatch(/^截至2025年9月30日，支出进度56\.0%/);
    const list = (
      await ok(
        `query { monitoringWarnings(budgetYear: 2025, minLevel: YELLOW) { project { id } level actions { action } } }`,
        {},
        finance,
      )
    ).monitoringWarnings;
    expect(list.find((x: any) => x.project.id === p.gid)).toEqual({
      project: { id: p.gid },
      level: 'YELLOW',
      actions: [{ action: 'INTERVIEW' }],
    });

    // bad input changes nothing
    const bad = (await ok(REC, { input: { ...base, asOf: '2026-01-10', paidAmount: '1.00' } }, unit))
      .monitoringRecord;
    expect(codes(bad)).toEqual(['BAD_DATE']);
    const other = (await ok(REC, { input: { ...base, paidAmount: '1.00' } }, await tok(Role.UNIT, w.unitB)))
      .monitoringRecord;
    expect(codes(other)).toEqual(['NOT_FOUND']);
  });
});

describe('self-evaluation and spot checks (自评 + 抽查复核)', () => {
  const SAVE = `mutation($input: SelfEvaluationSaveInput!) { selfEvaluationSave(input: $input) { selfEvaluation { id state score version } userErrors { code field } } }`;
  const SUBMIT_SE = `mutation($input: SelfEvaluationSubmitInput!) { selfEvaluationSubmit(input: $input) { selfEvaluation { id state version } userErrors { code } } }`;
  const DRAW = `mutation($input: SpotCheckDrawInput!) { spotCheckDraw(input: $input) { spotCheck { id sharePercent seed threshold items { id version weightNote selfScore selfEvaluation { id } } } userErrors { code field } } }`;
  const RESCORE = `mutation($input: SpotCheckRescoreInput!) { spotCheckRescore(input: $input) { spotCheck { items { id rescore deviation exceedsThreshold selfEvaluation { id }
      rescoreReview { id title score grade } finding { id category ... on PerformanceFinding { review { id } } } } } userErrors { code field } } }`;
  const YEAR = 2031;

  it('the sample is reproducible from its seed and favours large and weak projects', () => {
    const pop = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      budgetFen: BigInt(i < 5 ? 50_000_000_00 : 1_000_000_00),
      previouslyWeak: i >= 5 && i < 10,
    }));
    expect(drawSample(pop, 2000, 42)).toEqual(drawSample([...pop].reverse(), 2000, 42));
    expect(drawSample(pop, 2000, 42)).toHaveLength(8);
    const hits = new Map<number, number>();
    for (let seed = 0; seed < 400; seed++)
      for (const d of drawSample(pop, 2000, seed)) hits.set(d.id, (hits.get(d.id) ?? 0) + 1);
    const avg = (ids: number[]) => ids.reduce((s, i) => s + (hits.get(i) ?? 0), 0) / ids.length;
    const large = avg([1, 2, 3, 4, 5]);
    const weak = avg([6, 7, 8, 9, 10]);
    const plain = avg(Array.from({ length: 30 }, (_, i) => i + 11));
    expect(large).toBeGreaterThan(plain * 2);
    expect(weak).toBeGreaterThan(plain * 1.5);
  });

  it('units file their own self-evaluations; finance draws the same sample twice from one seed; a deviation above the threshold becomes a finding linked to the re-score review', async () => {
    const unitA = await tok(Role.UNIT, w.unitA);
    const unitB = await tok(Role.UNIT, w.unitB);
    const finance = await tok(Role.FINANCE, w.finance);
    const projects = [];
    for (let i = 0; i < 6; i++)
      projects.push(await f.project(i % 2 ? w.unitB : w.unitA, { budget_amount: `${(i + 1) * 1000000}.00` }));
    // another unit's project is refused
    const foreign = (
      await ok(
        SAVE,
        {
          input: {
            subject: projects[1]!.gid,
            budgetYear: YEAR,
            score: '90',
            summary: '自评报告摘要',
            indicatorResults: [],
          },
        },
        unitA,
      )
    ).selfEvaluationSave;
    expect(codes(foreign)).toEqual(['NOT_ALLOWED']);
    const ids: string[] = [];
    for (const [i, p] of projects.entries()) {
      const t = i % 2 ? unitB : unitA;
      const s = (
        await ok(
          SAVE,
          {
            input: {
              subject: p.gid,
              budgetYear: YEAR,
              score: '95.50',
              summary: '全面完成年度绩效目标',
              indicatorResults: [{ name: '完成率', target: '100%', actual: '100%', score: '30' }],
            },
          },
          t,
        )
      ).selfEvaluationSave;
      expect(s.userErrors).toEqual([]);
      const sub = (
        await ok(SUBMIT_SE, { input: { id: s.selfEvaluation.id, version: s.selfEvaluation.version } }, t)
      ).selfEvaluationSubmit;
      expect(sub.selfEvaluation.state).toBe('SUBMITTED');
      ids.push(s.selfEvaluation.id);
    }
    // submitted: no more edits
    const late = (
      await ok(
        SAVE,
        {
          input: { subject: projects[0]!.gid, budgetYear: YEAR, score: '99', summary: '改分数', version: 2 },
        },
        unitA,
      )
    ).selfEvaluationSave;
    expect(codes(late)).toEqual(['ILLEGAL_TRANSITION']);

    const a = (
      await ok(
        DRAW,
        { input: { budgetYear: YEAR, sharePercent: '50', seed: 20261202, threshold: '10' } },
        finance,
      )
    ).spotCheckDraw;
    const b = (
      await ok(
        DRAW,
        { input: { budgetYear: YEAR, sharePercent: '50', seed: 20261202, threshold: '10' } },
        finance,
      )
    ).spotCheckDraw;
    expect(a.userErrors).toEqual([]);
    const sampleOf = (x: any) => x.spotCheck.items.map((i: any) => i.selfEvaluation.id);
    expect(sampleOf(a)).toHaveLength(3);
    expect(sampleOf(b)).toEqual(sampleOf(a));
    expect(a.spotCheck.items[0].weightNote).toMatch(/^权重\d+\.\d{2}：基础1/);
    const badShare = (await ok(DRAW, { input: { budgetYear: YEAR, sharePercent: '0', seed: 1 } }, finance))
      .spotCheckDraw;
    expect(codes(badShare)).toEqual(['BAD_SHARE']);

    const [far, near] = a.spotCheck.items;
    const r1 = (
      await ok(
        RESCORE,
        {
          input: {
            item: far.id,
            version: far.version,
            score: '72.00',
            note: '产出数量与实际不符，满意度调查样本不足。',
          },
        },
        finance,
      )
    ).spotCheckRescore;
    expect(r1.userErrors).toEqual([]);
    const item1 = r1.spotCheck.items.find((i: any) => i.id === far.id);
    expect(item1).toMatchObject({ rescore: '72.00', deviation: '23.50', exceedsThreshold: true });
    expect(item1.rescoreReview).toMatchObject({ score: '72.00', grade: 'FAIR' });
    expect(item1.finding.category).toBe('自评结果与实际不符');
    expect(item1.finding.review.id).toBe(item1.rescoreReview.id);
    const again = (
      await ok(
        RESCORE,
        { input: { item: far.id, version: far.version + 1, score: '80', note: '再次复核意见' } },
        finance,
      )
    ).spotCheckRescore;
    expect(codes(again)).toEqual(['ALREADY_RESCORED']);

    const r2 = (
      await ok(
        RESCORE,
        { input: { item: near.id, version: near.version, score: '90.00', note: '基本属实。' } },
        finance,
      )
    ).spotCheckRescore;
    const item2 = r2.spotCheck.items.find((i: any) => i.id === near.id);
    expect(item2).toMatchObject({ deviation: '5.50', exceedsThreshold: false, finding: null });

    // the unit sees the finding about its own project like any other published finding
    const fid = item1.finding.id;
    const owner = projects.find((_, i) => ids[i] === far.selfEvaluation.id)!;
    const ownerToken = projects.indexOf(owner) % 2 ? unitB : unitA;
    const seen = await ok(
      `query($id: ID!) { node(id: $id) { ... on PerformanceFinding { category description } } }`,
      { id: fid },
      ownerToken,
    );
    expect(seen.node.description).toMatch(
      /绩效自评得分95\.50分，财政抽查复核得分72\.00分，偏差23\.50分，超过允许偏差10\.00分/,
    );
  });
});
