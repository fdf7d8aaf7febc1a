import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, type Context, type ContextManager } from '@opentelemetry/api';

const storage = new AsyncLocalStorage<Context>();

/**
 * The OpenTelemetry context manager of a traced process: the active context follows the async calls
 * that continue from where it was set, so a resolver's outgoing calls find the span of the request
 * they serve. Installed only while tracing is on; until then the API's active context is the root.
 */
export const asyncContextManager: ContextManager = {
  active: () => storage.getStore() ?? ROOT_CONTEXT,
  with: (context, fn, thisArg, ...args) => storage.run(context, () => fn.apply(thisArg, args)),
  bind: (context, target) =>
    typeof target === 'function'
      ? (function (this: unknown, ...args: unknown[]) {
          return storage.run(context, () => (target as (...a: unknown[]) => unknown).apply(this, args));
        } as typeof target)
      : target,
  enable() {
    return asyncContextManager;
  },
  disable() {
    storage.disable();
    return asyncContextManager;
  },
};

/**
 * Makes `context` the active one for the rest of the current async call chain. For hooks that are
 * called before work they cannot wrap (an Apollo plugin's `requestDidStart` runs ahead of the
 * request's execution in the same chain, which begins in a promise continuation of its own), where
 * `context.with` is not available.
 */
export function continueIn(context: Context): void {
  storage.enterWith(context);
}
