import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Kind, type OperationTypeNode } from 'graphql';

/** A request the gateway sends to a subgraph, as the runtime's hooks see it. */
export type SubgraphExecutionRequest = Parameters<
  NonNullable<GatewayPlugin['onSubgraphExecute']>
>[0]['executionRequest'];

/** Query, mutation or subscription: what a subgraph request asks, read from the plan when it says so. */
export function operationType(request: SubgraphExecutionRequest): OperationTypeNode | undefined {
  if (request.operationType) return request.operationType;
  for (const definition of request.document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) return definition.operation;
  }
  return undefined;
}
