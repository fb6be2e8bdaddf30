import { Migration } from '@mikro-orm/migrations';

/**
 * The statistics API's rollups (src/modules/statistics/statistics-rollup.repo.ts), kept current by the
 * database itself like finding_rollup (migration stats_rollup), over the same key: every finding column the
 * permission policy and the rollup-served filters read (agency, source, category, fiscal year, sensitivity,
 * publication state, amount disclosed).
 *
 * - stats_rollup (entity StatsRollup): append-only deltas of the additive finding figures per key — count,
 *   amount, people held accountable, and the count per rectification status. Statement-level AFTER triggers
 *   insert one row per key a statement changes (a status change, e.g. by a task transition, is a -1/+1 on
 *   that key); stats_rollup_compact() folds them. Writers never wait on each other.
 * - stats_rollup_units (entity StatsRollupUnits): per key, the set of responsible units with at least one
 *   finding, as a bitmap of 16,384 bits (bit i = organisation id i; a unit id beyond it sets `overflow`,
 *   and the statistics then answer from `finding`). Distinct counts do not add up, so this one is kept
 *   exact in place: a statement that adds (key, unit) pairs ORs their bits in; one that may remove pairs
 *   locks the keys' rows first (FOR UPDATE, in key order) and then clears a unit's bit only if no finding
 *   of that key and unit is left — checked by a later statement, so under READ COMMITTED it sees every
 *   writer that held the lock before. Statements that change neither unit nor key columns touch nothing.
 * - stats_task_link (entity StatsTaskLink): one row per link of a rectification task to a finding, with the
 *   finding's key columns and what the task figures read of the task (state, dates, unit, money recovered
 *   and rules issued as reported), so the task figures read a few narrow rows instead of the findings,
 *   tasks and events. stats_task_link_refresh(task ids) rewrites a task's rows from those tables; statement
 *   triggers call it for the tasks a statement touches (tasks, links, supervisors, REPORTED events, and
 *   updates of linked findings). Who may see a task is still decided by the policy's SQL at read time.
 */
const KEY = 'agency_id, source, category, fiscal_year, sensitivity, publication_state, amount_disclosed';
const keyOf = (a: string) => KEY.split(', ').map((c) => `${a}.${c}`).join(', ');
const keyEq = (a: string, b: string) =>
  KEY.split(', ')
    .map((c) => `${a}.${c} = ${b}.${c}`)
    .join(' and ');
const FIG = 'n, amount, accountable, pending, in_progress, partly, completed, continuing, rectified';
const figOf = (sign: string) =>
  `${sign}count(*), ${sign}coalesce(sum(amount_involved), 0), ${sign}coalesce(sum(persons_held_accountable), 0), ` +
  ['PENDING', 'IN_PROGRESS', 'PARTLY', 'COMPLETED', 'CONTINUING', 'RECTIFIED']
    .map((s) => `${sign}count(*) filter (where rectification_status = '${s}')`)
    .join(', ');
const rowFig = (sign: string) =>
  `${sign}1, ${sign}coalesce(amount_involved, 0), ${sign}coalesce(persons_held_accountable, 0), ` +
  ['PENDING', 'IN_PROGRESS', 'PARTLY', 'COMPLETED', 'CONTINUING', 'RECTIFIED']
    .map((s) => `${sign}(rectification_status = '${s}')::int`)
    .join(', ');
const FIG_NAMES = FIG.split(', ');
const LINK_COLS = [
  ...KEY.split(', '),
  'task_unit_id',
  'state',
  'kind',
  'conclusion',
  'deadline',
  'next_milestone',
  'closed_at',
  'money',
  'rules',
];

