/**
 * Writes the sample ledgers of this folder: `npx tsx examples/ledgers/make-examples.ts`.
 *
 * Generated rather than hand-made because two of them cannot be typed in an editor: the .xlsx and the
 * GBK-encoded CSV (the encoding Excel/WPS on Chinese Windows still write by default). Units and codes
 * are those of the demo data (src/seed/generator.ts: HC-U001… in the order of its unit list), so an
 * import of these files matches real units of the demo hub. Project codes are random in the demo
 * data, so the samples name projects and let the importer match them by unit.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const here = dirname(fileURLToPath(import.meta.url));

/** The demo data's units used here: name → code. */
const UNIT = {
  教育局: ['鹤城区教育局', 'HC-U001'],
  卫健局: ['鹤城区卫生健康局', 'HC-U002'],
  住建局: ['鹤城区住房和城乡建设局', 'HC-U003'],
  农业农村局: ['鹤城区农业农村局', 'HC-U004'],
  民政局: ['鹤城区民政局', 'HC-U005'],
  人社局: ['鹤城区人力资源和社会保障局', 'HC-U006'],
  交通局: ['鹤城区交通运输局', 'HC-U007'],
  水利局: ['鹤城区水利局', 'HC-U008'],
  自然资源局: ['鹤城区自然资源局', 'HC-U009'],
  文旅局: ['鹤城区文化旅游广电体育局', 'HC-U010'],
  应急局: ['鹤城区应急管理局', 'HC-U012'],
  城管局: ['鹤城区城市管理和综合执法局', 'HC-U013'],
  医保局: ['鹤城区医疗保障局', 'HC-U014'],
  工信局: ['鹤城区工业和信息化局', 'HC-U016'],
  城中街道: ['城中街道办事处', 'HC-U046'],
  黄金坳镇: ['黄金坳镇人民政府', 'HC-U055'],
} as const satisfies Record<string, readonly [string, string]>;
type UnitKey = keyof typeof UNIT;

// ---------------------------------------------------------------------------------------------
// 审计问题台账.xlsx — AUDIT, amounts in 万元 as numeric cells with 2–4 decimals, under a title row.

interface AuditRow {
  ref: string;
  unit: UnitKey;
  project: string;
  category: string;
  title: string;
  description: string;
  amountWan: number | null;
  basis: string;
  opinion: string;
  severity: '一般' | '较重' | '严重';
  person: string;
  phone: string;
}

