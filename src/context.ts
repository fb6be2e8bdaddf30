import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';
import { loadSharingState } from './policy/sharing.js';
import { AccessLogCollector } from './modules/access-log/access-log.collector.js';

/** Everything a resolver may use; built fresh for each request, never shared between viewers. */
export interface HubContext {
  viewer: Viewer;
  /** Forked per request: its identity map and unit of work belong to this request alone. */
  em: EntityManager;
  knex: Knex;
  loaders: Loaders;
  log: Logger;
  requestId: string;
  /** Sensitive reads of this request, written to the access log before the response is sent. */
  accessLog: AccessLogCollector;
  settings: ContextSettings;
}

/** Settings resolvers need, from the config. */
export interface ContextSettings {
  disciplineMinCount: number;
  escalationDays: number;
}

export async function createContext(
  base: { em: EntityManager; log: Logger; settings: ContextSettings },
  identity: Viewer,
  requestId: string,
): Promise<HubContext> {
  const em = base.em.fork();
  const knex = em.getKnex();
  const viewer: Viewer = { ...identity, sharing: await loadSharingState(knex, identity.orgId) };
  return {
    viewer,
    em,
    knex,
    loaders: createLoaders(knex, viewer),
    log: base.log.child({ requestId }),
    requestId,
    accessLog: new AccessLogCollector(viewer, requestId),
    settings: base.settings,
  };
}
