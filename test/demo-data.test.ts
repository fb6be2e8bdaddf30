/**
 * The demo data set as an official would read it: invariants over the generated rows (the database
 * the test run seeded at scale 1), so that the generator cannot drift back into data that looks wrong
 * to the people it is shown to. Only the demo's own organisations are checked: other test files add
 * theirs on top.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { creditCodeValid, demoCreditCode } from '../src/seed/generator.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.stop());

/** 鹤城区's streets and townships today (7 街道, 1 镇, 2 乡) and the 黄岩 resort zone. */
const PLACES = [
  '红星街道',
  '城中街道',
  '城北街道',
  '迎丰街道',
  '坨院街道',
  '河西街道',
  '城南街道',
  '黄金坳镇',
  '盈口乡',
  '凉亭坳乡',
  '黄岩旅游度假区',
];
const DEMO_AGENCIES = ['HC-CZJ', 'HC-SJJ', 'HC-FGJ', 'HC-JWJW'];

/**
 * The generator's rows: reviews by their references (PJ/SJ/JC/JJ-year-number, CJ- for spot checks),
 * findings of those reviews or planted as duplicates (YSCF-), never edited since (version 1). Other
 * test files import the sample ledgers as the demo agencies, with references of the same shape, and
 * one of them updates a demo finding.
 */
const DEMO_REVIEW_REF = '^((PJ|SJ|JC|JJ)-[0-9]{4}-[0-9]{4}|CJ-[0-9]{4}-[0-9]{5})$';
const demoReviews = () =>
  hub
    .knex('review as r')
    .join('organization as a', 'a.id', 'r.agency_id')
    .whereIn('a.code', DEMO_AGENCIES)
    .where('r.source_ref', '~', DEMO_REVIEW_REF);
const demoFindings = () =>
  hub
    .knex('finding as f')
    .join('organization as a', 'a.id', 'f.agency_id')
    .whereIn('a.code', DEMO_AGENCIES)
    .where('f.version', 1)
    .where((q) =>
      q
        .where('f.source_ref', 'like', 'YSCF-%')
        .orWhereIn('f.review_id', hub.knex('review').where('source_ref', '~', DEMO_REVIEW_REF).select('id')),
    );

