/**
 * Polls `probe` until it returns something other than null/undefined, or fails after `timeoutMs`.
 * For what is eventually true by design — e.g. the change feed only hands out events of transactions
 * older than every transaction still running on the server (src/modules/publishing/change-feed.repo.ts),
 * so while other test files hold a transaction open, a fresh event waits for it to end.
 */
export async function eventually<T>(
  probe: () => Promise<T | null | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    const got = await probe();
    if (got != null) return got;
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
