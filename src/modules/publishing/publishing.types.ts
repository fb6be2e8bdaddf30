import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import { Sensitivity, Severity } from '../../shared/enums.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { UserError } from '../../shared/user-error.js';
import { FindingInterface } from '../finding/finding.types.js';
import { ChangeKind } from './publishing.entity.js';
export { FieldChange, FindingRevisionObject } from '../finding/finding-history.types.js';

@ObjectType('ChangeEvent', { description: 'One event of the change feed (变更事件).', simpleResolvers: true })
export class ChangeEventObject {
  @Field(() => String, {
    description: 'Cursor of this event; pass it as `since` to continue after it (游标).',
  })
  cursor!: string;

  @Field(() => GraphQLDateTime, { description: 'When (时间).' })
  at!: Date;

  @Field(() => ChangeKind, { description: 'What happened (事件类型).' })
  kind!: ChangeKind;

  @Field(() => Int, { description: 'Version of the finding the event produced (版本号).' })
  version!: number;

  @Field(() => FindingInterface, { description: 'The finding as it is now (问题，当前状态).' })
  finding!: unknown;
}

@ObjectType('ChangePage', {
  description: 'Events after a cursor, oldest first (变更事件页).',
  simpleResolvers: true,
})
export class ChangePage {
  @Field(() => [ChangeEventObject], { description: 'Events the viewer may see, in order (事件).' })
  events!: unknown[];

  @Field(() => String, {
    description: 'Cursor to pass as `since` next time; advances past events you may not see too (下次起点).',
  })
  nextSince!: string;

  @Field(() => Boolean, { description: 'Whether more events follow right away (是否还有).' })
  hasMore!: boolean;
}

@InputType('PersonInvolvedInput', { description: 'A person named in a discipline matter (涉及人员).' })
export class PersonInvolvedInput {
  @Field(() => String, { description: 'Name (姓名).' })
  name!: string;

  @Field(() => String, { description: 'Position (职务).' })
  position!: string;
}

@InputType('FindingLedgerRowInput', {
  description:
    "One finding as the agency's ledger has it (台账行); units and projects by code or exact name. Amounts in yuan.",
})
export class FindingLedgerRowInput {
  @Field(() => String, { description: "The agency's own reference, unique per agency (问题编号)." })
  sourceRef!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Title; default: the start of the description (问题标题).',
  })
  title?: string | null;

  @Field(() => String, { description: 'Description (问题描述).' })
  description!: string;

  @Field(() => String, { description: 'Category (问题类别).' })
  category!: string;

  @Field(() => String, { nullable: true, description: 'Responsible unit code (责任单位编码).' })
  unitCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Responsible unit name, exact (责任单位).' })
  unitName?: string | null;

  @Field(() => String, { nullable: true, description: 'Project code (项目编码).' })
  projectCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Project name, exact (项目名称).' })
  projectName?: string | null;

  @Field(() => Int, { description: 'Fiscal year (所属年度).' })
  fiscalYear!: number;

  @Field(() => Severity, { nullable: true, description: 'Severity; default MODERATE (严重程度).' })
  severity?: Severity | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'Amount involved in yuan (涉及金额，元).' })
  amountInvolved?: string | null;

  @Field(() => Sensitivity, { nullable: true, description: 'Sensitivity; default by source (敏感级别).' })
  sensitivity?: Sensitivity | null;

  @Field(() => String, { nullable: true, description: 'Responsible person (责任人).' })
  responsiblePerson?: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone (联系电话).' })
  responsiblePhone?: string | null;

  @Field(() => String, { nullable: true, description: 'PERFORMANCE: indicator (绩效指标).' })
  indicatorName?: string | null;

  @Field(() => String, { nullable: true, description: 'PERFORMANCE: points deducted (扣分).' })
  scoreDeducted?: string | null;

  @Field(() => String, { nullable: true, description: 'AUDIT: legal basis (定性依据).' })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: 'AUDIT: audit opinion (审计意见).' })
  auditOpinion?: string | null;

  @Field(() => String, { nullable: true, description: 'REFORM: inspection item (稽察事项).' })
  inspectionItem?: string | null;

  @Field(() => String, { nullable: true, description: 'REFORM: approval document (批复文号).' })
  approvalRef?: string | null;

  @Field(() => String, { nullable: true, description: 'DISCIPLINE: clue source (线索来源).' })
  clueSource?: string | null;

  @Field(() => [PersonInvolvedInput], {
    nullable: true,
    description: 'DISCIPLINE: persons involved (涉及人员).',
  })
  personsInvolved?: PersonInvolvedInput[] | null;

  @Field(() => String, { nullable: true, description: 'DISCIPLINE: case stage (办理阶段).' })
  caseStage?: string | null;

  @Field(() => Int, { nullable: true, description: 'DISCIPLINE: persons held accountable (问责人数).' })
  personsHeldAccountable?: number | null;
}

