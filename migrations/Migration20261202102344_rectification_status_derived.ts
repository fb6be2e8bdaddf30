import { Migration } from '@mikro-orm/migrations';

/**
 * A finding's rectification status is derived from its task, in the task's own transaction: the
 * triggers below set it whenever a task's state or conclusion changes and whenever findings are linked
 * to or unlinked from a task, so the statistics, the 整改台账 and the yearly report always agree.
 * Findings without a task are PENDING (the demo data had findings "rectified" with no task).
 */
export class Migration20261202102344_rectification_status_derived extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "finding" drop constraint if exists "finding_rectification_status_check";`);

    this.addSql(`alter table "finding" add constraint "finding_rectification_status_check" check("rectification_status" in ('PENDING', 'IN_PROGRESS', 'PARTLY', 'COMPLETED', 'RECTIFIED', 'CONTINUING'));`);

    // 销号 only when closed; 整改完成 (submitted) is not 销号; 部分整改 from a verifier's conclusion
    this.addSql(`create or replace function finding_status_of(state text, conclusion text) returns text
      language sql immutable as $$
        select case
          when state = 'CLOSED' then 'RECTIFIED'
          when state = 'SUBMITTED' then 'COMPLETED'
          when state = 'ASSIGNED' then 'PENDING'
          when conclusion = 'CONTINUING' then 'CONTINUING'
          when conclusion in ('PARTLY', 'PARTLY_RECTIFIED') then 'PARTLY'
          else 'IN_PROGRESS'
        end $$;`);
    this.addSql(`create or replace function rectification_status_on_task() returns trigger language plpgsql as $$
      begin
        update finding f set rectification_status = finding_status_of(t.state, t.conclusion)
          from rectification_finding rf join new_rows t on t.id = rf.rectification_id
         where rf.finding_id = f.id
           and f.rectification_status is distinct from finding_status_of(t.state, t.conclusion);
        return null;
      end $$;`);
    this.addSql(`create or replace function rectification_status_on_link() returns trigger language plpgsql as $$
      begin
        update finding f set rectification_status = finding_status_of(t.state, t.conclusion)
          from new_rows l join rectification t on t.id = l.rectification_id
         where l.finding_id = f.id
           and f.rectification_status is distinct from finding_status_of(t.state, t.conclusion);
        return null;
      end $$;`);
    this.addSql(`create or replace function rectification_status_on_unlink() returns trigger language plpgsql as $$
      begin
        update finding f set rectification_status = 'PENDING'
          from old_rows l
         where l.finding_id = f.id and f.rectification_status <> 'PENDING'
           and not exists (select 1 from rectification_finding rf where rf.finding_id = f.id);
        return null;
      end $$;`);
    this.addSql(`create trigger rectification_status_task_update after update on "rectification" referencing new table as new_rows for each statement execute function rectification_status_on_task();`);
    this.addSql(`create trigger rectification_status_link after insert on "rectification_finding" referencing new table as new_rows for each statement execute function rectification_status_on_link();`);
    this.addSql(`create trigger rectification_status_unlink after delete on "rectification_finding" referencing old table as old_rows for each statement execute function rectification_status_on_unlink();`);

    // existing data: every finding's status from its task, PENDING without one
    this.addSql(`update finding f set rectification_status = coalesce(
        (select finding_status_of(t.state, t.conclusion) from rectification_finding rf
           join rectification t on t.id = rf.rectification_id where rf.finding_id = f.id), 'PENDING')
      where f.rectification_status is distinct from coalesce(
        (select finding_status_of(t.state, t.conclusion) from rectification_finding rf
           join rectification t on t.id = rf.rectification_id where rf.finding_id = f.id), 'PENDING');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists rectification_status_task_update on "rectification";`);
    this.addSql(`drop trigger if exists rectification_status_link on "rectification_finding";`);
    this.addSql(`drop trigger if exists rectification_status_unlink on "rectification_finding";`);
    this.addSql(`drop function if exists rectification_status_on_task();`);
    this.addSql(`drop function if exists rectification_status_on_link();`);
    this.addSql(`drop function if exists rectification_status_on_unlink();`);
    this.addSql(`drop function if exists finding_status_of(text, text);`);
    this.addSql(`update finding set rectification_status = 'IN_PROGRESS' where rectification_status in ('PARTLY', 'COMPLETED');`);
    this.addSql(`alter table "finding" drop constraint if exists "finding_rectification_status_check";`);

    this.addSql(`alter table "finding" add constraint "finding_rectification_status_check" check("rectification_status" in ('PENDING', 'IN_PROGRESS', 'RECTIFIED', 'CONTINUING'));`);
  }

}
