import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode } from 'graphql';
import { operationType } from './operationType.ts';

interface StaleMark {
  readonly stale: true;
  readonly staleSince: string;
}

function staleMarkOf(extensions: Record<string, unknown> | undefined): StaleMark | undefined {
  if (extensions?.['stale'] !== true || typeof extensions['staleSince'] !== 'string') return undefined;
  return { stale: true, staleSince: extensions['staleSince'] };
}

/**
 * A subgraph that answered from its cache during an outage says so with `extensions.stale` and
 * `staleSince`; the gateway would drop those when it merges the subgraph answers, so this carries the
 * oldest such mark over to the client's response.
 */
export function useStaleMarker(): GatewayPlugin {
  const marks = new WeakMap<object, StaleMark>();
  return {
    onSubgraphExecute({ executionRequest }) {
      const context = executionRequest.context as object | undefined;
      // Only the answer to a query or mutation can come from a cache; leaving a subscription's
      // stream unwrapped also keeps each subscriber's footprint small.
      if (!context || operationType(executionRequest) === OperationTypeNode.SUBSCRIPTION) return undefined;
      return ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        const mark = staleMarkOf(result.extensions);
        const known = marks.get(context);
        if (mark && (!known || mark.staleSince < known.staleSince)) marks.set(context, mark);
      };
    },
    onExecute({ args }) {
      const context = args.contextValue as object;
      return {
        onExecuteDone({ result, setResult }) {
          const mark = marks.get(context);
          if (!mark || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, ...mark } });
        },
      };
    },
  };
}
