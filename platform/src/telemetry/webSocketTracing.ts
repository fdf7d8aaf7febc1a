import { SpanKind, trace, type Span } from '@opentelemetry/api';
import { getOperationAST, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { describeOperation, recordResultErrors } from './graphqlSpans.ts';
import { traceContextFromFields } from './traceContext.ts';

/**
 * A server span per graphql-ws operation, from its subscribe message to the subscription being
 * established or refused (a query or mutation: to its result), a child of the span the message names
 * in `extensions.traceparent`. Refusals carry their codes: those `onSubscribe` returns, and those of
 * a result that is sent instead of a stream, read after the server formatted them.
 *
 * Events delivered on an established subscription get no spans, and nothing is kept per subscriber
 * past its setup. While tracing is off a socket operation costs one non-recording span, and an event
 * one comparison.
 */
export function traceOperationSetup<P extends Record<string, unknown> | undefined, E>(
  options: ServerOptions<P, E>,
): ServerOptions<P, E> {
  const tracer = trace.getTracer('@cabinet/platform/subscriptions');
  const { onSubscribe, onOperation, onNext } = options;
  // Operations set up but not yet answered, by the arguments graphql-ws hands back with the answer.
  const settingUp = new WeakMap<ExecutionArgs, Span>();
  let unanswered = 0;

  const finish = (args: ExecutionArgs, span: Span, errors?: Parameters<typeof recordResultErrors>[1]) => {
    settingUp.delete(args);
    unanswered--;
    recordResultErrors(span, errors);
    span.end();
  };

  return {
    ...options,
    onSubscribe: async (ctx, id, payload) => {
      const span = tracer.startSpan(
        'GraphQL Operation',
        { kind: SpanKind.SERVER },
        traceContextFromFields(payload.extensions),
      );
      if (!span.isRecording()) return onSubscribe?.(ctx, id, payload);
      try {
        const prepared = await onSubscribe?.(ctx, id, payload);
        if (!prepared) {
          span.end();
          return prepared;
        }
        if (Array.isArray(prepared)) {
          const refusal = prepared as readonly GraphQLError[];
          recordResultErrors(span, refusal);
          span.end();
          return refusal;
        }
        const args = prepared as ExecutionArgs;
        const operation = getOperationAST(args.document, args.operationName);
        describeOperation(span, operation?.operation, args.operationName ?? operation?.name?.value);
        settingUp.set(args, span);
        unanswered++;
        return args;
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.end();
        throw error;
      }
    },
    onOperation: (ctx, id, payload, args, result) => {
      const span = unanswered === 0 ? undefined : settingUp.get(args);
      if (span !== undefined) {
        // A stream: the subscription is established. A single result is answered through onNext,
        // unless the client has left and it will not be sent.
        if (Symbol.asyncIterator in result) finish(args, span);
        // graphql-ws hands the result over settled, whatever its type says.
        else if (!(id in ctx.subscriptions)) finish(args, span, (result as ExecutionResult).errors);
      }
      return onOperation?.(ctx, id, payload, args, result);
    },
    onNext: (ctx, id, payload, args, result) => {
      const sent = onNext?.(ctx, id, payload, args, result);
      const span = unanswered === 0 ? undefined : settingUp.get(args);
      if (span === undefined) return sent;
      return Promise.resolve(sent).then((formatted) => {
        finish(args, span, (formatted ?? result).errors);
        return formatted;
      });
    },
  };
}
