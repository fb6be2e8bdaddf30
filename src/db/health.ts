import type { Knex } from 'knex';
import type { Logger } from 'pino';

/** Throws when the database does not answer within `timeoutMs` (readiness). */
export async function pingDatabase(knex: Knex, timeoutMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      knex.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the database did not answer in time')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Socket errors of a connection that could not be made or was lost. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server that is away, not of a bad statement: class 08 (connection exception),
 * 57P01-57P03 (shut down by the administrator, crashed, starting up), 53300 (too many connections).
 */
const SQLSTATES = /^(08...|57P0[123]|53300)$/;
/** What pg and knex say when a connection ends or cannot be had. */
const MESSAGES =
  /Connection terminated|Connection ended unexpectedly|Client has encountered a connection error|Timeout acquiring a connection|timeout expired|the database system is (shutting down|starting up|in recovery mode)/i;

/**
 * Whether an error means "the database cannot be reached right now" (a restart, a failover, a lost
 * network), as opposed to a fault of the statement or the code: looks through GraphQL's
 * `originalError` and `cause` chains. Such an error is answered DATABASE_UNAVAILABLE (HTTP 503),
 * and the client may retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let e = error as
    { code?: unknown; message?: unknown; originalError?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && typeof e === 'object' && i < 6; i++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || SQLSTATES.test(code)) return true;
    if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * One warning per outage (at most every 10 s, with the count of failed requests since the last), not
 * one per request: an outage under load would otherwise write thousands of lines.
 */
export function databaseOutageLog(log: Logger) {
  let last = 0;
  let suppressed = 0;
  return (err: unknown, requestId?: string) => {
    const now = Date.now();
    if (now - last < 10_000) {
      suppressed++;
      return;
    }
    log.warn(
      { err: (err as Error)?.message, requestId, failedSinceLastWarning: suppressed },
      'database unavailable: requests answered DATABASE_UNAVAILABLE (503) until it returns',
    );
    last = now;
    suppressed = 0;
  };
}
