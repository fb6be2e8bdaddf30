/**
 * Ledger intake (issue 12): ledgers as agencies keep them. Unit matching rule by rule with the
 * did-you-mean answer, aliases, import profiles, evaluation-result workbooks, the one-pass dry run
 * with its problem workbook, and the matched-without-help figure of every sample ledger.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory, type Org } from './support/factories.js';
import { OrganizationKind, Role } from '../src/shared/enums.js';
import { makeViewer } from '../src/auth/viewer.js';
import { creditCodeCheck, nameKey, splitProblems } from '../src/modules/import/index.js';
import { matchSubjects } from '../src/modules/intake/index.js';
import { importLedgerFile } from '../src/modules/publishing/ledger-import.js';

let hub: TestHub;
let f: Factory;
beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
});
afterAll(async () => hub?.stop());

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/ledgers');
const EXAMPLES = path.resolve(import.meta.dirname, '../examples/ledgers');
const uid = () => randomBytes(3).toString('hex').toUpperCase();

async function demoViewer(code: string, role: Role) {
  const org = (await hub.knex('organization').where({ code }).first()) as { id: number };
  return makeViewer(role, { id: org.id, code }, 'intake-test');
}

function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = '11431202' + Array.from({ length: 9 }, (_, i) => alphabet[randomBytes(1)[0]! % 31]!).join('');
  return body + creditCodeCheck(body);
}

/** A unit of its own per test, with a name no other test uses. */
async function unit(over: Record<string, unknown> = {}): Promise<Org & { short: string; credit: string }> {
  const tag = uid();
  const credit = creditCode();
  const o = await f.org(OrganizationKind.BUDGET_UNIT, {
    name: `鹤城区测试${tag}管理局`,
    short_name: `区测试${tag}管理局`,
    credit_code: credit,
    ...over,
  });
  return { ...o, short: (over.short_name as string) ?? `区测试${tag}管理局`, credit };
}

const subject = (rowNumber: number, s: Partial<{ unitName: string; unitCode: string }>) => ({
  rowNumber,
  unitName: s.unitName ?? null,
  unitCode: s.unitCode ?? null,
  projectName: null,
  projectCode: null,
});

