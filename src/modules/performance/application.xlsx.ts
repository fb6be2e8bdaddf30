/**
 * The budget meeting's sheet of proposals and decisions (预算安排建议表), one row per proposal, the same
 * rows and values as the `budgetProposals` query, amounts in 万元 with two decimals and an exact 合计.
 */
import type { Writable } from 'node:stream';
import { loadExcel } from '../../shared/excel.js';
import { ACTION_TEXT, LEVEL_TEXT } from './application.rules.js';
import type { ProposalView } from './application.view.js';
import { toFen, wanText } from './money-text.js';

const KIND_TEXT: Record<string, string> = { RESCORE: '财政抽查复核', REVIEW: '财政评价', SELF: '单位自评' };

export const PROPOSAL_COLUMNS = [
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
] as const;

/** 万元 figure without the unit, two decimals: "123.46". */
const wan = (yuan: string) => wanText(toFen(yuan)).replace('万元', '');

/** The cells of one row, as text (what the test compares with the API). */
export function proposalCells(p: ProposalView, i: number): (string | number)[] {
  return [
    i + 1,
    p.unitName,
    p.projectCode,
    p.projectName,
    p.resultKind ? KIND_TEXT[p.resultKind]! : '无',
    p.score ?? '',
    p.grade ?? '',
    LEVEL_TEXT[p.monitoringLevel],
    p.overdueRectifications,
    wan(p.budgetAmount),
    ACTION_TEXT[p.action],
    wan(p.proposedAmount),
    p.decision ? ACTION_TEXT[p.decision.action] : '',
    p.decision ? wan(p.decision.amount) : '',
    p.decision?.reason ?? '',
    p.explanation,
  ];
}

export async function writeProposalsXlsx(
  out: Writable,
  rows: ProposalView[],
  meta: { resultYear: number; generatedBy: string; generatedAt: Date },
): Promise<void> {
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('预算安排建议');
  const title = `${meta.resultYear}年度绩效评价结果应用——${meta.resultYear + 2}年预算安排建议表`;
  ws.addRow([title]).commit();
  const d = meta.generatedAt;
  ws.addRow([
    `生成单位：${meta.generatedBy}　生成时间：${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`,
  ]).commit();
  const header = ws.addRow([...PROPOSAL_COLUMNS]);
  header.font = { bold: true };
  header.commit();
  let budget = 0n;
  let proposed = 0n;
  let decided = 0n;
  rows.forEach((p, i) => {
    ws.addRow(proposalCells(p, i)).commit();
    budget += toFen(p.budgetAmount);
    proposed += toFen(p.proposedAmount);
    if (p.decision) decided += toFen(p.decision.amount);
  });
  const total = ws.addRow([
    '合计',
    `${rows.length}个项目`,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    wanText(budget).replace('万元', ''),
    '',
    wanText(proposed).replace('万元', ''),
    '',
    wanText(decided).replace('万元', ''),
    '',
    '',
  ]);
  total.font = { bold: true };
  total.commit();
  ws.commit();
  await wb.commit();
}
