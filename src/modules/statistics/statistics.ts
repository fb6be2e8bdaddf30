/**
 * The statistics API (统计) and the yearly rectification report (整改情况报告) from the same rows, so
 * the report's numbers are the API's (statistics.repo.ts says what each figure counts).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { badInput } from '../../shared/errors.js';
import { FindingSource, PerformanceGrade, Severity } from '../../shared/enums.js';
import { fromGlobalId, toGlobalId } from '../../shared/global-id.js';
import type { FindingQuery } from '../finding/finding.repo.js';
import {
  compactStatsDataVersion,
  gradeRows,
  namesOf,
  notRectifiedReasons,
  overdueTaskRows,
  recognitionRows,
  statsRows,
  StatsDimension,
  statsDataVersion,
  type StatsRowDb,
  type StatsSqlOptions,
} from './statistics.repo.js';
import { statsCacheFor } from './statistics.cache.js';
import { viewerClass } from '../../policy/viewer-class.js';
import { compactStatsRollup, statsRollupServes, statsRowsFromRollup } from './statistics-rollup.repo.js';
import {
  RectificationReport,
  Stats,
  StatsFigures,
  type ReportScope,
  type StatsGroup,
} from './statistics.types.js';

/** As the rectification module's overdue rule counts days (UTC date). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

export const SOURCE_NAME: Record<FindingSource, string> = {
  PERFORMANCE: '财政绩效评价',
  AUDIT: '审计',
  REFORM: '发改稽察',
  DISCIPLINE: '纪检监察',
};
const SEVERITY_NAME: Record<Severity, string> = { MINOR: '一般', MODERATE: '较重', SERIOUS: '严重' };

/** a ÷ b as a percentage with two decimals, exact to the hundredth (half up); null when b is 0. */
export function percent(a: number, b: number): number | null {
  if (b === 0) return null;
  return Math.round((a * 10000) / b) / 100;
}

function figures(r: StatsRowDb | undefined): StatsFigures {
  const z = (n: number | undefined) => n ?? 0;
  return {
    findings: z(r?.findings),
    amount: r?.amount ?? '0.00',
    units: z(r?.units),
    pending: z(r?.pending),
    inProgress: z(r?.in_progress),
    partly: z(r?.partly),
    completed: z(r?.completed),
    continuing: z(r?.continuing),
    rectified: z(r?.rectified),
    due: z(r?.due),
    rectifiedDue: z(r?.rectified_due),
    rectificationRate: percent(z(r?.rectified_due), z(r?.due)),
    tasks: z(r?.tasks),
    closedTasks: z(r?.closed),
    closedOnTime: z(r?.closed_on_time),
    onTimeRate: percent(z(r?.closed_on_time), z(r?.closed)),
    overdueTasks: z(r?.overdue),
    overdue1To30: z(r?.overdue_30),
    overdue31To90: z(r?.overdue_90),
    overdueOver90: z(r?.overdue_more),
    moneyRecovered: r?.money ?? '0.00',
    rulesIssued: z(r?.rules),
    peopleHeldAccountable: z(r?.accountable),
  };
}

async function labelled(knex: Knex, dim: StatsDimension, rows: StatsRowDb[]): Promise<StatsGroup[]> {
  const ids = rows.filter((r) => r.key != null).map((r) => Number(r.key));
  const names =
    dim === StatsDimension.UNIT
      ? await namesOf(knex, 'organization', ids)
      : dim === StatsDimension.PROJECT
        ? await namesOf(knex, 'project', ids)
        : null;
  return rows.map((r) => {
    let key = r.key;
    let label = r.key ?? (dim === StatsDimension.PROJECT ? '无项目或不可阅' : '不可阅');
    if (r.key != null) {
      if (dim === StatsDimension.SOURCE) label = SOURCE_NAME[r.key as FindingSource] ?? r.key;
      else if (dim === StatsDimension.SEVERITY) label = SEVERITY_NAME[r.key as Severity] ?? r.key;
      else if (dim === StatsDimension.FISCAL_YEAR) label = `${r.key}年度`;
      else if (names) {
        label = names.get(Number(r.key)) ?? r.key;
        key = toGlobalId(dim === StatsDimension.UNIT ? 'Organization' : 'Project', Number(r.key));
      }
    }
    return { key, label, figures: figures(r) };
  });
}

