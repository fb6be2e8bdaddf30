import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import { createLoaders, type Loaders } from './loaders.js';

/** Everything a resolver may use; built fresh for each request, never shared between viewers. */
export interface HubContext {
  viewer: Viewer;
  /** Forked per request: its identity map and unit of work belong to this request alone. */
  em: EntityManager;
  knex: Knex;
  loaders: Loaders;
  log: Logger;
  requestId: string;
}

export function createContext(
  base: { em: EntityManager; log: Logger },
  viewer: Viewer,
  requestId: string,
): HubContext {
  const em = base.em.fork();
  const knex = em.getKnex();
  return {
    viewer,
    em,
    knex,
    loaders: createLoaders(knex, viewer),
    log: base.log.child({ requestId }),
    requestId,
  };
}
