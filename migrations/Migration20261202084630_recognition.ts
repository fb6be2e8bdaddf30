import { Migration } from '@mikro-orm/migrations';

export class Migration20261202084630_recognition extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "recognition" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "agency_id" int not null, "agency_source" text check ("agency_source" in ('PERFORMANCE', 'AUDIT', 'REFORM', 'DISCIPLINE')) not null, "target_key" text not null, "review_id" int null, "finding_id" int null, "target_agency_id" int not null, "decision" text check ("decision" in ('RECOGNISED', 'PARTLY_RECOGNISED', 'NOT_RECOGNISED')) not null, "scope" jsonb null, "scope_finding_ids" jsonb null, "reason" text null, "document_ref" text not null, "valid_from" date null, "valid_until" date null, "status" text check ("status" in ('CURRENT', 'SUPERSEDED', 'WITHDRAWN')) not null, "supersedes_id" int null, "decided_by" text not null, "ended_at" timestamptz null, "withdraw_reason" text null);`);
    this.addSql(`create index "recognition_review_id_index" on "recognition" ("review_id");`);
    this.addSql(`create index "recognition_finding_id_index" on "recognition" ("finding_id");`);
    this.addSql(`create index "recognition_target_key_agency_id_index" on "recognition" ("target_key", "agency_id");`);
    this.addSql(`create index "recognition_agency_id_id_index" on "recognition" ("agency_id", "id");`);
    this.addSql(`create index "recognition_target_agency_id_id_index" on "recognition" ("target_agency_id", "id");`);
    this.addSql(`create unique index "recognition_current_unique" on "recognition" ("agency_id", "target_key") where "status" = 'CURRENT';`);

    this.addSql(`create table "consultation" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "recognition_id" int not null, "recognising_agency_id" int not null, "author_agency_id" int not null, "opened_by_id" int not null, "question" text not null, "recognising_position" text null, "author_position" text null, "state" text check ("state" in ('OPEN', 'ANSWERED', 'ESCALATED', 'CONCLUDED')) not null, "escalated_to_id" int null, "escalation_reason" text null, "escalated_at" timestamptz null, "outcome" text null, "concluded_by_id" int null, "concluded_at" timestamptz null, "log" jsonb not null);`);
    this.addSql(`create index "consultation_recognition_id_index" on "consultation" ("recognition_id");`);
    this.addSql(`create unique index "consultation_unconcluded_unique" on "consultation" ("recognition_id") where "state" <> 'CONCLUDED';`);

    this.addSql(`alter table "recognition" add constraint "recognition_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "recognition" add constraint "recognition_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "recognition" add constraint "recognition_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "recognition" add constraint "recognition_target_agency_id_foreign" foreign key ("target_agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "recognition" add constraint "recognition_supersedes_id_foreign" foreign key ("supersedes_id") references "recognition" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "consultation" add constraint "consultation_recognition_id_foreign" foreign key ("recognition_id") references "recognition" ("id") on update cascade;`);
    this.addSql(`alter table "consultation" add constraint "consultation_recognising_agency_id_foreign" foreign key ("recognising_agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "consultation" add constraint "consultation_author_agency_id_foreign" foreign key ("author_agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "consultation" add constraint "consultation_opened_by_id_foreign" foreign key ("opened_by_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "consultation" add constraint "consultation_escalated_to_id_foreign" foreign key ("escalated_to_id") references "organization" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "consultation" add constraint "consultation_concluded_by_id_foreign" foreign key ("concluded_by_id") references "organization" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "recognition" drop constraint "recognition_supersedes_id_foreign";`);

    this.addSql(`alter table "consultation" drop constraint "consultation_recognition_id_foreign";`);

    this.addSql(`drop table if exists "recognition" cascade;`);

    this.addSql(`drop table if exists "consultation" cascade;`);
  }

}
