/**
 * HTTP server: Apollo Server on express 5 at /graphql, /healthz and /readyz. Authentication happens
 * here, once per request: a bearer token is verified (jose) and turned into a Viewer; no token means
 * PUBLIC; a bad token is rejected with 401, never silently downgraded.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { HubConfig } from './config.js';
import { createContext, type HubContext } from './context.js';
import { makeViewer, PUBLIC_VIEWER, type Viewer } from './auth/viewer.js';
import { verifyToken } from './auth/tokens.js';
import { unauthenticated } from './shared/errors.js';
import { OrganizationKind, Role } from './shared/enums.js';
import { mountRectificationRoutes } from './modules/rectification/index.js';
import { mountPublishingRoutes } from './modules/publishing/publishing.http.js';
import { EvidenceStore } from './modules/evidence/index.js';
import { mountWebRoutes } from './web/index.js';

/** Organisation codes rarely change: cache code -> id for a minute to spare a query per request. */
function orgResolver(orm: MikroORM) {
  const cache = new Map<string, { org: OrgOfToken; at: number } | null>();
  return async (code: string): Promise<OrgOfToken | null> => {
    const hit = cache.get(code);
    if (hit !== undefined && (hit === null || Date.now() - hit.at < 60_000)) return hit?.org ?? null;
    const row = await orm.em.getKnex()('organization').select('id', 'kind').where({ code }).first();
    const org = row ? { id: row.id as number, kind: row.kind as OrganizationKind } : null;
    cache.set(code, org ? { org, at: Date.now() } : null);
    if (cache.size > 10_000) cache.clear();
    return org;
  };
}

type OrgOfToken = { id: number; kind: OrganizationKind };

/** The kind of organisation each role acts for: an AUDIT token naming a budget unit is refused. */
const KIND_OF_ROLE: Record<Exclude<Role, Role.PUBLIC>, OrganizationKind> = {
  FINANCE: OrganizationKind.OVERSIGHT_AGENCY,
  AUDIT: OrganizationKind.OVERSIGHT_AGENCY,
  REFORM: OrganizationKind.OVERSIGHT_AGENCY,
  DISCIPLINE: OrganizationKind.OVERSIGHT_AGENCY,
  UNIT: OrganizationKind.BUDGET_UNIT,
  EVALUATOR: OrganizationKind.THIRD_PARTY,
  LEADERSHIP: OrganizationKind.LEADERSHIP,
  HUB_ADMIN: OrganizationKind.HUB_OPERATOR,
};

export async function viewerFromHeader(
  config: HubConfig,
  header: string | undefined,
  orgOf: (code: string) => Promise<OrgOfToken | null>,
): Promise<Viewer> {
  if (!header) return PUBLIC_VIEWER;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const claims = await verifyToken(config, m[1]!);
  const expiresAt = claims.exp ? claims.exp * 1000 : null;
  if (claims.role === Role.PUBLIC) return { ...makeViewer(Role.PUBLIC, null, claims.sub), expiresAt };
  const org = await orgOf(claims.org!);
  if (org === null) throw unauthenticated('The organisation named in the token is not known to the hub.');
  if (org.kind !== KIND_OF_ROLE[claims.role as Exclude<Role, Role.PUBLIC>]) {
    throw unauthenticated(`A ${claims.role} token cannot act for an organisation of kind ${org.kind}.`);
  }
  return { ...makeViewer(claims.role, { id: org.id, code: claims.org! }, claims.sub), expiresAt };
}

/**
 * Writes the request's sensitive reads to the access log before the response leaves. Fails closed:
 * if the reads cannot be recorded, the data is withheld.
 */
function accessLogPlugin(enabled: boolean): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.accessLog.operation = operationName ?? null;
        },
        async willSendResponse({ contextValue, response }) {
          if (!enabled || !contextValue.accessLog.size) return;
          try {
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

/** Logs each operation (name, duration, error codes) without variables, tokens or result values. */
function loggingPlugin(): ApolloServerPlugin<HubContext> {
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
            if (!code || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: e.originalError ?? e, path: e.path }, 'resolver error');
            }
          }
        },
      };
    },
  };
}

/** Errors with a known code pass through; anything else is masked (no database text to clients). */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  const known = [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'BAD_USER_INPUT',
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'NOT_FOUND',
    'CONFLICT',
    'LIMIT_EXCEEDED',
    'PERSISTED_QUERY_NOT_FOUND',
    'OPERATION_RESOLUTION_FAILURE',
    'BAD_REQUEST',
  ];
  if (code && known.includes(code)) {
    const { stacktrace: _s, ...ext } = formatted.extensions ?? {};
    return { ...formatted, extensions: ext };
  }
  void error;
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

export interface RunningServer {
  httpServer: http.Server;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  config: HubConfig;
  orm: MikroORM;
  schema: GraphQLSchema;
  log: Logger;
  port?: number;
  /** Record sensitive reads (default true; off only to measure its cost). */
  accessLog?: boolean;
}): Promise<RunningServer> {
  const { config, orm, schema, log } = opts;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const orgId = orgResolver(orm);

  const apollo = new ApolloServer<HubContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns shutdown: stop HTTP, then the pool, then the embedded database, in that order
    stopOnTerminationSignals: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // the hub serves its own offline explorer (src/web); Apollo's page loads Sandbox from a CDN
      ApolloServerPluginLandingPageDisabled(),
      accessLogPlugin(opts.accessLog ?? true),
      loggingPlugin(),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getKnex().raw('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  const contextFor = async (req: express.Request): Promise<HubContext> => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    const viewer = await viewerFromHeader(config, req.headers.authorization, orgId);
    return createContext(
      {
        em: orm.em,
        log,
        settings: { disciplineMinCount: config.disciplineMinCount, escalationDays: config.escalationDays },
      },
      viewer,
      requestId,
    );
  };
  mountRectificationRoutes(app, {
    contextFor,
    evidence: new EvidenceStore(config.evidenceDir),
    maxEvidenceBytes: config.evidenceMaxBytes,
  });
  mountPublishingRoutes(app, { contextFor, httpServer, config });
  mountWebRoutes(app, { config, knex: orm.em.getKnex() });

  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
        let viewer: Viewer;
        try {
          viewer = await viewerFromHeader(config, req.headers.authorization, orgId);
        } catch (e) {
          if (e instanceof GraphQLError) {
            // Apollo turns an error thrown here into a response; 401 for authentication failures
            throw new GraphQLError(e.message, {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
          throw e;
        }
        return createContext(
          {
            em: orm.em,
            log,
            settings: {
              disciplineMinCount: config.disciplineMinCount,
              escalationDays: config.escalationDays,
            },
          },
          viewer,
          requestId,
        );
      },
    }),
  );

  // Last resort for the plain HTTP routes: log, and answer without any internal detail.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
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
          const viewer = await viewerFromHeader(config, typeof auth === 'string' ? auth : undefined, orgId);
          c.extra.ctx = await createContext(
            {
              em: orm.em,
              log,
              settings: {
                disciplineMinCount: config.disciplineMinCount,
                escalationDays: config.escalationDays,
              },
            },
            viewer,
            randomUUID(),
          );
          return true;
        } catch (e) {
          // 4401, like HTTP's 401: the token is the problem, not the subscription
          c.extra.socket.close(4401, e instanceof GraphQLError ? e.message.slice(0, 120) : 'Unauthorized');
          return false;
        }
      },
      context: (c) => c.extra.ctx!,
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
    url: `http://localhost:${addr.port}/graphql`,
    async stop() {
      await wsCleanup.dispose();
      await apollo.stop();
    },
  };
}
