/** The access log (查询留痕): appending a request's reads, and the scoped list. */
import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { queryPrepared } from '../../db/prepared.js';
import { accessLogScope } from '../../policy/access-log.js';
import { toGlobalId } from '../../shared/global-id.js';
import { countOf, paginate, type Connection, type PageArgs } from '../../shared/paging.js';
import { toDate } from '../../shared/timestamps.js';

export interface EntryRow {
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

export const mapEntry = (r: Record<string, unknown>): EntryRow => ({
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

export interface AccessLogInsert {
  reader_org_id: number | null;
  reader_user: string | null;
  reader_role: string;
  operation: string | null;
  request_id: string;
  record_type: string;
  record_id: number;
  owner_id: number;
  sensitivity: string;
  fields: string;
}

/**
 * Appends entries (the table refuses UPDATE and DELETE): one INSERT per `rowsPerInsert` rows, several
 * in one transaction, so the rows are written all together or not at all. Each INSERT sends its rows
 * as one JSON parameter (json_to_recordset) rather than ten bind parameters per row: a page of
 * 100 restricted findings is one small message for the driver to build and the server to parse.
 */
export async function appendAccessLog(
  knex: Knex,
  rows: readonly AccessLogInsert[],
  rowsPerInsert = 1000,
): Promise<void> {
  if (!rows.length) return;
  // one text whatever the row count: a prepared statement, parsed once per connection
  const insert = (db: Knex, part: readonly AccessLogInsert[]) =>
    queryPrepared(
      db,
      db.raw(
        `insert into access_log (${COLUMNS}) select ${COLUMNS.replace('fields', 'fields::jsonb')} ` +
          `from json_to_recordset(?::json) as r(${RECORD})`,
        [JSON.stringify(part)],
      ),
    );
  if (rows.length <= rowsPerInsert) {
    await insert(knex, rows);
    return;
  }
  await knex.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += rowsPerInsert) await insert(trx, rows.slice(i, i + rowsPerInsert));
  });
}

const RECORD =
  'reader_org_id int, reader_user text, reader_role text, operation text, request_id text, ' +
  'record_type text, record_id int, owner_id int, sensitivity text, fields text';
const COLUMNS = RECORD.replace(/ (int|text)\b/g, '');

/** Entries the viewer may read, newest first. */
export function listAccessLog(
  knex: Knex,
  v: Viewer,
  f: { record: { type: string; id: number } | null; readerOrgId: number | null; since: Date | string | null },
  args: PageArgs,
): Promise<Connection<EntryRow>> {
  const b = knex('access_log as l');
  const scope = accessLogScope(v, 'l');
  if (scope) b.whereRaw(scope.sql, scope.bindings as Knex.RawBinding[]);
  if (f.record) b.where({ 'l.record_type': f.record.type, 'l.record_id': f.record.id });
  if (f.readerOrgId !== null) b.where('l.reader_org_id', f.readerOrgId);
  if (f.since) b.where('l.at', '>=', f.since);
  return paginate(
    knex,
    b.clone().select('l.*'),
    args,
    { expr: 'l.id', desc: true, cast: 'int' },
    mapEntry,
    countOf(b),
    'l.id',
  );
}
