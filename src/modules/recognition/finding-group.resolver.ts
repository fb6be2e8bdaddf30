import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId, dbIds } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { asUserErrors, UserInputProblem } from '../../shared/user-error.js';
import { canSeeGroupMember } from '../../policy/recognition.js';
import {
  groupsByIds,
  groupsPage,
  type GroupEventRow,
  type GroupRow,
  type MemberRow,
} from './finding-group.repo.js';
import { loadVisibleGroup, visibleMembers } from './recognition.reads.js';
import * as svc from './finding-group.service.js';
import { suggestDuplicates, type DuplicateSuggestion } from './finding-duplicates.js';
import { badInput } from '../../shared/errors.js';
import {
  ChangeEventObject,
  ImportReportObject,
  LedgerImportReportObject,
} from '../publishing/publishing.types.js';
import {
  DuplicateSuggestionObject,
  ImportDuplicateObject,
  FindingGroupEventObject,
  FindingGroupFilter,
  FindingGroupLinkInput,
  FindingGroupMemberObject,
  FindingGroupObject,
  FindingGroupPayload,
  FindingGroupUnlinkInput,
} from './finding-group.types.js';

export const FindingGroupConnection = connectionTypes<GroupRow>(
  FindingGroupObject,
  'FindingGroup',
  '同一问题',
);

const groupIdOf = (id: string) => {
  const g = fromGlobalId(id);
  if (g?.type !== 'FindingGroup')
    throw new UserInputProblem('NOT_FOUND', 'No such same-problem group.', 'group');
  return g.id;
};

@Resolver(() => FindingGroupObject)
export class FindingGroupResolver {
  @Query(() => FindingGroupObject, {
    nullable: true,
    description: 'One same-problem group, or null (同一问题).',
  })
  findingGroup(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID, { description: 'Global id (标识).' }) id: string,
  ) {
    const g = fromGlobalId(id);
    return g?.type === 'FindingGroup' ? loadVisibleGroup(ctx, g.id) : null;
  }

  @Query(() => FindingGroupConnection, {
    description:
      'Same-problem groups you see (two or more of their findings visible to you), newest first (同一问题列表).',
  })
  findingGroups(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => FindingGroupFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: FindingGroupFilter,
  ) {
    return groupsPage(
      ctx.knex,
      ctx.viewer,
      {
        findingIds: dbIds(filterBy?.findings, 'Finding', 'findings'),
        unitIds: dbIds(filterBy?.units, 'Organization', 'units'),
      },
      page,
    );
  }

  @Query(() => [DuplicateSuggestionObject], {
    description:
      'Likely duplicates of a finding among other agencies’ findings about the same unit or project within a year, ' +
      'best first (疑似重复). Empty when you may not read the finding.',
  })
  findingDuplicates(
    @Ctx() ctx: HubContext,
    @Arg('finding', () => ID, { description: 'The finding (问题).' }) finding: string,
    @Arg('first', () => Int, { defaultValue: 5, description: 'How many, 1-20 (条数).' }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw badInput('"first" must be between 1 and 20', 'first');
    const id = dbId(finding, 'Finding', 'finding')!;
    return suggestDuplicates(ctx.knex, ctx.viewer, id, first);
  }

  @Mutation(() => FindingGroupPayload, {
    description:
      'Link findings of several agencies about the same problem into one group, or add to a group, or name its primary finding (关联同一问题).',
  })
  findingGroupLink(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FindingGroupLinkInput, { description: 'Findings, group, reason.' })
    input: FindingGroupLinkInput,
  ) {
    return this.run(ctx, () =>
      svc.linkFindings(ctx.knex, ctx.viewer, {
        groupId: input.group ? groupIdOf(input.group) : null,
        version: input.version ?? null,
        findingIds: dbIds(input.findings, 'Finding', 'findings') ?? [],
        primaryId: dbId(input.primary, 'Finding', 'primary'),
        reason: input.reason,
      }),
    );
  }

  @Mutation(() => FindingGroupPayload, {
    description: 'Unlink findings from a group; fewer than two left dissolves it (解除同一问题关联).',
  })
  findingGroupUnlink(
    @Ctx() ctx: HubContext,
    @Arg('input', () => FindingGroupUnlinkInput, { description: 'Group, version, findings, reason.' })
    input: FindingGroupUnlinkInput,
  ) {
    return this.run(ctx, () =>
      svc.unlinkFindings(ctx.knex, ctx.viewer, {
        groupId: groupIdOf(input.group),
        version: input.version,
        findingIds: dbIds(input.findings, 'Finding', 'findings') ?? [],
        reason: input.reason,
      }),
    );
  }

  private async run(ctx: HubContext, op: () => Promise<number>) {
    try {
      const id = await op();
      const [row] = await groupsByIds(ctx.knex, [id]);
      ctx.loaders.findingGroupMembers.clear(id);
      ctx.loaders.findingGroupEvents.clear(id);
      return { group: row ?? null, userErrors: [] };
    } catch (e) {
      return { group: null, userErrors: asUserErrors(e) };
    }
  }

  @FieldResolver()
  unit(@Root() g: GroupRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(g.unitId);
  }

  @FieldResolver()
  async members(@Root() g: GroupRow, @Ctx() ctx: HubContext) {
    return visibleMembers(ctx, g.dbId);
  }

  @FieldResolver()
  async primary(@Root() g: GroupRow, @Ctx() ctx: HubContext) {
    const p = (await visibleMembers(ctx, g.dbId)).find((m) => m.isPrimary);
    return p ? ctx.loaders.finding.load(p.findingId) : null;
  }

  @FieldResolver()
  async agencies(@Root() g: GroupRow, @Ctx() ctx: HubContext) {
    const ms = await visibleMembers(ctx, g.dbId);
    const fs = await ctx.loaders.finding.loadMany(ms.map((m) => m.findingId));
    const ids = [...new Set(fs.flatMap((f) => (f && !(f instanceof Error) ? [f.agencyId] : [])))];
    return ctx.loaders.organization.loadMany(ids);
  }

  @FieldResolver()
  async history(@Root() g: GroupRow, @Ctx() ctx: HubContext) {
    const events = await ctx.loaders.findingGroupEvents.load(g.dbId);
    const fs = await ctx.loaders.finding.loadMany(
      events.flatMap((e) => (e.findingId == null ? [] : [e.findingId])),
    );
    const visible = new Set(
      fs.flatMap((f) => (f && !(f instanceof Error) && canSeeGroupMember(ctx.viewer, f) ? [f.dbId] : [])),
    );
    return events.filter((e) => e.findingId == null || visible.has(e.findingId));
  }
}

