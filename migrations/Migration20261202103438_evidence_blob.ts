import { Migration } from '@mikro-orm/migrations';

export class Migration20261202103438_evidence_blob extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "evidence_blob" ("sha256" varchar(64) not null, "seq" int not null, "data" bytea not null, "created_at" timestamptz not null default now(), constraint "evidence_blob_pkey" primary key ("sha256", "seq"));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "evidence_blob" cascade;`);
  }

}
