/**
 * The request context, built in one place for every way a request arrives: GraphQL over HTTP,
 * subscriptions over WebSocket, and the plain HTTP routes (evidence, ledgers, imports).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { HubConfig } from '../config.js';
import type { ContextSettings, HubContext } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from '../loaders.js';
import { loadSharingState } from '../policy/sharing.js';
import { AccessLogCollector } from '../modules/access-log/access-log.collector.js';
import type { SharingCache } from '../modules/sharing/index.js';
import { orgResolver, viewerFromHeader } from './auth.js';

/**
 * One request's context. The em fork and the DataLoaders are made when first used (many requests
 * need neither: a compiled list page reads through knex alone). They are getters on the prototype,
 * so Apollo's shallow copy of the context (Object.assign onto the same prototype) neither triggers
 * them nor shares what they make between copies.
 */
class RequestContext implements HubContext {
  private forked: EntityManager | undefined = undefined;
  private made: Loaders | undefined = undefined;

  constructor(
    readonly viewer: Viewer,
    /** The primary; a query may be pointed at the replica before it executes (src/db/replica.ts). */
    public knex: Knex,
    readonly log: Logger,
    readonly requestId: string,
    readonly accessLog: AccessLogCollector,
    readonly settings: ContextSettings,
    private readonly baseEm: EntityManager,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.baseEm.fork());
  }

  /** Made on first use, from the knex the operation reads from. */
  get loaders(): Loaders {
    return (this.made ??= createLoaders(this.knex, this.viewer));
  }
}

/**
 * A fresh context for one request of one viewer: own em fork and loaders (made when first used) and
 * access-log collector. The sharing state comes from the process's cache when there is one, else
 * from the database.
 */
export async function createContext(
  base: { em: EntityManager; log: Logger; settings: ContextSettings; sharing?: SharingCache },
  identity: Viewer,
  requestId: string,
): Promise<HubContext> {
  // every fork shares the one knex
  const knex = base.em.getKnex();
  const sharing = base.sharing
    ? await base.sharing.get(identity.orgId)
    : await loadSharingState(knex, identity.orgId);
  const viewer: Viewer = { ...identity, sharing };
  return new RequestContext(
    viewer,
    knex,
    base.log.child({ requestId }),
    requestId,
    new AccessLogCollector(viewer, requestId),
    base.settings,
    base.em,
  );
}

/** The request's id: the caller's x-request-id (64 characters at most), else a new one. */
export const requestIdOf = (header: string | undefined): string => header?.slice(0, 64) || randomUUID();

export type ContextFactory = (
  authorization: string | undefined,
  requestId?: string | undefined,
) => Promise<HubContext>;

/**
 * Authentication and context in one call: throws UNAUTHENTICATED (a GraphQLError) for a bad token.
 * A caller-supplied request id is kept (64 characters at most), else one is made.
 */
export function contextFactory(
  config: HubConfig,
  orm: MikroORM,
  log: Logger,
  sharing?: SharingCache,
): ContextFactory {
  const orgOf = orgResolver(orm.em.getKnex());
  const settings: ContextSettings = {
    disciplineMinCount: config.disciplineMinCount,
    escalationDays: config.escalationDays,
    statsCacheEntries: config.statsCacheEntries,
  };
  return async (authorization, requestId) => {
    const viewer = await viewerFromHeader(config, authorization, orgOf);
    return createContext({ em: orm.em, log, settings, sharing }, viewer, requestIdOf(requestId));
  };
}