/** OR the bits of the (key, unit) pairs of `pairs` (a SELECT of key columns and unit_id) into the bitmaps. */
const addUnits = (pairs: string) => `
  insert into stats_rollup_units as s (${KEY}, bits, overflow)
  select ${KEY}, bit_or(stats_unit_bit(unit_id)), bool_or(unit_id >= 16384)
  from (${pairs}) p
  group by ${KEY}
  order by ${KEY}
  on conflict (${KEY}) do update set bits = s.bits | excluded.bits, overflow = s.overflow or excluded.overflow;`;

/** Clear the bits of the pairs of `pairs` that no finding has any more (after locking their keys). */
const dropUnits = (pairs: string) => `
  perform 1 from stats_rollup_units s
  where (${keyOf('s')}) in (select ${KEY} from (${pairs}) p)
  order by ${keyOf('s')}
  for update;
  update stats_rollup_units s set bits = s.bits & ~m.mask
  from (
    select ${KEY}, bit_or(stats_unit_bit(unit_id)) as mask
    from (${pairs}) p
    where not exists (select 1 from "finding" f where f.unit_id = p.unit_id and ${keyEq('f', 'p')})
    group by ${KEY}
  ) m
  where ${keyEq('s', 'm')};`;

export class Migration20261202141500_stats_rollup_figures extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "stats_rollup" ("id" bigserial primary key, "agency_id" int not null, "source" text not null, "category" text not null, "fiscal_year" smallint not null, "sensitivity" text not null, "publication_state" text not null, "amount_disclosed" boolean not null, "n" bigint not null, "amount" numeric not null, "accountable" bigint not null, "pending" bigint not null, "in_progress" bigint not null, "partly" bigint not null, "completed" bigint not null, "continuing" bigint not null, "rectified" bigint not null);`,
    );
    this.addSql(
      `create table "stats_rollup_units" ("id" serial primary key, "agency_id" int not null, "source" text not null, "category" text not null, "fiscal_year" smallint not null, "sensitivity" text not null, "publication_state" text not null, "amount_disclosed" boolean not null, "bits" bit(16384) not null, "overflow" boolean not null);`,
    );
    this.addSql(
      `alter table "stats_rollup_units" add constraint "stats_rollup_units_key_unique" unique ("agency_id", "source", "category", "fiscal_year", "sensitivity", "publication_state", "amount_disclosed");`,
    );
    // 2 kB inline and uncompressed: OR-ing a few hundred of them must not decompress each
    this.addSql(`alter table "stats_rollup_units" alter column "bits" set storage plain;`);

    this.addSql(`create function stats_unit_bit(unit int) returns bit(16384) language sql immutable as $$
  select case when unit between 0 and 16383 then set_bit(repeat('0', 16384)::bit(16384), unit, 1)
              else repeat('0', 16384)::bit(16384) end
$$;`);

    this.addSql(`create function stats_rollup_on_insert() returns trigger language plpgsql as $$
begin
  insert into stats_rollup (${KEY}, ${FIG})
  select ${KEY}, ${figOf('')} from new_rows group by ${KEY};
  ${addUnits(`select distinct ${KEY}, unit_id from new_rows`)}
  return null;
end $$;`);
    this.addSql(`create function stats_rollup_on_delete() returns trigger language plpgsql as $$
begin
  insert into stats_rollup (${KEY}, ${FIG})
  select ${KEY}, ${figOf('-')} from old_rows group by ${KEY};
  ${dropUnits(`select distinct ${KEY}, unit_id from old_rows`)}
  return null;
end $$;`);
    this.addSql(`create function stats_rollup_on_update() returns trigger language plpgsql as $$
begin
  insert into stats_rollup (${KEY}, ${FIG})
  select ${KEY}, ${FIG_NAMES.map((c) => `sum(${c})`).join(', ')}
  from (
    select ${KEY}, ${rowFig('')} from new_rows
    union all
    select ${KEY}, ${rowFig('-')} from old_rows
  ) d (${KEY}, ${FIG})
  group by ${KEY}
  having ${FIG_NAMES.map((c) => `sum(${c}) <> 0`).join(' or ')};
  ${addUnits(`select ${KEY}, unit_id from new_rows except select ${KEY}, unit_id from old_rows`)}
  ${dropUnits(`select ${KEY}, unit_id from old_rows except select ${KEY}, unit_id from new_rows`)}
  return null;
