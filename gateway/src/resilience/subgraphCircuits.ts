import type { ErrorCode } from '@cabinet/kernel';
import type { Logger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, OperationTypeNode, type ExecutionResult } from 'graphql';
import { operationType } from '../operationType.ts';
import { CircuitBreaker, type CircuitBreakerSettings, type CircuitState } from './circuitBreaker.ts';

type SubgraphExecutePayload = Parameters<NonNullable<GatewayPlugin['onSubgraphExecute']>>[0];
type Executor = SubgraphExecutePayload['executor'];
type ExecutionRequest = SubgraphExecutePayload['executionRequest'];
type ExecutorResult = Awaited<ReturnType<Executor>>;

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE' satisfies ErrorCode;
export const SUBGRAPH_TIMEOUT = 'SUBGRAPH_TIMEOUT' satisfies ErrorCode;
/** The code the runtime's upstream timeout fails an attempt with. */
const RUNTIME_TIMEOUT_CODE = 'GATEWAY_TIMEOUT';

export type SubgraphCallOutcome = 'ok' | 'failed' | 'refused';

export interface SubgraphCircuitsOptions {
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
  /** Told how each call ended: answered, failed after its attempts, or refused by an open circuit. */
  readonly onCallEnd?: (
    subgraph: string,
    outcome: SubgraphCallOutcome,
    durationMs: number,
    operationName: string,
  ) => void;
}

/** One circuit breaker per subgraph, created on first use. */
export class SubgraphBreakers {
  readonly #breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly settings: CircuitBreakerSettings,
    private readonly now: () => number,
    private readonly onStateChange: (subgraph: string, state: CircuitState) => void = () => {},
  ) {}

  for(subgraph: string): CircuitBreaker {
    let breaker = this.#breakers.get(subgraph);
    if (!breaker) {
      breaker = new CircuitBreaker(this.settings, this.now, (state) => this.onStateChange(subgraph, state));
      this.#breakers.set(subgraph, breaker);
    }
    return breaker;
  }

  states(): [subgraph: string, state: CircuitState][] {
    return [...this.#breakers].map(([subgraph, breaker]) => [subgraph, breaker.state]);
  }
}

type Failure = { readonly problem: string; readonly timedOut: boolean };

/**
 * A circuit breaker per subgraph around each query and mutation call, the runtime's timeout and retries
 * (./upstreamPolicy.ts) inside it, and the answer the client gets when the subgraph could not give one.
 * A call that fails after its attempts becomes an error with `extensions.code = SUBGRAPH_UNAVAILABLE`
 * where that subgraph's part of the response was, and the other subgraphs' data is still returned.
 * The circuit counts calls that say the subgraph is failing: refused connections, 5xx and other
 * non-GraphQL answers, and queries that time out (a frozen subgraph). A mutation that times out is one
 * slow change, counted as nothing, and answered with SUBGRAPH_TIMEOUT, since it may still have been
 * made. Subscriptions are left to the WebSocket transport, which reconnects on its own.
 */
