/** What a resolver may use, per request; built in src/http/request-context.ts. Types only. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Viewer } from './auth/viewer.js';
import type { Loaders } from './loaders.js';
import type { AccessLogCollector } from './modules/access-log/access-log.collector.js';

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
  /** `stats` answers kept per process (0: none); absent: 500. */
  statsCacheEntries?: number;
  escalationDays: number;
}
