// The embedded database's own thread: PGlite (PostgreSQL compiled to WASM) and the pglite-socket
// server that speaks the wire protocol to it. Plain JavaScript so it starts the same under `npm start`
// (tsx), the CLIs and the test runner. Started and stopped by embedded.ts; messages:
//   in:  { type: 'stop' }
//   out: { type: 'ready' } | { type: 'error', message } | { type: 'stopped' }
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { pgDir, port, maxConnections } = workerData;
let db;
let server;
try {
  db = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm } });
  // maxConnections must be >= the ORM pool size, or pooled connections wait forever
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  await server.start();
  parentPort.postMessage({ type: 'ready' });
} catch (e) {
  await db?.close().catch(() => {});
  parentPort.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}

parentPort.on('message', async (m) => {
  if (m?.type !== 'stop') return;
  try {
    await server.stop();
    await db.close();
  } finally {
    parentPort.postMessage({ type: 'stopped' });
    parentPort.close();
  }
});
