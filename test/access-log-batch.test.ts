/**
 * Group commit of the access log (查询留痕): concurrent requests share INSERT statements, every request
 * still gets exactly its entries, and a batch that cannot be written withholds the answer of every
 * request in it (fail-closed). Statements are observed twice: by knex's `query` event on the hub's
 * knex (each statement sent), and in the database by the rows' transaction ids (`xmin`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { Factory } from './support/factories.js';
import { FindingSource as S, Role, Sensitivity } from '../src/shared/enums.js';
import { signToken } from '../src/auth/tokens.js';
import { AccessLogBatcher } from '../src/modules/access-log/access-log.batcher.js';
import type { AccessLogInsert } from '../src/modules/access-log/access-log.repo.js';

let hub: TestHub;
let f: Factory;
let w: Awaited<ReturnType<Factory['world']>>;
let restricted: { id: number; gid: string }[];
let plain: { id: number; gid: string };
let auditT: string;

beforeAll(async () => {
  hub = await startTestHub();
  f = new Factory(hub.knex);
  w = await f.world();
  restricted = [];
  for (let i = 0; i < 3; i++)
    restricted.push(await f.finding(w.reform, w.unitA, S.REFORM, { sensitivity: Sensitivity.RESTRICTED }));
  plain = await f.finding(w.reform, w.unitA, S.REFORM, { sensitivity: Sensitivity.INTERNAL });
  auditT = await hub.token(Role.AUDIT, w.audit.code);
});
afterAll(async () => hub?.stop());

const N = 30;
const readQuery = (op: string) =>
  `query ${op} { ${restricted.map((r, i) => `r${i}: finding(id: "${r.gid}") { title description }`).join(' ')} p: finding(id: "${plain.gid}") { title } }`;

async function post(query: string, token: string, requestId: string) {
  const res = await fetch(hub.server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-request-id': requestId,
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    ...((await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }),
  };
}

/** Runs fn while counting the INSERTs into access_log that the hub's knex sends. */
async function countingInserts<T>(fn: () => Promise<T>): Promise<{ result: T; inserts: number }> {
  let inserts = 0;
  const onQuery = (q: { sql?: string }) => {
    if (/^insert into "?access_log"?/i.test(q.sql ?? '')) inserts++;
  };
  hub.knex.on('query', onQuery);
  try {
    const result = await fn();
    return { result, inserts };
  } finally {
    hub.knex.off('query', onQuery);
  }
}

const logRows = async (ids: string[]) =>
  (
    await hub.knex.raw(
      `select id, xmin::text as tx, reader_org_id, reader_user, reader_role, operation, request_id,
              record_type, record_id, owner_id, sensitivity, fields
         from access_log where request_id = any(?) order by id`,
      [ids],
    )
  ).rows as Record<string, any>[];

