/**
 * Embedded PostgreSQL: PGlite (Postgres compiled to WASM) served over the wire protocol by
 * pglite-socket, so MikroORM/knex talk to it exactly as to a real server.
 *
 * PGlite has no locking of its own: two processes opening the same folder corrupt it. We take an
 * exclusive lock file (pid inside) and refuse to start while a live process holds it.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
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
    const db = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm } });
    const port = await freePort();
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port,
      // must be >= the ORM pool size, or pooled connections wait forever
      maxConnections: opts.maxConnections,
    });
    await server.start();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