describe('unit matching, rule by rule', () => {
  it('matches by code, 统一社会信用代码, full name, short name and normalised name', async () => {
    const u = await unit();
    const tag = u.name.replace(/^鹤城区测试|管理局$/g, '');
    const m = await matchSubjects(hub.knex, [
      subject(2, { unitCode: u.code }),
      subject(3, { unitCode: ` ${u.code.toLowerCase().replace(/-/g, '－')} ` }),
      subject(4, { unitCode: u.credit }),
      subject(5, { unitName: u.name }),
      subject(6, { unitName: u.short }),
      subject(7, { unitName: `怀化市鹤城区测试${tag}管理局` }),
      subject(8, { unitName: `鹤城区 测试${tag}管理局（本级）` }),
      subject(9, { unitName: `测试${tag}管理局` }),
    ]);
    expect(m.problems).toEqual([]);
    expect([...m.matches.values()].map((x) => [x.rowNumber, x.unitId, x.unitRule])).toEqual([
      [2, u.id, 'CODE'],
      [3, u.id, 'CODE'],
      [4, u.id, 'CREDIT_CODE'],
      [5, u.id, 'FULL_NAME'],
      [6, u.id, 'SHORT_NAME'],
      [7, u.id, 'NORMALISED_NAME'],
      [8, u.id, 'NORMALISED_NAME'],
      [9, u.id, 'NORMALISED_NAME'],
    ]);
  });

  it('answers an unknown name with the closest units (你是否指) and a shared name as ambiguous', async () => {
    const u = await unit();
    const tag = u.name.replace(/^鹤城区测试|管理局$/g, '');
    const twinName = `区同名${uid()}中心`;
    const a = await unit({ short_name: twinName });
    const b = await unit({ short_name: twinName });
    const m = await matchSubjects(hub.knex, [
      subject(2, { unitName: `区测试${tag}局` }),
      subject(3, { unitName: twinName }),
      subject(4, { unitCode: 'HC-NO-SUCH', unitName: u.name }),
      subject(5, { unitName: '完全无关的名称' }),
    ]);
    expect(m.problems.map((p) => [p.rowNumber, p.code, p.column])).toEqual([
      [2, 'UNKNOWN_UNIT', '责任单位'],
      [3, 'AMBIGUOUS_UNIT', '责任单位'],
      [4, 'UNKNOWN_UNIT', '责任单位编码'],
      [5, 'UNKNOWN_UNIT', '责任单位'],
    ]);
    const [unknown, ambiguous, wrongCode, unrelated] = m.problems;
    // an abbreviation (its characters in order) of the unit's name
    expect(unknown!.candidates[0]).toEqual({ code: u.code, name: u.name });
    expect(
      unknown!.message.startsWith(
        `第2行责任单位“区测试${tag}局”在平台中不存在；你是否指：${u.name}（${u.code}）`,
      ),
    ).toBe(true);
    expect(ambiguous!.candidates.map((c) => c.code).sort()).toEqual([a.code, b.code].sort());
    expect(ambiguous!.message).toContain('对应平台中多个单位，请填写责任单位编码；你是否指：');
    // a wrong code is reported even when the name beside it says which unit was meant
    expect(wrongCode!.candidates).toEqual([{ code: u.code, name: u.name }]);
    expect(unrelated!.candidates.every((c) => !c.name.includes(tag))).toBe(true);
  });

  it('folds names as officials write them: prefixes, widths, spaces, brackets', () => {
    expect(nameKey('怀化市鹤城区教育局')).toBe('教育局');
    expect(nameKey('区教育局')).toBe('教育局');
    expect(nameKey(' 鹤城区　教育局（本级） ')).toBe('教育局');
    expect(nameKey('鹤城区ＡＢＣ中心[一期]')).toBe('abc中心(一期)');
    expect(nameKey('中方县教育局')).toBe('中方县教育局');
  });
});

const REGISTER = `mutation($input: OrganizationAliasRegisterInput!) { organizationAliasRegister(input: $input) {
  alias { alias unitCode unitName } userErrors { code message } } }`;

describe('aliases registered from the did-you-mean answer', () => {
  it('matches the next import by the alias; refuses a name that already means another unit and a UNIT token', async () => {
    const u = await unit();
    const other = await unit();
    const written = `${uid()}局机关`;
    const before = await matchSubjects(hub.knex, [subject(2, { unitName: written })]);
    expect(before.problems[0]!.code).toBe('UNKNOWN_UNIT');
    const audit = await hub.token(Role.AUDIT, 'HC-SJJ');
    const res = await hub.gql(REGISTER, { input: { alias: written, unitCode: u.code } }, audit);
    expect(res.data!.organizationAliasRegister).toEqual({
      alias: { alias: written, unitCode: u.code, unitName: u.name },
      userErrors: [],
    });
    const after = await matchSubjects(hub.knex, [subject(2, { unitName: written })]);
    expect(after.problems).toEqual([]);
    expect(after.matches.get(2)).toMatchObject({ unitId: u.id, unitRule: 'ALIAS' });
    // the same alias for another unit, or another unit's own name as an alias: refused, nothing changes
    for (const alias of [written, other.short]) {
      const taken = await hub.gql(
        REGISTER,
        { input: { alias, unitCode: alias === written ? other.code : u.code } },
        audit,
      );
      expect(taken.data!.organizationAliasRegister.userErrors.map((e: { code: string }) => e.code)).toEqual([
        'ALIAS_TAKEN',
      ]);
    }
    const unitToken = await hub.token(Role.UNIT, u.code);
    const denied = await hub.gql(REGISTER, { input: { alias: `${uid()}中心`, unitCode: u.code } }, unitToken);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      Number(
        (await hub.knex('organization_alias').where('organization_id', u.id).count({ n: '*' }).first())!.n,
      ),
    ).toBe(1);
  });
});

const SAVE_PROFILE = `mutation($input: ImportProfileSaveInput!) { importProfileSave(input: $input) {
  profile { name version columns { header field } amountUnit defaultCategory documentNumber } userErrors { code message } } }`;
