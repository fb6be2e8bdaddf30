/**
 * Comparison server (a): the hub as production runs it — the real `startServer` with
 * `applyPermissions(await buildHubSchema())`, a pool of 10, a silent logger — in a process of its own so
 * its CPU time and RSS can be measured. Env: BENCH_DB_URL, HUB_JWT_SECRET. Started by bench/compare.ts.
 */
import { env, fatal, ready, serveParent, POOL_MAX } from './child.js';
import { loadConfig } from '../../src/config.js';
import { openOrm } from '../../src/db/orm.js';
import { createLogger } from '../../src/logger.js';
import { applyPermissions } from '../../src/permissions.js';
import { buildHubSchema } from '../../src/schema.js';
import { startServer } from '../../src/server.js';

try {
  const url = env('BENCH_DB_URL');
  const config = { ...loadConfig(), host: '127.0.0.1', dbPoolMax: POOL_MAX };
  const orm = await openOrm(url, POOL_MAX);
  const schema = applyPermissions(await buildHubSchema());
  const server = await startServer({ config, orm, schema, log: createLogger('silent'), port: 0 });
  serveParent(async () => {
    await server.stop();
    await orm.close(true);
  });
  ready((server.httpServer.address() as { port: number }).port);
} catch (e) {
  fatal(e);
}
