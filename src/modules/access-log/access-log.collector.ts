import type { Knex } from 'knex';
import type { Viewer } from '../../auth/viewer.js';
import { accessLogBatcherFor } from './access-log.batcher.js';
import { appendAccessLog } from './access-log.repo.js';

/** Sensitivities whose reads are recorded (查询留痕). */
export const LOGGED_SENSITIVITIES: ReadonlySet<string> = new Set(['RESTRICTED', 'SECRET']);

interface Read {
  recordType: string;
  recordId: number;
  ownerId: number;
  sensitivity: string;
  fields: Set<string>;
}

/**
 * Collects, during one request, which sensitive records were read and which of their fields were
 * returned (names only). Flushed when the response is ready through the pool's group-commit batcher
 * (access-log.batcher.ts): the entries of concurrent requests share one multi-row INSERT, and
 * `flush` resolves once the batch holding this request's entries is written (rejects if it failed).
 */
export class AccessLogCollector {
  /** By the row object a field was read from (one lookup per field, no key string); merged by record at flush. */
  private readonly reads = new Map<object, Read>();
  operation: string | null = null;

  constructor(
    private readonly viewer: Viewer,
    private readonly requestId: string,
  ) {}

  note(
    recordType: string,
    rec: { dbId: number; agencyId: number; sensitivity: string },
    field: string,
  ): void {
    let r = this.reads.get(rec);
    if (!r) {
      if (!LOGGED_SENSITIVITIES.has(rec.sensitivity)) return;
      r = {
        recordType,
        recordId: rec.dbId,
        ownerId: rec.agencyId,
        sensitivity: rec.sensitivity,
        fields: new Set(),
      };
      this.reads.set(rec, r);
    }
    r.fields.add(field);
  }

  /** The reads by record: the same record loaded twice in one request (a page and a lookup) is one entry. */
  private byRecord(): Read[] {
    const out = new Map<string, Read>();
    for (const r of this.reads.values()) {
      const k = `${r.recordType}:${r.recordId}`;
      const seen = out.get(k);
      if (!seen) out.set(k, { ...r, fields: new Set(r.fields) });
      else for (const f of r.fields) seen.fields.add(f);
    }
    return [...out.values()];
  }

  /** Rows noted so far (0 when nothing sensitive was read; a record loaded twice counts twice). */
  get size(): number {
    return this.reads.size;
  }

  async flush(knex: Knex): Promise<number> {
    if (!this.reads.size) return 0;
    const rows = this.byRecord().map((r) => ({
      reader_org_id: this.viewer.orgId,
      reader_user: this.viewer.userId,
      reader_role: this.viewer.role,
      operation: this.operation,
      request_id: this.requestId,
      record_type: r.recordType,
      record_id: r.recordId,
      owner_id: r.ownerId,
      sensitivity: r.sensitivity,
      fields: JSON.stringify([...r.fields].sort()),
    }));
    this.reads.clear();
    const batcher = accessLogBatcherFor(knex);
    // inside a transaction the rows are written in it, at once
    await (batcher ? batcher.append(rows) : appendAccessLog(knex, rows));
    return rows.length;
  }
}