const AUDIT_ROWS: AuditRow[] = [
  {
    ref: 'SJ-2024-0012-01',
    unit: '教育局',
    project: '义务教育薄弱环节改善与能力提升',
    category: '挤占挪用专项资金',
    title: '挤占薄弱环节改善专项资金用于办公楼维修',
    description:
      '2024年6月，区教育局从义务教育薄弱环节改善与能力提升专项资金中列支机关办公楼外墙维修费用，改变了专项资金用途。',
    amountWan: 86.35,
    basis: '《财政违法行为处罚处分条例》第六条',
    opinion: '责令将挤占的专项资金归还原渠道，并追究相关人员责任。',
    severity: '严重',
    person: '刘建国',
    phone: '0745-2712301',
  },
  {
    ref: 'SJ-2024-0012-02',
    unit: '教育局',
    project: '义务教育薄弱环节改善与能力提升',
    category: '未按规定实施政府采购',
    title: '课桌椅采购化整为零规避公开招标',
    description: '区教育局将全区中小学课桌椅采购拆分为6个批次分别询价采购，规避公开招标。',
    amountWan: 312.4825,
    basis: '《中华人民共和国政府采购法》第二十六条',
    opinion: '责令整改，今后严格按规定实施政府采购。',
    severity: '较重',
    person: '刘建国',
    phone: '0745-2712301',
  },
  {
    ref: 'SJ-2024-0015-01',
    unit: '卫健局',
    project: '基本公共卫生服务',
    category: '虚列支出',
    title: '年底虚列基本公共卫生服务支出',
    description:
      '区卫生健康局2024年12月以预付款名义将基本公共卫生服务补助资金转入下属单位账户，当年未实际使用，形成虚列支出。',
    amountWan: 45.2,
    basis: '《中华人民共和国预算法》第五十七条',
    opinion: '调整相关会计账目，据实列支。',
    severity: '较重',
    person: '陈丽娟',
    phone: '0745-2713342',
  },
  {
    ref: 'SJ-2024-0015-02',
    unit: '卫健局',
    project: '基本公共卫生服务',
    category: '往来款长期挂账未清理',
    title: '',
    description: '区卫生健康局其他应收款中有3笔往来款挂账超过3年未清理，涉及借款单位已撤并。',
    amountWan: 18.076,
    basis: '《行政事业单位内部控制规范（试行）》第三十八条',
    opinion: '限期清理长期挂账往来款。',
    severity: '一般',
    person: '陈丽娟',
    phone: '0745-2713342',
  },
  {
    ref: 'SJ-2024-0021-01',
    unit: '住建局',
    project: '老旧小区改造',
    category: '工程结算多计价款',
    title: '老旧小区改造工程结算多计工程量',
    description:
      '迎丰片区老旧小区改造工程结算中，外墙保温面积多计1,860平方米、雨污分流管道多计420米，多计工程价款。',
    amountWan: 127.5318,
    basis: '《基本建设财务规则》第二十一条',
    opinion: '核减多计价款，扣回多付工程款。',
    severity: '严重',
    person: '杨志文',
    phone: '0745-2715520',
  },
  {
    ref: 'SJ-2024-0021-02',
    unit: '住建局',
    project: '老旧小区改造',
    category: '违规拨付资金',
    title: '未按进度超额拨付工程款',
    description: '在工程完成量不足40%的情况下，按合同价的70%向施工单位拨付工程款。',
    amountWan: 256.8,
    basis: '《基本建设财务规则》第二十一条',
    opinion: '严格按照工程进度拨付资金，加强合同管理。',
    severity: '较重',
    person: '杨志文',
    phone: '0745-2715520',
  },
  {
    ref: 'SJ-2024-0026-01',
    unit: '水利局',
    project: '农村饮水安全巩固提升',
    category: '超范围列支',
    title: '饮水安全资金列支公务用车运行费',
    description: '区水利局在农村饮水安全巩固提升项目资金中列支公务用车燃油费、维修费。',
    amountWan: 6.4375,
    basis: '《财政违法行为处罚处分条例》第六条',
    opinion: '将超范围列支资金调回原渠道。',
    severity: '一般',
    person: '黄海燕',
    phone: '0745-2716108',
  },
  {
    ref: 'SJ-2024-0026-02',
    unit: '水利局',
    project: '农村饮水安全巩固提升',
    category: '国有资产管理不规范',
    title: '已完工供水设施未及时转固',
    description: '2023年已完工的5处集中供水工程未办理竣工决算，未登记入固定资产账。',
    amountWan: 398.16,
    basis: '《行政事业单位内部控制规范（试行）》第三十八条',
    opinion: '抓紧办理竣工决算和资产登记。',
    severity: '一般',
    person: '黄海燕',
    phone: '0745-2716108',
  },
  {
    ref: 'SJ-2024-0030-01',
    unit: '交通局',
    project: '城区道路提质改造',
    category: '未按规定实施政府采购',
    title: '监理服务未经政府采购直接委托',
    description: '城区道路提质改造项目监理服务合同金额超过采购限额标准，未实施政府采购直接委托。',
    amountWan: 58.9,
    basis: '《中华人民共和国政府采购法》第二十六条',
    opinion: '责令整改，完善采购内控制度。',
    severity: '较重',
    person: '周鹏',
    phone: '0745-2717236',
  },
  {
    ref: 'SJ-2024-0030-02',
    unit: '交通局',
    project: '农村公路安防工程',
    category: '工程结算多计价款',
    title: '安防工程波形护栏重复计量',
    description: '农村公路安防工程结算中波形护栏在两个标段重复计量。',
    amountWan: 21.0463,
    basis: '《基本建设财务规则》第二十一条',
    opinion: '核减重复计量价款。',
    severity: '较重',
    person: '周鹏',
    phone: '0745-2717236',
  },
  {
    ref: 'SJ-2024-0033-01',
    unit: '民政局',
    project: '困难群众救助补助',
    category: '违规拨付资金',
    title: '向不符合条件人员发放低保金',
    description: '经大数据比对，有27名已死亡或有工商登记车辆人员仍在领取城乡低保金。',
    amountWan: 9.1872,
    basis: '《财政违法行为处罚处分条例》第六条',
    opinion: '追回违规发放资金，完善动态管理机制。',
    severity: '严重',
    person: '吴静',
    phone: '0745-2718455',
  },
  {
    ref: 'SJ-2024-0036-01',
    unit: '人社局',
    project: '城乡居民养老保险补助',
    category: '应收未收非税收入',
    title: '',
    description: '区人力资源和社会保障局培训场地出租收入未及时足额上缴国库。',
    amountWan: 3.65,
    basis: '《中华人民共和国预算法》第五十七条',
    opinion: '将应收未收收入及时足额缴入国库。',
    severity: '一般',
    person: '郭平',
    phone: '0745-2719012',
  },
  {
    ref: 'SJ-2024-0040-01',
    unit: '城管局',
    project: '城市污水管网改造',
    category: '挤占挪用专项资金',
    title: '专项债券资金用于弥补日常经费',
    description: '区城市管理和综合执法局将城市污水管网改造专项债券资金用于支付环卫作业服务费。',
    amountWan: 540.0268,
    basis: '《财政违法行为处罚处分条例》第六条',
    opinion: '归还专项债券资金，严格专款专用。',
    severity: '严重',
    person: '何斌',
    phone: '0745-2720367',
  },
  {
    ref: 'SJ-2024-0044-01',
    unit: '医保局',
    project: '医疗救助资金',
    category: '往来款长期挂账未清理',
    title: '医疗救助资金结余长期挂账',
    description: '医疗救助资金历年结余挂在暂存款科目，未按规定统筹使用。',
    amountWan: 74.51,
    basis: '《中华人民共和国预算法》第五十七条',
    opinion: '清理结余资金，按规定统筹使用。',
    severity: '一般',
    person: '林雪梅',
    phone: '0745-2721590',
  },
  {
    ref: 'SJ-2024-0048-01',
    unit: '黄金坳镇',
    project: '乡村振兴衔接资金项目',
    category: '虚列支出',
    title: '以虚假合同套取衔接资金',
    description: '黄金坳镇以与村级合作社签订的虚假产业帮扶合同列支乡村振兴衔接资金。',
    amountWan: 32.0045,
    basis: '《财政违法行为处罚处分条例》第六条',
    opinion: '追回套取资金，移送纪检监察机关处理。',
    severity: '严重',
    person: '邓国华',
    phone: '0745-2806113',
  },
];

