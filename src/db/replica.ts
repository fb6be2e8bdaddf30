/**
 * Reads from a PostgreSQL streaming replica (DATABASE_REPLICA_URL), with read-your-writes.
 *
 * A query goes to the replica, a mutation (and everything else: subscriptions, HTTP routes, the access
 * log) to the primary. After a mutation the writer (organisation + token subject) is remembered with
 * the primary's WAL position at that moment (`pg_current_wal_lsn()`, taken before the answer leaves);
 * the writer's queries go to the primary until the replica has replayed that far
 * (`pg_last_wal_replay_lsn()`, asked at most every 50 ms for all requests together). So a writer never
 * reads an older state than the one its mutation answered, however far the replica lags; everyone
 * else reads the replica. While the replica does not answer, queries go to the primary.
 *
 * Per process: with several instances behind a balancer that does not keep a writer on one instance,
 * a writer's next query on another instance may read the replica before it has replayed the write.
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';

/** '16/B374D848' → a number that orders like the position. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** How long one answer of the replica's replay position is used. */
const REPLAY_CACHE_MS = 50;

export class ReadRouter {
  /** writer → WAL position of their last mutation, until the replica has replayed it */
  private readonly pending = new Map<string, bigint>();
  private replay: { at: number; lsn: Promise<bigint | null> } | null = null;
  private failing = false;
  /** Queries sent to each side (tests, diagnostics). */
  readonly counts = { replica: 0, primary: 0 };

  constructor(
    readonly primary: Knex,
    readonly replica: Knex,
    private readonly log: Logger,
  ) {}

  /** After a mutation by `writer` committed, before its answer leaves. */
  async wrote(writer: string): Promise<void> {
    const r = (await this.primary.raw('select pg_current_wal_lsn()::text as lsn')) as {
      rows: { lsn: string }[];
    };
    this.pending.set(writer, lsnValue(r.rows[0]!.lsn));
    // forget writers the replica has caught up with, now and then
    if (this.pending.size > 10_000) this.pending.clear();
  }

  /** Where a query of `writer` (null: no token) reads. */
  async forQuery(writer: string | null): Promise<Knex> {
    const waitFor = writer === null ? undefined : this.pending.get(writer);
    const replayed = await this.replayed();
    if (replayed === null || (waitFor !== undefined && replayed < waitFor)) {
      this.counts.primary++;
      return this.primary;
    }
    if (waitFor !== undefined) this.pending.delete(writer!);
    this.counts.replica++;
    return this.replica;
  }

  /** The replica's replay position; null when it does not answer (then everything reads the primary). */
  private replayed(): Promise<bigint | null> {
    const now = Date.now();
    if (!this.replay || now - this.replay.at > REPLAY_CACHE_MS) {
      const lsn = this.replica
        .raw('select pg_last_wal_replay_lsn()::text as lsn')
        .timeout(1_000)
        .then((r: { rows: { lsn: string | null }[] }) => {
          if (this.failing) {
            this.failing = false;
            this.log.warn('replica reachable again: queries read from it');
          }
          const v = r.rows[0]?.lsn;
          // null: not a standby (e.g. promoted) — its data is current
          return v ? lsnValue(v) : 2n ** 64n;
        })
        .catch((e: Error) => {
          if (!this.failing) {
            this.failing = true;
            this.log.warn({ err: e.message }, 'replica unreachable: queries read from the primary');
          }
          return null;
        });
      this.replay = { at: now, lsn };
    }
    return this.replay.lsn;
  }
}

/** Who "the writer" is, for read-your-writes: the token's organisation and subject. */
export const writerKey = (v: { orgCode: string | null; userId: string | null }): string | null =>
  v.orgCode === null ? null : `${v.orgCode}\u0000${v.userId ?? ''}`;
