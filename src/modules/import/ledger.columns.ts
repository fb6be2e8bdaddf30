/**
 * Which columns an agency's ledger (问题台账) may have, per source, and how their headers are written.
 *
 * This is data, not code: the parser reads it, and the README prints its table from
 * `ledgerColumnsMarkdown()`, so the documentation cannot drift from what the importer accepts.
 */
import { FindingSource, Sensitivity, Severity } from '../../shared/enums.js';

/** The normalised field a column feeds. `amountUnit` only qualifies `amountInvolved`. */
export type LedgerField =
  | 'sourceRef'
  | 'serialNumber'
  | 'documentNumber'
  | 'title'
  | 'description'
  | 'category'
  | 'unitName'
  | 'unitCode'
  | 'projectName'
  | 'projectCode'
  | 'fiscalYear'
  | 'severity'
  | 'amountInvolved'
  | 'amountUnit'
  | 'sensitivity'
  | 'responsiblePerson'
  | 'responsiblePhone'
  | 'indicatorName'
  | 'scoreDeducted'
  | 'legalBasis'
  | 'auditOpinion'
  | 'inspectionItem'
  | 'approvalRef'
  | 'clueSource'
  | 'personsInvolved'
  | 'caseStage'
  | 'personsHeldAccountable';

/**
 * How a column is validated:
 * text = trimmed text with a length limit; year = 1990–2100; severity / sensitivity / amountUnit =
 * Chinese (or English enum) terms; amount = exact decimal money; score = decimal 0–100 with two
 * decimals; count = non-negative integer; persons = "姓名（职务）；…".
 */
export type LedgerValueKind =
  'text' | 'year' | 'severity' | 'sensitivity' | 'amountUnit' | 'amount' | 'score' | 'count' | 'persons';

/**
 * ALWAYS: the column must exist and every row must fill it.
 * UNIT: 责任单位 and 责任单位编码 — at least one of the two columns, and at least one filled per row.
 * AMOUNT_UNIT: needed only when the amount header does not name its unit (e.g. plain “涉及金额”).
 * OPTIONAL: may be absent or empty.
 */
export type LedgerRequirement = 'ALWAYS' | 'UNIT' | 'AMOUNT_UNIT' | 'OPTIONAL';

/** The unit an amount is written in. Stored amounts are always yuan. */
export type AmountUnit = 'YUAN' | 'WAN_YUAN';

export interface LedgerColumn {
  field: LedgerField;
  /** The header in our template (the first accepted header); used in messages when a column is absent. */
  label: string;
  /** Headers every source may use, as agencies write them. The English field name is always accepted too. */
  headers: readonly string[];
  /**
   * Headers that name the field only when nothing more precise does: 主管部门 is the responsible unit
   * of an evaluation ledger, but beside 被审计单位 it is the unit's supervisor (then ignored).
   */
  fallbackHeaders?: readonly string[];
  /** Extra headers only one source's agency uses (e.g. 审计问题编号 in audit ledgers). */
  sourceHeaders?: Partial<Record<FindingSource, readonly string[]>>;
  /** The sources whose ledgers have this column; absent = all four. */
  sources?: readonly FindingSource[];
  required: LedgerRequirement;
  kind: LedgerValueKind;
  /** Longest accepted text, in characters (not UTF-16 units). */
  maxLength?: number;
  /** Chinese note for officials: format, default, accepted values. */
  note: string;
}

const ALL_SOURCES: readonly FindingSource[] = [
  FindingSource.PERFORMANCE,
  FindingSource.AUDIT,
  FindingSource.REFORM,
  FindingSource.DISCIPLINE,
];

/** Longest texts we accept; far above real ledgers, low enough to catch a column pasted into the wrong place. */
export const TEXT_LIMITS = {
  sourceRef: 100,
  title: 200,
  description: 4000,
  category: 100,
  name: 200,
  code: 100,
  person: 100,
  phone: 50,
  longText: 4000,
} as const;

/** When 问题标题 is absent or empty the title is the description's first this-many characters. */
export const DEFAULT_TITLE_LENGTH = 40;

/** Terms accepted for 严重程度; the first of each is the one our template uses. */
/**
 * Terms accepted for 严重程度 as audit grades problems (一般 / 重要 / 重大); the first of each is the
 * one our template uses. The hub's earlier wording (较重, 严重) is still read.
 */
export const SEVERITY_TERMS: Readonly<Record<Severity, readonly string[]>> = {
  [Severity.MINOR]: ['一般', '一般问题'],
  [Severity.MODERATE]: ['重要', '重要问题', '较重'],
  [Severity.SERIOUS]: ['重大', '重大问题', '严重'],
};
/** A ledger that does not grade its problems: 一般, as an audit office would file them. */
export const DEFAULT_SEVERITY: Severity = Severity.MINOR;

