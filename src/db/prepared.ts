/**
 * Named prepared statements for the hot statements: finding pages (compiled and regular) with their
 * counts, and the access-log inserts.
 *
 * A compiled page is one long statement (JSON building, lateral access decisions, correlated
 * relations); PostgreSQL spends more time planning it than running it. Sent as a named statement, it
 * is parsed once per connection, and after five executions PostgreSQL keeps a generic plan when that
 * plan is estimated no worse than the custom ones (its plan cache rule), so a page then costs only its
 * execution. PostGraphile does the same for every statement it sends.
 *
 * The name is the process id, a number of the connection and a hash of the SQL text. The embedded
 * database (PGlite behind a socket) is one session for every connection to it, so names must not
 * meet across connections or processes there; on PostgreSQL each connection has its own. Each connection
 * keeps at most `MAX_PER_CONNECTION` of them (least recently used first out, with DEALLOCATE), so
 * clients that send many shapes of operation cannot make a backend's memory grow without bound.
 * LIMIT is written into the text (paging.ts) rather than bound, so a generic plan knows the page size.
 *
 * The statement runs on a connection of the knex instance's own pool (the same acquire timeout and
 * errors as any statement) and is announced on the instance's 'query' event like the others.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** Prepared statements kept per connection. */
export const MAX_PER_CONNECTION = 64;

interface PgClient {
  query(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
  /** pg's record of the statements it has parsed on this connection (name → text). */
  connection?: { parsedStatements?: Record<string, string> };
}

/** Per connection: statement names in least-recently-used order (a Map keeps insertion order). */
const namesByConnection = new WeakMap<PgClient, Map<string, true>>();

/** The rows of a query builder's statement, run as a named prepared statement. */
export async function queryPrepared(
  knex: Knex,
  query: Knex.QueryBuilder | Knex.Raw,
): Promise<Record<string, unknown>[]> {
  const { sql, bindings } = query.toSQL().toNative();
  const client = (await knex.client.acquireConnection()) as PgClient;
  try {
    const name = `hub${process.pid}_${connectionNumber(client)}_${statementHash(sql)}`;
    await remember(client, name);
    knex.client.emit('query', { sql, bindings, method: 'select', options: { name } });
    const res = await client.query({ name, text: sql, values: bindings as unknown[] });
    return res.rows;
  } finally {
    await knex.client.releaseConnection(client);
  }
}

/** The hash of a statement's text that ends its name (tests look a statement up by it). */
export const statementHash = (sql: string) => createHash('sha1').update(sql).digest('hex');

const connectionNumbers = new WeakMap<PgClient, number>();
let connections = 0;
const connectionNumber = (client: PgClient): number => {
  let n = connectionNumbers.get(client);
  if (n === undefined) connectionNumbers.set(client, (n = ++connections));
  return n;
};

/** Marks `name` as most recently used on `client`, deallocating the oldest beyond the bound. */
async function remember(client: PgClient, name: string): Promise<void> {
  let names = namesByConnection.get(client);
  if (!names) namesByConnection.set(client, (names = new Map()));
  if (names.delete(name)) {
    names.set(name, true);
    return;
  }
  while (names.size >= MAX_PER_CONNECTION) {
    const oldest = names.keys().next().value as string;
    names.delete(oldest);
    const parsed = client.connection?.parsedStatements;
    if (parsed && oldest in parsed) {
      await client.query({ text: `deallocate ${oldest}` });
      delete parsed[oldest];
    }
  }
  names.set(name, true);
}
