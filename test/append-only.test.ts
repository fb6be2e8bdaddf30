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
let referral: { id: number; version: number } | undefined;
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
  const project = await f.project(w.unitA);
  await hub.knex('monitoring_action').insert({
    project_id: project.id,
    budget_year: 2026,
    action: 'REMIND',
    note: '提醒加快支出进度',
    level: 'YELLOW',
    reasons: JSON.stringify(['支出进度滞后']),
    agency_id: w.finance.id,
    recorded_by: 'test-finance',
  });
  [referral] = (await hub
    .knex('clue_referral')
    .insert({
      referrer_id: w.audit.id,
      commission_id: w.discipline.id,
      document_number: `鹤审移〔2026〕${finding.id}号`,
      referred_on: '2026-03-31',
      facts: '测试移送事实',
      status: 'REFERRED',
      referred_by_user: 'test-audit',
    })
    .returning(['id', 'version'])) as { id: number; version: number }[];
  await hub.knex('clue_referral_finding').insert({ referral_id: referral!.id, finding_id: finding.id });
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
    // a row of the table (by ctid: not every table has an id), as row triggers fire only for rows
    const [row] = (await hub.knex.raw(`select ctid::text as c from "${t}" limit 1`)).rows as { c: string }[];
    expect(row, `no row in ${t} to try`).toBeTruthy();
    const [{ col }] = (
      await hub.knex.raw(
        'select attname as col from pg_attribute where attrelid = ?::regclass and attnum = 1',
        [t],
      )
    ).rows as { col: string }[];
    await expect(
      hub.knex.raw(`update "${t}" set "${col}" = "${col}" where ctid = ?::tid`, [row!.c]),
    ).rejects.toThrow(/append-only/);
    await expect(hub.knex.raw(`delete from "${t}" where ctid = ?::tid`, [row!.c])).rejects.toThrow(
      /append-only/,
    );
    await expect(hub.knex.raw(`truncate "${t}" cascade`)).rejects.toThrow(/append-only|never deleted/);
    expect((await hub.knex.raw(`select 1 from "${t}" where ctid = ?::tid`, [row!.c])).rows).toHaveLength(1);
  });

  it('a clue referral keeps its facts for good: the commission’s status changes, the referral is never altered or deleted', async () => {
    const r = referral!;
    await hub
      .knex('clue_referral')
      .where('id', r.id)
      .update({ status: 'ACCEPTED', feedback: '已受理', version: r.version + 1 });
    await expect(hub.knex('clue_referral').where('id', r.id).update({ facts: '改写的事实' })).rejects.toThrow(
      /keeps its facts/,
    );
    await expect(
      hub.knex('clue_referral').where('id', r.id).update({ referred_on: '2026-04-01' }),
    ).rejects.toThrow(/keeps its facts/);
    await expect(hub.knex('clue_referral').where('id', r.id).del()).rejects.toThrow(/never deleted/);
    await expect(hub.knex.raw('truncate clue_referral cascade')).rejects.toThrow(/never deleted|append-only/);
    expect(await hub.knex('clue_referral').where('id', r.id).first('facts', 'status')).toEqual({
      facts: '测试移送事实',
      status: 'ACCEPTED',
    });
  });
});
