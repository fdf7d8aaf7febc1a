import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode } from 'graphql';
import { operationType, type SubgraphExecutionRequest } from '../operationType.ts';
import { transportProblem } from './subgraphCircuits.ts';

type RuntimeOptions = GatewayConfigBase<Record<string, unknown>>;

export interface SubgraphCallPolicy {
  /** One attempt's limit for a query; SUBGRAPH_TIMEOUTS_MS sets it per subgraph. */
  readonly timeoutMsFor: (subgraph: string) => number;
  /** A mutation's one attempt: longer, since changes (a sign-in, say) may be slow without anything being wrong. */
  readonly mutationTimeoutMs: number;
  /** Extra attempts for queries; mutations never retry (they carry idempotency keys instead). */
  readonly maxRetries: number;
  /** The first retry waits twice this; each further one twice as long again. */
  readonly retryBaseMs: number;
}

/** Each retry waits this many times longer than the one before. */
const RETRY_DELAY_FACTOR = 2;

/**
 * The runtime's own upstream timeout and retry plugins, set to the gateway's policy: every query and
 * mutation attempt has a timeout (a mutation a longer one, never shorter than its subgraph's query
 * timeout); queries alone are retried, and only when the attempt says the subgraph is failing (no
 * GraphQL answer, a 5xx, a timeout) and the client is still waiting. Subscriptions are left to the
 * WebSocket transport. ./subgraphCircuits.ts wraps all of a call's attempts in the subgraph's circuit.
 */
export function upstreamPolicy(
  policy: SubgraphCallPolicy,
): Required<Pick<RuntimeOptions, 'upstreamTimeout' | 'upstreamRetry'>> {
  return {
    upstreamTimeout: ({ subgraphName, executionRequest }) => {
      if (subgraphName === undefined || executionRequest === undefined) return undefined;
      const type = operationType(executionRequest as SubgraphExecutionRequest);
      if (type === OperationTypeNode.QUERY) return policy.timeoutMsFor(subgraphName);
      if (type === OperationTypeNode.MUTATION)
        return Math.max(policy.mutationTimeoutMs, policy.timeoutMsFor(subgraphName));
      return undefined;
    },
    upstreamRetry: ({ executionRequest }) =>
      operationType(executionRequest as SubgraphExecutionRequest) === OperationTypeNode.QUERY &&
      policy.maxRetries > 0
        ? {
            maxRetries: policy.maxRetries,
            retryDelay: policy.retryBaseMs,
            retryDelayFactor: RETRY_DELAY_FACTOR,
            shouldRetry: ({ executionRequest: request, executionResult, response }) =>
              !request.signal?.aborted &&
              ((response !== undefined && response.status >= 500) ||
                transportProblem(executionResult) !== undefined),
          }
        : undefined,
  };
}
