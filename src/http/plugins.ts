/** Apollo Server plugins and error formatting of the hub. */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { HubContext } from '../context.js';
import { isDatabaseUnavailable } from '../db/health.js';
import { writerKey, type ReadRouter } from '../db/replica.js';
import { accessLogBatcherFor, type AccessLogBatcher } from '../modules/access-log/access-log.batcher.js';

/**
 * Writes the request's sensitive reads to the access log before the response leaves. Fails closed:
 * if the reads cannot be recorded, the data is withheld. The rows go through the pool's group-commit
 * batcher (concurrent requests share INSERTs; each response waits for its own batch); a request that
 * read nothing sensitive does not wait at all. On stop, after HTTP has drained, what waits is written.
 */
export function accessLogPlugin(enabled: boolean): ApolloServerPlugin<HubContext> {
  const batchers = new Set<AccessLogBatcher>();
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await Promise.all([...batchers].map((b) => b.drain()));
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.accessLog.operation = operationName ?? null;
        },
        async willSendResponse({ contextValue, response }) {
          if (!enabled || !contextValue.accessLog.size) return;
          try {
            const batcher = accessLogBatcherFor(contextValue.knex);
            if (batcher) batchers.add(batcher);
            await contextValue.accessLog.flush(contextValue.knex);
          } catch (e) {
            contextValue.log.error({ err: e }, 'access log write failed; response withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                data: null,
                errors: [
                  new GraphQLError(
                    'The read could not be recorded in the access log; nothing was returned.',
                    {
                      extensions: { code: 'INTERNAL_SERVER_ERROR' },
                    },
                  ),
                ],
              };
            }
          }
        },
      };
    },
  };
}

/**
 * With a replica (DATABASE_REPLICA_URL): a query executes on the replica unless its viewer wrote
 * something the replica has not replayed yet (src/db/replica.ts); a mutation, once it has executed,
 * records the primary's WAL position for its writer before the answer leaves. What runs after
 * execution (the access log) writes to the primary again.
 */
export function readRoutingPlugin(router: ReadRouter | null): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      if (!router) return {};
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (operation?.operation === 'query')
            contextValue.knex = await router.forQuery(writerKey(contextValue.viewer));
        },
        async executionDidStart({ contextValue }) {
          return {
            async executionDidEnd() {
              contextValue.knex = router.primary;
            },
          };
        },
        async willSendResponse({ contextValue, operation }) {
          contextValue.knex = router.primary;
          const writer = writerKey(contextValue.viewer);
          if (operation?.operation !== 'mutation' || writer === null) return;
          try {
            await router.wrote(writer);
          } catch (e) {
            // the primary is away: the mutation failed too, and the error says so
            contextValue.log.warn({ err: (e as Error).message }, 'could not read the WAL position');
          }
        },
      };
    },
  };
}

/**
 * Logs each operation (name, duration, error codes) without variables, tokens or result values.
 * Errors of an unreachable database go to `databaseUnavailable` (one warning per outage), not one
 * error line each.
 */
export function loggingPlugin(
  databaseUnavailable?: (err: unknown, requestId: string) => void,
): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart({ contextValue }) {
      const start = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const ms = Number(process.hrtime.bigint() - start) / 1e6;
          contextValue.log.info(
            {
              op: operationName ?? null,
              role: contextValue.viewer.role,
              org: contextValue.viewer.orgCode,
              ms: Math.round(ms * 10) / 10,
              errors: errors?.map((e) => e.extensions?.code ?? 'ERROR'),
            },
            'graphql',
          );
        },
        async didEncounterErrors({ errors }) {
          for (const e of errors) {
            const code = e.extensions?.code;
            if (databaseUnavailable && isDatabaseUnavailable(e)) {
              databaseUnavailable(e.originalError ?? e, contextValue.requestId);
            } else if (!code || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: e.originalError ?? e, path: e.path }, 'resolver error');
            }
          }
        },
      };
    },
  };
}

/**
 * An unexpected error reaches the client as INTERNAL_SERVER_ERROR with the request's id, which the
 * log line of the error carries too (the logger is a child with requestId): an operator finds the
 * cause from what the caller reports, and the caller learns nothing else. The id is also the
 * x-request-id response header.
 */
export function correlationPlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          const traced = (e: GraphQLFormattedError) =>
            e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.extensions?.code === 'DATABASE_UNAVAILABLE';
          if (!errors?.some(traced)) return;
          response.body.singleResult.errors = errors.map((e) =>
            traced(e) ? { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } } : e,
          );
        },
      };
    },
  };
}

/** Seconds a client should wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

/** The error a client gets while the database cannot be reached (a restart, a failover) or no pooled connection frees up in time (overload). */
export const databaseUnavailableError = (requestId?: string) => ({
  message: 'The database is unavailable or overloaded at the moment; retry shortly.',
  extensions: {
    code: 'DATABASE_UNAVAILABLE',
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    ...(requestId ? { requestId } : {}),
  },
});

/**
 * An answer with DATABASE_UNAVAILABLE among its errors is HTTP 503 with Retry-After, like the
 * context failing before execution: load balancers and clients retry it, and it is not a 500.
 */
export function databaseUnavailablePlugin(): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.some((e) => e.extensions?.code === 'DATABASE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** A GraphQL Armor rejection (marked LIMIT_EXCEEDED in src/http/limits.ts), however Apollo wrapped it. */
function limitCode(error: unknown): boolean {
  for (
    let e = error as { extensions?: { code?: unknown }; originalError?: unknown } | undefined, i = 0;
    e && i < 5;
    i++
  ) {
    if (e.extensions?.code === 'LIMIT_EXCEEDED') return true;
    e = e.originalError as typeof e;
  }
  return false;
}

/** Errors with a known code pass through; anything else is masked (no database text to clients). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (limitCode(error)) {
    const { cost, budget } = formatted.extensions ?? {};
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'LIMIT_EXCEEDED', ...(cost !== undefined ? { cost, budget } : {}) },
    };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code === 'DATABASE_UNAVAILABLE' || isDatabaseUnavailable(error)) {
    const requestId = formatted.extensions?.requestId;
    const e = databaseUnavailableError(typeof requestId === 'string' ? requestId : undefined);
    return { ...e, path: formatted.path, locations: formatted.locations };
  }
  const known = [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'BAD_USER_INPUT',
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'NOT_FOUND',
    'CONFLICT',
    'LIMIT_EXCEEDED',
    'RATE_LIMITED',
    'OPERATION_NOT_REGISTERED',
    'PERSISTED_QUERY_NOT_FOUND',
    'OPERATION_RESOLUTION_FAILURE',
    'BAD_REQUEST',
  ];
  if (code && known.includes(code)) {
    const { stacktrace: _s, ...ext } = formatted.extensions ?? {};
    return { ...formatted, extensions: ext };
  }
  void error;
  // the request id is the hub's own (set where the context failed); nothing else of the error leaves
  const requestId = code === 'INTERNAL_SERVER_ERROR' ? formatted.extensions?.requestId : undefined;
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: {
      code: 'INTERNAL_SERVER_ERROR',
      ...(typeof requestId === 'string' ? { requestId } : {}),
    },
  };
}
