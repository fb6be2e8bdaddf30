import { Entity, Property } from '@mikro-orm/core';

/**
 * 问题统计汇总: counts and exact amount sums of findings per key (agency, source, category, fiscal year,
 * sensitivity, publication state, amount disclosed), for findingStats (finding-stats.repo.ts).
 * Written only by triggers on `finding` (migration stats_rollup): append-only deltas, one row per key
 * touched by a statement; a key's figures are the sum of its rows, folded by finding_rollup_compact().
 * Declared here so the migrations are diffed against it; the application never writes it.
 */
@Entity({ tableName: 'finding_rollup' })
export class FindingRollup {
  @Property({ type: 'bigint', primary: true, autoincrement: true })
  id!: string;

  @Property({ type: 'integer' })
  agencyId!: number;

  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  category!: string;

  @Property({ type: 'smallint' })
  fiscalYear!: number;

  @Property({ type: 'text' })
  sensitivity!: string;

  @Property({ type: 'text' })
  publicationState!: string;

  @Property({ type: 'boolean' })
  amountDisclosed!: boolean;

  /** Net number of findings (negative in a delta row for deletes). */
  @Property({ type: 'bigint' })
  n!: string;

  /** Net sum of amount_involved (null counted as 0), exact. */
  @Property({ type: 'decimal', columnType: 'numeric' })
  amount!: string;
}
