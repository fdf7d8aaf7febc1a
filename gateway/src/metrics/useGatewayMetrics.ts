import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { GatewayMetrics } from './gatewayMetrics.ts';

type Labels = { operation: string; type: string };

/**
 * Feeds the gateway's request, error and latency series and its open-subscription gauge. Errors are
 * counted where they arise: operations refused by validation (limits included) and execution
 * results, each event of a subscription too. A subscription counts as open until its stream ends,
 * however it ends. Refusals before parsing (authentication, rate limits, body size) are HTTP answers,
 * not GraphQL errors, and are not counted here. Operations are labelled by `operationLabel`, which
 * keeps the client-chosen names to a bounded set.
 */
export function useGatewayMetrics(
  metrics: GatewayMetrics,
  operationLabel: (name: string) => string,
): GatewayPlugin {
  const labelsFor = (args: ExecutionArgs): Labels => labelsOf(args.document, args.operationName);
  const labelsOf = (document: DocumentNode, operationName: string | null | undefined): Labels => {
    const operation = getOperationAST(document, operationName);
    return {
      operation: operationLabel(operationName ?? operation?.name?.value ?? 'anonymous'),
      type: operation?.operation ?? 'unknown',
    };
  };
  const countErrors = (operation: string, errors: readonly Error[] | undefined) => {
    for (const error of errors ?? []) {
      const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
      metrics.errors.inc({ operation, code: typeof code === 'string' ? code : 'UNKNOWN' });
    }
  };
  return {
    onValidate({ params }) {
      const { operation } = labelsOf(params.documentAST as DocumentNode, undefined);
      return ({ valid, result }) => {
        if (!valid) countErrors(operation, result);
      };
    },
    onExecute({ args }) {
      const labels = labelsFor(args);
      const started = performance.now();
      metrics.requests.inc(labels);
      return {
        onExecuteDone({ result }) {
          metrics.requestDuration.observe(labels, (performance.now() - started) / 1_000);
          if (!(Symbol.asyncIterator in result)) countErrors(labels.operation, result.errors);
        },
      };
    },
    onSubscribe({ args }) {
      const labels = labelsFor(args);
      metrics.requests.inc(labels);
      const transport =
        typeof args.contextValue === 'object' && args.contextValue !== null && 'socket' in args.contextValue
          ? 'ws'
          : 'sse';
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) {
            countErrors(labels.operation, result.errors);
            return undefined;
          }
          metrics.subscriptions.inc({ transport });
          return {
            onNext({ result: event }) {
              countErrors(labels.operation, event.errors);
            },
            onEnd() {
              metrics.subscriptions.dec({ transport });
            },
          };
        },
      };
    },
  };
}
