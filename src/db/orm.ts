import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTITIES } from './entities.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function ormOptions(clientUrl: string, poolMax = 10): Options {
  return {
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    // No reflection: every property declares its type explicitly.
    discovery: { requireEntitiesArray: true },
    pool: { min: 0, max: poolMax },
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
