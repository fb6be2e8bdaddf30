import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from './entities.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A new connection to PostgreSQL that takes longer than this is an error. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** A request that waits longer than this for a pooled connection gets an error. */
export const POOL_ACQUIRE_TIMEOUT_MS = 10_000;

export function ormOptions(clientUrl: string, poolMax = 10): Options {
  return {
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // No reflection: every property declares its type explicitly.
    discovery: { requireEntitiesArray: true },
    pool: { min: 0, max: poolMax },
    // fail fast when the database is away (src/db/health.ts turns these into DATABASE_UNAVAILABLE,
    // 503): a connection that cannot be made in 5 s, or a pool with no free connection in 10 s, is an
    // error rather than a request that hangs; TCP keep-alive notices a connection that died silently
    driverOptions: {
      acquireConnectionTimeout: POOL_ACQUIRE_TIMEOUT_MS,
      connection: { connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true },
    },
    debug: false,
    allowGlobalContext: false,
    migrations: {
      path: path.join(root, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      silent: true,
      allOrNothing: true,
      // No snapshot file: `create` and `check` diff the entities against a fresh database with every
      // migration applied, so branches that each add a migration merge without a snapshot conflict.
      snapshot: false,
      snapshotName: '.snapshot',
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? '_' + name : ''}`,
    },
  };
}

export async function openOrm(clientUrl: string, poolMax = 10): Promise<MikroORM> {
  return MikroORM.init(ormOptions(clientUrl, poolMax));
}

/** Applies pending migrations; returns their names. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}
