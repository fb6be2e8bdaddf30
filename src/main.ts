/** `npm start`: runs the hub; prints the URL and one ready token per demo role. */
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startHub } from './hub.js';
import { demoTokens } from './cli/token.js';

const t0 = Date.now();
const config = loadConfig();
const log = createLogger(config.logLevel);

startHub(config, log)
  .then(async (hub) => {
    const ms = Date.now() - t0;
    log.info({ url: hub.server.url, embedded: hub.db.embedded, startupMs: ms }, 'hub ready');
    const tokens = await demoTokens(config, hub.orm.em.getKnex(), '12h');
    // Human-facing banner on stderr so stdout stays pure JSON logs.
    const lines = [
      '',
      `Oversight hub ready at ${hub.server.url} (${hub.db.embedded ? `embedded database in ${config.dataDir}` : 'DATABASE_URL'}, started in ${ms} ms)`,
      'Demo bearer tokens (valid 12h; `npm run token -- --role <ROLE>` for more):',
      ...tokens.map((t) => `  ${t.role.padEnd(10)} ${t.org ?? '-'}\n    ${t.token}`),
      '',
    ];
    process.stderr.write(lines.join('\n') + '\n');
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      // not ready at once, while still serving: a load balancer takes the instance out before its
      // listening socket closes (HUB_SHUTDOWN_DELAY_MS later); then requests in flight finish
      hub.server.drain();
      const delayMs = config.shutdownDelayMs;
      log.info(
        { signal, delayMs },
        'shutting down: /readyz answers 503, the listening socket closes after delayMs',
      );
      const force = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      }, delayMs + 15_000);
      force.unref();
      new Promise((r) => setTimeout(r, delayMs))
        .then(() => {
          log.info('closing the listening socket');
          return hub.stop();
        })
        .then(() => {
          log.info('stopped');
          process.exit(0);
        })
        .catch((e) => {
          log.error({ err: e }, 'error while stopping');
          process.exit(1);
        });
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  })
  .catch((e) => {
    log.fatal(
      { err: e instanceof Error ? { message: e.message, code: (e as { code?: string }).code } : e },
      'failed to start',
    );
    process.exit(1);
  });
