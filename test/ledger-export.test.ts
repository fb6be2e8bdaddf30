/**
 * The rectification ledger export (src/modules/rectification/ledger-export.ts), read back with
 * exceljs: layout, values, exact money, the overdue highlight, and a large export.
 * Database-free; the suite's global setup still starts one, which these tests do not use.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_EXPORT_HEADERS,
  writeRectificationLedger,
  writeRectificationLedgerTo,
  type LedgerExportMeta,
  type LedgerExportRow,
} from '../src/modules/rectification/ledger-export.js';

const META: LedgerExportMeta = {
  title: '鹤城区2025年度问题整改台账',
  // 2026-01-15 09:30 in Beijing
  generatedAt: new Date('2026-01-15T01:30:00Z'),
  generatedBy: '鹤城区财政局',
  filterText: '年度：2025；整改状态：全部',
};

function row(overrides: Partial<LedgerExportRow> = {}): LedgerExportRow {
  return {
    source: '审计',
    findingRefs: 'SJ-2025-001',
    category: '挤占挪用专项资金',
    findingSummary: '挤占挪用专项资金，将义务教育薄弱环节改善资金用于办公楼维修',
    amountInvolved: '1234567.89',
    unitName: '区教育局',
    responsiblePerson: '张伟',
    leadAgency: '审计局',
    coSupervisors: '财政局、纪委监委',
    kind: '分阶段整改（限期整改）',
    measures: '追回被挪用资金，归还原资金渠道；完善专项资金管理办法',
    deadline: '2025-12-31',
    state: '整改中',
    overdue: false,
    completedOn: null,
    moneyRecovered: '0.10',
    moneyBreakdown: '追回0.10元',
    rulesEstablished: '《区教育局专项资金管理办法》',
    verification: '审计局：待核验；财政局：已通过',
    result: '',
    accountability: '',
    latestProgress: '已追回资金 0.10 元，正在修订制度',
    closedOn: null,
    ...overrides,
  };
}

async function read(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

const HEADER_ROW = 3;
const col = (header: string) => LEDGER_EXPORT_HEADERS.indexOf(header) + 1;

describe('writeRectificationLedger', () => {
  it('writes the title, the generation line and the headers in order', async () => {
    const ws = await read(await writeRectificationLedger([row()], META));
    expect(ws.name).toBe('整改台账');

    const title = ws.getCell('A1');
    expect(title.value).toBe('鹤城区2025年度问题整改台账');
    expect(title.font.bold).toBe(true);
    expect(title.font.size).toBeGreaterThan(12);
    expect(ws.getCell('X1').isMerged).toBe(true);
    expect(ws.getCell('X1').master.address).toBe('A1');

    const info = String(ws.getCell('A2').value);
    expect(info).toContain('生成时间：2026年1月15日 09:30');
    expect(info).toContain('生成单位：鹤城区财政局');
    expect(info).toContain('筛选条件：年度：2025；整改状态：全部');

    const headers = (ws.getRow(HEADER_ROW).values as unknown[]).slice(1);
    expect(headers).toEqual([
      '序号',
      '问题来源',
      '问题编号',
      '问题类别',
      '问题描述',
      '涉及金额(万元)',
      '责任单位',
      '整改责任人',
      '牵头部门',
      '共督部门',
      '整改类型',
      '整改措施',
      '整改时限',
      '整改状态',
      '是否逾期',
      '整改完成时间',
      '整改金额(元)',
      '整改金额构成',
      '建章立制',
      '核验情况',
      '整改结果',
      '问责情况',
      '最新进展',
      '销号日期',
    ]);
    expect(headers).toEqual(LEDGER_EXPORT_HEADERS);
    const h = ws.getCell(HEADER_ROW, 1);
    expect(h.font.bold).toBe(true);
    expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid' });

    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(ws.getColumn(col('问题描述')).width).toBeGreaterThan(30);
    expect(ws.getCell(HEADER_ROW + 1, col('问题描述')).alignment.wrapText).toBe(true);
  });

  it('writes every field of a row', async () => {
    const r = row({
      closedOn: '2026-01-10',
      completedOn: '2025-12-20',
      state: '已销号',
      moneyRecovered: '1234567.8',
      moneyBreakdown: '追回100.00万元、上缴财政23.46万元',
      result: '已整改，经全部共督部门核验销号',
      accountability: '问责2人',
    });
    const ws = await read(await writeRectificationLedger([r], META));
    const values = (ws.getRow(HEADER_ROW + 1).values as unknown[]).slice(1);
    expect(values).toEqual([
      1,
      '审计',
      'SJ-2025-001',
      '挤占挪用专项资金',
      r.findingSummary,
      123.46, // 1,234,567.89 元 in 万元, two decimals half up
      '区教育局',
      '张伟',
      '审计局',
      '财政局、纪委监委',
      '分阶段整改（限期整改）',
      r.measures,
      new Date(Date.UTC(2025, 11, 31)),
      '已销号',
      '否',
      new Date(Date.UTC(2025, 11, 20)),
      1234567.8,
      '追回100.00万元、上缴财政23.46万元',
      r.rulesEstablished,
      '审计局：待核验；财政局：已通过',
      '已整改，经全部共督部门核验销号',
      '问责2人',
      r.latestProgress,
      new Date(Date.UTC(2026, 0, 10)),
    ]);
    expect(ws.getCell(HEADER_ROW + 1, col('整改金额(元)')).numFmt).toBe('#,##0.00');
    expect(ws.getCell(HEADER_ROW + 1, col('涉及金额(万元)')).numFmt).toBe('#,##0.00');
    // real dates, shown as officials write them (2025年12月31日)
    expect(ws.getCell(HEADER_ROW + 1, col('整改时限')).numFmt).toBe('yyyy"年"m"月"d"日"');
    expect(ws.getCell(HEADER_ROW + 1, col('整改完成时间')).numFmt).toBe('yyyy"年"m"月"d"日"');
  });

  it('writes 是/否 and highlights overdue rows in red', async () => {
    const ws = await read(
      await writeRectificationLedger([row({ overdue: true }), row({ overdue: false })], META),
    );
    const overdue = ws.getCell(HEADER_ROW + 1, col('是否逾期'));
    const onTime = ws.getCell(HEADER_ROW + 2, col('是否逾期'));
    expect(overdue.value).toBe('是');
    expect(overdue.font.color?.argb).toBe('FFFF0000');
    expect(onTime.value).toBe('否');
    expect(onTime.font?.color?.argb).not.toBe('FFFF0000');
  });

  it('sums the money exactly, in fen', async () => {
    const ws = await read(
      await writeRectificationLedger(
        [row({ moneyRecovered: '0.10' }), row({ moneyRecovered: '0.20' })],
        META,
      ),
    );
    const totalRow = HEADER_ROW + 3;
    expect(ws.getCell(totalRow, 1).value).toBe('合计');
    const total = ws.getCell(totalRow, col('整改金额(元)'));
    // 0.1 + 0.2 in floating point would be 0.30000000000000004
    expect(total.value).toBe(0.3);
    expect(total.numFmt).toBe('#,##0.00');
    expect(total.formula).toBeUndefined();
    expect(ws.rowCount).toBe(totalRow);
  });

  it('keeps large amounts exact', async () => {
    const amounts = ['12345678901.23', '12345678901.23', '98765432109.87', '0.01', '999999999999.99', '0.00'];
    const ws = await read(
      await writeRectificationLedger(
        amounts.map((m) => row({ moneyRecovered: m })),
        META,
      ),
    );
    amounts.forEach((m, i) => {
      const v = ws.getCell(HEADER_ROW + 1 + i, col('整改金额(元)')).value as number;
      expect(v.toFixed(2)).toBe(m);
    });
    // 12345678901.23 × 2 + 98765432109.87 + 0.01 + 999999999999.99
    const total = ws.getCell(HEADER_ROW + 1 + amounts.length, col('整改金额(元)')).value as number;
    expect(total.toFixed(2)).toBe('1123456789912.33');
  });

  it('writes amounts up to 10^13 yuan', async () => {
    for (const m of ['9999999999999.99', '10000000000000.00', '-12.34']) {
      const ws = await read(await writeRectificationLedger([row({ moneyRecovered: m })], META));
      expect((ws.getCell(HEADER_ROW + 1, col('整改金额(元)')).value as number).toFixed(2)).toBe(m);
      expect((ws.getCell(HEADER_ROW + 2, col('整改金额(元)')).value as number).toFixed(2)).toBe(m);
    }
  });

  it('refuses amounts it cannot write exactly', async () => {
    for (const bad of ['1.234', '1,000.00', '12e3', '', ' 1.00', 'abc']) {
      await expect(writeRectificationLedger([row({ moneyRecovered: bad })], META)).rejects.toThrow(
        /第1条整改金额不是/,
      );
    }
    await expect(
      writeRectificationLedger([row({ moneyRecovered: '10000000000000.01' })], META),
    ).rejects.toThrow(/超出可精确写入的范围/);
    // each row fits, the total does not
    await expect(
      writeRectificationLedger(
        [row({ moneyRecovered: '9000000000000.00' }), row({ moneyRecovered: '9000000000000.00' })],
        META,
      ),
    ).rejects.toThrow(/合计整改金额超出/);
  });

  it('refuses malformed dates', async () => {
    await expect(writeRectificationLedger([row(), row({ deadline: '2025-02-30' })], META)).rejects.toThrow(
      /第2条整改时限不是 YYYY-MM-DD/,
    );
  });

  it('leaves empty dates and texts empty', async () => {
    const ws = await read(
      await writeRectificationLedger([row({ deadline: '', rulesEstablished: '' })], META),
    );
    expect(ws.getCell(HEADER_ROW + 1, col('整改时限')).value).toBeNull();
    expect(ws.getCell(HEADER_ROW + 1, col('建章立制')).value).toBeNull();
    expect(ws.getCell(HEADER_ROW + 1, col('销号日期')).value).toBeNull();
  });

  it('writes an empty ledger with a zero total', async () => {
    const ws = await read(await writeRectificationLedger([], { ...META, filterText: '' }));
    expect(String(ws.getCell('A2').value)).toContain('筛选条件：全部');
    expect(ws.getCell(HEADER_ROW + 1, 1).value).toBe('合计');
    expect(ws.getCell(HEADER_ROW + 1, col('整改金额(元)')).value).toBe(0);
  });

  it('records the generation time and unit in the document properties', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeRectificationLedger([row()], META)) as unknown as ArrayBuffer);
    expect(wb.created?.toISOString()).toBe('2026-01-15T01:30:00.000Z');
    expect(wb.modified?.toISOString()).toBe('2026-01-15T01:30:00.000Z');
    expect(wb.creator).toBe('鹤城区财政局');
  });

  it('writes 10,000 rows from an async source', async () => {
    const N = 10_000;
    async function* rows() {
      for (let i = 1; i <= N; i++) {
        yield row({
          findingRefs: `SJ-2025-${String(i).padStart(5, '0')}`,
          overdue: i % 7 === 0,
          moneyRecovered: `${i}.01`,
        });
      }
    }
    const ws = await read(await writeRectificationLedger(rows(), META));
    expect(ws.rowCount).toBe(HEADER_ROW + N + 1);
    expect(ws.getCell(HEADER_ROW + N, col('问题编号')).value).toBe('SJ-2025-10000');
    expect(ws.getCell(HEADER_ROW + N, 1).value).toBe(N);
    // Σ (i + 0.01) for i = 1..N = N(N+1)/2 + N × 0.01
    const total = ws.getCell(HEADER_ROW + N + 1, col('整改金额(元)')).value as number;
    expect(total.toFixed(2)).toBe('50005100.00');
  });
});

describe('writeRectificationLedgerTo', () => {
  it('streams the same workbook into a caller-provided stream and ends it', async () => {
    const out = new PassThrough();
    const bytes = buffer(out);
    await writeRectificationLedgerTo(out, [row(), row({ overdue: true })], META);
    const ws = await read(await bytes);
    expect(ws.getCell(HEADER_ROW + 2, col('是否逾期')).value).toBe('是');
    expect(out.writableEnded).toBe(true);
  });

  it('streams into an HTTP response', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('整改台账.xlsx')}`,
      });
      void writeRectificationLedgerTo(
        res,
        Array.from({ length: 3000 }, (_, i) => row({ moneyRecovered: `${i}.50` })),
        META,
      ).catch(() => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.status).toBe(200);
      const ws = await read(Buffer.from(await res.arrayBuffer()));
      expect(ws.rowCount).toBe(HEADER_ROW + 3000 + 1);
      // Σ (i + 0.5) for i = 0..2999
      const total = ws.getCell(HEADER_ROW + 3001, col('整改金额(元)')).value as number;
      expect(total.toFixed(2)).toBe('4500000.00');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('destroys the stream when the rows fail, instead of ending it with half a file', async () => {
    const out = new PassThrough();
    const bytes = buffer(out);
    bytes.catch(() => {});
    async function* failing() {
      yield row();
      throw new Error('数据库连接中断');
    }
    await expect(writeRectificationLedgerTo(out, failing(), META)).rejects.toThrow('数据库连接中断');
    expect(out.destroyed).toBe(true);
    await expect(bytes).rejects.toThrow('数据库连接中断');
  });

  it('pauses the rows while the destination does not read', async () => {
    // a client that stops reading: nothing written is ever acknowledged
    const stalled = new Writable({ write() {} });
    let produced = 0;
    function* rows() {
      for (let i = 0; i < 200_000; i++) {
        produced++;
        yield row({ findingRefs: `SJ-${i}` });
      }
    }
    const exporting = writeRectificationLedgerTo(stalled, rows(), META);
    exporting.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // a few megabytes of sheet are allowed to wait for the client, not the whole export
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(20_000);
    stalled.destroy();
    await expect(exporting).rejects.toThrow();
  });

  it('stops when the destination goes away', async () => {
    let written = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        written += chunk.length;
        // the client disconnects after the first bytes
        if (written > 1000) this.destroy();
        cb();
      },
    });
    let produced = 0;
    function* rows() {
      for (let i = 0; i < 100_000; i++) {
        produced++;
        yield row({ findingSummary: `问题${i}`.repeat(20) });
      }
    }
    await expect(writeRectificationLedgerTo(out, rows(), META)).rejects.toThrow();
    expect(produced).toBeLessThan(100_000);
  });
});
