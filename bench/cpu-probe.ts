/**
 * CPU per request of the hub for a few operations (ms of process CPU ÷ requests), from /proc, with
 * autocannon in this process. For iterating on the read path: `npx tsx bench/cpu-probe.ts <db url>`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const cannon = (o: Record<string, unknown>) =>
  (
    autocannon as unknown as (
      o: unknown,
    ) => Promise<{ requests: { total: number; mean: number }; non2xx: number }>
  )(o);
import { loadConfig } from '../src/config.js';
import { signToken } from '../src/auth/tokens.js';
import { Role } from '../src/shared/enums.js';

const db = process.argv[2]!;
const secret = 'cpu-probe-secret-0123456789abcdef0123456789';
const port = 4999;
const proc = spawn(
  process.execPath,
  [
    ...(process.env.PROBE_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROBE_CPU_PROF}`] : []),
    '--import',
    'tsx',
    'src/main.ts',
  ],
  {
    env: {
      ...process.env,
      DATABASE_URL: db,
      PORT: String(port),
      HUB_JWT_SECRET: secret,
      HUB_RATE_LIMIT_PER_MINUTE: '0',
      HUB_SEED_DEMO: 'false',
      HUB_DB_POOL_MAX: '10',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const cpu = () => {
  const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const url = `http://127.0.0.1:${port}/graphql`;
for (let i = 0; i < 100; i++) {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 500));
  }
}
process.env.HUB_JWT_SECRET = secret;
const token = await signToken(loadConfig(), { sub: 'probe', role: Role.FINANCE, org: 'HC-CZJ' }, 3600);
const queries: Record<string, string> = {
  trivial: '{ __typename }',
  list1:
    '{ findings(first: 1, filterBy: { sources: [AUDIT] }) { nodes { id title amountInvolved unit { name } } } }',
  list100:
    '{ findings(first: 100, filterBy: { sources: [AUDIT] }) { nodes { id title amountInvolved unit { name } } } }',
  nested:
    '{ findings(first: 100) { nodes { id title unit { name } project { name ownerUnit { name } } review { title score grade } } } }',
};
const only = process.argv[3]?.split(',');
if (!only || only.includes('healthz')) {
  const opts = { url: `http://127.0.0.1:${port}/healthz`, connections: 10 };
  await cannon({ ...opts, duration: 2 });
  const c0 = cpu();
  const r = await cannon({ ...opts, duration: Number(process.env.PROBE_SECONDS ?? 5) });
  const c1 = cpu();
  console.log(
    `healthz  ${String(Math.round(r.requests.mean)).padStart(5)} req/s  ${((c1 - c0) / r.requests.total).toFixed(2)} ms CPU/req  (express alone)`,
  );
}
for (const [name, query] of Object.entries(queries)) {
  if (only && !only.includes(name)) continue;
  const body = JSON.stringify({ query });
  const opts = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections: 10,
  };
  await cannon({ ...opts, duration: 2 });
  const c0 = cpu();
  const r = await cannon({ ...opts, duration: Number(process.env.PROBE_SECONDS ?? 5) });
  const c1 = cpu();
  const n = r.requests.total;
  console.log(
    `${name.padEnd(8)} ${String(Math.round(r.requests.mean)).padStart(5)} req/s  ${((c1 - c0) / n).toFixed(2)} ms CPU/req  non2xx ${r.non2xx}`,
  );
}
proc.kill('SIGTERM');
await new Promise((r) => proc.once('exit', r));
