/**
 * The rectification ledger (整改台账) as an .xlsx file: the sheet officials print, file with the
 * report to the people's congress standing committee, and reconcile against their own books.
 *
 * Pure: rows in, bytes out, no database and no clock (the time shown is meta.generatedAt). Written
 * with exceljs's streaming writer, so a province-sized export holds one row at a time, not the sheet.
 * Money goes from the exact decimal string to the cell without arithmetic on floats, and the total
 * is summed in integer fen: the 合计 must equal, to the fen, what the hub reports elsewhere.
 */
import type { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { finished } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../shared/excel.js';

export interface LedgerExportRow {
  /** 问题来源 in Chinese, e.g. 审计. */
  source: string;
  /** 问题编号: the finding references, joined. */
  findingRefs: string;
  /** 问题类别: the findings' categories, joined with 、. */
  category: string;
  /** 问题描述. */
  findingSummary: string;
  /** 涉及金额 in yuan as an exact decimal string; null when none is readable. Written in 万元. */
  amountInvolved: string | null;
  /** 责任单位. */
  unitName: string;
  /** 整改责任人, joined with 、. */
  responsiblePerson: string;
  /** 牵头部门. */
  leadAgency: string;
  /** 共督部门, joined with 、. */
  coSupervisors: string;
  /** 整改类型: 立行立改 / 分阶段整改（限期整改） / 持续整改. */
  kind: string;
  /** 整改措施. */
  measures: string;
  /** 整改时限, YYYY-MM-DD; empty when there is none. */
  deadline: string;
  /** 整改状态 in Chinese. */
  state: string;
  /** 是否逾期. */
  overdue: boolean;
  /** 整改完成时间: when the unit last submitted its work as done, YYYY-MM-DD. */
  completedOn: string | null;
  /** 整改金额 in yuan as an exact decimal string, e.g. "12345.67": the sum of the breakdown. */
  moneyRecovered: string;
  /** 整改金额构成, e.g. "追回10.00万元、上缴财政3500.00元". */
  moneyBreakdown: string;
  /** 建章立制. */
  rulesEstablished: string;
  /** 核验情况, e.g. "财政局：已通过；审计局：待核验". */
  verification: string;
  /** 整改结果: the verifiers' conclusion in words. */
  result: string;
  /** 问责情况, e.g. "问责2人". */
  accountability: string;
  /** 最新进展. */
  latestProgress: string;
  /** 销号日期, YYYY-MM-DD. */
  closedOn: string | null;
}

export interface LedgerExportMeta {
  /** e.g. 鹤城区2025年度问题整改台账. */
  title: string;
  generatedAt: Date;
  /** 生成单位, e.g. 鹤城区财政局. */
  generatedBy: string;
  /** 筛选条件 in words, e.g. 责任单位：区教育局；整改状态：整改中. Empty = everything. */
  filterText: string;
}

type Align = 'left' | 'center' | 'right';

interface LedgerColumn {
  header: string;
  /** In Excel's units (about one Latin character; a Chinese character takes two). */
  width: number;
  align: Align;
  wrap: boolean;
}

const col = (header: string, width: number, align: Align = 'left', wrap = false): LedgerColumn => ({
  header,
  width,
  align,
  wrap,
});

/** The columns in order; the row values below follow the same order. */
const COLUMNS: readonly LedgerColumn[] = [
  col('序号', 6, 'center'),
  col('问题来源', 10, 'center'),
  col('问题编号', 18, 'left', true),
  col('问题类别', 16, 'left', true),
  col('问题描述', 44, 'left', true),
  col('涉及金额(万元)', 14, 'right'),
  col('责任单位', 18, 'left', true),
  col('整改责任人', 12, 'center', true),
  col('牵头部门', 12, 'center', true),
  col('共督部门', 18, 'left', true),
  col('整改类型', 12, 'center', true),
  col('整改措施', 44, 'left', true),
  col('整改时限', 12, 'center'),
  col('整改状态', 10, 'center'),
  col('是否逾期', 10, 'center'),
  col('整改完成时间', 16, 'center'),
  col('整改金额(元)', 18, 'right'),
  col('整改金额构成', 30, 'left', true),
  col('建章立制', 30, 'left', true),
  col('核验情况', 30, 'left', true),
  col('整改结果', 30, 'left', true),
  col('问责情况', 12, 'center', true),
  col('最新进展', 44, 'left', true),
  col('销号日期', 12, 'center'),
];

/** The header row, as written. */
export const LEDGER_EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

const COLUMN_COUNT = COLUMNS.length;
const MONEY_COLUMN = LEDGER_EXPORT_HEADERS.indexOf('整改金额(元)') + 1;
const WAN_COLUMN = LEDGER_EXPORT_HEADERS.indexOf('涉及金额(万元)') + 1;
const OVERDUE_COLUMN = LEDGER_EXPORT_HEADERS.indexOf('是否逾期') + 1;
const LAST_COLUMN_LETTER =
  (COLUMN_COUNT > 26 ? String.fromCharCode(64 + Math.floor((COLUMN_COUNT - 1) / 26)) : '') +
  String.fromCharCode(65 + ((COLUMN_COUNT - 1) % 26));
const TITLE_ROW = 1;
const INFO_ROW = 2;
const HEADER_ROW = 3;
const SHEET_NAME = '整改台账';

const MONEY_FORMAT = '#,##0.00';
const WAN_FORMAT = '#,##0.00';
/** A real date, shown as officials write it: 2026年9月27日. */
const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

// ---------------------------------------------------------------------------------------------
// Styles. Shared objects: exceljs turns each distinct style into one entry of styles.xml.

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const OVERDUE_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFFF0000' } };

const cellAlignment = COLUMNS.map((c): Partial<ExcelJS.Alignment> => ({
  horizontal: c.align,
  vertical: 'middle',
  wrapText: c.wrap,
}));

// ---------------------------------------------------------------------------------------------
// Values

/** Excel's limit for one cell; a longer text makes Excel "repair" (truncate) the file on opening. */
const MAX_CELL_TEXT = 32_767;

function text(value: string): string | null {
  if (value === '') return null;
  if (value.length <= MAX_CELL_TEXT) return value;
  let cut = value.slice(0, MAX_CELL_TEXT - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const MONEY_RE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** 10^13 yuan in fen: every amount up to it, as a double, is nearest to exactly one two-decimal value. */
const MAX_EXACT_FEN = 10n ** 15n;

/** "12345.6" → 1234560n. Only plain yuan decimals with at most two places: nothing is rounded. */
function toFen(yuan: string, where: string): bigint {
  const m = MONEY_RE.exec(yuan);
  if (!m) throw new RangeError(`${where}整改金额不是以元为单位、最多两位小数的金额：“${yuan}”`);
  const fen = BigInt(m[2]! + (m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

function formatFen(fen: bigint): string {
  const abs = fen < 0n ? -fen : fen;
  const digits = abs.toString().padStart(3, '0');
  return `${fen < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * The cell number for an amount. Number(fen) is exact below 2^53 and a single division rounds once,
 * to the double nearest the decimal; toFixed(2) reads that double back exactly, so its agreement with
 * the decimal proves Excel shows — and sums — the right fen. Past 10^13 yuan that can fail, and a
 * ledger that is off by a fen is worse than no ledger.
 */
function moneyCell(fen: bigint, where: string): number {
  const abs = fen < 0n ? -fen : fen;
  const expected = formatFen(fen);
  if (abs > MAX_EXACT_FEN) throw new RangeError(`${where}整改金额超出可精确写入的范围：${expected} 元`);
  const n = Number(fen) / 100;
  if (n.toFixed(2) !== expected) throw new RangeError(`${where}整改金额无法精确写入：${expected} 元`);
  return n;
}

/**
 * 涉及金额 in 万元 with two decimals, half up, as ledgers write it: the cell holds the rounded figure it
 * shows (so a SUM over the column adds what people read); the exact amount stays in fen in the hub.
 */
function wanCell(yuan: string | null, where: string): number | null {
  if (yuan === null || yuan === '') return null;
  const fen = toFen(yuan, where);
  const neg = fen < 0n;
  const hundredths = ((neg ? -fen : fen) + 5000n) / 10000n;
  return (neg ? -1 : 1) * (Number(hundredths) / 100);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A real date cell (Excel filters and sorts it as a date) at UTC midnight, which exceljs turns into a
 * whole serial day number whatever the server's time zone.
 */
function dateCell(value: string | null, where: string, what: string): Date | null {
  if (value === null || value === '') return null;
  const m = DATE_RE.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${where}${what}不是 YYYY-MM-DD 格式的日期：“${value}”`);
  }
  return d;
}

/** China has one time zone and no daylight saving: the time officials expect, whatever the server's. */
function beijingTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 60 * 60 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ` +
    `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`
  );
}

function rowValues(row: LedgerExportRow, index: number): { values: ExcelJS.CellValue[]; fen: bigint } {
  const where = `第${index}条`;
  const fen = toFen(row.moneyRecovered, where);
  return {
    fen,
    values: [
      index,
      text(row.source),
      text(row.findingRefs),
      text(row.category),
      text(row.findingSummary),
      wanCell(row.amountInvolved, where),
      text(row.unitName),
      text(row.responsiblePerson),
      text(row.leadAgency),
      text(row.coSupervisors),
      text(row.kind),
      text(row.measures),
      dateCell(row.deadline, where, '整改时限'),
      text(row.state),
      row.overdue ? '是' : '否',
      dateCell(row.completedOn, where, '整改完成时间'),
      moneyCell(fen, where),
      text(row.moneyBreakdown),
      text(row.rulesEstablished),
      text(row.verification),
      text(row.result),
      text(row.accountability),
      text(row.latestProgress),
      dateCell(row.closedOn, where, '销号日期'),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Rows between checks whether the zip keeps up. */
const ROWS_PER_BATCH = 200;

/**
 * Writes the ledger into `stream` (an HTTP response, a file) and ends it. On any failure — a bad
 * row, the rows' source failing, the stream closing — the stream is destroyed with the error rather
 * than ended: half a zip must not look like a finished download.
 */
export async function writeRectificationLedgerTo(
  stream: Writable,
  rows: Iterable<LedgerExportRow> | AsyncIterable<LedgerExportRow>,
  meta: LedgerExportMeta,
): Promise<void> {
  const streamDone = finished(stream, { readable: false });
  // Observed at the end; until then a closed stream is noticed between batches.
  streamDone.catch(() => {});

  const Excel = await loadExcel();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = meta.generatedBy;
  workbook.lastModifiedBy = meta.generatedBy;
  workbook.created = meta.generatedAt;
  workbook.modified = meta.generatedAt;
  workbook.title = meta.title;

  try {
    const sheet = workbook.addWorksheet(SHEET_NAME, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      },
    });
    sheet.columns = COLUMNS.map((c) => ({ width: c.width }));

    const title = sheet.getRow(TITLE_ROW);
    title.getCell(1).value = meta.title;
    title.getCell(1).font = { bold: true, size: 18 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 36;
    sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, COLUMN_COUNT);
    title.commit();

    const info = sheet.getRow(INFO_ROW);
    info.getCell(1).value =
      `生成时间：${beijingTime(meta.generatedAt)}　　生成单位：${meta.generatedBy}　　` +
      `筛选条件：${meta.filterText.trim() || '全部'}`;
    info.getCell(1).font = { size: 10, color: { argb: 'FF595959' } };
    info.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    info.height = 20;
    sheet.mergeCells(INFO_ROW, 1, INFO_ROW, COLUMN_COUNT);
    info.commit();

    const header = sheet.getRow(HEADER_ROW);
    COLUMNS.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    header.height = 30;
    header.commit();

    let count = 0;
    let totalFen = 0n;
    for await (const source of rows) {
      count += 1;
      const { values, fen } = rowValues(source, count);
      totalFen += fen;
      const row = sheet.getRow(HEADER_ROW + count);
      values.forEach((value, i) => {
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.border = BORDER;
        cell.alignment = cellAlignment[i]!;
        if (value instanceof Date) cell.numFmt = DATE_FORMAT;
      });
      row.getCell(MONEY_COLUMN).numFmt = MONEY_FORMAT;
      row.getCell(WAN_COLUMN).numFmt = WAN_FORMAT;
      if (source.overdue) row.getCell(OVERDUE_COLUMN).font = OVERDUE_FONT;
      row.commit();

      if (count % ROWS_PER_BATCH === 0) await letTheZipCatchUp(sheet, stream);
    }

    const lastDataRow = HEADER_ROW + count;
    const total = sheet.getRow(lastDataRow + 1);
    for (let i = 1; i <= COLUMN_COUNT; i++) {
      const cell = total.getCell(i);
      cell.border = BORDER;
      cell.fill = TOTAL_FILL;
      cell.font = { bold: true };
    }
    total.getCell(1).value = '合计';
    total.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    // The value, not a SUM formula: it is the exact fen sum, and a formula has no value until Excel
    // recalculates — other readers (WPS preview, import tools) would show an empty total.
    const totalCell = total.getCell(MONEY_COLUMN);
    totalCell.value = moneyCell(totalFen, '合计');
    totalCell.numFmt = MONEY_FORMAT;
    totalCell.alignment = { horizontal: 'right', vertical: 'middle' };
    sheet.mergeCells(lastDataRow + 1, 1, lastDataRow + 1, MONEY_COLUMN - 1);
    total.commit();

    // Over the data only, so that sorting or filtering never moves the 合计 row in among the rows.
    sheet.autoFilter = `A${HEADER_ROW}:${LAST_COLUMN_LETTER}${Math.max(lastDataRow, HEADER_ROW)}`;

    sheet.commit();
    await Promise.all([workbook.commit(), streamDone]);
  } catch (e) {
    if (!stream.destroyed) stream.destroy(e as Error);
    throw e;
  }
}

/** Uncompressed sheet XML allowed to wait for the zip before the rows' source is paused. */
const MAX_ZIP_BACKLOG = 2 * 1024 * 1024;

interface ZipInput {
  bytes: number;
  destroyed: boolean;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/**
 * The stream the zip compresses the sheet from and the bytes waiting in it, or null if the internals
 * looked at have changed (exceljs is pinned at 4.4.0; archiver wraps the sheet in a readable-stream 2
 * PassThrough, which predates `writableLength`).
 */
function zipInput(sheet: ExcelJS.Worksheet): ZipInput | null {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes) || pipes.length !== 1) return null;
  const target = pipes[0] as {
    _writableState?: { length?: unknown };
    _readableState?: { length?: unknown };
    destroyed?: unknown;
    once?: unknown;
    off?: unknown;
  };
  const writable = target._writableState?.length;
  const readable = target._readableState?.length;
  if (typeof writable !== 'number' || typeof target.once !== 'function' || typeof target.off !== 'function') {
    return null;
  }
  return {
    bytes: writable + (typeof readable === 'number' ? readable : 0),
    destroyed: target.destroyed === true,
    once: (target.once as ZipInput['once']).bind(target),
    off: (target.off as ZipInput['off']).bind(target),
  };
}

/**
 * exceljs hands committed rows on to the zip without waiting for it, and the zip only compresses as
 * the event loop turns: without a pause the whole sheet would pile up uncompressed in memory (about
 * 1 KB a row). Waiting here until the zip has caught up bounds that, and because the zip in turn waits
 * for the destination, a slow client slows the rows' source down instead of filling memory.
 */
async function letTheZipCatchUp(sheet: ExcelJS.Worksheet, stream: Writable): Promise<void> {
  await nextMacrotask();
  for (;;) {
    if (stream.destroyed) throw new Error('整改台账导出中断：输出流已关闭');
    const input = zipInput(sheet);
    if (!input || input.destroyed || input.bytes <= MAX_ZIP_BACKLOG) return;
    await new Promise<void>((resolve) => {
      // 'drain' only comes once the backlog is gone; the timer resumes the rows as soon as it is back
      // under the limit, so that rows are produced while the zip still compresses.
      const timer = setTimeout(done, 10);
      function done() {
        clearTimeout(timer);
        input!.off('drain', done);
        input!.off('close', done);
        resolve();
      }
      input.once('drain', done);
      input.once('close', done);
    });
  }
}

/** The ledger as the bytes of an .xlsx file. */
export async function writeRectificationLedger(
  rows: Iterable<LedgerExportRow> | AsyncIterable<LedgerExportRow>,
  meta: LedgerExportMeta,
): Promise<Buffer> {
  const sink = new PassThrough();
  const bytes = buffer(sink);
  // On failure the writer's own error is the one to report; this one only repeats it.
  bytes.catch(() => {});
  await writeRectificationLedgerTo(sink, rows, meta);
  return bytes;
}