const LEDGER_IMPORT = `mutation($input: LedgerImportInput!) { ledgerImport(input: $input) {
  report { file totalRows profile dryRun written created updated unchanged reviewsWritten matchedWithoutHelp
    unitsMatchedBy { rule rows } problemWorkbook
    problems { rowNumber column code message value candidates { code name } } }
  userErrors { code message } } }`;

describe('import profiles for an unusual ledger', () => {
  const file = '财政局-专项资金监督检查台账.csv';
  const content = () => readFileSync(path.join(FIXTURES, file)).toString('base64');

  // 问题情况 is a known header for the description; the rest of this layout is the agency's own
  it('reports every missing column at once without a profile, and imports the same file with the saved one', async () => {
    const finance = await hub.token(Role.FINANCE, 'HC-CZJ');
    const without = await hub.gql(
      LEDGER_IMPORT,
      { input: { fileName: file, contentBase64: content(), dryRun: true } },
      finance,
    );
    const rep = without.data!.ledgerImport.report;
    expect(rep.written).toBe(false);
    expect(
      rep.problems
        .filter((p: { code: string }) => p.code === 'MISSING_COLUMN')
        .map((p: { column: string }) => p.column),
    ).toEqual(['问题编号', '问题类别', '所属年度', '责任单位']);
    const name = `专项检查${uid()}`;
    const saved = await hub.gql(
      SAVE_PROFILE,
      {
        input: {
          name,
          columns: [
            { header: '检查对象', field: 'unitName' },
            { header: '问题情况', field: 'description' },
            { header: '定性', field: 'category' },
            { header: '年份', field: 'fiscalYear' },
            { header: '涉及资金数(元)', field: 'amountInvolved' },
          ],
          documentNumber: '鹤财监〔2025〕7号',
        },
      },
      finance,
    );
    expect(saved.data!.importProfileSave.userErrors).toEqual([]);
    expect(saved.data!.importProfileSave.profile).toMatchObject({ name, version: 1 });
    const run = async (dryRun: boolean) =>
      (
        await hub.gql(
          LEDGER_IMPORT,
          { input: { fileName: file, contentBase64: content(), dryRun, profile: name } },
          finance,
        )
      ).data!.ledgerImport.report;
    const dry = await run(true);
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ totalRows: 4, profile: name, created: 4, matchedWithoutHelp: 4 });
    const first = await run(false);
    expect(first).toMatchObject({ written: true, created: 4 });
    // the derived references are stable: the same ledger next month changes nothing
    expect(await run(false)).toMatchObject({ written: true, created: 0, unchanged: 4 });
    const refs = (await hub
      .knex('finding as f')
      .join('organization as o', 'o.id', 'f.agency_id')
      .where('o.code', 'HC-CZJ')
      .andWhere('f.source_ref', 'like', '鹤财监〔2025〕7号-%')
      .orderBy('f.source_ref')
      .select('f.source_ref', 'f.amount_involved')) as { source_ref: string; amount_involved: string }[];
    expect(refs.map((r) => r.source_ref)).toEqual([
      '鹤财监〔2025〕7号-001',
      '鹤财监〔2025〕7号-002',
      '鹤财监〔2025〕7号-003',
      '鹤财监〔2025〕7号-004',
    ]);
    expect(refs[1]!.amount_involved).toBe('85600.50');
  });

  it('refuses a profile naming a field the source has not, an unknown profile, and another role', async () => {
    const finance = await hub.token(Role.FINANCE, 'HC-CZJ');
    const bad = await hub.gql(
      SAVE_PROFILE,
      { input: { name: 'x', columns: [{ header: '审计依据', field: 'legalBasis' }] } },
      finance,
    );
    expect(bad.data!.importProfileSave.userErrors[0]).toMatchObject({ code: 'BAD_PROFILE' });
    const unknown = await hub.gql(
      LEDGER_IMPORT,
      { input: { fileName: file, contentBase64: content(), profile: '没有这个方案' } },
      finance,
    );
    expect(unknown.data!.ledgerImport.userErrors[0]).toMatchObject({ code: 'UNKNOWN_PROFILE' });
    const leader = await hub.token(Role.LEADERSHIP, 'HC-ZF');
    const denied = await hub.gql(`{ importProfiles { name } }`, {}, leader);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('evaluation-result workbooks', () => {
  it('splits 发现问题 into numbered problems', () => {
    expect(splitProblems('1.指标未细化；2.预算执行率偏低。')).toEqual(['指标未细化', '预算执行率偏低。']);
    expect(splitProblems('（1）甲；（2）乙；（3）丙')).toEqual(['甲', '乙', '丙']);
    expect(splitProblems('只有一个问题。')).toEqual(['只有一个问题。']);
  });

  it('imports reviews with their findings linked, all or nothing', async () => {
    const viewer = await demoViewer('HC-CZJ', Role.FINANCE);
    const file = '财政局-2025年项目支出绩效评价结果.xlsx';
    const bytes = readFileSync(path.join(FIXTURES, file));
    const r = await importLedgerFile(hub.knex, viewer, { bytes, fileName: file, dryRun: false });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ rows: 4, reviewsWritten: 4, created: 7, written: true });
    const reviews = (await hub
      .knex('review')
      .where({ agency_id: viewer.orgId })
      .whereIn('review_type', ['第三方评价', '财政重点评价', '部门自评'])
      .andWhere('fiscal_year', 2025)
      .select('id', 'score', 'grade', 'review_type', 'evaluator_id', 'project_id', 'title')) as Record<
      string,
      unknown
    >[];
    const third = reviews.find((x) => x.review_type === '第三方评价')!;
    expect(third).toMatchObject({ score: '86.50', grade: 'GOOD' });
    expect(third.evaluator_id).not.toBeNull();
    expect(third.project_id).not.toBeNull();
    expect(third.title).toBe('2025年度义务教育薄弱环节改善与能力提升绩效评价（第三方评价）');
    const linked = await hub
      .knex('finding')
      .whereIn(
        'review_id',
        reviews.map((x) => x.id as number),
      )
      .count({ n: '*' })
      .first();
    expect(Number(linked!.n)).toBe(7);

    // one row with a grade that contradicts its score and one unknown unit: nothing of the file is written
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('结果');
    ws.addRow(['项目名称', '主管部门', '评价得分', '评价等级', '发现问题', '评价年度', '评价方式']);
    ws.addRow(['农村饮水安全巩固提升', '区水利局', 88, '良', '1.甲问题；2.乙问题', 2024, '财政重点评价']);
    ws.addRow(['高标准农田建设', '区农业农村局', 59, '中', '验收不规范', 2024, '财政重点评价']);
    ws.addRow(['城区道路提质改造', '区交通局局', 80, '良', '进度滞后', 2024, '财政重点评价']);
    const countReviews = async () =>
      Number((await hub.knex('review').where({ agency_id: viewer.orgId }).count({ n: '*' }).first())!.n);
    const before = await countReviews();
    const bad = await importLedgerFile(hub.knex, viewer, {
      bytes: Buffer.from(await wb.xlsx.writeBuffer()),
      fileName: '评价结果-有错误.xlsx',
      dryRun: false,
    });
    expect(bad.written).toBe(false);
    expect(bad.problems.map((p) => [p.rowNumber, p.code])).toEqual([
      [3, 'BAD_ENUM'],
      [4, 'UNKNOWN_UNIT'],
    ]);
    expect(await countReviews()).toBe(before);
  });
});

