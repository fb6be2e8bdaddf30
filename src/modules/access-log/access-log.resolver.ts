import { toDate } from '../../shared/timestamps.js';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { Role } from '../../shared/enums.js';
import { badInput } from '../../shared/errors.js';
import { fromGlobalId, toGlobalId } from '../../shared/global-id.js';
import { dbId } from '../../shared/ids.js';
import { ConnectionArgs, connectionTypes, paginate } from '../../shared/relay.js';
import { AccessLogEntryObject, AccessLogFilter } from './access-log.types.js';

interface EntryRow {
  dbId: number;
  at: Date;
  readerOrgId: number | null;
  readerUser: string | null;
  readerRole: string;
  operation: string | null;
  requestId: string;
  recordId: string;
  recordType: string;
  ownerId: number;
  sensitivity: string;
  fields: string[];
}

const mapEntry = (r: Record<string, unknown>): EntryRow => ({
  dbId: Number(r.id),
  at: toDate(r.at),
  readerOrgId: r.reader_org_id as number | null,
  readerUser: r.reader_user as string | null,
  readerRole: r.reader_role as string,
  operation: r.operation as string | null,
  requestId: r.request_id as string,
  recordType: r.record_type as string,
  recordId: toGlobalId(r.record_type as 'Finding' | 'Review', r.record_id as number),
  ownerId: r.owner_id as number,
  sensitivity: r.sensitivity as string,
  fields: r.fields as string[],
});

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
    const v = ctx.viewer;
    const b = ctx.knex('access_log as l');
    if (v.role !== Role.DISCIPLINE) b.where('l.owner_id', v.orgId);
    if (filterBy?.record) {
      const g = fromGlobalId(filterBy.record);
      if (!g || (g.type !== 'Finding' && g.type !== 'Review'))
        throw badInput('"record" must be a Finding or Review id', 'record');
      b.where({ 'l.record_type': g.type, 'l.record_id': g.id });
    }
    const reader = dbId(filterBy?.reader, 'Organization', 'reader');
    if (reader !== null) b.where('l.reader_org_id', reader);
    if (filterBy?.since) b.where('l.at', '>=', filterBy.since);
    return paginate(
      ctx.knex,
      b.clone().select('l.*'),
      page,
      { expr: 'l.id', desc: true, cast: 'int' },
      mapEntry,
      async () => Number((await b.clone().count({ n: '*' }).first())!.n),
      'l.id',
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
