/**
 * The cost estimate of an operation, before anything runs, in the style of GitHub's and Shopify's
 * models: what an operation may make the hub fetch, with lists multiplied by the page they ask for.
 * Computed by graphql-query-complexity over the parsed document with the request's variables
 * (fragments, @skip/@include resolved), and checked against the viewer's role budget.
 *
 * The same figure is what the per-organisation rate limit charges (src/http/rate-limit.ts).
 */
import { createRequire } from 'node:module';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { DEFAULT_PAGE, MAX_PAGE } from '../shared/paging.js';
import { Role } from '../shared/enums.js';

// The CommonJS build: its ESM build imports graphql/index.mjs, a second copy of graphql beside the
// one the schema is built with (import 'graphql' resolves to the CommonJS index.js), which graphql
// refuses to mix ("from another module or realm").
const { getComplexity } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

export const COST_MODEL = {
  /** Each field that returns an object (one row, or one fetch of a list): 1. Scalars and enums: 0. */
  object: 1,
  /** A mutation's root field, on top of what it returns: a write costs more than a read. */
  mutation: 10,
  /**
   * A connection (a field with `first`/`last`): 1 + n × the cost of one page item, n = `last` ??
   * `first` ?? DEFAULT_PAGE (20), at most MAX_PAGE (100, larger is refused by the field anyway).
   */
  defaultPage: DEFAULT_PAGE,
  /** A list without paging arguments (history, members, a page's nodes/edges are not multiplied again). */
  unpagedList: 10,
} as const;

/** Largest estimated cost of one operation, per role of the viewer. */
export const COST_BUDGETS: Record<Role, number> = {
  [Role.PUBLIC]: 1_000,
  [Role.UNIT]: 5_000,
  [Role.EVALUATOR]: 5_000,
  [Role.FINANCE]: 10_000,
  [Role.AUDIT]: 10_000,
  [Role.REFORM]: 10_000,
  [Role.DISCIPLINE]: 10_000,
  [Role.LEADERSHIP]: 10_000,
  [Role.HUB_ADMIN]: 20_000,
};

const PAGE_ITEM_FIELDS = new Set(['nodes', 'edges']);

function pageSize(args: Record<string, unknown>): number {
  const raw = args.last ?? args.first;
  if (raw == null) return COST_MODEL.defaultPage;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(Math.ceil(n), MAX_PAGE);
}

/** The hub's model as one estimator for graphql-query-complexity. */
const hubEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // introspection (__schema, __type and everything under them) costs nothing: who may introspect is
  // decided by role (src/http/limits.ts), and the explorer's full introspection query must pass
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const returns = getNullableType(field.type);
  const composite = isCompositeType(getNamedType(field.type));
  const isMutationRoot = type.name === 'Mutation';
  const own = (composite ? COST_MODEL.object : 0) + (isMutationRoot ? COST_MODEL.mutation : 0);
  const paged = 'first' in args || 'last' in args || field.args.some((a) => a.name === 'first');
  if (paged) return own + pageSize(args) * childComplexity;
  if (isListType(returns) && composite) {
    // the items of a page (one row each): the connection multiplies them by the page size
    if (PAGE_ITEM_FIELDS.has(field.name) && type.name.endsWith('Connection')) return own + childComplexity;
    return own + COST_MODEL.unpagedList * childComplexity;
  }
  return own + childComplexity;
};

/**
 * The estimated cost of the operation, or null when its variables do not coerce (execution then
 * refuses the request with its own error, so nothing runs either).
 */
/**
 * Estimates per parsed document (Apollo reuses the parsed document of a query text it has seen), by
 * operation and variables: the estimate depends on nothing else, and walking the document with
 * graphql-query-complexity on every request was a few per cent of a list page's CPU.
 */
const estimates = new WeakMap<DocumentNode, Map<string, number | null>>();
const MAX_ESTIMATES_PER_DOCUMENT = 64;

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined | null,
): number | null {
  let perDoc = estimates.get(document);
  if (!perDoc) estimates.set(document, (perDoc = new Map()));
  const key = `${operationName ?? ''}\u0000${variables ? JSON.stringify(variables) : ''}`;
  const known = perDoc.get(key);
  if (known !== undefined) return known;
  let cost: number | null;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [hubEstimator],
    });
  } catch {
    cost = null;
  }
  if (perDoc.size >= MAX_ESTIMATES_PER_DOCUMENT) perDoc.clear();
  perDoc.set(key, cost);
  return cost;
}
