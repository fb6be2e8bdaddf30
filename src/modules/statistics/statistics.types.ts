/** GraphQL types of the statistics API (统计) and the yearly rectification report (整改情况报告). */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FindingSource, PerformanceGrade, registerDescribedEnum } from '../../shared/enums.js';
import { MoneyScalar } from '../../shared/scalars.js';
import { StatsDimension } from './statistics.repo.js';

registerDescribedEnum(StatsDimension, 'StatsDimension', 'What to group statistics by (统计维度).', {
  SOURCE: 'Oversight source (按来源).',
  CATEGORY: 'Problem category (按问题类别).',
  UNIT: 'Responsible unit (按责任单位); the key is the unit’s id.',
  PROJECT: 'Project (按项目); the key is the project’s id, null where none or not readable.',
  FISCAL_YEAR: 'Fiscal year (按年度).',
  SEVERITY: 'Severity (按严重程度); null where the finding’s content is not readable.',
  MONTH: 'Month the finding was published to the hub, YYYY-MM (按月份).',
});

@ObjectType('StatsFigures', {
  description:
    'Figures over the findings the viewer may see (统计指标): a same-problem group counts once; statuses only ' +
    'where the viewer reads the finding; task figures only from tasks the viewer may see.',
  simpleResolvers: true,
})
export class StatsFigures {
  @Field(() => Int, { description: 'Findings (问题数), a same-problem group once.' })
  findings!: number;

  @Field(() => MoneyScalar, { description: 'Amount involved that the viewer may read, yuan (涉及金额).' })
  amount!: string;

  @Field(() => Int, { description: 'Responsible units concerned (涉及单位数).' })
  units!: number;

  @Field(() => Int, { description: 'Not yet rectified (待整改/未整改).' })
  pending!: number;

  @Field(() => Int, { description: 'In progress (整改中).' })
  inProgress!: number;

  @Field(() => Int, { description: 'Partly rectified (部分整改).' })
  partly!: number;

  @Field(() => Int, { description: 'Reported done by the unit, awaiting verification (整改完成待核验).' })
  completed!: number;

  @Field(() => Int, { description: 'Long-term rectification (持续整改).' })
  continuing!: number;

  @Field(() => Int, { description: 'Rectified and closed (已整改销号).' })
  rectified!: number;

  @Field(() => Int, {
    description: 'Findings whose rectification is due: deadline passed or closed (应整改).',
  })
  due!: number;

  @Field(() => Int, { description: 'Of those, rectified and closed (已整改).' })
  rectifiedDue!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Rectification rate, percent, two decimals (整改率 = 已整改 ÷ 应整改); null when none is due.',
  })
  rectificationRate!: number | null;

  @Field(() => Int, { description: 'Rectification tasks (整改任务数).' })
  tasks!: number;

  @Field(() => Int, { description: 'Tasks closed (已销号任务).' })
  closedTasks!: number;

  @Field(() => Int, { description: 'Tasks closed by their deadline (按期销号).' })
  closedOnTime!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'On-time rate, percent, two decimals (按期整改率); null when none is closed.',
  })
  onTimeRate!: number | null;

  @Field(() => Int, { description: 'Overdue tasks (逾期任务).' })
  overdueTasks!: number;

  @Field(() => Int, { description: 'Overdue by 1–30 days (逾期30天以内).' })
  overdue1To30!: number;

  @Field(() => Int, { description: 'Overdue by 31–90 days (逾期31至90天).' })
  overdue31To90!: number;

  @Field(() => Int, { description: 'Overdue by more than 90 days (逾期90天以上).' })
  overdueOver90!: number;

  @Field(() => MoneyScalar, {
    description: 'Money recovered as the units reported, yuan (整改金额/追回资金).',
  })
  moneyRecovered!: string;

  @Field(() => Int, { description: 'Rules issued (建章立制，项).' })
  rulesIssued!: number;

  @Field(() => Int, {
    description: 'People held accountable, where the viewer reads the finding (问责人数).',
  })
  peopleHeldAccountable!: number;
}

@ObjectType('StatsGroup', { description: 'The figures of one key (分组统计).', simpleResolvers: true })
export class StatsGroup {
  @Field(() => String, {
    nullable: true,
    description: 'The key: an enum value, category, year, YYYY-MM or a global id; null = none/not readable.',
  })
  key!: string | null;

  @Field(() => String, { description: 'The key as people read it (名称).' })
  label!: string;

  @Field(() => StatsFigures, { description: 'Figures (指标).' })
  figures!: StatsFigures;
}

@ObjectType('GradeCount', {
  description: 'Performance reviews of one grade (评价等级分布).',
  simpleResolvers: true,
})
export class GradeCount {
  @Field(() => PerformanceGrade, { description: 'Grade (等级).' })
  grade!: PerformanceGrade;

  @Field(() => Int, { description: 'Reviews (评价数).' })
  count!: number;
}

@ObjectType('RecognitionFlow', {
  description: 'Decisions in force of one agency on another’s results (部门间互认).',
  simpleResolvers: true,
})
export class RecognitionFlow {
  @Field(() => ID, { description: 'Deciding agency (采信部门).' })
  agency!: string;

  @Field(() => String, { description: 'Its name.' })
  agencyName!: string;

