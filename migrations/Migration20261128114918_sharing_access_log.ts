import { Migration } from '@mikro-orm/migrations';

export class Migration20261128114918_sharing_access_log extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "access_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "reader_org_id" int null, "reader_user" text null, "reader_role" text not null, "operation" text null, "request_id" text not null, "record_type" text not null, "record_id" int not null, "owner_id" int not null, "sensitivity" text not null, "fields" jsonb not null);`);
    this.addSql(`create index "access_log_record_type_record_id_index" on "access_log" ("record_type", "record_id");`);
    this.addSql(`create index "access_log_owner_id_at_index" on "access_log" ("owner_id", "at");`);

    this.addSql(`create table "access_request" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "requester_id" int not null, "owner_id" int not null, "scope" text check ("scope" in ('RECORDS', 'CATEGORY')) not null, "category" text null, "finding_ids" jsonb null, "purpose" text not null, "expires_at" timestamptz not null, "status" text check ("status" in ('PENDING', 'APPROVED', 'REFUSED', 'REVOKED', 'EXPIRED')) not null, "requested_by" text not null, "decided_by" text null, "decided_at" timestamptz null, "reason" text null);`);
    this.addSql(`create index "access_request_owner_id_status_index" on "access_request" ("owner_id", "status");`);
    this.addSql(`create index "access_request_requester_id_status_index" on "access_request" ("requester_id", "status");`);

    this.addSql(`create table "sharing_rule" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "owner_id" int not null, "category" text null, "level" text check ("level" in ('UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED')) not null, "note" text null, "set_by" text not null);`);
    this.addSql(`create unique index "sharing_rule_owner_category_unique" on "sharing_rule" ("owner_id", coalesce("category", ''));`);

    this.addSql(`create table "sharing_event" ("id" serial primary key, "at" timestamptz not null default now(), "actor_id" int not null, "actor_user" text not null, "action" text check ("action" in ('RULE_SET', 'REQUESTED', 'APPROVED', 'REFUSED', 'REVOKED')) not null, "request_id" int null, "rule_id" int null, "payload" jsonb not null);`);
    this.addSql(`create index "sharing_event_request_id_index" on "sharing_event" ("request_id");`);

    this.addSql(`alter table "access_request" add constraint "access_request_requester_id_foreign" foreign key ("requester_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "access_request" add constraint "access_request_owner_id_foreign" foreign key ("owner_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "sharing_rule" add constraint "sharing_rule_owner_id_foreign" foreign key ("owner_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "sharing_event" add constraint "sharing_event_actor_id_foreign" foreign key ("actor_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "sharing_event" add constraint "sharing_event_request_id_foreign" foreign key ("request_id") references "access_request" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "sharing_event" add constraint "sharing_event_rule_id_foreign" foreign key ("rule_id") references "sharing_rule" ("id") on update cascade on delete set null;`);

    // Append-only tables: history and access records can be added to, never changed or removed.
    this.addSql(`create or replace function hub_forbid_change() returns trigger language plpgsql as $$ begin raise exception 'table % is append-only', TG_TABLE_NAME using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(`create trigger access_log_append_only before update or delete on "access_log" for each row execute function hub_forbid_change();`);
    this.addSql(`create trigger sharing_event_append_only before update or delete on "sharing_event" for each row execute function hub_forbid_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists access_log_append_only on "access_log";`);
    this.addSql(`drop trigger if exists sharing_event_append_only on "sharing_event";`);
    this.addSql(`alter table "sharing_event" drop constraint "sharing_event_request_id_foreign";`);

    this.addSql(`alter table "sharing_event" drop constraint "sharing_event_rule_id_foreign";`);

    this.addSql(`drop table if exists "access_log" cascade;`);

    this.addSql(`drop table if exists "access_request" cascade;`);

    this.addSql(`drop table if exists "sharing_rule" cascade;`);

    this.addSql(`drop table if exists "sharing_event" cascade;`);
  }

}
