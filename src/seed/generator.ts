/**
 * Deterministic demo data for 鹤城区: the same seed and scale always give the same rows. Used by
 * `npm start` (empty database), the tests and the benchmarks (at 100× scale).
 *
 * Scale 1 ≈ 60 budget units, 1,000 projects, ~330 reviews and ~3,000 findings over fiscal years
 * 2023–2025. Amounts are generated in fen and written as exact decimal strings in yuan.
 */
import type { Knex } from 'knex';
import { seedPerformanceChain } from './performance-chain.js';
import {
  FindingSource,
  FundType,
  gradeForScore,
  OrganizationKind,
  PublicationState,
  RectificationStatus,
  Role,
  Sensitivity,
  Severity,
  SubjectKind,
} from '../shared/enums.js';

/** mulberry32: small, fast, good enough for demo data, and reproducible everywhere. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    weighted: <T>(xs: readonly [T, number][]): T => {
      const total = xs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [x, w] of xs) if ((r -= w) < 0) return x;
      return xs[xs.length - 1]![0];
    },
  };
}
type Rng = ReturnType<typeof prng>;

/** Organisation codes of the demo agencies; `npm run token` uses them as each role's default org. */
export const DEMO_ORG_OF_ROLE: Partial<Record<Role, string>> = {
  FINANCE: 'HC-CZJ',
  AUDIT: 'HC-SJJ',
  REFORM: 'HC-FGJ',
  DISCIPLINE: 'HC-JWJW',
  LEADERSHIP: 'HC-ZF',
  HUB_ADMIN: 'HC-PTZX',
  EVALUATOR: 'TP-001',
  UNIT: 'HC-U001',
};

/** The agencies by their official names (怀化市鹤城区××局) and the short names ledgers write. */
const AGENCIES: [string, string, string, OrganizationKind][] = [
  ['HC-CZJ', '怀化市鹤城区财政局', '区财政局', OrganizationKind.OVERSIGHT_AGENCY],
  ['HC-SJJ', '怀化市鹤城区审计局', '区审计局', OrganizationKind.OVERSIGHT_AGENCY],
  ['HC-FGJ', '怀化市鹤城区发展和改革局', '区发改局', OrganizationKind.OVERSIGHT_AGENCY],
  [
    'HC-JWJW',
    '中共怀化市鹤城区纪律检查委员会 怀化市鹤城区监察委员会',
    '区纪委监委',
    OrganizationKind.OVERSIGHT_AGENCY,
  ],
  ['HC-ZF', '怀化市鹤城区人民政府', '区政府', OrganizationKind.LEADERSHIP],
  ['HC-PTZX', '怀化市鹤城区监督信息共享平台管理中心', '平台中心', OrganizationKind.HUB_OPERATOR],
];

const THIRD_PARTIES = ['湖南信达会计师事务所', '怀化正衡工程造价咨询有限公司', '湖南中审绩效评价研究院'];

const UNIT_NAMES = [
  '区教育局',
  '区卫生健康局',
  '区住房和城乡建设局',
  '区农业农村局',
  '区民政局',
  '区人力资源和社会保障局',
  '区交通运输局',
  '区水利局',
  '区自然资源局',
  '区文化旅游广电体育局',
  '区市场监督管理局',
  '区应急管理局',
  '区城市管理和综合执法局',
  '区医疗保障局',
  '区科学技术局',
  '区工业和信息化局',
  '区司法局',
  '区商务局',
  '区退役军人事务局',
  '区林业局',
  '区统计局',
  '区信访局',
  '区机关事务服务中心',
  '区残疾人联合会',
  '区妇女联合会',
  '区总工会',
  '区融媒体中心',
  '区疾病预防控制中心',
  '区人民医院',
  '区中医医院',
  '区妇幼保健计划生育服务中心',
  '区第一中学',
  '区实验小学',
  '区职业中等专业学校',
  '区公共资源交易中心',
  '区不动产登记中心',
  '区住房保障服务中心',
  '区生态环境分局',
  '区公安分局',
  '区档案馆',
  '区乡村振兴服务中心',
  '区农业综合执法大队',
  '区园林绿化中心',
  '区供销合作联社',
  '区老干部服务中心',
  // the district's streets and townships as they are today (7 街道, 1 镇, 2 乡, 黄岩旅游度假区)
  '城中街道办事处',
  '城北街道办事处',
  '城南街道办事处',
  '红星街道办事处',
  '迎丰街道办事处',
  '河西街道办事处',
  '坨院街道办事处',
  '凉亭坳乡人民政府',
  '盈口乡人民政府',
  '黄金坳镇人民政府',
  '黄岩旅游度假区管理委员会',
  '区人民防空办公室',
  '区政务服务中心',
  '区地方志编纂室',
  '区机关幼儿园',
];

/** The streets and townships in UNIT_NAMES (project names cite them as places). */
const PLACES = UNIT_NAMES.slice(
  UNIT_NAMES.indexOf('城中街道办事处'),
  UNIT_NAMES.indexOf('黄岩旅游度假区管理委员会') + 1,
);
const PLACE_SUFFIX = /(街道办事处|镇人民政府|乡人民政府|管理委员会)$/;

/** The short name a ledger writes: 区教育局, 城中街道, 黄金坳镇, 盈口乡, 黄岩旅游度假区. */
const shortNameOf = (base: string) =>
  base
    .replace(/街道办事处$/, '街道')
    .replace(/(镇|乡)人民政府$/, '$1')
    .replace(/管理委员会$/, '');

/** The official name: 怀化市鹤城区教育局, 怀化市鹤城区城中街道办事处. */
const officialNameOf = (base: string) => `怀化市鹤城区${base.replace(/^区/, '')}`;

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * A well-formed 统一社会信用代码 (GB 32100-2015) for demo organisation `n`: registration authority
 * 1 (机构编制) with category 1 (机关) or 2 (事业单位), or 9/1 (工商, 企业) for firms; 鹤城区's division code
 * 431202 (怀化市 431200 for firms); a 9-character organisation code with its GB 11714 check character;
 * and the check character of the whole. Made up, and recognisably so: the organisation codes start 9Z.
 */