async function writeAuditXlsx(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '鹤城区审计局';
  // fixed, so that re-running the script does not change the committed file
  wb.created = wb.modified = new Date('2025-03-01T00:00:00Z');
  const ws = wb.addWorksheet('审计问题台账');
  const headers = [
    '序号',
    '审计问题编号',
    '被审计单位',
    '责任单位编码',
    '项目名称',
    '问题类别',
    '问题标题',
    '问题描述',
    '涉及金额（万元）',
    '定性依据',
    '审计意见',
    '严重程度',
    '所属年度',
    '密级',
    '整改责任人',
    '联系电话',
    '备注',
  ];
  // Ledgers carry a title row above the header; the importer looks past it.
  ws.addRow(['鹤城区审计局2024年度审计发现问题台账']);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const headerRow = ws.addRow(headers);
  headerRow.font = { bold: true };
  AUDIT_ROWS.forEach((r, i) => {
    const [unitName, unitCode] = UNIT[r.unit];
    ws.addRow([
      i + 1,
      r.ref,
      unitName,
      unitCode,
      r.project,
      r.category,
      r.title || null,
      r.description,
      r.amountWan,
      r.basis,
      r.opinion,
      r.severity,
      2024,
      i % 5 === 4 ? '限定' : '内部',
      r.person,
      r.phone,
      null,
    ]);
  });
  ws.getColumn(9).numFmt = '#,##0.0000';
  [6, 18, 26, 12, 28, 20, 30, 60, 14, 36, 36, 10, 10, 8, 12, 14, 10].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const buf = await wb.xlsx.writeBuffer();
  await writeFile(join(here, '审计问题台账.xlsx'), Buffer.from(buf));
}

// ---------------------------------------------------------------------------------------------
// CSV helpers