export interface StatsArgs {
  raw?: boolean;
  asOf?: string;
  /** 'direct' scans the findings even where the rollups answer; 'rollup' throws where they cannot. */
  path?: 'auto' | 'direct' | 'rollup';
}

/** The rollup is compacted when it holds more rows than this, or than twice its last compacted size. */
const COMPACT_AT = 2000;
let lastCompacted = 0;
let compacting: Promise<unknown> | null = null;

/** Folds the rollup's deltas in the background, one compaction per process at a time. */
function compactSoon(knex: Knex, rows: number): void {
  if (compacting || rows <= Math.max(COMPACT_AT, 2 * lastCompacted) || knex.isTransaction) return;
  compacting = compactStatsRollup(knex)
    .then((kept) => {
      if (kept != null) lastCompacted = kept;
    })
    // a failed compaction loses nothing: the deltas stay and the next request tries again
    .catch(() => undefined)
    .finally(() => {
      compacting = null;
    });
}

/**
 * The figure rows: from the rollups where they hold what the question needs (statistics-rollup.repo.ts),
 * else by the scan (statsRows); both give the same rows.
 */
async function figureRows(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  dim: StatsDimension | null,
  minCount: number,
  o: StatsSqlOptions,
  path: StatsArgs['path'] = 'auto',
): Promise<StatsRowDb[]> {
  if (path !== 'direct' && statsRollupServes(v, q, dim)) {
    const r = await statsRowsFromRollup(knex, v, q, dim, minCount, o);
    if (r) {
      compactSoon(knex, r.rollupRows);
      return r.rows;
    }
  }
  if (path === 'rollup') throw new Error('the statistics rollup cannot answer this question');
  return statsRows(knex, v, q, dim, minCount, o);
}

/** The statistics for a viewer: totals, groups by `dim`, grades and recognition between agencies. */
export async function computeStats(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  dim: StatsDimension | null,
  minCount: number,
  a: StatsArgs = {},
): Promise<Stats> {
  const asOf = a.asOf ?? todayIso();
  const [rows, grades, recs] = await Promise.all([
    figureRows(knex, v, q, dim, minCount, { raw: a.raw, asOf }, a.path),
    gradeRows(knex, v, q),
    recognitionRows(knex, v),
  ]);
  const total = rows.find((r) => r.g === 1);
  const groups = dim
    ? (
        await labelled(
          knex,
          dim,
          rows.filter((r) => r.g === 0),
        )
      ).sort((x, y) =>
        dim === StatsDimension.FISCAL_YEAR || dim === StatsDimension.MONTH
          ? String(x.key).localeCompare(String(y.key))
          : y.figures.findings - x.figures.findings || x.label.localeCompare(y.label),
      )
    : [];
  const agencyNames = await namesOf(knex, 'organization', [
    ...new Set(recs.flatMap((r) => [r.agency_id, r.target_agency_id])),
  ]);
  const gradeOrder = Object.values(PerformanceGrade) as string[];
  return {
    groupBy: dim,
    asOf,
    total: figures(total),
    groups,
    disciplineSuppressed: (rows[0]?.suppressed ?? 0) > 0,
    grades: grades
      .map((g) => ({ grade: g.grade as PerformanceGrade, count: g.n }))
      .sort((x, y) => gradeOrder.indexOf(x.grade) - gradeOrder.indexOf(y.grade)),
    recognitions: recs.map((r) => ({
      agency: toGlobalId('Organization', r.agency_id),
      agencyName: agencyNames.get(r.agency_id) ?? '',
      targetAgency: toGlobalId('Organization', r.target_agency_id),
      targetAgencyName: agencyNames.get(r.target_agency_id) ?? '',
      decision: r.decision,
      count: r.n,
    })),
  };
}

/** stats_data_change is folded when it holds more rows than this (one per writing transaction). */
const FOLD_VERSION_AT = 500;
let folding: Promise<unknown> | null = null;

