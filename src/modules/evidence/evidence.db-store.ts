/**
 * Evidence bytes in PostgreSQL (table evidence_blob, by SHA-256 in 512 KiB chunks), for hubs on a
 * real PostgreSQL: every instance reaches the same bytes, an upload through one instance downloads
 * through any other, and the bytes are in the same backups, replication and point-in-time recovery
 * as the rows that refer to them. The embedded database keeps the folder store (EvidenceStore): one
 * process, and no reason to push files through a WebAssembly database.
 *
 * A table rather than large objects: large objects sit outside table permissions and row triggers,
 * are not removed with the rows that point to them (every deletion is a separate lo_unlink, so an
 * orphan is the default rather than the exception), and need their own flags in pg_dump. Chunked
 * rows stream in both directions without holding a 20 MiB file in memory, and an orphan is one
 * DELETE … WHERE NOT EXISTS.
 *
 * A file is received and checked (type, size, hash) into a private staging folder on this instance's
 * disk exactly as by the folder store, then copied into the table in one transaction and the staging
 * copy removed; a crash in between leaves a staging folder, which the sweep removes.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import {
  checkSha256,
  EvidenceStore,
  notFound,
  type EvidenceStorage,
  type SaveLimits,
  type StagedEvidence,
  type StoredEvidence,
} from './evidence.store.js';
import { BLOB_CHUNK_BYTES, blobInfo, deleteOrphanBlobs, insertBlob, readBlob } from './evidence-blob.repo.js';

/** The stream's bytes regrouped into chunks of `size` (the last one shorter). */
async function* rechunk(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parts.push(chunk);
    n += chunk.length;
    while (n >= size) {
      const all = Buffer.concat(parts);
      yield all.subarray(0, size);
      parts = [all.subarray(size)];
      n = all.length - size;
    }
  }
  if (n > 0) yield Buffer.concat(parts);
}

export class DatabaseEvidenceStore implements EvidenceStorage {
  constructor(
    private readonly knex: Knex,
    /** This instance's folder for uploads being received. */
    readonly stagingDir: string,
  ) {}

  async save(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StoredEvidence> {
    return (await this.stage(input, meta, limits)).commit();
  }

  async stage(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StagedEvidence> {
    // a folder of its own per upload: no other upload reads or removes what this one writes
    const dir = path.join(this.stagingDir, randomUUID());
    const local = new EvidenceStore(dir);
    let staged: StagedEvidence;
    try {
      staged = await local.stage(input, meta, limits);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    let pending = true;
    return {
      evidence: staged.evidence,
      commit: async () => {
        if (!pending) throw new Error('staged evidence already committed or discarded');
        pending = false;
        try {
          const stored = await staged.commit();
          const { stream } = await local.open(stored.sha256);
          try {
            await insertBlob(this.knex, stored.sha256, rechunk(stream, BLOB_CHUNK_BYTES));
          } finally {
            stream.destroy();
          }
          return stored;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
      discard: async () => {
        if (!pending) return;
        pending = false;
        await staged.discard();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }

  async open(sha256: string): Promise<{ stream: Readable; size: number }> {
    checkSha256(sha256);
    const info = await blobInfo(this.knex, sha256);
    if (!info) throw notFound();
    return { stream: Readable.from(readBlob(this.knex, sha256)), size: info.size };
  }

  async has(sha256: string): Promise<boolean> {
    checkSha256(sha256);
    return (await blobInfo(this.knex, sha256)) !== null;
  }

  /** Staging folders a crash left (older than the grace), and stored contents no evidence row names. */
  async sweep(graceMs: number): Promise<{ temporary: number; unreferenced: number }> {
    let temporary = 0;
    await mkdir(this.stagingDir, { recursive: true });
    for (const name of await readdir(this.stagingDir)) {
      const dir = path.join(this.stagingDir, name);
      try {
        if ((await stat(dir)).mtimeMs >= Date.now() - graceMs) continue;
      } catch {
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      temporary++;
    }
    const unreferenced = (await deleteOrphanBlobs(this.knex, graceMs)).length;
    return { temporary, unreferenced };
  }
}
