import { Migration } from '@mikro-orm/migrations';

export class Migration20261202090417_read_path_indexes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index "finding_review_id_index";`);

    this.addSql(`create index "finding_year_severity_amount_index" on "finding" ("fiscal_year", "severity", "amount_involved") include ("agency_id", "source", "category", "sensitivity", "publication_state", "amount_disclosed");`);
    this.addSql(`create index "finding_review_id_covering_index" on "finding" ("review_id") include ("agency_id", "source", "category", "fiscal_year", "sensitivity", "publication_state", "amount_disclosed", "amount_involved");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "finding_year_severity_amount_index";`);
    this.addSql(`drop index "finding_review_id_covering_index";`);

    this.addSql(`create index "finding_review_id_index" on "finding" ("review_id");`);
  }

}
