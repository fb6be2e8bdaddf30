/**
 * The durable record is append-only in the database itself (src/db/append-only.ts): a direct
 * UPDATE, DELETE or TRUNCATE on any of its tables fails, whoever sends it; and every table of the
 * schema is classified, so a table a later migration adds cannot silently miss the protection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import { APPEND_ONLY_TABLES, auditAppendOnly } from '../src/db/append-only.js';
import { FindingSource } from '../src/shared/enums.js';
import { Factory } from './support/factories.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  // one row of our own in each append-only table (inserting is what these tables allow)
  const f = new Factory(hub.knex);
  const w = await f.world();
  const finding = await f.finding(w.audit, w.unitA, FindingSource.AUDIT);
  const who = { actor_id: w.audit.id, actor_user: 'test-audit' };
  const [task] = (await hub
    .knex('rectification')
    .insert({
      measures: '测试整改措施',
      unit_id: w.unitA.id,
      state: 'ASSIGNED',
      deadline: '2026-03-31',
      lead_id: w.audit.id,
      kind: 'DEADLINE',
    })
    .returning('id')) as { id: number }[];
  const [group] = (await hub
    .knex('finding_group')
    .insert({ unit_id: w.unitA.id, created_by_id: w.audit.id, created_by_user: 'test-audit' })
    .returning('id')) as { id: number }[];
  await hub.knex('access_log').insert({
    fields: JSON.stringify(['title']),
    record_id: finding.id,
    record_type: 'Finding',
    owner_id: w.audit.id,
    sensitivity: 'INTERNAL',
    request_id: 'append-only-test',
    reader_role: 'AUDIT',
  });
  await hub.knex('sharing_event').insert({ ...who, action: 'RULE_SET', payload: JSON.stringify({}) });
  await hub
    .knex('finding_revision')
    .insert({ ...who, finding_id: finding.id, version: 1, kind: 'CREATED', changes: JSON.stringify([]) });
  await hub.knex('change_event').insert({ finding_id: finding.id, kind: 'FINDING_PUBLISHED', version: 1 });
  await hub.knex('finding_group_event').insert({ ...who, group_id: group!.id, type: 'LINK', reason: '测试' });
  await hub.knex('evidence').insert({
    rectification_id: task!.id,
    sha256: 'a'.repeat(64),
    file_name: '整改报告.pdf',
    content_type: 'application/pdf',
    size: 1,
    uploaded_by_id: w.unitA.id,
    uploaded_by_user: 'test-unit',
  });
});
afterAll(async () => {
  await hub?.stop();
});

describe('the append-only tables', () => {
  it('every table is classified, and every append-only table carries its triggers', async () => {
    expect(await auditAppendOnly(hub.knex)).toEqual({ unclassified: [], unprotected: [], missing: [] });
  });

  it('the audit notices a new table nobody classified, and an append-only table without triggers', async () => {
    await hub.knex
      .transaction(async (trx) => {
        await trx.raw('create table hub_test_unlisted (id int)');
        await trx.raw('drop trigger evidence_no_truncate on evidence');
        const audit = await auditAppendOnly(trx);
        expect(audit.unclassified).toEqual(['hub_test_unlisted']);
        expect(audit.unprotected).toEqual(['evidence']);
        await trx.rollback();
      })
      .catch((e: unknown) => {
        // knex rejects a transaction that was rolled back without an error
        if (e !== undefined && !(e instanceof Error && /rollback/i.test(e.message))) throw e;
      });
    expect(await auditAppendOnly(hub.knex)).toEqual({ unclassified: [], unprotected: [], missing: [] });
  });

  it.each(APPEND_ONLY_TABLES)('%s refuses UPDATE, DELETE and TRUNCATE', async (t) => {
    // an id no row has: row triggers do not fire then, so use a row when there is one
    const [row] = (await hub.knex(t).select('id').orderBy('id').limit(1)) as { id: number }[];
    if (row) {
      await expect(hub.knex(t).where('id', row.id).update({ id: row.id })).rejects.toThrow(/append-only/);
      await expect(hub.knex(t).where('id', row.id).del()).rejects.toThrow(/append-only/);
    }
    await expect(hub.knex.raw(`truncate "${t}" cascade`)).rejects.toThrow(/append-only/);
    if (row) expect(await hub.knex(t).where('id', row.id).first()).toBeTruthy();
  });
});
