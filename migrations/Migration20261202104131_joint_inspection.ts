import { Migration } from '@mikro-orm/migrations';

export class Migration20261202104131_joint_inspection extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "inspection_plan" add column "joint_lead_id" int null, add column "joint_at" timestamptz null;`);
    this.addSql(`alter table "inspection_plan" add constraint "inspection_plan_joint_lead_id_foreign" foreign key ("joint_lead_id") references "inspection_plan" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inspection_plan" drop constraint "inspection_plan_joint_lead_id_foreign";`);

    this.addSql(`alter table "inspection_plan" drop column "joint_lead_id", drop column "joint_at";`);
  }

}