/**
 * Terms accepted for 敏感级别 (not 密级: a non-classified system holds no state secrets). Ledgers that
 * still write the old words (限定, 秘密, 涉密) are read as the level the hub always meant by them.
 */
export const SENSITIVITY_TERMS: Readonly<Record<Sensitivity, readonly string[]>> = {
  [Sensitivity.PUBLIC]: ['公开', '可公开'],
  [Sensitivity.INTERNAL]: ['内部'],
  [Sensitivity.RESTRICTED]: ['敏感', '限定', '限定范围'],
  [Sensitivity.SECRET]: ['高度敏感（工作秘密）', '高度敏感', '工作秘密', '秘密', '涉密'],
};

/** Discipline matters are for the commission alone unless the ledger says otherwise. */
export function defaultSensitivity(source: FindingSource): Sensitivity {
  return source === FindingSource.DISCIPLINE ? Sensitivity.SECRET : Sensitivity.INTERNAL;
}

export const AMOUNT_UNIT_TERMS: Readonly<Record<AmountUnit, readonly string[]>> = {
  YUAN: ['元'],
  WAN_YUAN: ['万元'],
};

/** Amount headers without the unit; each is accepted as “X(万元)”, “X(元)” and plain “X”. */
const AMOUNT_BASES = ['涉及金额', '问题金额', '金额'] as const;
const withUnits = (bases: readonly string[]): string[] => bases.flatMap((b) => [`${b}(万元)`, `${b}(元)`, b]);

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  {
    field: 'sourceRef',
    label: '问题编号',
    headers: ['问题编号'],
    sourceHeaders: {
      PERFORMANCE: ['评价问题编号', '绩效问题编号'],
      AUDIT: ['审计问题编号'],
      REFORM: ['稽察问题编号'],
      DISCIPLINE: ['线索编号', '问题线索编号'],
    },
    required: 'ALWAYS',
    kind: 'text',
    maxLength: TEXT_LIMITS.sourceRef,
    note:
      '本部门业务系统中的问题编号，文件内不得重复（“序号”列不是问题编号）；' +
      '台账没有此列时，由“文号”（列或导入方案）加“序号”生成，无序号时加问题内容摘要，见README',
  },
  {
    field: 'serialNumber',
    label: '序号',
    headers: ['序号', '编号', '行号'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: 20,
    note: '仅在台账没有问题编号列时用于生成问题编号',
  },
  {
    field: 'documentNumber',
    label: '文号',
    headers: ['文号', '报告文号', '发文字号', '文件编号'],
    sourceHeaders: {
      PERFORMANCE: ['评价报告文号'],
      AUDIT: ['审计报告文号', '审计决定书文号'],
      REFORM: ['稽察报告文号'],
    },
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '本部门报告或决定的文号，如：鹤审报〔2025〕3号',
  },
  {
    field: 'title',
    label: '问题标题',
    headers: ['问题标题', '标题'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.title,
    note: `为空时取问题描述的前${DEFAULT_TITLE_LENGTH}个字`,
  },
  {
    field: 'description',
    label: '问题描述',
    headers: ['问题描述', '问题内容', '具体问题', '发现问题', '存在问题', '问题情况', '主要问题'],
    sourceHeaders: { AUDIT: ['审计发现问题'], DISCIPLINE: ['问题线索描述'], PERFORMANCE: ['评价发现问题'] },
    required: 'ALWAYS',
    kind: 'text',
    maxLength: TEXT_LIMITS.description,
    note: '问题的具体表现',
  },
  {
    field: 'category',
    label: '问题类别',
    headers: ['问题类别', '问题类型', '问题分类'],
    required: 'ALWAYS',
    kind: 'text',
    maxLength: TEXT_LIMITS.category,
    note: '如：挤占挪用专项资金、预算执行率偏低、未批先建',
  },
  {
    field: 'unitName',
    label: '责任单位',
    headers: ['责任单位', '责任单位名称', '单位名称', '整改责任单位'],
    fallbackHeaders: ['主管部门', '项目主管部门', '主管单位', '预算单位'],
    sourceHeaders: {
      PERFORMANCE: ['被评价单位'],
      AUDIT: ['被审计单位', '被审计单位名称'],
      REFORM: ['项目单位', '建设单位', '项目法人'],
      DISCIPLINE: ['涉及单位'],
    },
    required: 'UNIT',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '与“责任单位编码”至少填一项',
  },
  {
    field: 'unitCode',
    label: '责任单位编码',
    headers: [
      '责任单位编码',
      '责任单位代码',
      '单位编码',
      '单位代码',
      '统一社会信用代码',
      '单位统一社会信用代码',
      '社会信用代码',
    ],
    required: 'UNIT',
    kind: 'text',
    maxLength: TEXT_LIMITS.code,
    note: '平台中的单位编码（如 HC-U001）或18位统一社会信用代码；与“责任单位”至少填一项',
  },
  {
    field: 'projectName',
    label: '项目名称',
    headers: ['项目名称'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '',
  },
  {
    field: 'projectCode',
    label: '项目编码',
    headers: ['项目编码', '项目代码', '项目编号'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.code,
    note: '如 XM-2024-00001',
  },
  {
    field: 'fiscalYear',
    label: '所属年度',
    headers: ['所属年度', '年度', '财政年度', '问题所属年度', '评价年度', '审计年度', '检查年度', '预算年度'],
    required: 'ALWAYS',
    kind: 'year',
    note: '1990–2100，可写“2024”或“2024年”',
  },
  {
    field: 'severity',
    label: '严重程度',
    headers: ['严重程度', '问题严重程度', '问题性质', '问题等级'],
    required: 'OPTIONAL',
    kind: 'severity',
    note: '一般 / 重要 / 重大（也可写原用语“较重”“严重”）；为空时为“一般”',
  },
  {
    field: 'amountInvolved',
    label: '涉及金额(万元)',
    headers: withUnits(AMOUNT_BASES),
    sourceHeaders: { AUDIT: withUnits(['违规金额', '问题金额合计']) },
    required: 'OPTIONAL',
    kind: 'amount',
    note:
      '单位取自表头“(万元)”或“(元)”；表头未注明单位时须有“金额单位”列。' +
      '可写千分位和全角数字，不得为负，折合后精确到分（万元最多6位小数）',
  },
  {
    field: 'amountUnit',
    label: '金额单位',
    headers: ['金额单位'],
    required: 'AMOUNT_UNIT',
    kind: 'amountUnit',
    note: '万元 / 元；仅在金额表头未注明单位时需要',
  },
  {
    field: 'sensitivity',
    label: '敏感级别',
    headers: ['敏感级别', '敏感等级', '密级'],
    required: 'OPTIONAL',
    kind: 'sensitivity',
    note:
      '公开 / 内部 / 敏感 / 高度敏感（工作秘密）；为空时纪检监察为“高度敏感（工作秘密）”，其他为“内部”。' +
      '旧表头“密级”及旧用语“限定”“秘密”仍可读取',
  },
  {
    field: 'responsiblePerson',
    label: '责任人',
    headers: ['责任人', '整改责任人'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.person,
    note: '',
  },
  {
    field: 'responsiblePhone',
    label: '联系电话',
    headers: ['联系电话', '责任人电话', '联系方式'],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.phone,
    note: '',
  },
  {
    field: 'indicatorName',
    label: '绩效指标',
    headers: ['绩效指标', '绩效指标名称', '评价指标'],
    sources: [FindingSource.PERFORMANCE],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '',
  },
  {
    field: 'scoreDeducted',
    label: '扣分',
    headers: ['扣分', '扣分值'],
    sources: [FindingSource.PERFORMANCE],
    required: 'OPTIONAL',
    kind: 'score',
    note: '0–100，最多2位小数',
  },
  {
    field: 'legalBasis',
    label: '定性依据',
    headers: ['定性依据', '法规依据'],
    sources: [FindingSource.AUDIT],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.longText,
    note: '',
  },
  {
    field: 'auditOpinion',
    label: '审计意见',
    headers: ['审计意见', '处理意见', '审计建议', '处理处罚意见'],
    sources: [FindingSource.AUDIT],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.longText,
    note: '',
  },
  {
    field: 'inspectionItem',
    label: '稽察事项',
    headers: ['稽察事项', '稽查事项'],
    sources: [FindingSource.REFORM],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '如：项目审批、招标投标、建设进度、资金使用、竣工验收',
  },
  {
    field: 'approvalRef',
    label: '批复文号',
    headers: ['批复文号', '审批文号'],
    sources: [FindingSource.REFORM],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '',
  },
  {
    field: 'clueSource',
    label: '线索来源',
    headers: ['线索来源', '问题来源'],
    sources: [FindingSource.DISCIPLINE],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '如：信访举报、审计移送、巡察移交、监督检查发现；仅纪委监委可见',
  },
  {
    field: 'personsInvolved',
    label: '涉及人员',
    headers: ['涉及人员', '涉案人员', '相关人员'],
    sources: [FindingSource.DISCIPLINE],
    required: 'OPTIONAL',
    kind: 'persons',
    note: '“姓名（职务）”，多人用“；”分隔，如：张三（局长）；李四（会计）；仅纪委监委可见',
  },
  {
    field: 'caseStage',
    label: '办理阶段',
    headers: ['办理阶段', '处置阶段', '办理进度'],
    sources: [FindingSource.DISCIPLINE],
    required: 'OPTIONAL',
    kind: 'text',
    maxLength: TEXT_LIMITS.name,
    note: '如：初步核实、立案审查、审理、已结案',
  },
  {
    field: 'personsHeldAccountable',
    label: '问责人数',
    headers: ['问责人数', '问责人次'],
    sources: [FindingSource.DISCIPLINE],
    required: 'OPTIONAL',
    kind: 'count',
    note: '非负整数，可写“3”或“3人”',
  },
];

/** The columns a ledger of `source` may have, in template order. */
export function ledgerColumnsFor(source: FindingSource): LedgerColumn[] {
  return LEDGER_COLUMNS.filter((c) => (c.sources ?? ALL_SOURCES).includes(source));
}

/** Every header `source`'s ledgers may use for `column`, the English field name last. */
export function acceptedHeaders(column: LedgerColumn, source: FindingSource): string[] {
  return [
    ...column.headers,
    ...(column.sourceHeaders?.[source] ?? []),
    ...(column.fallbackHeaders ?? []),
    column.field,
  ];
}

/**
 * The form headers are compared in: Unicode NFKC (full-width brackets, letters and digits become
 * half-width — officials type in a Chinese input method), no whitespace at all (xlsx headers often
 * wrap onto two lines), no required-marker asterisks (“*问题编号”), latin letters in lower case.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/^[*※]+|[*※]+$/gu, '')
    .toLowerCase();
}

/** The unit an amount header names, e.g. “涉及金额（万元）” → WAN_YUAN; null when it names none. */
export function amountUnitOfHeader(header: string): AmountUnit | null {
  const h = normaliseHeader(header);
  if (h.endsWith('(万元)')) return 'WAN_YUAN';
  if (h.endsWith('(元)')) return 'YUAN';
  // The English field name is the API's own: Money in yuan.
  if (h === 'amountinvolved') return 'YUAN';
  return null;
}

export interface HeaderMatch {
  column: LedgerColumn;
  /** For the amount column: the unit its header names. */
  amountUnit: AmountUnit | null;
  /** One of the column's fallbackHeaders: yields to a precise header of the same field. */
  fallback: boolean;
}

/** Index of normalised header → column for one source. */
export function headerIndex(source: FindingSource): Map<string, HeaderMatch> {
  const index = new Map<string, HeaderMatch>();
  for (const column of ledgerColumnsFor(source)) {
    for (const h of acceptedHeaders(column, source)) {
      const amountUnit = column.kind === 'amount' ? amountUnitOfHeader(h) : null;
      const fallback = column.fallbackHeaders?.includes(h) ?? false;
      index.set(normaliseHeader(h), { column, amountUnit, fallback });
    }
  }
  return index;
}

/** Chinese name of each source, for the table and messages. */
export const SOURCE_LABEL: Readonly<Record<FindingSource, string>> = {
  PERFORMANCE: '财政绩效评价',
  AUDIT: '审计',
  REFORM: '发改稽察',
  DISCIPLINE: '纪检监察',
};

const REQUIREMENT_LABEL: Readonly<Record<LedgerRequirement, string>> = {
  ALWAYS: '必填',
  UNIT: '二选一必填',
  AMOUNT_UNIT: '视情况',
  OPTIONAL: '选填',
};

/**
 * A Markdown table of the columns: one row per column, the sources that use it, every accepted
 * header. The README prints this.
 */
export function ledgerColumnsMarkdown(): string {
  const lines = [
    '| 列（模板表头） | 字段 | 适用来源 | 是否必填 | 可用表头 | 说明 |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of LEDGER_COLUMNS) {
    const sources = c.sources ?? ALL_SOURCES;
    const sourceText =
      sources.length === ALL_SOURCES.length ? '全部' : sources.map((s) => SOURCE_LABEL[s]).join('、');
    const perSource = Object.entries(c.sourceHeaders ?? {}).map(
      ([s, hs]) => `${SOURCE_LABEL[s as FindingSource]}：${(hs ?? []).join('、')}`,
    );
    const fallback = c.fallbackHeaders?.length ? [`无更明确的表头时：${c.fallbackHeaders.join('、')}`] : [];
    const headers = [c.headers.join('、'), ...perSource, ...fallback, c.field].join('；');
    const cells = [c.label, `\`${c.field}\``, sourceText, REQUIREMENT_LABEL[c.required], headers, c.note];
    lines.push(`| ${cells.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`);
  }
  return lines.join('\n');
}
