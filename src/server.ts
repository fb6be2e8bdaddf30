/**
 * The HTTP server: express 5 + Apollo Server at /graphql (queries, mutations; subscriptions over
 * graphql-ws on the same path), /healthz, /readyz, and the modules' plain HTTP routes. Authentication
 * and the request context come from src/http/; plugins and error masking from src/http/plugins.ts.
 */
import http from 'node:http';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { HubConfig } from './config.js';
import type { HubContext } from './context.js';
import { databaseOutageLog, isDatabaseUnavailable, pingDatabase } from './db/health.js';
import { ReadRouter } from './db/replica.js';
import { contextFactory, requestIdOf } from './http/request-context.js';
import {
  accessLogPlugin,
  correlationPlugin,
  DATABASE_RETRY_AFTER_SECONDS,
  databaseUnavailableError,
  databaseUnavailablePlugin,
  formatError,
  loggingPlugin,
  readRoutingPlugin,
} from './http/plugins.js';
import {
  bodyErrors,
  introspectionPlugin,
  operationLimits,
  OPERATION_LIMITS,
  requireJson,
} from './http/limits.js';
import { admitOperation, budgetPlugin } from './http/budget.js';
import {
  resolveDocumentIds,
  SHARED_REGISTRY,
  TrustedDocuments,
  trustedDocumentsGate,
} from './http/trusted-documents.js';
import { createRateLimiter } from './http/rate-limit.js';
import { mountRectificationRoutes } from './modules/rectification/index.js';
import { mountStatisticsRoutes } from './modules/statistics/statistics.http.js';
import { startSharingCache } from './modules/sharing/index.js';
import { mountPublishingRoutes } from './modules/publishing/publishing.http.js';
import { mountPerformanceRoutes } from './modules/performance/index.js';
import { evidenceStorageFor, startEvidenceSweeper } from './modules/evidence/index.js';
import { DASHBOARD_DOCUMENTS, mountWebRoutes } from './web/index.js';

import { compiledReadsPlugin } from './http/compiled-reads.js';
import { isGuarded } from './permissions.js';

export { formatError } from './http/plugins.js';
export { viewerFromHeader } from './http/auth.js';

