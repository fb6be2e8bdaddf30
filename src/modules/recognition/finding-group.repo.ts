/**
 * SQL of same-problem groups (同一问题): groups, their members and history, the scoped list, the batches
 * of the request's loaders, and the writes of linking and unlinking (the service opens the transaction).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import type { FindingSource, PublicationState, Sensitivity } from '../../shared/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { toDate, toDateOrNull } from '../../shared/timestamps.js';
import { groupMemberSql } from '../../policy/recognition.js';

export interface GroupRow {
  __typename: 'FindingGroup';
  id: string;
  dbId: number;
  unitId: number;
  createdById: number;
  createdAt: Date;
  dissolvedAt: Date | null;
  version: number;
}

export function mapGroup(r: Record<string, unknown>): GroupRow {
  return {
    __typename: 'FindingGroup',
    id: toGlobalId('FindingGroup', r.id as number),
    dbId: r.id as number,
    unitId: r.unit_id as number,
    createdById: r.created_by_id as number,
    createdAt: toDate(r.created_at),
    dissolvedAt: toDateOrNull(r.dissolved_at),
    version: r.version as number,
  };
}

export interface MemberRow {
  groupId: number;
  findingId: number;
  isPrimary: boolean;
  linkedById: number;
  linkedByUser: string;
  reason: string;
  linkedAt: Date;
}

const mapMember = (r: Record<string, unknown>): MemberRow => ({
  groupId: r.group_id as number,
  findingId: r.finding_id as number,
  isPrimary: r.is_primary as boolean,
  linkedById: r.linked_by_id as number,
  linkedByUser: r.linked_by_user as string,
  reason: r.reason as string,
  linkedAt: toDate(r.linked_at),
});

export interface GroupEventRow {
  groupId: number;
  at: Date;
  type: string;
  findingId: number | null;
  actorId: number;
  actorUser: string;
  reason: string;
}

export async function groupsByIds(knex: Knex, ids: readonly number[]): Promise<GroupRow[]> {
  return (
    (await knex('finding_group')
      .select('*')
      .whereIn('id', ids as number[])) as Record<string, unknown>[]
  ).map(mapGroup);
}

/** Members of each group, primary first, then by finding id. */
export async function membersByGroupIds(knex: Knex, ids: readonly number[]): Promise<MemberRow[][]> {
  const rows = (
    (await knex('finding_group_member')
      .select('*')
      .whereIn('group_id', ids as number[])
      .orderBy([
        { column: 'is_primary', order: 'desc' },
        { column: 'finding_id', order: 'asc' },
      ])) as Record<string, unknown>[]
  ).map(mapMember);
  return ids.map((id) => rows.filter((r) => r.groupId === id));
}

/** History of each group, oldest first. */
export async function eventsByGroupIds(knex: Knex, ids: readonly number[]): Promise<GroupEventRow[][]> {
  const rows = (await knex('finding_group_event')
    .select('*')
    .whereIn('group_id', ids as number[])
    .orderBy('id')) as Record<string, unknown>[];
  const mapped = rows.map((r) => ({
    groupId: r.group_id as number,
    at: toDate(r.at),
    type: r.type as string,
    findingId: (r.finding_id as number | null) ?? null,
    actorId: r.actor_id as number,
    actorUser: r.actor_user as string,
    reason: r.reason as string,
  }));
  return ids.map((id) => mapped.filter((e) => e.groupId === id));
}

/** The group of each finding (null where none). */
export async function groupIdsOfFindings(knex: Knex, ids: readonly number[]): Promise<(number | null)[]> {
  const rows = (await knex('finding_group_member')
    .select('finding_id', 'group_id')
    .whereIn('finding_id', ids as number[])) as { finding_id: number; group_id: number }[];
  const m = new Map(rows.map((r) => [r.finding_id, r.group_id]));
  return ids.map((id) => m.get(id) ?? null);
}

/** A page of the groups the viewer sees (two or more members it may see), newest first. */
export function groupsPage(
  knex: Knex,
  v: Viewer,
  f: { findingIds?: number[] | null; unitIds?: number[] | null },
  page: PageArgs,
): Promise<Connection<GroupRow>> {
  const vis = groupMemberSql(v, 'f');
  const b = knex('finding_group as g')
    .whereNull('g.dissolved_at')
    .whereRaw(
      `(select count(*) from finding_group_member gm join finding f on f.id = gm.finding_id
        where gm.group_id = g.id and ${vis.sql}) >= 2`,
      vis.bindings as Knex.RawBinding[],
    );
  if (f.unitIds) b.whereIn('g.unit_id', f.unitIds);
  if (f.findingIds)
    b.whereIn('g.id', knex('finding_group_member').select('group_id').whereIn('finding_id', f.findingIds));
  return paginate(
    knex,
    b.clone().select('g.*'),
    page,
    { expr: 'g.id', desc: true, cast: 'int' },
    mapGroup,
    countOf(b),
    'g.id',
  );
}

// ---- the linking workflow (inside the service's transaction) ----

/** What linking needs of a finding. */
export interface LinkableFinding {
  __typename: string;
  dbId: number;
  source: FindingSource;
  category: string;
  agencyId: number;
  unitId: number;
  sensitivity: Sensitivity;
  publicationState: PublicationState;
  amountDisclosed: boolean;
  evaluatorId: number | null;
}

