/**
 * One database per test run: a fresh database on the server of DATABASE_URL when it is set (the
 * database it names is never touched), otherwise an embedded PGlite in a temporary folder. Migrations
 * are applied and the demo data set (scale 1) loaded once; tests add their own organisations on top.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freshDatabase } from '../src/db/fresh.js';
import { EMBEDDED_POOL_MAX } from '../src/db/database.js';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function startEmbedded(dir: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, 'test/support/embedded-db.ts'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ url: line.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`embedded database exited with ${code}`)));
  });
}

export default async function setup(project: TestProject) {
  let url: string;
  let teardown: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const fresh = await freshDatabase(process.env.DATABASE_URL, 'hub_test');
    url = fresh.url;
    teardown = fresh.drop;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-'));
    const { url: u, child } = await startEmbedded(dir);
    url = u;
    teardown = async () => {
      await new Promise<void>((res) => {
        child.removeAllListeners('exit');
        child.once('exit', () => res());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const env = { ...process.env, DATABASE_URL: url, HUB_DATA_DIR: path.join(os.tmpdir(), 'hub-test-secret') };
  execFileSync(tsx, [path.join(root, 'src/cli/seed.ts'), '--scale', '1'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('databaseUrl', url);
  project.provide('databasePoolMax', process.env.DATABASE_URL ? 5 : EMBEDDED_POOL_MAX);
  return teardown;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databasePoolMax: number;
  }
}
