import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import { currentRequestClient } from '@cabinet/platform/activity';
import { requireCustomerSession, type RequestContext } from '@cabinet/platform/graphql';
import { causedByRequest } from '@cabinet/platform/eventstore';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { SessionService } from '../../session/application/sessionService.ts';
import { toAccessToken } from '../../session/graphql/toGraphql.ts';
import { CONSENT_DOCUMENT } from '../domain/consentDocument.ts';
import type { ConsentRecord } from '../domain/consentRecord.ts';
import type { Caller, ConsentService } from '../application/consentService.ts';
import {
  ConsentAcceptance,
  ConsentActionType,
  ConsentDocumentType,
  ConsentRevocation,
  ConsentType,
} from './consent.type.ts';

export function toConsent(record: ConsentRecord): ConsentType {
  return Object.assign(new ConsentType(), {
    id: record.id,
    version: record.version,
    action: ConsentActionType[record.action],
    at: new Date(record.at),
    ip: record.ip,
    userAgent: record.userAgent,
  });
}

@Resolver()
export class ConsentResolver {
  constructor(
    private readonly consents: ConsentService,
    private readonly sessions: SessionService,
    private readonly esiaLogoutUrl: () => string,
  ) {}

  private async caller(context: RequestContext, operation: string): Promise<Caller> {
    const principal = requireCustomerSession(context);
    await this.sessions.activeSession(principal.sessionId);
    return {
      customerId: principal.customerId,
      sessionId: principal.sessionId,
      client: currentRequestClient(),
      cause: causedByRequest(context.requestId, operation),
    };
  }

  @Query(() => ConsentDocumentType, { description: 'The consent text in force; readable before signing in' })
  consentDocument(): ConsentDocumentType {
    return Object.assign(new ConsentDocumentType(), {
      ...CONSENT_DOCUMENT,
      purposes: [...CONSENT_DOCUMENT.purposes],
      dataCategories: [...CONSENT_DOCUMENT.dataCategories],
      recipients: [...CONSENT_DOCUMENT.recipients],
    });
  }

  @Mutation(() => ConsentAcceptance, {
    description: `Accepts the consent; the version must be the one in force (${CURRENT_CONSENT_VERSION})`,
  })
  async acceptConsent(
    @Arg('version', () => String) version: string,
    @Ctx() context: RequestContext,
  ): Promise<ConsentAcceptance> {
    const { record, access } = await this.consents.accept(
      await this.caller(context, 'acceptConsent'),
      version,
    );
    return Object.assign(new ConsentAcceptance(), {
      consent: toConsent(record),
      access: toAccessToken(access),
    });
  }

  @Mutation(() => ConsentRevocation, {
    description: 'Revokes the consent: every session ends and personal data is erased within 30 days',
  })
  async revokeConsent(@Ctx() context: RequestContext): Promise<ConsentRevocation> {
    const erasure = await this.consents.revoke(await this.caller(context, 'revokeConsent'));
    return Object.assign(new ConsentRevocation(), {
      revokedAt: new Date(erasure.requestedAt),
      erasureDueBy: new Date(erasure.dueBy),
      esiaLogoutUrl: this.esiaLogoutUrl(),
    });
  }

  @Query(() => [ConsentType], { description: "The caller's consent history, newest first" })
  async myConsents(@Ctx() context: RequestContext): Promise<ConsentType[]> {
    const caller = await this.caller(context, 'myConsents');
    return (await this.consents.history(caller.customerId)).map(toConsent);
  }
}