@Resolver(() => FindingGroupMemberObject)
export class FindingGroupMemberResolver {
  @FieldResolver()
  finding(@Root() m: MemberRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.finding.load(m.findingId);
  }

  @FieldResolver()
  linkedBy(@Root() m: MemberRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(m.linkedById);
  }
}

@Resolver(() => FindingGroupEventObject)
export class FindingGroupEventResolver {
  @FieldResolver()
  async finding(@Root() e: GroupEventRow, @Ctx() ctx: HubContext) {
    if (e.findingId == null) return null;
    const f = await ctx.loaders.finding.load(e.findingId);
    return f && canSeeGroupMember(ctx.viewer, f) ? f : null;
  }

  @FieldResolver()
  actor(@Root() e: GroupEventRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(e.actorId);
  }
}

@Resolver(() => DuplicateSuggestionObject)
export class DuplicateSuggestionResolver {
  @FieldResolver()
  finding(@Root() s: DuplicateSuggestion, @Ctx() ctx: HubContext) {
    return ctx.loaders.finding.load(s.findingId);
  }
}

/** What the change feed's events carry that this module reads (change-feed.service's ChangeEventRow). */
interface FeedEventView {
  kind: string;
  finding: { dbId: number };
}

/**
 * The change feed flags a finding that just appeared and looks like another agency's (疑似重复), so
 * linking happens as data arrives: the same suggestions as `findingDuplicates`, as the viewer may read.
 */
@Resolver(() => ChangeEventObject)
export class ChangeEventDuplicatesResolver {
  @FieldResolver(() => [DuplicateSuggestionObject], {
    description:
      'For a newly published finding (FINDING_PUBLISHED): likely duplicates among other agencies’ findings, best ' +
      'first, as `findingDuplicates` gives them (疑似重复); empty for other events or when you may not read it. ' +
      'Costs two statements per event: ask for it on small pages.',
  })
  possibleDuplicates(
    @Root() e: FeedEventView,
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { defaultValue: 3, description: 'How many, 1-20 (条数).' }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 20)
      throw badInput('"first" must be between 1 and 20', 'first');
    if (e.kind !== 'FINDING_PUBLISHED') return [];
    return suggestDuplicates(ctx.knex, ctx.viewer, e.finding.dbId, first);
  }
}

/** At most this many new findings of one import are checked for duplicates (two statements each). */
export const IMPORT_DUPLICATE_CHECKS = 200;

/** An import report's new findings that look like other agencies' findings, in row order. */
async function importDuplicates(ctx: HubContext, createdIds: readonly number[] | undefined, first: number) {
  if (!Number.isInteger(first) || first < 1 || first > 20)
    throw badInput('"first" must be between 1 and 20', 'first');
  const out: { finding: unknown; suggestions: DuplicateSuggestion[] }[] = [];
  for (const id of (createdIds ?? []).slice(0, IMPORT_DUPLICATE_CHECKS)) {
    const suggestions = await suggestDuplicates(ctx.knex, ctx.viewer, id, first);
    if (suggestions.length) out.push({ finding: ctx.loaders.finding.load(id), suggestions });
  }
  return out;
}

const IMPORT_DUPLICATES_DESCRIPTION =
  'New findings of this import that look like another agency’s finding, with the suggestions, so they can be ' +
  `linked as one problem right away (疑似重复); the first ${IMPORT_DUPLICATE_CHECKS} new findings are checked, ` +
  'none on a dry run.';

@Resolver(() => ImportReportObject)
export class ImportReportDuplicatesResolver {
  @FieldResolver(() => [ImportDuplicateObject], { description: IMPORT_DUPLICATES_DESCRIPTION })
  possibleDuplicates(
    @Root() r: { createdIds?: number[] },
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { defaultValue: 3, description: 'Suggestions per finding, 1-20 (条数).' })
    first: number,
  ) {
    return importDuplicates(ctx, r.createdIds, first);
  }
}

@Resolver(() => LedgerImportReportObject)
export class LedgerImportReportDuplicatesResolver {
  @FieldResolver(() => [ImportDuplicateObject], { description: IMPORT_DUPLICATES_DESCRIPTION })
  possibleDuplicates(
    @Root() r: { createdIds?: number[] },
    @Ctx() ctx: HubContext,
    @Arg('first', () => Int, { defaultValue: 3, description: 'Suggestions per finding, 1-20 (条数).' })
    first: number,
  ) {
    return importDuplicates(ctx, r.createdIds, first);
  }
}
