/**
 * Relay building blocks: the Node interface, PageInfo, connection types and keyset pagination.
 *
 * Pagination is keyset (seek), never OFFSET: a cursor carries the sort key of the row it points at,
 * so page N costs the same as page 1 and concurrent inserts never shift a page.
 */
import { ArgsType, Field, ID, Int, InterfaceType, ObjectType, type ClassType } from 'type-graphql';
import { MAX_PAGE, type Connection } from './paging.js';

export * from './paging.js';

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
