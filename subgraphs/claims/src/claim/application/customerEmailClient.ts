import { DomainError } from '@cabinet/kernel';
import { INTERNAL_REQUEST_HEADER, type InternalRequestSigner } from '@cabinet/platform/internal-requests';
import { REQUEST_ID_HEADER } from '@cabinet/platform/logging';
import { endingAttempt, httpClientTracer, startHttpAttempt } from '@cabinet/platform/telemetry';

const VERIFIED_EMAIL_QUERY = /* GraphQL */ `
  query ClaimNoticeEmail {
    me {
      email
    }
  }
`;

interface GraphQLAnswer {
  data?: { me?: { email: string | null } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const unavailable = () =>
  new DomainError(
    'CUSTOMER_REGISTER_UNAVAILABLE',
    'Не удалось получить данные профиля. Повторите попытку через минуту.',
  );

/**
 * Asks identity directly, on the customer's own token, for the e-mail Gosuslugi verified for them:
 * the only address claim notices are sent to, so a typed contact e-mail never receives them.
 */
export class CustomerEmailClient {
  private readonly tracer = httpClientTracer('@cabinet/claims/customer-email-client');

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly internalRequests: InternalRequestSigner,
  ) {}

  async verifiedEmail(authorization: string | undefined, requestId: string): Promise<string | null> {
    let answer: GraphQLAnswer;
    try {
      const traced = startHttpAttempt(this.tracer, 'POST', this.url);
      const response = await endingAttempt(
        traced.span,
        fetch(this.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [REQUEST_ID_HEADER]: requestId,
            [INTERNAL_REQUEST_HEADER]: this.internalRequests.proof(),
            ...(authorization ? { authorization } : {}),
            ...traced.headers,
          },
          body: JSON.stringify({ query: VERIFIED_EMAIL_QUERY }),
          signal: AbortSignal.timeout(this.timeoutMs),
        }),
      );
      answer = (await response.json()) as GraphQLAnswer;
    } catch {
      throw unavailable();
    }
    const me = answer.data?.me;
    if (answer.errors?.length || !me) throw unavailable();
    return me.email;
  }
}