export function useSubgraphCircuits(options: SubgraphCircuitsOptions): GatewayPlugin {
  const call = async (
    subgraph: string,
    executor: Executor,
    request: ExecutionRequest,
  ): Promise<ExecutorResult> => {
    const started = performance.now();
    const { outcome, result } = await callThroughCircuit(subgraph, executor, request);
    options.onCallEnd?.(subgraph, outcome, performance.now() - started, request.operationName ?? 'anonymous');
    return result;
  };

  const callThroughCircuit = async (
    subgraph: string,
    executor: Executor,
    request: ExecutionRequest,
  ): Promise<{ outcome: SubgraphCallOutcome; result: ExecutorResult }> => {
    const breaker = options.breakers.for(subgraph);
    if (!breaker.tryAcquire()) {
      options.log.warn({ subgraph, circuit: breaker.state }, 'subgraph call refused by its open circuit');
      return { outcome: 'refused', result: unavailable(subgraph) };
    }
    const attempt = await attempted(executor, request);
    if ('result' in attempt) {
      breaker.recordSuccess();
      return { outcome: 'ok', result: attempt.result };
    }
    const failure = attempt;
    if (request.signal?.aborted) {
      breaker.release();
      return { outcome: 'failed', result: unavailable(subgraph) };
    }
    if (operationType(request) === OperationTypeNode.MUTATION && failure.timedOut) {
      breaker.release();
      options.log.warn({ subgraph, problem: failure.problem }, 'subgraph mutation timed out');
      return { outcome: 'failed', result: timedOut(subgraph) };
    }
    breaker.recordFailure();
    options.log.warn({ subgraph, problem: failure.problem, circuit: breaker.state }, 'subgraph unavailable');
    return { outcome: 'failed', result: unavailable(subgraph) };
  };

  return {
    onSubgraphExecute(payload) {
      if (operationType(payload.executionRequest) === OperationTypeNode.SUBSCRIPTION) return;
      const { subgraphName, executor } = payload;
      const guarded = (request: ExecutionRequest) => call(subgraphName, executor, request);
      // Executor is generic in its result type; this wrapper passes the subgraph's result through.
      payload.setExecutor(guarded as Executor);
    },
  };
}

/** One shared reason: releasing a finished call must not build an exception with a stack each time. */
const CALL_ENDED = new Error('subgraph call ended');

/**
 * The subgraph's answer, or why there was none. The call gets a signal of its own, aborted when the
 * call ends however it ends: the timeout and the HTTP executor join the signal they are given with
 * their own (the executor's lives as long as the gateway), and only an abort lets go of those joins
 * before the garbage collector does; each join still held makes the next one dearer.
 */
async function attempted(
  executor: Executor,
  request: ExecutionRequest,
): Promise<{ readonly result: ExecutorResult } | Failure> {
  const call = new AbortController();
  const clientSignal = request.signal;
  const followClient = () => call.abort(clientSignal?.reason);
  if (clientSignal?.aborted) followClient();
  else clientSignal?.addEventListener('abort', followClient, { once: true });
  try {
    const result = await executor({ ...request, signal: call.signal });
    const problem = transportProblem(result);
    return problem === undefined ? { result } : { problem, timedOut: false };
  } catch (error) {
    return {
      problem: error instanceof Error ? error.message : String(error),
      timedOut: error instanceof GraphQLError && error.extensions['code'] === RUNTIME_TIMEOUT_CODE,
    };
  } finally {
    clientSignal?.removeEventListener('abort', followClient);
    call.abort(CALL_ENDED);
  }
}

/**
 * The HTTP transport reports a refused connection, an abort or a non-GraphQL answer as a result with
 * no data and an error that wraps the original exception; errors the subgraph itself returned carry
 * no such exception and mean the subgraph is up.
 */
export function transportProblem(result: ExecutorResult | undefined): string | undefined {
  if (result === undefined) return 'no result';
  if (Symbol.asyncIterator in result) return undefined;
  const { data, errors } = result as ExecutionResult;
  if (data !== null && data !== undefined) return undefined;
  const transportError = errors?.find(
    (error) => error.originalError !== undefined && error.originalError !== null,
  );
  return transportError?.message;
}

function timedOut(subgraph: string): ExecutionResult {
  return {
    errors: [
      new GraphQLError(
        'Сервис не ответил вовремя, и действие могло выполниться. Проверьте результат, прежде чем повторять.',
        { extensions: { code: SUBGRAPH_TIMEOUT, serviceName: subgraph } },
      ),
    ],
  };
}

function unavailable(subgraph: string): ExecutionResult {
  return {
    errors: [
      new GraphQLError('Часть данных временно недоступна. Попробуйте обновить страницу чуть позже.', {
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraph },
      }),
    ],
  };
}