export interface RunningServer {
  httpServer: http.Server;
  /** Where queries were sent, with a replica. */
  readRouter: ReadRouter | null;
  url: string;
  /**
   * The first step of a clean stop (SIGTERM): from now on /readyz answers 503, so that a load
   * balancer takes the instance out, and every answer closes its connection (keep-alive clients
   * reconnect, through the balancer, elsewhere). Requests are still served until stop().
   */
  drain(): void;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  config: HubConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  log: Logger;
  port?: number;
  /** A streaming replica's knex (DATABASE_REPLICA_URL): queries read from it (src/db/replica.ts). */
  replica?: Knex;
  /** Record sensitive reads (default true; off only to measure its cost). */
  accessLog?: boolean;
}): Promise<RunningServer> {
  const { config, orm, schema, log } = opts;
  // the registered operations per organisation (HUB_TRUSTED_DOCUMENTS_DIR), checked per the mode
  const trusted = TrustedDocuments.load(config.trustedDocumentsDir);
  if (config.trustedDocuments === 'require' && trusted.size === 0)
    throw new Error(
      `HUB_TRUSTED_DOCUMENTS=require but ${config.trustedDocumentsDir} registers no operation: every request would be refused`,
    );
  // the dashboard's own operations, for every organisation and role: the page is the hub's own
  // (src/web/dashboard.ts); counted after the check above, which is about the partners' registry
  trusted.addManifest(SHARED_REGISTRY, DASHBOARD_DOCUMENTS);
  if (config.trustedDocuments !== 'off')
    log.info({ mode: config.trustedDocuments, documents: trusted.size }, 'trusted documents');
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // the sharing state of every request, invalidated on change (LISTEN/NOTIFY or in-process)
  const sharing = await startSharingCache(orm.em.getKnex(), log, orm.config.get('clientUrl')!);
  const contextOf = contextFactory(config, orm, log, sharing);

  const limits = operationLimits({ production: config.production });
  // cost points per organisation per minute: Redis when REDIS_URL is set (shared), else in memory
  const rateLimiter = await createRateLimiter(
    { redisUrl: config.redisUrl, perMinute: config.rateLimitPerMinute },
    log,
  );
  const gate = trustedDocumentsGate(config.trustedDocuments, trusted);
  // a database restart under load: one warning per outage, every request answered 503 meanwhile
  const databaseUnavailable = databaseOutageLog(log);
  const readRouter = opts.replica ? new ReadRouter(orm.em.getKnex(), opts.replica, log) : null;
  const apollo = new ApolloServer<HubContext>({
    schema,
    // allowed per role by introspectionPlugin (production: HUB_INTROSPECTION_ROLES only)
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // production: no "Did you mean …" naming fields the caller did not ask about
    hideSchemaDetailsFromClientErrors: config.production,
    // one operation per HTTP request: a batch would multiply every limit below
    allowBatchedHttpRequests: false,
    // the hub's registry (trusted documents) is the only source of documents by hash: a client never
    // registers one (Apollo's automatic persisted queries would let any client do so)
    persistedQueries: false,
    validationRules: limits.validationRules,
    // main.ts owns shutdown: stop HTTP, then the pool, then the embedded database, in that order
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // the hub serves its own offline explorer (src/web); Apollo's page loads Sandbox from a CDN
      ApolloServerPluginLandingPageDisabled(),
      // the hub sets no cache hints; Apollo's default cache-control plugin would otherwise wrap every
      // field resolver of every request (profiled: ~6 % of a list page's CPU)
      ApolloServerPluginCacheControlDisabled(),
      readRoutingPlugin(readRouter),
      ...(limits.plugins as ApolloServerPlugin<HubContext>[]),
      introspectionPlugin({ production: config.production, roles: config.introspectionRoles }),
      budgetPlugin(rateLimiter, gate),
      // compilable findings operations answered from response-shaped SQL, with the same rules
      ...(config.compiledReads && isGuarded(schema) ? [compiledReadsPlugin(schema)] : []),
      accessLogPlugin(opts.accessLog ?? true),
      loggingPlugin(databaseUnavailable),
      correlationPlugin(),
      databaseUnavailablePlugin(),
    ],
  });
  await apollo.start();

  // after SIGTERM (drain()): not ready, and no connection kept alive
  let draining = false;
  app.use((_req, res, next) => {
    if (draining) res.setHeader('connection', 'close');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      await pingDatabase(orm.em.getKnex());
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  // evidence bytes: PostgreSQL (every instance) or this machine's folder; crash leftovers swept hourly
  const evidence = evidenceStorageFor(
    { store: config.evidenceStore, evidenceDir: config.evidenceDir },
    orm.em.getKnex(),
  );
  const evidenceSweeper = startEvidenceSweeper(evidence, orm.em.getKnex(), log);
  const contextFor = (req: express.Request): Promise<HubContext> =>
    contextOf(req.headers.authorization, req.headers['x-request-id'] as string | undefined);
  mountRectificationRoutes(app, {
    contextFor,
    evidence,
    maxEvidenceBytes: config.evidenceMaxBytes,
  });
  mountPublishingRoutes(app, { contextFor, httpServer, config });
  mountPerformanceRoutes(app, { contextFor });
  mountStatisticsRoutes(app, { contextFor });
  mountWebRoutes(app, { config, knex: orm.em.getKnex() });

  app.use(
    '/graphql',
    requireJson,
    express.json({ limit: OPERATION_LIMITS.bodyBytes }),
    bodyErrors,
    resolveDocumentIds(trusted),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        // the request's id from here on, so a failure before the context exists is still traceable
        const requestId = requestIdOf(req.headers['x-request-id'] as string | undefined);
        try {
          return await contextOf(req.headers.authorization, requestId);
        } catch (e) {
          if (e instanceof GraphQLError) {
            // Apollo turns an error thrown here into a response; 401 for authentication failures
            throw new GraphQLError(e.message, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          if (isDatabaseUnavailable(e)) {
            databaseUnavailable(e, requestId);
            const { message, extensions } = databaseUnavailableError(requestId);
            throw new GraphQLError(message, {
              extensions: {
                ...extensions,
                http: {
                  status: 503,
                  headers: new HeaderMap([
                    ['x-request-id', requestId],
                    ['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)],
                  ]),
                },
              },
            });
          }
          log.error({ err: e, requestId }, 'request context failed');
          throw new GraphQLError('Internal server error', {
            extensions: {
              code: 'INTERNAL_SERVER_ERROR',
              requestId,
              http: { status: 500, headers: new HeaderMap([['x-request-id', requestId]]) },
            },
          });
        }
      },
    }),
  );

  // Last resort for the plain HTTP routes: log, and answer without any internal detail.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isDatabaseUnavailable(err)) {
      databaseUnavailable(err);
      if (!res.headersSent) {
        const { message, extensions } = databaseUnavailableError();
        res.status(503).set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        res.json({ error: { code: extensions.code, message } });
      } else res.destroy();
      return;
    }
    log.error({ err }, 'http route error');
    if (!res.headersSent)
      res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' } });
    else res.destroy();
  });

  // Subscriptions (graphql-ws) on the same port and path. The token travels in connectionParams
  // ({ authorization: "Bearer …" }); a bad one closes the socket with 4401, as the protocol expects.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { ctx?: HubContext }>(
    {
      schema,
      onConnect: async (c) => {
        const auth = c.connectionParams?.authorization ?? c.connectionParams?.Authorization;
        try {
          c.extra.ctx = await contextOf(typeof auth === 'string' ? auth : undefined);
          return true;
        } catch (e) {
          // 1013 "try again later" while the database is away (not the token's fault)
          if (isDatabaseUnavailable(e))
            c.extra.socket.close(1013, 'The database is unavailable or overloaded; retry.');
          // 4401, like HTTP's 401: the token is the problem, not the subscription
          else
            c.extra.socket.close(4401, e instanceof GraphQLError ? e.message.slice(0, 120) : 'Unauthorized');
          return false;
        }
      },
      context: (c) => c.extra.ctx!,
      // the same limits as over HTTP: validation rules (depth, aliases, directives, tokens, production
      // suggestions), the trusted-documents gate, the cost budget and the rate limit
      onSubscribe: async (c, _id, payload) => {
        let document;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError('The subscription does not parse.')];
        }
        const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
        if (errors.length)
          return errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions }));
        try {
          await admitOperation(
            {
              contextValue: c.extra.ctx!,
              document,
              schema,
              variables: payload.variables ?? undefined,
              operationName: payload.operationName,
            },
            rateLimiter,
            gate,
          );
        } catch (e) {
          const g = e as GraphQLError;
          const { http: _h, ...extensions } = g.extensions ?? {};
          return [new GraphQLError(g.message, { extensions })];
        }
        return undefined;
      },
      onNext: async (c) => {
        const ctx = c.extra.ctx;
        // a subscription outlives its token only until the token expires: then the socket closes, 4401
        if (ctx?.viewer.expiresAt != null && Date.now() >= ctx.viewer.expiresAt) {
          // the payload is replaced by the error, so nothing of it leaves; then the socket is closed
          setImmediate(() => c.extra.socket.close(4401, 'The bearer token has expired.'));
          return {
            errors: [{ message: 'The bearer token has expired.', extensions: { code: 'UNAUTHENTICATED' } }],
          };
        }
        // sensitive fields delivered live are logged like those read by queries
        await ctx?.accessLog.flush(ctx.knex);
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? config.port, config.host, () => resolve());
  });
  const addr = httpServer.address() as { port: number };
  return {
    httpServer,
    readRouter,
    url: `http://localhost:${addr.port}/graphql`,
    drain() {
      draining = true;
    },
    async stop() {
      await wsCleanup.dispose();
      await apollo.stop();
      await sharing.stop();
      await rateLimiter?.close();
      await evidenceSweeper.stop();
    },
  };
}
