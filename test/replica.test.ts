/**
 * Reads from a streaming replica (DATABASE_REPLICA_URL), with read-your-writes: the test starts a
 * PostgreSQL primary of its own, a replica of it (pg_basebackup -R into a folder, a second postgres
 * on another port), and the hub on both. Replay on the replica is paused to make it lag on purpose:
 * then whatever a query sees tells which server answered it.
 *
 * Needs the PostgreSQL server binaries (PG_BIN, default /usr/lib/postgresql/15/bin); runs in the
 * PostgreSQL mode of the suite only (the embedded mode has no replica to offer).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config.js';
import { migrateUp, openOrm } from '../src/db/orm.js';
import { createLogger } from '../src/logger.js';
import { applyPermissions } from '../src/permissions.js';
import { buildHubSchema } from '../src/schema.js';
import { startServer, type RunningServer } from '../src/server.js';
import { signToken } from '../src/auth/tokens.js';
import { FindingSource, Role } from '../src/shared/enums.js';
import { lsnValue } from '../src/db/replica.js';
import { Factory } from './support/factories.js';
import {
  privatePostgresAvailable,
  startPrivatePostgres,
  startReplica,
  type PrivatePostgres,
} from './support/private-postgres.js';

const enabled = !!process.env.DATABASE_URL && privatePostgresAvailable();
const config = {
  ...loadConfig({ ...process.env, HUB_JWT_SECRET: randomBytes(32).toString('hex') }),
  port: 0,
  host: '127.0.0.1',
  seedDemo: false,
};

const LIST = `query { findings(first: 100, filterBy: { fiscalYears: [2025] }) { nodes { sourceRef responsiblePerson } } }`;
const IMPORT = `mutation($input: FindingImportInput!) { findingImport(input: $input) { report { written created } userErrors { code } } }`;

describe.skipIf(!enabled)('reads from a streaming replica, with read-your-writes', () => {
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  let orm: MikroORM;
  let replicaOrm: MikroORM;
  let server: RunningServer;
  let knex: Knex;
  let w: Awaited<ReturnType<Factory['world']>>;
  let writer: string;
  let colleague: string;

  const gql = async (query: string, token: string, variables: object = {}) => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const j = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(j.errors, JSON.stringify(j.errors)).toBeUndefined();
    return j.data;
  };
  const refs = async (token: string): Promise<string[]> =>
    (await gql(LIST, token)).findings.nodes.map((n: { sourceRef: string }) => n.sourceRef);
  const replayed = async () => {
    const lsn = async (k: Knex, f: string) =>
      lsnValue(((await k.raw(`select ${f}()::text as l`)) as { rows: { l: string }[] }).rows[0]!.l);
    const target = await lsn(knex, 'pg_current_wal_lsn');
    for (let i = 0; i < 100; i++) {
      if ((await lsn(replicaOrm.em.getKnex(), 'pg_last_wal_replay_lsn')) >= target) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the replica did not catch up in 10 s');
  };
  const pauseReplay = () => replicaOrm.em.getKnex().raw('select pg_wal_replay_pause()');
  const resumeReplay = () => replicaOrm.em.getKnex().raw('select pg_wal_replay_resume()');

  beforeAll(async () => {
    primary = await startPrivatePostgres({ settings: ['wal_level = replica', 'max_wal_senders = 4'] });
    replica = await startReplica(primary);
    orm = await openOrm(primary.url(), 4);
    await migrateUp(orm);
    knex = orm.em.getKnex();
    replicaOrm = await openOrm(replica.url(), 4);
    server = await startServer({
      config: { ...config, databaseUrl: primary.url() },
      orm,
      schema: applyPermissions(await buildHubSchema()),
      log: createLogger('silent'),
      replica: replicaOrm.em.getKnex(),
    });
    w = await new Factory(knex).world();
    writer = await signToken(config, { sub: 'writer', role: Role.AUDIT, org: w.audit.code }, 600);
    colleague = await signToken(config, { sub: 'colleague', role: Role.AUDIT, org: w.audit.code }, 600);
    await replayed();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
    await replicaOrm?.close();
    replica?.destroy();
    primary?.destroy();
  });

  it('the replica is a read-only standby of the primary', async () => {
    const r = (await replicaOrm.em.getKnex().raw('select pg_is_in_recovery() as standby')) as {
      rows: { standby: boolean }[];
    };
    expect(r.rows[0]!.standby).toBe(true);
  });

  it('a query reads from the replica: a row written on the primary is not seen while replay is paused', async () => {
    await pauseReplay();
    try {
      await new Factory(knex).finding(w.audit, w.unitA, FindingSource.AUDIT, {
        source_ref: 'DIRECT-1',
        fiscal_year: 2025,
      });
      const before = { ...server.readRouter!.counts };
      expect(await refs(writer)).not.toContain('DIRECT-1');
      expect(server.readRouter!.counts.replica).toBe(before.replica + 1);
    } finally {
      await resumeReplay();
    }
    await replayed();
    expect(await refs(writer)).toContain('DIRECT-1');
  });

  it("the writer's next query reads its write (primary); a colleague reads the replica until it has replayed", async () => {
    await pauseReplay();
    try {
      const rows = [
        {
          sourceRef: 'RYW-1',
          description: '读己之写',
          category: '预算执行率偏低',
          unitCode: w.unitA.code,
          fiscalYear: 2025,
        },
      ];
      const imported = await gql(IMPORT, writer, { input: { rows } });
      expect(imported.findingImport.report).toEqual({ written: true, created: 1 });
      const before = { ...server.readRouter!.counts };
      // the writer sees its own write at once
      expect(await refs(writer)).toContain('RYW-1');
      expect(server.readRouter!.counts.primary).toBe(before.primary + 1);
      // and keeps reading the primary while the replica lags
      expect(await refs(writer)).toContain('RYW-1');
      // someone else (same organisation, another user) reads the lagging replica
      expect(await refs(colleague)).not.toContain('RYW-1');
      expect(server.readRouter!.counts.replica).toBe(before.replica + 1);
    } finally {
      await resumeReplay();
    }
    await replayed();
    await new Promise((r) => setTimeout(r, 100)); // the router's view of the replay position is 50 ms old at most
    const before = { ...server.readRouter!.counts };
    // replayed: the writer is back on the replica, and everyone sees the write
    expect(await refs(writer)).toContain('RYW-1');
    expect(await refs(colleague)).toContain('RYW-1');
    expect(server.readRouter!.counts.replica).toBe(before.replica + 2);
    expect(server.readRouter!.counts.primary).toBe(before.primary);
  });

  it('queries read from the primary while the replica is away', async () => {
    replica.stop('fast');
    await new Promise((r) => setTimeout(r, 100));
    const before = { ...server.readRouter!.counts };
    expect(await refs(colleague)).toContain('RYW-1');
    expect(server.readRouter!.counts.primary).toBe(before.primary + 1);
  });
});