export function demoCreditCode(n: number, kind: 'organ' | 'institution' | 'firm'): string {
  const body = `${String(n).padStart(6, '0')}`;
  const orgDigits = `90${body}`; // 8 characters, digits only
  const sum8 = [...orgDigits].reduce((a, c, i) => a + Number(c) * ORG_CODE_WEIGHTS[i]!, 0);
  const c9 = 11 - (sum8 % 11);
  const orgCode = orgDigits + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
  const head = kind === 'firm' ? '91431200' : kind === 'organ' ? '11431202' : '12431202';
  const first17 = head + orgCode;
  const sum = [...first17].reduce((a, c, i) => a + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + CREDIT_CHARS[check]!;
}

/** Whether `code` is a well-formed 统一社会信用代码 (its check character agrees). */
export function creditCodeValid(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce((a, c, i) => a + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  return CREDIT_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

/** Institutions (事业单位) among the units; the rest are organs (机关). */
const isInstitution = (base: string) => /(中心|医院|学校|中学|小学|幼儿园|馆|大队|编纂室)$/.test(base);

const COUNTIES = [
  '鹤城区',
  '中方县',
  '沅陵县',
  '辰溪县',
  '溆浦县',
  '会同县',
  '麻阳县',
  '新晃县',
  '芷江县',
  '靖州县',
  '通道县',
  '洪江市',
];

/** Project templates: name, preferred owner unit, fund type. */
const PROJECTS: [string, string, FundType][] = [
  ['义务教育薄弱环节改善与能力提升', '区教育局', FundType.GENERAL_BUDGET],
  ['老旧小区改造', '区住房和城乡建设局', FundType.GOVERNMENT_FUND],
  ['农村饮水安全巩固提升', '区水利局', FundType.GENERAL_BUDGET],
  ['乡村振兴衔接资金项目', '区农业农村局', FundType.GENERAL_BUDGET],
  ['基本公共卫生服务', '区卫生健康局', FundType.GENERAL_BUDGET],
  ['城区道路提质改造', '区交通运输局', FundType.SPECIAL_BOND],
  ['高标准农田建设', '区农业农村局', FundType.GENERAL_BUDGET],
  ['产业园区基础设施建设', '区工业和信息化局', FundType.SPECIAL_BOND],
  ['城乡居民养老保险补助', '区人力资源和社会保障局', FundType.SOCIAL_INSURANCE],
  ['困难群众救助补助', '区民政局', FundType.GENERAL_BUDGET],
  ['国有企业资本金注入', '区财政局', FundType.STATE_CAPITAL],
  ['地质灾害综合治理', '区自然资源局', FundType.GENERAL_BUDGET],
  ['城市污水管网改造', '区城市管理和综合执法局', FundType.SPECIAL_BOND],
  ['公共文化服务体系建设', '区文化旅游广电体育局', FundType.GENERAL_BUDGET],
  ['应急物资储备库建设', '区应急管理局', FundType.GENERAL_BUDGET],
  ['医疗救助资金', '区医疗保障局', FundType.SOCIAL_INSURANCE],
  ['农村公路安防工程', '区交通运输局', FundType.GENERAL_BUDGET],
  ['土地整理与复垦', '区自然资源局', FundType.GOVERNMENT_FUND],
];

/** The programmes that are construction investment (发改 inspects these, not transfers or subsidies). */
const INVESTMENT_PROGRAMMES = new Set([
  '义务教育薄弱环节改善与能力提升',
  '老旧小区改造',
  '农村饮水安全巩固提升',
  '城区道路提质改造',
  '高标准农田建设',
  '产业园区基础设施建设',
  '地质灾害综合治理',
  '城市污水管网改造',
  '应急物资储备库建设',
  '农村公路安防工程',
  '土地整理与复垦',
]);

/** Indicator weights of a project evaluation (权重, out of 100). */
const INDICATOR_WEIGHTS = [20, 30, 30, 20];

/**
 * Indicator results whose weights add up to 100 and whose scores add up to the review's score: the
 * points lost (100 − score) are shared by how far each indicator fell short, none losing more than
 * its weight. Exact in hundredths of a point.
 */
function indicatorResults(score: number, xs: { name: string; target: number; actual: number }[]) {
  const lost = Math.round((100 - score) * 100);
  const cap = INDICATOR_WEIGHTS.map((w) => w * 100);
  const shortfall = xs.map((x, i) => INDICATOR_WEIGHTS[i]! * (1.05 - Math.min(1, x.actual / x.target)));
  const total = shortfall.reduce((a, b) => a + b, 0);
  const take = shortfall.map((d, i) => Math.min(cap[i]!, Math.floor((lost * d) / total)));
  let rest = lost - take.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0 && i < take.length * 2; i++) {
    const k = i % take.length;
    const more = Math.min(rest, cap[k]! - take[k]!);
    take[k]! += more;
    rest -= more;
  }
  return xs.map((x, i) => ({
    name: x.name,
    weight: String(INDICATOR_WEIGHTS[i]),
    target: `${x.target}%`,
    actual: `${x.actual}%`,
    score: ((cap[i]! - take[i]!) / 100).toFixed(2),
  }));
}

/** Case stages before a decision: nobody is held accountable yet (问责 follows 审理/结案). */
const STAGES_BEFORE_ACCOUNTABILITY = new Set(['初步核实', '立案审查']);

/** The legal basis an audit cites for each category. */
const LEGAL_BASIS_OF: Record<string, string[]> = {
  虚列支出: ['《财政违法行为处罚处分条例》第六条', '《中华人民共和国会计法》第九条'],
  挤占挪用专项资金: ['《财政违法行为处罚处分条例》第六条', '《中华人民共和国预算法》第九十三条'],
  违规拨付资金: ['《中华人民共和国预算法》第五十七条', '《财政违法行为处罚处分条例》第六条'],
  未按规定实施政府采购: [
    '《中华人民共和国政府采购法》第二十六条',
    '《中华人民共和国政府采购法实施条例》第二十八条',
  ],
  工程结算多计价款: ['《基本建设财务规则》第二十一条', '《建设工程价款结算暂行办法》第十一条'],
  往来款长期挂账未清理: ['《行政事业单位内部控制规范（试行）》第三十八条', '《政府会计制度》'],
  国有资产管理不规范: [
    '《行政事业性国有资产管理条例》第二十条',
    '《行政事业单位内部控制规范（试行）》第四十二条',
  ],
  超范围列支: ['《中华人民共和国预算法》第五十七条', '《财政违法行为处罚处分条例》第六条'],
  应收未收非税收入: ['《财政违法行为处罚处分条例》第四条', '《政府非税收入管理办法》第二十三条'],
};

const CATEGORIES: Record<FindingSource, string[]> = {
  PERFORMANCE: [
    '绩效目标不明确或不可衡量',
    '绩效指标未细化量化',
    '预算执行率偏低',
    '资金闲置',
    '产出未达预期',
    '自评结果与实际不符',
    '项目前期论证不充分',
  ],
  AUDIT: [
    '虚列支出',
    '挤占挪用专项资金',
    '违规拨付资金',
    '未按规定实施政府采购',
    '工程结算多计价款',
    '往来款长期挂账未清理',
    '国有资产管理不规范',
    '超范围列支',
    '应收未收非税收入',
  ],
  REFORM: [
    '未批先建',
    '擅自变更建设规模或内容',
    '招标投标不规范',
    '项目建设进度滞后',
    '配套资金未及时到位',
    '未按规定竣工验收',
  ],
  DISCIPLINE: [
    '违反中央八项规定精神',
    '违规发放津贴补贴',
    '公款吃喝',
    '失职失责',
    '优亲厚友',
    '利用职务便利谋取私利',
    '形式主义官僚主义',
  ],
};

const REVIEW_TYPES: Record<FindingSource, string[]> = {
  PERFORMANCE: ['项目支出绩效评价', '部门整体支出绩效评价', '事前绩效评估', '财政政策绩效评价'],
  AUDIT: ['预算执行审计', '经济责任审计', '专项资金审计', '政府投资项目审计'],
  REFORM: ['重大项目稽察', '中央预算内投资项目专项检查'],
  DISCIPLINE: ['监督检查', '专项整治', '线索核查'],
};

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万覃武钱戴严欧莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩林波海燕雪梅琳晶欣怡凯亮';
const POSITIONS = [
  '局长',
  '副局长',
  '办公室主任',
  '财务股股长',
  '项目负责人',
  '会计',
  '出纳',
  '街道办主任',
  '副主任',
  '站长',
];
const CLUE_SOURCES = ['信访举报', '审计移送', '巡察移交', '监督检查发现', '财政部门移送', '媒体曝光'];
const CASE_STAGES = ['初步核实', '立案审查', '审理', '已结案'];
const INSPECTION_ITEMS = ['项目审批', '招标投标', '建设进度', '资金使用', '竣工验收'];
const LEGAL_BASES = [
  '《中华人民共和国预算法》第五十七条',
  '《财政违法行为处罚处分条例》第六条',
  '《中华人民共和国政府采购法》第二十六条',
  '《行政事业单位内部控制规范（试行）》第三十八条',
  '《基本建设财务规则》第二十一条',
];

function personName(r: Rng): string {
  return r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : '');
}

/** fen -> "123.45" */
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** An amount written in 万元 with 2-4 decimals, as agencies report them; returned in fen. */
function amountFen(r: Rng, maxWan: number): number {
  const decimals = r.int(2, 4);
  const wan = Math.round(r.next() ** 2.2 * maxWan * 10 ** decimals) / 10 ** decimals;
  return Math.round(wan * 1_000_000); // 1 万元 = 10,000 元 = 1,000,000 分
}
const wanText = (fen: number) => `${(fen / 1_000_000).toFixed(4).replace(/0{1,2}$/, '')}万元`;

export interface SeedCounts {
  organizations: number;
  projects: number;
  policies: number;
  reviews: number;
  findings: number;
  rectifications: number;
}

export interface SeedOptions {
  scale?: number;
  seed?: number;
  /** Called now and then with a progress line. */
  progress?: (line: string) => void;
}

async function insertChunked(
  trx: Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
  returning = false,
) {
  const out: { id: number }[] = [];
  const chunk = 500;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    if (returning) out.push(...((await trx(table).insert(part).returning('id')) as { id: number }[]));
    else await trx(table).insert(part);
  }
  return out;
}

