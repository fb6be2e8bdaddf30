/**
 * A PostgreSQL server of one's own, in a temporary folder on a free local port: for scripts and tests
 * that stop and start the database (test/faults) or need a streaming replica (test/replica.test.ts).
 * The machine's shared server is never touched. Runs the server binaries of PG_BIN (default
 * /usr/lib/postgresql/15/bin); as root, through `runuser -u postgres` (initdb refuses to run as root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** Whether the server binaries are here (tests that need them skip when not). */
export const privatePostgresAvailable = (): boolean =>
  existsSync(path.join(PG_BIN, 'initdb')) && existsSync(path.join(PG_BIN, 'pg_ctl'));

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[], opts: { allowFail?: boolean } = {}): string {
  const file = path.join(PG_BIN, bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail)
    throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  port: number;
  /** Data folder. */
  data: string;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** pg_ctl stop (mode fast: active sessions are terminated, as in a restart). */
  stop(mode?: 'fast' | 'immediate' | 'smart'): void;
  start(): void;
  /** pg_ctl status */
  running(): boolean;
  /** Stops the server (if running) and removes its folder. */
  destroy(): void;
  /** Log file of the server. */
  logFile: string;
}

function makeDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  return dir;
}

function handle(dir: string, data: string, port: number): PrivatePostgres {
  const logFile = path.join(dir, 'server.log');
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  let destroyed = false;
  const h: PrivatePostgres = {
    port,
    data,
    logFile,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode = 'fast') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start: () => void run('pg_ctl', ['-D', data, '-o', opts, '-l', logFile, '-w', '-t', '60', 'start']),
    running: () => {
      const out = run('pg_ctl', ['-D', data, 'status'], { allowFail: true });
      return /server is running/.test(out);
    },
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      if (h.running()) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/**
 * initdb (trust, UTF-8, no fsync: a throw-away server) and start. `settings` become postgresql.conf
 * lines (e.g. `wal_level = replica`).
 */
export async function startPrivatePostgres(
  opts: { port?: number; settings?: string[] } = {},
): Promise<PrivatePostgres> {
  const dir = makeDir('hub-pg-');
  const data = path.join(dir, 'data');
  const port = opts.port ?? (await freePort());
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const conf = ['fsync = off', 'full_page_writes = off', 'max_connections = 200', ...(opts.settings ?? [])];
  appendConf(data, conf);
  const h = handle(dir, data, port);
  h.start();
  return h;
}

function appendConf(data: string, lines: string[]) {
  const file = path.join(data, 'postgresql.conf');
  // through the server's user, who owns the folder
  const text = lines.join('\n') + '\n';
  if (asRoot) {
    execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', `cat >> '${file}'`], { input: text });
  } else {
    execFileSync('sh', ['-c', `cat >> '${file}'`], { input: text });
  }
}

/**
 * A streaming replica of `primary` (which needs `wal_level = replica`, the default, and a free WAL
 * sender): pg_basebackup -R into a folder of its own, started on another port. Read-only (hot standby).
 */
export async function startReplica(primary: PrivatePostgres): Promise<PrivatePostgres> {
  const dir = makeDir('hub-pg-replica-');
  const data = path.join(dir, 'data');
  const port = await freePort();
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    data,
    '-R',
    '-X',
    'stream',
    '--no-sync',
  ]);
  const h = handle(dir, data, port);
  h.start();
  return h;
}
