/**
 * Evaluation-result ledgers (绩效评价结果台账): one row per evaluated project or unit — 项目名称,
 * 主管部门, 评价得分, 评价等级, 评价方式, 评价年度, 评价机构, 发现问题 — imported as reviews, each with
 * the problems of its 发现问题 cell as findings linked to it. Pure; the publishing module writes them
 * in one transaction.
 *
 * A 发现问题 cell lists several problems the way reports do (“1.…；2.…”, “（1）…”, one per line): each
 * numbered item is one finding. A row without a reference gets 评价报告文号 or, without one,
 * PJ-<year>-<first ten hex digits of the SHA-256 of unit, project and method>, so a re-import updates.
 */
import { createHash } from 'node:crypto';
import { FindingSource, gradeForScore, PerformanceGrade } from '../../shared/enums.js';
import { decodeText, formatOfExtension, readCsv, readXlsx } from './formats.js';
import { normaliseHeader } from './ledger.columns.js';
import { parseDecimalText } from './money.js';
import type { LedgerProblem, RowSubject } from './result.js';
import { cellText, type RawTable } from './table.js';

export type EvaluationField =
  | 'sourceRef'
  | 'projectName'
  | 'projectCode'
  | 'unitName'
  | 'unitCode'
  | 'score'
  | 'grade'
  | 'method'
  | 'fiscalYear'
  | 'evaluator'
  | 'problems'
  | 'category';

const EVALUATION_HEADERS: Record<EvaluationField, readonly string[]> = {
  sourceRef: ['评价编号', '评价报告文号', '报告文号', '文号'],
  projectName: ['项目名称', '评价项目', '评价对象'],
  projectCode: ['项目编码', '项目代码', '项目编号'],
  unitName: ['主管部门', '被评价单位', '项目单位', '预算单位', '责任单位', '项目主管部门'],
  unitCode: ['单位编码', '责任单位编码', '统一社会信用代码'],
  score: ['评价得分', '综合得分', '得分', '评分'],
  grade: ['评价等级', '等级', '评价结果', '评价结论'],
  method: ['评价方式', '评价类型', '评价方法', '评价形式'],
  fiscalYear: ['评价年度', '所属年度', '年度', '预算年度'],
  evaluator: ['评价机构', '第三方机构', '评价单位', '实施机构'],
  problems: ['发现问题', '存在问题', '主要问题', '问题描述'],
  category: ['问题类别', '问题类型'],
};

const LABEL: Record<EvaluationField, string> = Object.fromEntries(
  Object.entries(EVALUATION_HEADERS).map(([f, hs]) => [f, hs[0]!]),
) as Record<EvaluationField, string>;

/** 评价方式 as the finance bureau's evaluation rules name them; the first is the stored term. */
export const EVALUATION_METHODS: Readonly<Record<string, readonly string[]>> = {
  部门自评: ['部门自评', '单位自评', '自评'],
  财政重点评价: ['财政重点评价', '财政评价', '重点评价', '财政部门评价'],
  第三方评价: ['第三方评价', '委托第三方评价', '第三方机构评价'],
};

const GRADE_TERMS: Record<string, PerformanceGrade> = {
  优: PerformanceGrade.EXCELLENT,
  优秀: PerformanceGrade.EXCELLENT,
  良: PerformanceGrade.GOOD,
  良好: PerformanceGrade.GOOD,
  中: PerformanceGrade.FAIR,
  中等: PerformanceGrade.FAIR,
  差: PerformanceGrade.POOR,
  较差: PerformanceGrade.POOR,
};
const GRADE_LABEL: Record<PerformanceGrade, string> = { EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' };

export interface EvaluationRow {
  rowNumber: number;
  sourceRef: string;
  projectName: string | null;
  projectCode: string | null;
  unitName: string | null;
  unitCode: string | null;
  fiscalYear: number;
  /** Two decimals, 0–100. */
  score: string;
  grade: PerformanceGrade;
  method: string;
  evaluator: string | null;
  category: string;
  /** The problems of the 发现问题 cell, one per finding. */
  problems: string[];
}

export interface EvaluationParseResult {
  rows: EvaluationRow[];
  problems: LedgerProblem[];
  subjects: RowSubject[];
  totalRows: number;
  ignoredColumns: string[];
  mappedHeaders: Partial<Record<string, string>>;
  table?: RawTable;
}

/** Does this header row look like an evaluation-result ledger (a score column)? */
export function isEvaluationHeader(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(normaliseHeader));
  return EVALUATION_HEADERS.score.some((h) => keys.has(normaliseHeader(h)));
}

