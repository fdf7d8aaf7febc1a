import { setTimeout as sleep } from 'node:timers/promises';
import type { ErrorCode } from '@cabinet/kernel';
import type { Logger } from '@cabinet/platform/logging';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, OperationTypeNode, type ExecutionResult } from 'graphql';
import { operationType } from '../operationType.ts';
import { retryDelayMs, type BackoffSettings } from './backoff.ts';
import { CircuitBreaker, type CircuitBreakerSettings, type CircuitState } from './circuitBreaker.ts';

type SubgraphExecutePayload = Parameters<NonNullable<GatewayPlugin['onSubgraphExecute']>>[0];
type Executor = SubgraphExecutePayload['executor'];
type ExecutionRequest = SubgraphExecutePayload['executionRequest'];
type ExecutorResult = Awaited<ReturnType<Executor>>;

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE' satisfies ErrorCode;
export const SUBGRAPH_TIMEOUT = 'SUBGRAPH_TIMEOUT' satisfies ErrorCode;

/** One shared reason: aborting a finished attempt must not build an exception with a stack each time. */
const ATTEMPT_ENDED = new Error('subgraph call attempt ended');

export interface SubgraphCallPolicy {
  /** One attempt's limit; a query may make several attempts. */
  readonly timeoutMs: number;
  /** A mutation's one attempt: longer, since changes (a sign-in, say) may be slow without anything being wrong. */
  readonly mutationTimeoutMs: number;
  /** Extra attempts for queries; mutations never retry (they carry idempotency keys instead). */
  readonly maxRetries: number;
  readonly backoff: BackoffSettings;
}

export interface SubgraphResilienceOptions {
  readonly policyFor: (subgraph: string) => SubgraphCallPolicy;
  readonly breakers: SubgraphBreakers;
  readonly log: Logger;
  readonly random?: () => number;
  /** Told how each call ended: answered, failed after its attempts, or refused by an open circuit. */
  readonly onCallEnd?: (
    subgraph: string,
    outcome: SubgraphCallOutcome,
    durationMs: number,
    operationName: string,
  ) => void;
}

export type SubgraphCallOutcome = 'ok' | 'failed' | 'refused';

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

type Attempt =
  { kind: 'answered'; result: ExecutorResult } | { kind: 'failed'; problem: string; timedOut: boolean };

/**
 * Every query and mutation the gateway sends to a subgraph gets a timeout (a mutation a longer one),
 * goes through that subgraph's circuit breaker, and (queries only) is retried with jittered backoff.
 * When the subgraph cannot answer, its part of the response becomes an error with `extensions.code =
 * SUBGRAPH_UNAVAILABLE`, and the other subgraphs' data is still returned. The circuit counts what
 * says the subgraph is failing: refused connections, 5xx and other non-GraphQL answers, and queries
 * that time out (a frozen subgraph); a mutation that times out is one slow change, counted as
 * nothing, and answered with SUBGRAPH_TIMEOUT, since it may still have been made. Subscriptions are
 * left to the WebSocket transport, which reconnects on its own.
 */
export function useSubgraphResilience(options: SubgraphResilienceOptions): GatewayPlugin {
  const random = options.random ?? Math.random;

  const attemptOnce = async (
    executor: Executor,
    request: ExecutionRequest,
    timeoutMs: number,
  ): Promise<Attempt> => {
    // One controller per attempt, aborted when the attempt ends however it ends: the HTTP executor joins
    // our signal with its own long-lived one, and only an abort releases that join before GC does.
    const attemptController = new AbortController();
    const clientSignal = request.signal;
    const followClient = () => attemptController.abort(clientSignal?.reason);
    if (clientSignal?.aborted) followClient();
    else clientSignal?.addEventListener('abort', followClient, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Attempt>((resolve) => {
      timer = setTimeout(() => {
        resolve({ kind: 'failed', problem: `timeout after ${timeoutMs} ms`, timedOut: true });
        attemptController.abort(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const answered = Promise.resolve(executor({ ...request, signal: attemptController.signal })).then(
        (result): Attempt => {
          const problem = transportProblem(result);
          return problem === undefined
            ? { kind: 'answered', result }
            : { kind: 'failed', problem, timedOut: false };
        },
        (error: unknown): Attempt => ({
          kind: 'failed',
          problem: error instanceof Error ? error.message : String(error),
          timedOut: false,
        }),
      );
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
      clientSignal?.removeEventListener('abort', followClient);
      attemptController.abort(ATTEMPT_ENDED);
    }
  };

  const call = async (
    subgraph: string,
    executor: Executor,
    request: ExecutionRequest,
  ): Promise<ExecutorResult> => {
    const started = performance.now();
    const { outcome, result } = await callWithPolicy(subgraph, executor, request);
    options.onCallEnd?.(subgraph, outcome, performance.now() - started, request.operationName ?? 'anonymous');
    return result;
  };

  const callWithPolicy = async (
    subgraph: string,
    executor: Executor,
    request: ExecutionRequest,
  ): Promise<{ outcome: SubgraphCallOutcome; result: ExecutorResult }> => {
    const policy = options.policyFor(subgraph);
    const breaker = options.breakers.for(subgraph);
    const mutation = operationType(request) === OperationTypeNode.MUTATION;
    const retries = operationType(request) === OperationTypeNode.QUERY ? policy.maxRetries : 0;
    const timeoutMs = mutation ? policy.mutationTimeoutMs : policy.timeoutMs;
    let problem = 'circuit open';
    let tried = false;
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      if (attempt > 0) {
        try {
          await sleep(retryDelayMs(attempt, policy.backoff, random), undefined, { signal: request.signal });
        } catch {
          return { outcome: 'failed', result: unavailable(subgraph) };
        }
      }
      if (!breaker.tryAcquire()) break;
      tried = true;
      const outcome = await attemptOnce(executor, request, timeoutMs);
      if (outcome.kind === 'answered') {
        breaker.recordSuccess();
        return { outcome: 'ok', result: outcome.result };
      }
      if (request.signal?.aborted) {
        breaker.release();
        return { outcome: 'failed', result: unavailable(subgraph) };
      }
      if (mutation && outcome.timedOut) {
        breaker.release();
        options.log.warn({ subgraph, problem: outcome.problem }, 'subgraph mutation timed out');
        return { outcome: 'failed', result: timedOut(subgraph) };
      }
      breaker.recordFailure();
      problem = outcome.problem;
    }
    options.log.warn({ subgraph, problem, circuit: breaker.state }, 'subgraph unavailable');
    return { outcome: tried ? 'failed' : 'refused', result: unavailable(subgraph) };
  };

  return {
    onSubgraphExecute(payload) {
      if (operationType(payload.executionRequest) === OperationTypeNode.SUBSCRIPTION) return;
      const { subgraphName, executor } = payload;
      const resilient = (request: ExecutionRequest) => call(subgraphName, executor, request);
      // Executor is generic in its result type; this wrapper passes the subgraph's result through.
      payload.setExecutor(resilient as Executor);
    },
  };
}

/**
 * The HTTP transport reports a refused connection, an abort or a non-GraphQL answer as a result with
 * no data and an error that wraps the original exception; errors the subgraph itself returned carry
 * no such exception and mean the subgraph is up.
 */
function transportProblem(result: ExecutorResult): string | undefined {
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
