/**
 * Embedded PostgreSQL: PGlite (Postgres compiled to WASM) served over the wire protocol by
 * pglite-socket, so MikroORM/knex talk to it exactly as to a real server.
 *
 * The database runs in a worker thread of its own (embedded-worker.mjs): on the main thread, every
 * query's WASM execution stopped the hub's event loop, so the demo hub used one core for HTTP, GraphQL
 * and the database together (measured with bench/embedded.ts: ~100 % of one core at 10 users).
 *
 * PGlite has no locking of its own: two processes opening the same folder corrupt it. We take an
 * exclusive lock file (pid inside) and refuse to start while a live process holds it.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync, openSync, closeSync, writeSync, readFileSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isAlive, lockFileOf } from './running-hub.js';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(
          `the embedded database folder ${path.dirname(lockFile)} is in use by process ${holder}; ` +
            'stop it or set HUB_DATA_DIR to another folder',
        );
      }
      unlinkSync(lockFile); // stale lock of a process that died
    }
  }
  throw new DataDirLockedError(`could not lock ${lockFile}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Opens (or creates) the database in `<dataDir>/pgdata` and serves it on a free loopback port. */
export async function startEmbeddedDatabase(
  dataDir: string,
  opts: { maxConnections: number },
): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pgdata');
  mkdirSync(pgDir, { recursive: true });
  const release = acquireLock(lockFileOf(dataDir));
  try {
    const port = await freePort();
    const worker = new Worker(new URL('./embedded-worker.mjs', import.meta.url), {
      workerData: { pgDir, port, maxConnections: opts.maxConnections },
      // the worker is plain JavaScript: no loader (tsx, the test runner's) is needed or inherited
      execArgv: [],
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { type: string; message?: string }) =>
        m.type === 'ready' ? resolve() : reject(new Error(`embedded database: ${m.message ?? m.type}`)),
      );
      worker.once('error', reject);
      void exited.then(() => reject(new Error('embedded database: the worker exited while starting')));
    });
    let stopped: Promise<void> | undefined;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        stopped ??= (async () => {
          worker.postMessage({ type: 'stop' });
          // a worker that does not stop in time is terminated; the lock goes either way
          const timer = setTimeout(() => void worker.terminate(), 15_000);
          await exited;
          clearTimeout(timer);
          release();
        })();
        return stopped;
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
