/**
 * More than one instance: two hub processes (`src/main.ts`, as `npm start` runs it) on one
 * PostgreSQL and one Redis. A subscriber on B hears a change written through A (findings and
 * rectification tasks: only Redis joins the two processes' change buses); evidence uploaded through A
 * downloads through B (the bytes are in PostgreSQL); the rate limit is one budget for both.
 *
 * Needs a real PostgreSQL (two processes cannot share the embedded one) and Redis (CI runs both).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import knexFactory, { type Knex } from 'knex';
import { loadConfig } from '../src/config.js';
import { signToken } from '../src/auth/tokens.js';
import { FindingSource, Role } from '../src/shared/enums.js';
import { Factory, type Org } from './support/factories.js';
import { redisAvailable, TEST_REDIS_URL } from './support/redis.js';
import { startHubProcess, stopHubProcess, type HubProcess } from './support/hub-process.js';

const realPostgres = !!process.env.DATABASE_URL;
const hasRedis = realPostgres && (await redisAvailable());
const secret = randomBytes(32).toString('hex');
const config = loadConfig({ ...process.env, HUB_JWT_SECRET: secret });

type Instance = HubProcess;

const startInstance = (name: string) =>
  startHubProcess(name, {
    DATABASE_URL: inject('databaseUrl'),
    REDIS_URL: TEST_REDIS_URL,
    HUB_JWT_SECRET: secret,
    HUB_EVIDENCE_STORE: 'database',
    HUB_RATE_LIMIT_PER_MINUTE: '2000',
    HUB_DB_POOL_MAX: '3',
  });

const token = (role: Role, org: Org) => signToken(config, { sub: `test-${role}`, role, org: org.code }, 600);

async function gql(i: Instance, query: string, variables: object, bearer: string) {
  const res = await fetch(i.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, ...((await res.json()) as { data?: any; errors?: any[] }) };
}

/** Subscribes on `i`; returns the payloads received so far and a way to stop. */
function subscribe(i: Instance, bearer: string, query: string) {
  const client = createClient({
    url: i.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${bearer}` },
    retryAttempts: 0,
  });
  const seen: any[] = [];
  let started!: () => void;
  const ready = new Promise<void>((r) => (started = r));
  client.on('connected', () => setTimeout(started, 300));
  const dispose = client.subscribe(
    { query },
    { next: (m) => void seen.push(m.data), error: () => {}, complete: () => {} },
  );
  return {
    seen,
    ready,
    async stop() {
      dispose();
      await client.dispose();
    },
  };
}

const until = async (check: () => boolean, ms = 10_000) => {
  for (let t = 0; t < ms && !check(); t += 100) await new Promise((r) => setTimeout(r, 100));
};

describe.skipIf(!hasRedis)('two hub instances on one PostgreSQL and one Redis', () => {
  let a: Instance;
  let b: Instance;
  let knex: Knex;
  let f: Factory;
  let w: Awaited<ReturnType<Factory['world']>>;
  beforeAll(async () => {
    [a, b] = await Promise.all([startInstance('a'), startInstance('b')]);
    knex = knexFactory({ client: 'pg', connection: inject('databaseUrl'), pool: { min: 0, max: 2 } });
    f = new Factory(knex);
    w = await f.world();
  }, 120_000);
  afterAll(async () => {
    await Promise.all([stopHubProcess(a), stopHubProcess(b)]);
    await knex?.destroy();
  });

  it('a subscriber on B receives a finding published through A', async () => {
    const sub = subscribe(
      b,
      await token(Role.UNIT, w.unitA),
      'subscription { findingChanged { kind finding { title } } }',
    );
    await sub.ready;
    const IMPORT = `mutation($input: FindingImportInput!) { findingImport(input: $input) { report { created } userErrors { code } } }`;
    const row = {
      sourceRef: `MI-${randomBytes(3).toString('hex')}`,
      description: '专项资金未按规定用途使用',
      category: '挤占挪用专项资金',
      unitCode: w.unitA.code,
      fiscalYear: 2025,
      amountInvolved: '120000.00',
      title: '两个实例之间推送的问题',
    };
    const r = await gql(a, IMPORT, { input: { rows: [row] } }, await token(Role.FINANCE, w.finance));
    expect(r.errors).toBeUndefined();
    expect(r.data.findingImport.report.created).toBe(1);
    await until(() => sub.seen.length > 0);
    await sub.stop();
    expect(sub.seen).toEqual([
      { findingChanged: { kind: 'FINDING_PUBLISHED', finding: { title: '两个实例之间推送的问题' } } },
    ]);
  });

  it('a subscriber on B receives a rectification task created and started through A', async () => {
    const unitT = await token(Role.UNIT, w.unitA);
    const sub = subscribe(b, unitT, 'subscription { rectificationChanged { id state } }');
    await sub.ready;
    const finding = await f.finding(w.audit, w.unitA, FindingSource.AUDIT);
    const created = await gql(
      a,
      `mutation($input: RectificationCreateInput!) { rectificationCreate(input: $input) { rectification { id version } userErrors { code } } }`,
      {
        input: {
          findings: [finding.gid],
          measures: '追回违规资金，完善财务审批制度',
          deadline: new Date(Date.now() + 60 * 86400_000).toISOString().slice(0, 10),
          kind: 'DEADLINE',
        },
      },
      await token(Role.AUDIT, w.audit),
    );
    expect(created.data.rectificationCreate.userErrors).toEqual([]);
    const task = created.data.rectificationCreate.rectification as { id: string; version: number };
    const started = await gql(
      a,
      `mutation($input: RectificationChangeInput!) { rectificationStart(input: $input) { rectification { state } userErrors { code } } }`,
      { input: { id: task.id, version: task.version } },
      unitT,
    );
    expect(started.data.rectificationStart.rectification.state).toBe('IN_PROGRESS');
    await until(() => sub.seen.length >= 2);
    await sub.stop();
    expect(sub.seen.map((s) => [s.rectificationChanged.id, s.rectificationChanged.state])).toEqual([
      [task.id, 'ASSIGNED'],
      [task.id, 'IN_PROGRESS'],
    ]);

    // evidence uploaded through A downloads through B, byte for byte
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      randomBytes(1_300_000), // several 512 KiB chunks
      Buffer.from('\n%%EOF\n'),
    ]);
    const form = new FormData();
    form.append('file', new Blob([pdf]), '整改佐证-两实例.pdf');
    const up = await fetch(`${a.base}/rectifications/${task.id}/evidence`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${unitT}` },
    });
    expect(up.status).toBe(201);
    const ev = (await up.json()) as { id: string; size: number; sha256: string };
    expect(ev.size).toBe(pdf.length);
    // in PostgreSQL, not on A's disk: three chunks of at most 512 KiB
    const chunks = await knex('evidence_blob').where('sha256', ev.sha256).orderBy('seq').select('seq');
    expect(chunks.map((c: { seq: number }) => c.seq)).toEqual([0, 1, 2]);
    const down = await fetch(`${b.base}/evidence/${ev.id}`, {
      headers: { authorization: `Bearer ${unitT}` },
    });
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('one rate budget for both: an organisation that spent it on A is refused on B', async () => {
    const org = w.reform;
    const t = await token(Role.REFORM, org);
    const q = '{ organizations(first: 99) { nodes { id } } }'; // 100 points of 2,000
    let okCount = 0;
    for (let i = 0; i < 20; i++) {
      const r = await gql(i % 2 ? b : a, q, {}, t);
      if (r.status === 200) okCount++;
    }
    expect(okCount).toBe(20);
    const refusedA = await gql(a, q, {}, t);
    const refusedB = await gql(b, q, {}, t);
    expect([refusedA.status, refusedB.status]).toEqual([429, 429]);
    expect(refusedB.errors![0].extensions.code).toBe('RATE_LIMITED');
  });
});
