/**
 * An agency's mapping profile (导入方案): how its own ledger layout reads, saved once and used every
 * month. Pure; the profiles are stored by src/modules/intake.
 */
import type { FindingSource } from '../../shared/enums.js';
import {
  ledgerColumnsFor,
  normaliseHeader,
  TEXT_LIMITS,
  type AmountUnit,
  type LedgerField,
} from './ledger.columns.js';

export interface MappingProfile {
  name: string;
  /** The agency's header as written → the hub's field (e.g. 问题情况 → description). */
  columns: Readonly<Record<string, LedgerField>>;
  /** The unit of an amount column whose header names none. */
  amountUnit: AmountUnit | null;
  /** 问题类别 of rows whose ledger has no category column or leaves it empty. */
  defaultCategory: string | null;
  /** 文号 of the report the ledger belongs to, when the ledger has no 文号 column. */
  documentNumber: string | null;
}

/** Problems with a profile as an agency submits it, in Chinese; empty = valid. */
export function profileProblems(
  p: { name: string; columns: Readonly<Record<string, string>>; defaultCategory?: string | null },
  source: FindingSource,
): string[] {
  const problems: string[] = [];
  const name = p.name.trim();
  if (!name) problems.push('导入方案名称不能为空');
  if ([...name].length > 50) problems.push('导入方案名称不超过50字');
  const fields = new Set(ledgerColumnsFor(source).map((c) => c.field as string));
  const seen = new Map<string, string>();
  const entries = Object.entries(p.columns);
  if (entries.length > 100) problems.push('一个导入方案最多100列');
  for (const [header, field] of entries) {
    const h = normaliseHeader(header);
    if (!h) problems.push('表头不能为空');
    else if (!fields.has(field)) problems.push(`“${header}”对应的字段“${field}”不是本来源台账的字段`);
    const before = seen.get(h);
    if (before !== undefined) problems.push(`表头“${header}”与“${before}”重复`);
    seen.set(h, header);
  }
  if (p.defaultCategory && [...p.defaultCategory].length > TEXT_LIMITS.category)
    problems.push(`默认问题类别不超过${TEXT_LIMITS.category}字`);
  return problems;
}
