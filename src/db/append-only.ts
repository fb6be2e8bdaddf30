/**
 * The durable record: tables that only ever grow. The database itself refuses UPDATE, DELETE and
 * TRUNCATE on them (triggers calling hub_forbid_change(), see the migrations), whoever connects —
 * the hub, a script, an operator's psql session without superuser-only session settings.
 *
 * Every table of the schema is listed here as either append-only or mutable (with the reason), and
 * test/append-only.test.ts fails when a table is in neither list or an append-only table lacks its
 * triggers: a table a later migration adds cannot silently miss the protection. A new append-only
 * table gets the triggers in its own migration:
 *
 *   create trigger <t>_append_only before update or delete on "<t>" for each row execute function hub_forbid_change();
 *   create trigger <t>_no_truncate before truncate on "<t>" for each statement execute function hub_forbid_change();
 */
import type { Knex } from 'knex';

export const APPEND_ONLY_TABLES = [
  /** 查询留痕: who read which sensitive record and fields. */
  'access_log',
  /** Sharing rules granted, changed, revoked; access requests decided. */
  'sharing_event',
  /** Every published version of a finding (history). */
  'finding_revision',
  /** The change feed subscribers catch up from. */
  'change_event',
  /** The rectification timeline (整改过程记录). */
  'rectification_event',
  /** Same-problem group links and unlinks. */
  'finding_group_event',
  /** Evidence submitted for a rectification task: what was handed in, by whom, when. */
  'evidence',
  /** What finance did about a monitoring warning (提醒、约谈、暂缓拨付、调整预算), with the warning as it was. */
  'monitoring_action',
  /** The findings a clue referral concerns. */
  'clue_referral_finding',
] as const;

/** Tables whose rows change in place, and why that is not a loss of record. */
export const MUTABLE_TABLES: Record<string, string> = {
  mikro_orm_migrations: 'the migration runner’s own bookkeeping',
  organization: 'reference data (names, kinds)',
  project: 'reference data',
  policy: 'reference data',
  review: 'publication state and version; every change is in finding_revision / change_event',
  finding: 'the current version; every version is kept in finding_revision',
  finding_rollup: 'a derived cache of finding counts, rebuilt from finding',
  stats_rollup: 'a derived cache of the statistics’ finding figures, rebuilt from finding',
  stats_rollup_units: 'a derived cache of the units each statistics key concerns, rebuilt from finding',
  stats_task_link: 'a derived copy of task links with their task and finding columns, rebuilt from them',
  stats_data_change:
    'the statistics’ data version: a row per writing transaction, folded by stats_data_compact()',
  access_request: 'status of a request; every decision is in sharing_event',
  sharing_rule: 'the rule in force; every change is in sharing_event',
  rectification: 'the task state; every transition is in rectification_event',
  rectification_finding: 'links of a task to its findings',
  rectification_supervisor: 'sign-off state per supervising agency; every sign-off is in rectification_event',
  recognition: 'status (superseded, withdrawn) of a register entry; superseding keeps the old row',
  consultation: 'the state of a consultation and its steps',
  finding_group: 'the group as it is now; every link and unlink is in finding_group_event',
  finding_group_member: 'current members; every link and unlink is in finding_group_event',
  inspection_plan: 'a plan entry as registered and revised',
  evidence_blob: 'evidence bytes by content; the sweep removes contents no evidence row refers to',
  // issue 12
  clue_referral:
    'the commission’s status, feedback and notes change; the referral itself (referrer, commission, document, ' +
    'date, facts, user) is kept for good by the hub_referral_guard trigger, which also refuses DELETE and TRUNCATE',
  organization_alias: 'reference data: the names an agency registered for a unit',
  project_alias: 'reference data: the names an agency registered for a project',
  import_profile: 'an agency’s saved column mapping, replaced when it saves it again',
  // issue 13
  performance_target_set:
    'a draft is edited by its unit; an approved version is never edited (a new version is a new row)',
  pre_assessment: 'a pre-assessment as recorded by finance',
  monitoring_record: 'figures as of a date; entering the same date again replaces them',
  self_evaluation: 'a unit’s draft self-evaluation until it submits it',
  spot_check: 'a drawn sample and its state',
  spot_check_item: 'a sampled project and finance’s re-score',
  application_rule_set: 'a rule-set version and whether it is in force; a new version is a new row',
  budget_decision: 'the decision in force for a project and budget year, at its version',
};

export interface AppendOnlyAudit {
  /** Tables of the schema in neither list. */
  unclassified: string[];
  /** Append-only tables without a row trigger for UPDATE and DELETE, or without a TRUNCATE trigger. */
  unprotected: string[];
  /** Listed tables that do not exist. */
  missing: string[];
}

/** Compares the schema's tables and their triggers with the two lists. */
export async function auditAppendOnly(knex: Knex): Promise<AppendOnlyAudit> {
  const r = (await knex.raw(`
    select c.relname as table,
           bool_or(t.tgtype & 1 = 1 and t.tgtype & 8 = 8 and t.tgtype & 16 = 16) as row_update_delete,
           bool_or(t.tgtype & 1 = 0 and t.tgtype & 32 = 32) as truncate
      from pg_class c
      left join pg_trigger t on t.tgrelid = c.oid and not t.tgisinternal
       and t.tgfoid = 'hub_forbid_change'::regproc and t.tgenabled <> 'D'
     where c.relkind in ('r', 'p') and c.relnamespace = current_schema()::regnamespace
     group by c.relname`)) as {
    rows: { table: string; row_update_delete: boolean | null; truncate: boolean | null }[];
  };
  const tables = new Map(r.rows.map((x) => [x.table, x]));
  const appendOnly = new Set<string>(APPEND_ONLY_TABLES);
  return {
    unclassified: [...tables.keys()].filter((t) => !appendOnly.has(t) && !(t in MUTABLE_TABLES)).sort(),
    unprotected: APPEND_ONLY_TABLES.filter((t) => {
      const x = tables.get(t);
      return x && !(x.row_update_delete && x.truncate);
    }),
    missing: [...APPEND_ONLY_TABLES, ...Object.keys(MUTABLE_TABLES)].filter((t) => !tables.has(t)),
  };
}
