import { Migration } from '@mikro-orm/migrations';

/**
 * The durable record (src/db/append-only.ts): evidence submissions join the append-only tables, and
 * every append-only table also refuses TRUNCATE (row triggers do not fire for it).
 */
const TABLES = [
  'access_log',
  'sharing_event',
  'finding_revision',
  'change_event',
  'rectification_event',
  'finding_group_event',
  'evidence',
];

export class Migration20261202103500_append_only_record extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function hub_forbid_change() returns trigger language plpgsql as $$ begin raise exception 'table % is append-only', TG_TABLE_NAME using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(`create trigger evidence_append_only before update or delete on "evidence" for each row execute function hub_forbid_change();`);
    for (const t of TABLES) {
      this.addSql(`create trigger ${t}_no_truncate before truncate on "${t}" for each statement execute function hub_forbid_change();`);
    }
  }

  override async down(): Promise<void> {
    for (const t of TABLES) this.addSql(`drop trigger if exists ${t}_no_truncate on "${t}";`);
    this.addSql(`drop trigger if exists evidence_append_only on "evidence";`);
  }

}
