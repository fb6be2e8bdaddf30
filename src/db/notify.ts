/**
 * PostgreSQL LISTEN/NOTIFY, for the caches every hub process keeps of rarely changing tables: the
 * writer queues a notification inside its transaction (delivered to every listening session at
 * commit, dropped on rollback), and each process listens on one dedicated connection of its own,
 * outside the pool, so a busy pool never delays an invalidation.
 *
 * Not for the embedded database: pglite-socket serves every connection from one shared PGlite
 * session and sends each result back to the connection that asked, so a notification goes back to the
 * notifier and never reaches a listener on another connection (and a second connection risks the
 * mixing of extended-protocol messages, see src/db/database.ts). There a single process owns the
 * database and invalidates in-process.
 */
import pg from 'pg';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

/** Queues `payload` on `channel` in the transaction: every listener receives it when it commits. */
export async function notifyInTransaction(trx: Knex.Transaction, channel: string, payload: string) {
  await trx.raw('select pg_notify(?, ?)', [channel, payload]);
}

/** Is the server the embedded PGlite (through pglite-socket)? Then LISTEN/NOTIFY cannot cross connections. */
export async function isEmbeddedServer(knex: Knex): Promise<boolean> {
  const r = (await knex.raw('select version() as v')) as { rows: { v: string }[] };
  return /\bPGlite\b/.test(r.rows[0]?.v ?? '');
}

export interface ListenerEvents {
  /** A notification on the channel. */
  notification(payload: string): void;
  /** LISTEN is in force (at start and after every reconnection): notifications from now on arrive. */
  up(): void;
  /** The connection is gone: notifications are lost until the next `up`. */
  down(err: unknown): void;
}

export interface ListenerOptions {
  /** A `select 1` on the connection this often, so a connection that died silently is noticed. */
  heartbeatMs?: number;
  /** Connecting, LISTEN and the heartbeat each fail after this long. */
  timeoutMs?: number;
  /** Reconnection delays double from 250 ms up to this. */
  maxRetryMs?: number;
}

/**
 * One dedicated connection that LISTENs on a channel, reconnects with backoff when it drops and tells
 * its owner when notifications may have been missed (`down`) and when they arrive again (`up`).
 */
export class PgListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private delay = 250;
  private failures = 0;
  /** Backend pid of the listening session (diagnostics and tests). */
  pid: number | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly on: ListenerEvents,
    private readonly log: Logger,
    private readonly opts: ListenerOptions = {},
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  /** The first attempt; when it fails, further attempts continue in the background. */
  start(): Promise<void> {
    return this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const c = this.client;
    this.client = null;
    this.pid = null;
    await c?.end().catch(() => {});
  }

  private async attempt(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped) return;
    const timeout = this.opts.timeoutMs ?? 5_000;
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      application_name: `oversight-hub ${this.channel} listener`,
    });
    let dead = false;
    const fail = (err: unknown) => {
      if (dead) return;
      dead = true;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (this.client === client) {
        this.client = null;
        this.pid = null;
        if (this.heartbeat) clearInterval(this.heartbeat);
        this.heartbeat = null;
        if (!this.stopped) this.on.down(err);
      } else if (!this.stopped && this.failures++ % 20 === 0) {
        this.log.warn({ err, channel: this.channel }, 'LISTEN connection: could not connect; retrying');
      }
      if (this.stopped) return;
      this.retryTimer = setTimeout(() => void this.attempt(), this.delay);
      this.retryTimer.unref();
      this.delay = Math.min(this.delay * 2, this.opts.maxRetryMs ?? 10_000);
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error('the LISTEN connection ended')));
    client.on('notification', (n) => {
      if (this.client === client && n.channel === this.channel) this.on.notification(n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      if (dead) return;
      if (this.stopped) {
        dead = true;
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      this.pid = rows[0]?.pid ?? null;
      this.delay = 250;
      this.failures = 0;
      this.heartbeat = setInterval(() => {
        client.query('select 1').catch(fail);
      }, this.opts.heartbeatMs ?? 10_000);
      this.heartbeat.unref();
      this.on.up();
    } catch (e) {
      fail(e);
    }
  }
}
