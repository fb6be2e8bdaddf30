/**
 * The yearly report (整改情况报告) as a Word document a clerk edits: the standard section order of a
 * report to the 人大常委会, amounts in 万元 with two decimals (exact, from the yuan strings), dates as
 * 2026年3月31日, and the figures of the RectificationReport object itself, so they are the API's.
 */
import { createRequire } from 'node:module';
import type { RectificationReport } from './statistics.types.js';

/**
 * The part of docx (9.7) this file uses. docx's type declarations re-export extensionless paths that
 * this project's NodeNext resolution cannot follow, so it is loaded as CommonJS and typed here.
 */
type Ctor = new (options: Record<string, unknown>) => object;
interface DocxApi {
  AlignmentType: { CENTER: string; LEFT: string };
  HeadingLevel: { HEADING_2: string };
  WidthType: { PERCENTAGE: string };
  Document: Ctor;
  Paragraph: Ctor;
  Table: Ctor;
  TableCell: Ctor;
  TableRow: Ctor;
  TextRun: Ctor;
  Packer: { toBuffer(doc: object): Promise<Buffer> };
}
/** docx, loaded on first use (about 10 MB once loaded; only the yearly report needs it). */
let docxApi: DocxApi | undefined;
const docx = (): DocxApi => (docxApi ??= createRequire(import.meta.url)('docx') as DocxApi);

/** Yuan as a decimal string ("12345.60") in 万元 with two decimals, rounded half up, exactly. */
export function wan(yuan: string): string {
  const neg = yuan.startsWith('-');
  const [i, d = ''] = (neg ? yuan.slice(1) : yuan).split('.');
  const fen = BigInt(i || '0') * 100n + BigInt((d + '00').slice(0, 2));
  // 0.01万元 = 100元 = 10,000分
  const hundredths = (fen + 5000n) / 10000n;
  const s = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return neg && hundredths !== 0n ? `-${s}` : s;
}

/** "2026-03-31" → "2026年3月31日". */
export function dateCn(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const FONT = 'FangSong';
const p = (text: string, opts: { bold?: boolean; center?: boolean; size?: number } = {}) => {
  const { AlignmentType, Paragraph, TextRun } = docx();
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    indent: opts.center ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, bold: opts.bold, font: FONT, size: opts.size ?? 32 })],
  });
};
const h = (text: string) => {
  const { HeadingLevel, Paragraph, TextRun } = docx();
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    spacing: { before: 240, after: 120 },
    children: [new TextRun({ text, bold: true, font: 'SimHei', size: 32 })],
  });
};
const cell = (text: string, bold = false) => {
  const { Paragraph, TableCell, TextRun } = docx();
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })],
  });
};
const table = (head: string[], rows: string[][]) => {
  const { Table, TableRow, WidthType } = docx();
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((x) => cell(x, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) })),
    ],
  });
};
const rate = (r: number | null) => (r == null ? '—' : `${r.toFixed(2)}%`);

/** The paragraphs' text in order, for tests and for the document. */
export function reportTitle(r: RectificationReport): string {
  return `关于${r.year}年度${r.scopeName === '全区' ? '' : r.scopeName}审计和财政监督发现问题整改情况的报告`;
}

export function reportSummary(r: RectificationReport): string[] {
  const f = r.figures;
  return [
    `${r.year}年度，各监督部门共发现问题${f.findings}个，涉及${f.units}个单位，涉及金额${wan(f.amount)}万元。`,
    `截至${dateCn(r.asOf)}，已整改销号${f.rectified}个，整改完成待核验${f.completed}个，部分整改${f.partly}个，` +
      `持续整改${f.continuing}个，整改中${f.inProgress}个，尚未整改${f.pending}个；应整改${f.due}个，整改率${rate(f.rectificationRate)}，` +
      `按期销号率${rate(f.onTimeRate)}。`,
    `通过整改追回和规范资金${wan(f.moneyRecovered)}万元，推动建章立制${f.rulesIssued}项，问责${f.peopleHeldAccountable}人。` +
      `逾期未完成整改的任务${f.overdueTasks}项，其中逾期30天以内${f.overdue1To30}项、31至90天${f.overdue31To90}项、90天以上${f.overdueOver90}项。`,
  ];
}

export async function reportDocx(r: RectificationReport): Promise<Buffer> {
  const { Document, Packer } = docx();
  const doc = new Document({
    creator: '监督信息共享平台',
    title: reportTitle(r),
    styles: { default: { document: { run: { font: FONT, size: 32 } } } },
    sections: [
      {
        children: [
          p(reportTitle(r), { bold: true, center: true, size: 44 }),
          p(`（数据截至${dateCn(r.asOf)}，范围：${r.scopeName}）`, { center: true, size: 28 }),
          h('一、问题发现总体情况'),
          p(reportSummary(r)[0]!),
          h('二、问题整改情况'),
          p(reportSummary(r)[1]!),
          p(reportSummary(r)[2]!),
          h('三、问题分类情况'),
          table(
            ['问题类别', '问题数（个）', '涉及金额（万元）', '已整改销号（个）'],
            r.byCategory.map((c) => [c.category, String(c.count), wan(c.amount), String(c.rectified)]),
          ),
          h('四、尚未整改到位问题及原因'),
          ...(r.notRectifiedReasons.length
            ? r.notRectifiedReasons.map((x, i) => p(`${i + 1}. ${x.reason}（${x.count}项）。`))
            : [p('核验中未有退回整改的事项。')]),
          h('五、逾期整改事项清单'),
          r.overdue.length
            ? table(
                ['序号', '责任单位', '整改时限', '逾期天数', '问题数'],
                r.overdue.map((o, i) => [
                  String(i + 1),
                  o.unitName,
                  dateCn(o.deadline),
                  String(o.daysOverdue),
                  String(o.findings),
                ]),
              )
            : p('无逾期整改事项。'),
          h('六、下一步工作'),
          p('（请根据实际情况填写下一步整改督促工作安排。）'),
          ...(r.disciplineSuppressed
            ? [p('注：按规定，数量较少的纪检监察问题类别未纳入本报告统计。', { size: 24 })]
            : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
