/**
 * SQL of rectification tasks (整改任务): rows and their mapping, the scoped and filtered task lists
 * (API pages and the ledger's batches), and the writes of the workflow (the service opens the
 * transaction and passes `trx`). Events: rectification-events.repo.ts; evidence files:
 * rectification-evidence.repo.ts.
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import type { Sql } from '../../policy/access.js';
import { rectificationScope } from '../../policy/rectification.js';
import type {
  RectificationKind,
  RectificationState,
  VerificationConclusion,
} from './rectification.entity.js';
import { daysOverdue, today } from './rectification.overdue.js';

/** A task as the API and the ledger read it. */
export interface RectRow {
  __typename: 'Rectification';
  id: string;
  dbId: number;
  unitId: number;
  leadId: number;
  kind: RectificationKind;
  measures: string;
  deadline: string;
  nextMilestone: string | null;
  state: RectificationState;
  submissionNo: number;
  conclusion: VerificationConclusion | null;
  extensionRequested: string | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
  daysOverdue: number;
}

/** A `rectification` row as stored, as the workflow reads and writes it. */
export interface TaskRow {
  id: number;
  unit_id: number;
  lead_id: number;
  kind: RectificationKind;
  measures: string;
  deadline: string;
  next_milestone: string | null;
  state: RectificationState;
  submission_no: number;
  conclusion: VerificationConclusion | null;
  extension_requested: string | null;
  closed_at: Date | null;
  version: number;
  created_at: Date;
}

const day = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

export function mapRect(r: Record<string, unknown>): RectRow {
  const row = {
    __typename: 'Rectification' as const,
    id: toGlobalId('Rectification', r.id as number),
    dbId: r.id as number,
    unitId: r.unit_id as number,
    leadId: r.lead_id as number,
    kind: r.kind as RectificationKind,
    measures: r.measures as string,
    deadline: day(r.deadline)!,
    nextMilestone: day(r.next_milestone),
    state: r.state as RectificationState,
    submissionNo: r.submission_no as number,
    conclusion: r.conclusion as VerificationConclusion | null,
    extensionRequested: day(r.extension_requested),
    closedAt: toDateOrNull(r.closed_at),
    createdAt: toDate(r.created_at),
    version: r.version as number,
    daysOverdue: 0,
  };
  row.daysOverdue = daysOverdue({
    state: row.state,
    deadline: row.deadline,
    next_milestone: row.nextMilestone,
    conclusion: row.conclusion,
    kind: row.kind,
  });
  return row;
}