/**
 * Inserts the demo data set in one transaction. The database must be empty of organisations (the
 * caller checks); ids are whatever the sequences give, so tests never rely on them.
 */
export async function seedDemo(knex: Knex, opts: SeedOptions = {}): Promise<SeedCounts> {
  const scale = opts.scale ?? 1;
  const r = prng(opts.seed ?? 20261128);
  const say = opts.progress ?? (() => {});
  return knex.transaction(async (trx) => {
    // organisations
    const orgRows: Record<string, unknown>[] = AGENCIES.map(([code, name, shortName, kind], i) => ({
      code,
      name,
      short_name: shortName,
      kind,
      credit_code: demoCreditCode(i + 1, kind === OrganizationKind.HUB_OPERATOR ? 'institution' : 'organ'),
    }));
    THIRD_PARTIES.forEach((name, i) =>
      orgRows.push({
        code: `TP-${String(i + 1).padStart(3, '0')}`,
        name,
        short_name: null,
        kind: OrganizationKind.THIRD_PARTY,
        credit_code: demoCreditCode(100 + i, 'firm'),
      }),
    );
    const unitCount = Math.max(8, Math.round(UNIT_NAMES.length * scale));
    const unitNames: string[] = [];
    for (let i = 0; i < unitCount; i++) {
      const base = UNIT_NAMES[i % UNIT_NAMES.length]!;
      const county = Math.floor(i / UNIT_NAMES.length);
      const prefix =
        county === 0
          ? ''
          : `${COUNTIES[county % COUNTIES.length]}${county >= COUNTIES.length ? Math.floor(county / COUNTIES.length) + 1 : ''}`;
      const name = county === 0 ? officialNameOf(base) : prefix + base.replace(/^区/, '');
      unitNames.push(name);
      orgRows.push({
        code: `HC-U${String(i + 1).padStart(3, '0')}`,
        name,
        short_name: county === 0 ? shortNameOf(base) : null,
        kind: OrganizationKind.BUDGET_UNIT,
        // 鹤城区's own units only: the copies standing for other counties (scale > 1) have none
        credit_code:
          county === 0 ? demoCreditCode(1000 + i, isInstitution(base) ? 'institution' : 'organ') : null,
      });
    }
    const orgIds = (await insertChunked(trx, 'organization', orgRows, true)).map((x) => x.id);
    const agencyId: Record<FindingSource, number> = {
      PERFORMANCE: orgIds[0]!,
      AUDIT: orgIds[1]!,
      REFORM: orgIds[2]!,
      DISCIPLINE: orgIds[3]!,
    };
    const tpIds = orgIds.slice(AGENCIES.length, AGENCIES.length + THIRD_PARTIES.length);
    const unitIds = orgIds.slice(AGENCIES.length + THIRD_PARTIES.length);
    const unitNameById = new Map(unitIds.map((id, i) => [id, unitNames[i]!]));
    const unitByName = new Map<string, number>();
    unitNames.forEach((n, i) => {
      if (i < UNIT_NAMES.length) unitByName.set(UNIT_NAMES[i]!, unitIds[i]!);
    });
    say(`organisations: ${orgIds.length}`);

    // projects
    const projectCount = Math.round(1000 * scale);
    const projectRows: Record<string, unknown>[] = [];
    const projectOwner: number[] = [];
    /** Whether each project is an investment (construction) project, which 发改 inspects. */
    const projectInvests: boolean[] = [];
    for (let i = 0; i < projectCount; i++) {
      // the first few are the district's standing programmes, named plainly (as ledgers cite them)
      const standing = i < PROJECTS.length;
      const [tmpl, owner, fund] = standing ? PROJECTS[i]! : r.pick(PROJECTS);
      const countyBlock = Math.floor(r.int(0, unitIds.length - 1) / UNIT_NAMES.length);
      const preferred = unitByName.get(owner);
      const ownerId = standing
        ? (preferred ?? r.pick(unitIds))
        : preferred !== undefined && r.chance(0.7)
          ? (unitIds[
              Math.min(unitIds.length - 1, countyBlock * UNIT_NAMES.length + UNIT_NAMES.indexOf(owner))
            ] ?? preferred)
          : r.pick(unitIds);
      const startYear = r.int(2021, 2025);
      const place = r.chance(0.5)
        ? r
            .pick(PLACES)
            .replace(PLACE_SUFFIX, '')
            .replace(/旅游度假区$/, '')
        : '';
      projectRows.push({
        code: `XM-${startYear}-${String(i + 1).padStart(5, '0')}`,
        name: standing
          ? tmpl
          : `${startYear}年${place}${tmpl}${r.chance(0.3) ? `（${r.pick(['一期', '二期', '三期'])}）` : ''}`,
        fund_type: fund,
        budget_amount: yuan(amountFen(r, 5000) + 1_000_000),
        owner_unit_id: ownerId,
        start_year: startYear,
        end_year: r.chance(0.7) ? startYear + r.int(0, 3) : null,
      });
      projectOwner.push(ownerId);
      projectInvests.push(INVESTMENT_PROGRAMMES.has(tmpl));
    }
    const projectIds = (await insertChunked(trx, 'project', projectRows, true)).map((x) => x.id);
    const projectNameById = new Map(projectIds.map((id, i) => [id, projectRows[i]!.name as string]));
    say(`projects: ${projectIds.length}`);

    const policyRows = [
      '义务教育阶段学生营养改善计划',
      '城乡居民基本医疗保险财政补助',
      '农业产业化龙头企业奖补政策',
      '就业创业补贴政策',
      '老旧小区改造以奖代补政策',
    ].map((name, i) => ({
      code: `ZC-${String(i + 1).padStart(3, '0')}`,
      name,
      owner_unit_id: r.pick(unitIds),
      effective_year: r.int(2019, 2024),
    }));
    const policyIds = (await insertChunked(trx, 'policy', policyRows, true)).map((x) => x.id);

    // reviews
    const perSource: [FindingSource, number][] = [
      [FindingSource.PERFORMANCE, 150],
      [FindingSource.AUDIT, 80],
      [FindingSource.REFORM, 60],
      [FindingSource.DISCIPLINE, 40],
    ];
    const reviewRows: Record<string, unknown>[] = [];
    for (const [source, n] of perSource) {
      for (let i = 0; i < Math.round(n * scale); i++) {
        let fiscalYear = r.int(2023, 2025);
        const reviewType = r.pick(REVIEW_TYPES[source]);
        let pIdx = r.int(0, projectIds.length - 1);
        // 发改 inspects investment projects only: the next one from the draw (no extra draw, so the
        // rest of the data set stays as it was)
        if (source === FindingSource.REFORM) {
          while (!projectInvests[pIdx]) pIdx = (pIdx + 1) % projectIds.length;
        }
        const onProject =
          source !== FindingSource.DISCIPLINE &&
          !reviewType.startsWith('部门整体') &&
          reviewType !== '经济责任审计';
        const onPolicy = reviewType === '财政政策绩效评价';
        const unitId = onProject ? projectOwner[pIdx]! : r.pick(unitIds);
        const projectName = onProject ? (projectRows[pIdx]!.name as string) : null;
        // no review of a year before the project started
        if (onProject && !onPolicy)
          fiscalYear = Math.max(fiscalYear, projectRows[pIdx]!.start_year as number);
        const unitName = unitNameById.get(unitId)!;
        const subjectName = onProject && !onPolicy ? projectName! : unitName;
        const score =
          source === FindingSource.PERFORMANCE ? Math.round((55 + r.next() * 43) * 100) / 100 : null;
        reviewRows.push({
          source,
          agency_id: agencyId[source],
          source_ref: `${{ PERFORMANCE: 'PJ', AUDIT: 'SJ', REFORM: 'JC', DISCIPLINE: 'JJ' }[source]}-${fiscalYear}-${String(i + 1).padStart(4, '0')}`,
          subject_kind: onPolicy ? SubjectKind.POLICY : onProject ? SubjectKind.PROJECT : SubjectKind.UNIT,
          unit_id: unitId,
          project_id: onProject && !onPolicy ? projectIds[pIdx] : null,
          policy_id: onPolicy ? r.pick(policyIds) : null,
          evaluator_id: source === FindingSource.PERFORMANCE && r.chance(0.5) ? r.pick(tpIds) : null,
          // a project named with its year keeps it, and the title does not say the year twice
          title: /^\d{4}年/.test(subjectName)
            ? `${subjectName}${fiscalYear}年度${reviewType}`
            : `${fiscalYear}年度${subjectName}${reviewType}`,
          review_type: reviewType,
          fiscal_year: fiscalYear,
          conclusion:
            source === FindingSource.PERFORMANCE
              ? `综合评价得分${score}分，评价等级为“${{ EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' }[gradeForScore(score!)]}”。`
              : source === FindingSource.DISCIPLINE
                ? '已按规定程序处置。'
                : '发现问题已移交相关单位整改。',
          score: score === null ? null : score.toFixed(2),
          grade: score === null ? null : gradeForScore(score),
          indicator_results:
            score === null
              ? null
              : JSON.stringify(
                  indicatorResults(
                    score,
                    ['资金到位率', '预算执行率', '项目完成率', '群众满意度'].map((name) => {
                      const target = name === '群众满意度' ? 90 : 100;
                      const actual = Math.round(target * (0.6 + r.next() * 0.45) * 10) / 10;
                      return { name, target, actual };
                    }),
                  ),
                ),
          sensitivity:
            source === FindingSource.DISCIPLINE
              ? Sensitivity.SECRET
              : source === FindingSource.PERFORMANCE && r.chance(0.6)
                ? Sensitivity.PUBLIC
                : Sensitivity.INTERNAL,
          publication_state: r.chance(0.95) ? PublicationState.PUBLISHED : PublicationState.DRAFT,
          published_at: new Date(Date.UTC(fiscalYear + 1, r.int(2, 10), r.int(1, 28))),
          completed_on: `${fiscalYear + 1}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
        });
      }
    }
    // a pre-assessment (事前绩效评估) concludes 予以支持 / 调整后予以支持 / 不予支持; it is not graded
    for (const rv of reviewRows) {
      if (rv.review_type !== '事前绩效评估') continue;
      const s = Number(rv.score);
      const c = s >= 80 ? '予以支持' : s >= 65 ? '调整后予以支持' : '不予支持';
      Object.assign(rv, {
        score: null,
        grade: null,
        indicator_results: null,
        conclusion: `评估结论：${c}。`,
      });
    }
    // interleave the sources, so that "newest first" shows a mix, as in real life
    for (let i = reviewRows.length - 1; i > 0; i--) {
      const j = Math.floor(r.next() * (i + 1));
      [reviewRows[i], reviewRows[j]] = [reviewRows[j]!, reviewRows[i]!];
    }
    const reviewIds = (await insertChunked(trx, 'review', reviewRows, true)).map((x) => x.id);
    say(`reviews: ${reviewIds.length}`);

    // findings: 3-15 per review, ~3,000 per unit of scale
    const findingRows: Record<string, unknown>[] = [];
    const seq: Record<string, number> = {};
    let written = 0;
    const flush = async () => {
      await insertChunked(trx, 'finding', findingRows.splice(0));
    };
    for (let i = 0; i < reviewRows.length; i++) {
      const rv = reviewRows[i]!;
      const source = rv.source as FindingSource;
      const n = source === FindingSource.DISCIPLINE ? r.int(1, 4) : r.int(4, 16);
      for (let k = 0; k < n; k++) {
        const category = r.pick(CATEGORIES[source]);
        const fen =
          source === FindingSource.DISCIPLINE && r.chance(0.4)
            ? null
            : amountFen(r, source === FindingSource.AUDIT ? 800 : 300);
        const ref = `${rv.source_ref}-${String(k + 1).padStart(2, '0')}`;
        seq[source] = (seq[source] ?? 0) + 1;
        const unitName = unitNameById.get(rv.unit_id as number)!;
        const projectName = rv.project_id ? projectNameById.get(rv.project_id as number)! : null;
        const subject = projectName ?? unitName;
        const sens =
          source === FindingSource.DISCIPLINE
            ? Sensitivity.SECRET
            : source === FindingSource.AUDIT
              ? r.weighted<Sensitivity>([
                  [Sensitivity.INTERNAL, 6],
                  [Sensitivity.RESTRICTED, 3],
                  [Sensitivity.PUBLIC, 1],
                ])
              : r.weighted<Sensitivity>([
                  [Sensitivity.PUBLIC, 4],
                  [Sensitivity.INTERNAL, 5],
                  [Sensitivity.RESTRICTED, 1],
                ]);
        const published = rv.publication_state === PublicationState.PUBLISHED;
        let stage: string | null = null;
        findingRows.push({
          source,
          agency_id: rv.agency_id,
          source_ref: ref,
          review_id: reviewIds[i],
          unit_id: rv.unit_id,
          project_id: rv.project_id,
          policy_id: rv.policy_id,
          fiscal_year: rv.fiscal_year,
          category,
          severity: r.weighted<Severity>([
            [Severity.MINOR, 5],
            [Severity.MODERATE, 3],
            [Severity.SERIOUS, 1],
          ]),
          title: `${subject}${category}`,
          description:
            fen === null
              ? `${unitName}存在${category}问题，${r.pick(['群众反映强烈', '情节较轻', '造成不良影响', '经核查属实'])}。`
              : `${fiscalYearText(rv.fiscal_year as number)}${subject}存在${category}问题，涉及金额${wanText(fen)}，${r.pick(['未按规定履行审批程序', '相关台账记录不完整', '资金拨付与项目进度不匹配', '内部控制制度执行不到位', '未及时进行账务处理'])}。`,
          amount_involved: fen === null ? null : yuan(fen),
          amount_disclosed: sens === Sensitivity.PUBLIC && r.chance(0.5),
          sensitivity: sens,
          publication_state: published ? PublicationState.PUBLISHED : PublicationState.DRAFT,
          // derived from the finding's task once tasks exist (migration rectification_status_derived);
          // the draw that once picked a status is kept so the rest of the data set stays as it was
          rectification_status: (r.next(), RectificationStatus.PENDING),
          published_at: published ? rv.published_at : null,
          responsible_person: personName(r),
          responsible_phone: `0745-${r.int(2100000, 2899999)}`,
          indicator_name:
            source === FindingSource.PERFORMANCE
              ? r.pick(['资金到位率', '预算执行率', '项目完成率', '群众满意度', '成本控制'])
              : null,
          score_deducted: source === FindingSource.PERFORMANCE ? (r.int(5, 60) / 10).toFixed(2) : null,
          // the draw over the old list is kept, so the rest of the data set stays as it was
          legal_basis:
            source === FindingSource.AUDIT
              ? LEGAL_BASIS_OF[category]![LEGAL_BASES.indexOf(r.pick(LEGAL_BASES)) % 2]!
              : null,
          audit_opinion:
            source === FindingSource.AUDIT
              ? r.pick(['责令限期整改', '责令追回资金', '调整有关会计账目', '移送有关部门处理'])
              : null,
          inspection_item: source === FindingSource.REFORM ? r.pick(INSPECTION_ITEMS) : null,
          approval_ref:
            source === FindingSource.REFORM ? `鹤发改审〔${rv.fiscal_year}〕${r.int(1, 300)}号` : null,
          clue_source: source === FindingSource.DISCIPLINE ? r.pick(CLUE_SOURCES) : null,
          persons_involved:
            source === FindingSource.DISCIPLINE
              ? JSON.stringify(
                  Array.from({ length: r.int(1, 3) }, () => ({
                    name: personName(r),
                    position: r.pick(POSITIONS),
                  })),
                )
              : null,
          // assigned here, in the order of the draws (the rest of the data set stays as it was)
          case_stage: (stage = source === FindingSource.DISCIPLINE ? r.pick(CASE_STAGES) : null),
          persons_held_accountable:
            source === FindingSource.DISCIPLINE
              ? ((held) => (STAGES_BEFORE_ACCOUNTABILITY.has(stage!) ? 0 : held))(r.int(0, 3))
              : null,
        });
        if (findingRows.length >= 2000) {
          written += findingRows.length;
          await flush();
          say(`findings: ${written}`);
        }
      }
    }
    written += findingRows.length;
    await flush();
    say(`findings: ${written}`);

    const tasks = await seedRectifications(trx, r, agencyId);
    say(`rectification tasks: ${tasks}`);
    const chain = await seedPerformanceChain(trx, { scale, seed: (opts.seed ?? 20261128) + 13 });
    say(
      `performance chain 2025: ${chain.targetSets} target sets, ${chain.selfEvaluations} self-evaluations, ${chain.decisions} decisions`,
    );
    return {
      organizations: orgIds.length,
      projects: projectIds.length,
      policies: policyIds.length,
      reviews: reviewIds.length,
      findings: written,
      rectifications: tasks,
    };
  });
}

const fiscalYearText = (y: number) => `${y}年度，`;

/**
 * About one in 25 published, non-discipline findings gets a rectification task, in every state, with
 * a plausible timeline; deadlines fall between mid-2026 and 2027, so some are overdue "today".
 * Audit tasks are co-supervised by the finance bureau (joint sign-off).
 */
const DEMO_MONEY_KINDS = [
  'recovered',
  'returnedToChannel',
  'paidToTreasury',
  'accountsAdjusted',
  'revitalised',
];

async function seedRectifications(
  trx: Knex.Transaction,
  r: Rng,
  agencyId: Record<FindingSource, number>,
): Promise<number> {
  const findings = (await trx('finding')
    .select('id', 'agency_id', 'unit_id', 'source', 'amount_involved')
    .where('publication_state', 'PUBLISHED')
    .whereNot('source', 'DISCIPLINE')
    .orderBy('id')) as {
    id: number;
    agency_id: number;
    unit_id: number;
    source: FindingSource;
    amount_involved: string | null;
  }[];
  const picked = findings.filter((_, i) => i % 25 === 7);
  const MEASURES = [
    '追回违规资金并退回原渠道，完善资金审批制度',
    '开展专项自查，建立项目资金台账，明确责任人',
    '调整预算安排，加快项目实施进度',
    '修订内部控制制度，组织财务人员专题培训',
    '补充完善绩效目标和指标，规范自评工作',
  ];
  const STATES = [
    'ASSIGNED',
    'IN_PROGRESS',
    'IN_PROGRESS',
    'SUBMITTED',
    'RETURNED',
    'CLOSED',
    'CLOSED',
  ] as const;
  let count = 0;
  for (let i = 0; i < picked.length; i += 500) {
    const part = picked.slice(i, i + 500);
    const plans = part.map((f, k) => {
      const drawn = r.pick(STATES);
      // every other returned task was found 部分整改 instead: back in progress, its findings PARTLY
      const partly = drawn === 'RETURNED' && k % 2 === 0;
      const state = partly ? 'IN_PROGRESS' : drawn;
      const month = r.int(6, 15);
      const deadline = `${month > 12 ? 2027 : 2026}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      const kind = r.weighted<string>([
        ['IMMEDIATE', 2],
        ['DEADLINE', 6],
        ['LONG_TERM', 1],
      ]);
      return {
        f,
        state,
        partly,
        deadline,
        kind,
        measures: r.pick(MEASURES),
        percent: r.int(20, 95),
        closedMonth: r.int(2, 9),
        closedDay: r.int(1, 28),
      };
    });
    const ids = (await trx('rectification')
      .insert(
        plans.map((p) => ({
          unit_id: p.f.unit_id,
          lead_id: p.f.agency_id,
          kind: p.kind,
          measures: p.measures,
          deadline: p.deadline,
          next_milestone: p.kind === 'LONG_TERM' ? p.deadline : null,
          state: p.state,
          submission_no: ['SUBMITTED', 'RETURNED', 'CLOSED'].includes(p.state) || p.partly ? 1 : 0,
          conclusion:
            p.state === 'CLOSED'
              ? 'RECTIFIED'
              : p.state === 'RETURNED'
                ? 'NOT_RECTIFIED'
                : p.partly
                  ? 'PARTLY'
                  : null,
          // closed in the past: the demo world's present is late 2026
          closed_at: p.state === 'CLOSED' ? new Date(Date.UTC(2026, p.closedMonth, p.closedDay, 8)) : null,
        })),
      )
      .returning('id')) as { id: number }[];
    const links: Record<string, unknown>[] = [];
    const sups: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    ids.forEach(({ id }, k) => {
      const p = plans[k]!;
      links.push({ rectification_id: id, finding_id: p.f.id });
      const supervisors = [p.f.agency_id, ...(p.f.source === 'AUDIT' ? [agencyId.PERFORMANCE] : [])];
      for (const a of supervisors) sups.push({ rectification_id: id, agency_id: a });
      let v = 0;
      const ev = (type: string, actor: number, payload: Record<string, unknown>) =>
        events.push({
          rectification_id: id,
          type,
          actor_id: actor,
          actor_user: 'demo',
          version: ++v,
          payload: JSON.stringify(payload),
        });
      ev('CREATED', p.f.agency_id, {
        kind: p.kind,
        deadline: p.deadline,
        measures: p.measures,
        lead: p.f.agency_id,
        supervisors,
        findings: [p.f.id],
      });
      if (p.state === 'ASSIGNED') return;
      ev('STARTED', p.f.unit_id, {});
      const money = p.f.amount_involved && r.chance(0.6) ? p.f.amount_involved : null;
      ev('REPORTED', p.f.unit_id, {
        text: r.pick(['已制定整改方案并落实责任人', '已追回部分资金', '已完成制度修订', '项目已加快推进']),
        percent: p.state === 'IN_PROGRESS' ? p.percent : 100,
        moneyRecovered: money,
        // 整改金额 by kind, chosen from the task (no draw, so the rest of the data set stays as it was)
        ...(money ? { money: { [DEMO_MONEY_KINDS[p.f.id % DEMO_MONEY_KINDS.length]!]: money } } : {}),
        rulesEstablished: r.chance(0.4)
          ? r.pick(['《专项资金管理办法》', '《政府采购内部控制规程》', '《项目绩效管理实施细则》'])
          : null,
        evidence: [],
      });
      if (p.state === 'IN_PROGRESS' && !p.partly) return;
      ev('SUBMITTED', p.f.unit_id, { submission: 1, note: '整改完成，申请核验' });
      if (p.partly) {
        ev('PARTLY_RECTIFIED', p.f.agency_id, {
          submission: 1,
          conclusion: 'PARTLY',
          reason: '部分资金尚未归还原渠道，相关制度尚未印发，继续整改',
        });
        return;
      }
      if (p.state === 'SUBMITTED') return;
      if (p.state === 'RETURNED') {
        ev('RETURNED', p.f.agency_id, {
          submission: 1,
          reason: '佐证材料不充分，请补充',
          conclusion: 'NOT_RECTIFIED',
        });
        return;
      }
      supervisors.forEach((a, j) =>
        ev('APPROVED', a, {
          submission: 1,
          conclusion: 'RECTIFIED',
          closes: j === supervisors.length - 1,
          reason: null,
        }),
      );
    });
    await trx('rectification_finding').insert(links);
    // each finding's status follows its task (trigger rectification_status_link)
    await trx('rectification_supervisor').insert(sups);
    for (let j = 0; j < events.length; j += 1000)
      await trx('rectification_event').insert(events.slice(j, j + 1000));
    // the task's version is that of its last event
    await trx.raw(
      `update rectification t set version = e.v from (select rectification_id, max(version) v from rectification_event where rectification_id = any(?) group by rectification_id) e where e.rectification_id = t.id`,
      [ids.map((x) => x.id)],
    );
    count += ids.length;
  }
  return count;
}

// ---- planted duplicates (疑似重复) for the suggestion benchmark ----

/** How another agency words the same facts: its lead-in, and the rewordings officials use. */
const LEAD_IN: Record<FindingSource, string[]> = {
  PERFORMANCE: ['绩效评价发现，', '经评价，', '重点绩效评价中发现，'],
  AUDIT: ['经审计，', '审计发现，', '审计抽查发现，'],
  REFORM: ['稽察发现，', '经稽察，', '专项检查发现，'],
  DISCIPLINE: ['监督检查发现，'],
};
const REWORDINGS: [string, string][] = [
  ['未按规定履行审批程序', '未严格履行审批手续'],
  ['相关台账记录不完整', '台账登记不健全'],
  ['资金拨付与项目进度不匹配', '资金支付与工程进度不符'],
  ['内部控制制度执行不到位', '内控制度落实不到位'],
  ['未及时进行账务处理', '账务处理不及时'],
  ['挤占挪用专项资金', '专项资金被挤占挪用'],
  ['预算执行率偏低', '预算执行进度缓慢'],
  ['资金闲置', '资金长期闲置未使用'],
  ['违规拨付资金', '资金拨付不合规'],
  ['虚列支出', '虚列项目支出'],
  ['项目建设进度滞后', '工程建设进度滞后'],
  ['招标投标不规范', '招投标程序不规范'],
  ['配套资金未及时到位', '配套资金到位不及时'],
  ['产出未达预期', '项目产出未达到预期目标'],
  ['工程结算多计价款', '工程结算多计工程款'],
];
const yuanText = (fen: number) =>
  `${Math.floor(fen / 100).toLocaleString('en-US')}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''}元`;

export interface PlantedDuplicates {
  /** [original finding id, its planted duplicate's id, how it was varied]. */
  pairs: [number, number, string][];
  distractors: number;
}

/**
 * Plants `count` duplicates: for published findings with an amount and a project, another agency's
 * finding of the same problem — reworded, under its own category, the amount written in 万元 or 元,
 * rounded, entered in the wrong unit or left out, a year later in some — and two distractors each: the
 * same unit and project with a different problem and amount, and the duplicate's very wording about
 * another unit. Deterministic. For bench/recognition.ts and, a few, the demo data set (recognition-demo.ts).
 */
export async function plantDuplicates(
  knex: Knex,
  opts: { count: number; seed?: number },
): Promise<PlantedDuplicates> {
  const r = prng(opts.seed ?? 20261202);
  const sources = [FindingSource.PERFORMANCE, FindingSource.AUDIT, FindingSource.REFORM];
  const agencies = (await knex('organization')
    .whereIn('code', ['HC-CZJ', 'HC-SJJ', 'HC-FGJ'])
    .select('id', 'code')) as { id: number; code: string }[];
  const agencyOf: Record<string, number> = {
    PERFORMANCE: agencies.find((a) => a.code === 'HC-CZJ')!.id,
    AUDIT: agencies.find((a) => a.code === 'HC-SJJ')!.id,
    REFORM: agencies.find((a) => a.code === 'HC-FGJ')!.id,
  };
  const units = (await knex('organization').where('kind', 'BUDGET_UNIT').select('id', 'name')) as {
    id: number;
    name: string;
  }[];
  const originals = (await knex('finding as f')
    .join('organization as o', 'o.id', 'f.unit_id')
    .join('project as p', 'p.id', 'f.project_id')
    .where('f.publication_state', 'PUBLISHED')
    .whereIn('f.source', sources)
    .whereNotNull('f.amount_involved')
    .whereRaw('f.amount_involved >= 10000')
    // a deterministic sample spread over the whole set
    .orderByRaw('md5(f.id::text)')
    .limit(opts.count)
    .select('f.*', 'o.name as unit_name', 'p.name as project_name')) as Record<string, unknown>[];
  const rows: Record<string, unknown>[] = [];
  const kinds: string[] = [];
  let n = 0;
  const ref = (s: string) => `YSCF-${s}-${String(++n).padStart(6, '0')}`;
  for (const o of originals) {
    const src = o.source as FindingSource;
    const other = r.pick(sources.filter((s) => s !== src));
    const ofen = Math.round(Number(o.amount_involved) * 100);
    const amountKind = r.weighted<string>([
      ['元', 3],
      ['万元', 3],
      ['取整', 2],
      ['单位错录', 1],
      ['未填金额', 1],
    ]);
    const yearApart = r.chance(0.3);
    const year = (o.fiscal_year as number) + (yearApart ? 1 : 0);
    let fen: number | null = ofen;
    let amountPhrase = `涉及资金${yuanText(ofen)}`;
    if (amountKind === '万元') amountPhrase = `涉及资金${wanText(ofen)}`;
    if (amountKind === '取整') {
      const step = ofen >= 10_000_000 ? 1_000_000 : 100_000; // 1万元 or 0.1万元
      fen = Math.round(ofen / step) * step;
      amountPhrase = `涉及资金约${(fen / 1_000_000).toString()}万元`;
    }
    if (amountKind === '单位错录') {
      fen = Math.round(ofen / 10_000); // the 万元 figure typed into a 元 column
      amountPhrase = `涉及资金${wanText(ofen)}`;
    }
    if (amountKind === '未填金额') fen = null;
    // the facts as another agency writes them: its lead-in, reworded clauses, sometimes reordered
    const desc = String(o.description).replace(/^\d{4}年度，/, '');
    const [head, ...rest] = desc
      .replace(/。$/, '')
      .split('，')
      .filter((c) => !c.startsWith('涉及金额'));
    let reworded = [head!, ...rest].map((c) => REWORDINGS.reduce((t, [a, b]) => t.split(a).join(b), c));
    if (rest.length && r.chance(0.5)) reworded = [reworded[0]!, ...reworded.slice(1).reverse()];
    const text = `${r.pick(LEAD_IN[other])}${reworded.join('，')}，${amountPhrase}。`;
    const category = r.pick(CATEGORIES[other]);
    const base = {
      source: other,
      agency_id: agencyOf[other],
      review_id: null,
      unit_id: o.unit_id,
      project_id: o.project_id,
      policy_id: null,
      severity: o.severity,
      sensitivity: Sensitivity.INTERNAL,
      publication_state: PublicationState.PUBLISHED,
      rectification_status: RectificationStatus.PENDING,
      published_at: new Date(),
      amount_disclosed: false,
    };
    rows.push({
      ...base,
      source_ref: ref(`D${o.id}`),
      fiscal_year: year,
      category,
      title: `${o.project_name}${category}`,
      description: text,
      amount_involved: fen == null ? null : yuan(fen),
    });
    kinds.push(`${amountKind}${yearApart ? '、相隔一年' : ''}`);
    // distractor 1: same unit and project, the same other agency, a different problem and amount
    const otherCategory = r.pick(CATEGORIES[other].filter((c) => c !== category));
    const dfen = amountFen(r, 300);
    rows.push({
      ...base,
      source_ref: ref('X'),
      fiscal_year: o.fiscal_year,
      category: otherCategory,
      title: `${o.project_name}${otherCategory}`,
      description: `${r.pick(LEAD_IN[other])}${o.project_name}存在${otherCategory}问题，涉及金额${wanText(dfen)}，${r.pick(['绩效目标设定不合理', '政府采购程序不规范', '项目验收资料缺失', '固定资产未及时入账'])}。`,
      amount_involved: yuan(dfen),
    });
    // distractor 2: the duplicate's wording about another unit
    const u = r.pick(units.filter((x) => x.id !== o.unit_id));
    rows.push({
      ...base,
      source_ref: ref('Y'),
      unit_id: u.id,
      project_id: null,
      fiscal_year: year,
      category,
      title: `${u.name}${category}`,
      description: text.split(String(o.unit_name)).join(u.name),
      amount_involved: fen == null ? null : yuan(fen),
    });
  }
  const ids = (await knex('finding').insert(rows).returning('id')) as { id: number }[];
  const pairs: [number, number, string][] = originals.map((o, i) => [
    o.id as number,
    ids[i * 3]!.id,
    kinds[i]!,
  ]);
  return { pairs, distractors: rows.length - pairs.length };
}
