import { Migration } from '@mikro-orm/migrations';

/**
 * The data version of the statistics (统计数据版本), which the statistics cache keys its answers by
 * (src/modules/statistics/statistics.cache.ts): `select sum(n) from stats_data_change` grows with every
 * committed transaction that wrote to a table the statistics read, and with nothing else.
 *
 * - Statement-level AFTER triggers (insert, update, delete, truncate) on those tables (STATS_TABLES) insert
 *   one row (n = 1) per transaction: the first such statement of a transaction inserts, and a
 *   transaction-local setting (`hub.stats_changed`, reset at commit or rollback, and undone with a rolled
 *   back savepoint) skips the rest. A row, not a counter: writers never wait on each other (as the rollups).
 * - The row commits or rolls back with the write, so a reader that reads the version and then computes
 *   sees at least the writes the version counts: an answer is never stored under a version newer than the
 *   data it was computed from.
 * - Writes by hand (psql, scripts) fire the triggers too. Tables derived by triggers from these
 *   (finding_rollup, stats_rollup, stats_rollup_units, stats_task_link) have none: their compaction changes
 *   no figure.
 * - stats_data_compact() folds the rows into one of the same sum (one compaction at a time, advisory lock),
 *   so the sum stays a read of a few pages.
 *
 * test/statistics-cache.test.ts requires every table to be here or named there as read by no figure.
 */
export const STATS_TABLES = [
  'finding',
  'finding_group',
  'finding_group_member',
  'rectification',
  'rectification_finding',
  'rectification_supervisor',
  'rectification_event',
  'review',
  'recognition',
  'organization',
  'project',
  'sharing_rule',
  'access_request',
];

export class Migration20261202170500_stats_data_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "stats_data_change" ("id" bigserial primary key, "n" bigint not null);`);
    this.addSql(`create function stats_data_changed() returns trigger language plpgsql as $$
begin
  if current_setting('hub.stats_changed', true) is distinct from '1' then
    insert into stats_data_change (n) values (1);
    perform set_config('hub.stats_changed', '1', true);
  end if;
  return null;
end $$;`);
    this.addSql(`create function stats_data_compact() returns int language plpgsql as $$
declare
  folded int;
begin
  if not pg_try_advisory_xact_lock(7202612021705) then
    return null;
  end if;
  with gone as (
    delete from stats_data_change returning n
  ), kept as (
    insert into stats_data_change (n) select sum(n) from gone having count(*) > 0
  )
  select count(*) into folded from gone;
  return folded;
end $$;`);
    for (const t of STATS_TABLES)
      this.addSql(
        `create trigger stats_data_changed after insert or update or delete or truncate on "${t}" for each statement execute function stats_data_changed();`,
      );
  }

  override async down(): Promise<void> {
    for (const t of STATS_TABLES) this.addSql(`drop trigger if exists stats_data_changed on "${t}";`);
    this.addSql(`drop function if exists stats_data_compact();`);
    this.addSql(`drop function if exists stats_data_changed();`);
    this.addSql(`drop table if exists "stats_data_change" cascade;`);
  }
}
