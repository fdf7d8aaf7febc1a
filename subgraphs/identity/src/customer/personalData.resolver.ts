import { requireCustomer, type RequestContext } from '@cabinet/platform/graphql';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { ActivityLog } from '../activity/activityLog.ts';
import { toConsent } from '../consent/consent.resolver.ts';
import type { ConsentService } from '../consent/consentService.ts';
import type { SessionService } from '../session/sessionService.ts';
import { toSession } from '../session/toGraphql.ts';
import { customerNotFound } from './customerAccess.ts';
import type { CustomerRepository } from './customerRepository.ts';
import { PassportType, PersonalData } from './personalData.type.ts';

@Resolver()
export class PersonalDataResolver {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly consents: ConsentService,
    private readonly sessions: SessionService,
    private readonly activity: ActivityLog,
    private readonly now: () => Date,
  ) {}

  @Query(() => PersonalData, { description: 'Everything we hold about the signed-in customer' })
  async myPersonalData(@Ctx() context: RequestContext): Promise<PersonalData> {
    const { customerId, sessionId } = requireCustomer(context);
    await this.sessions.activeSession(sessionId);
    const record = await this.customers.get(customerId);
    if (!record) throw customerNotFound();
    const now = this.now();
    const [consents, sessions, activity] = await Promise.all([
      this.consents.history(customerId),
      this.sessions.listFor(customerId),
      this.activity.page(customerId, 1),
    ]);
    return Object.assign(new PersonalData(), {
      ...record,
      customerId: record.id,
      passport: record.passport ? Object.assign(new PassportType(), record.passport) : null,
      createdAt: new Date(record.createdAt),
      updatedAt: new Date(record.updatedAt),
      consents: consents.map(toConsent),
      sessions: sessions.map((session) => toSession(session, sessionId, now)),
      activityCount: activity.totalCount,
    });
  }
}
