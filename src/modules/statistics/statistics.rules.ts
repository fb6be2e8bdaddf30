import { Access, byRole, type TypeRules } from '../../policy/field-rules.js';

import { REPORT_ROLES } from '../../policy/reports.js';

/**
 * Statistics are open: every figure is computed over the viewer's own row scope (statistics.repo.ts).
 * The yearly report is for the roles of src/policy/reports.ts.
 */
const REPORT_READERS = byRole(
  'report-readers',
  'Oversight agencies, district leadership, hub operators and units (监督部门、区政府、平台、预算单位).',
  REPORT_ROLES,
);

const visible = (fields: string[]) => Object.fromEntries(fields.map((f) => [f, Access.VISIBLE]));

export const statisticsRules: TypeRules = {
  Query: { stats: Access.OPEN, rectificationReport: REPORT_READERS },
  Stats: visible(['groupBy', 'asOf', 'total', 'groups', 'disciplineSuppressed', 'grades', 'recognitions']),
  StatsGroup: visible(['key', 'label', 'figures']),
  StatsFigures: visible([
    'findings',
    'amount',
    'units',
    'pending',
    'inProgress',
    'partly',
    'completed',
    'continuing',
    'rectified',
    'due',
    'rectifiedDue',
    'rectificationRate',
    'tasks',
    'closedTasks',
    'closedOnTime',
    'onTimeRate',
    'overdueTasks',
    'overdue1To30',
    'overdue31To90',
    'overdueOver90',
    'moneyRecovered',
    'rulesIssued',
    'peopleHeldAccountable',
  ]),
  GradeCount: visible(['grade', 'count']),
  RecognitionFlow: visible(['agency', 'agencyName', 'targetAgency', 'targetAgencyName', 'decision', 'count']),
  RectificationReport: visible([
    'year',
    'scopeName',
    'asOf',
    'figures',
    'byCategory',
    'notRectifiedReasons',
    'overdue',
    'disciplineSuppressed',
    'docxPath',
  ]),
  ReportCategoryLine: visible(['category', 'count', 'amount', 'rectified']),
  ReportReason: visible(['reason', 'count']),
  ReportOverdueItem: visible(['rectification', 'unitName', 'deadline', 'daysOverdue', 'state', 'findings']),
};
