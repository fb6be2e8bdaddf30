/**
 * Which evidence store a hub uses, and the sweep of what a crash leaves behind: temporary upload
 * files, and stored contents that no evidence row refers to (an upload stores its bytes first and
 * writes its row after; a crash in between leaves bytes nobody can reach). Run at start and hourly;
 * only what is older than the grace period is removed, so an upload in flight is never touched.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { EvidenceStore, type EvidenceStorage } from './evidence.store.js';
import { DatabaseEvidenceStore } from './evidence.db-store.js';
import { referencedContents } from './evidence-blob.repo.js';

export const EVIDENCE_SWEEP_GRACE_MS = 60 * 60 * 1000;

export function evidenceStorageFor(
  opts: { store: 'database' | 'folder'; evidenceDir: string },
  knex: Knex,
): EvidenceStorage {
  return opts.store === 'database'
    ? new DatabaseEvidenceStore(knex, path.join(opts.evidenceDir, 'staging'))
    : new EvidenceStore(opts.evidenceDir);
}

/** One sweep; returns what it removed. */
export function sweepEvidence(storage: EvidenceStorage, knex: Knex, graceMs = EVIDENCE_SWEEP_GRACE_MS) {
  return storage.sweep(graceMs, (hashes) => referencedContents(knex, hashes));
}

/** A sweep now and every `everyMs`; the timer never keeps the process alive. */
export function startEvidenceSweeper(
  storage: EvidenceStorage,
  knex: Knex,
  log: Logger,
  everyMs = EVIDENCE_SWEEP_GRACE_MS,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = sweepEvidence(storage, knex)
      .then((r) => {
        if (r.temporary || r.unreferenced) log.info(r, 'evidence sweep: removed what a crash left behind');
      })
      .catch((e: unknown) =>
        log.warn({ err: (e as Error).message }, 'evidence sweep failed; next run retries'),
      );
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    // not waiting for a sweep in flight: it may wait on a pool that is closing; it fails and logs
    async stop() {
      clearInterval(timer);
      void running;
    },
  };
}