describe('access log group commit', () => {
  it('writes the entries of 30 concurrent requests, exactly, in fewer INSERTs than requests', async () => {
    const ids = Array.from({ length: N }, () => `batch-${randomUUID()}`);
    const { result: answers, inserts } = await countingInserts(() =>
      Promise.all(ids.map((id) => post(readQuery('BatchRead'), auditT, id))),
    );
    for (const a of answers) {
      expect(a.errors).toBeUndefined();
      expect(a.data.r0.description).toBe('测试问题描述');
    }

    const rows = await logRows(ids);
    // one entry per request × restricted record; the INTERNAL finding is not logged
    expect(rows).toHaveLength(N * restricted.length);
    const expected = ids.flatMap((id) =>
      restricted.map((r) => ({
        request_id: id,
        record_id: r.id,
        reader_org_id: w.audit.id,
        reader_user: 'test-audit',
        reader_role: 'AUDIT',
        operation: 'BatchRead',
        record_type: 'Finding',
        owner_id: w.reform.id,
        sensitivity: 'RESTRICTED',
        fields: ['description', 'title'],
      })),
    );
    const key = (r: Record<string, any>) => `${r.request_id}:${r.record_id}`;
    const got = rows.map(({ id: _id, tx: _tx, ...r }) => r).sort((a, b) => key(a).localeCompare(key(b)));
    expect(got).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));

    // fewer statements than requests, seen from both sides
    const transactions = new Set(rows.map((r) => r.tx)).size;
    expect(inserts).toBeGreaterThanOrEqual(1);
    expect(inserts).toBeLessThan(N);
    expect(transactions).toBeLessThanOrEqual(inserts);
    // the entries of one request are written together (one statement, one transaction)
    for (const id of ids)
      expect(new Set(rows.filter((r) => r.request_id === id).map((r) => r.tx)).size).toBe(1);
    console.info(`access log: ${N} concurrent requests → ${inserts} INSERTs, ${transactions} transactions`);
  });

  it('lets a request that read nothing sensitive through without any access-log statement', async () => {
    const id = `batch-${randomUUID()}`;
    const { result, inserts } = await countingInserts(() =>
      post(`query PlainOnly { finding(id: "${plain.gid}") { title description } }`, auditT, id),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.finding.title).toBe('测试问题');
    expect(inserts).toBe(0);
    expect(await logRows([id])).toHaveLength(0);
  });

  it('writes one entry per record when a request reads it twice (a page and a lookup), with the fields of both', async () => {
    const id = `batch-${randomUUID()}`;
    const r0 = restricted[0]!;
    const { result } = await countingInserts(() =>
      post(
        `query Twice { one: finding(id: "${r0.gid}") { title } page: findings(first: 100, filterBy: { sources: [REFORM] }) { nodes { id description } } }`,
        auditT,
        id,
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.page.nodes.map((n: { id: string }) => n.id)).toContain(r0.gid);
    const rows = await logRows([id]);
    const mine = rows.filter((r) => r.record_id === r0.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.fields).toEqual(['description', 'id', 'title']);
    // every record once (this file's restricted ones among them); the INTERNAL one never
    const ids = rows.map((r) => r.record_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of restricted) expect(ids).toContain(r.id);
    expect(ids).not.toContain(plain.id);
  });

  it('a single request alone is written at once, and read-your-writes holds for the next request', async () => {
    const id = `batch-${randomUUID()}`;
    const { result, inserts } = await countingInserts(() => post(readQuery('SingleRead'), auditT, id));
    expect(result.errors).toBeUndefined();
    expect(inserts).toBe(1);
    // the row is there as soon as the response is
    expect(await logRows([id])).toHaveLength(restricted.length);
  });

  it('fails closed: when the batch cannot be written, every request in it gets no data and INTERNAL_SERVER_ERROR', async () => {
    await hub.knex
      .raw(`create or replace function test_refuse_access_log() returns trigger language plpgsql as $$
      begin raise exception 'access log refused by test'; end $$`);
    await hub.knex.raw(`create trigger test_refuse_access_log before insert on access_log for each row
      when (new.operation = 'RefusedRead') execute function test_refuse_access_log()`);
    let answers: Awaited<ReturnType<typeof post>>[];
    let inserts: number;
    const ids = Array.from({ length: N }, () => `batch-${randomUUID()}`);
    try {
      ({ result: answers, inserts } = await countingInserts(() =>
        Promise.all(ids.map((id) => post(readQuery('RefusedRead'), auditT, id))),
      ));
    } finally {
      await hub.knex.raw('drop trigger if exists test_refuse_access_log on access_log');
      await hub.knex.raw('drop function if exists test_refuse_access_log()');
    }
    for (const a of answers) {
      expect(a.data).toBeNull();
      expect(a.errors).toHaveLength(1);
      expect(a.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(a)).not.toContain('测试问题');
    }
    // the requests shared failed batches, and nothing of them was written
    expect(inserts).toBeLessThan(N);
    expect(await logRows(ids)).toHaveLength(0);

    // with the trigger gone, the same reads are answered and logged again
    const again = `batch-${randomUUID()}`;
    const ok = await post(readQuery('RefusedRead'), auditT, again);
    expect(ok.errors).toBeUndefined();
    expect(await logRows([again])).toHaveLength(restricted.length);
  });

  it("isolates one request's refused values: only that request is withheld, the others in its batch are answered", async () => {
    // PostgreSQL refuses a NUL character in text (SQLSTATE 22021): the entries of this token cannot be written
    const poisonT = await signToken(
      hub.config,
      { sub: 'bad\u0000user', role: Role.AUDIT, org: w.audit.code },
      600,
    );
    const ids = Array.from({ length: N }, () => `batch-${randomUUID()}`);
    const bad = new Set([ids[3], ids[17]]);
    const answers = await Promise.all(
      ids.map((id) => post(readQuery('MixedRead'), bad.has(id) ? poisonT : auditT, id)),
    );
    answers.forEach((a, i) => {
      if (bad.has(ids[i])) {
        expect(a.data).toBeNull();
        expect(a.errors![0]!.extensions!.code).toBe('INTERNAL_SERVER_ERROR');
      } else {
        expect(a.errors).toBeUndefined();
        expect(a.data.r0.title).toBe('测试问题');
      }
    });
    const rows = await logRows(ids);
    expect(rows).toHaveLength((N - bad.size) * restricted.length);
    expect(rows.some((r) => bad.has(r.request_id))).toBe(false);
  });
});

