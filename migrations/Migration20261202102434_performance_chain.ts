import { Migration } from '@mikro-orm/migrations';

export class Migration20261202102434_performance_chain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "application_rule_set" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "rule_version" int not null, "rules" jsonb not null, "note" text not null, "published_by" text not null);`);
    this.addSql(`alter table "application_rule_set" add constraint "application_rule_set_rule_version_unique" unique ("rule_version");`);

    this.addSql(`create table "pre_assessment" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "agency_id" int not null, "unit_id" int not null, "project_id" int null, "subject_name" text not null, "budget_year" smallint not null, "requested_amount" numeric(18,2) not null, "conclusion" text check ("conclusion" in ('SUPPORT', 'SUPPORT_AFTER_ADJUSTMENT', 'NOT_SUPPORTED')) not null, "reasons" text not null, "document_ref" text null, "assessed_by" text not null);`);
    this.addSql(`create index "pre_assessment_budget_year_unit_id_index" on "pre_assessment" ("budget_year", "unit_id");`);

    this.addSql(`create table "performance_target_set" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "subject_key" text not null, "unit_id" int not null, "project_id" int null, "budget_year" smallint not null, "set_version" int not null, "state" text check ("state" in ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'SUPERSEDED')) not null, "goal" text not null, "indicators" jsonb not null, "adjust_reason" text null, "return_reason" text null, "previous_id" int null, "drafted_by" text not null, "reviewed_by" text null, "reviewed_at" timestamptz null);`);
    this.addSql(`create index "performance_target_set_project_id_index" on "performance_target_set" ("project_id");`);
    this.addSql(`create index "performance_target_set_unit_id_budget_year_index" on "performance_target_set" ("unit_id", "budget_year");`);
    this.addSql(`create unique index "performance_target_set_approved_unique" on "performance_target_set" ("subject_key", "budget_year") where "state" = 'APPROVED';`);
    this.addSql(`alter table "performance_target_set" add constraint "performance_target_set_subject_key_budget_year_se_fa1ce_unique" unique ("subject_key", "budget_year", "set_version");`);

    this.addSql(`create table "monitoring_record" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "project_id" int not null, "unit_id" int not null, "budget_year" smallint not null, "as_of" date not null, "budget_amount" numeric(18,2) not null, "paid_amount" numeric(18,2) not null, "indicator_values" jsonb not null, "entered_by_org_id" int not null, "entered_by" text not null);`);
    this.addSql(`create index "monitoring_record_unit_id_index" on "monitoring_record" ("unit_id");`);
    this.addSql(`alter table "monitoring_record" add constraint "monitoring_record_project_id_budget_year_as_of_unique" unique ("project_id", "budget_year", "as_of");`);

    this.addSql(`create table "monitoring_action" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "project_id" int not null, "budget_year" smallint not null, "action" text check ("action" in ('REMIND', 'INTERVIEW', 'SUSPEND_PAYMENT', 'ADJUST_BUDGET')) not null, "note" text not null, "level" text not null, "reasons" jsonb not null, "agency_id" int not null, "recorded_by" text not null);`);
    this.addSql(`create index "monitoring_action_project_id_budget_year_index" on "monitoring_action" ("project_id", "budget_year");`);

    this.addSql(`create table "budget_decision" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "project_id" int not null, "unit_id" int not null, "budget_year" smallint not null, "result_year" smallint not null, "rule_version" int not null, "proposed_action" text check ("proposed_action" in ('PRIORITY', 'SUPPORT', 'REDUCE', 'CANCEL')) not null, "proposed_amount" numeric(18,2) not null, "action" text check ("action" in ('PRIORITY', 'SUPPORT', 'REDUCE', 'CANCEL')) not null, "amount" numeric(18,2) not null, "reason" text null, "agency_id" int not null, "decided_by" text not null);`);
    this.addSql(`create index "budget_decision_budget_year_unit_id_index" on "budget_decision" ("budget_year", "unit_id");`);
    this.addSql(`alter table "budget_decision" add constraint "budget_decision_project_id_budget_year_unique" unique ("project_id", "budget_year");`);

    this.addSql(`create table "self_evaluation" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "subject_key" text not null, "unit_id" int not null, "project_id" int null, "budget_year" smallint not null, "score" numeric(5,2) not null, "indicator_results" jsonb not null, "summary" text not null, "state" text check ("state" in ('DRAFT', 'SUBMITTED')) not null, "target_set_id" int null, "filed_by" text not null, "submitted_at" timestamptz null);`);
    this.addSql(`create index "self_evaluation_project_id_index" on "self_evaluation" ("project_id");`);
    this.addSql(`create index "self_evaluation_unit_id_budget_year_index" on "self_evaluation" ("unit_id", "budget_year");`);
    this.addSql(`alter table "self_evaluation" add constraint "self_evaluation_subject_key_budget_year_unique" unique ("subject_key", "budget_year");`);

    this.addSql(`create table "spot_check" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "agency_id" int not null, "budget_year" smallint not null, "share_bp" int not null, "seed" int not null, "threshold" numeric(5,2) not null, "drawn_by" text not null);`);
    this.addSql(`create index "spot_check_budget_year_index" on "spot_check" ("budget_year");`);

    this.addSql(`create table "spot_check_item" ("id" serial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "version" int not null default 1, "spot_check_id" int not null, "self_evaluation_id" int not null, "weight_note" text not null, "rescore" numeric(5,2) null, "rescore_review_id" int null, "finding_id" int null, "rescored_by" text null);`);
    this.addSql(`create index "spot_check_item_self_evaluation_id_index" on "spot_check_item" ("self_evaluation_id");`);
    this.addSql(`alter table "spot_check_item" add constraint "spot_check_item_spot_check_id_self_evaluation_id_unique" unique ("spot_check_id", "self_evaluation_id");`);

    this.addSql(`alter table "pre_assessment" add constraint "pre_assessment_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "pre_assessment" add constraint "pre_assessment_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "pre_assessment" add constraint "pre_assessment_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "performance_target_set" add constraint "performance_target_set_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "performance_target_set" add constraint "performance_target_set_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "performance_target_set" add constraint "performance_target_set_previous_id_foreign" foreign key ("previous_id") references "performance_target_set" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "monitoring_record" add constraint "monitoring_record_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "monitoring_record" add constraint "monitoring_record_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "monitoring_record" add constraint "monitoring_record_entered_by_org_id_foreign" foreign key ("entered_by_org_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "monitoring_action" add constraint "monitoring_action_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "monitoring_action" add constraint "monitoring_action_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "budget_decision" add constraint "budget_decision_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "budget_decision" add constraint "budget_decision_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "budget_decision" add constraint "budget_decision_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "self_evaluation" add constraint "self_evaluation_unit_id_foreign" foreign key ("unit_id") references "organization" ("id") on update cascade;`);
    this.addSql(`alter table "self_evaluation" add constraint "self_evaluation_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "self_evaluation" add constraint "self_evaluation_target_set_id_foreign" foreign key ("target_set_id") references "performance_target_set" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "spot_check" add constraint "spot_check_agency_id_foreign" foreign key ("agency_id") references "organization" ("id") on update cascade;`);

    this.addSql(`alter table "spot_check_item" add constraint "spot_check_item_spot_check_id_foreign" foreign key ("spot_check_id") references "spot_check" ("id") on update cascade;`);
    this.addSql(`alter table "spot_check_item" add constraint "spot_check_item_self_evaluation_id_foreign" foreign key ("self_evaluation_id") references "self_evaluation" ("id") on update cascade;`);
    this.addSql(`alter table "spot_check_item" add constraint "spot_check_item_rescore_review_id_foreign" foreign key ("rescore_review_id") references "review" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "spot_check_item" add constraint "spot_check_item_finding_id_foreign" foreign key ("finding_id") references "finding" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "performance_target_set" drop constraint "performance_target_set_previous_id_foreign";`);

    this.addSql(`alter table "self_evaluation" drop constraint "self_evaluation_target_set_id_foreign";`);

    this.addSql(`alter table "spot_check_item" drop constraint "spot_check_item_self_evaluation_id_foreign";`);

    this.addSql(`alter table "spot_check_item" drop constraint "spot_check_item_spot_check_id_foreign";`);

    this.addSql(`drop table if exists "application_rule_set" cascade;`);

    this.addSql(`drop table if exists "pre_assessment" cascade;`);

    this.addSql(`drop table if exists "performance_target_set" cascade;`);

    this.addSql(`drop table if exists "monitoring_record" cascade;`);

    this.addSql(`drop table if exists "monitoring_action" cascade;`);

    this.addSql(`drop table if exists "budget_decision" cascade;`);

    this.addSql(`drop table if exists "self_evaluation" cascade;`);

    this.addSql(`drop table if exists "spot_check" cascade;`);

    this.addSql(`drop table if exists "spot_check_item" cascade;`);
  }

}
