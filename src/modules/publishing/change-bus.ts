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
 */
export async function connectChangeBusToRedis(
  url: string,
  log: { warn(o: object, m: string): void },
): Promise<() => Promise<void>> {
  const { Redis } = await import('ioredis');
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(...BUSES.map((b) => b.channel));
  sub.on('message', (channel: string, raw: string) => {
    const bus = BUSES.find((b) => b.channel === channel);
    try {
      const msg = JSON.parse(raw) as ChangeMessage;
      if (bus && Array.isArray(msg.ids)) bus.deliver({ ids: msg.ids.filter(Number.isInteger) });
    } catch {
      log.warn({ channel }, 'ignored a malformed change message');
    }
  });
  for (const bus of BUSES) {
    bus.useTransport({
      publish: (msg) => {
        pub.publish(bus.channel, JSON.stringify(msg)).catch((e: Error) => {
          // the change is committed and in the feed; live delivery is best effort, catch-up is by query
          log.warn({ err: e.message }, 'could not publish a change to Redis; delivering locally only');
          bus.deliver(msg);
        });
      },
    });
  }
  return async () => {
    for (const bus of BUSES) bus.useTransport(null);
    await Promise.allSettled([sub.quit(), pub.quit()]);
  };
}
