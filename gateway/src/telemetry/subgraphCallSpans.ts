import {
  ATTR_GRAPHQL_OPERATION_NAME,
  ATTR_GRAPHQL_OPERATION_TYPE,
  ATTR_GRAPHQL_SUBGRAPH_NAME,
  recordResultErrors,
  traceHeaders,
} from '@cabinet/platform/telemetry';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ROOT_CONTEXT, SpanKind, trace, type Span, type Tracer } from '@opentelemetry/api';
import { getOperationAST, OperationTypeNode } from 'graphql';
import { operationType } from '../operationType.ts';

type SubgraphExecuteHook = NonNullable<GatewayPlugin['onSubgraphExecute']>;
type SubgraphExecution = Parameters<SubgraphExecuteHook>[0];
type SubgraphExecutionDone = Extract<Awaited<ReturnType<SubgraphExecuteHook>>, (...args: never[]) => unknown>;

/**
 * A span per subgraph call, a child of its operation's span. A subscription's upstream WebSocket is
 * shared by many traces, so its subscribe message carries the call's `traceparent` in `extensions`.
 */
export function subgraphCallSpans(tracer: Tracer) {
  const calls = new WeakMap<object, Span>();
  return {
    /** The span of the call an execution request belongs to. */
    of: (executionRequest: object): Span | undefined => calls.get(executionRequest),

    /** Starts the call's span; the function returned ends it with the call's result. */
    start(execution: SubgraphExecution, operation: Span): SubgraphExecutionDone {
      const { subgraphName, executionRequest } = execution;
      const subgraphOperation = getOperationAST(executionRequest.document, executionRequest.operationName);
      const span = tracer.startSpan(
        `subgraph ${subgraphName}`,
        {
          kind: SpanKind.INTERNAL,
          attributes: {
            [ATTR_GRAPHQL_SUBGRAPH_NAME]: subgraphName,
            ...(subgraphOperation ? { [ATTR_GRAPHQL_OPERATION_TYPE]: subgraphOperation.operation } : {}),
            ...(executionRequest.operationName
              ? { [ATTR_GRAPHQL_OPERATION_NAME]: executionRequest.operationName }
              : {}),
          },
        },
        trace.setSpan(ROOT_CONTEXT, operation),
      );
      calls.set(executionRequest, span);
      if (operationType(executionRequest) === OperationTypeNode.SUBSCRIPTION) {
        execution.setExecutionRequest({
          ...executionRequest,
          extensions: {
            ...executionRequest.extensions,
            ...traceHeaders(trace.setSpan(ROOT_CONTEXT, span)),
          },
        });
      }
      return ({ result }) => {
        // A subscription's stream outlives the call; the span covers setting it up.
        if (!(Symbol.asyncIterator in result)) recordResultErrors(span, result.errors);
        span.end();
      };
    },
  };
}