function csvLine(cells: (string | number | null)[]): string {
  return cells
    .map((c) => {
      const s = c === null ? '' : String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
const csvText = (rows: (string | number | null)[][]): string => rows.map(csvLine).join('\r\n') + '\r\n';
const BOM = '\ufeff';

// ---------------------------------------------------------------------------------------------
// 绩效评价问题清单.csv — PERFORMANCE, UTF-8 with BOM (Excel's “CSV UTF-8”).

function performanceCsv(): string {
  const header = [
    '序号',
    '评价问题编号',
    '被评价单位',
    '责任单位编码',
    '项目名称',
    '绩效指标',
    '问题类型',
    '问题描述',
    '扣分',
    '严重程度',
    '所属年度',
    '涉及金额(万元)',
    '责任人',
    '联系电话',
    '敏感级别',
  ];
  const rows: [UnitKey, string, string, string, string, string, '一般' | '较重' | '严重', string | null][] = [
    [
      '教育局',
      '义务教育薄弱环节改善与能力提升',
      '预算执行率',
      '预算执行率偏低',
      '项目年度预算2,400万元，截至12月31日实际支出1,512万元，预算执行率63%。',
      '3',
      '较重',
      '888.00',
    ],
    [
      '教育局',
      '义务教育薄弱环节改善与能力提升',
      '产出数量',
      '绩效指标未细化量化',
      '“改善办学条件”“提升教育质量”等指标未设置可衡量的数量、质量、时效标准。',
      '2',
      '一般',
      null,
    ],
    [
      '卫健局',
      '基本公共卫生服务',
      '满意度',
      '自评结果与实际不符',
      '自评报告服务对象满意度为98%，抽样回访满意度仅为81%，自评结果明显偏高。',
      '2.5',
      '一般',
      null,
    ],
    [
      '住建局',
      '老旧小区改造',
      '产出时效',
      '产出未达预期',
      '计划年内完成改造的12个小区仅完工7个，部分小区因居民意见不统一停工。',
      '4',
      '较重',
      '1,350.00',
    ],
    [
      '农业农村局',
      '高标准农田建设',
      '资金到位率',
      '资金闲置',
      '上级下达的高标准农田建设资金有530万元在局账户闲置超过一年。',
      '3',
      '较重',
      '530.0000',
    ],
    [
      '农业农村局',
      '乡村振兴衔接资金项目',
      '可持续影响',
      '项目前期论证不充分',
      '产业帮扶项目立项前未开展市场调研，建成的冷库利用率不足20%。',
      '5',
      '严重',
      '260.5',
    ],
    [
      '交通局',
      '城区道路提质改造',
      '绩效目标',
      '绩效目标不明确或不可衡量',
      '绩效目标仅表述为“提升城区道路通行能力”，无可衡量的目标值。',
      '2',
      '一般',
      null,
    ],
    [
      '自然资源局',
      '地质灾害综合治理',
      '预算执行率',
      '预算执行率偏低',
      '年度预算执行率为58.3%，部分治理点未开工。',
      '3',
      '较重',
      '412.75',
    ],
    [
      '文旅局',
      '公共文化服务体系建设',
      '产出质量',
      '产出未达预期',
      '新建的4个农家书屋中2个未正常开放，图书借阅记录为零。',
      '1.5',
      '一般',
      '36.8',
    ],
    [
      '应急局',
      '应急物资储备库建设',
      '成本控制',
      '项目前期论证不充分',
      '储备库设计规模超出实际需求，建成后库容利用率不足三成。',
      '2',
      '较重',
      '96.42',
    ],
  ];
  const names = ['刘建国', '刘建国', '陈丽娟', '杨志文', '赵明', '赵明', '周鹏', '孙宇', '马玉兰', '朱海'];
  const lines: (string | number | null)[][] = [header];
  rows.forEach(([unit, project, indicator, category, description, score, severity, amount], i) => {
    const [unitName, unitCode] = UNIT[unit];
    lines.push([
      i + 1,
      `PJ-2024-${String(31 + Math.floor(i / 2)).padStart(4, '0')}-${String((i % 2) + 1).padStart(2, '0')}`,
      unitName,
      unitCode,
      project,
      indicator,
      category,
      description,
      score,
      severity,
      '2024年',
      amount,
      names[i]!,
      `0745-27${String(12000 + i * 131).padStart(5, '0')}`,
      '内部',
    ]);
  });
  return BOM + csvText(lines);
}

// ---------------------------------------------------------------------------------------------
// 发改稽察问题台账-GBK.csv — REFORM, GBK-encoded (what Excel on Chinese Windows saves as “CSV”).

function reformCsv(): string {
  const header = [
    '稽察问题编号',
    '项目名称',
    '项目单位',
    '单位编码',
    '稽察事项',
    '批复文号',
    '问题类型',
    '问题描述',
    '涉及金额（元）',
    '严重程度',
    '年度',
    '整改责任人',
  ];
  const rows: [
    string,
    UnitKey,
    string,
    string,
    string,
    string,
    string | null,
    '一般' | '较重' | '严重',
    string,
  ][] = [
    [
      '城区道路提质改造',
      '交通局',
      '项目审批',
      '鹤发改投〔2024〕18号',
      '未批先建',
      '迎丰路提质改造工程在初步设计批复前已开工建设。',
      null,
      '严重',
      '周鹏',
    ],
    [
      '城区道路提质改造',
      '交通局',
      '招标投标',
      '鹤发改投〔2024〕18号',
      '招标投标不规范',
      '施工招标文件设置与项目无关的企业业绩条件，排斥潜在投标人。',
      null,
      '较重',
      '周鹏',
    ],
    [
      '产业园区基础设施建设',
      '工信局',
      '建设进度',
      '鹤发改投〔2023〕45号',
      '项目建设进度滞后',
      '专项债券项目计划2024年6月完工，稽察时完成投资仅占计划的41%。',
      null,
      '较重',
      '许文斌',
    ],
    [
      '产业园区基础设施建设',
      '工信局',
      '资金使用',
      '鹤发改投〔2023〕45号',
      '配套资金未及时到位',
      '区级配套资金应到位3,000万元，实际到位1,250万元。',
      '17500000.00',
      '较重',
      '许文斌',
    ],
    [
      '城市污水管网改造',
      '城管局',
      '项目审批',
      '鹤发改投〔2024〕07号',
      '擅自变更建设规模或内容',
      '未经审批将管网改造长度由18.6公里调减为12.4公里，并增加路面绿化内容。',
      '4,680,000',
      '严重',
      '何斌',
    ],
    [
      '农村饮水安全巩固提升',
      '水利局',
      '竣工验收',
      '鹤发改农〔2023〕11号',
      '未按规定竣工验收',
      '5处集中供水工程已投入使用超过一年，未组织竣工验收。',
      null,
      '一般',
      '黄海燕',
    ],
    [
      '土地整理与复垦',
      '自然资源局',
      '招标投标',
      '鹤发改农〔2024〕03号',
      '招标投标不规范',
      '评标委员会组成人员中有招标人代表超过三分之一。',
      null,
      '一般',
      '孙宇',
    ],
    [
      '应急物资储备库建设',
      '应急局',
      '资金使用',
      '鹤发改投〔2024〕22号',
      '配套资金未及时到位',
      '中央预算内投资已下达，地方配套资金至稽察时仍未落实。',
      '2,000,000.00',
      '较重',
      '朱海',
    ],
  ];
  const lines: (string | number | null)[][] = [header];
  rows.forEach(([project, unit, item, approval, category, description, amount, severity, person], i) => {
    const [unitName, unitCode] = UNIT[unit];
    lines.push([
      `JC-2024-${String(5 + Math.floor(i / 2)).padStart(4, '0')}-${String((i % 2) + 1).padStart(2, '0')}`,
      project,
      unitName,
      unitCode,
      item,
      approval,
      category,
      description,
      amount,
      severity,
      2024,
      person,
    ]);
  });
  return csvText(lines);
}

// ---------------------------------------------------------------------------------------------
// 纪检监察问题.json — DISCIPLINE, an array of objects keyed by the ledger's Chinese headers.

function disciplineJson(): string {
  const unit = (k: UnitKey) => ({ 责任单位: UNIT[k][0], 责任单位编码: UNIT[k][1] });
  const records = [
    {
      线索编号: 'JJ-2024-0007',
      ...unit('教育局'),
      问题类别: '违规发放津贴补贴',
      问题描述: '区教育局以“加班补助”名义向机关干部违规发放津贴补贴。',
      线索来源: '审计移送',
      涉及人员: '张建华（副局长）；李芳（财务股股长）',
      办理阶段: '立案审查',
      问责人数: '2人',
      所属年度: 2024,
      严重程度: '较重',
      '涉及金额（万元）': '12.64',
    },
    {
      线索编号: 'JJ-2024-0011',
      ...unit('城管局'),
      问题类别: '公款吃喝',
      问题描述: '区城市管理和综合执法局在接待中超标准安排公务宴请并饮酒，费用以会议费名义报销。',
      线索来源: '信访举报',
      涉及人员: '王志强（局长）',
      办理阶段: '已结案',
      问责人数: 1,
      所属年度: 2024,
      严重程度: '严重',
      '涉及金额（万元）': '0.8650',
    },
    {
      线索编号: 'JJ-2024-0015',
      ...unit('黄金坳镇'),
      问题类别: '利用职务便利谋取私利',
      问题描述: '黄金坳镇个别干部在乡村振兴产业帮扶项目中为亲属承揽工程提供便利。',
      线索来源: '审计移送',
      涉及人员: '邓国华（副镇长）；邓伟（村委会主任）',
      办理阶段: '立案审查',
      问责人数: null,
      所属年度: 2024,
      严重程度: '严重',
      '涉及金额（万元）': '32.0045',
    },
    {
      线索编号: 'JJ-2024-0019',
      ...unit('城中街道'),
      问题类别: '优亲厚友',
      问题描述: '城中街道个别社区干部将不符合条件的亲属纳入低保对象。',
      线索来源: '巡察移交',
      涉及人员: '唐秀英（社区主任）',
      办理阶段: '初步核实',
      问责人数: null,
      所属年度: 2024,
      严重程度: '一般',
      '涉及金额（万元）': null,
    },
    {
      线索编号: 'JJ-2024-0023',
      ...unit('住建局'),
      问题类别: '失职失责',
      问题描述: '老旧小区改造工程监管不力，工程结算多计价款未及时发现。',
      线索来源: '监督检查发现',
      涉及人员: '杨志文（副局长）；曾凯（项目负责人）',
      办理阶段: '审理',
      问责人数: '2',
      所属年度: 2024,
      严重程度: '较重',
      '涉及金额（万元）': '127.5318',
    },
    {
      线索编号: 'JJ-2023-0031',
      ...unit('卫健局'),
      问题类别: '形式主义官僚主义',
      问题描述: '基本公共卫生服务考核中要求基层重复填报表格，考核结果与实际脱节。',
      线索来源: '监督检查发现',
      涉及人员: '',
      办理阶段: '已结案',
      问责人数: 0,
      所属年度: 2023,
      严重程度: '一般',
      '涉及金额（万元）': null,
    },
  ];
  return JSON.stringify(records, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// 审计问题台账-有错误.csv — AUDIT with exactly three deliberate mistakes, to show the problem report:
// (header = row 1) row 3 has no 问题描述, row 5's amount “约12万” is not a number, row 7 repeats
// row 2's 问题编号. Row 7's 41.337 万元 is fen-exact (413,370.00 元) and is not a mistake.

function auditCsvWithErrors(): string {
  const header = [
    '问题编号',
    '责任单位',
    '问题类别',
    '问题描述',
    '涉及金额(万元)',
    '严重程度',
    '所属年度',
    '审计意见',
  ];
  const rows: (string | number | null)[][] = [
    [
      'SJ-2025-0003-01',
      '鹤城区教育局',
      '超范围列支',
      '学生资助资金中列支学校食堂设备购置费。',
      '15.2',
      '较重',
      2025,
      '调回原渠道',
    ],
    ['SJ-2025-0003-02', '鹤城区教育局', '往来款长期挂账未清理', '', '8.05', '一般', 2025, '限期清理'],
    [
      'SJ-2025-0004-01',
      '鹤城区卫生健康局',
      '违规拨付资金',
      '向未完成考核的村卫生室全额拨付补助。',
      '23.5',
      '较重',
      2025,
      '追回多拨资金',
    ],
    [
      'SJ-2025-0004-02',
      '鹤城区卫生健康局',
      '虚列支出',
      '以预付款名义虚列年底支出。',
      '约12万',
      '较重',
      2025,
      '据实列支',
    ],
    [
      'SJ-2025-0005-01',
      '鹤城区水利局',
      '未按规定实施政府采购',
      '水质检测服务未实施政府采购。',
      '6.48',
      '一般',
      2025,
      '完善采购制度',
    ],
    [
      'SJ-2025-0003-01',
      '鹤城区住房和城乡建设局',
      '工程结算多计价款',
      '背街小巷改造工程结算多计土方量。',
      '41.337',
      '严重',
      2025,
      '核减多计价款',
    ],
  ];
  return BOM + csvText([header, ...rows]);
}

async function main(): Promise<void> {
  await writeAuditXlsx();
  await writeFile(join(here, '绩效评价问题清单.csv'), performanceCsv(), 'utf8');
  await writeFile(join(here, '发改稽察问题台账-GBK.csv'), iconv.encode(reformCsv(), 'gbk'));
  await writeFile(join(here, '纪检监察问题.json'), disciplineJson(), 'utf8');
  await writeFile(join(here, '审计问题台账-有错误.csv'), auditCsvWithErrors(), 'utf8');
  console.log(`sample ledgers written to ${here}`);
}

await main();
