/**
 * Wraps a generator that honours `controller`'s signal so that a client's unsubscribe ends it at once,
 * even while it waits for the next event (an async generator's own `return()` would wait for that event).
 */
export function abortable<T>(
  controller: AbortController,
  inner: AsyncGenerator<T>,
): AsyncIterableIterator<T> {
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
