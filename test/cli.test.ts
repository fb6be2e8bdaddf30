/**
 * The command-line tools as a user runs them (real processes), beside a real hub (`npm start`'s
 * src/main.ts) on its own embedded data folder: import and export go through the running hub, fall
 * back to the folder once it stopped; the token CLI never creates a secret and says which it used; a
 * token of another hub gets a 401 that says so; wrong --org / --source / file give one clear line.
 *
 * Independent of the run's database (DATABASE_URL or embedded): the hub here has a folder of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { signToken } from '../src/auth/tokens.js';
import { hubFileOf, readRunningHub, type RunningHubInfo } from '../src/db/running-hub.js';
import { Role } from '../src/shared/enums.js';

const root = path.resolve(import.meta.dirname, '..');
/** Each test starts Node processes (tsx, the ORM, PGlite): seconds on an idle machine, more on a busy one. */
const SLOW = 90_000;
const ledgers = path.join(root, 'examples/ledgers');

/** The environment of a user's shell: embedded database in `dataDir`, no test secret, no DATABASE_URL. */
function userEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  if (!extra.HUB_JWT_SECRET) delete env.HUB_JWT_SECRET;
  return env;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli', cli), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastJson = (out: string) => JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
const lines = (err: string) =>
  err
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter(Boolean);

