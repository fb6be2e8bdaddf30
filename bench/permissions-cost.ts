/**
 * The cost of permissions: one list query (100 findings with content fields and a relation, FINANCE
 * token, so RESTRICTED rows are read and logged) against three servers over the same database, in one
 * run: shield + access log (production), shield without the access log, and neither.
 * Writes bench/results/permissions-cost-latest.json. Run: npx tsx bench/permissions-cost.ts [--scale 10] [--duration 8]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freshDatabase } from '../src/db/fresh.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { seedDemo } from '../src/seed/generator.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { signToken } from '../src/auth/tokens.js';
import { Role } from '../src/shared/enums.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '10' }, duration: { type: 'string', default: '8' } },
});
process.env.HUB_JWT_SECRET ??= 'bench-secret-bench-secret-bench-secret-012345';
const config = { ...loadConfig(), host: '127.0.0.1' };
const fresh = await freshDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'hub_bench_perm');
const orm = await openOrm(fresh.url, 10);
const log = createLogger('silent');
const servers: { stop(): Promise<void> }[] = [];
try {
  await migrateUp(orm);
  await seedDemo(orm.em.getKnex(), { scale: Number(values.scale) });
  await orm.em.getKnex().raw('vacuum analyze');
  const bare = await buildHubSchema();
  const guarded = applyPermissions(bare);
  const variants = {
    'shield + access log': await startServer({ config, orm, schema: guarded, log, port: 0, accessLog: true }),
    'shield, no access log': await startServer({
      config,
      orm,
      schema: guarded,
      log,
      port: 0,
      accessLog: false,
    }),
    'no shield, no access log': await startServer({
      config,
      orm,
      schema: bare,
      log,
      port: 0,
      accessLog: false,
    }),
  };
  servers.push(...Object.values(variants));
  const token = await signToken(config, { sub: 'bench', role: Role.FINANCE, org: 'HC-CZJ' }, 3600);
  const body = JSON.stringify({
    query: `query List { findings(first: 100, filterBy: { sources: [AUDIT, PERFORMANCE, REFORM] }) {
      nodes { id title description amountInvolved severity rectificationStatus unit { name } } } }`,
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const check = await (
    await fetch(variants['shield + access log'].url, { method: 'POST', headers, body })
  ).json();
  if (
    (check as { errors?: unknown }).errors ||
    (check as { data: { findings: { nodes: unknown[] } } }).data.findings.nodes.length !== 100
  ) {
    throw new Error(`unexpected answer: ${JSON.stringify(check).slice(0, 300)}`);
  }
  const logBefore = Number((await orm.em.getKnex()('access_log').count({ n: '*' }).first())!.n);
  const results: Record<string, unknown> = {};
  for (const [name, srv] of Object.entries(variants)) {
    await new Promise((r) =>
      autocannon({ url: srv.url, method: 'POST', headers, body, connections: 4, duration: 2 }, r),
    ); // warm-up
    const res = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        { url: srv.url, method: 'POST', headers, body, connections: 4, duration: Number(values.duration) },
        (e, r) => (e ? reject(e) : resolve(r)),
      ),
    );
    results[name] = {
      reqPerSec: Math.round(res.requests.mean * 10) / 10,
      p50: res.latency.p50,
      p99: res.latency.p99,
      non2xx: res.non2xx,
    };
    console.log(name, JSON.stringify(results[name]));
  }
  const logged = Number((await orm.em.getKnex()('access_log').count({ n: '*' }).first())!.n) - logBefore;
  const on = results['shield + access log'] as { reqPerSec: number; p50: number };
  const off = results['no shield, no access log'] as { reqPerSec: number; p50: number };
  const out = {
    at: new Date().toISOString(),
    scale: Number(values.scale),
    durationSeconds: Number(values.duration),
    connections: 4,
    results,
    accessLogRowsWritten: logged,
    ratioP50OnVsOff: Math.round((on.p50 / off.p50) * 100) / 100,
    ratioReqPerSecOnVsOff: Math.round((on.reqPerSec / off.reqPerSec) * 100) / 100,
    note: 'one run on a noisy 2-core machine; compare within the run',
  };
  console.log(JSON.stringify(out, null, 2));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('./results/permissions-cost-latest.json', import.meta.url),
    JSON.stringify(out, null, 2) + '\n',
  );
} finally {
  for (const s of servers) await s.stop();
  await orm.close();
  await fresh.drop();
}
