/**
 * The ledger parser (src/modules/import): formats, encodings, exact money, and the problem report.
 * Database-free; the suite's global setup still starts one, which these tests do not use.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import {
  acceptedHeaders,
  LEDGER_COLUMNS,
  ledgerColumnsFor,
  ledgerColumnsMarkdown,
  MAX_BATCH_ROWS,
  normaliseHeader,
  numberToDecimalString,
  parseLedger,
  parseLedgerRows,
  toYuan,
  type AuditLedgerRow,
  type DisciplineLedgerRow,
  type LedgerParseResult,
  type PerformanceLedgerRow,
  type ReformLedgerRow,
} from '../src/modules/import/index.js';
import { FindingSource, Sensitivity, Severity } from '../src/shared/enums.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples/ledgers');

type Cell = string | number | null;

/** A CSV file's bytes; UTF-8 with BOM unless told otherwise. */
function csv(rows: Cell[][], encoding: 'utf8-bom' | 'utf8' | 'gbk' = 'utf8-bom'): Buffer {
  const text =
    rows
      .map((r) =>
        r
          .map((c) => {
            const s = c === null ? '' : String(c);
            return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
          })
          .join(','),
      )
      .join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  return Buffer.from((encoding === 'utf8-bom' ? '\ufeff' : '') + text, 'utf8');
}

