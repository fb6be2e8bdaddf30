/**
 * Per-organisation rate limits: each organisation has a budget of cost points per minute (the cost
 * estimate of src/http/cost.ts), shared by all of its users. Kept in Redis when REDIS_URL is set, so
 * every hub instance charges the same counter; in memory otherwise (one process).
 *
 * A window starts at an organisation's first charge and lasts a minute (the counter's expiry in
 * Redis, so instances need no agreeing clocks). A request that would go over the budget is refused
 * and charges nothing; the refusal says when the window ends.
 *
 * Redis unreachable: the limiter keeps limiting, per process, in memory (and says so in the log once
 * per outage) rather than refusing every request or letting every request through.
 */
import type { Redis as RedisClient } from 'ioredis';
import type { Logger } from 'pino';

export const RATE_WINDOW_MS = 60_000;

export type Charge = { ok: true; remaining: number } | { ok: false; retryAfterMs: number };

export interface RateLimiter {
  /** Charge `points` to `key` if the window's budget allows it. */
  charge(key: string, points: number): Promise<Charge>;
  readonly budget: number;
  close(): Promise<void>;
}

/** One process's counters. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { used: number; resetAt: number }>();
  private charges = 0;

  constructor(
    readonly budget: number,
    private readonly windowMs = RATE_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async charge(key: string, points: number): Promise<Charge> {
    const t = this.now();
    if (++this.charges % 1000 === 0) this.prune(t);
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { used: 0, resetAt: t + this.windowMs };
      this.windows.set(key, w);
    }
    if (w.used + points > this.budget) return { ok: false, retryAfterMs: w.resetAt - t };
    w.used += points;
    return { ok: true, remaining: this.budget - w.used };
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= t) this.windows.delete(k);
  }

  async close(): Promise<void> {}
}

/**
 * Check and charge in one step on the server (no two instances can both take the last points):
 * KEYS[1] the counter; ARGV cost, window ms, budget. Returns {1, used} or {0, ms until reset}.
 */
const CHARGE_SCRIPT = `
local cost = tonumber(ARGV[1])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + cost > tonumber(ARGV[3]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = tonumber(ARGV[2]) end
  return {0, ttl}
end
used = redis.call('INCRBY', KEYS[1], cost)
if used == cost then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, used}
`;

/** Counters in Redis, shared by every instance; in memory while Redis cannot be reached. */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;
  private degraded = false;

  private constructor(
    private readonly redis: RedisClient,
    readonly budget: number,
    private readonly log: Logger,
    private readonly prefix: string,
    private readonly windowMs: number,
  ) {
    this.fallback = new MemoryRateLimiter(budget, windowMs);
  }

  static async connect(
    url: string,
    budget: number,
    log: Logger,
    opts: { prefix?: string; windowMs?: number } = {},
  ): Promise<RedisRateLimiter> {
    const { Redis } = await import('ioredis');
    const redis = new Redis(url, {
      lazyConnect: true,
      // a request never waits for Redis to come back: it is charged in memory meanwhile
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
    });
    const limiter = new RedisRateLimiter(
      redis,
      budget,
      log,
      opts.prefix ?? 'oversight-hub:rate:',
      opts.windowMs ?? RATE_WINDOW_MS,
    );
    redis.on('error', () => {
      // reported once per outage by charge(); ioredis reconnects by itself
    });
    try {
      await redis.connect();
    } catch (e) {
      limiter.down(e);
    }
    return limiter;
  }

  async charge(key: string, points: number): Promise<Charge> {
    if (this.redis.status === 'ready') {
      try {
        const [ok, n] = (await this.redis.eval(
          CHARGE_SCRIPT,
          1,
          this.prefix + key,
          points,
          this.windowMs,
          this.budget,
        )) as [number, number];
        if (this.degraded) {
          this.degraded = false;
          this.log.warn('rate limits: Redis reachable again; counters shared by every instance');
        }
        return ok === 1 ? { ok: true, remaining: this.budget - n } : { ok: false, retryAfterMs: n };
      } catch (e) {
        this.down(e);
      }
    } else this.down(new Error(`redis ${this.redis.status}`));
    return this.fallback.charge(key, points);
  }

  private down(e: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.log.warn(
      { err: (e as Error)?.message },
      'rate limits: Redis unreachable; limiting per instance in memory until it returns',
    );
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Off when the budget is 0. */
export async function createRateLimiter(
  opts: { redisUrl: string | undefined; perMinute: number },
  log: Logger,
): Promise<RateLimiter | null> {
  if (opts.perMinute <= 0) return null;
  if (opts.redisUrl) return RedisRateLimiter.connect(opts.redisUrl, opts.perMinute, log);
  return new MemoryRateLimiter(opts.perMinute);
}
