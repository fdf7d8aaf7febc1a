import { DomainError, GuardErrors } from '@cabinet/kernel';
import type { InternalRequestSigner } from '@cabinet/platform/internal-requests';
import { callGraphQL } from '@cabinet/platform/serviceCalls';
import { httpClientTracer } from '@cabinet/platform/telemetry';

/** Where the policy and claims subgraphs answer, asked directly rather than through the gateway. */
export interface SubjectServices {
  readonly policyUrl: string;
  readonly claimsUrl: string;
  readonly timeoutMs: number;
  readonly internalRequests: InternalRequestSigner;
}

const QUERIES = {
  policy: 'query SupportSubjectPolicy($id: UUID!) { policy(id: $id) { id } }',
  claim: 'query SupportSubjectClaim($id: UUID!) { claim(id: $id) { id } }',
} as const;

const CLAIM_ADJUSTER_QUERY = 'query SupportClaimAdjuster($id: UUID!) { claim(id: $id) { id adjusterId } }';

/** Answers meaning "not one the caller may see". */
const NOT_THEIRS = new Set([
  'POLICY_NOT_FOUND',
  'CLAIM_NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
]);

const notFound = () =>
  new DomainError('SUPPORT_SUBJECT_NOT_FOUND', 'Полис или заявление не найдены среди ваших.', {
    field: 'subjectId',
  });
const unavailable = () =>
  new DomainError(
    'SUPPORT_SUBJECT_UNAVAILABLE',
    'Не удалось проверить полис или заявление. Повторите попытку через минуту.',
  );

/**
 * Checks that a conversation's subject is the caller's own by asking its owner on the caller's token,
 * so the policy and claims subgraphs' own rules decide, as claims asks policy about a claim's policy.
 */
export class SubjectClient {
  private readonly tracer = httpClientTracer('@cabinet/support/subject-client');

  constructor(private readonly services: SubjectServices) {}

  async assertOwn(
    kind: 'policy' | 'claim',
    subjectId: string,
    authorization: string | undefined,
    requestId: string,
  ): Promise<void> {
    let outcome: Awaited<ReturnType<typeof callGraphQL<Record<string, { id: string } | null>>>>;
    try {
      outcome = await callGraphQL<Record<string, { id: string } | null>>({
        url: kind === 'policy' ? this.services.policyUrl : this.services.claimsUrl,
        query: QUERIES[kind],
        variables: { id: subjectId },
        authorization,
        requestId,
        timeoutMs: this.services.timeoutMs,
        internalRequests: this.services.internalRequests,
        tracer: this.tracer,
      });
    } catch {
      throw unavailable();
    }
    if (outcome.answer.data?.[kind]?.id === subjectId) return;
    const code = outcome.answer.errors?.[0]?.extensions?.code;
    if (code === 'CONSENT_REQUIRED') throw GuardErrors.consentRequired();
    if (outcome.status < 500 && (code === undefined || NOT_THEIRS.has(code))) throw notFound();
    throw unavailable();
  }

  /**
   * The adjuster the claims service names as handling a claim, asked on the operator's token (claims
   * lets staff read any claim); null when it has none or there is no such claim.
   */
  async claimAdjuster(
    claimId: string,
    authorization: string | undefined,
    requestId: string,
  ): Promise<string | null> {
    let outcome: Awaited<
      ReturnType<typeof callGraphQL<{ claim: { id: string; adjusterId: string | null } | null }>>
    >;
    try {
      outcome = await callGraphQL<{ claim: { id: string; adjusterId: string | null } | null }>({
        url: this.services.claimsUrl,
        query: CLAIM_ADJUSTER_QUERY,
        variables: { id: claimId },
        authorization,
        requestId,
        timeoutMs: this.services.timeoutMs,
        internalRequests: this.services.internalRequests,
        tracer: this.tracer,
      });
    } catch {
      throw unavailable();
    }
    const claim = outcome.answer.data?.claim;
    if (claim?.id === claimId) return claim.adjusterId;
    const code = outcome.answer.errors?.[0]?.extensions?.code;
    if (outcome.status < 500 && code === 'CLAIM_NOT_FOUND') return null;
    throw unavailable();
  }
}
