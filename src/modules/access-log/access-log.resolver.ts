import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId } from '../../shared/global-id.js';
import { dbId } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes } from '../../shared/relay.js';
import { listAccessLog, type EntryRow } from './access-log.repo.js';
import { AccessLogEntryObject, AccessLogFilter } from './access-log.types.js';

export const AccessLogConnection = connectionTypes<EntryRow>(
  AccessLogEntryObject,
  'AccessLogEntry',
  '查询留痕',
);

@Resolver(() => AccessLogEntryObject)
export class AccessLogResolver {
  @Query(() => AccessLogConnection, {
    description:
      'Who read sensitive records, newest first (查询留痕). The discipline commission sees every entry; an agency ' +
      'sees the reads of its own records ("who read my records").',
  })
  accessLog(
    @Ctx() ctx: HubContext,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg('filterBy', () => AccessLogFilter, { nullable: true, description: 'Conditions (筛选条件).' })
    filterBy?: AccessLogFilter,
  ) {
    let record: { type: string; id: number } | null = null;
    if (filterBy?.record) {
      const g = fromGlobalId(filterBy.record);
      if (!g || (g.type !== 'Finding' && g.type !== 'Review'))
        throw badInput('"record" must be a Finding or Review id', 'record');
      record = g;
    }
    return listAccessLog(
      ctx.knex,
      ctx.viewer,
      {
        record,
        readerOrgId: dbId(filterBy?.reader, 'Organization', 'reader'),
        since: filterBy?.since ?? null,
      },
      page,
    );
  }

  @FieldResolver()
  readerOrganization(@Root() e: EntryRow, @Ctx() ctx: HubContext) {
    return e.readerOrgId == null ? null : ctx.loaders.organization.load(e.readerOrgId);
  }

  @FieldResolver()
  owner(@Root() e: EntryRow, @Ctx() ctx: HubContext) {
    return ctx.loaders.organization.load(e.ownerId);
  }
}
