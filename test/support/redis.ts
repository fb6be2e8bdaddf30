/**
 * The machine's Redis for tests of more than one instance: HUB_TEST_REDIS_URL, else
 * redis://127.0.0.1:6379. CI starts Redis and sets HUB_TEST_REDIS_URL, so there a missing Redis is a
 * failure; elsewhere the tests that need it are skipped (and say so).
 */
import net from 'node:net';

export const TEST_REDIS_URL = process.env.HUB_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether Redis answers at TEST_REDIS_URL; throws when HUB_TEST_REDIS_URL is set and it does not. */
export async function redisAvailable(): Promise<boolean> {
  const u = new URL(TEST_REDIS_URL);
  const up = await new Promise<boolean>((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.setTimeout(1000);
    s.once('connect', () => {
      s.write('PING\r\n');
    });
    s.once('data', (d) => {
      resolve(d.toString().startsWith('+PONG'));
      s.destroy();
    });
    s.once('error', () => resolve(false));
    s.once('timeout', () => {
      resolve(false);
      s.destroy();
    });
  });
  if (!up && process.env.HUB_TEST_REDIS_URL) {
    throw new Error(`HUB_TEST_REDIS_URL=${TEST_REDIS_URL} is set but Redis does not answer`);
  }
  if (!up) console.warn(`Redis not reachable at ${TEST_REDIS_URL}: the tests that need it are skipped`);
  return up;
}
