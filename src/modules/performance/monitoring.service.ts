/**
 * Dual monitoring (双监控): the unit (for its own projects) or finance enters spending and indicator
 * progress; warnings are derived from the latest data on every read (monitoring.flags.ts), never
 * typed in, so they follow the data. Finance records what it did about a warning.
 *
 * Public functions throw UserInputProblem (codes: NOT_FOUND, NOT_ALLOWED, BAD_YEAR, BAD_DATE,
 * BAD_AMOUNT, BAD_VALUE, NO_WARNING, REQUIRED, TOO_LONG).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canEnterMonitoring, canRecordMonitoringAction, canSeeUnitRow } from '../../policy/performance.js';
import type { MonitoringActionKind } from './performance.entity.js';
import { monitoringFlag, type MonitoringFlag } from './monitoring.flags.js';
import * as repo from './monitoring.repo.js';
import { approvedSetsOfProjects, subjectInfo, type TargetSetRow } from './targets.repo.js';
import { toFen } from './money-text.js';
import { checkYear, text } from './targets.service.js';

export interface ProjectWarning {
  projectId: number;
  unitId: number;
  budgetYear: number;
  record: repo.MonitoringRow;
  targetSet: TargetSetRow | null;
  flag: MonitoringFlag;
}

/** The warning of each project from its latest record and approved targets. */
export async function warnings(
  knex: Knex,
  v: Viewer | null,
  f: { budgetYear: number; unitId?: number | null; projectIds?: readonly number[] | null },
): Promise<ProjectWarning[]> {
  const records = await repo.latestRecords(knex, v, f);
  const sets = await approvedSetsOfProjects(
    knex,
    records.map((r) => r.projectId),
    f.budgetYear,
  );
  return records.map((record) => {
    const set = sets.get(record.projectId) ?? null;
    return {
      projectId: record.projectId,
      unitId: record.unitId,
      budgetYear: record.budgetYear,
      record,
      targetSet: set,
      flag: monitoringFlag({
        asOf: record.asOf,
        budgetFen: toFen(record.budgetAmount),
        paidFen: toFen(record.paidAmount),
        indicators: set?.indicators ?? [],
        values: record.indicatorValues,
      }),
    };
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VALUE = /^\d{1,12}(\.\d{1,4})?$/;

export interface RecordInput {
  projectId: number;
  budgetYear: number;
  asOf: string;
  budgetAmount: string;
  paidAmount: string;
  values: { name: string; value: string }[];
}

/** Enters a project's progress as of a date (the unit for its own projects, or finance). */
export async function recordProgress(knex: Knex, v: Viewer, input: RecordInput): Promise<void> {
  checkYear(input.budgetYear);
  const p = await subjectInfo(knex, 'P', input.projectId);
  if (!p || !canSeeUnitRow(v, p)) throw new UserInputProblem('NOT_FOUND', 'No such project.', 'project');
  if (!canEnterMonitoring(v, p.unitId))
    throw new UserInputProblem(
      'NOT_ALLOWED',
      'Only the unit itself or finance enters monitoring data.',
      'project',
    );
  if (
    !DATE.test(input.asOf) ||
    Number.isNaN(Date.parse(input.asOf)) ||
    Number(input.asOf.slice(0, 4)) !== input.budgetYear
  )
    throw new UserInputProblem('BAD_DATE', 'The date must be a day of the budget year (YYYY-MM-DD).', 'asOf');
  const budget = toFen(input.budgetAmount);
  const paid = toFen(input.paidAmount);
  if (budget <= 0n) throw new UserInputProblem('BAD_AMOUNT', 'The budget must be positive.', 'budgetAmount');
  if (paid < 0n)
    throw new UserInputProblem('BAD_AMOUNT', 'The amount paid cannot be negative.', 'paidAmount');
  const names = new Set<string>();
  for (const [i, x] of input.values.entries()) {
    if (!x.name.trim() || names.has(x.name.trim()))
      throw new UserInputProblem('BAD_VALUE', `第${i + 1}项指标名称为空或重复。`, `values.${i}`);
    names.add(x.name.trim());
    if (!VALUE.test(x.value.trim()))
      throw new UserInputProblem('BAD_VALUE', `指标“${x.name}”的完成值须为非负数字。`, `values.${i}`);
  }
  await repo.upsertRecord(knex, {
    project_id: input.projectId,
    unit_id: p.unitId,
    budget_year: input.budgetYear,
    as_of: input.asOf,
    budget_amount: input.budgetAmount,
    paid_amount: input.paidAmount,
    indicator_values: JSON.stringify(
      input.values.map((x) => ({ name: x.name.trim(), value: x.value.trim() })),
    ),
    entered_by_org_id: v.orgId,
    entered_by: v.userId ?? 'unknown',
  });
}

/** Finance records the action it took on a project's current warning (提醒, 约谈, 暂缓拨付, 调整预算). */
export async function recordAction(
  knex: Knex,
  v: Viewer,
  input: { projectId: number; budgetYear: number; action: MonitoringActionKind; note: string },
): Promise<repo.MonitoringActionRow> {
  if (!canRecordMonitoringAction(v))
    throw new UserInputProblem('NOT_ALLOWED', 'Only the finance bureau records actions on warnings.');
  checkYear(input.budgetYear);
  const note = text(input.note, 'note', '处置情况');
  const [w] = await warnings(knex, v, { budgetYear: input.budgetYear, projectIds: [input.projectId] });
  if (!w || w.flag.level === 'NONE')
    throw new UserInputProblem('NO_WARNING', 'The project has no warning to act on in that year.', 'project');
  return repo.insertAction(knex, {
    project_id: input.projectId,
    budget_year: input.budgetYear,
    action: input.action,
    note,
    level: w.flag.level,
    reasons: JSON.stringify(w.flag.reasons),
    agency_id: v.orgId,
    recorded_by: v.userId ?? 'unknown',
  });
}
