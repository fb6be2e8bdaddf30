import { Migration } from '@mikro-orm/migrations';

export class Migration20261128113814_init extends Migration {
  override async up(): Promise<void> {
    // trigram index for substring search on Chinese text (no word boundaries to tokenise on)
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(
      `create table "organization" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "kind" text check ("kind" in ('OVERSIGHT_AGENCY', 'BUDGET_UNIT', 'THIRD_PARTY', 'LEADERSHIP', 'HUB_OPERATOR')) not null, "code" varchar(64) not null, "name" text not null, "short_name" text null, "parent_id" int null);`,
    );
    this.addSql(`create index "organization_kind_index" on "organization" ("kind");`);
    this.addSql(`alter table "organization" add constraint "organization_code_unique" unique ("code");`);
    this.addSql(`create index "organization_name_index" on "organization" ("name");`);

    this.addSql(
      `create table "policy" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" varchar(64) not null, "name" text not null, "owner_unit_id" int null, "effective_year" smallint not null);`,
    );
    this.addSql(`alter table "policy" add constraint "policy_code_unique" unique ("code");`);

    this.addSql(
      `create table "project" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "code" varchar(64) not null, "name" text not null, "fund_type" text check ("fund_type" in ('GENERAL_BUDGET', 'GOVERNMENT_FUND', 'STATE_CAPITAL', 'SOCIAL_INSURANCE', 'SPECIAL_BOND')) not null, "budget_amount" numeric(18,2) not null, "owner_unit_id" int not null, "start_year" smallint not null, "end_year" smallint null);`,
    );
    this.addSql(`alter table "project" add constraint "project_code_unique" unique ("code");`);
    this.addSql(`create index "project_fund_type_index" on "project" ("fund_type");`);
    this.addSql(`create index "project_owner_unit_id_index" on "project" ("owner_unit_id");`);

    this.addSql(
      `create table "review" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "source" text check ("source" in ('PERFORMANCE', 'AUDIT', 'REFORM', 'DISCIPLINE')) not null, "agency_id" int not null, "source_ref" varchar(100) not null, "subject_kind" text check ("subject_kind" in ('UNIT', 'PROJECT', 'POLICY')) not null, "unit_id" int not null, "project_id" int null, "policy_id" int null, "evaluator_id" int null, "title" text not null, "review_type" text not null, "fiscal_year" smallint not null, "conclusion" text null, "score" numeric(5,2) null, "grade" text check ("grade" in ('EXCELLENT', 'GOOD', 'FAIR', 'POOR')) null, "indicator_results" jsonb null, "sensitivity" text check ("sensitivity" in ('PUBLIC', 'INTERNAL', 'RESTRICTED', 'SECRET')) not null, "publication_state" text check ("publication_state" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')) not null, "published_at" timestamptz null, "completed_on" date null);`,
    );
    this.addSql(`create index "review_unit_id_index" on "review" ("unit_id");`);
    this.addSql(`create index "review_project_id_index" on "review" ("project_id");`);
    this.addSql(`create index "review_evaluator_id_index" on "review" ("evaluator_id");`);
    this.addSql(`create index "review_source_fiscal_year_index" on "review" ("source", "fiscal_year");`);
    this.addSql(
      `alter table "review" add constraint "review_agency_id_source_ref_unique" unique ("agency_id", "source_ref");`,
    );

    this.addSql(
      `create table "finding" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "source" text check ("source" in ('PERFORMANCE', 'AUDIT', 'REFORM', 'DISCIPLINE')) not null, "agency_id" int not null, "source_ref" varchar(100) not null, "review_id" int null, "unit_id" int not null, "project_id" int null, "policy_id" int null, "fiscal_year" smallint not null, "category" text not null, "severity" text check ("severity" in ('MINOR', 'MODERATE', 'SERIOUS')) not null, "title" text not null, "description" text not null, "amount_involved" numeric(18,2) null, "amount_disclosed" boolean not null default false, "sensitivity" text check ("sensitivity" in ('PUBLIC', 'INTERNAL', 'RESTRICTED', 'SECRET')) not null, "publication_state" text check ("publication_state" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN')) not null, "rectification_status" text check ("rectification_status" in ('PENDING', 'IN_PROGRESS', 'RECTIFIED', 'CONTINUING')) not null, "published_at" timestamptz null, "responsible_person" text null, "responsible_phone" text null, "indicator_name" text null, "score_deducted" numeric(5,2) null, "legal_basis" text null, "audit_opinion" text null, "inspection_item" text null, "approval_ref" text null, "clue_source" text null, "persons_involved" jsonb null, "case_stage" text null, "persons_held_accountable" smallint null);`,
    );
    this.addSql(`create index "finding_review_id_index" on "finding" ("review_id");`);
    this.addSql(`create index "finding_project_id_index" on "finding" ("project_id");`);
    this.addSql(`create index "finding_category_index" on "finding" ("category");`);
    this.addSql(`create index "finding_amount_involved_index" on "finding" ("amount_involved");`);
    this.addSql(`create index "finding_rectification_status_index" on "finding" ("rectification_status");`);
    this.addSql(
      `create index "finding_text_trgm_index" on "finding" using gin (("title" || ' ' || "description") gin_trgm_ops);`,
    );
    this.addSql(`create index "finding_unit_id_fiscal_year_index" on "finding" ("unit_id", "fiscal_year");`);
    this.addSql(`create index "finding_fiscal_year_source_index" on "finding" ("fiscal_year", "source");`);
    this.addSql(
      `alter table "finding" add constraint "finding_agency_id_source_ref_unique" unique ("agency_id", "source_ref");`,
    );

    this.addSql(
      `alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "policy" add constraint "policy_owner_unit_id_foreign" foreign key ("owner_unit_id") references "organization" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "project" add constraint "project_owner_unit_id_foreign" foreign key ("owner_unit_id") references "organization" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "review" add constraint "review_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_policy_id_foreign" foreign key ("policy_id") references "policy" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "review" add constraint "review_evaluator_id_foreign" foreign key ("evaluator_id") references "organization" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "finding" add constraint "finding_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_review_id_foreign" foreign key ("review_id") references "review" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "finding" add constraint "finding_policy_id_foreign" foreign key ("policy_id") references "policy" ("id") on update cascade on delete set null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organization" drop constraint "organization_parent_id_foreign";`);

    this.addSql(`alter table "policy" drop constraint "policy_owner_unit_id_foreign";`);

    this.addSql(`alter table "project" drop constraint "project_owner_unit_id_foreign";`);

    this.addSql(`alter table "review" drop constraint "review_agency_id_foreign";`);

    this.addSql(`alter table "review" drop constraint "review_unit_id_foreign";`);

    this.addSql(`alter table "review" drop constraint "review_evaluator_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_agency_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_unit_id_foreign";`);

    this.addSql(`alter table "review" drop constraint "review_policy_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_policy_id_foreign";`);

    this.addSql(`alter table "review" drop constraint "review_project_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_project_id_foreign";`);

    this.addSql(`alter table "finding" drop constraint "finding_review_id_foreign";`);

    this.addSql(`drop table if exists "organization" cascade;`);

    this.addSql(`drop table if exists "policy" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "review" cascade;`);

    this.addSql(`drop table if exists "finding" cascade;`);
  }
}
