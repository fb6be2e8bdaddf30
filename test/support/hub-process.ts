/**
 * The hub as a process of its own (`src/main.ts`, as `npm start` runs it), for tests and scripts that
 * need more than one instance or a real signal: test/instances.test.ts and test/faults/run.ts. Each
 * process gets a temporary data folder (removed when it exits), listens on a free port of 127.0.0.1
 * and is ready when it logs "hub ready"; its stdout (JSON log lines) and stderr are kept in `log`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface HubExit {
  code: number | null;
  signal: string | null;
  /** Date.now() when the process exited */
  at: number;
}

export interface HubProcess {
  name: string;
  /** http://localhost:<port>/graphql */
  url: string;
  /** http://localhost:<port> */
  base: string;
  child: ChildProcess;
  dir: string;
  /** stdout line by line (the JSON log), and stderr as it came */
  log: string[];
  exit: Promise<HubExit>;
}

/**
 * Starts `src/main.ts` with the environment of this process, then `env`; resolves when the hub is
 * ready, rejects with its log when it exits first.
 */
export async function startHubProcess(name: string, env: Record<string, string>): Promise<HubProcess> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `hub-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      HUB_DATA_DIR: dir,
      HUB_SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const exit = new Promise<HubExit>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, at: Date.now() });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        log.push(line);
        try {
          const j = JSON.parse(line) as { msg?: string; url?: string };
          if (j.msg === 'hub ready' && j.url) resolve(j.url);
        } catch {
          // not JSON
        }
      }
    });
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    void exit.then((e) => reject(new Error(`${name} exited with ${e.code}: ${log.join('\n')}`)));
  });
  return { name, url, base: url.replace(/\/graphql$/, ''), child, dir, log, exit };
}

/** SIGTERM (the clean stop) and wait for the exit; SIGKILL after `killAfterMs`. */
export async function stopHubProcess(
  h: HubProcess | undefined,
  killAfterMs = 30_000,
): Promise<HubExit | null> {
  if (!h) return null;
  if (h.child.exitCode === null && h.child.signalCode === null) {
    h.child.kill('SIGTERM');
    const t = setTimeout(() => h.child.kill('SIGKILL'), killAfterMs);
    const e = await h.exit;
    clearTimeout(t);
    return e;
  }
  return h.exit;
}

/** Whether a log line since line `from` matches. */
export const logHas = (h: HubProcess, re: RegExp, from = 0): boolean =>
  h.log.slice(from).some((l) => re.test(l));