async function xlsx(rows: unknown[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const AUDIT_HEADER = ['问题编号', '问题描述', '问题类别', '责任单位', '所属年度', '涉及金额(万元)'];
/** A valid audit row for AUDIT_HEADER, with overrides by header. */
function auditRow(ref: string, over: Record<string, Cell> = {}): Cell[] {
  const base: Record<string, Cell> = {
    问题编号: ref,
    问题描述: '从专项资金中列支机关办公楼维修费用。',
    问题类别: '挤占挪用专项资金',
    责任单位: '鹤城区教育局',
    所属年度: 2024,
    '涉及金额(万元)': '12.5',
  };
  return AUDIT_HEADER.map((h) => (h in over ? over[h]! : base[h]!));
}

async function parseCsvRows(rows: Cell[][], source = FindingSource.AUDIT): Promise<LedgerParseResult> {
  return parseLedger({ bytes: csv(rows), fileName: '台账.csv', source });
}

const codes = (r: LedgerParseResult) => r.problems.map((p) => p.code);

describe('the column mapping', () => {
  it('never maps one header to two columns of the same source', () => {
    for (const source of Object.values(FindingSource)) {
      const seen = new Map<string, string>();
      for (const c of ledgerColumnsFor(source)) {
        for (const h of acceptedHeaders(c, source)) {
          const key = normaliseHeader(h);
          expect(seen.get(key) ?? c.field, `${source}: ${h}`).toBe(c.field);
          seen.set(key, c.field);
        }
      }
    }
  });

  it('gives each source its own columns and prints every column in the README table', () => {
    const fields = (s: FindingSource) => ledgerColumnsFor(s).map((c) => c.field);
    expect(fields(FindingSource.PERFORMANCE)).toEqual(
      expect.arrayContaining(['indicatorName', 'scoreDeducted']),
    );
    expect(fields(FindingSource.AUDIT)).not.toContain('indicatorName');
    expect(fields(FindingSource.DISCIPLINE)).toEqual(
      expect.arrayContaining(['clueSource', 'personsInvolved', 'caseStage', 'personsHeldAccountable']),
    );
    const table = ledgerColumnsMarkdown();
    for (const c of LEDGER_COLUMNS) expect(table).toContain(`\`${c.field}\``);
    expect(table).toContain('审计问题编号');
  });
});

describe('exact money', () => {
  it('converts 万元 to yuan by shifting the decimal point, never through a float', () => {
    expect(toYuan('0.0001', 'WAN_YUAN')).toEqual({ ok: true, yuan: '1.00' });
    expect(toYuan('12345678.123456', 'WAN_YUAN')).toEqual({ ok: true, yuan: '123456781234.56' });
    expect(toYuan('0.1', 'WAN_YUAN')).toEqual({ ok: true, yuan: '1000.00' });
    expect(toYuan('86.35', 'WAN_YUAN')).toEqual({ ok: true, yuan: '863500.00' });
    expect(toYuan('12', 'YUAN')).toEqual({ ok: true, yuan: '12.00' });
    expect(toYuan('0.5', 'YUAN')).toEqual({ ok: true, yuan: '0.50' });
    expect(toYuan('007.10', 'YUAN')).toEqual({ ok: true, yuan: '7.10' });
  });

  it('refuses precision finer than a fen: a 7th decimal in 万元, a 3rd in 元', () => {
    expect(toYuan('1.1234567', 'WAN_YUAN')).toEqual({ ok: false, reason: 'PRECISION' });
    expect(toYuan('1.123456', 'WAN_YUAN')).toEqual({ ok: true, yuan: '11234.56' });
    // trailing zeros carry no precision
    expect(toYuan('1.1234560', 'WAN_YUAN')).toEqual({ ok: true, yuan: '11234.56' });
    expect(toYuan('10.005', 'YUAN')).toEqual({ ok: false, reason: 'PRECISION' });
    expect(toYuan('10.500', 'YUAN')).toEqual({ ok: true, yuan: '10.50' });
  });

  it('reads full-width digits, thousands separators and surrounding spaces', () => {
    expect(toYuan('１２.５', 'WAN_YUAN')).toEqual({ ok: true, yuan: '125000.00' });
    expect(toYuan('１，２３４．５６', 'YUAN')).toEqual({ ok: true, yuan: '1234.56' });
    expect(toYuan('1,234.56', 'YUAN')).toEqual({ ok: true, yuan: '1234.56' });
    expect(toYuan('  12.3456 ', 'WAN_YUAN')).toEqual({ ok: true, yuan: '123456.00' });
    expect(toYuan('1,234,567', 'YUAN')).toEqual({ ok: true, yuan: '1234567.00' });
  });

  it('rejects negatives, malformed grouping, text and amounts beyond the column', () => {
    expect(toYuan('-3', 'YUAN')).toEqual({ ok: false, reason: 'NEGATIVE' });
    expect(toYuan('－3', 'WAN_YUAN')).toEqual({ ok: false, reason: 'NEGATIVE' });
    expect(toYuan('12,34', 'YUAN')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(toYuan('1.2.3', 'YUAN')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(toYuan('约12万', 'WAN_YUAN')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(toYuan('1e5', 'YUAN')).toEqual({ ok: false, reason: 'FORMAT' });
    expect(toYuan('12345678901234567', 'YUAN')).toEqual({ ok: false, reason: 'TOO_LARGE' });
    expect(toYuan('9999999999999999.99', 'YUAN')).toEqual({ ok: true, yuan: '9999999999999999.99' });
  });

  it('takes a spreadsheet number as typed and drops binary noise past 15 significant digits', () => {
    expect(numberToDecimalString(0.1 + 0.2)).toBe('0.3');
    expect(numberToDecimalString(12.3456)).toBe('12.3456');
    expect(numberToDecimalString(12345678.123456)).toBe('12345678.123456');
    expect(numberToDecimalString(1e-7)).toBe('0.0000001');
    expect(numberToDecimalString(1.5e21)).toBe('1500000000000000000000');
    expect(numberToDecimalString(2024)).toBe('2024');
    // a genuinely typed 7th decimal is kept, so the amount check can refuse it
    expect(numberToDecimalString(1.1234567)).toBe('1.1234567');
    expect(numberToDecimalString(Number.NaN)).toBeNull();
  });
});

describe('reading CSV', () => {
  it('reads UTF-8 with a BOM and normalises a row', async () => {
    const r = await parseCsvRows([AUDIT_HEADER, auditRow('SJ-2024-001')]);
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('csv');
    expect(r.encoding).toBe('UTF-8');
    expect(r.totalRows).toBe(1);
    const row = r.rows[0] as AuditLedgerRow;
    expect(row).toMatchObject({
      rowNumber: 2,
      source: FindingSource.AUDIT,
      sourceRef: 'SJ-2024-001',
      title: '从专项资金中列支机关办公楼维修费用。',
      category: '挤占挪用专项资金',
      unitName: '鹤城区教育局',
      unitCode: null,
      fiscalYear: 2024,
      severity: Severity.MINOR,
      sensitivity: Sensitivity.INTERNAL,
      amountInvolved: '125000.00',
      legalBasis: null,
    });
  });

  it('reads UTF-8 without a BOM', async () => {
    const r = await parseLedger({
      bytes: csv([AUDIT_HEADER, auditRow('SJ-1')], 'utf8'),
      fileName: 'a.CSV',
      source: FindingSource.AUDIT,
    });
    expect(r.encoding).toBe('UTF-8');
    expect(r.rows[0]!.unitName).toBe('鹤城区教育局');
  });

  it('detects a GBK file (not valid UTF-8) and decodes it as GB18030', async () => {
    const bytes = csv(
      [AUDIT_HEADER, auditRow('SJ-1', { 问题描述: '鹤发改投〔2024〕18号批复前已开工' })],
      'gbk',
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = await parseLedger({ bytes, fileName: '台账-GBK.csv', source: FindingSource.AUDIT });
    expect(r.encoding).toBe('GB18030');
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      description: '鹤发改投〔2024〕18号批复前已开工',
      unitName: '鹤城区教育局',
    });
  });

  it('skips empty rows but keeps the row numbers the official sees', async () => {
    const r = await parseCsvRows([
      AUDIT_HEADER,
      auditRow('SJ-1'),
      [null],
      [null, null, null, null, null, null],
      auditRow('SJ-2'),
    ]);
    expect(r.totalRows).toBe(2);
    expect(r.rows.map((x) => [x.rowNumber, x.sourceRef])).toEqual([
      [2, 'SJ-1'],
      [5, 'SJ-2'],
    ]);
  });

  it('matches headers ignoring surrounding spaces, full-width brackets, asterisks and latin case', async () => {
    const r = await parseCsvRows([
      [' *问题编号 ', '问题描述', '问题类型', 'UnitCode', '年度', '涉及金额（万元）', 'Severity'],
      ['SJ-1', '描述', '虚列支出', 'HC-U002', '2024年', '１２.５', '严重'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.ignoredColumns).toEqual([]);
    expect(r.rows[0]).toMatchObject({
      sourceRef: 'SJ-1',
      unitCode: 'HC-U002',
      fiscalYear: 2024,
      amountInvolved: '125000.00',
      severity: Severity.SERIOUS,
    });
  });

  it('lists unknown columns as ignored instead of failing', async () => {
    const r = await parseCsvRows([
      ['序号', ...AUDIT_HEADER, '备注'],
      [1, ...auditRow('SJ-1'), '已约谈'],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.ignoredColumns).toEqual(['备注']);
    expect(r.rows).toHaveLength(1);
  });

  it('looks past a title row above the header', async () => {
    const r = await parseCsvRows([['鹤城区2024年度审计发现问题台账'], AUDIT_HEADER, auditRow('SJ-1')]);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]!.rowNumber).toBe(3);
  });

  it('takes the amount unit from a 金额单位 column when the header names none', async () => {
    const r = await parseCsvRows([
      ['问题编号', '问题描述', '问题类别', '责任单位', '所属年度', '涉及金额', '金额单位'],
      ['SJ-1', '描述', '虚列支出', '鹤城区教育局', 2024, '1.5', '万元'],
      ['SJ-2', '描述', '虚列支出', '鹤城区教育局', 2024, '1,500.5', '元'],
      ['SJ-3', '描述', '虚列支出', '鹤城区教育局', 2024, '', ''],
      ['SJ-4', '描述', '虚列支出', '鹤城区教育局', 2024, '3', ''],
      ['SJ-5', '描述', '虚列支出', '鹤城区教育局', 2024, '3', '美元'],
    ]);
    expect(r.rows.map((x) => x.amountInvolved)).toEqual(['15000.00', '1500.50', null]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [5, '金额单位', 'MISSING_FIELD'],
      [6, '金额单位', 'BAD_ENUM'],
    ]);
  });

  it('refuses a 金额单位 that contradicts the header', async () => {
    const r = await parseCsvRows([
      [...AUDIT_HEADER, '金额单位'],
      [...auditRow('SJ-1'), '元'],
    ]);
    expect(codes(r)).toEqual(['BAD_ENUM']);
    expect(r.problems[0]!.message).toContain('与表头“涉及金额(万元)”的单位不一致');
  });

  it('reports malformed CSV quoting as an unreadable file', async () => {
    const bytes = Buffer.from('问题编号,问题描述\n"SJ-1,描述\n', 'utf8');
    const r = await parseLedger({ bytes, fileName: 'x.csv', source: FindingSource.AUDIT });
    expect(codes(r)).toEqual(['UNREADABLE_FILE']);
    expect(r.problems[0]!.rowNumber).toBeNull();
  });
});

describe('reading xlsx', () => {
  it('reads the first worksheet with numeric cells converted without float noise', async () => {
    const bytes = await xlsx([
      ['鹤城区审计局2024年度审计发现问题台账'],
      [],
      AUDIT_HEADER,
      ['SJ-1', '描述一', '虚列支出', '鹤城区教育局', 2024, 0.1 + 0.2],
      ['SJ-2', '描述二', '虚列支出', '鹤城区教育局', 2024, 12.3456],
      ['SJ-3', '描述三', '虚列支出', '鹤城区教育局', 2024, '1,234.5678'],
      [1001, '描述四', '虚列支出', '鹤城区教育局', 2024, 1.1234567],
    ]);
    const r = await parseLedger({ bytes, fileName: '审计问题台账.xlsx', source: FindingSource.AUDIT });
    expect(r.format).toBe('xlsx');
    expect(r.encoding).toBeNull();
    expect(r.rows.map((x) => [x.rowNumber, x.sourceRef, x.amountInvolved])).toEqual([
      [4, 'SJ-1', '3000.00'],
      [5, 'SJ-2', '123456.00'],
      [6, 'SJ-3', '12345678.00'],
    ]);
    expect(r.problems).toEqual([
      {
        rowNumber: 7,
        column: '涉及金额(万元)',
        code: 'BAD_AMOUNT',
        message: '第7行“涉及金额(万元)”精确到分即可，以万元为单位最多6位小数：1.1234567',
      },
    ]);
  });

  it('reads rich text, formula results and merged cells, and reports Excel error values', async () => {
    const bytes = await xlsx(
      [
        AUDIT_HEADER,
        [
          'SJ-1',
          { richText: [{ text: '富文本' }, { text: '描述' }] },
          '虚列支出',
          '鹤城区卫生健康局',
          2024,
          { formula: 'F3*2', result: 5 },
        ],
        ['SJ-2', '描述', '虚列支出', null, 2024, 2.5],
        ['SJ-3', '描述', '虚列支出', '鹤城区教育局', 2024, { error: '#N/A' }],
      ],
      (ws) => ws.mergeCells('D2:D3'),
    );
    const r = await parseLedger({ bytes, fileName: 'a.xlsx', source: FindingSource.AUDIT });
    expect(r.rows.map((x) => [x.sourceRef, x.description, x.unitName, x.amountInvolved])).toEqual([
      ['SJ-1', '富文本描述', '鹤城区卫生健康局', '50000.00'],
      ['SJ-2', '描述', '鹤城区卫生健康局', '25000.00'],
    ]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [4, '涉及金额(万元)', 'BAD_VALUE'],
    ]);
    expect(r.problems[0]!.message).toContain('#N/A');
  });

  it('reports a corrupt workbook as unreadable', async () => {
    const r = await parseLedger({
      bytes: Buffer.from('PK\u0003\u0004 not really a zip'),
      fileName: '台账.xlsx',
      source: FindingSource.AUDIT,
    });
    expect(codes(r)).toEqual(['UNREADABLE_FILE']);
    expect(r.rows).toEqual([]);
  });

  it('reports a workbook without any content as empty', async () => {
    const r = await parseLedger({ bytes: await xlsx([]), fileName: '空.xlsx', source: FindingSource.AUDIT });
    expect(codes(r)).toEqual(['EMPTY_FILE']);
  });
});

describe('reading JSON and in-memory rows', () => {
  it('reads objects keyed by Chinese headers, numbering rows by array position', async () => {
    const records = [
      {
        线索编号: 'JJ-1',
        责任单位编码: 'HC-U001',
        问题类别: '违规发放津贴补贴',
        问题描述: '以加班补助名义发放津贴补贴',
        所属年度: 2024,
        涉及人员: '张三（局长）；李四（会计、出纳）',
        问责人数: '2人',
        '涉及金额(万元)': 1.25,
      },
    ];
    const r = await parseLedger({
      bytes: Buffer.from(JSON.stringify(records)),
      fileName: '纪检.json',
      source: FindingSource.DISCIPLINE,
    });
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('json');
    const row = r.rows[0] as DisciplineLedgerRow;
    expect(row).toMatchObject({
      rowNumber: 1,
      sourceRef: 'JJ-1',
      unitCode: 'HC-U001',
      sensitivity: Sensitivity.SECRET,
      amountInvolved: '12500.00',
      personsHeldAccountable: 2,
      personsInvolved: [
        { name: '张三', position: '局长' },
        { name: '李四', position: '会计、出纳' },
      ],
    });
  });

  it('reads objects keyed by the English field names, amounts in yuan as in the API', () => {
    const r = parseLedgerRows(
      [
        {
          sourceRef: 'PJ-1',
          description: '预算执行率偏低',
          category: '预算执行率偏低',
          unitCode: 'HC-U003',
          fiscalYear: '2025',
          amountInvolved: '1,000.5',
          severity: 'SERIOUS',
          sensitivity: 'public',
          indicatorName: '预算执行率',
          scoreDeducted: '2.5',
        },
      ],
      FindingSource.PERFORMANCE,
    );
    expect(r.problems).toEqual([]);
    expect(r.format).toBe('rows');
    expect(r.rows[0] as PerformanceLedgerRow).toMatchObject({
      rowNumber: 1,
      amountInvolved: '1000.50',
      severity: Severity.SERIOUS,
      sensitivity: Sensitivity.PUBLIC,
      indicatorName: '预算执行率',
      scoreDeducted: '2.50',
    });
  });

  it('accepts persons involved as an array of {name, position}', () => {
    const r = parseLedgerRows(
      [
        {
          sourceRef: 'JJ-1',
          description: '描述',
          category: '公款吃喝',
          unitName: '鹤城区教育局',
          fiscalYear: 2024,
          personsInvolved: [{ name: '王五', position: '局长' }, { name: '赵六' }],
        },
      ],
      FindingSource.DISCIPLINE,
    );
    expect((r.rows[0] as DisciplineLedgerRow).personsInvolved).toEqual([
      { name: '王五', position: '局长' },
      { name: '赵六', position: '' },
    ]);
  });

  it('reports invalid JSON and JSON that is not an array as unreadable', async () => {
    const bad = await parseLedger({
      bytes: Buffer.from('[{"问题编号": '),
      fileName: 'a.json',
      source: FindingSource.AUDIT,
    });
    expect(codes(bad)).toEqual(['UNREADABLE_FILE']);
    const obj = await parseLedger({
      bytes: Buffer.from('{"问题编号": "x"}'),
      fileName: 'a.json',
      source: FindingSource.AUDIT,
    });
    expect(codes(obj)).toEqual(['UNREADABLE_FILE']);
  });

  it('reports array elements that are not objects and still validates the others', () => {
    const good = { sourceRef: 'SJ-1', description: 'd', category: 'c', unitName: 'u', fiscalYear: 2024 };
    const r = parseLedgerRows([good, 'SJ-2' as never, { ...good, sourceRef: 'SJ-3' }], FindingSource.AUDIT);
    expect(r.problems.map((p) => [p.rowNumber, p.code])).toEqual([[2, 'BAD_ROW']]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([1, 3]);
  });

  it('refuses more than 1,000 in-memory rows with a single LIMIT problem', () => {
    const row = { sourceRef: 'x', description: 'd', category: 'c', unitName: 'u', fiscalYear: 2024 };
    const many = Array.from({ length: MAX_BATCH_ROWS + 1 }, (_, i) => ({ ...row, sourceRef: `SJ-${i}` }));
    const r = parseLedgerRows(many, FindingSource.AUDIT);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ rowNumber: null, column: null, code: 'LIMIT' });
    expect(r.problems[0]!.message).toContain('1000');
    expect(r.rows).toEqual([]);
    expect(r.totalRows).toBe(1001);
    expect(parseLedgerRows(many.slice(0, MAX_BATCH_ROWS), FindingSource.AUDIT).rows).toHaveLength(1000);
  });

  it('applies a file row limit given by the caller', async () => {
    const r = await parseLedger({
      bytes: csv([AUDIT_HEADER, auditRow('SJ-1'), auditRow('SJ-2'), auditRow('SJ-3')]),
      fileName: 'a.csv',
      source: FindingSource.AUDIT,
      options: { maxRows: 2 },
    });
    expect(codes(r)).toEqual(['LIMIT']);
  });
});

describe('the problem report', () => {
  it('reports a missing required column once, without a row, and accepts no rows', async () => {
    const r = await parseCsvRows([
      ['问题编号', '问题类别', '责任单位', '所属年度'],
      ['SJ-1', '虚列支出', '鹤城区教育局', 2024],
    ]);
    expect(r.problems).toEqual([
      {
        rowNumber: null,
        column: '问题描述',
        code: 'MISSING_COLUMN',
        message: expect.stringContaining('缺少必填列“问题描述”'),
      },
    ]);
    expect(r.rows).toEqual([]);
  });

  it('requires 责任单位 or 责任单位编码 as a column, and one of them filled per row', async () => {
    const noUnit = await parseCsvRows([
      ['问题编号', '问题描述', '问题类别', '所属年度'],
      ['SJ-1', 'd', 'c', 2024],
    ]);
    expect(noUnit.problems.map((p) => [p.column, p.code])).toEqual([['责任单位', 'MISSING_COLUMN']]);

    const r = await parseCsvRows([
      ['问题编号', '问题描述', '问题类别', '责任单位', '责任单位编码', '所属年度'],
      ['SJ-1', 'd', 'c', '', 'HC-U001', 2024],
      ['SJ-2', 'd', 'c', '', '', 2024],
    ]);
    expect(r.rows.map((x) => x.unitCode)).toEqual(['HC-U001']);
    expect(r.problems).toEqual([
      {
        rowNumber: 3,
        column: '责任单位',
        code: 'MISSING_FIELD',
        message: '第3行“责任单位”和“责任单位编码”均未填写，至少填一项',
      },
    ]);
  });

  it('requires the amount unit in the header or a 金额单位 column', async () => {
    const r = await parseCsvRows([
      ['问题编号', '问题描述', '问题类别', '责任单位', '所属年度', '涉及金额'],
      ['SJ-1', 'd', 'c', 'u', 2024, '12'],
    ]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [null, '金额单位', 'MISSING_COLUMN'],
    ]);
    expect(r.problems[0]!.message).toContain('涉及金额(万元)');
    expect(r.rows).toEqual([]);
  });

  it('reports two columns meaning the same field', async () => {
    const r = await parseCsvRows([
      [...AUDIT_HEADER, '审计问题编号'],
      [...auditRow('SJ-1'), 'SJ-1'],
    ]);
    expect(r.problems.map((p) => [p.column, p.code])).toEqual([['审计问题编号', 'DUPLICATE_COLUMN']]);
    expect(r.rows).toEqual([]);
  });

  it('writes problems with the row number and the column as written in the file', async () => {
    const r = await parseCsvRows([
      ['问题编号', '问题描述', '问题类别', '责任单位', '所属年度', '涉及金额（万元）'],
      ['SJ-1', 'd', 'c', 'u', 2024, '1'],
      ['SJ-2', 'd', 'c', 'u', 2024, '2'],
      ['SJ-3', 'd', 'c', 'u', 2024, '3'],
      ['SJ-4', 'd', 'c', 'u', 2024, 'abc'],
    ]);
    expect(r.problems).toEqual([
      {
        rowNumber: 5,
        column: '涉及金额（万元）',
        code: 'BAD_AMOUNT',
        message: '第5行“涉及金额（万元）”不是有效金额：abc',
      },
    ]);
  });

  it('validates every row and reports every problem, in row then column order', async () => {
    const r = await parseCsvRows([
      AUDIT_HEADER,
      auditRow('SJ-1', { 问题描述: '', 所属年度: 1989, '涉及金额(万元)': '-1' }),
      auditRow('SJ-2'),
      auditRow('', { 问题类别: '', 所属年度: '二〇二四' }),
    ]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [2, '问题描述', 'MISSING_FIELD'],
      [2, '所属年度', 'BAD_YEAR'],
      [2, '涉及金额(万元)', 'BAD_AMOUNT'],
      [4, '问题编号', 'MISSING_FIELD'],
      [4, '问题类别', 'MISSING_FIELD'],
      [4, '所属年度', 'BAD_YEAR'],
    ]);
    expect(r.problems[2]!.message).toBe('第2行“涉及金额(万元)”不能为负数：-1');
    expect(r.rows.map((x) => x.sourceRef)).toEqual(['SJ-2']);
    expect(r.totalRows).toBe(3);
  });

  it('accepts years 1990 to 2100 only', async () => {
    const r = await parseCsvRows([
      AUDIT_HEADER,
      auditRow('SJ-1', { 所属年度: 1990 }),
      auditRow('SJ-2', { 所属年度: '2100年度' }),
      auditRow('SJ-3', { 所属年度: 2101 }),
      auditRow('SJ-4', { 所属年度: '2024.5' }),
    ]);
    expect(r.rows.map((x) => x.fiscalYear)).toEqual([1990, 2100]);
    expect(r.problems.map((p) => [p.rowNumber, p.code])).toEqual([
      [4, 'BAD_YEAR'],
      [5, 'BAD_YEAR'],
    ]);
  });

  it('maps severity and sensitivity terms, defaults them per source, and rejects unknown ones', async () => {
    const header = [...AUDIT_HEADER, '严重程度', '密级'];
    const r = await parseCsvRows([
      header,
      [...auditRow('SJ-1'), '一般', '公开'],
      [...auditRow('SJ-2'), '严重', '限定'],
      [...auditRow('SJ-3'), '', ''],
      [...auditRow('SJ-4'), '很严重', '绝密'],
    ]);
    expect(r.rows.map((x) => [x.severity, x.sensitivity])).toEqual([
      [Severity.MINOR, Sensitivity.PUBLIC],
      [Severity.SERIOUS, Sensitivity.RESTRICTED],
      [Severity.MINOR, Sensitivity.INTERNAL],
    ]);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [5, '严重程度', 'BAD_ENUM'],
      [5, '密级', 'BAD_ENUM'],
    ]);
    expect(r.problems[0]!.message).toBe('第5行“严重程度”无法识别：很严重（可填：一般、重要、重大）');

    const discipline = parseLedgerRows(
      [{ 线索编号: 'JJ-1', 问题描述: 'd', 问题类别: '公款吃喝', 涉及单位: '鹤城区教育局', 年度: 2024 }],
      FindingSource.DISCIPLINE,
    );
    expect(discipline.rows[0]!.sensitivity).toBe(Sensitivity.SECRET);
  });

  it('reports the second occurrence of a 问题编号, naming the first row', async () => {
    const r = await parseCsvRows([
      AUDIT_HEADER,
      auditRow('SJ-2024-001'),
      auditRow('SJ-2024-002'),
      auditRow('ＳＪ-2024-001'),
    ]);
    expect(r.problems).toEqual([
      {
        rowNumber: 4,
        column: '问题编号',
        code: 'DUPLICATE_REFERENCE',
        message: '第4行“问题编号”SJ-2024-001与第2行重复，同一问题编号只能出现一次',
      },
    ]);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 3]);
  });

  it('names JSON records 第N条 in messages', () => {
    const row = { 问题编号: 'SJ-1', 问题描述: 'd', 问题类别: 'c', 责任单位: 'u', 所属年度: 2024 };
    const r = parseLedgerRows([row, row], FindingSource.AUDIT);
    expect(r.problems[0]!.message).toBe('第2条“问题编号”SJ-1与第1条重复，同一问题编号只能出现一次');
  });

  it('rejects text over its limit: reference 100, title 200, description 4000 characters', async () => {
    const r = await parseCsvRows([
      [...AUDIT_HEADER, '问题标题'],
      [...auditRow('鹤'.repeat(100), { 问题描述: '述'.repeat(4000) }), '题'.repeat(200)],
      [...auditRow('鹤'.repeat(101), { 问题描述: '述'.repeat(4001) }), '题'.repeat(201)],
    ]);
    expect(r.rows).toHaveLength(1);
    expect(r.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [3, '问题编号', 'TOO_LONG'],
      [3, '问题描述', 'TOO_LONG'],
      [3, '问题标题', 'TOO_LONG'],
    ]);
    expect(r.problems[1]!.message).toBe('第3行“问题描述”超过4000字（实际4001字）');
  });

  it('defaults the title to the first 40 characters of the description', async () => {
    const description =
      '区教育局从义务教育薄弱环节改善与能力提升专项资金中列支机关办公楼外墙维修费用，改变了专项资金用途。';
    const r = await parseCsvRows([AUDIT_HEADER, auditRow('SJ-1', { 问题描述: description })]);
    expect(r.rows[0]!.title).toBe(Array.from(description).slice(0, 40).join(''));
    expect(Array.from(r.rows[0]!.title)).toHaveLength(40);
  });

  it('checks score, headcount and persons involved', () => {
    const perf = parseLedgerRows(
      [
        { 问题编号: 'PJ-1', 问题描述: 'd', 问题类别: 'c', 责任单位: 'u', 年度: 2024, 扣分: '100' },
        { 问题编号: 'PJ-2', 问题描述: 'd', 问题类别: 'c', 责任单位: 'u', 年度: 2024, 扣分: '100.5' },
        { 问题编号: 'PJ-3', 问题描述: 'd', 问题类别: 'c', 责任单位: 'u', 年度: 2024, 扣分: '1.234' },
      ],
      FindingSource.PERFORMANCE,
    );
    expect(perf.rows.map((x) => (x as PerformanceLedgerRow).scoreDeducted)).toEqual(['100.00']);
    expect(codes(perf)).toEqual(['BAD_NUMBER', 'BAD_NUMBER']);

    const base = { 线索编号: 'JJ-1', 问题描述: 'd', 问题类别: 'c', 责任单位: 'u', 年度: 2024 };
    const disc = parseLedgerRows(
      [
        { ...base, 问责人数: '-1' },
        { ...base, 线索编号: 'JJ-2', 涉及人员: '张三（局长；李四' },
        { ...base, 线索编号: 'JJ-3', 涉及人员: [{ position: '局长' }] },
      ],
      FindingSource.DISCIPLINE,
    );
    expect(disc.problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [1, '问责人数', 'BAD_NUMBER'],
      [2, '涉及人员', 'BAD_PERSONS'],
      [3, '涉及人员', 'BAD_PERSONS'],
    ]);
  });

  it('reports empty files, header-only files and unsupported types', async () => {
    const empty = await parseLedger({
      bytes: Buffer.alloc(0),
      fileName: 'a.csv',
      source: FindingSource.AUDIT,
    });
    expect(codes(empty)).toEqual(['EMPTY_FILE']);
    const blank = await parseLedger({
      bytes: Buffer.from('\ufeff\r\n,,\r\n'),
      fileName: 'a.csv',
      source: FindingSource.AUDIT,
    });
    expect(codes(blank)).toEqual(['EMPTY_FILE']);
    const headerOnly = await parseCsvRows([AUDIT_HEADER]);
    expect(codes(headerOnly)).toEqual(['EMPTY_FILE']);
    const jsonEmpty = await parseLedger({
      bytes: Buffer.from('[]'),
      fileName: 'a.json',
      source: FindingSource.AUDIT,
    });
    expect(codes(jsonEmpty)).toEqual(['EMPTY_FILE']);
    const xls = await parseLedger({
      bytes: Buffer.from('x'),
      fileName: '台账.xls',
      source: FindingSource.AUDIT,
    });
    expect(codes(xls)).toEqual(['UNSUPPORTED_FORMAT']);
    expect(xls.problems[0]!.message).toContain('另存为.xlsx');
  });
});

