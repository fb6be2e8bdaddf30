/**
 * Wraps a generator that waits on events so that return() (a client unsubscribing) aborts the wait at
 * once; a plain generator's return() would only run after the next event arrived.
 */
export function abortable<T>(make: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const stop = new AbortController();
  const gen = make(stop.signal);
  return {
    next: () => gen.next(),
    return: (value?: unknown) => {
      stop.abort();
      return gen.return(value as never);
    },
    throw: (e?: unknown) => {
      stop.abort();
      return gen.throw(e);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
