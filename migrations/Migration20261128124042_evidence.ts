import { Migration } from '@mikro-orm/migrations';

export class Migration20261128124042_evidence extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "evidence" ("id" serial primary key, "rectification_id" int not null, "sha256" varchar(64) not null, "file_name" text not null, "content_type" text not null, "size" bigint not null, "uploaded_by_id" int not null, "uploaded_by_user" text not null, "at" timestamptz not null default now());`);
    this.addSql(`create index "evidence_rectification_id_index" on "evidence" ("rectification_id");`);

    this.addSql(`alter table "evidence" add constraint "evidence_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade;`);
    this.addSql(`alter table "evidence" add constraint "evidence_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "organization" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "evidence" cascade;`);
  }

}
