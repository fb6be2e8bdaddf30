import { Migration } from '@mikro-orm/migrations';

export class Migration20261202091607_inspection_plan extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "inspection_plan" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "agency_id" int not null, "agency_source" text check ("agency_source" in ('PERFORMANCE', 'AUDIT', 'REFORM', 'DISCIPLINE')) not null, "plan_year" smallint not null, "subject_key" text not null, "unit_id" int not null, "kind" text check ("kind" in ('AUDIT', 'KEY_PERFORMANCE_EVALUATION', 'INSPECTION', 'SPECIAL_CHECK', 'SUPERVISION')) not null, "scope" text not null, "period_from" smallint not null, "period_to" smallint not null, "months" jsonb not null, "registered_by" text not null);`);
    this.addSql(`create index "inspection_plan_plan_year_subject_key_index" on "inspection_plan" ("plan_year", "subject_key");`);

    this.addSql(`alter table "inspection_plan" add constraint "inspection_plan_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "inspection_plan" add constraint "inspection_plan_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inspection_plan" cascade;`);
  }

}
