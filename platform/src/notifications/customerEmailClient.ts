import { DomainError } from '@cabinet/kernel';
import type { InternalRequestSigner } from '../internalRequests/index.ts';
import { callGraphQL, type GraphQLAnswer } from '../serviceCalls/index.ts';
import { httpClientTracer } from '../telemetry/index.ts';

const NOTICE_RECIPIENT_QUERY = /* GraphQL */ `
  query CustomerNoticeRecipient {
    me {
      email
      firstName
      middleName
      lastName
    }
  }
`;

interface PersonName {
  readonly firstName: string;
  readonly middleName: string | null;
  readonly lastName: string;
}

type NoticeRecipientData = { me?: (PersonName & { email: string | null }) | null };

/** Whom a service's notices go to: the verified e-mail and the name the letters greet them by. */
export interface NoticeRecipient {
  /** The e-mail Gosuslugi verified, or null: then no letter is sent. */
  readonly email: string | null;
  /** «Иван Иванович»; null when there is no e-mail to write to, so no name is kept for nothing. */
  readonly greetingName: string | null;
}

/** The polite Russian address: first name and patronymic, or first and last name without a patronymic. */
export function greetingNameOf(person: PersonName): string {
  return `${person.firstName} ${person.middleName ?? person.lastName}`;
}

const unavailable = () =>
  new DomainError(
    'CUSTOMER_REGISTER_UNAVAILABLE',
    'Не удалось получить данные профиля. Повторите попытку через минуту.',
  );

/**
 * Asks identity directly, on the customer's own token, for the e-mail Gosuslugi verified for them
 * (the only address notices are sent to, so an address typed anywhere never receives them) and the
 * name the letters greet them by.
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

  async noticeRecipient(authorization: string | undefined, requestId: string): Promise<NoticeRecipient> {
    let answer: GraphQLAnswer<NoticeRecipientData>;
    try {
      ({ answer } = await callGraphQL<NoticeRecipientData>({
        url: this.url,
        query: NOTICE_RECIPIENT_QUERY,
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
    return me.email === null
      ? { email: null, greetingName: null }
      : { email: me.email, greetingName: greetingNameOf(me) };
  }
}
