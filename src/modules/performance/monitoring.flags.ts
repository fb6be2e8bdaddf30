/**
 * Monitoring warnings (预警), derived from the data — never typed in. Given a project's latest
 * spending and indicator progress as of a date, the warning is computed on every read, so it follows
 * the data when the data changes.
 *
 * - Spending lags time (支出进度滞后): paid/budget is more than `lagYellow` points below the share of the
 *   year elapsed (黄色), or more than `lagRed` points (红色).
 * - Targets lag spending (目标进度滞后于支出): the average completion of the quantitative indicators is
 *   more than `targetLag` points below the spending progress (黄色).
 * - A key indicator at risk (核心指标存在风险): a key indicator's completion is more than `keyRisk` points
 *   below the time elapsed (红色).
 */
import { IndicatorDirection } from './performance.entity.js';
import type { Indicator } from './indicators.js';
import { dateText, pctText } from './money-text.js';

export type WarningLevel = 'NONE' | 'YELLOW' | 'RED';

export interface FlagThresholds {
  lagYellow: number;
  lagRed: number;
  targetLag: number;
  keyRisk: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = { lagYellow: 15, lagRed: 30, targetLag: 20, keyRisk: 30 };

export interface MonitoringInput {
  asOf: string;
  budgetFen: bigint;
  paidFen: bigint;
  indicators: readonly Pick<Indicator, 'name' | 'targetValue' | 'direction' | 'key'>[];
  values: readonly { name: string; value: string }[];
}

export interface IndicatorProgress {
  name: string;
  key: boolean;
  /** Completion in percent (0–100+), null for qualitative indicators or without a value. */
  completion: number | null;
}

export interface MonitoringFlag {
  level: WarningLevel;
  reasons: string[];
  timeProgress: number;
  spendingProgress: number;
  targetProgress: number | null;
  indicators: IndicatorProgress[];
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Share of the calendar year elapsed at the end of `asOf`, in percent. */
export function timeProgress(asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  const day = (Date.parse(asOf) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  return (day / (isLeap(y) ? 366 : 365)) * 100;
}

/** Completion of one indicator to date, in percent; null when it cannot be measured. */
export function completion(
  i: Pick<Indicator, 'targetValue' | 'direction'>,
  value: string | undefined,
): number | null {
  if (i.direction === IndicatorDirection.QUALITATIVE || value === undefined) return null;
  const target = Number(i.targetValue);
  const v = Number(value);
  if (!Number.isFinite(target) || !Number.isFinite(v)) return null;
  // "at most" (e.g. cost): on track while within the target; above it, by how far
  if (i.direction === IndicatorDirection.AT_MOST)
    return v <= target ? 100 : target > 0 ? (target / v) * 100 : 0;
  if (target === 0) return v === 0 ? 100 : 0;
  return Math.min(100, (v / target) * 100);
}

const rank: Record<WarningLevel, number> = { NONE: 0, YELLOW: 1, RED: 2 };

/** The warning for one project as of its latest data. */
export function monitoringFlag(m: MonitoringInput, t: FlagThresholds = DEFAULT_THRESHOLDS): MonitoringFlag {
  const time = timeProgress(m.asOf);
  // exact ratio of fen amounts to 1/10000 of a percent before turning it into a number
  const spending = m.budgetFen > 0n ? Number((m.paidFen * 1_000_000n) / m.budgetFen) / 10_000 : 0;
  const valueOf = new Map(m.values.map((x) => [x.name, x.value]));
  const indicators = m.indicators.map((i) => ({
    name: i.name,
    key: i.key,
    completion: completion(i, valueOf.get(i.name)),
  }));
  const measured = indicators.filter((i) => i.completion !== null);
  const target = measured.length ? measured.reduce((s, i) => s + i.completion!, 0) / measured.length : null;
  let level: WarningLevel = 'NONE';
  const raise = (l: WarningLevel) => {
    if (rank[l] > rank[level]) level = l;
  };
  const reasons: string[] = [];
  const asOf = dateText(m.asOf);
  const lag = time - spending;
  if (lag > t.lagRed || lag > t.lagYellow) {
    const red = lag > t.lagRed;
    raise(red ? 'RED' : 'YELLOW');
    reasons.push(
      `截至${asOf}，支出进度${pctText(spending)}，低于时间进度${pctText(time)}${pctText(lag).replace('%', '')}个百分点（${red ? `超过${t.lagRed}` : `超过${t.lagYellow}`}个百分点）。`,
    );
  }
  if (target !== null && spending - target > t.targetLag) {
    raise('YELLOW');
    reasons.push(
      `绩效目标平均完成进度${pctText(target)}，低于支出进度${pctText(spending)}超过${t.targetLag}个百分点。`,
    );
  }
  for (const i of indicators) {
    if (i.key && i.completion !== null && time - i.completion > t.keyRisk) {
      raise('RED');
      reasons.push(
        `核心指标“${i.name}”完成进度${pctText(i.completion)}，低于时间进度超过${t.keyRisk}个百分点。`,
      );
    }
  }
  return {
    level,
    reasons,
    timeProgress: time,
    spendingProgress: spending,
    targetProgress: target,
    indicators,
  };
}
