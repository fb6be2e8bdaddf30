/**
 * Keyset paging in SQL, for repositories: page size checks, opaque cursors and the page query.
 * No GraphQL here (src/shared/relay.ts declares the Relay types on top of it), so repositories and
 * command-line tools load it without the schema's decorators.
 */
import type { Knex } from 'knex';
import { badInput } from './errors.js';

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

/** first/last/after/before as the API takes them (ConnectionArgs in relay.ts). */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** Called by the default resolver only when the client selects totalCount. */
  totalCount: () => Promise<number>;
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

export function pageSize(args: PageArgs): { n: number; backward: boolean } {
  if (args.first != null && args.last != null)
    throw badInput('Give either "first" or "last", not both', 'first');
  const n = args.last ?? args.first ?? DEFAULT_PAGE;
  const name = args.last != null ? 'last' : 'first';
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
    throw badInput(`"${name}" must be between 1 and ${MAX_PAGE}, got ${n}`, name);
  }
  return { n, backward: args.last != null };
}

/** totalCount of a page: count(*) over the page's FROM/WHERE (`base`, no columns selected). */
export const countOf =
  (
    base: Knex.QueryBuilder,
    run: (q: Knex.QueryBuilder) => Promise<Record<string, unknown>[]> = async (q) => [await q.first()],
  ): (() => Promise<number>) =>
  async () =>
    Number((await run(base.clone().count({ n: '*' })))[0]!.n);

/**
 * Runs a keyset-paginated query. `base` is a query builder with FROM/JOIN/WHERE and the row columns
 * already selected (including `id`); `count` is called lazily for totalCount.
 */
export async function paginate<R extends { dbId: number }, T>(
  knex: Knex,
  base: Knex.QueryBuilder,
  args: PageArgs,
  key: SortKey,
  mapRow: (row: Record<string, unknown>) => R & T,
  count: () => Promise<number>,
  idColumn: string,
  opts: {
    countNow?: boolean;
    /** Runs the page's statement (default: through knex), e.g. as a prepared statement. */
    run?: (q: Knex.QueryBuilder) => Promise<Record<string, unknown>[]>;
  } = {},
): Promise<Connection<T>> {
  const { n, backward } = pageSize(args);
  // asked-for totalCount runs beside the page rather than after it; a failed page leaves no
  // unobserved rejection behind
  let countPromise: Promise<number> | undefined = opts.countNow ? count() : undefined;
  countPromise?.catch(() => {});
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
  // written into the text (n is a checked integer), so a prepared statement's plan knows the page size
  q.limit(n + 1, { skipBinding: true });
  const rows = opts.run ? await opts.run(q) : ((await q) as Record<string, unknown>[]);
  const more = rows.length > n;
  if (more) rows.pop();
  if (backward) rows.reverse();
  const nodes = rows.map(mapRow);
  // edges and cursors are built only when the client selects them (a list of nodes needs neither)
  let edges: Connection<T>['edges'] | undefined;
  const edgesOf = () =>
    (edges ??= rows.map((r, i) => ({
      cursor: encodeCursor({ v: r._sort as string | number, id: nodes[i]!.dbId }),
      node: nodes[i]!,
    })));
  return {
    get edges() {
      return edgesOf();
    },
    nodes,
    pageInfo: {
      hasNextPage: backward ? before != null : more,
      hasPreviousPage: backward ? more : after != null,
      get startCursor() {
        return edgesOf()[0]?.cursor ?? null;
      },
      get endCursor() {
        const e = edgesOf();
        return e[e.length - 1]?.cursor ?? null;
      },
    },
    totalCount: () => (countPromise ??= count()),
  };
}
