import { DomainError, GuardErrors } from '@cabinet/kernel';
import type { InternalRequestSigner } from '@cabinet/platform/internal-requests';
import { callGraphQL, type GraphQLAnswer } from '@cabinet/platform/serviceCalls';
import { httpClientTracer } from '@cabinet/platform/telemetry';
import type { InsuranceProduct } from '../domain/claimEvents.ts';

/** What the claims service needs to know about a policy, as the policy service reports it. */
export interface PolicyFacts {
  readonly id: string;
  readonly number: string;
  readonly product: InsuranceProduct;
  readonly status: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly soldByPartnerId: string | null;
  /** The holder as written on the policy. */
  readonly holder: { readonly fullName: string };
}

const POLICY_QUERY = /* GraphQL */ `
  query ClaimPolicy($id: UUID!) {
    policy(id: $id) {
      id
      number
      product
      status
      periodStart
      periodEnd
      soldByPartnerId
      holder {
        fullName
      }
    }
  }
`;

const unavailable = () =>
  new DomainError(
    'POLICY_SERVICE_UNAVAILABLE',
    'Не удалось проверить полис. Повторите попытку через минуту.',
  );

type PolicyData = { policy?: PolicyFacts | null };

/**
 * Asks the policy subgraph directly (proving the call claims' own), on the caller's own token, so its ownership rules decide: a
 * policy the caller may not see answers POLICY_NOT_FOUND. Retries only what may be transient. Each
 * attempt is a client span of the trace the caller's request belongs to, which the policy service continues.
 */
export class PolicyClient {
  private readonly tracer = httpClientTracer('@cabinet/claims/policy-client');

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly internalRequests: InternalRequestSigner,
    private readonly attempts = 3,
  ) {}

  async policyFor(
    policyId: string,
    authorization: string | undefined,
    requestId: string,
  ): Promise<PolicyFacts> {
    for (let attempt = 1; ; attempt++) {
      let answer: GraphQLAnswer<PolicyData>;
      try {
        const call = await callGraphQL<PolicyData>({
          url: this.url,
          query: POLICY_QUERY,
          variables: { id: policyId },
          authorization,
          requestId,
          timeoutMs: this.timeoutMs,
          internalRequests: this.internalRequests,
          tracer: this.tracer,
        });
        if (call.status >= 500) throw unavailable();
        answer = call.answer;
      } catch (error) {
        if (attempt >= this.attempts) throw error instanceof DomainError ? error : unavailable();
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        continue;
      }
      const policy = answer.data?.policy;
      if (policy) return policy;
      const code = answer.errors?.[0]?.extensions?.code;
      if (code === 'POLICY_NOT_FOUND' || code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
        throw new DomainError('POLICY_NOT_FOUND', 'Полис не найден среди ваших полисов.');
      }
      // The policy service asks for the consent in force before it shows a policy; say so, not "unavailable".
      if (code === 'CONSENT_REQUIRED') throw GuardErrors.consentRequired();
      throw unavailable();
    }
  }
}