end $$;`);
    this.addSql(`create function stats_rollup_on_truncate() returns trigger language plpgsql as $$
begin
  delete from stats_rollup;
  delete from stats_rollup_units;
  return null;
end $$;`);
    this.addSql(`create function stats_rollup_compact() returns int language plpgsql as $$
declare
  kept int;
begin
  if not pg_try_advisory_xact_lock(7202612021415) then
    return null;
  end if;
  with gone as (
    delete from stats_rollup returning ${KEY}, ${FIG}
  ), folded as (
    insert into stats_rollup (${KEY}, ${FIG})
    select ${KEY}, ${FIG_NAMES.map((c) => `sum(${c})`).join(', ')}
    from gone
    group by ${KEY}
    having ${FIG_NAMES.map((c) => `sum(${c}) <> 0`).join(' or ')}
    returning 1
  )
  select count(*) into kept from folded;
  return kept;
end $$;`);

    for (const [name, ev, ref] of [
      ['insert', 'insert', 'referencing new table as new_rows'],
      ['update', 'update', 'referencing old table as old_rows new table as new_rows'],
      ['delete', 'delete', 'referencing old table as old_rows'],
    ] as const) {
      this.addSql(
        `create trigger stats_rollup_${name} after ${ev} on "finding" ${ref} for each statement execute function stats_rollup_on_${name}();`,
      );
    }
    this.addSql(
      `create trigger stats_rollup_truncate after truncate on "finding" for each statement execute function stats_rollup_on_truncate();`,
    );

    this.addSql(`insert into stats_rollup (${KEY}, ${FIG})
select ${KEY}, ${figOf('')} from "finding" group by ${KEY};`);
    this.addSql(`insert into stats_rollup_units (${KEY}, bits, overflow)
select ${KEY}, bit_or(stats_unit_bit(unit_id)), bool_or(unit_id >= 16384) from "finding" group by ${KEY};`);

    this.addSql(
      `create table "stats_task_link" ("task_id" int not null, "finding_id" int not null, "agency_id" int not null, "source" text not null, "category" text not null, "fiscal_year" smallint not null, "sensitivity" text not null, "publication_state" text not null, "amount_disclosed" boolean not null, "task_unit_id" int not null, "state" text not null, "kind" text not null, "conclusion" text null, "deadline" date not null, "next_milestone" date null, "closed_at" timestamptz null, "money" numeric not null, "rules" int not null, constraint "stats_task_link_pkey" primary key ("task_id", "finding_id"));`,
    );
    this.addSql(`create function stats_task_link_refresh(ids int[]) returns void language plpgsql as $$
begin
  delete from stats_task_link l
  where l.task_id = any(ids)
    and not exists (select 1 from rectification_finding rf where rf.rectification_id = l.task_id and rf.finding_id = l.finding_id);
  insert into stats_task_link as l (task_id, finding_id, ${KEY}, task_unit_id, state, kind, conclusion, deadline,
                                    next_milestone, closed_at, money, rules)
  select t.id, f.id, ${keyOf('f')}, t.unit_id, t.state, t.kind, t.conclusion, t.deadline,
         t.next_milestone, t.closed_at, coalesce(m.money, 0), coalesce(m.rules, 0)
  from rectification t
  join rectification_finding rf on rf.rectification_id = t.id
  join "finding" f on f.id = rf.finding_id
  left join lateral (
    select sum((e.payload->>'moneyRecovered')::numeric) as money,
           count(distinct nullif(e.payload->>'rulesEstablished', ''))::int as rules
    from rectification_event e
    where e.rectification_id = t.id and e.type = 'REPORTED'
  ) m on true
  where t.id = any(ids)
  order by t.id, f.id
  on conflict (task_id, finding_id) do update set
    ${LINK_COLS.map((c) => `${c} = excluded.${c}`).join(', ')};