@InputType('FindingImportInput', { description: 'A batch of ledger rows to publish (批量导入).' })
export class FindingImportInput {
  @Field(() => [FindingLedgerRowInput], { description: 'Rows, at most 1,000 (台账行).' })
  rows!: FindingLedgerRowInput[];

  @Field(() => Boolean, { nullable: true, description: 'Validate only; write nothing (仅校验).' })
  dryRun?: boolean | null;
}

@ObjectType('ImportCandidate', {
  description: 'A unit or project the importer suggests for a name it could not match (候选).',
  simpleResolvers: true,
})
export class ImportCandidateObject {
  @Field(() => String, { description: 'Code (编码).' })
  code!: string;

  @Field(() => String, { description: 'Name (名称).' })
  name!: string;
}

@ObjectType('ImportProblem', {
  description: 'One problem of an import, with its row (导入问题).',
  simpleResolvers: true,
})
export class ImportProblemObject {
  @Field(() => Int, {
    nullable: true,
    description: 'Row number (1 = first row sent); null for the whole batch (行号).',
  })
  rowNumber!: number | null;

  @Field(() => String, { nullable: true, description: 'Column or field concerned (列).' })
  column!: string | null;

  @Field(() => String, {
    description: 'Code, e.g. MISSING_FIELD, BAD_AMOUNT, UNKNOWN_UNIT, DUPLICATE_REFERENCE (代码).',
  })
  code!: string;

  @Field(() => String, { description: 'Explanation in Chinese (说明).' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'For an unknown or ambiguous unit or project: the name or code as written (台账中的写法).',
  })
  value?: string | null;

  @Field(() => [ImportCandidateObject], {
    nullable: true,
    description:
      'For an unknown or ambiguous unit or project: the closest records, best first (你是否指); register the written ' +
      'name as an alias of the right unit with organizationAliasRegister so the next import matches.',
  })
  candidates?: ImportCandidateObject[] | null;
}

@ObjectType('LedgerMatchCount', {
  description: 'Rows whose unit matched by one rule (匹配方式).',
  simpleResolvers: true,
})
export class LedgerMatchCountObject {
  @Field(() => String, {
    description: 'CODE, CREDIT_CODE, FULL_NAME, SHORT_NAME, ALIAS or NORMALISED_NAME (匹配规则).',
  })
  rule!: string;

  @Field(() => Int, { description: 'Rows (行数).' })
  rows!: number;
}

@ObjectType('LedgerImportReport', {
  description: 'What a ledger file import did, or would do (台账导入结果).',
  simpleResolvers: true,
})
export class LedgerImportReportObject {
  @Field(() => String, { description: 'File name (文件名).' })
  file!: string;

  @Field(() => String, { nullable: true, description: 'xlsx, csv or json (格式).' })
  format!: string | null;

  @Field(() => String, { nullable: true, description: 'Text encoding of a .csv/.json, e.g. GB18030 (编码).' })
  encoding!: string | null;

  @Field(() => Int, { description: 'Data rows read (数据行数).' })
  totalRows!: number;

  @Field(() => [String], { description: 'Headers the import did not use (未使用的列).' })
  ignoredColumns!: string[];

  @Field(() => String, { nullable: true, description: 'The import profile used (导入方案).' })
  profile!: string | null;

  @Field(() => Boolean, { description: 'Whether this was a dry run (仅校验).' })
  dryRun!: boolean;

  @Field(() => Boolean, { description: 'Whether the rows were written (已写入).' })
  written!: boolean;

  @Field(() => Int, { description: 'New findings (新增).' })
  created!: number;

  @Field(() => Int, { description: 'Changed findings (更新).' })
  updated!: number;

  @Field(() => Int, { description: 'Findings already as in the ledger (未变).' })
  unchanged!: number;

  @Field(() => [ImportProblemObject], {
    description: 'Every problem of the file at once: columns, values, units, projects, duplicates (问题).',
  })
  problems!: ImportProblemObject[];

  @Field(() => Int, {
    description:
      'Reviews written or changed: an evaluation-result ledger imports one per row (评价结果条数).',
  })
  reviewsWritten!: number;

  @Field(() => [LedgerMatchCountObject], { description: 'Rows whose unit matched, by rule (单位匹配情况).' })
  unitsMatchedBy!: LedgerMatchCountObject[];

