/**
 * What a crash leaves behind is cleaned up (src/modules/evidence/evidence.sweep.ts): temporary upload
 * files, staging folders, and stored contents without an evidence row — in the folder store and in
 * PostgreSQL — once they are older than the grace period; what is referenced or recent stays.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './support/harness.js';
import {
  DatabaseEvidenceStore,
  EVIDENCE_SWEEP_GRACE_MS,
  EvidenceStore,
  sweepEvidence,
} from '../src/modules/evidence/index.js';
import { Factory } from './support/factories.js';

let hub: TestHub;
let tmp: string;
beforeAll(async () => {
  hub = await startTestHub();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'hub-sweep-'));
});
afterAll(async () => {
  await hub?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
const meta = { fileName: '整改报告.pdf', declaredType: 'application/pdf' };
const longAgo = new Date(Date.now() - 2 * EVIDENCE_SWEEP_GRACE_MS);

/** An evidence row for this content, as an upload that completed would have written. */
async function reference(sha256: string) {
  const f = new Factory(hub.knex);
  const w = await f.world();
  const [task] = (await hub
    .knex('rectification')
    .insert({
      measures: '测试整改措施',
      unit_id: w.unitA.id,
      state: 'IN_PROGRESS',
      deadline: '2026-03-31',
      lead_id: w.audit.id,
      kind: 'DEADLINE',
    })
    .returning('id')) as { id: number }[];
  await hub.knex('evidence').insert({
    rectification_id: task!.id,
    sha256,
    file_name: '整改报告.pdf',
    content_type: 'application/pdf',
    size: 1,
    uploaded_by_id: w.unitA.id,
    uploaded_by_user: 'test-unit',
  });
}

describe('the PostgreSQL store', () => {
  it('removes contents without an evidence row and stale staging folders; keeps referenced and recent ones', async () => {
    const store = new DatabaseEvidenceStore(hub.knex, path.join(tmp, 'staging'));
    const orphan = await store.save(Readable.from(pdf()), meta);
    const kept = await store.save(Readable.from(pdf()), meta);
    const recent = await store.save(Readable.from(pdf()), meta);
    await reference(kept.sha256);
    // the orphan and the referenced one were written long ago (a crash before the row); the recent
    // one may be an upload whose row is about to be written
    await hub
      .knex('evidence_blob')
      .whereIn('sha256', [orphan.sha256, kept.sha256])
      .update({ created_at: longAgo });
    // a staging folder a crash left, and one of an upload in progress
    const stale = path.join(tmp, 'staging', 'crashed');
    const busy = path.join(tmp, 'staging', 'busy');
    mkdirSync(stale, { recursive: true });
    mkdirSync(busy, { recursive: true });
    writeFileSync(path.join(stale, '.upload-x.tmp'), 'partial');
    utimesSync(stale, longAgo, longAgo);

    const r = await sweepEvidence(store, hub.knex);
    expect(r.unreferenced).toBeGreaterThanOrEqual(1);
    expect(r.temporary).toBe(1);
    expect(await store.has(orphan.sha256)).toBe(false);
    expect(await store.has(kept.sha256)).toBe(true);
    expect(await store.has(recent.sha256)).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(busy)).toBe(true);
  });

  it('stores a content once however often it is uploaded, and reads it back intact', async () => {
    const store = new DatabaseEvidenceStore(hub.knex, path.join(tmp, 'staging2'));
    const bytes = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      randomBytes(1_200_000),
      Buffer.from('\n%%EOF\n'),
    ]);
    const [x, y] = await Promise.all([
      store.save(Readable.from(bytes), meta),
      store.save(Readable.from(bytes), meta),
    ]);
    expect(x.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(y.sha256).toBe(x.sha256);
    const rows = await hub.knex('evidence_blob').where('sha256', x.sha256).count({ n: '*' }).first();
    expect(Number(rows!.n)).toBe(3);
    const { stream, size } = await store.open(x.sha256);
    const back: Buffer[] = [];
    for await (const c of stream) back.push(c as Buffer);
    expect(size).toBe(bytes.length);
    expect(Buffer.concat(back).equals(bytes)).toBe(true);
  });
});

describe('the folder store', () => {
  it('removes stale temporary files and unreferenced files; keeps referenced and recent ones', async () => {
    const dir = path.join(tmp, 'folder');
    const store = new EvidenceStore(dir);
    const orphan = await store.save(Readable.from(pdf()), meta);
    const kept = await store.save(Readable.from(pdf()), meta);
    const recent = await store.save(Readable.from(pdf()), meta);
    await reference(kept.sha256);
    const fileOf = (h: string) => path.join(dir, h.slice(0, 2), h);
    utimesSync(fileOf(orphan.sha256), longAgo, longAgo);
    utimesSync(fileOf(kept.sha256), longAgo, longAgo);
    const staleTemp = path.join(dir, '.upload-crashed.tmp');
    const busyTemp = path.join(dir, '.upload-busy.tmp');
    writeFileSync(staleTemp, 'partial');
    writeFileSync(busyTemp, 'partial');
    utimesSync(staleTemp, longAgo, longAgo);

    expect(await sweepEvidence(store, hub.knex)).toEqual({ temporary: 1, unreferenced: 1 });
    expect(await store.has(orphan.sha256)).toBe(false);
    expect(await store.has(kept.sha256)).toBe(true);
    expect(await store.has(recent.sha256)).toBe(true);
    expect(existsSync(staleTemp)).toBe(false);
    expect(existsSync(busyTemp)).toBe(true);
  });
});
