/**
 * The two-command demo under load: `npm start` on a fresh embedded database (PGlite, demo data at
 * scale 1), then 1 and 10 concurrent users on the pages a demo user opens. Writes
 * bench/results/embedded-latest.md (and .json). Usage:
 *
 *   npm run bench:embedded            # 8 s per segment
 *   npm run bench:embedded -- --duration 4
 *
 * What it answers: whether the embedded database is the demo's bottleneck. The hub process's CPU
 * (main thread + the database) is read from /proc over each segment; with the database on the main
 * thread, 100 % of one core is the ceiling of the whole demo.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuMs } from './compare/proc.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '8' } } });
const duration = Number(values.duration);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hub-embedded-bench-'));
const port = 4600 + Math.floor(Math.random() * 300);

const WORKLOADS = [
  {
    name: 'findings page (20, default order, unit)',
    query: '{ findings(first: 20) { totalCount nodes { id title amountInvolved unit { name } } } }',
  },
  {
    name: 'findings page (100) + unit, project, review',
    query:
      '{ findings(first: 100) { nodes { id title unit { name } project { name ownerUnit { name } } review { title score grade } } } }',
  },
  { name: 'findingStats', query: '{ findingStats { total bySource { source count amount } } }' },
  {
    name: 'rectification ledger page (20)',
    query: '{ rectifications(first: 20) { totalCount nodes { id state deadline daysOverdue } } }',
  },
];

interface Row {
  workload: string;
  connections: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  cpuPct: number;
}

const hub = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: '',
    HUB_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const cleanup = () => {
  hub.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

try {
  const t0 = Date.now();
  const banner = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`hub not ready after 180 s:\n${err}`)), 180_000);
    hub.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('HUB_ADMIN')) {
        clearTimeout(timer);
        resolve(err);
      }
    });
    hub.on('exit', (code) => reject(new Error(`hub exited with ${code}:\n${err}`)));
  });
  const startMs = Date.now() - t0;
  const token = /FINANCE\s+\S+\s*\n\s+(\S+)/.exec(banner)?.[1];
  if (!token) throw new Error('no FINANCE demo token in the banner');
  const url = `http://127.0.0.1:${port}/graphql`;
  console.log(`embedded hub ready in ${startMs} ms (fresh data folder, demo data seeded), pid ${hub.pid}`);

  const rows: Row[] = [];
  for (const w of WORKLOADS) {
    const body = JSON.stringify({ query: w.query });
    const check = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await check.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    const bad = json.errors?.filter((e) => e.extensions?.code !== 'FORBIDDEN') ?? [];
    if (check.status !== 200 || !json.data || bad.length)
      throw new Error(`${w.name}: ${check.status} ${JSON.stringify(json).slice(0, 300)}`);
    for (const connections of [1, 10]) {
      const before = cpuMs(hub.pid!) ?? 0;
      const t = Date.now();
      const r = await new Promise<autocannon.Result>((resolve, reject) =>
        autocannon(
          {
            url,
            method: 'POST',
            connections,
            duration,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          },
          (e, res) => (e ? reject(e) : resolve(res)),
        ),
      );
      const cpuPct = (((cpuMs(hub.pid!) ?? 0) - before) / (Date.now() - t)) * 100;
      rows.push({
        workload: w.name,
        connections,
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        cpuPct: Math.round(cpuPct * 10) / 10,
      });
      const last = rows[rows.length - 1]!;
      console.log(
        `  ${w.name} × ${connections}: ${last.reqPerSec} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms, hub CPU ${last.cpuPct} %`,
      );
    }
  }

  const outDir = path.join(root, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const md = [
    '# The two-command demo under load (embedded database)',
    '',
    `- run: ${new Date().toISOString()}, ${duration} s per segment, node ${process.version}, ${os.cpus().length} cores`,
    `- \`npm start\` on a fresh data folder: ready (migrations, demo data at scale 1) in ${startMs} ms`,
    '- autocannon in this process, FINANCE demo token; "hub CPU" is the hub process (HTTP, GraphQL and the',
    '  embedded database together; 100 % = one core)',
    '',
    '| workload | users | req/s | p50 ms | p99 ms | errors / non-2xx | hub CPU % |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.workload} | ${r.connections} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} / ${r.non2xx} | ${r.cpuPct} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(path.join(outDir, 'embedded-latest.md'), md);
  writeFileSync(
    path.join(outDir, 'embedded-latest.json'),
    JSON.stringify({ startMs, duration, rows }, null, 2),
  );
  console.log(`\nwrote bench/results/embedded-latest.md\n\n${md}`);
} finally {
  cleanup();
}
