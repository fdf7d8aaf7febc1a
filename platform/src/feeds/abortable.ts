/**
 * Wraps a generator that honours an AbortSignal so that a client's unsubscribe ends it at once, even
 * while it waits for the next event (an async generator's own `return()` would wait for that event).
 */
export function abortable<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = start(controller.signal);
  return {
    next: () => inner.next(),
    async return() {
      controller.abort();
      await inner.return(undefined);
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      controller.abort();
      return inner.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