describe('the sample ledgers in examples/ledgers', () => {
  const read = (name: string) => readFile(path.join(EXAMPLES, name));

  it('审计问题台账.xlsx: 15 audit findings in 万元 with 2–4 decimals, exact in yuan', async () => {
    const r = await parseLedger({
      bytes: await read('审计问题台账.xlsx'),
      fileName: '审计问题台账.xlsx',
      source: FindingSource.AUDIT,
    });
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(15);
    expect(r.ignoredColumns).toEqual(['备注']);
    const first = r.rows[0] as AuditLedgerRow;
    expect(first).toMatchObject({
      rowNumber: 3,
      sourceRef: 'SJ-2024-0012-01',
      unitCode: 'HC-U001',
      unitName: '鹤城区教育局',
      amountInvolved: '863500.00',
      severity: Severity.SERIOUS,
      legalBasis: '《财政违法行为处罚处分条例》第六条',
    });
    expect(r.rows.find((x) => x.sourceRef === 'SJ-2024-0012-02')!.amountInvolved).toBe('3124825.00');
  });

  it('绩效评价问题清单.csv: UTF-8 with BOM, performance fields', async () => {
    const r = await parseLedger({
      bytes: await read('绩效评价问题清单.csv'),
      fileName: '绩效评价问题清单.csv',
      source: FindingSource.PERFORMANCE,
    });
    expect(r.problems).toEqual([]);
    expect(r.encoding).toBe('UTF-8');
    expect(r.rows).toHaveLength(10);
    expect(r.rows[0] as PerformanceLedgerRow).toMatchObject({
      indicatorName: '预算执行率',
      scoreDeducted: '3.00',
      amountInvolved: '8880000.00',
      fiscalYear: 2024,
    });
  });

  it('发改稽察问题台账-GBK.csv: detected as GBK, reform fields', async () => {
    const bytes = await read('发改稽察问题台账-GBK.csv');
    const r = await parseLedger({
      bytes,
      fileName: '发改稽察问题台账-GBK.csv',
      source: FindingSource.REFORM,
    });
    expect(r.encoding).toBe('GB18030');
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(8);
    expect(r.rows[0] as ReformLedgerRow).toMatchObject({
      unitName: '鹤城区交通运输局',
      inspectionItem: '项目审批',
      approvalRef: '鹤发改投〔2024〕18号',
      category: '未批先建',
    });
    expect(r.rows.map((x) => x.amountInvolved).filter((a) => a !== null)).toEqual([
      '17500000.00',
      '4680000.00',
      '2000000.00',
    ]);
  });

  it('纪检监察问题.json: discipline findings, secret by default', async () => {
    const r = await parseLedger({
      bytes: await read('纪检监察问题.json'),
      fileName: '纪检监察问题.json',
      source: FindingSource.DISCIPLINE,
    });
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(6);
    expect(r.rows.every((x) => x.sensitivity === Sensitivity.SECRET)).toBe(true);
    expect(r.rows[0] as DisciplineLedgerRow).toMatchObject({
      clueSource: '审计移送',
      caseStage: '立案审查',
      personsHeldAccountable: 2,
      personsInvolved: [
        { name: '张建华', position: '副局长' },
        { name: '李芳', position: '财务股股长' },
      ],
    });
  });

  it('审计问题台账-有错误.csv: exactly its three deliberate problems', async () => {
    const r = await parseLedger({
      bytes: await read('审计问题台账-有错误.csv'),
      fileName: '审计问题台账-有错误.csv',
      source: FindingSource.AUDIT,
    });
    expect(r.problems).toEqual([
      { rowNumber: 3, column: '问题描述', code: 'MISSING_FIELD', message: '第3行“问题描述”未填写' },
      {
        rowNumber: 5,
        column: '涉及金额(万元)',
        code: 'BAD_AMOUNT',
        message: '第5行“涉及金额(万元)”不是有效金额：约12万',
      },
      {
        rowNumber: 7,
        column: '问题编号',
        code: 'DUPLICATE_REFERENCE',
        message: '第7行“问题编号”SJ-2025-0003-01与第2行重复，同一问题编号只能出现一次',
      },
    ]);
    expect(r.totalRows).toBe(6);
    expect(r.rows.map((x) => x.rowNumber)).toEqual([2, 4, 6]);
  });
});