  @Field(() => Int, {
    description:
      "Rows whose unit matched by the importer's own rules, without a registered alias (自动匹配行数).",
  })
  matchedWithoutHelp!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'The problem workbook (问题清单.xlsx, base64): the ledger with a 问题 column beside each row; only when asked and there are problems.',
  })
  problemWorkbook!: string | null;
}

@InputType('LedgerImportInput', {
  description:
    'A ledger file to import as your agency (台账文件导入); the GraphQL body limit (1 MiB) applies.',
})
export class LedgerImportInput {
  @Field(() => String, {
    description: 'File name; its extension (.xlsx, .csv, .json) gives the format (文件名).',
  })
  fileName!: string;

  @Field(() => String, { description: 'The file, base64 (文件内容).' })
  contentBase64!: string;

  @Field(() => Boolean, { nullable: true, description: 'Validate only; write nothing (仅校验).' })
  dryRun?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "One of your agency's import profiles, by name (导入方案).",
  })
  profile?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Return the problem workbook when there are problems (返回问题清单).',
  })
  problemWorkbook?: boolean | null;
}

@ObjectType('LedgerImportPayload', { description: 'Result of ledgerImport.', simpleResolvers: true })
export class LedgerImportPayload {
  @Field(() => LedgerImportReportObject, { nullable: true, description: 'The report (导入结果).' })
  report!: LedgerImportReportObject | null;

  @Field(() => [UserError], { description: 'Problems with the request itself (请求问题).' })
  userErrors!: UserError[];
}

@ObjectType('ImportReport', {
  description: 'What an import did, or would do (导入结果).',
  simpleResolvers: true,
})
export class ImportReportObject {
  @Field(() => Boolean, { description: 'Whether this was a validation only (仅校验).' })
  dryRun!: boolean;

  @Field(() => Boolean, {
    description: 'Whether anything was written; false whenever there are problems (已写入).',
  })
  written!: boolean;

  @Field(() => Int, { description: 'Rows received (总行数).' })
  totalRows!: number;

  @Field(() => Int, { description: 'New findings (新增).' })
  created!: number;

  @Field(() => Int, { description: 'Findings changed (更新).' })
  updated!: number;

  @Field(() => Int, { description: 'Rows identical to what the hub has (无变化).' })
  unchanged!: number;

  @Field(() => [ImportProblemObject], {
    description: 'Every problem; empty when the batch is valid (问题清单).',
  })
  problems!: ImportProblemObject[];
}

@ObjectType('FindingImportPayload', { description: 'Result of findingImport.', simpleResolvers: true })
export class FindingImportPayload {
  @Field(() => ImportReportObject, { nullable: true, description: 'The report (导入结果).' })
  report!: ImportReportObject | null;

  @Field(() => [UserError], { description: 'Problems that stopped the import as a whole (输入问题).' })
  userErrors!: UserError[];
}

@InputType('FindingCorrectInput', { description: 'Correct fields of your own finding (更正问题).' })
export class FindingCorrectInput {
  @Field(() => ID, { description: 'The finding (问题).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read; a stale one gets CONFLICT (版本号).' })
  version!: number;

  @Field(() => String, { description: 'Why (更正理由).' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'New title (标题).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New description (问题描述).' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New category (问题类别).' })
  category?: string | null;

  @Field(() => Severity, { nullable: true, description: 'New severity (严重程度).' })
  severity?: Severity | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'New amount in yuan (涉及金额).' })
  amountInvolved?: string | null;

  @Field(() => Sensitivity, { nullable: true, description: 'New sensitivity (敏感级别).' })
  sensitivity?: Sensitivity | null;

  @Field(() => String, { nullable: true, description: 'New responsible person (责任人).' })
  responsiblePerson?: string | null;

  @Field(() => String, { nullable: true, description: 'New telephone (联系电话).' })
  responsiblePhone?: string | null;
}

@InputType('FindingWithdrawInput', { description: 'Withdraw your own finding (撤回问题).' })
export class FindingWithdrawInput {
  @Field(() => ID, { description: 'The finding (问题).' })
  id!: string;

  @Field(() => Int, { description: 'The version you read (版本号).' })
  version!: number;

  @Field(() => String, { description: 'Why (撤回理由).' })
  reason!: string;
}

@ObjectType('FindingPayload', { description: 'Result of a change to one finding.', simpleResolvers: true })
export class FindingPayload {
  @Field(() => FindingInterface, { nullable: true, description: 'The finding after the change (问题).' })
  finding!: unknown;

  @Field(() => [UserError], { description: 'Problems with the input; empty on success (输入问题).' })
  userErrors!: UserError[];
}
