/**
 * Test helper process: serves an embedded PGlite database from a folder and prints its URL on stdout;
 * runs until SIGTERM. The vitest global setup starts it when DATABASE_URL is not set.
 */
import { startEmbeddedDatabase } from '../../src/db/embedded.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: embedded-db.ts <dir>');
  process.exit(2);
}
const db = await startEmbeddedDatabase(dir, { maxConnections: 40 });
process.stdout.write(db.url + '\n');
const stop = () => db.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
