import type { SubgraphMetrics } from '../metrics/subgraphMetrics.ts';
import type { Caller } from './subscriptionCallers.ts';

interface RunningOperation {
  readonly caller: Caller;
  readonly subscription: boolean;
}

export type SocketExtra = {
  connection?: Caller;
  /** Operations running on the socket, with the caller each was started for. */
  operations?: Map<string, RunningOperation>;
};

/**
 * What runs on each socket: its caller and its operations, counted in the metrics, and every watch on
 * a token's expiry or its session's end released once what it guards has ended.
 */
export function socketOperations(metrics: Pick<SubgraphMetrics, 'webSockets' | 'subscriptions'>) {
  return {
    connected(extra: SocketExtra, caller: Caller): void {
      extra.connection = caller;
      metrics.webSockets.inc();
    },

    started(extra: SocketExtra, id: string, caller: Caller, subscription: boolean): void {
      (extra.operations ??= new Map()).set(id, { caller, subscription });
      if (subscription) metrics.subscriptions.inc();
    },

    completed(extra: SocketExtra, id: string): void {
      const running = extra.operations?.get(id);
      if (!running) return;
      extra.operations?.delete(id);
      if (running.caller !== extra.connection) running.caller.release?.();
      if (running.subscription) metrics.subscriptions.dec();
    },

    /** A socket counts as connected once it was acknowledged. */
    closed(extra: SocketExtra, acknowledged: boolean): void {
      if (acknowledged) metrics.webSockets.dec();
      extra.connection?.release?.();
      for (const { caller } of extra.operations?.values() ?? []) caller.release?.();
    },
  };
}

/** Ends a running subscription: graphql-ws then tells the client it is complete. */
export function endOperation(operation: AsyncIterable<unknown> | AsyncGenerator | null | undefined): void {
  if (operation && 'return' in operation) void operation.return(undefined);
}
