import {
  INTERNAL_REQUEST_HEADER,
  type InternalRequestSigner,
} from '../internalRequests/internalRequestProof.ts';
import { REQUEST_ID_HEADER } from '../logging/requestId.ts';
import { endingAttempt, startHttpAttempt, type httpClientTracer } from '../telemetry/index.ts';

export interface GraphQLAnswer<Data> {
  readonly data?: Data | null;
  readonly errors?: readonly { message: string; extensions?: { code?: string } }[];
}

export interface GraphQLCall {
  readonly url: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** The caller's own Authorization value: the other service's rules decide what it answers. */
  readonly authorization: string | undefined;
  readonly requestId: string;
  readonly timeoutMs: number;
  /** Proves the request the calling service's own: subgraphs answer no one else. */
  readonly internalRequests: InternalRequestSigner;
  readonly tracer: ReturnType<typeof httpClientTracer>;
}

/**
 * One GraphQL request straight to another service on the caller's behalf, as a client span of the
 * caller's trace. Rejects on a network failure, a timeout or an answer that is not JSON.
 */
export async function callGraphQL<Data>(
  call: GraphQLCall,
): Promise<{ status: number; answer: GraphQLAnswer<Data> }> {
  const traced = startHttpAttempt(call.tracer, 'POST', call.url);
  const response = await endingAttempt(
    traced.span,
    fetch(call.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [REQUEST_ID_HEADER]: call.requestId,
        [INTERNAL_REQUEST_HEADER]: call.internalRequests.proof(),
        ...(call.authorization ? { authorization: call.authorization } : {}),
        ...traced.headers,
      },
      body: JSON.stringify({ query: call.query, variables: call.variables }),
      signal: AbortSignal.timeout(call.timeoutMs),
    }),
  );
  return { status: response.status, answer: (await response.json()) as GraphQLAnswer<Data> };
}
