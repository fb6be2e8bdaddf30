/**
 * Test harness: the real server (HTTP, shield, loaders) on the run's database, plus helpers to sign
 * tokens and send operations. One hub per test file.
 */
import { inject } from 'vitest';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import { loadConfig, type HubConfig } from '../../src/config.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { applyPermissions } from '../../src/permissions.js';
import { buildHubSchema } from '../../src/schema.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { signToken } from '../../src/auth/tokens.js';
import type { Role } from '../../src/shared/enums.js';

export interface GqlResult<T> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; [k: string]: unknown };
  }[];
}

export interface TestHub {
  config: HubConfig;
  orm: MikroORM;
  knex: Knex;
  server: RunningServer;
  token(role: Role, org?: string | null, opts?: { ttl?: number }): Promise<string>;
  gql<T = any, V = Record<string, unknown>>(
    doc: TypedDocumentNode<T, V> | DocumentNode | string,
    variables?: V,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  stop(): Promise<void>;
}

/** `overrides`: settings that differ from the test defaults (e.g. `production: true`). */
export async function startTestHub(overrides: Partial<HubConfig> = {}): Promise<TestHub> {
  const url = inject('databaseUrl');
  const config = {
    ...loadConfig(),
    databaseUrl: url,
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    ...overrides,
  };
  const orm = await openOrm(url, inject('databasePoolMax'));
  const schema = applyPermissions(await buildHubSchema());
  const server = await startServer({
    config,
    orm,
    schema,
    log: createLogger(process.env.HUB_TEST_LOG ?? 'silent'),
    port: 0,
  });
  return {
    config,
    orm,
    knex: orm.em.getKnex(),
    server,
    token: (role, org = null, opts = {}) =>
      signToken(config, { sub: `test-${role.toLowerCase()}`, role, org }, opts.ttl ?? 600),
    async gql(doc, variables, token) {
      const query = typeof doc === 'string' ? doc : print(doc as DocumentNode);
      const res = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResult<any>;
      return { ...body, status: res.status };
    },
    async stop() {
      await server.stop();
      await orm.close();
    },
  };
}