/** The findings, share-locked until the transaction ends (not withdrawn or corrected meanwhile). */
export async function lockFindingsForLink(trx: Knex, ids: readonly number[]): Promise<LinkableFinding[]> {
  const rows = (await trx('finding as f')
    .leftJoin('review as rv', 'rv.id', 'f.review_id')
    .select(
      'f.id',
      'f.source',
      'f.category',
      'f.agency_id',
      'f.unit_id',
      'f.sensitivity',
      'f.publication_state',
      'f.amount_disclosed',
      'rv.evaluator_id',
    )
    .whereIn('f.id', ids as number[])
    .orderBy('f.id')
    .forShare('f')) as Record<string, unknown>[];
  return rows.map((f) => ({
    __typename: 'Finding',
    dbId: f.id as number,
    source: f.source as FindingSource,
    category: f.category as string,
    agencyId: f.agency_id as number,
    unitId: f.unit_id as number,
    sensitivity: f.sensitivity as Sensitivity,
    publicationState: f.publication_state as PublicationState,
    amountDisclosed: f.amount_disclosed as boolean,
    evaluatorId: (f.evaluator_id as number | null) ?? null,
  }));
}

export async function lockGroup(trx: Knex, id: number): Promise<GroupRow | null> {
  const r = (await trx('finding_group').select('*').where({ id }).forUpdate().first()) as
    Record<string, unknown> | undefined;
  return r ? mapGroup(r) : null;
}

export async function membersOf(trx: Knex, groupId: number): Promise<MemberRow[]> {
  return (await membersByGroupIds(trx, [groupId]))[0]!;
}

/** Findings among the ids that are in some group already. */
export async function groupedAmong(trx: Knex, ids: readonly number[]): Promise<number[]> {
  return (
    (await trx('finding_group_member')
      .select('finding_id')
      .whereIn('finding_id', ids as number[])) as { finding_id: number }[]
  ).map((r) => r.finding_id);
}

export async function insertGroup(trx: Knex, unitId: number, by: number, user: string): Promise<number> {
  const [r] = (await trx('finding_group')
    .insert({ unit_id: unitId, created_by_id: by, created_by_user: user })
    .returning('id')) as { id: number }[];
  return r!.id;
}

export async function bumpGroup(trx: Knex, id: number, dissolved = false): Promise<void> {
  await trx('finding_group')
    .where({ id })
    .update({
      version: trx.raw('version + 1'),
      updated_at: new Date(),
      ...(dissolved ? { dissolved_at: new Date() } : {}),
    });
}

export async function insertMembers(
  trx: Knex,
  groupId: number,
  findingIds: readonly number[],
  by: number,
  user: string,
  reason: string,
): Promise<void> {
  if (!findingIds.length) return;
  await trx('finding_group_member').insert(
    findingIds.map((fid) => ({
      group_id: groupId,
      finding_id: fid,
      linked_by_id: by,
      linked_by_user: user,
      reason,
    })),
  );
}

export async function deleteMembers(
  trx: Knex,
  groupId: number,
  findingIds: readonly number[],
): Promise<void> {
  await trx('finding_group_member')
    .where('group_id', groupId)
    .whereIn('finding_id', findingIds as number[])
    .delete();
}

/** Makes `findingId` the group's one primary finding. */
export async function setPrimary(trx: Knex, groupId: number, findingId: number): Promise<void> {
  await trx('finding_group_member')
    .where({ group_id: groupId, is_primary: true })
    .update({ is_primary: false });
  await trx('finding_group_member')
    .where({ group_id: groupId, finding_id: findingId })
    .update({ is_primary: true });
}

export async function appendGroupEvents(
  trx: Knex,
  events: {
    groupId: number;
    type: string;
    findingId: number | null;
    actorId: number;
    actorUser: string;
    reason: string;
  }[],
): Promise<void> {
  if (!events.length) return;
  await trx('finding_group_event').insert(
    events.map((e) => ({
      group_id: e.groupId,
      type: e.type,
      finding_id: e.findingId,
      actor_id: e.actorId,
      actor_user: e.actorUser,
      reason: e.reason,
    })),
  );
}

/**
 * The findings of the groups that the viewer sees as members (for a rectification task made from
 * groups), per group in the order of `groupIds`; a group the viewer does not see (fewer than two
 * visible members) or that is dissolved gives [].
 */
export async function visibleMemberIdsOfGroups(
  knex: Knex,
  v: Viewer,
  groupIds: readonly number[],
): Promise<number[][]> {
  const vis = groupMemberSql(v, 'f');
  const rows = (await knex('finding_group_member as gm')
    .join('finding as f', 'f.id', 'gm.finding_id')
    .join('finding_group as g', 'g.id', 'gm.group_id')
    .select('gm.group_id', 'gm.finding_id')
    .whereIn('gm.group_id', groupIds as number[])
    .whereNull('g.dissolved_at')
    .whereRaw(vis.sql, vis.bindings as Knex.RawBinding[])
    .orderBy('gm.finding_id')) as { group_id: number; finding_id: number }[];
  return groupIds.map((id) => {
    const m = rows.filter((r) => r.group_id === id).map((r) => r.finding_id);
    return m.length >= 2 ? m : [];
  });
}
