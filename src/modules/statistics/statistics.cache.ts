/**
 * The statistics cache: `stats` answers kept in the process, keyed by
 *
 * - the data version (`sum(n)` of stats_data_change, migration stats_data_version): it grows with every
 *   committed transaction that wrote to a table the statistics read, through the API or by hand, so an
 *   answer is only ever found again while nothing it was computed from has changed;
 * - the viewer's class (src/policy/viewer-class.ts: role, organisation, clearance, sharing rules, approved
 *   requests), so viewers who may see different things never share an entry — a unit never gets another
 *   unit's figures; an entry lapses when the earliest grant of its class expires;
 * - the question: filter, grouping, perAgency, the small-count limit and the date the figures are as of.
 *
 * The version is read from the database by every request (one statement on a table of a few rows, on the
 * same connection pool — and so the same primary or replica — as the figures), not delivered by
 * LISTEN/NOTIFY or Redis: a notification arrives a moment after the commit, and a request in that moment
 * (the writer's own next read, on any instance) would get the old answer. Reading it costs one round trip
 * and makes every hub instance exact at once, with no connection of its own to lose. The version is read
 * before the figures, so an entry's data are never older than its version says.
 *
 * Bounded: least recently used entries go first, beyond HUB_STATS_CACHE_ENTRIES entries or a weight
 * (one per entry plus one per group) of 100 per entry allowed. Identical misses in flight share one
 * computation (single flight); a failed computation is shared by its waiters and not kept.
 * One cache per database connection pool (a WeakMap on the knex), so hubs in one process on different
 * databases never meet.
 */
import type { Knex } from 'knex';
import type { Stats } from './statistics.types.js';

interface Entry<T> {
  value: T;
  weight: number;
  /** ms since the epoch */
  validUntil: number;
}

/** A bounded LRU of answers with single-flight computation. */
export class AnswerCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inflight = new Map<string, Promise<T>>();
  private held = 0;
  /** hits, computations, and requests that waited on another's computation */
  readonly counts = { hits: 0, computed: 0, shared: 0 };

  constructor(
    readonly maxEntries: number,
    readonly maxWeight: number,
    private readonly weigh: (value: T) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.held;
  }

  /** The kept answer of `key`, else the one being computed, else `compute()` (kept until `validUntil`). */
  get(key: string, validUntil: number, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const e = this.entries.get(key);
    if (e) {
      this.remove(key, e);
      if (e.validUntil > now) {
        // re-inserted: a Map iterates in insertion order, so the first key is the least recently used
        this.entries.set(key, e);
        this.held += e.weight;
        this.counts.hits++;
        return Promise.resolve(e.value);
      }
    }
    const running = this.inflight.get(key);
    if (running) {
      this.counts.shared++;
      return running;
    }
    this.counts.computed++;
    const p = compute()
      .then((value) => {
        if (this.maxEntries > 0) this.put(key, { value, weight: this.weigh(value), validUntil });
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  private put(key: string, e: Entry<T>): void {
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    if (e.weight > this.maxWeight) return;
    this.entries.set(key, e);
    this.held += e.weight;
    for (const [k, x] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.held <= this.maxWeight) break;
      this.remove(k, x);
    }
  }

  private remove(key: string, e: Entry<T>): void {
    this.entries.delete(key);
    this.held -= e.weight;
  }
}

const caches = new WeakMap<Knex, AnswerCache<Stats>>();

/** The process's cache of `stats` answers over `knex`'s database, made on first use. */
export function statsCacheFor(knex: Knex, maxEntries: number): AnswerCache<Stats> {
  let c = caches.get(knex);
  if (!c || c.maxEntries !== maxEntries) {
    c = new AnswerCache<Stats>(maxEntries, maxEntries * 100, (s) => 1 + s.groups.length);
    caches.set(knex, c);
  }
  return c;
}
