import { Migration } from '@mikro-orm/migrations';

/**
 * 提级督办 no longer makes the body escalated to a co-signer of the closing (issue 12). Escalations
 * recorded before added the target — until now usually the discipline commission — to the task's
 * supervisors; those rows go. Only a target that was not the lead and that joined through the
 * escalation is removed: a supervisor whose approval is already on the timeline (APPROVED or RETURNED) or who
 * acted on the task before the escalation was a supervisor of its own and stays. (APPROVED/RETURNED are a supervisor's verdicts.) The ESCALATED
 * events themselves stay as they happened (the timeline is append-only).
 */
export class Migration20261202110500_escalation_not_cosigner extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      delete from "rectification_supervisor" s
      using "rectification_event" e, "rectification" r
      where e."rectification_id" = s."rectification_id"
        and e."type" = 'ESCALATED'
        and (e."payload"->>'to')::int = s."agency_id"
        and r."id" = s."rectification_id"
        and r."lead_id" <> s."agency_id"
        and not exists (
          select 1 from "rectification_event" b
          where b."rectification_id" = s."rectification_id"
            and b."actor_id" = s."agency_id"
            and b."id" < e."id"
        )
        and not exists (
          select 1 from "rectification_event" v
          where v."rectification_id" = s."rectification_id"
            and v."actor_id" = s."agency_id"
            and v."type" in ('APPROVED', 'RETURNED')
        );`);
  }

  override async down(): Promise<void> {
    // the removed co-signers are not restored: they were never meant to sign
  }
}
