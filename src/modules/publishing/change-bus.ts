/**
 * Carries "these findings changed" between writers and live subscribers. In-process by default; with
 * REDIS_URL set, main.ts connects it to Redis pub/sub so events cross hub instances. Only ids travel:
 * each subscriber reloads the finding under its own viewer's permissions.
 */
import { EventEmitter } from 'node:events';

export interface ChangeMessage {
  /** Ids of the changed records (findings, or rectification tasks, per bus). */
  ids: number[];
}

type Transport = { publish(msg: ChangeMessage): void };

export class IdBus {
  private readonly local = new EventEmitter();
  private transport: Transport | null = null;

  /** Route publications through another transport (Redis); it must call deliver() for every message. */
  useTransport(t: Transport | null): void {
    this.transport = t;
  }

  constructor(readonly channel: string) {
    this.local.setMaxListeners(0);
  }

  emitChanged(ids: number[]): void {
    if (!ids.length) return;
    const msg = { ids };
    if (this.transport) this.transport.publish(msg);
    else this.deliver(msg);
  }

  deliver(msg: ChangeMessage): void {
    this.local.emit('change', msg);
  }

  /** Async iterator of messages until `signal` aborts; buffers while the consumer is busy. */
  async *listen(signal: AbortSignal): AsyncGenerator<ChangeMessage> {
    const queue: ChangeMessage[] = [];
    let wake: (() => void) | null = null;
    const onMsg = (m: ChangeMessage) => {
      queue.push(m);
      wake?.();
    };
    const onAbort = () => wake?.();
    this.local.on('change', onMsg);
    signal.addEventListener('abort', onAbort);
    try {
      while (!signal.aborted) {
        if (!queue.length) await new Promise<void>((r) => (wake = r));
        wake = null;
        while (queue.length) yield queue.shift()!;
      }
    } finally {
      this.local.off('change', onMsg);
      signal.removeEventListener('abort', onAbort);
    }
  }
}

export const changeBus = new IdBus('oversight-hub:findings');
/** Rectification tasks that changed (整改任务), for rectificationChanged. */
export const rectificationBus = new IdBus('oversight-hub:rectifications');
const BUSES = [changeBus, rectificationBus];

/**
 * Routes the bus through Redis pub/sub so every hub instance's subscribers hear every instance's
 * changes. Returns a function that disconnects.
 *
 * Redis down (at start or later): the hub keeps serving and delivers each change to this instance's
 * own subscribers at once, never waiting for Redis; it says so in the log once per outage, and again
 * when Redis is back (the subscription is renewed by itself). Other instances miss those events live
 * and catch up with `changes(since:)`, as after any disconnect.
 */
export async function connectChangeBusToRedis(
  url: string,
  log: { warn(o: object, m: string): void; info(o: object, m: string): void },
  opts: { connectWaitMs?: number } = {},
): Promise<() => Promise<void>> {
  const { Redis } = await import('ioredis');
  // publishing never queues: while Redis is away, a change goes to local subscribers instead
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  // the subscription is queued until connected and renewed after every reconnection
  const sub = new Redis(url, { maxRetriesPerRequest: null });
  let degraded = false;
  let closing = false;
  const connected = () => pub.status === 'ready' && sub.status === 'ready';
  const down = (why: string) => {
    if (degraded || closing) return;
    degraded = true;
    log.warn(
      { err: why },
      "change events: Redis unreachable; delivering them locally, to this instance's subscribers only, until it returns",
    );
  };
  const onStatus = () => {
    if (closing) return;
    if (!connected()) return down(`redis ${pub.status}/${sub.status}`);
    if (degraded) {
      degraded = false;
      log.warn({}, 'change events: Redis reachable again; changes reach every instance');
    }
  };
  for (const c of [pub, sub]) {
    // ioredis reconnects by itself; the outage is reported once by down()
    c.on('error', () => {});
    c.on('ready', onStatus);
    c.on('close', onStatus);
  }
  sub.on('message', (channel: string, raw: string) => {
    const bus = BUSES.find((b) => b.channel === channel);
    try {
      const msg = JSON.parse(raw) as ChangeMessage;
      if (bus && Array.isArray(msg.ids)) bus.deliver({ ids: msg.ids.filter(Number.isInteger) });
    } catch {
      log.warn({ channel }, 'ignored a malformed change message');
    }
  });
  const subscribed = sub.subscribe(...BUSES.map((b) => b.channel));
  subscribed.catch(() => {});
  // start-up waits a moment for Redis, then goes on without it
  const wait = opts.connectWaitMs ?? 3_000;
  const pubReady = new Promise<void>((r) => (pub.status === 'ready' ? r() : pub.once('ready', () => r())));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all([pubReady, subscribed]),
    new Promise((r) => (timer = setTimeout(r, wait))),
  ]).catch(() => {});
  clearTimeout(timer);
  if (connected()) log.info({}, 'change events: shared through Redis');
  else down(`redis ${pub.status}/${sub.status}`);
  for (const bus of BUSES) {
    bus.useTransport({
      publish: (msg) => {
        // the change is committed and in the feed; live delivery is best effort, catch-up is by query
        if (sub.status !== 'ready') {
          down(`redis subscriber ${sub.status}`);
          bus.deliver(msg);
          // other instances may still hear it
          if (pub.status === 'ready') pub.publish(bus.channel, JSON.stringify(msg)).catch(() => {});
          return;
        }
        if (pub.status !== 'ready') {
          down(`redis publisher ${pub.status}`);
          bus.deliver(msg);
          return;
        }
        pub.publish(bus.channel, JSON.stringify(msg)).catch((e: Error) => {
          down(e.message);
          bus.deliver(msg);
        });
      },
    });
  }
  return async () => {
    closing = true;
    for (const bus of BUSES) bus.useTransport(null);
    // QUIT only on a live connection: queued while Redis is away, it would wait for its return
    await Promise.allSettled(
      [sub, pub].map((c) =>
        c.status === 'ready'
          ? Promise.race([c.quit(), new Promise((r) => setTimeout(r, 1_000).unref())])
          : undefined,
      ),
    );
    sub.disconnect();
    pub.disconnect();
  };
}