describe('one pass', () => {
  it('reports missing columns, bad values, unknown units and duplicates together, also as a workbook', async () => {
    const viewer = await demoViewer('HC-SJJ', Role.AUDIT);
    const text =
      '\ufeff问题编号,被审计单位,问题描述,所属年度,涉及金额(万元)\r\n' +
      'P-1,区教育局,甲,2025,1.5\r\n' +
      'P-2,区教体局,乙,2025,abc\r\n' +
      'P-1,鹤城区卫生健康局,丙,1899,2\r\n' +
      'P-4,区不存在局,,2025,3\r\n';
    const r = await importLedgerFile(hub.knex, viewer, {
      bytes: Buffer.from(text),
      fileName: '一次检查.csv',
      dryRun: true,
      withWorkbook: true,
    });
    expect(r.written).toBe(false);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [null, '问题类别', 'MISSING_COLUMN'],
      [3, '涉及金额(万元)', 'BAD_AMOUNT'],
      [3, '被审计单位', 'UNKNOWN_UNIT'],
      [4, '问题编号', 'DUPLICATE_REFERENCE'],
      [4, '所属年度', 'BAD_YEAR'],
      [5, '问题描述', 'MISSING_FIELD'],
      [5, '被审计单位', 'UNKNOWN_UNIT'],
    ]);
    expect(r.problems.find((p) => p.rowNumber === 3 && p.code === 'UNKNOWN_UNIT')!.message).toContain(
      '你是否指：怀化市鹤城区教育局（HC-U001）',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.workbook! as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
    );
    expect(rows[1]![0]).toContain('缺少必填列“问题类别”');
    const header = rows[2]!;
    expect(header).toEqual([
      '原行号',
      '问题编号',
      '被审计单位',
      '问题描述',
      '所属年度',
      '涉及金额(万元)',
      '问题',
    ]);
    const byRow = new Map(rows.slice(3).map((x) => [x[0], x[header.length - 1] ?? '']));
    expect(byRow.get('2')).toBe('');
    expect(byRow.get('3')).toContain('不是有效金额');
    expect(byRow.get('3')).toContain('区教体局');
    expect(byRow.get('4')).toContain('与第2行重复');
  });
});