describe('the demo data set, as an official reads it', () => {
  it('names the bodies officially (中共怀化市鹤城区纪律检查委员会 怀化市鹤城区监察委员会, 怀化市鹤城区××局) with short names and valid 统一社会信用代码', async () => {
    const orgs = (await hub
      .knex('organization')
      .where('code', 'like', 'HC-%')
      .orWhere('code', 'like', 'TP-%')
      .select('code', 'name', 'short_name', 'kind', 'credit_code')) as Record<string, string | null>[];
    const byCode = new Map(orgs.map((o) => [o.code, o]));
    expect(byCode.get('HC-JWJW')!.name).toBe('中共怀化市鹤城区纪律检查委员会 怀化市鹤城区监察委员会');
    expect(byCode.get('HC-CZJ')).toMatchObject({ name: '怀化市鹤城区财政局', short_name: '区财政局' });
    expect(byCode.get('HC-U001')).toMatchObject({ name: '怀化市鹤城区教育局', short_name: '区教育局' });
    const demo = orgs.filter((o) => /^HC-(U\d{3}|[A-Z]+)$/.test(o.code!) || /^TP-\d{3}$/.test(o.code!));
    expect(demo.length).toBeGreaterThanOrEqual(60 + 6 + 3);
    const bad = demo.filter((o) => !o.credit_code || !creditCodeValid(o.credit_code));
    expect(bad).toEqual([]);
    expect(new Set(demo.map((o) => o.credit_code)).size).toBe(demo.length);
    for (const o of demo.filter((x) => x.kind === 'BUDGET_UNIT' || x.kind === 'OVERSIGHT_AGENCY')) {
      expect(o.name!.startsWith('怀化市鹤城区') || o.name!.startsWith('中共怀化市鹤城区'), o.name!).toBe(
        true,
      );
      expect(o.short_name, o.name!).toBeTruthy();
    }
  });

  it('checks its own credit-code check: a changed character is refused', () => {
    const code = demoCreditCode(1, 'organ');
    expect(code).toHaveLength(18);
    expect(creditCodeValid(code)).toBe(true);
    expect(creditCodeValid(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'))).toBe(false);
  });

  it('has only real streets and townships of 鹤城区 among the units and in project names', async () => {
    const units = (await hub
      .knex('organization')
      .where('code', 'like', 'HC-U%')
      .where((q) =>
        q.where('name', 'like', '%街道%').orWhere('name', 'like', '%乡%').orWhere('name', 'like', '%镇%'),
      )
      .whereNot('name', 'like', '%城乡%')
      .whereNot('name', 'like', '%乡村%')
      .pluck('short_name')) as string[];
    expect(units.length).toBeGreaterThanOrEqual(10);
    expect(units.filter((u) => !PLACES.includes(u))).toEqual([]);
    // project names cite a place as 2024年城中老旧小区改造: only real ones
    const named = (await hub.knex('project').where('name', '~', '^\\d{4}年').pluck('name')) as string[];
    expect(named.length).toBeGreaterThan(100);
    const stems = PLACES.map((p) => p.replace(/(街道|镇|乡|旅游度假区)$/, ''));
    const ghost = ['太平桥', '鹤洲', '天星', '舞水', '芦坪', '石门'];
    expect(named.filter((n) => ghost.some((g) => n.includes(g)))).toEqual([]);
    expect(named.some((n) => stems.some((s) => n.startsWith(`${n.slice(0, 5)}${s}`)))).toBe(true);
  });

  it('never repeats the year in a title ("2025年度2024年…")', async () => {
    const titles = (await demoReviews().pluck('r.title')) as string[];
    expect(titles.length).toBeGreaterThan(300);
    expect(titles.filter((t) => /\d{4}年度\d{4}年/.test(t))).toEqual([]);
  });

  it('reviews no project for a year before it started, and 发改 inspects investment projects only', async () => {
    const early = await demoReviews()
      .join('project as p', 'p.id', 'r.project_id')
      .whereRaw('r.fiscal_year < p.start_year')
      .select('r.title', 'r.fiscal_year', 'p.start_year');
    expect(early).toEqual([]);
    const INVESTMENT =
      /义务教育薄弱环节|老旧小区改造|农村饮水安全|城区道路提质改造|高标准农田|产业园区基础设施|地质灾害|污水管网|应急物资储备库|农村公路安防|土地整理/;
    const reform = (await demoReviews()
      .where('r.source', 'REFORM')
      .join('project as p', 'p.id', 'r.project_id')
      .pluck('p.name')) as string[];
    expect(reform.length).toBeGreaterThan(30);
    expect(reform.filter((n) => !INVESTMENT.test(n))).toEqual([]);
  });

  it('has indicator weights adding up to 100 and indicator scores adding up to the review’s score', async () => {
    const rows = (await demoReviews()
      .whereNotNull('r.indicator_results')
      .whereNotNull('r.score')
      .select('r.score', 'r.indicator_results')) as {
      score: string;
      indicator_results: { weight?: string; score: string }[];
    }[];
    expect(rows.length).toBeGreaterThan(50);
    const wrong = rows.filter((r) => {
      const inds = r.indicator_results;
      if (!inds.length) return false;
      const weights = inds.reduce((a, x) => a + Number(x.weight ?? NaN), 0);
      const hundredths = inds.reduce((a, x) => a + Math.round(Number(x.score) * 100), 0);
      const overWeight = inds.some((x) => Number(x.score) > Number(x.weight));
      return weights !== 100 || hundredths !== Math.round(Number(r.score) * 100) || overWeight;
    });
    expect(wrong).toEqual([]);
  });

  it('has no finding larger than its project’s budget', async () => {
    const over = await demoFindings()
      .join('project as p', 'p.id', 'f.project_id')
      .whereRaw('f.amount_involved > p.budget_amount')
      .select('f.source_ref', 'f.amount_involved', 'p.budget_amount');
    expect(over).toEqual([]);
    // nor do a review's findings add up to more than the budget
    const sums = await demoFindings()
      .join('project as p', 'p.id', 'f.project_id')
      .whereNotNull('f.review_id')
      .groupBy('p.id', 'p.budget_amount')
      .havingRaw('sum(f.amount_involved) > p.budget_amount')
      .select('p.id');
    expect(sums).toEqual([]);
  });

  it('holds nobody accountable while a case is at 初步核实 or 立案审查', async () => {
    const early = await demoFindings()
      .where('f.source', 'DISCIPLINE')
      .whereIn('f.case_stage', ['初步核实', '立案审查'])
      .where('f.persons_held_accountable', '>', 0)
      .select('f.source_ref', 'f.case_stage', 'f.persons_held_accountable');
    expect(early).toEqual([]);
    const later = await demoFindings()
      .where('f.source', 'DISCIPLINE')
      .whereIn('f.case_stage', ['审理', '已结案'])
      .where('f.persons_held_accountable', '>', 0)
      .count({ n: '*' });
    expect(Number(later[0]!.n)).toBeGreaterThan(0);
  });

  it('cites, for each audit finding, a legal basis that belongs to its category', async () => {
    const FITS: Record<string, RegExp> = {
      虚列支出: /财政违法行为处罚处分条例|会计法/,
      挤占挪用专项资金: /财政违法行为处罚处分条例|预算法/,
      违规拨付资金: /预算法|财政违法行为处罚处分条例/,
      未按规定实施政府采购: /政府采购法/,
      工程结算多计价款: /基本建设财务规则|建设工程价款结算/,
      往来款长期挂账未清理: /内部控制规范|政府会计制度/,
      国有资产管理不规范: /国有资产管理|内部控制规范/,
      超范围列支: /预算法|财政违法行为处罚处分条例/,
      应收未收非税收入: /财政违法行为处罚处分条例|非税收入/,
    };
    const rows = (await demoFindings()
      .where('f.source', 'AUDIT')
      .whereNotNull('f.review_id')
      .select('f.category', 'f.legal_basis')) as { category: string; legal_basis: string | null }[];
    expect(rows.length).toBeGreaterThan(200);
    const wrong = rows.filter(
      (r) => !FITS[r.category] || !r.legal_basis || !FITS[r.category]!.test(r.legal_basis),
    );
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