/** Reads the file's table (xlsx/csv), or null when it is not one of those or cannot be read. */
export async function readTable(bytes: Buffer, fileName: string): Promise<RawTable | null> {
  const ext = /\.([^.\\/]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const format = formatOfExtension(ext);
  if (format === 'xlsx') {
    const t = await readXlsx(bytes, FindingSource.PERFORMANCE);
    return 'failure' in t ? null : t;
  }
  if (format === 'csv') {
    const t = readCsv(decodeText(bytes).text, FindingSource.PERFORMANCE);
    return 'failure' in t ? null : t;
  }
  return null;
}

/** Splits “1.…；2.…” / “（1）…（2）…” / lines into separate problems. */
export function splitProblems(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (!t) return [];
  const marker =
    /(?:^|[\n；;。])\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,2}\s*[、是])/gu;
  const starts: number[] = [];
  for (const m of t.matchAll(marker)) starts.push(m.index + (/^[\n；;。]/.test(m[0]) ? 1 : 0));
  const parts =
    starts.length >= 2 || (starts.length === 1 && starts[0] === 0)
      ? starts.map((s, i) => t.slice(s, starts[i + 1] ?? t.length))
      : t.split('\n');
  return parts
    .map((p) =>
      p
        .replace(
          /^\s*(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,2}\s*[、是])\s*/u,
          '',
        )
        .replace(/[；;\s]+$/u, '')
        .trim(),
    )
    .filter((p) => p.length > 0);
}

