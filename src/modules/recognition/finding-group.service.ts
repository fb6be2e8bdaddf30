/**
 * Same-problem groups (同一问题): oversight agencies link findings of several agencies about one problem
 * of one unit into a group with one primary finding, and unlink them; every step records who and why
 * (an append-only history). Statistics count a group once (finding-stats.repo.ts) and a rectification
 * task can be made from groups (the rectification module expands them with `visibleMemberIdsOfGroups`).
 *
 * Each change is one transaction that locks the group row and checks the version the caller read, and
 * share-locks the findings it links; a finding is in at most one group (its primary key), so two
 * agencies linking one finding into two groups at once get one success and one ALREADY_GROUPED.
 *
 * Public functions throw UserInputProblem (codes: REQUIRED, TOO_LONG, BAD_SCOPE, NOT_FOUND,
 * NOT_PUBLISHED, NOT_READABLE, MIXED_UNITS, ALREADY_GROUPED, NOT_MEMBER, CONFLICT).
 */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { PublicationState } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { canSeeFindingRow } from '../../policy/access.js';
import { canLinkFinding } from '../../policy/recognition.js';
import * as repo from './finding-group.repo.js';

function text(value: string | null | undefined, field: string, min: number, max: number): string {
  const t = (value ?? '').trim();
  if (t.length < min)
    throw new UserInputProblem('REQUIRED', `"${field}" needs at least ${min} characters.`, field);
  if (t.length > max)
    throw new UserInputProblem('TOO_LONG', `"${field}" is limited to ${max} characters.`, field);
  return t;
}

type GroupEvent = Parameters<typeof repo.appendGroupEvents>[1][number];

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** The findings, locked, each one the viewer may link; throws otherwise. */
async function linkable(trx: Knex, v: Viewer, ids: readonly number[]) {
  const found = await repo.lockFindingsForLink(trx, ids);
  if (found.length !== ids.length || found.some((f) => !canSeeFindingRow(v, f)))
    throw new UserInputProblem('NOT_FOUND', 'Some findings do not exist.', 'findings');
  if (found.some((f) => f.publicationState !== PublicationState.PUBLISHED))
    throw new UserInputProblem('NOT_PUBLISHED', 'Only published findings are linked.', 'findings');
  if (found.some((f) => !canLinkFinding(v, f)))
    throw new UserInputProblem(
      'NOT_READABLE',
      'Your agency may link only findings whose substance it may read.',
      'findings',
    );
  return found;
}

/** The group, locked, if the viewer sees it (two or more members it may see) and it is not dissolved. */
async function visibleGroup(trx: Knex, v: Viewer, id: number, version: number) {
  const g = await repo.lockGroup(trx, id);
  const [visible] = g ? await repo.visibleMemberIdsOfGroups(trx, v, [id]) : [[]];
  if (!g || g.dissolvedAt || !visible!.length)
    throw new UserInputProblem('NOT_FOUND', 'No such same-problem group.', 'group');
  if (g.version !== version)
    throw new UserInputProblem(
      'CONFLICT',
      `The group changed since you read it (version ${g.version}, not ${version}); read it again.`,
      'version',
    );
  return g;
}

export interface LinkInput {
  groupId: number | null;
  version: number | null;
  findingIds: number[];
  primaryId: number | null;
  reason: string;
}

/**
 * Links findings into a new group (two or more) or into an existing one, and/or names the group's
 * primary finding (default for a new group: the first finding named). Returns the group id.
 */
