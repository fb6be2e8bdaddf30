import { loadConfig, type HubConfig } from '../config.js';
import { startEmbeddedDatabase } from './embedded.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else the embedded PGlite under the data folder. */
export async function openDatabase(config: HubConfig = loadConfig()): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const db = await startEmbeddedDatabase(config.dataDir, { maxConnections: config.dbPoolMax + 5 });
  return { url: db.url, embedded: true, stop: db.stop };
}
