/**
 * Start-up in one place: config → database (embedded or DATABASE_URL) → ORM + migrations → demo data
 * when empty → schema + permissions → HTTP server. Used by main.ts and by the tests.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { HubConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateUp, openOrm } from './db/orm.js';
import { applyPermissions } from './permissions.js';
import { buildHubSchema } from './schema.js';
import { seedDemoDataSet } from './seed/demo.js';
import { startServer, type RunningServer } from './server.js';
import { connectChangeBusToRedis } from './modules/publishing/change-bus.js';
import { countOrganizations } from './modules/organization/organization.repo.js';

export interface Hub {
  config: HubConfig;
  db: DatabaseHandle;
  orm: MikroORM;
  /** The streaming replica's ORM (DATABASE_REPLICA_URL), for its pool; queries read through it. */
  replicaOrm: MikroORM | undefined;
  schema: GraphQLSchema;
  server: RunningServer;
  stop(): Promise<void>;
}

export async function prepareDatabase(orm: MikroORM, config: HubConfig, log: Logger): Promise<void> {
  const applied = await migrateUp(orm);
  if (applied.length) log.info({ migrations: applied }, 'migrations applied');
  if (!config.seedDemo) return;
  const knex = orm.em.getKnex();
  const n = await countOrganizations(knex);
  if (Number(n) > 0) return;
  const t0 = Date.now();
  log.info({ scale: config.seedScale }, 'empty database: loading the demo data set');
  const counts = await seedDemoDataSet(knex, { scale: config.seedScale, progress: (line) => log.info(line) });
  log.info({ ...counts, ms: Date.now() - t0 }, 'demo data loaded');
}

export async function startHub(config: HubConfig, log: Logger, opts: { port?: number } = {}): Promise<Hub> {
  const db = await openDatabase(config);
  let orm: MikroORM | undefined;
  let replicaOrm: MikroORM | undefined;
  try {
    orm = await openOrm(db.url, db.poolMax);
    await prepareDatabase(orm, config, log);
    if (config.databaseReplicaUrl) {
      replicaOrm = await openOrm(config.databaseReplicaUrl, db.poolMax);
      log.info('queries read from the replica (DATABASE_REPLICA_URL), with read-your-writes');
    }
    const schema = applyPermissions(await buildHubSchema());
    const disconnectRedis = config.redisUrl
      ? await connectChangeBusToRedis(config.redisUrl, log)
      : async () => {};
    const server = await startServer({
      config,
      orm,
      schema,
      log,
      port: opts.port,
      replica: replicaOrm?.em.getKnex(),
    });
    const o = orm;
    return {
      config,
      db,
      orm: o,
      replicaOrm,
      schema,
      server,
      async stop() {
        await server.stop();
        log.debug('http server stopped');
        await disconnectRedis();
        await o.close();
        await replicaOrm?.close();
        log.debug('database pool closed');
        await db.stop();
        log.debug('database stopped');
      },
    };
  } catch (e) {
    await orm?.close().catch(() => {});
    await replicaOrm?.close().catch(() => {});
    await db.stop().catch(() => {});
    throw e;
  }
}
