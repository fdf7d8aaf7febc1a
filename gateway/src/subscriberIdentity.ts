import { INTERNAL_REQUEST_EXTENSION, type InternalRequestSigner } from '@cabinet/platform/internal-requests';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OperationTypeNode } from 'graphql';
import { requestOf } from './clientHeaders.ts';
import { operationType } from './operationType.ts';

/**
 * Subscriptions of every client share one upstream WebSocket per subgraph, opened without anyone's
 * token; each subscribe message names its subscriber in `extensions.authorization` instead, and the
 * subgraph verifies that token before it serves the operation. Each also carries the gateway's proof
 * in `extensions.internalRequest`, fresh per operation, as a long-lived connection cannot be proven once.
 */
export function useSubscriberIdentity(internalRequests: InternalRequestSigner): GatewayPlugin {
  return {
    onSubgraphExecute(payload) {
      const { executionRequest } = payload;
      if (operationType(executionRequest) !== OperationTypeNode.SUBSCRIPTION) return;
      const authorization = requestOf(executionRequest.context)?.headers.get('authorization');
      payload.setExecutionRequest({
        ...executionRequest,
        extensions: {
          ...executionRequest.extensions,
          ...(authorization ? { authorization } : {}),
          [INTERNAL_REQUEST_EXTENSION]: internalRequests.proof(),
        },
      });
    },
  };
}