  @Field(() => ID, { description: 'Agency whose results were decided on (被采信部门).' })
  targetAgency!: string;

  @Field(() => String, { description: 'Its name.' })
  targetAgencyName!: string;

  @Field(() => String, {
    description: 'Decision: RECOGNISED, PARTLY_RECOGNISED or NOT_RECOGNISED (采信结论).',
  })
  decision!: string;

  @Field(() => Int, { description: 'Decisions (件数).' })
  count!: number;
}

@ObjectType('Stats', {
  description:
    'Statistics over what the viewer may see and read (统计). For roles other than DISCIPLINE, discipline findings ' +
    'in small categories are left out of every figure (纪检小数抑制).',
  simpleResolvers: true,
})
export class Stats {
  @Field(() => StatsDimension, { nullable: true, description: 'The grouping asked for (统计维度).' })
  groupBy!: StatsDimension | null;

  @Field(() => String, { description: 'Date the figures are as of, YYYY-MM-DD (统计截止日).' })
  asOf!: string;

  @Field(() => StatsFigures, { description: 'Figures over everything in the filter (合计).' })
  total!: StatsFigures;

  @Field(() => [StatsGroup], { description: 'Figures per key of `groupBy`, largest first (分组).' })
  groups!: StatsGroup[];

  @Field(() => Boolean, { description: 'Whether small discipline figures were left out (纪检小数抑制).' })
  disciplineSuppressed!: boolean;

  @Field(() => [GradeCount], {
    description: 'Grades of the performance reviews in the filter’s years and units.',
  })
  grades!: GradeCount[];

  @Field(() => [RecognitionFlow], { description: 'Recognition between agencies, decisions in force (互认).' })
  recognitions!: RecognitionFlow[];
}

@InputType('ReportScope', { description: 'Scope of the yearly report (报告范围): the district if empty.' })
export class ReportScope {
  @Field(() => ID, { nullable: true, description: 'One responsible unit (某单位).' })
  unit?: string | null;

  @Field(() => FindingSource, {
    nullable: true,
    description: 'One agency’s findings, by its source (某部门).',
  })
  source?: FindingSource | null;
}

@ObjectType('ReportCategoryLine', {
  description: 'Problems of one category in the report (按类别).',
  simpleResolvers: true,
})
export class ReportCategoryLine {
  @Field(() => String, { description: 'Category (问题类别).' })
  category!: string;

  @Field(() => Int, { description: 'Problems (问题数).' })
  count!: number;

  @Field(() => MoneyScalar, { description: 'Amount involved, yuan (涉及金额).' })
  amount!: string;

  @Field(() => Int, { description: 'Rectified and closed (已整改).' })
  rectified!: number;
}

@ObjectType('ReportReason', {
  description: 'A reason given for not rectifying (未整改原因).',
  simpleResolvers: true,
})
export class ReportReason {
  @Field(() => String, { description: 'Reason as the verifier wrote it (原因).' })
  reason!: string;

  @Field(() => Int, { description: 'Tasks returned with it (件数).' })
  count!: number;
}

@ObjectType('ReportOverdueItem', {
  description: 'An overdue task in the report (逾期事项).',
  simpleResolvers: true,
})
export class ReportOverdueItem {
  @Field(() => ID, { description: 'The task (整改任务).' })
  rectification!: string;

  @Field(() => String, { description: 'Responsible unit (责任单位).' })
  unitName!: string;

  @Field(() => String, { description: 'Deadline, YYYY-MM-DD (整改时限).' })
  deadline!: string;

  @Field(() => Int, { description: 'Days overdue (逾期天数).' })
  daysOverdue!: number;

  @Field(() => String, { description: 'Task state (状态).' })
  state!: string;

  @Field(() => Int, { description: 'Findings the task rectifies (问题数).' })
  findings!: number;
}

@ObjectType('RectificationReport', {
  description:
    'The yearly report on the rectification of problems found (整改情况报告), for the people’s congress standing ' +
    'committee: the same figures as `stats` for the fiscal year and scope.',
  simpleResolvers: true,
})
export class RectificationReport {
  @Field(() => Int, { description: 'Fiscal year reported on (年度).' })
  year!: number;

  @Field(() => String, { description: 'Scope as people read it (范围), e.g. 全区.' })
  scopeName!: string;

  @Field(() => String, { description: 'Date the figures are as of, YYYY-MM-DD (截止日期).' })
  asOf!: string;

  @Field(() => StatsFigures, { description: 'The figures (总体情况).' })
  figures!: StatsFigures;

  @Field(() => [ReportCategoryLine], { description: 'Problems by category, largest first (按问题类别).' })
  byCategory!: ReportCategoryLine[];

  @Field(() => [ReportReason], { description: 'Reasons for the problems not rectified (未整改原因).' })
  notRectifiedReasons!: ReportReason[];

  @Field(() => [ReportOverdueItem], {
    description: 'Overdue tasks, most overdue first, at most 100 (逾期清单).',
  })
  overdue!: ReportOverdueItem[];

  @Field(() => Boolean, { description: 'Whether small discipline figures were left out (纪检小数抑制).' })
  disciplineSuppressed!: boolean;

  @Field(() => String, { description: 'Path of the .docx of this report for the viewer (报告下载).' })
  docxPath!: string;
}
