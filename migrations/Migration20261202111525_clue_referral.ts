import { Migration } from '@mikro-orm/migrations';

export class Migration20261202111525_clue_referral extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "clue_referral" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "referrer_id" int not null, "commission_id" int not null, "document_number" text not null, "referred_on" date not null, "facts" text not null, "status" text check ("status" in ('REFERRED', 'ACCEPTED', 'PRELIMINARY_VERIFICATION', 'CASE_OPENED', 'CONCLUDED', 'TRANSFERRED_TO_JUDICIARY', 'NOT_ACCEPTED')) not null, "feedback" text null, "status_updated_at" timestamptz null, "handling_notes" text null, "referred_by_user" text not null);`);
    this.addSql(`create index "clue_referral_referrer_id_index" on "clue_referral" ("referrer_id");`);
    this.addSql(`create index "clue_referral_commission_id_index" on "clue_referral" ("commission_id");`);
    this.addSql(`create index "clue_referral_status_index" on "clue_referral" ("status");`);
    this.addSql(`alter table "clue_referral" add constraint "clue_referral_referrer_id_document_number_unique" unique ("referrer_id", "document_number");`);

    this.addSql(`create table "clue_referral_finding" ("referral_id" int not null, "finding_id" int not null, constraint "clue_referral_finding_pkey" primary key ("referral_id", "finding_id"));`);
    this.addSql(`create index "clue_referral_finding_finding_id_index" on "clue_referral_finding" ("finding_id");`);

    this.addSql(`alter table "clue_referral" add constraint "clue_referral_referrer_id_foreign" foreign key ("referrer_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "clue_referral" add constraint "clue_referral_commission_id_foreign" foreign key ("commission_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "clue_referral_finding" add constraint "clue_referral_finding_referral_id_foreign" foreign key ("referral_id") references "clue_referral" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "clue_referral_finding" add constraint "clue_referral_finding_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "clue_referral_finding" drop constraint "clue_referral_finding_referral_id_foreign";`);

    this.addSql(`drop table if exists "clue_referral" cascade;`);

    this.addSql(`drop table if exists "clue_referral_finding" cascade;`);
  }

}
