import { Migration } from '@mikro-orm/migrations';

export class Migration20261202085551_finding_groups extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "finding_group" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "unit_id" int not null, "created_by_id" int not null, "created_by_user" text not null, "dissolved_at" timestamptz null);`);
    this.addSql(`create index "finding_group_unit_id_index" on "finding_group" ("unit_id");`);

    this.addSql(`create table "finding_group_event" ("id" serial primary key, "group_id" int not null, "at" timestamptz not null default now(), "type" text not null, "finding_id" int null, "actor_id" int not null, "actor_user" text not null, "reason" text not null);`);
    this.addSql(`create index "finding_group_event_group_id_id_index" on "finding_group_event" ("group_id", "id");`);

    this.addSql(`create table "finding_group_member" ("finding_id" int not null, "group_id" int not null, "is_primary" boolean not null default false, "linked_by_id" int not null, "linked_by_user" text not null, "reason" text not null, "linked_at" timestamptz not null default now(), constraint "finding_group_member_pkey" primary key ("finding_id"));`);
    this.addSql(`create index "finding_group_member_group_id_index" on "finding_group_member" ("group_id");`);
    this.addSql(`create unique index "finding_group_member_primary_unique" on "finding_group_member" ("group_id") where "is_primary";`);

    this.addSql(`alter table "finding_group" add constraint "finding_group_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "finding_group" add constraint "finding_group_created_by_id_foreign" foreign key ("created_by_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "finding_group_event" add constraint "finding_group_event_group_id_foreign" foreign key ("group_id") references "finding_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "finding_group_event" add constraint "finding_group_event_actor_id_foreign" foreign key ("actor_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "finding_group_member" add constraint "finding_group_member_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "finding_group_member" add constraint "finding_group_member_group_id_foreign" foreign key ("group_id") references "finding_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "finding_group_member" add constraint "finding_group_member_linked_by_id_foreign" foreign key ("linked_by_id") references "organization" ("id") on update cascade;`);

    // the group history is append-only: nothing is ever updated in place
    this.addSql(`create trigger finding_group_event_append_only before update or delete on "finding_group_event" for each row execute function hub_forbid_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists finding_group_event_append_only on "finding_group_event";`);
    this.addSql(`alter table "finding_group_event" drop constraint "finding_group_event_group_id_foreign";`);

    this.addSql(`alter table "finding_group_member" drop constraint "finding_group_member_group_id_foreign";`);

    this.addSql(`drop table if exists "finding_group" cascade;`);

    this.addSql(`drop table if exists "finding_group_event" cascade;`);

    this.addSql(`drop table if exists "finding_group_member" cascade;`);
  }

}
