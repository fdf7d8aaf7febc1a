import { isDomainError } from '@cabinet/kernel';
import type { EventCause } from '@cabinet/platform/eventstore';
import { UNATTRIBUTED_ACTIVITY, type RequestClient } from '@cabinet/contracts';
import type { ActivityRecorder } from '@cabinet/platform/activity';
import { VersionConflict } from '@cabinet/platform/documents';
import type { CustomerRecord } from '../../customer/domain/customer.ts';
import type { CustomerRepository } from '../../customer/storage/customerRepository.ts';
import type { EsiaClient } from '../../esia/application/esiaClient.ts';
import { esiaErrorToDomainError, gosuslugiError } from '../../esia/application/errors.ts';
import type { EsiaTokenVerifier } from '../../esia/application/tokenVerifier.ts';
import { ipKey, type RateLimiter } from '../../rateLimit/application/rateLimiter.ts';
import type { WindowLimit } from '../../rateLimit/domain/fixedWindow.ts';
import type { IssuedSession, SessionService } from '../../session/application/sessionService.ts';
import {
  customerLookups,
  newCustomerFrom,
  refreshedCustomer,
  type CustomerLookup,
} from '../../customer/domain/customerLinking.ts';
import type { EsiaProfile } from '../../customer/domain/esiaProfile.ts';
import { profileFromEsia } from '../../esia/application/profileFromEsia.ts';
import { assertRedirectAllowed, newSignInAttempt, refusalOf } from '../domain/signInAttempt.ts';
import type { SignInAttemptRepository } from '../storage/signInAttemptRepository.ts';

export interface SignInLimits {
  readonly perIp: WindowLimit;
  readonly perPerson: WindowLimit;
}

export interface GosuslugiSignInDeps {
  readonly esia: EsiaClient;
  readonly verifier: EsiaTokenVerifier;
  readonly attempts: SignInAttemptRepository;
  readonly customers: CustomerRepository;
  readonly sessions: SessionService;
  readonly limiter: RateLimiter;
  readonly activity: ActivityRecorder;
  readonly redirectUris: readonly string[];
  readonly limits: SignInLimits;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface StartedSignIn {
  readonly attemptId: string;
  readonly authorizationUrl: string;
  readonly expiresAt: Date;
}

/** What the frontend got back on its redirect URI. */
export interface GosuslugiCallback {
  readonly attemptId: string;
  readonly state: string;
  readonly code?: string | undefined;
  readonly error?: string | undefined;
  readonly errorDescription?: string | undefined;
}

export type LinkedBy = CustomerLookup['by'] | 'created';

export interface CompletedSignIn extends IssuedSession {
  readonly customer: CustomerRecord;
  readonly linkedBy: LinkedBy;
}

/** Our side of the ESIA code flow, for web and mobile alike. */
export class GosuslugiSignIn {
  constructor(private readonly deps: GosuslugiSignInDeps) {}

  async begin(redirectUri: string, client: RequestClient): Promise<StartedSignIn> {
    await this.deps.limiter.consume(ipKey(client), this.deps.limits.perIp);
    assertRedirectAllowed(redirectUri, this.deps.redirectUris);
    const request = await this.deps.esia.authorizationRequest(redirectUri);
    const attempt = newSignInAttempt({
      id: this.deps.newId(),
      state: request.state,
      redirectUri,
      now: this.deps.now(),
    });
    await this.deps.attempts.insert(attempt);
    return { attemptId: attempt.id, authorizationUrl: request.url, expiresAt: new Date(attempt.expiresAt) };
  }

  async complete(
    callback: GosuslugiCallback,
    client: RequestClient,
    cause: EventCause,
  ): Promise<CompletedSignIn> {
    let subjectId = UNATTRIBUTED_ACTIVITY;
    try {
      const now = this.deps.now();
      const stored = await this.deps.attempts.get(callback.attemptId);
      const refusal = refusalOf(stored?.data ?? null, callback.state, now);
      if (refusal !== null || !stored)
        throw gosuslugiError('GOSUSLUGI_SIGN_IN_EXPIRED', undefined, { reason: refusal });
      await this.consume(stored, now);
      if (callback.error !== undefined || callback.code === undefined) {
        throw esiaErrorToDomainError(callback.error ?? 'invalid_request', callback.errorDescription);
      }
      const tokens = await this.deps.esia.exchangeCode(callback.code, stored.data.redirectUri);
      const claims = await this.deps.verifier.verify(tokens.accessToken);
      subjectId = (await this.deps.customers.find({ by: 'esiaOid', oid: claims.oid }))?.id ?? subjectId;
      await this.deps.limiter.consume(`esia:${claims.oid}`, this.deps.limits.perPerson);
      const person = await this.deps.esia.fetchPerson(tokens.accessToken, claims.oid);
      const profile = profileFromEsia(person);
      if (!profile)
        throw gosuslugiError('GOSUSLUGI_UNEXPECTED_RESPONSE', undefined, { reason: 'no name or birth date' });
      const { customer, linkedBy } = await this.linkOrCreate(profile);
      subjectId = customer.id;
      const session = await this.deps.sessions.open(
        { kind: 'customer', customerId: customer.id, trusted: profile.trusted },
        'GOSUSLUGI',
        client,
      );
      await this.deps.activity.record(
        customer.id,
        {
          action: 'SIGN_IN',
          actor: `customer:${customer.id}`,
          client,
          details: { method: 'GOSUSLUGI', sessionId: session.session.id, linkedBy, trusted: profile.trusted },
        },
        cause,
      );
      return { ...session, customer, linkedBy };
    } catch (error) {
      if (isDomainError(error)) {
        const esiaCode = error.details['esiaCode'];
        await this.deps.activity.record(
          subjectId,
          {
            action: 'SIGN_IN',
            outcome: 'FAILURE',
            actor: subjectId === UNATTRIBUTED_ACTIVITY ? 'anonymous' : `customer:${subjectId}`,
            client,
            errorCode: error.code,
            esiaCode: typeof esiaCode === 'string' ? esiaCode : null,
            details: { method: 'GOSUSLUGI', attemptId: callback.attemptId },
          },
          cause,
        );
      }
      throw error;
    }
  }

  private async consume(stored: NonNullable<Awaited<ReturnType<SignInAttemptRepository['get']>>>, now: Date) {
    try {
      await this.deps.attempts.markUsed(stored, now);
    } catch (error) {
      if (error instanceof VersionConflict)
        throw gosuslugiError('GOSUSLUGI_SIGN_IN_EXPIRED', undefined, { reason: 'used' });
      throw error;
    }
  }

  private async linkOrCreate(
    profile: EsiaProfile,
  ): Promise<{ customer: CustomerRecord; linkedBy: LinkedBy }> {
    const now = this.deps.now();
    for (const lookup of customerLookups(profile)) {
      const found = await this.deps.customers.find(lookup);
      if (!found) continue;
      const customer = refreshedCustomer(found.data, profile, now);
      await this.deps.customers.replace(customer, found.version);
      return { customer, linkedBy: lookup.by };
    }
    const customer = newCustomerFrom(profile, this.deps.newId(), now);
    await this.deps.customers.insert(customer);
    return { customer, linkedBy: 'created' };
  }
}
