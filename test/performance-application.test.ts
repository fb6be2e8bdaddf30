/**
 * Result application (结果应用, issue 13): proposals for budget year N+2 follow the rules (table-driven,
 * on the pure rules and through the API), an override needs a reason, a new rule version is used by
 * later proposals, and the .xlsx export's rows equal the API's.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { FindingSource as S, OrganizationKind, Role } from '../src/shared/enums.js';
import {
  DEFAULT_RULES,
  propose,
  validateRules,
  type ProposalInput,
} from '../src/modules/performance/application.rules.js';
import { BudgetAction as A } from '../src/modules/performance/performance.entity.js';

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

describe('the proposal rules (table)', () => {
  const base = (score: string | null, overdue = 0): ProposalInput => ({
    resultYear: 2025,
    budgetFen: 1_234_567_89n, // 1,234,567.89 元
    result:
      score === null ? null : { title: '测试项目绩效评价', sourceRef: 'PJ-2025-0001', score, kind: 'REVIEW' },
    otherResults: [],
    monitoring: null,
    overdueRectifications: overdue,
  });
  const table: [string, string | null, number, A, string, string, string][] = [
    // name, score, overdue, action, reduce, hold back, proposed (fen)
    ['优 at 90.00', '90.00', 0, A.PRIORITY, '0', '0', '123456789'],
    ['优 at 100', '100.00', 0, A.PRIORITY, '0', '0', '123456789'],
    ['良 at 89.99', '89.99', 0, A.SUPPORT, '0', '0', '123456789'],
    ['良 at 80.00', '80.00', 0, A.SUPPORT, '0', '0', '123456789'],
    ['中 at 79.99: reduce 10%', '79.99', 0, A.REDUCE, '12345679', '0', '111111110'],
    ['中 at 60.00', '60.00', 0, A.REDUCE, '12345679', '0', '111111110'],
    ['差 at 59.99: cancel', '59.99', 0, A.CANCEL, '123456789', '0', '0'],
    ['差 at 0', '0.00', 0, A.CANCEL, '123456789', '0', '0'],
    ['良 with overdue rectifications: hold back 10%', '85.00', 2, A.SUPPORT, '0', '12345679', '111111110'],
    [
      '中 with overdue: reduce, then hold back 10% of the rest',
      '70.00',
      1,
      A.REDUCE,
      '12345679',
      '11111111',
      '99999999',
    ],
    ['差 with overdue: nothing left to hold back', '50.00', 3, A.CANCEL, '123456789', '0', '0'],
    ['no result: ordinary review at the current budget', null, 0, A.SUPPORT, '0', '0', '123456789'],
  ];
  it.each(table)('%s', (_n, score, overdue, action, reduce, hold, proposed) => {
    const p = propose(DEFAULT_RULES, 1, base(score, overdue));
    expect(p.action).toBe(action);
    expect(p.reduceFen).toBe(BigInt(reduce));
    expect(p.holdBackFen).toBe(BigInt(hold));
    expect(p.proposedFen).toBe(BigInt(proposed));
    expect(p.explanation).toMatch(/建议2027年预算安排/);
    if (overdue) expect(p.explanation).toContain(`逾期未完成整改的问题${overdue}项`);
  });

  it('the explanation names the result, grade, rule version, warning and hold-back as officials write them', () => {
    const p = propose(DEFAULT_RULES, 3, {
      ...base('72.50', 2),
      monitoring: {
        level: 'YELLOW',
        reasons: ['截至2025年9月30日，支出进度40.0%，低于时间进度74.8%34.8个百分点。'],
      },
    });
    expect(p.explanation).toBe(
      '依据2025年度财政评价“测试项目绩效评价”（PJ-2025-0001），得分72.50分，等次“中”；按结果应用规则第3版，中（60—80分以下）压减10%（12.35万元）。' +
        '执行监控预警：黄色（截至2025年9月30日，支出进度40.0%，低于时间进度74.8%34.8个百分点。）' +
        '单位有逾期未完成整改的问题2项，暂扣预算10%（11.11万元），整改销号后拨付。' +
        '建议2027年预算安排100.00万元（999999.99元）。',
    );
  });

  it('rule sets are checked: ordered bands, a band for every score, shares that fit the action', () => {
    const bands = DEFAULT_RULES.bands;
    expect(() => validateRules(DEFAULT_RULES)).not.toThrow();
    expect(() =>
      validateRules({ ...DEFAULT_RULES, bands: [bands[1]!, bands[0]!, bands[2]!, bands[3]!] }),
    ).toThrow(/从高到低/);
    expect(() => validateRules({ ...DEFAULT_RULES, bands: bands.slice(0, 3) })).toThrow(/最低分须为0/);
    expect(() =>
      validateRules({
        ...DEFAULT_RULES,
        bands: [bands[0]!, bands[1]!, { ...bands[2]!, reduceBp: 0 }, bands[3]!],
      }),
    ).toThrow(/压减比例/);
  });
});

const PROPOSALS = `query($y: Int!, $f: BudgetProposalFilter) { budgetProposals(resultYear: $y, filterBy: $f) {
  project { id code name } unit { id name } resultYear budgetYear ruleVersion budgetAmount resultKind score grade monitoringLevel
  overdueRectifications action reduceAmount holdBackAmount proposedAmount assessmentPoints explanation resultReview { id }
  decision { action amount reason overridden version proposedAction proposedAmount } } }`;
const DECIDE = `mutation($input: BudgetDecisionRecordInput!) { budgetDecisionRecord(input: $input) { proposal { action proposedAmount
  decision { action amount reason overridden version } } userErrors { code field message } } }`;

describe('proposals through the API', () => {
  const YEAR = 2041;
  let unit: Org;
  let projects: Record<string, { id: number; gid: string }>;

  beforeAll(async () => {
    unit = await f.org(OrganizationKind.BUDGET_UNIT, { name: '测试住建局' });
    projects = {};
    const scores: [string, string, string][] = [
      ['excellent', '93.00', 'EXCELLENT'],
      ['good', '84.50', 'GOOD'],
      ['fair', '72.00', 'FAIR'],
      ['poor', '51.00', 'POOR'],
    ];
    for (const [key, score, grade] of scores) {
      const p = await f.project(unit, {
        name: `测试${key}项目`,
        budget_amount: '1000000.00',
        code: `T-APP-${key}-${Date.now()}`,
      });
      projects[key] = p;
      await f.review(w.finance, unit, S.PERFORMANCE, {
        project_id: p.id,
        fiscal_year: YEAR,
        score,
        grade,
        title: `${YEAR}年度测试${key}项目绩效评价`,
      });
    }
    // a pre-assessment-type review and an unpublished one do not count as results
    const pre = await f.project(unit, { name: '测试事前项目', code: `T-APP-pre-${Date.now()}` });
    await f.review(w.finance, unit, S.PERFORMANCE, {
      project_id: pre.id,
      fiscal_year: YEAR,
      review_type: '事前绩效评估',
      score: '95.00',
      grade: 'EXCELLENT',
    });
    await f.review(w.finance, unit, S.PERFORMANCE, {
      project_id: pre.id,
      fiscal_year: YEAR,
      score: '40.00',
      grade: 'POOR',
      publication_state: 'DRAFT',
    });
  });

  const rows = async (token: string, filter: Record<string, unknown> = {}) =>
    (await ok(PROPOSALS, { y: YEAR, f: { unit: unit.gid, ...filter } }, token)).budgetProposals as any[];

  it('each project gets the action its grade calls for, for budget year N+2, with rule version 1 by default', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const got = await rows(finance);
    const by = Object.fromEntries(got.map((r) => [r.project.id, r]));
    expect(got).toHaveLength(4);
    expect(by[projects.excellent!.gid]).toMatchObject({
      action: 'PRIORITY',
      grade: '优',
      proposedAmount: '1000000.00',
      budgetYear: YEAR + 2,
      ruleVersion: 1,
      resultKind: 'REVIEW',
      assessmentPoints: 10,
    });
    expect(by[projects.good!.gid]).toMatchObject({
      action: 'SUPPORT',
      grade: '良',
      proposedAmount: '1000000.00',
    });
    expect(by[projects.fair!.gid]).toMatchObject({
      action: 'REDUCE',
      grade: '中',
      reduceAmount: '100000.00',
      proposedAmount: '900000.00',
    });
    expect(by[projects.poor!.gid]).toMatchObject({ action: 'CANCEL', grade: '差', proposedAmount: '0.00' });
    expect(by[projects.fair!.gid].explanation).toContain(
      `依据${YEAR}年度财政评价“${YEAR}年度测试fair项目绩效评价”`,
    );
    expect((await rows(finance, { actions: ['REDUCE', 'CANCEL'] })).map((r) => r.action).sort()).toEqual([
      'CANCEL',
      'REDUCE',
    ]);
    // the unit's annual assessment (单位绩效考核): the average of its projects' points, 优10 良8 中5 差0
    const contrib = (
      await ok(
        `query($y: Int!) { unitAssessmentContributions(resultYear: $y) { unit { id } projects points } }`,
        { y: YEAR },
        finance,
      )
    ).unitAssessmentContributions;
    expect(contrib.find((c: any) => c.unit.id === unit.gid)).toEqual({
      unit: { id: unit.gid },
      projects: 4,
      points: '5.75',
    });
  });

  it('overdue rectifications hold funds back; a discipline matter never shows in a figure or an explanation', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const task = async (source: S, agency: Org, category: string) => {
      const fi = await f.finding(agency, unit, source, { category });
      const [t] = await hub
        .knex('rectification')
        .insert({
          unit_id: unit.id,
          lead_id: agency.id,
          kind: 'DEADLINE',
          measures: '限期整改',
          deadline: '2020-06-30',
          state: 'IN_PROGRESS',
        })
        .returning('id');
      await hub.knex('rectification_finding').insert({ rectification_id: t.id, finding_id: fi.id });
    };
    await task(S.DISCIPLINE, w.discipline, '违规发放津贴补贴');
    let got = await rows(finance);
    expect(got.every((r) => r.overdueRectifications === 0 && r.holdBackAmount === '0.00')).toBe(true);
    expect(got.map((r) => r.explanation).join('')).not.toMatch(/津贴|纪|整改/);

    await task(S.AUDIT, w.audit, '挤占挪用专项资金');
    got = await rows(finance);
    const fair = got.find((r) => r.project.id === projects.fair!.gid);
    expect(fair).toMatchObject({
      overdueRectifications: 1,
      holdBackAmount: '90000.00',
      proposedAmount: '810000.00',
    });
    expect(fair.explanation).toContain('单位有逾期未完成整改的问题1项，暂扣预算10%（9.00万元）');
    expect(got.find((r) => r.project.id === projects.poor!.gid)).toMatchObject({
      holdBackAmount: '0.00',
      proposedAmount: '0.00',
    });
  });

  it('finance decides; a decision unlike the proposal needs a reason; a stale version is a conflict', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const gid = projects.poor!.gid;
    const noReason = (
      await ok(
        DECIDE,
        { input: { project: gid, resultYear: YEAR, action: 'REDUCE', amount: '500000.00' } },
        finance,
      )
    ).budgetDecisionRecord;
    expect(noReason.userErrors).toEqual([
      expect.objectContaining({ code: 'OVERRIDE_REASON_REQUIRED', field: 'reason' }),
    ]);
    expect((await rows(finance, { decided: true })).length).toBe(0);
    const cancelWithMoney = (
      await ok(
        DECIDE,
        { input: { project: gid, resultYear: YEAR, action: 'CANCEL', amount: '1.00' } },
        finance,
      )
    ).budgetDecisionRecord;
    expect(codes(cancelWithMoney)).toEqual(['BAD_AMOUNT']);

    const d = (
      await ok(
        DECIDE,
        {
          input: {
            project: gid,
            resultYear: YEAR,
            action: 'REDUCE',
            amount: '500000.00',
            reason: '项目为民生刚性支出，经区政府常务会议研究保留50%',
          },
        },
        finance,
      )
    ).budgetDecisionRecord;
    expect(d.userErrors).toEqual([]);
    expect(d.proposal.decision).toMatchObject({
      action: 'REDUCE',
      amount: '500000.00',
      overridden: true,
      version: 1,
    });
    const stale = (
      await ok(
        DECIDE,
        { input: { project: gid, resultYear: YEAR, action: 'CANCEL', amount: '0.00' } },
        finance,
      )
    ).budgetDecisionRecord;
    expect(codes(stale)).toEqual(['CONFLICT']);
    const back = (
      await ok(
        DECIDE,
        { input: { project: gid, resultYear: YEAR, action: 'CANCEL', amount: '0.00', version: 1 } },
        finance,
      )
    ).budgetDecisionRecord;
    expect(back.proposal.decision).toMatchObject({
      action: 'CANCEL',
      overridden: false,
      reason: null,
      version: 2,
    });

    // as proposed: no reason needed
    const good = (await rows(finance)).find((r) => r.project.id === projects.good!.gid);
    const asProposed = (
      await ok(
        DECIDE,
        {
          input: {
            project: projects.good!.gid,
            resultYear: YEAR,
            action: 'SUPPORT',
            amount: good.proposedAmount,
          },
        },
        finance,
      )
    ).budgetDecisionRecord;
    expect(asProposed.userErrors).toEqual([]);
    expect((await rows(finance, { decided: true })).length).toBe(2);
    expect((await rows(finance, { overridden: true })).length).toBe(0);

    const byUnit = await hub.gql(
      DECIDE,
      { input: { project: gid, resultYear: YEAR, action: 'CANCEL', amount: '0.00', version: 2 } },
      await tok(Role.UNIT, unit),
    );
    expect(byUnit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a new rule version is used by later proposals and named in them', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const PUB = `mutation($input: ApplicationRuleSetPublishInput!) { applicationRuleSetPublish(input: $input) { ruleSet { ruleVersion holdBackPercent bands { label minScore action reducePercent } } userErrors { code field } } }`;
    const bands = [
      { label: '优', minScore: '90', action: 'PRIORITY', reducePercent: '0', assessmentPoints: 10 },
      { label: '良', minScore: '80', action: 'SUPPORT', reducePercent: '0', assessmentPoints: 8 },
      { label: '中', minScore: '60', action: 'REDUCE', reducePercent: '20', assessmentPoints: 4 },
      { label: '差', minScore: '0', action: 'CANCEL', reducePercent: '100', assessmentPoints: 0 },
    ];
    const bad = (
      await ok(PUB, { input: { bands: bands.slice(0, 3), holdBackPercent: '15', note: '调整' } }, finance)
    ).applicationRuleSetPublish;
    expect(codes(bad)).toEqual(['BAD_RULES']);
    const p = (
      await ok(
        PUB,
        { input: { bands, holdBackPercent: '15', note: '依据区政府常务会议纪要，中等项目压减20%' } },
        finance,
      )
    ).applicationRuleSetPublish;
    expect(p.userErrors).toEqual([]);
    const v = p.ruleSet.ruleVersion;
    expect(v).toBeGreaterThanOrEqual(2);
    try {
      const fair = (await rows(finance)).find((r) => r.project.id === projects.fair!.gid);
      expect(fair).toMatchObject({
        ruleVersion: v,
        reduceAmount: '200000.00',
        holdBackAmount: '120000.00',
        proposedAmount: '680000.00',
      });
      expect(fair.explanation).toContain(`按结果应用规则第${v}版，中（60—80分以下）压减20%（20.00万元）`);
      const versions = (
        await ok(`{ applicationRuleSets { ruleVersion } }`, {}, finance)
      ).applicationRuleSets.map((r: any) => r.ruleVersion);
      expect(versions[0]).toBe(1);
      expect(versions.at(-1)).toBe(v);
    } finally {
      // later tests of this file (and others) expect the default practice
      await hub.knex('application_rule_set').where({ rule_version: v }).delete();
    }
  });

  it('the .xlsx export has the same rows and values as the API', async () => {
    const finance = await tok(Role.FINANCE, w.finance);
    const api = await rows(finance);
    const res = await fetch(
      `${hub.server.url.replace(/\/graphql$/, '')}/performance/proposals.xlsx?resultYear=${YEAR}&unit=${encodeURIComponent(unit.gid)}`,
      {
        headers: { authorization: `Bearer ${finance}` },
      },
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '序号',
      '单位',
      '项目编码',
      '项目名称',
      '结果来源',
      '得分',
      '等次',
      '监控预警',
      '逾期未整改问题（项）',
      '现有预算（万元）',
      '建议意见',
      '建议安排（万元）',
      '财政决定',
      '决定金额（万元）',
      '调整理由',
      '说明',
    ]);
    const sheet: unknown[][] = [];
    for (let i = 4; i <= ws.rowCount; i++) sheet.push((ws.getRow(i).values as unknown[]).slice(1));
    const total = sheet.pop()!;
    expect(sheet).toHaveLength(api.length);
    const wan = (yuan: string) => {
      const fen = BigInt(yuan.replace('.', ''));
      const h = (fen + 5000n) / 10000n;
      return `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
    };
    const ACTION: Record<string, string> = {
      PRIORITY: '优先保障',
      SUPPORT: '予以支持',
      REDUCE: '压减',
      CANCEL: '取消或暂停',
    };
    api.forEach((r, i) => {
      const row = sheet[i]!;
      expect(row[1]).toBe(r.unit.name);
      expect(row[2]).toBe(r.project.code);
      expect(row[3]).toBe(r.project.name);
      expect(row[5]).toBe(r.score);
      expect(row[6]).toBe(r.grade);
      expect(row[8]).toBe(r.overdueRectifications);
      expect(row[9]).toBe(wan(r.budgetAmount));
      expect(row[10]).toBe(ACTION[r.action]);
      expect(row[11]).toBe(wan(r.proposedAmount));
      expect(row[12] ?? '').toBe(r.decision ? ACTION[r.decision.action] : '');
      expect(row[13] ?? '').toBe(r.decision ? wan(r.decision.amount) : '');
      expect(row[15]).toBe(r.explanation);
    });
    const sum = api.reduce((s, r) => s + BigInt(r.proposedAmount.replace('.', '')), 0n);
    expect(total[11]).toBe(wan(`${sum / 100n}.${String(sum % 100n).padStart(2, '0')}`));
    const unitToken = await tok(Role.UNIT, unit);
    const audit = await fetch(
      `${hub.server.url.replace(/\/graphql$/, '')}/performance/proposals.xlsx?resultYear=${YEAR}`,
      {
        headers: { authorization: `Bearer ${await tok(Role.AUDIT, w.audit)}` },
      },
    );
    expect(audit.status).toBe(403);
    const own = await fetch(
      `${hub.server.url.replace(/\/graphql$/, '')}/performance/proposals.xlsx?resultYear=${YEAR}&bogus=1`,
      {
        headers: { authorization: `Bearer ${unitToken}` },
      },
    );
    expect(own.status).toBe(400);
  });
});
