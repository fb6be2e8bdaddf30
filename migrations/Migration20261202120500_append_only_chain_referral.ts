import { Migration } from '@mikro-orm/migrations';

/**
 * The durable record for the tables issues 12 and 13 added (src/db/append-only.ts): finance's
 * monitoring actions and the findings a clue referral concerns only ever grow; a clue referral itself
 * keeps its facts — who referred what, when, under which document — for good, while the discipline
 * commission's status, feedback and notes on it change.
 */
const APPEND_ONLY = ['monitoring_action', 'clue_referral_finding'];

export class Migration20261202120500_append_only_chain_referral extends Migration {

  override async up(): Promise<void> {
    for (const t of APPEND_ONLY) {
      this.addSql(`create trigger ${t}_append_only before update or delete on "${t}" for each row execute function hub_forbid_change();`);
      this.addSql(`create trigger ${t}_no_truncate before truncate on "${t}" for each statement execute function hub_forbid_change();`);
    }
    this.addSql(`create or replace function hub_referral_guard() returns trigger language plpgsql as $$
begin
  if TG_OP = 'DELETE' or TG_OP = 'TRUNCATE' then
    raise exception 'a clue referral is never deleted' using errcode = 'insufficient_privilege';
  end if;
  if (new.referrer_id, new.commission_id, new.document_number, new.referred_on, new.facts, new.referred_by_user, new.created_at)
     is distinct from
     (old.referrer_id, old.commission_id, old.document_number, old.referred_on, old.facts, old.referred_by_user, old.created_at) then
    raise exception 'a clue referral keeps its facts; only the commission''s handling changes' using errcode = 'insufficient_privilege';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger clue_referral_guard before update or delete on "clue_referral" for each row execute function hub_referral_guard();`);
    this.addSql(`create trigger clue_referral_no_truncate before truncate on "clue_referral" for each statement execute function hub_referral_guard();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists clue_referral_no_truncate on "clue_referral";`);
    this.addSql(`drop trigger if exists clue_referral_guard on "clue_referral";`);
    this.addSql(`drop function if exists hub_referral_guard();`);
    for (const t of APPEND_ONLY) {
      this.addSql(`drop trigger if exists ${t}_no_truncate on "${t}";`);
      this.addSql(`drop trigger if exists ${t}_append_only on "${t}";`);
    }
  }

}