export async function rectificationsByIds(knex: Knex, ids: readonly number[]): Promise<RectRow[]> {
  return (
    (await knex('rectification')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapRect);
}

/** SQL twin of daysOverdue: days overdue of alias `a`, as of `on`. */
export function overdueSql(a: string, on = today()): Sql {
  return {
    sql: `(case when ${a}.state = 'CLOSED' then 0 else greatest(0, ?::date - (case when ${a}.kind = 'LONG_TERM' and ${a}.conclusion = 'CONTINUING' and ${a}.next_milestone is not null then ${a}.next_milestone else ${a}.deadline end)) end)`,
    bindings: [on],
  };
}

// ---- task lists ----

/** Conditions of a task list, with database ids. */
export interface TaskFilter {
  states?: readonly RectificationState[] | null;
  unitIds?: number[] | null;
  overdue?: boolean | null;
  overdueMoreThanDays?: number | null;
}

/** Scoped, filtered FROM/WHERE of task lists (alias r); shared by the API and the ledger export. */
function scopedTasks(knex: Knex, v: Viewer, f: TaskFilter | null | undefined): Knex.QueryBuilder {
  const b = knex('rectification as r');
  const scope = rectificationScope(v, 'r');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  if (f?.states?.length) b.whereIn('r.state', f.states as RectificationState[]);
  if (f?.unitIds) b.whereIn('r.unit_id', f.unitIds);
  const od = overdueSql('r');
  if (f?.overdue === true) b.whereRaw(`${od.sql} > 0`, od.bindings as Knex.RawBinding[]);
  if (f?.overdue === false) b.whereRaw(`${od.sql} = 0`, od.bindings as Knex.RawBinding[]);
  if (f?.overdueMoreThanDays != null)
    b.whereRaw(`${od.sql} > ?`, [...(od.bindings as Knex.RawBinding[]), f.overdueMoreThanDays]);
  return b;
}

/** A page of the tasks the viewer may see, newest first. */
export function tasksPage(
  knex: Knex,
  v: Viewer,
  f: TaskFilter | null | undefined,
  page: PageArgs,
): Promise<Connection<RectRow>> {
  const b = scopedTasks(knex, v, f);
  return paginate(
    knex,
    b.clone().select('r.*'),
    page,
    { expr: 'r.id', desc: true, cast: 'int' },
    mapRect,
    countOf(b),
    'r.id',
  );
}

/** The next `limit` tasks the viewer may see with ids above `afterId`, in id order (ledger batches). */
export async function tasksAfter(
  knex: Knex,
  v: Viewer,
  f: TaskFilter | null | undefined,
  afterId: number,
  limit: number,
): Promise<RectRow[]> {
  return (
    (await scopedTasks(knex, v, f)
      .select('r.*')
      .where('r.id', '>', afterId)
      .orderBy('r.id')
      .limit(limit)) as Record<string, unknown>[]
  ).map(mapRect);
}

// ---- the workflow's reads and writes (inside the service's transaction) ----

/** The task row, locked until the transaction ends. */
export async function lockTask(trx: Knex, id: number): Promise<TaskRow | undefined> {
  return (await trx('rectification').select('*').where({ id }).forUpdate().first()) as TaskRow | undefined;
}

export async function updateTask(trx: Knex, id: number, set: Partial<TaskRow> & { version: number }) {
  await trx('rectification')
    .where({ id })
    .update({ ...set, updated_at: new Date() });
}

export async function insertTask(
  trx: Knex,
  row: Pick<
    TaskRow,
    'unit_id' | 'lead_id' | 'kind' | 'measures' | 'deadline' | 'next_milestone' | 'state' | 'submission_no'
  >,
): Promise<number> {
  const [out] = (await trx('rectification').insert(row).returning('id')) as { id: number }[];
  return out!.id;
}

export async function supervisorIdsOf(db: Knex, id: number): Promise<number[]> {
  return (
    (await db('rectification_supervisor').select('agency_id').where('rectification_id', id)) as {
      agency_id: number;
    }[]
  ).map((r) => r.agency_id);
}

export async function addSupervisors(trx: Knex, taskId: number, agencyIds: readonly number[]) {
  await trx('rectification_supervisor').insert(
    agencyIds.map((a) => ({ rectification_id: taskId, agency_id: a })),
  );
}

/** Adds a supervisor unless it already is one. */
export async function addSupervisorIfAbsent(trx: Knex, taskId: number, agencyId: number) {
  await trx('rectification_supervisor')
    .insert({ rectification_id: taskId, agency_id: agencyId })
    .onConflict(['rectification_id', 'agency_id'])
    .ignore();
}

export async function linkFindings(trx: Knex, taskId: number, findingIds: readonly number[]) {
  await trx('rectification_finding').insert(
    findingIds.map((fid) => ({ rectification_id: taskId, finding_id: fid })),
  );
}

/** Findings to make a task of, locked until the transaction ends. */
export async function lockFindings(
  trx: Knex,
  ids: readonly number[],
): Promise<{ id: number; agencyId: number; unitId: number; publicationState: string }[]> {
  const rows = (await trx('finding')
    .select('id', 'agency_id', 'unit_id', 'publication_state')
    .whereIn('id', ids as number[])
    .forUpdate()) as { id: number; agency_id: number; unit_id: number; publication_state: string }[];
  return rows.map((f) => ({
    id: f.id,
    agencyId: f.agency_id,
    unitId: f.unit_id,
    publicationState: f.publication_state,
  }));
}

/** Is one of these findings already in a task? */
export async function anyFindingInTask(trx: Knex, findingIds: readonly number[]): Promise<boolean> {
  return !!(await trx('rectification_finding')
    .select('finding_id')
    .whereIn('finding_id', findingIds as number[])
    .first());
}

/** Those of the ids that are oversight agencies. */
export async function oversightAgencyIds(trx: Knex, ids: readonly number[]): Promise<number[]> {
  return (
    (await trx('organization')
      .select('id')
      .whereIn('id', ids as number[])
      .where('kind', 'OVERSIGHT_AGENCY')) as { id: number }[]
  ).map((r) => r.id);
}

/**
 * The body an overdue task may be escalated to (提级督办): a leadership organisation (the district
 * government), or the lead agency's own superior (its parent). Null for anything else.
 */
export async function escalationTarget(
  trx: Knex,
  toId: number,
  leadId: number,
): Promise<{ id: number; name: string } | null> {
  const row = (await trx('organization as o')
    .select('o.id', 'o.name')
    .where('o.id', toId)
    .andWhere((w) =>
      w
        .where('o.kind', 'LEADERSHIP')
        .orWhereIn(
          'o.id',
          trx('organization').select('parent_id').where('id', leadId).whereNotNull('parent_id'),
        ),
    )
    .first()) as { id: number; name: string } | undefined;
  return row ?? null;
}

export async function isOversightAgency(trx: Knex, id: number): Promise<boolean> {
  return !!(await trx('organization').select('id').where({ id, kind: 'OVERSIGHT_AGENCY' }).first());
}

// ---- batches for the request's loaders ----

/** Supervising agencies per task, in the order of `taskIds`. */
export async function supervisorIdsByTaskIds(knex: Knex, taskIds: readonly number[]): Promise<number[][]> {
  const rows = (await knex('rectification_supervisor')
    .select('*')
    .whereIn('rectification_id', taskIds as number[])) as { rectification_id: number; agency_id: number }[];
  return taskIds.map((id) => rows.filter((r) => r.rectification_id === id).map((r) => r.agency_id));
}

/** Findings per task, in the order of `taskIds`. */
export async function findingIdsByTaskIds(knex: Knex, taskIds: readonly number[]): Promise<number[][]> {
  const rows = (await knex('rectification_finding')
    .select('*')
    .whereIn('rectification_id', taskIds as number[])) as { rectification_id: number; finding_id: number }[];
  return taskIds.map((id) => rows.filter((r) => r.rectification_id === id).map((r) => r.finding_id));
}

// ---- the ledger (整改台账) ----

/** The findings of the tasks, with what the ledger shows of them, by finding id. */
export function ledgerFindingsOf(knex: Knex, taskIds: readonly number[]) {
  return knex('rectification_finding as rf')
    .join('finding as f', 'f.id', 'rf.finding_id')
    .select(
      'rf.rectification_id',
      'f.source',
      'f.source_ref',
      'f.description',
      'f.agency_id',
      'f.sensitivity',
      'f.unit_id',
      'f.category',
      'f.publication_state',
      'f.id as finding_id',
      'f.amount_involved',
      'f.amount_disclosed',
      'f.responsible_person',
      'f.persons_held_accountable',
    )
    .whereIn('rf.rectification_id', taskIds as number[])
    .orderBy('f.id') as Promise<Record<string, unknown>[]>;
}

/** (task, supervisor) pairs of the tasks. */
export function supervisorsOfTasks(knex: Knex, taskIds: readonly number[]) {
  return knex('rectification_supervisor')
    .select('rectification_id', 'agency_id')
    .whereIn('rectification_id', taskIds as number[]) as Promise<Record<string, unknown>[]>;
}

/** Every organisation's id, name and short name. */
export function organizationNames(knex: Knex) {
  return knex('organization').select('id', 'name', 'short_name') as Promise<Record<string, unknown>[]>;
}
