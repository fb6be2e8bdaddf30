/**
 * The dry run's problem report as a workbook (问题清单.xlsx): the ledger as read, every row with a
 * 问题 column beside it listing that row's problems, the cells concerned filled in light red; problems
 * of the file as a whole (missing columns, limits) on top. The clerk corrects the ledger in one round.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../shared/excel.js';
import { cellText, type RawTable } from './table.js';

export interface WorkbookProblem {
  rowNumber: number | null;
  column: string | null;
  message: string;
}

const PROBLEM_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

export async function problemWorkbook(
  table: RawTable | undefined,
  problems: readonly WorkbookProblem[],
  fileName: string,
): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('问题清单');
  const headers = table?.headers ?? [];
  const fileLevel = problems.filter((p) => p.rowNumber === null);
  const byRow = new Map<number, WorkbookProblem[]>();
  for (const p of problems)
    if (p.rowNumber !== null) byRow.set(p.rowNumber, [...(byRow.get(p.rowNumber) ?? []), p]);
  ws.addRow([`${fileName} 导入检查：共${problems.length}个问题，涉及${byRow.size}行`]).font = { bold: true };
  for (const p of fileLevel) ws.addRow([`整体问题：${p.message}`]).getCell(1).fill = PROBLEM_FILL;
  const headerRow = ws.addRow(['原行号', ...headers, '问题']);
  headerRow.font = { bold: true };
  const rows = table?.rows ?? [];
  const seen = new Set<number>();
  for (const raw of rows) {
    seen.add(raw.rowNumber);
    const ps = byRow.get(raw.rowNumber) ?? [];
    const cells = headers.map((_, i) => {
      const t = cellText(raw.cells[i]);
      return t.ok ? t.text : String((raw.cells[i] as { cellError?: string })?.cellError ?? '');
    });
    const row = ws.addRow([raw.rowNumber, ...cells, ps.map((p) => p.message).join('\n') || null]);
    for (const p of ps) {
      const i = p.column === null ? -1 : headers.indexOf(p.column);
      if (i >= 0) row.getCell(i + 2).fill = PROBLEM_FILL;
    }
    if (ps.length) row.getCell(headers.length + 2).fill = PROBLEM_FILL;
  }
  // rows that are not in the table (a JSON element that is not an object)
  for (const [n, ps] of byRow) {
    if (seen.has(n)) continue;
    ws
      .addRow([n, ...headers.map(() => null), ps.map((p) => p.message).join('\n')])
      .getCell(headers.length + 2).fill = PROBLEM_FILL;
  }
  ws.getColumn(headers.length + 2).width = 60;
  ws.getColumn(headers.length + 2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