describe('matched without help', () => {
  it('counts, per ledger, the rows whose unit the importer matched by its own rules', async () => {
    const ledgers: [dir: string, file: string, org: string, role: Role][] = [
      [EXAMPLES, '审计问题台账.xlsx', 'HC-SJJ', Role.AUDIT],
      [EXAMPLES, '绩效评价问题清单.csv', 'HC-CZJ', Role.FINANCE],
      [EXAMPLES, '发改稽察问题台账-GBK.csv', 'HC-FGJ', Role.REFORM],
      [EXAMPLES, '纪检监察问题.json', 'HC-JWJW', Role.DISCIPLINE],
      [FIXTURES, '审计局-2025年预算执行审计发现问题-GBK.csv', 'HC-SJJ', Role.AUDIT],
      [FIXTURES, '发改局-重点项目稽察问题清单.xlsx', 'HC-FGJ', Role.REFORM],
      [FIXTURES, '纪委监委-问题线索处置台账.json', 'HC-JWJW', Role.DISCIPLINE],
      [FIXTURES, '财政局-2025年项目支出绩效评价结果.xlsx', 'HC-CZJ', Role.FINANCE],
      [FIXTURES, '财政局-专项资金监督检查台账.csv', 'HC-CZJ', Role.FINANCE],
    ];
    const figures: Record<string, string> = {};
    for (const [dir, file, org, role] of ledgers) {
      const viewer = await demoViewer(org, role);
      const r = await importLedgerFile(hub.knex, viewer, {
        bytes: readFileSync(path.join(dir, file)),
        fileName: file,
        dryRun: true,
      });
      figures[file] =
        `${r.matchedWithoutHelp}/${r.rows} ` +
        JSON.stringify(r.unitsMatchedBy) +
        (r.problems.length ? ` problems: ${r.problems.map((p) => p.code).join(',')}` : '') +
        r.problems
          .filter((p) => p.code === 'UNKNOWN_UNIT')
          .map((p) => `\n    ${p.message}`)
          .join('');
    }
    console.log(
      'matched without help (rows whose unit matched / rows):\n' +
        Object.entries(figures)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n'),
    );
    expect(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.split(' ')[0]]))).toEqual({
      '审计问题台账.xlsx': '15/15',
      '绩效评价问题清单.csv': '10/10',
      '发改稽察问题台账-GBK.csv': '8/8',
      '纪检监察问题.json': '6/6',
      '审计局-2025年预算执行审计发现问题-GBK.csv': '6/8',
      '发改局-重点项目稽察问题清单.xlsx': '6/6',
      '纪委监委-问题线索处置台账.json': '4/4',
      '财政局-2025年项目支出绩效评价结果.xlsx': '4/4',
      // without its profile the ledger has no unit column at all
      '财政局-专项资金监督检查台账.csv': '0/4',
    });
  });
});