export async function linkFindings(knex: Knex, v: Viewer, input: LinkInput): Promise<number> {
  const reason = text(input.reason, 'reason', 2, 2000);
  const ids = [...new Set(input.findingIds)];
  if (input.groupId == null && ids.length < 2)
    throw new UserInputProblem('BAD_SCOPE', 'A new group needs two or more findings.', 'findings');
  if (input.groupId != null && !ids.length && input.primaryId == null)
    throw new UserInputProblem('BAD_SCOPE', 'Name findings to link or the primary finding.', 'findings');
  if (ids.length > 50)
    throw new UserInputProblem('BAD_SCOPE', 'Link at most 50 findings at once.', 'findings');
  if (input.groupId != null && input.version == null)
    throw new UserInputProblem('REQUIRED', 'Send the version of the group you read.', 'version');
  const actor = { actorId: v.orgId!, actorUser: v.userId ?? 'unknown', reason };
  try {
    return await knex.transaction(async (trx) => {
      const g = input.groupId != null ? await visibleGroup(trx, v, input.groupId, input.version!) : null;
      const primaryExtra = input.primaryId != null && !ids.includes(input.primaryId) ? [input.primaryId] : [];
      const found = await linkable(trx, v, [...ids, ...primaryExtra]);
      const units = new Set([...found.map((f) => f.unitId), ...(g ? [g.unitId] : [])]);
      if (units.size !== 1)
        throw new UserInputProblem(
          'MIXED_UNITS',
          'The findings of one group concern one responsible unit.',
          'findings',
        );
      if ((await repo.groupedAmong(trx, ids)).length)
        throw new UserInputProblem(
          'ALREADY_GROUPED',
          'A finding is already in a same-problem group; unlink it there first.',
          'findings',
        );
      const groupId = g?.dbId ?? (await repo.insertGroup(trx, [...units][0]!, v.orgId!, actor.actorUser));
      await repo.insertMembers(trx, groupId, ids, v.orgId!, actor.actorUser, reason);
      const events: GroupEvent[] = ids.map((fid) => ({ groupId, type: 'LINKED', findingId: fid, ...actor }));
      const members = await repo.membersOf(trx, groupId);
      const primary = input.primaryId ?? (g ? null : ids[0]!);
      if (primary != null) {
        if (!members.some((m) => m.findingId === primary))
          throw new UserInputProblem('NOT_MEMBER', 'The primary finding must be in the group.', 'primary');
        if (!members.some((m) => m.findingId === primary && m.isPrimary)) {
          await repo.setPrimary(trx, groupId, primary);
          events.push({ groupId, type: 'PRIMARY_SET', findingId: primary, ...actor });
        }
      }
      await repo.appendGroupEvents(trx, events);
      if (g) await repo.bumpGroup(trx, groupId);
      return groupId;
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new UserInputProblem(
        'ALREADY_GROUPED',
        'A finding was linked into another group at the same time; read again.',
        'findings',
      );
    throw e;
  }
}

/**
 * Unlinks findings from a group. When fewer than two remain the group is dissolved; when the primary
 * leaves, the earliest remaining finding becomes primary. Returns the group id.
 */
export async function unlinkFindings(
  knex: Knex,
  v: Viewer,
  input: { groupId: number; version: number; findingIds: number[]; reason: string },
): Promise<number> {
  const reason = text(input.reason, 'reason', 2, 2000);
  const ids = [...new Set(input.findingIds)];
  if (!ids.length) throw new UserInputProblem('BAD_SCOPE', 'Name the findings to unlink.', 'findings');
  const actor = { actorId: v.orgId!, actorUser: v.userId ?? 'unknown', reason };
  return knex.transaction(async (trx) => {
    const g = await visibleGroup(trx, v, input.groupId, input.version);
    const members = await repo.membersOf(trx, g.dbId);
    if (ids.some((id) => !members.some((m) => m.findingId === id)))
      throw new UserInputProblem('NOT_MEMBER', 'Unlink only findings of this group.', 'findings');
    await linkable(trx, v, ids);
    await repo.deleteMembers(trx, g.dbId, ids);
    const events: GroupEvent[] = ids.map((fid) => ({
      groupId: g.dbId,
      type: 'UNLINKED',
      findingId: fid,
      ...actor,
    }));
    const rest = members.filter((m) => !ids.includes(m.findingId));
    if (rest.length < 2) {
      await repo.deleteMembers(
        trx,
        g.dbId,
        rest.map((m) => m.findingId),
      );
      events.push({ groupId: g.dbId, type: 'DISSOLVED', findingId: null, ...actor });
      await repo.appendGroupEvents(trx, events);
      await repo.bumpGroup(trx, g.dbId, true);
      return g.dbId;
    }
    if (!rest.some((m) => m.isPrimary)) {
      const next = Math.min(...rest.map((m) => m.findingId));
      await repo.setPrimary(trx, g.dbId, next);
      events.push({ groupId: g.dbId, type: 'PRIMARY_SET', findingId: next, ...actor });
    }
    await repo.appendGroupEvents(trx, events);
    await repo.bumpGroup(trx, g.dbId);
    return g.dbId;
  });
}