function foldVersionSoon(knex: Knex, rows: number): void {
  if (folding || rows <= FOLD_VERSION_AT || knex.isTransaction) return;
  folding = compactStatsDataVersion(knex)
    // a failed fold changes nothing: the rows stay and a later request tries again
    .catch(() => undefined)
    .finally(() => {
      folding = null;
    });
}

/**
 * computeStats through the process's cache (statistics.cache.ts): the answer of the same question for the
 * same viewer class at the same data version and date, else computed once for all who ask at that moment.
 * `cacheEntries` 0: computed every time.
 */
export async function cachedStats(
  knex: Knex,
  v: Viewer,
  q: FindingQuery,
  dim: StatsDimension | null,
  minCount: number,
  raw: boolean,
  cacheEntries = 500,
): Promise<Stats> {
  const asOf = todayIso();
  if (cacheEntries <= 0) return computeStats(knex, v, q, dim, minCount, { raw, asOf });
  const { version, rows } = await statsDataVersion(knex);
  foldVersionSoon(knex, rows);
  const cls = viewerClass(v);
  const key = JSON.stringify([version, cls.key, q, dim, minCount, raw, asOf]);
  return statsCacheFor(knex, cacheEntries).get(key, cls.validUntil, () =>
    computeStats(knex, v, q, dim, minCount, { raw, asOf }),
  );
}

/** The finding query of a report: the fiscal year, and the unit or the agency's source. */
export function reportQuery(year: number, scope: ReportScope | null | undefined): FindingQuery {
  if (!Number.isInteger(year) || year < 1990 || year > 2100)
    throw badInput(`fiscal year ${year} is out of range 1990-2100`, 'year');
  const q: FindingQuery = { fiscalYears: [year] };
  if (scope?.unit) {
    const g = fromGlobalId(scope.unit);
    if (!g || g.type !== 'Organization') throw badInput('"unit" is not an organisation id', 'scope.unit');
    q.unitIds = [g.id];
  }
  if (scope?.source) q.sources = [scope.source];
  return q;
}

/** The yearly report (整改情况报告) for a fiscal year and scope, as the viewer may see it. */
export async function computeReport(
  knex: Knex,
  v: Viewer,
  year: number,
  scope: ReportScope | null | undefined,
  minCount: number,
  asOf = todayIso(),
): Promise<RectificationReport> {
  const q = reportQuery(year, scope);
  const o = { asOf };
  const [rows, reasons, overdue] = await Promise.all([
    figureRows(knex, v, q, StatsDimension.CATEGORY, minCount, o),
    notRectifiedReasons(knex, v, q, minCount, o, 20),
    overdueTaskRows(knex, v, q, minCount, o, 100),
  ]);
  const unitIds = [...overdue.map((r) => r.unit_id), ...(q.unitIds ?? [])];
  const units = await namesOf(knex, 'organization', unitIds);
  const parts: string[] = [];
  if (q.unitIds) parts.push(units.get(q.unitIds[0]!) ?? '该单位');
  if (scope?.source) parts.push(`${SOURCE_NAME[scope.source]}发现问题`);
  const params = new URLSearchParams({ year: String(year) });
  if (scope?.unit) params.set('unit', scope.unit);
  if (scope?.source) params.set('source', scope.source);
  return {
    year,
    scopeName: parts.length ? parts.join('，') : '全区',
    asOf,
    figures: figures(rows.find((r) => r.g === 1)),
    byCategory: rows
      .filter((r) => r.g === 0 && r.key != null)
      .map((r) => ({ category: r.key!, count: r.findings, amount: r.amount, rectified: r.rectified }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    notRectifiedReasons: reasons.map((r) => ({ reason: r.reason, count: r.n })),
    overdue: overdue.map((r) => ({
      rectification: toGlobalId('Rectification', r.task_id),
      unitName: units.get(r.unit_id) ?? '',
      deadline: r.deadline,
      daysOverdue: r.days_overdue,
      state: r.state,
      findings: r.finding_ids.length,
    })),
    disciplineSuppressed: (rows[0]?.suppressed ?? 0) > 0,
    docxPath: `/reports/rectification.docx?${params.toString()}`,
  };
}
