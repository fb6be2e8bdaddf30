import { Migration } from '@mikro-orm/migrations';

/**
 * Project aliases (项目别称): names agencies' ledgers write for a project, registered like a unit's
 * alias; one key names one project within its unit.
 */
export class Migration20261202142602_project_alias extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "project_alias" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "project_id" int not null, "unit_id" int not null, "alias" text not null, "alias_key" text not null, "created_by_id" int not null, "created_by_user" text not null);`);
    this.addSql(`create index "project_alias_project_id_index" on "project_alias" ("project_id");`);
    this.addSql(`alter table "project_alias" add constraint "project_alias_unit_id_alias_key_unique" unique ("unit_id", "alias_key");`);

    this.addSql(`alter table "project_alias" add constraint "project_alias_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project_alias" add constraint "project_alias_created_by_id_foreign" foreign key ("created_by_id") references "organization" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "project_alias" cascade;`);
  }

}
