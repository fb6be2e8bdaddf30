import { Migration } from '@mikro-orm/migrations';

export class Migration20261128120518_finding_source_id_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "finding_source_id_index" on "finding" ("source", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "finding_source_id_index";`);
  }

}
