import { Entity, Property, Unique } from '@mikro-orm/core';

/**
 * 统计汇总: the additive finding figures of the statistics API per key (agency, source, category, fiscal
 * year, sensitivity, publication state, amount disclosed) — count, amount, people held accountable, count
 * per rectification status. Written only by triggers on `finding` (migration stats_rollup_figures):
 * append-only deltas, folded by stats_rollup_compact(). Declared so the migrations are diffed against it.
 */
@Entity({ tableName: 'stats_rollup' })
export class StatsRollup {
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

  @Property({ type: 'bigint' })
  n!: string;

  @Property({ type: 'decimal', columnType: 'numeric' })
  amount!: string;

  @Property({ type: 'bigint' })
  accountable!: string;

  @Property({ type: 'bigint' })
  pending!: string;

  @Property({ type: 'bigint' })
  inProgress!: string;

  @Property({ type: 'bigint' })
  partly!: string;

  @Property({ type: 'bigint' })
  completed!: string;

  @Property({ type: 'bigint' })
  continuing!: string;

  @Property({ type: 'bigint' })
  rectified!: string;
}

/**
 * Per key of StatsRollup, the responsible units that have a finding of it, as a bitmap (bit i = unit id i),
 * for the distinct count of units. Kept exact in place by the same triggers; `overflow` when a unit id does
 * not fit (the statistics then answer from `finding`).
 */
@Entity({ tableName: 'stats_rollup_units' })
@Unique({
  name: 'stats_rollup_units_key_unique',
  properties: [
    'agencyId',
    'source',
    'category',
    'fiscalYear',
    'sensitivity',
    'publicationState',
    'amountDisclosed',
  ],
})
export class StatsRollupUnits {
  @Property({ type: 'integer', primary: true, autoincrement: true })
  id!: number;

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

  @Property({ columnType: 'bit(16384)', type: 'string' })
  bits!: string;

  @Property({ type: 'boolean' })
  overflow!: boolean;
}

/**
 * A rectification task's link to a finding, with the finding's key columns and what the task figures read
 * of the task (state, dates, unit, money recovered and rules issued as reported): the task figures of the
 * statistics read these narrow rows. Written only by triggers (migration stats_rollup_figures).
 */
@Entity({ tableName: 'stats_task_link' })
export class StatsTaskLink {
  @Property({ type: 'integer', primary: true })
  taskId!: number;

  @Property({ type: 'integer', primary: true })
  findingId!: number;

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

  @Property({ type: 'integer' })
  taskUnitId!: number;

  @Property({ type: 'text' })
  state!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text', nullable: true })
  conclusion!: string | null;

  @Property({ type: 'date' })
  deadline!: string;

  @Property({ type: 'date', nullable: true })
  nextMilestone!: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Property({ type: 'decimal', columnType: 'numeric' })
  money!: string;

  @Property({ type: 'integer' })
  rules!: number;
}

/**
 * 统计数据版本: one row per transaction that wrote to a table the statistics read (statement-level triggers,
 * migration stats_data_version); `sum(n)` is the data version the statistics cache keys its answers by
 * (statistics.cache.ts). Insert-only for writers, so they never wait on each other; stats_data_compact()
 * folds the rows into one of the same sum.
 */
@Entity({ tableName: 'stats_data_change' })
export class StatsDataChange {
  @Property({ type: 'bigint', primary: true, autoincrement: true })
  id!: string;

  @Property({ type: 'bigint' })
  n!: string;
}
