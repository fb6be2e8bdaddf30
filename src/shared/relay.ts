/**
 * Relay building blocks: the Node interface, PageInfo, connection types and keyset pagination.
 *
 * Pagination is keyset (seek), never OFFSET: a cursor carries the sort key of the row it points at,
 * so page N costs the same as page 1 and concurrent inserts never shift a page.
 */
import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import type { Knex } from 'knex';
import { badInput } from './errors.js';

@InterfaceType('Node', {
  description: 'An object with a global id (全局标识), fetchable with `node(id)`.',
  resolveType: (v: { __typename?: string }) => v.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Global, opaque id of the object (全局唯一标识).' })
  id!: string;
}

@ObjectType('PageInfo', {
  description: 'Where a page sits in a connection (分页信息).',
  simpleResolvers: true,
})
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether more items follow this page (是否有下一页).' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Whether items precede this page (是否有上一页).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page (首条游标).' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page (末条游标).' })
  endCursor!: string | null;
}

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Return the first n items, 1-${MAX_PAGE} (前n条).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor (此游标之后).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Return the last n items, 1-${MAX_PAGE} (后n条).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return items before this cursor (此游标之前).' })
  before?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Called by the default resolver only when the client selects totalCount. */
  totalCount: () => Promise<number>;
}

/** Makes `XConnection` and `XEdge` object types for a node type. */
export function connectionTypes<T extends object>(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  nodeType: Function,
  name: string,
  zh: string,
): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, {
    description: `An edge in a ${name} connection (${zh}).`,
    simpleResolvers: true,
  })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item (游标).' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name} (${zh}).` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items (${zh}列表，分页).`,
    simpleResolvers: true,
  })
  class Conn {
    @Field(() => [Edge], { description: 'The items with their cursors (条目及游标).' })
    edges!: Edge[];

    @Field(() => [nodeType], { description: 'The items of this page (本页条目).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging information (分页信息).' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description:
        'Number of items matching the filter that the viewer may see, across all pages (符合条件的总数，仅计可见项).',
    })
    totalCount!: number;
  }
  return Conn as unknown as ClassType<Connection<T>>;
}

/** One sort key: a SQL expression that is never NULL, and its direction. */
export interface SortKey {
  expr: string;
  bindings?: unknown[];
  desc: boolean;
  /** Type cast applied to the cursor value in SQL (e.g. 'numeric'). */
  cast: 'numeric' | 'int' | 'timestamptz' | 'text';
}

interface CursorPayload {
  v: string | number;
  id: number;
}

export function encodeCursor(p: CursorPayload): string {
  return Buffer.from(JSON.stringify([p.v, p.id])).toString('base64url');
}

function decodeCursor(c: string, arg: string): CursorPayload {
  try {
    const [v, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof v === 'string' || typeof v === 'number') && Number.isSafeInteger(id))
      return { v, id: id as number };
  } catch {
    /* fall through */
  }
  throw badInput(`"${arg}" is not a valid cursor`, arg);
}

export function pageSize(args: ConnectionArgs): { n: number; backward: boolean } {
  if (args.first != null && args.last != null)
    throw badInput('Give either "first" or "last", not both', 'first');
  const n = args.last ?? args.first ?? DEFAULT_PAGE;
  const name = args.last != null ? 'last' : 'first';
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw badInput(`"${name}" must be between 1 and ${MAX_PAGE}, got ${n}`, name);
  }
  return { n, backward: args.last != null };
}

/**
 * Runs a keyset-paginated query. `base` is a query builder with FROM/JOIN/WHERE and the row columns
 * already selected (including `id`); `count` is called lazily for totalCount.
 */
export async function paginate<R extends { dbId: number }, T>(
  knex: Knex,
  base: Knex.QueryBuilder,
  args: ConnectionArgs,
  key: SortKey,
  mapRow: (row: Record<string, unknown>) => R & T,
  count: () => Promise<number>,
  idColumn: string,
): Promise<Connection<T>> {
  const { n, backward } = pageSize(args);
  const q = base.clone().select(knex.raw(`${key.expr} as _sort`, (key.bindings ?? []) as Knex.RawBinding[]));
  const after = args.after ? decodeCursor(args.after, 'after') : null;
  const before = args.before ? decodeCursor(args.before, 'before') : null;
  const seek = (c: CursorPayload, forward: boolean) => {
    // (key, id) compared as a row; both columns share one direction so the index order matches.
    const op = forward !== key.desc ? '>' : '<';
    q.whereRaw(`(${key.expr}, ${idColumn}) ${op} (?::${key.cast}, ?::int)`, [
      ...(key.bindings ?? []),
      c.v,
      c.id,
    ] as Knex.RawBinding[]);
  };
  if (after) seek(after, true);
  if (before) seek(before, false);
  const dir = (key.desc ? !backward : backward) ? 'desc' : 'asc';
  q.orderByRaw(`${key.expr} ${dir}, ${idColumn} ${dir}`, (key.bindings ?? []) as Knex.RawBinding[]);
  q.limit(n + 1);
  const rows = (await q) as Record<string, unknown>[];
  const more = rows.length > n;
  if (more) rows.pop();
  if (backward) rows.reverse();
  const nodes = rows.map(mapRow);
  const edges = rows.map((r, i) => ({
    cursor: encodeCursor({ v: r._sort as string | number, id: nodes[i]!.dbId }),
    node: nodes[i]!,
  }));
  let countPromise: Promise<number> | undefined;
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: backward ? before != null : more,
      hasPreviousPage: backward ? more : after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: () => (countPromise ??= count()),
  };
}