end $$;`);
    const refresh = (name: string, ids: string) =>
      this.addSql(`create function ${name}() returns trigger language plpgsql as $$
begin
  perform stats_task_link_refresh(array(${ids}));
  return null;
end $$;`);
    refresh('stats_task_link_on_task', 'select id from new_rows');
    refresh('stats_task_link_on_task_delete', 'select id from old_rows');
    refresh('stats_task_link_on_link_insert', 'select distinct rectification_id from new_rows');
    refresh(
      'stats_task_link_on_link_both',
      'select rectification_id from new_rows union select rectification_id from old_rows',
    );
    refresh('stats_task_link_on_link_delete', 'select distinct rectification_id from old_rows');
    refresh('stats_task_link_on_event', `select distinct rectification_id from new_rows where type = 'REPORTED'`);
    refresh(
      'stats_task_link_on_finding',
      `select distinct rf.rectification_id from rectification_finding rf
       where rf.finding_id in (select n.id from new_rows n join old_rows o on o.id = n.id
                               where (${keyOf('n')}) is distinct from (${keyOf('o')}))`,
    );
    for (const [name, table, ev, ref, fn] of [
      ['task_insert', 'rectification', 'insert', 'referencing new table as new_rows', 'on_task'],
      ['task_update', 'rectification', 'update', 'referencing new table as new_rows', 'on_task'],
      ['task_delete', 'rectification', 'delete', 'referencing old table as old_rows', 'on_task_delete'],
      ['link_insert', 'rectification_finding', 'insert', 'referencing new table as new_rows', 'on_link_insert'],
      ['link_update', 'rectification_finding', 'update', 'referencing old table as old_rows new table as new_rows', 'on_link_both'],
      ['link_delete', 'rectification_finding', 'delete', 'referencing old table as old_rows', 'on_link_delete'],
      ['event_insert', 'rectification_event', 'insert', 'referencing new table as new_rows', 'on_event'],
      ['finding_update', 'finding', 'update', 'referencing old table as old_rows new table as new_rows', 'on_finding'],
    ] as const) {
      this.addSql(
        `create trigger stats_task_link_${name} after ${ev} on "${table}" ${ref} for each statement execute function stats_task_link_${fn}();`,
      );
    }
    this.addSql(`select stats_task_link_refresh(array(select id from rectification));`);
  }

  override async down(): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      this.addSql(`drop trigger if exists stats_rollup_${t} on "finding";`);
    for (const f of ['on_insert', 'on_update', 'on_delete', 'on_truncate', 'compact'])
      this.addSql(`drop function if exists stats_rollup_${f}();`);
    for (const t of ['task_insert', 'task_update', 'task_delete', 'link_insert', 'link_update', 'link_delete'])
      this.addSql(`drop trigger if exists stats_task_link_${t} on "${t.startsWith('task') ? 'rectification' : 'rectification_finding'}";`);
    this.addSql(`drop trigger if exists stats_task_link_event_insert on "rectification_event";`);
    this.addSql(`drop trigger if exists stats_task_link_finding_update on "finding";`);
    for (const f of ['on_task', 'on_task_delete', 'on_link_insert', 'on_link_both', 'on_link_delete', 'on_event', 'on_finding'])
      this.addSql(`drop function if exists stats_task_link_${f}();`);
    this.addSql(`drop function if exists stats_task_link_refresh(int[]);`);
    this.addSql(`drop table if exists "stats_task_link" cascade;`);
    this.addSql(`drop function if exists stats_unit_bit(int);`);
    this.addSql(`drop table if exists "stats_rollup_units" cascade;`);
    this.addSql(`drop table if exists "stats_rollup" cascade;`);
  }
}
