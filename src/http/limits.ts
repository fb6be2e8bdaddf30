/**
 * What a request may ask of the hub before anything runs: the HTTP body (JSON only, at most
 * BODY_LIMIT), the operation's shape (GraphQL Armor: depth, aliases, directives; tokens), and in production mode no schema details to callers who are not entitled to them
 * (introspection for named roles only, no "Did you mean …" suggestions). Every refusal is a
 * GraphQL-shaped error with a code, before any resolver runs; the limits are listed in the README.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  TokenKind,
  visit,
  type DocumentNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import type { HubContext } from '../context.js';
import type { Role } from '../shared/enums.js';

export const OPERATION_LIMITS = {
  /** Largest JSON body of a GraphQL request. */
  bodyBytes: 1024 * 1024,
  /** Nesting of fields (fragments flattened); introspection queries are exempt. */
  maxDepth: 12,
  /** Aliases in one operation. */
  maxAliases: 15,
  /** Directives in one operation. */
  maxDirectives: 10,
  /** Lexical tokens in one document. */
  maxTokens: 3000,
} as const;

/** Reports a GraphQL Armor rejection as LIMIT_EXCEEDED (400), once, in the validation context. */
const limitExceeded = () => [
  (ctx: ValidationContext | null, e: GraphQLError) => {
    ctx?.reportError(
      new GraphQLError(e.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'LIMIT_EXCEEDED' } }),
    );
  },
];

/**
 * GraphQL Armor's validation rules for Apollo Server (depth, aliases, directives) and a token
 * limit. Each rejection is one LIMIT_EXCEEDED error, HTTP 400, before anything runs. The cost
 * estimate needs the request's variables (first: $n), so it runs after validation: src/http/budget.ts.
 */
export function operationLimits(opts: { production: boolean }) {
  const L = OPERATION_LIMITS;
  const own = () => ({ onReject: limitExceeded(), propagateOnRejection: false });
  const armor = new ApolloArmor({
    maxDepth: { n: L.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...own() },
    maxAliases: { n: L.maxAliases, ...own() },
    maxDirectives: { n: L.maxDirectives, ...own() },
    // the cost estimate is the hub's own (src/http/cost.ts): lists × first/last, budgets per role
    costLimit: { enabled: false },
    // Armor's Apollo token plugin throws from a plugin hook (HTTP 500): tokenLimitRule instead
    maxTokens: { enabled: false, n: L.maxTokens },
    // suggestions name fields a caller did not know: off in production
    blockFieldSuggestion: { enabled: opts.production },
  }).protect();
  return { validationRules: [tokenLimitRule(L.maxTokens), ...armor.validationRules], plugins: armor.plugins };
}

/**
 * Lexical tokens of the document (the parser links them from the document's location), over `n`:
 * LIMIT_EXCEEDED as a validation error, HTTP 400. The body limit already bounds what is parsed.
 */
function tokenLimitRule(n: number): ValidationRule {
  return (ctx) => {
    let count = 0;
    for (let t = ctx.getDocument().loc?.startToken ?? null; t; t = t.next) {
      if (t.kind !== TokenKind.SOF && t.kind !== TokenKind.EOF) count++;
    }
    if (count > n) {
      ctx.reportError(
        new GraphQLError(`Token limit of ${n} exceeded, found ${count}.`, {
          extensions: { code: 'LIMIT_EXCEEDED' },
        }),
      );
    }
    return {};
  };
}

const schemaAsked = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the document asks for the schema (__schema or __type; __typename is ordinary). Apollo keeps
 * one parsed document per query text, so each is walked once.
 */
export function asksForSchema(doc: DocumentNode): boolean {
  const known = schemaAsked.get(doc);
  if (known !== undefined) return known;
  let found = false;
  visit(doc, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  schemaAsked.set(doc, found);
  return found;
}

/**
 * Introspection in production only for the named roles (HUB_INTROSPECTION_ROLES); elsewhere for
 * everyone (development, the explorer, codegen against a local hub).
 */
export function introspectionPlugin(opts: {
  production: boolean;
  roles: readonly Role[];
}): ApolloServerPlugin<HubContext> {
  const allowed = new Set(opts.roles);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (!opts.production || allowed.has(contextValue.viewer.role)) return;
          if (asksForSchema(document)) {
            throw new GraphQLError('Introspection is disabled on this hub.', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

const bodyError = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/** A POST to /graphql must be JSON: anything else is 415 before the body is read. */
export function requireJson(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'POST' && !req.is('application/json')) {
    bodyError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the GraphQL request as application/json.');
    return;
  }
  next();
}

/** body-parser's refusals as GraphQL-shaped errors: 413 too large, 400 malformed, 415 charset. */
export function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large')
    bodyError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than ${OPERATION_LIMITS.bodyBytes} bytes.`,
    );
  else if (type === 'entity.parse.failed')
    bodyError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  else if (type === 'charset.unsupported' || type === 'encoding.unsupported')
    bodyError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as UTF-8 JSON.');
  else if (type === 'request.aborted' || type === 'request.size.invalid')
    bodyError(res, 400, 'BAD_REQUEST', 'The request body was incomplete.');
  else next(err);
}