describe('project aliases (项目别称)', () => {
  it('matches a project by a name an agency registered, among its unit’s projects only; refuses a name another project of the unit has', async () => {
    const u = await unit();
    const other = await unit();
    const tag = uid();
    const project = async (owner: Org, name: string) => {
      const code = `XM-T-${uid()}${uid()}`;
      const [r] = (await hub
        .knex('project')
        .insert({
          code,
          name,
          fund_type: 'GENERAL_BUDGET',
          budget_amount: '1000000.00',
          owner_unit_id: owner.id,
          start_year: 2024,
        })
        .returning('id')) as { id: number }[];
      return { id: r!.id, code, name };
    };
    const p1 = await project(u, `义务教育薄弱环节改善与能力提升${tag}`);
    const p2 = await project(u, `老旧小区改造${tag}`);
    const elsewhere = await project(other, `义务教育薄弱环节改善与能力提升${tag}（另一单位）`);
    const written = `义教薄改${tag}`;
    const row = (unitCode: string) => ({
      rowNumber: 2,
      unitName: null,
      unitCode,
      projectName: written,
      projectCode: null,
    });
    const before = await matchSubjects(hub.knex, [row(u.code)]);
    expect(before.problems.map((p) => p.code)).toEqual(['UNKNOWN_PROJECT']);

    const REGISTER = `mutation($input: ProjectAliasRegisterInput!) { projectAliasRegister(input: $input) {
      alias { alias projectCode projectName } userErrors { code field } } }`;
    const audit = await hub.token(Role.AUDIT, 'HC-SJJ');
    const saved = await hub.gql(REGISTER, { input: { alias: written, projectCode: p1.code } }, audit);
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.projectAliasRegister).toEqual({
      alias: { alias: written, projectCode: p1.code, projectName: p1.name },
      userErrors: [],
    });
    const after = await matchSubjects(hub.knex, [row(u.code)]);
    expect(after.problems).toEqual([]);
    expect(after.matches.get(2)!.projectId).toBe(p1.id);
    // another unit's row with the same words is not matched to u's project
    const there = await matchSubjects(hub.knex, [row(other.code)]);
    expect(there.matches.get(2)!.projectId).not.toBe(p1.id);
    expect(there.matches.get(2)!.projectId).not.toBe(elsewhere.id);

    // within the unit a name means one project: the same alias, or p1's own name, for p2 is refused
    for (const alias of [written, p1.name]) {
      const taken = await hub.gql(REGISTER, { input: { alias, projectCode: p2.code } }, audit);
      expect(taken.data!.projectAliasRegister).toEqual({
        alias: null,
        userErrors: [{ code: 'ALIAS_TAKEN', field: 'alias' }],
      });
    }
    // registering it again is a no-op; a unit may not register aliases; an unknown project is NOT_FOUND
    const again = await hub.gql(REGISTER, { input: { alias: written, projectCode: p1.code } }, audit);
    expect(again.data!.projectAliasRegister.userErrors).toEqual([]);
    const byUnit = await hub.gql(
      REGISTER,
      { input: { alias: `另一写法${tag}`, projectCode: p1.code } },
      await hub.token(Role.UNIT, u.code),
    );
    expect(byUnit.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const missing = await hub.gql(
      REGISTER,
      { input: { alias: `随便${tag}`, projectCode: 'XM-NO-SUCH' } },
      audit,
    );
    expect(missing.data!.projectAliasRegister.userErrors).toEqual([
      { code: 'NOT_FOUND', field: 'projectCode' },
    ]);
    expect(await hub.knex('project_alias').where({ project_id: p2.id }).count({ n: '*' })).toEqual([
      { n: '0' },
    ]);
  });
});
