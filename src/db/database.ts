import { loadConfig, type HubConfig } from '../config.js';
import { DataDirLockedError, startEmbeddedDatabase } from './embedded.js';
import { lockHolderOf, readRunningHub, type RunningHubInfo } from './running-hub.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Connections the ORM pool may open. */
  poolMax: number;
  stop(): Promise<void>;
}

/**
 * The embedded server runs one query at a time anyway, and pglite-socket (0.2.17) mixes up the
 * extended-protocol messages of concurrent connections under load: we saw parameters of one query bound
 * to another's statement ("invalid input syntax for type integer") with 20 concurrent requests. One
 * connection serialises everything in the client pool instead; code never waits on a second connection
 * inside a transaction, so this cannot deadlock.
 */
export const EMBEDDED_POOL_MAX = 1;

/** DATABASE_URL when set, else the embedded PGlite under the data folder. */
export async function openDatabase(config: HubConfig = loadConfig()): Promise<DatabaseHandle> {
  if (config.databaseUrl)
    return { url: config.databaseUrl, embedded: false, poolMax: config.dbPoolMax, stop: async () => {} };
  const db = await startEmbeddedDatabase(config.dataDir, { maxConnections: 8 });
  return { url: db.url, embedded: true, poolMax: EMBEDDED_POOL_MAX, stop: db.stop };
}

/** For command-line tools: a locked data folder is a one-line message and exit code 1, not a stack. */
export async function openDatabaseForCli(config: HubConfig = loadConfig()): Promise<DatabaseHandle> {
  try {
    return await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Where a command-line tool reads and writes: a database of its own, or the running hub's HTTP API. */
export type CliTarget = { db: DatabaseHandle; hub?: undefined } | { hub: RunningHubInfo; db?: undefined };

/**
 * For command-line tools that may run beside the hub: with DATABASE_URL, that database; with the
 * embedded one, the hub that holds the data folder (its HTTP API, announced in hub.json) when one runs,
 * else the folder itself. While another process holds the folder without announcing a hub (a hub still
 * starting, another command), waits up to `waitMs` for it to announce or let go, then gives up with a
 * one-line message and exit code 1.
 */
export async function openDatabaseOrHub(
  config: HubConfig = loadConfig(),
  opts: { waitMs?: number } = {},
): Promise<CliTarget> {
  if (config.databaseUrl) return { db: await openDatabase(config) };
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  let told = false;
  for (;;) {
    const hub = readRunningHub(config.dataDir);
    if (hub) return { hub };
    const holder = lockHolderOf(config.dataDir);
    if (holder === null) {
      try {
        return { db: await openDatabase(config) };
      } catch (e) {
        if (!(e instanceof DataDirLockedError)) throw e;
        // a hub took the folder in between: look again
      }
    } else if (Date.now() > deadline) {
      console.error(
        `the embedded database folder ${config.dataDir} is in use by process ${holder}, which is not a ` +
          'ready hub (no hub.json): wait until it is ready or has finished, or stop it',
      );
      process.exit(1);
    } else if (!told) {
      console.error(`waiting for process ${holder}, which holds ${config.dataDir} (a hub starting?)…`);
      told = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
