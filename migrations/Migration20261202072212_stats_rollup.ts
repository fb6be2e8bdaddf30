import { Migration } from '@mikro-orm/migrations';

/**
 * finding_rollup (entity FindingRollup): counts and exact amount sums of findings, kept current by the
 * database itself, for findingStats (src/modules/finding/finding-stats.repo.ts). The ORM never writes it.
 *
 * Key = every finding column that the permission policy (row scope, content, amount, sharing level,
 * category grants) and the rollup-served stats filters read, except unit_id (with it the rollup would
 * have about as many rows as findings; unit-scoped questions are answered from `finding` by index).
 *
 * Append-only deltas: statement-level AFTER triggers insert one row per key touched by the statement
 * (+count/+sum for inserts, -count/-sum for deletes, the net change for updates; updates that change
 * no key column nor the amount insert nothing), so concurrent writers never wait on each other.
 * A key's figures are the sum of its rows. finding_rollup_compact() folds the rows into one per key;
 * it runs under an advisory lock, deletes only rows it sees committed, and readers see it atomically.
 */
export class Migration20261202072212_stats_rollup extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "finding_rollup" ("id" bigserial primary key, "agency_id" int not null, "source" text not null, "category" text not null, "fiscal_year" smallint not null, "sensitivity" text not null, "publication_state" text not null, "amount_disclosed" boolean not null, "n" bigint not null, "amount" numeric not null);`);

    this.addSql(`create function finding_rollup_on_insert() returns trigger language plpgsql as $$
begin
  insert into finding_rollup (agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount)
  select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed,
         count(*), coalesce(sum(amount_involved), 0)
  from new_rows
  group by agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed;
  return null;
end $$;`);
    this.addSql(`create function finding_rollup_on_delete() returns trigger language plpgsql as $$
begin
  insert into finding_rollup (agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount)
  select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed,
         -count(*), -coalesce(sum(amount_involved), 0)
  from old_rows
  group by agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed;
  return null;
end $$;`);
    this.addSql(`create function finding_rollup_on_update() returns trigger language plpgsql as $$
begin
  insert into finding_rollup (agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount)
  select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, sum(dn), sum(da)
  from (
    select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed,
           1 as dn, coalesce(amount_involved, 0) as da
    from new_rows
    union all
    select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed,
           -1, -coalesce(amount_involved, 0)
    from old_rows
  ) d
  group by agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed
  having sum(dn) <> 0 or sum(da) <> 0;
  return null;
end $$;`);
    this.addSql(`create function finding_rollup_on_truncate() returns trigger language plpgsql as $$
begin
  delete from finding_rollup;
  return null;
end $$;`);
    this.addSql(`create function finding_rollup_compact() returns int language plpgsql as $$
declare
  kept int;
begin
  -- one compaction at a time (a second one would only find nothing left to fold)
  if not pg_try_advisory_xact_lock(7202612020643) then
    return null;
  end if;
  with gone as (
    delete from finding_rollup
    returning agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount
  ), folded as (
    insert into finding_rollup (agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount)
    select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, sum(n), sum(amount)
    from gone
    group by agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed
    having sum(n) <> 0 or sum(amount) <> 0
    returning 1
  )
  select count(*) into kept from folded;
  return kept;
end $$;`);

    // Triggers before the backfill: creating them waits for the writers in flight and holds new ones
    // off until this migration commits, so every finding is counted exactly once.
    this.addSql(
      `create trigger finding_rollup_insert after insert on "finding" referencing new table as new_rows for each statement execute function finding_rollup_on_insert();`,
    );
    this.addSql(
      `create trigger finding_rollup_update after update on "finding" referencing old table as old_rows new table as new_rows for each statement execute function finding_rollup_on_update();`,
    );
    this.addSql(
      `create trigger finding_rollup_delete after delete on "finding" referencing old table as old_rows for each statement execute function finding_rollup_on_delete();`,
    );
    this.addSql(
      `create trigger finding_rollup_truncate after truncate on "finding" for each statement execute function finding_rollup_on_truncate();`,
    );

    this.addSql(`insert into finding_rollup (agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed, n, amount)
select agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed,
       count(*), coalesce(sum(amount_involved), 0)
from "finding"
group by agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists finding_rollup_insert on "finding";`);
    this.addSql(`drop trigger if exists finding_rollup_update on "finding";`);
    this.addSql(`drop trigger if exists finding_rollup_delete on "finding";`);
    this.addSql(`drop trigger if exists finding_rollup_truncate on "finding";`);
    this.addSql(`drop function if exists finding_rollup_on_insert();`);
    this.addSql(`drop function if exists finding_rollup_on_update();`);
    this.addSql(`drop function if exists finding_rollup_on_delete();`);
    this.addSql(`drop function if exists finding_rollup_on_truncate();`);
    this.addSql(`drop function if exists finding_rollup_compact();`);
    this.addSql(`drop table if exists "finding_rollup" cascade;`);
  }
}
