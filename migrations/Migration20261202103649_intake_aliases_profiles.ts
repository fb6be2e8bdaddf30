import { Migration } from '@mikro-orm/migrations';

export class Migration20261202103649_intake_aliases_profiles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "import_profile" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "agency_id" int not null, "name" text not null, "columns" jsonb not null, "amount_unit" text null, "default_category" text null, "document_number" text null, "updated_by_user" text not null);`);
    this.addSql(`alter table "import_profile" add constraint "import_profile_agency_id_name_unique" unique ("agency_id", "name");`);

    this.addSql(`create table "organization_alias" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "organization_id" int not null, "alias" text not null, "alias_key" text not null, "created_by_id" int not null, "created_by_user" text not null);`);
    this.addSql(`create index "organization_alias_organization_id_index" on "organization_alias" ("organization_id");`);
    this.addSql(`alter table "organization_alias" add constraint "organization_alias_alias_key_unique" unique ("alias_key");`);

    this.addSql(`alter table "import_profile" add constraint "import_profile_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organization_alias" add constraint "organization_alias_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "organization_alias" add constraint "organization_alias_created_by_id_foreign" foreign key ("created_by_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "organization" add column "credit_code" varchar(18) null;`);
    this.addSql(`alter table "organization" add constraint "organization_credit_code_unique" unique ("credit_code");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_profile" cascade;`);

    this.addSql(`drop table if exists "organization_alias" cascade;`);

    this.addSql(`alter table "organization" drop constraint "organization_credit_code_unique";`);
    this.addSql(`alter table "organization" drop column "credit_code";`);
  }

}