export function parseEvaluationTable(table: RawTable, defaultCategory: string | null): EvaluationParseResult {
  const problems: LedgerProblem[] = [];
  const col = new Map<EvaluationField, { index: number; header: string }>();
  const ignoredColumns: string[] = [];
  const lookup = new Map<string, EvaluationField>();
  for (const [f, hs] of Object.entries(EVALUATION_HEADERS) as [EvaluationField, readonly string[]][])
    for (const h of hs) if (!lookup.has(normaliseHeader(h))) lookup.set(normaliseHeader(h), f);
  table.headers.forEach((header, index) => {
    const f = header ? lookup.get(normaliseHeader(header)) : undefined;
    if (!f || normaliseHeader(header) === '序号') {
      if (header && normaliseHeader(header) !== '序号') ignoredColumns.push(header);
      return;
    }
    if (col.has(f)) {
      // 主管部门 beside 被评价单位: the more precise header wins, the other is ignored
      ignoredColumns.push(header);
      return;
    }
    col.set(f, { index, header });
  });
  for (const f of ['score', 'fiscalYear', 'problems'] as const) {
    if (!col.has(f))
      problems.push({
        rowNumber: null,
        column: LABEL[f],
        code: 'MISSING_COLUMN',
        message: `缺少必填列“${LABEL[f]}”（也可写作：${EVALUATION_HEADERS[f].slice(1).join('、')}）`,
      });
  }
  if (!col.has('unitName') && !col.has('unitCode'))
    problems.push({
      rowNumber: null,
      column: '主管部门',
      code: 'MISSING_COLUMN',
      message: '缺少“主管部门”（或“被评价单位”）列',
    });
  const rows: EvaluationRow[] = [];
  const subjects: RowSubject[] = [];
  const firstOfRef = new Map<string, number>();
  for (const raw of table.rows) {
    const at = `第${raw.rowNumber}行`;
    let bad = false;
    const report = (f: EvaluationField, code: LedgerProblem['code'], message: string) => {
      bad = true;
      problems.push({ rowNumber: raw.rowNumber, column: col.get(f)?.header ?? LABEL[f], code, message });
    };
    const text = (f: EvaluationField): string | null => {
      const c = col.get(f);
      if (!c) return null;
      const t = cellText(raw.cells[c.index]);
      if (!t.ok) {
        report(f, 'BAD_VALUE', `${at}“${c.header}”无法读取：${t.reason}`);
        return null;
      }
      return t.text;
    };
    const unitName = text('unitName');
    const unitCode = text('unitCode')?.normalize('NFKC') ?? null;
    const projectName = text('projectName');
    const projectCode = text('projectCode')?.normalize('NFKC') ?? null;
    subjects.push({ rowNumber: raw.rowNumber, unitName, unitCode, projectName, projectCode });
    if (!unitName && !unitCode && (col.has('unitName') || col.has('unitCode')))
      report(
        col.has('unitName') ? 'unitName' : 'unitCode',
        'MISSING_FIELD',
        `${at}“${col.get('unitName')?.header ?? col.get('unitCode')!.header}”未填写`,
      );
    const yearText = text('fiscalYear');
    const ym = yearText ? /^(\d{4})(?:年度?)?$/.exec(yearText.normalize('NFKC').trim()) : null;
    const year = ym ? Number(ym[1]) : NaN;
    if (col.has('fiscalYear') && !(year >= 1990 && year <= 2100))
      report(
        'fiscalYear',
        yearText ? 'BAD_YEAR' : 'MISSING_FIELD',
        yearText
          ? `${at}“${col.get('fiscalYear')!.header}”不是1990–2100之间的年份：${yearText}`
          : `${at}“${col.get('fiscalYear')!.header}”未填写`,
      );
    const scoreText = text('score');
    const d = scoreText ? parseDecimalText(scoreText.replace(/分$/u, '')) : null;
    const frac = d?.ok ? d.frac.replace(/0+$/, '') : '';
    const int = d?.ok ? Number(d.int) : NaN;
    const scoreOk = d?.ok && frac.length <= 2 && (int < 100 || (int === 100 && frac === ''));
    const score = scoreOk ? `${int}.${frac.padEnd(2, '0')}` : null;
    if (col.has('score') && !scoreOk)
      report(
        'score',
        scoreText ? 'BAD_NUMBER' : 'MISSING_FIELD',
        scoreText
          ? `${at}“${col.get('score')!.header}”应为0–100之间、最多2位小数的分值：${scoreText}`
          : `${at}“${col.get('score')!.header}”未填写`,
      );
    const gradeText = text('grade');
    let grade = score !== null ? gradeForScore(Number(score)) : null;
    if (gradeText) {
      const g = GRADE_TERMS[gradeText.normalize('NFKC').trim()];
      if (!g)
        report(
          'grade',
          'BAD_ENUM',
          `${at}“${col.get('grade')!.header}”无法识别：${gradeText}（可填：优、良、中、差）`,
        );
      else if (grade !== null && g !== grade)
        report(
          'grade',
          'BAD_ENUM',
          `${at}“${col.get('grade')!.header}”为“${gradeText}”，与评价得分${score}对应的等级“${GRADE_LABEL[grade]}”不一致`,
        );
      else grade = g;
    }
    const methodText = text('method');
    let method = '财政重点评价';
    if (methodText) {
      const m = Object.entries(EVALUATION_METHODS).find(([, ws]) =>
        ws.includes(methodText.normalize('NFKC').trim()),
      );
      if (!m)
        report(
          'method',
          'BAD_ENUM',
          `${at}“${col.get('method')!.header}”无法识别：${methodText}（可填：部门自评、财政重点评价、第三方评价）`,
        );
      else method = m[0];
    }
    const evaluator = text('evaluator');
    if (method === '第三方评价' && col.has('evaluator') && !evaluator)
      report(
        'evaluator',
        'MISSING_FIELD',
        `${at}评价方式为第三方评价，“${col.get('evaluator')!.header}”未填写`,
      );
    const problemsText = text('problems');
    const items = problemsText ? splitProblems(problemsText) : [];
    const category = text('category') ?? defaultCategory ?? '绩效评价发现问题';
    const given = text('sourceRef');
    const ref =
      given?.normalize('NFKC').trim() ||
      `PJ-${Number.isNaN(year) ? 'X' : year}-${createHash('sha256')
        .update(
          [unitCode ?? unitName ?? '', projectCode ?? projectName ?? '', method]
            .map((x) => x.normalize('NFKC').replace(/\s+/gu, ''))
            .join('\u0000'),
        )
        .digest('hex')
        .slice(0, 10)
        .toUpperCase()}`;
    const first = firstOfRef.get(ref);
    if (first !== undefined)
      report(
        given ? 'sourceRef' : 'projectName',
        'DUPLICATE_REFERENCE',
        `${at}与第${first}行是同一评价（${ref}），同一评价只能出现一次`,
      );
    else firstOfRef.set(ref, raw.rowNumber);
    if (bad || score === null || grade === null) continue;
    rows.push({
      rowNumber: raw.rowNumber,
      sourceRef: ref,
      projectName,
      projectCode,
      unitName,
      unitCode,
      fiscalYear: year,
      score,
      grade,
      method,
      evaluator,
      category,
      problems: items,
    });
  }
  const mappedHeaders = Object.fromEntries([...col].map(([f, c]) => [f, c.header]));
  const headerProblems = problems.some((p) => p.rowNumber === null);
  return {
    rows: headerProblems ? [] : rows,
    problems,
    subjects,
    totalRows: table.rows.length,
    ignoredColumns,
    mappedHeaders,
    table,
  };
}
