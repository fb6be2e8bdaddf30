import { Migration } from '@mikro-orm/migrations';

/**
 * 部分整改 as a verifier's conclusion: the task goes back to the unit in progress and its findings show
 * PARTLY (finding_status_of already maps the conclusion, migration rectification_status_derived).
 */
export class Migration20261202134535_partly_conclusion extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "rectification" drop constraint if exists "rectification_conclusion_check";`);

    this.addSql(`alter table "rectification" add constraint "rectification_conclusion_check" check("conclusion" in ('RECTIFIED', 'PARTLY', 'CONTINUING', 'NOT_RECTIFIED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "rectification" set "conclusion" = 'NOT_RECTIFIED' where "conclusion" = 'PARTLY';`);
    this.addSql(`alter table "rectification" drop constraint if exists "rectification_conclusion_check";`);

    this.addSql(`alter table "rectification" add constraint "rectification_conclusion_check" check("conclusion" in ('RECTIFIED', 'CONTINUING', 'NOT_RECTIFIED'));`);
  }

}
