import { DomainError } from '@cabinet/kernel';
import type { InternalRequestSigner } from '../internalRequests/index.ts';
import { callGraphQL, type GraphQLAnswer } from '../serviceCalls/index.ts';
import { httpClientTracer } from '../telemetry/index.ts';

const VERIFIED_EMAIL_QUERY = /* GraphQL */ `
  query CustomerNoticeEmail {
    me {
      email
    }
  }
`;

type VerifiedEmailData = { me?: { email: string | null } | null };

const unavailable = () =>
  new DomainError(
    'CUSTOMER_REGISTER_UNAVAILABLE',
    'Не удалось получить данные профиля. Повторите попытку через минуту.',
  );

/**
 * Asks identity directly, on the customer's own token, for the e-mail Gosuslugi verified for them:
 * the only address notices are sent to, so an address typed anywhere never receives them.
 */
export class CustomerEmailClient {
  private readonly tracer;

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly internalRequests: InternalRequestSigner,
    /** The calling service, named in its client spans. */
    service: string,
  ) {
    this.tracer = httpClientTracer(`@cabinet/${service}/customer-email-client`);
  }

  async verifiedEmail(authorization: string | undefined, requestId: string): Promise<string | null> {
    let answer: GraphQLAnswer<VerifiedEmailData>;
    try {
      ({ answer } = await callGraphQL<VerifiedEmailData>({
        url: this.url,
        query: VERIFIED_EMAIL_QUERY,
        variables: {},
        authorization,
        requestId,
        timeoutMs: this.timeoutMs,
        internalRequests: this.internalRequests,
        tracer: this.tracer,
      }));
    } catch {
      throw unavailable();
    }
    const me = answer.data?.me;
    if (answer.errors?.length || !me) throw unavailable();
    return me.email;
  }
}
