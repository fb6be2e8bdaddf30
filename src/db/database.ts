import { loadConfig, type HubConfig } from '../config.js';
import { DataDirLockedError, startEmbeddedDatabase } from './embedded.js';

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
