import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<AbortSignal>();

/**
 * Express middleware giving everything a request runs an AbortSignal that fires when the client goes
 * away before the answer is written, so queued secret checks for it are skipped.
 */
export function requestSignalMiddleware() {
  return (
    _request: unknown,
    response: { on(event: 'close', listener: () => void): unknown; readonly writableFinished: boolean },
    next: () => void,
  ): void => {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    storage.run(controller.signal, next);
  };
}

/** The current request's signal; outside a request nothing can abort. */
export function currentRequestSignal(): AbortSignal | undefined {
  return storage.getStore();
}
