import { Migration } from '@mikro-orm/migrations';

export class Migration20261128122206_rectification extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "rectification" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "unit_id" int not null, "lead_id" int not null, "kind" text check ("kind" in ('IMMEDIATE', 'DEADLINE', 'LONG_TERM')) not null, "measures" text not null, "deadline" date not null, "next_milestone" date null, "state" text check ("state" in ('ASSIGNED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'CLOSED')) not null, "submission_no" int not null default 0, "conclusion" text check ("conclusion" in ('RECTIFIED', 'CONTINUING', 'NOT_RECTIFIED')) null, "extension_requested" date null, "closed_at" timestamptz null);`);
    this.addSql(`create index "rectification_lead_id_index" on "rectification" ("lead_id");`);
    this.addSql(`create index "rectification_state_deadline_index" on "rectification" ("state", "deadline");`);
    this.addSql(`create index "rectification_unit_id_state_index" on "rectification" ("unit_id", "state");`);

    this.addSql(`create table "rectification_event" ("id" serial primary key, "rectification_id" int not null, "at" timestamptz not null default now(), "type" text not null, "actor_id" int not null, "actor_user" text not null, "version" int not null, "payload" jsonb not null);`);
    this.addSql(`create index "rectification_event_rectification_id_id_index" on "rectification_event" ("rectification_id", "id");`);

    this.addSql(`create table "rectification_supervisor" ("rectification_id" int not null, "agency_id" int not null, constraint "rectification_supervisor_pkey" primary key ("rectification_id", "agency_id"));`);
    this.addSql(`create index "rectification_supervisor_agency_id_index" on "rectification_supervisor" ("agency_id");`);

    this.addSql(`create table "rectification_finding" ("rectification_id" int not null, "finding_id" int not null, constraint "rectification_finding_pkey" primary key ("rectification_id", "finding_id"));`);
    this.addSql(`alter table "rectification_finding" add constraint "rectification_finding_finding_id_unique" unique ("finding_id");`);

    this.addSql(`alter table "rectification" add constraint "rectification_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "rectification" add constraint "rectification_lead_id_foreign" foreign key ("lead_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "rectification_event" add constraint "rectification_event_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade;`);
    this.addSql(`alter table "rectification_event" add constraint "rectification_event_actor_id_foreign" foreign key ("actor_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "rectification_supervisor" add constraint "rectification_supervisor_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade;`);
    this.addSql(`alter table "rectification_supervisor" add constraint "rectification_supervisor_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "rectification_finding" add constraint "rectification_finding_rectification_id_foreign" foreign key ("rectification_id") references "rectification" ("id") on update cascade;`);
    this.addSql(`alter table "rectification_finding" add constraint "rectification_finding_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade;`);

    // the timeline is append-only: nothing is ever updated in place
    this.addSql(`create trigger rectification_event_append_only before update or delete on "rectification_event" for each row execute function hub_forbid_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists rectification_event_append_only on "rectification_event";`);
    this.addSql(`alter table "rectification_event" drop constraint "rectification_event_rectification_id_foreign";`);

    this.addSql(`alter table "rectification_supervisor" drop constraint "rectification_supervisor_rectification_id_foreign";`);

    this.addSql(`alter table "rectification_finding" drop constraint "rectification_finding_rectification_id_foreign";`);

    this.addSql(`drop table if exists "rectification" cascade;`);

    this.addSql(`drop table if exists "rectification_event" cascade;`);

    this.addSql(`drop table if exists "rectification_supervisor" cascade;`);

    this.addSql(`drop table if exists "rectification_finding" cascade;`);
  }

}