let dir: string;
let hubProcess: ChildProcess;
let hubExit: Promise<number | null>;
let hub: RunningHubInfo;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-'));
  // `npm start` on a fresh folder: migrations and the demo data set, which the sample ledgers refer to
  hubProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: userEnv(dir, { PORT: '0', HOST: '127.0.0.1' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  hubProcess.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  hubExit = new Promise((resolve) => hubProcess.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 170_000;
  for (;;) {
    const found = readRunningHub(dir);
    if (found) {
      hub = found;
      break;
    }
    if (hubProcess.exitCode !== null) throw new Error(`the hub exited: ${log}`);
    if (Date.now() > deadline) throw new Error(`the hub did not announce itself: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  if (hubProcess?.exitCode === null) {
    hubProcess.kill('SIGKILL');
    await hubExit;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('beside a running hub on the embedded database', () => {
  it('announces itself in the data folder (hub.json) with its URL and pid', () => {
    expect(hub.pid).toBe(hubProcess.pid);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it(
    'npm run import publishes through the hub instead of stopping at the locked folder',
    async () => {
      const r = await run(
        'import.ts',
        [path.join(ledgers, '绩效评价问题清单.csv'), '--org', 'HC-CZJ'],
        userEnv(dir),
      );
      expect(r.stderr).not.toContain('in use');
      expect(r.stderr).toContain(`going through its API at ${hub.url}`);
      expect(r.code).toBe(0);
      const summary = lastJson(r.stdout);
      expect(summary).toMatchObject({ rows: 10, written: true, problems: 0, hub: hub.url });
      expect((summary.created as number) + (summary.updated as number)).toBe(10);
    },
    SLOW,
  );

  it(
    'npm run export writes the 整改台账 through the hub',
    async () => {
      const out = path.join(dir, '整改台账.xlsx');
      const r = await run('export.ts', ['--role', 'AUDIT', '--org', 'HC-SJJ', '--out', out], userEnv(dir));
      expect(r.stderr).not.toContain('in use');
      expect(r.code).toBe(0);
      const bytes = readFileSync(out);
      expect(bytes.length).toBeGreaterThan(1000);
      expect(bytes.subarray(0, 2).toString()).toBe('PK'); // an .xlsx is a zip
    },
    SLOW,
  );

  it(
    'a wrong --org or another agency’s --source is one clear line and exit code 2',
    async () => {
      const audit = path.join(ledgers, '审计问题台账.xlsx');
      const [unknown, unit, foreign] = await Promise.all([
        run('import.ts', [audit, '--org', 'HC-NOPE'], userEnv(dir)),
        run('import.ts', [audit, '--org', 'HC-U001'], userEnv(dir)),
        run('import.ts', [audit, '--org', 'HC-CZJ', '--source', 'AUDIT'], userEnv(dir)),
      ]);
      for (const r of [unknown, unit, foreign]) {
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).not.toContain('问题编号');
        expect(r.stderr).not.toContain('name the ledger');
      }
      expect(unknown.stderr).toContain('no organisation with code "HC-NOPE"');
      expect(unknown.stderr).toContain('HC-SJJ 怀化市鹤城区审计局 (AUDIT)'); // what the user may have meant
      expect(unit.stderr).toContain('HC-U001 (怀化市鹤城区教育局) is a BUDGET_UNIT, not an oversight agency');
      expect(foreign.stderr).toContain(
        'HC-CZJ (怀化市鹤城区财政局) publishes PERFORMANCE findings, not AUDIT',
      );
    },
    SLOW,
  );

  it(
    'a missing file is one line, not an ENOENT stack',
    async () => {
      const missing = path.join(ledgers, 'no-such-ledger.xlsx');
      const r = await run('import.ts', [missing, '--org', 'HC-SJJ'], userEnv(dir));
      expect(r.code).toBe(2);
      expect(lines(r.stderr)).toEqual([`cannot read ${missing}: no such file`]);
    },
    SLOW,
  );

  it(
    'POST /findings/import answers bad requests with JSON, never a dropped connection',
    async () => {
      const config = loadConfig(userEnv(dir), { createSecret: false });
      const agency = await signToken(config, { sub: 't', role: Role.AUDIT, org: 'HC-SJJ' }, 60);
      const unit = await signToken(config, { sub: 't', role: Role.UNIT, org: 'HC-U001' }, 60);
      const post = async (query: string, token: string | null, body: Buffer) => {
        const res = await fetch(`${hub.url}/findings/import${query}`, {
          method: 'POST',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          body,
        });
        return {
          status: res.status,
          body: (await res.json()) as { error?: { code: string; message: string } },
        };
      };
      const ledger = readFileSync(path.join(ledgers, '审计问题台账.xlsx'));
      const cases = await Promise.all([
        post('?fileName=a.xlsx', null, ledger),
        post('?fileName=a.xlsx', unit, ledger),
        post('', agency, ledger),
        post('?fileName=a.xlsx&dryRun=maybe', agency, ledger),
        post('?fileName=a.xlsx', agency, Buffer.alloc(21 * 1024 * 1024)),
      ]);
      expect(cases.map((c) => [c.status, c.body.error?.code])).toEqual([
        [401, 'UNAUTHENTICATED'],
        [403, 'FORBIDDEN'],
        [400, 'BAD_USER_INPUT'],
        [400, 'BAD_USER_INPUT'],
        [413, 'TOO_LARGE'],
      ]);
      expect(cases[2]!.body.error!.message).toContain('fileName');
    },
    SLOW,
  );

  it(
    'npm run token refuses a data folder without a secret instead of creating one',
    async () => {
      const empty = mkdtempSync(path.join(os.tmpdir(), 'hub-cli-empty-'));
      try {
        const r = await run('token.ts', ['--role', 'FINANCE'], userEnv(empty));
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`no JWT secret in ${empty}: no hub has run with this data folder`);
        expect(r.stderr).toContain('HUB_JWT_SECRET');
        expect(existsSync(path.join(empty, 'jwt-secret'))).toBe(false);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'npm run token says which secret it signed with; a token of another hub gets a 401 that says so',
    async () => {
      const [own, other] = await Promise.all([
        run('token.ts', ['--role', 'FINANCE'], userEnv(dir)),
        run('token.ts', ['--role', 'FINANCE'], userEnv(dir, { HUB_JWT_SECRET: 'x'.repeat(40) })),
      ]);
      expect(own.code).toBe(0);
      expect(own.stderr).toContain(`signed with the secret of the data folder ${dir}`);
      expect(other.code).toBe(0);
      expect(other.stderr).toContain('signed with HUB_JWT_SECRET');
      const ask = (token: string) =>
        fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      expect((await ask(own.stdout.trim())).status).toBe(200);
      const refused = await ask(other.stdout.trim());
      expect(refused.status).toBe(401);
      const body = (await refused.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).toContain('may come from another hub');
      expect(body.errors[0]!.message).toContain('HUB_JWT_SECRET');
    },
    SLOW,
  );
});

describe('after the hub stopped', () => {
  it(
    'the hub stops cleanly and withdraws hub.json',
    async () => {
      hubProcess.kill('SIGTERM');
      expect(await hubExit).toBe(0);
      expect(existsSync(hubFileOf(dir))).toBe(false);
    },
    SLOW,
  );

  it(
    'npm run import opens the folder itself, and its progress line ends at N/N',
    async () => {
      const r = await run(
        'import.ts',
        [path.join(ledgers, '审计问题台账.xlsx'), '--org', 'HC-SJJ'],
        userEnv(dir),
      );
      expect(r.code).toBe(0);
      const summary = lastJson(r.stdout);
      // one of the sample's references is in the demo data already: 14 new rows and 1 update
      expect(summary).toMatchObject({ rows: 15, written: true, created: 14, updated: 1 });
      expect(summary.hub).toBeUndefined();
      const progress = lines(r.stderr).filter((l) => l.startsWith('writing'));
      expect(progress.at(-1)).toBe('writing 15/15');
    },
    SLOW,
  );
});
