/**
 * Which process holds an embedded data folder, which hub runs on it, and where its HTTP API answers.
 *
 * The hub holds its data folder (PGlite in one process only; see embedded.ts), and a second connection
 * to its pglite-socket would mix up messages (see EMBEDDED_POOL_MAX). So command-line tools do not
 * touch the database of a running hub: they go through its HTTP API. To find it, a hub on the embedded
 * database writes `<dataDir>/hub.json` once it listens — its URL, its pid, and whether it signs with
 * HUB_JWT_SECRET or the folder's secret — and removes it when it stops. A file whose process is gone (a
 * hub that was killed) or that does not hold the folder's lock is stale and ignored.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { HubConfig } from '../config.js';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file of a data folder, with the pid of the process that holds it (embedded.ts). */
export const lockFileOf = (dataDir: string) => path.join(dataDir, 'pgdata.lock');

/** The live process that holds the data folder's lock, or null (no lock, or a stale one). */
export function lockHolderOf(dataDir: string): number | null {
  let holder: number;
  try {
    holder = Number(readFileSync(lockFileOf(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  return Number.isInteger(holder) && holder > 0 && isAlive(holder) ? holder : null;
}

export interface RunningHubInfo {
  /** Base URL of the hub's HTTP API, e.g. http://127.0.0.1:4000 (GraphQL at /graphql). */
  url: string;
  pid: number;
  startedAt: string;
  /** Where the hub's JWT secret comes from: HUB_JWT_SECRET or the data folder's jwt-secret file. */
  secret: 'HUB_JWT_SECRET' | 'data folder';
}

export const hubFileOf = (dataDir: string) => path.join(dataDir, 'hub.json');

/** Writes hub.json (atomically); the returned function removes it if it is still this process's. */
export function announceHub(dataDir: string, info: RunningHubInfo): () => void {
  const file = hubFileOf(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  return () => {
    try {
      const now = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningHubInfo>;
      if (now.pid === info.pid) unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

/** The hub that runs on this data folder now, or null (none, or a stale hub.json). */
export function readRunningHub(dataDir: string): RunningHubInfo | null {
  let info: Partial<RunningHubInfo>;
  try {
    info = JSON.parse(readFileSync(hubFileOf(dataDir), 'utf8')) as Partial<RunningHubInfo>;
  } catch {
    return null;
  }
  if (typeof info.url !== 'string' || !Number.isInteger(info.pid) || !isAlive(info.pid!)) return null;
  // the hub holds the folder's lock for as long as it runs; a reused pid does not
  if (lockHolderOf(dataDir) !== info.pid) return null;
  return info as RunningHubInfo;
}

/**
 * For the HTTP server of a hub on the embedded database: announce it in the data folder once it
 * listens, withdraw the announcement when it closes. Nothing with DATABASE_URL (CLIs connect directly).
 */
export function announceHubWhenListening(httpServer: http.Server, config: HubConfig): void {
  if (config.databaseUrl) return;
  let withdraw: (() => void) | null = null;
  httpServer.once('listening', () => {
    const addr = httpServer.address();
    if (!addr || typeof addr === 'string') return;
    // a wildcard bind answers on loopback; a specific address is used as it is
    const wildcard = addr.address === '0.0.0.0' || addr.address === '::';
    const host = wildcard ? '127.0.0.1' : addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    try {
      withdraw = announceHub(config.dataDir, {
        url: `http://${host}:${addr.port}`,
        pid: process.pid,
        startedAt: new Date().toISOString(),
        secret: config.jwtSecretSource === 'HUB_JWT_SECRET' ? 'HUB_JWT_SECRET' : 'data folder',
      });
    } catch {
      // a read-only folder: the CLIs then say that the folder is in use, as before
    }
  });
  const onExit = () => withdraw?.();
  process.once('exit', onExit);
  httpServer.once('close', () => {
    process.off('exit', onExit);
    withdraw?.();
  });
}
