/**
 * Every SQL statement on evidence bytes kept in PostgreSQL (table evidence_blob) and the orphan
 * sweep's look-up of which contents are still referenced (the rectification module's evidence rows,
 * by sha256).
 */
import type { Knex } from 'knex';

export const BLOB_CHUNK_BYTES = 512 * 1024;

/**
 * Stores the file's chunks in one transaction; a content already stored is left as it is (same hash,
 * same bytes). Concurrent writers of the same content: the first commits, the others' rows conflict
 * and are skipped.
 */
export async function insertBlob(knex: Knex, sha256: string, chunks: AsyncIterable<Buffer>): Promise<void> {
  await knex.transaction(async (trx) => {
    // serialises writers of one content, so a second writer never interleaves its chunks
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`evidence:${sha256}`]);
    if (await trx('evidence_blob').where({ sha256, seq: 0 }).first('seq')) return;
    let seq = 0;
    for await (const data of chunks) {
      await trx('evidence_blob').insert({ sha256, seq: seq++, data });
    }
  });
}

export async function blobInfo(knex: Knex, sha256: string): Promise<{ size: number } | null> {
  const r = (await knex('evidence_blob')
    .where({ sha256 })
    .select(knex.raw('count(*)::int as n'), knex.raw('coalesce(sum(length(data)), 0)::bigint as size'))
    .first()) as { n: number; size: string };
  return r.n > 0 ? { size: Number(r.size) } : null;
}

/** The chunks in order, one query per chunk: a 20 MiB file is never held in memory at once. */
export async function* readBlob(knex: Knex, sha256: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = (await knex('evidence_blob').where({ sha256, seq }).first('data')) as
      { data: Buffer } | undefined;
    if (!row) return;
    yield row.data;
  }
}

/**
 * Deletes stored contents that no evidence row refers to and that are older than `graceMs` (an
 * upload stores its bytes before its row: the grace covers that gap). Returns the hashes removed.
 */
export async function deleteOrphanBlobs(knex: Knex, graceMs: number): Promise<string[]> {
  const r = (await knex.raw(
    `delete from evidence_blob b
      where b.created_at < now() - make_interval(secs => ?)
        and not exists (select 1 from evidence e where e.sha256 = b.sha256)
      returning sha256`,
    [graceMs / 1000],
  )) as { rows: { sha256: string }[] };
  return [...new Set(r.rows.map((x) => x.sha256))];
}

/** Which of these contents some evidence row refers to (for the folder store's sweep). */
export async function referencedContents(knex: Knex, sha256s: string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = (await knex('evidence').distinct('sha256').whereIn('sha256', sha256s)) as { sha256: string }[];
  return new Set(rows.map((r) => r.sha256));
}
