/**
 * Group commit for the access log (查询留痕): one batcher per knex (i.e. per connection pool) collects
 * the entries of all concurrent requests and writes them together, so the log costs a fraction of a
 * statement per request instead of one. Each request still waits for the batch that holds its
 * entries and learns whether it was written: the caller (the Apollo plugin) withholds the response
 * when it was not — fail-closed, as before.
 *
 * When to write: immediately (next turn of the event loop) when no batch is being written; while one
 * is, entries wait and form the next batch, which starts as soon as a writer is free and either
 * nothing is in flight, a full batch is waiting, or the oldest waiting entry has waited `maxWaitMs`.
 * The batch size therefore follows the load: one request alone pays no extra latency, 32 concurrent
 * requests share a few statements.
 *
 * Guarantees: the entries of one request are never split across batches; a batch of more rows than
 * one INSERT takes is written in one transaction (all or nothing); a batch that fails rejects every
 * request in it, except that after a data error (SQLSTATE class 22/23: one request's values were
 * refused) each request is retried on its own, so one bad entry does not withhold others' answers.
 * `drain()` writes whatever waits and resolves when nothing is in flight (shutdown).
 */
import type { Knex } from 'knex';
import { appendAccessLog, type AccessLogInsert } from './access-log.repo.js';

export interface AccessLogBatcherOptions {
  /** Rows per INSERT statement. */
  rowsPerInsert: number;
  /** Rows per batch (one statement, or one transaction of several); one request's rows stay whole. */
  maxBatchRows: number;
  /** Batches written at the same time (each holds a pooled connection while it is written). */
  maxConcurrent: number;
  /** With a batch in flight and a writer free, the longest an entry waits before its own batch starts. */
  maxWaitMs: number;
}

export const DEFAULT_BATCHER_OPTIONS: AccessLogBatcherOptions = {
  rowsPerInsert: 1000,
  maxBatchRows: 5000,
  maxConcurrent: 2,
  maxWaitMs: 5,
};

interface Group {
  rows: readonly AccessLogInsert[];
  /** When it was queued (ms). */
  at: number;
  resolve(): void;
  reject(e: unknown): void;
}

export interface AccessLogBatcherStats {
  /** Requests (groups of entries) written or failed. */
  groups: number;
  rows: number;
  /** Batches written (attempts, including failed ones). */
  batches: number;
  failedBatches: number;
  /** Most groups in one batch. */
  largestBatchGroups: number;
}

export class AccessLogBatcher {
  private waiting: Group[] = [];
  private waitingRows = 0;
  private inFlight = new Set<Promise<void>>();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly opts: AccessLogBatcherOptions;
  readonly stats: AccessLogBatcherStats = {
    groups: 0,
    rows: 0,
    batches: 0,
    failedBatches: 0,
    largestBatchGroups: 0,
  };

  constructor(
    private readonly knex: Knex,
    opts: Partial<AccessLogBatcherOptions> = {},
  ) {
    this.opts = { ...DEFAULT_BATCHER_OPTIONS, ...opts };
  }

  /** Queues one request's entries; resolves when they are written, rejects if their batch failed. */
  append(rows: readonly AccessLogInsert[]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows, at: Date.now(), resolve, reject });
      this.waitingRows += rows.length;
      this.pump();
    });
  }

  /** Entries waiting (not yet in a batch being written). */
  get pending(): number {
    return this.waitingRows;
  }

  /** Writes everything waiting and resolves once no batch is in flight (errors stay with their requests). */
  async drain(): Promise<void> {
    while (this.waiting.length || this.inFlight.size) {
      while (this.waiting.length && this.inFlight.size < this.opts.maxConcurrent) this.startBatch();
      if (this.inFlight.size) await Promise.race(this.inFlight);
    }
    this.clearTimer();
  }

  /** Decides whether a batch starts now, on the next turn, after a wait, or when a writer frees up. */
  private pump(): void {
    if (!this.waiting.length) return this.clearTimer();
    if (this.inFlight.size >= this.opts.maxConcurrent) return; // a finishing batch calls pump again
    if (this.inFlight.size === 0) {
      // idle: write on the next turn, so the requests finishing in this turn share the statement
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          if (this.waiting.length && this.inFlight.size < this.opts.maxConcurrent) this.startBatch();
        });
      }
      return;
    }
    // a batch is in flight: a full batch goes now; otherwise wait for it, but at most maxWaitMs
    if (this.waitingRows >= this.opts.maxBatchRows) return this.startBatch();
    const left = this.waiting[0]!.at + this.opts.maxWaitMs - Date.now();
    if (left <= 0) return this.startBatch();
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, left);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes whole groups up to maxBatchRows (at least one group) and writes them. */
  private startBatch(): void {
    this.clearTimer();
    const groups: Group[] = [];
    let n = 0;
    while (this.waiting.length) {
      const g = this.waiting[0]!;
      if (groups.length && n + g.rows.length > this.opts.maxBatchRows) break;
      this.waiting.shift();
      groups.push(g);
      n += g.rows.length;
    }
    this.waitingRows -= n;
    const p: Promise<void> = this.write(groups, n).finally(() => {
      this.inFlight.delete(p);
      this.pump();
    });
    this.inFlight.add(p);
    // more than a batch was waiting and a writer is free: start the next one as well
    if (this.waiting.length) this.pump();
  }

  private async write(groups: Group[], n: number): Promise<void> {
    this.stats.batches += 1;
    this.stats.groups += groups.length;
    this.stats.rows += n;
    this.stats.largestBatchGroups = Math.max(this.stats.largestBatchGroups, groups.length);
    const rows = groups.length === 1 ? groups[0]!.rows : groups.flatMap((g) => g.rows);
    try {
      await appendAccessLog(this.knex, rows, this.opts.rowsPerInsert);
      for (const g of groups) g.resolve();
    } catch (e) {
      this.stats.failedBatches += 1;
      if (groups.length === 1 || !isDataError(e)) {
        for (const g of groups) g.reject(e);
        return;
      }
      // one request's values were refused: write each request on its own, so only that one fails
      for (const g of groups) {
        try {
          await appendAccessLog(this.knex, g.rows, this.opts.rowsPerInsert);
          g.resolve();
        } catch (e2) {
          g.reject(e2);
        }
      }
    }
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): the values, not the database. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

const batchers = new WeakMap<Knex, AccessLogBatcher>();

/**
 * The process-wide batcher of a knex instance (one per pool), created on first use. A transaction is
 * not batched: its rows are written in it, at once (they commit or roll back with it).
 */
export function accessLogBatcherFor(knex: Knex): AccessLogBatcher | null {
  if ((knex as Knex & { isTransaction?: boolean }).isTransaction) return null;
  let b = batchers.get(knex);
  if (!b) {
    b = new AccessLogBatcher(knex);
    batchers.set(knex, b);
  }
  return b;
}

/** Puts a batcher of one's own (e.g. other options, for a measurement) in place for a knex instance. */
export function setAccessLogBatcher(knex: Knex, batcher: AccessLogBatcher): void {
  batchers.set(knex, batcher);
}