describe('AccessLogBatcher', () => {
  const entries = (requestId: string, n: number): AccessLogInsert[] =>
    Array.from({ length: n }, (_, i) => ({
      reader_org_id: w.audit.id,
      reader_user: 'test-batcher',
      reader_role: 'AUDIT',
      operation: 'BatcherUnit',
      request_id: requestId,
      record_type: 'Finding',
      record_id: restricted[i % restricted.length]!.id,
      owner_id: w.reform.id,
      sensitivity: 'RESTRICTED',
      fields: JSON.stringify(['title']),
    }));

  it('bounds INSERTs and batches, never splits a request, and drains what waits', async () => {
    const b = new AccessLogBatcher(hub.knex, { rowsPerInsert: 10, maxBatchRows: 25, maxConcurrent: 1 });
    const ids = Array.from({ length: 12 }, () => `batch-${randomUUID()}`);
    const sizes = ids.map((_, i) => (i === 5 ? 33 : 7)); // one request larger than a whole batch
    const { result, inserts } = await countingInserts(async () => {
      const pending = ids.map((id, i) => b.append(entries(id, sizes[i]!)));
      // drain writes everything that waits, even before the batches would otherwise start
      await b.drain();
      expect(b.pending).toBe(0);
      return Promise.allSettled(pending);
    });
    expect(result.every((r) => r.status === 'fulfilled')).toBe(true);
    const rows = await logRows(ids);
    expect(rows).toHaveLength(sizes.reduce((a, c) => a + c, 0));
    for (const [i, id] of ids.entries()) {
      const mine = rows.filter((r) => r.request_id === id);
      expect(mine).toHaveLength(sizes[i]!);
      // one transaction per request's entries (a batch of several INSERTs is one transaction)
      expect(new Set(mine.map((r) => r.tx)).size).toBe(1);
    }
    // every INSERT ≤ 10 rows, every batch ≤ 25 rows except the one request of 33 (alone in its batch)
    const perTx = new Map<string, number>();
    for (const r of rows) perTx.set(r.tx, (perTx.get(r.tx) ?? 0) + 1);
    for (const n of perTx.values()) expect(n === 33 || n <= 25).toBe(true);
    expect(inserts).toBeGreaterThanOrEqual(Math.ceil(rows.length / 10));
    expect(perTx.size).toBeLessThan(ids.length);
    expect(b.stats).toMatchObject({ groups: ids.length, rows: rows.length, failedBatches: 0 });
  });

  it('after a data error in a shared batch, writes each request alone: only the refused one fails', async () => {
    const b = new AccessLogBatcher(hub.knex);
    const ids = Array.from({ length: 4 }, () => `batch-${randomUUID()}`);
    // appended in one turn: one batch; the third request's values are refused (NUL in text, 22021)
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        b.append(entries(id, 2).map((e) => (i === 2 ? { ...e, reader_user: 'bad\u0000user' } : e))),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(b.stats).toMatchObject({ batches: 1, failedBatches: 1, largestBatchGroups: 4 });
    const rows = await logRows(ids);
    expect(rows.map((r) => r.request_id)).toEqual(expect.not.arrayContaining([ids[2]]));
    expect(rows).toHaveLength(6);
  });
});
