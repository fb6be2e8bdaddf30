import { Migration } from '@mikro-orm/migrations';

export class Migration20261128121001_publishing_history_feed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "finding_revision" ("id" serial primary key, "finding_id" int not null, "version" int not null, "kind" text check ("kind" in ('CREATED', 'UPDATED', 'CORRECTED', 'WITHDRAWN', 'REPUBLISHED')) not null, "at" timestamptz not null default now(), "actor_id" int not null, "actor_user" text not null, "reason" text null, "changes" jsonb not null);`);
    this.addSql(`create index "finding_revision_finding_id_version_index" on "finding_revision" ("finding_id", "version");`);

    this.addSql(`create table "change_event" ("id" bigserial primary key, "tx" bigint not null default ((pg_current_xact_id())::text)::bigint, "at" timestamptz not null default now(), "kind" text check ("kind" in ('FINDING_PUBLISHED', 'FINDING_CHANGED', 'FINDING_WITHDRAWN')) not null, "finding_id" int not null, "version" int not null);`);
    this.addSql(`create index "change_event_finding_id_index" on "change_event" ("finding_id");`);
    this.addSql(`create index "change_event_tx_id_index" on "change_event" ("tx", "id");`);

    this.addSql(`alter table "finding_revision" add constraint "finding_revision_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade;`);
    this.addSql(`alter table "finding_revision" add constraint "finding_revision_actor_id_foreign" foreign key ("actor_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "change_event" add constraint "change_event_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade;`);

    // history and the change feed are append-only, like the access log
    this.addSql(`create trigger finding_revision_append_only before update or delete on "finding_revision" for each row execute function hub_forbid_change();`);
    this.addSql(`create trigger change_event_append_only before update or delete on "change_event" for each row execute function hub_forbid_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists finding_revision_append_only on "finding_revision";`);
    this.addSql(`drop trigger if exists change_event_append_only on "change_event";`);
    this.addSql(`drop table if exists "finding_revision" cascade;`);

    this.addSql(`drop table if exists "change_event" cascade;`);
  }

}
