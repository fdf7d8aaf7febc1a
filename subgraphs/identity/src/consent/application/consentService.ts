import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import type { RequestClient } from '@cabinet/contracts';
import type { ActivityRecorder } from '@cabinet/platform/activity';
import { VersionConflict } from '@cabinet/platform/documents';
import type { EventCause, EventStore } from '@cabinet/platform/eventstore';
import type { CustomerRepository } from '../../customer/storage/customerRepository.ts';
import { customerNotFound } from '../../customer/domain/customerAccess.ts';
import type { AccessGrant, SessionService } from '../../session/application/sessionService.ts';
import { publishCustomerEvent } from './consentEvents.ts';
import { ConsentErrors, type ConsentAction, type ConsentRecord } from '../domain/consentRecord.ts';
import { erasureDates, type ErasureRecord } from '../domain/erasure.ts';
import type { ConsentRepository } from '../storage/consentRepository.ts';
import type { ErasureRepository } from '../storage/erasureRepository.ts';

export interface ConsentServiceDeps {
  readonly customers: CustomerRepository;
  readonly consents: ConsentRepository;
  readonly erasures: ErasureRepository;
  readonly sessions: SessionService;
  readonly events: EventStore;
  readonly activity: ActivityRecorder;
  readonly eraseAfterDays: number;
  readonly now: () => Date;
  readonly newId: () => string;
}

export interface Caller {
  readonly customerId: string;
  readonly sessionId: string;
  readonly client: RequestClient;
  /** The request and the command (the mutation) the change belongs to. */
  readonly cause: EventCause;
}

export class ConsentService {
  constructor(private readonly deps: ConsentServiceDeps) {}

  /**
   * Accepts the current version and returns an access token that carries it. A customer who revoked
   * and signs in again within the grace period keeps their record: the pending erasure is cancelled
   * and the other services are told through `CustomerConsentGiven`.
   */
  async accept(caller: Caller, version: string): Promise<{ record: ConsentRecord; access: AccessGrant }> {
    if (version !== CURRENT_CONSENT_VERSION) throw ConsentErrors.versionOutdated(CURRENT_CONSENT_VERSION);
    await this.deps.sessions.activeSession(caller.sessionId);
    const record = await this.change(caller, 'ACCEPTED', version);
    const cancelled = await this.deps.erasures.cancel(caller.customerId, new Date(record.at));
    if (cancelled) {
      await publishCustomerEvent(
        this.deps.events,
        {
          type: 'CustomerConsentGiven',
          data: {
            customerId: caller.customerId,
            consentVersion: version,
            acceptedAt: record.at,
            revokedAt: cancelled.requestedAt,
          },
        },
        {
          id: this.deps.newId(),
          actor: `customer:${caller.customerId}`,
          cause: caller.cause,
        },
      );
      await this.deps.activity.record(
        caller.customerId,
        {
          action: 'PERSONAL_DATA_ERASURE_CANCELLED',
          actor: `customer:${caller.customerId}`,
          client: caller.client,
          details: {
            reason: 'CONSENT_ACCEPTED',
            consentVersion: version,
            revokedAt: cancelled.requestedAt,
            eraseAt: cancelled.eraseAt,
          },
        },
        caller.cause,
      );
    }
    return { record, access: await this.deps.sessions.reissueAccess(caller.sessionId) };
  }

  /**
   * Stops all processing: the consent ends, every session of the customer ends, identity's erasure
   * is scheduled and the other services are told through `CustomerConsentRevoked`.
   */
  async revoke(caller: Caller): Promise<ErasureRecord> {
    const customer = await this.deps.customers.get(caller.customerId);
    if (!customer) throw customerNotFound();
    if (customer.consentVersion === null) throw ConsentErrors.notGiven();
    const record = await this.change(caller, 'REVOKED', customer.consentVersion);
    const ended = await this.deps.sessions.endAllFor(caller.customerId, 'CONSENT_REVOKED');
    const revokedAt = new Date(record.at);
    const { eraseAt, dueBy } = erasureDates(revokedAt, this.deps.eraseAfterDays);
    const erasure = await this.deps.erasures.schedule({
      customerId: caller.customerId,
      requestedAt: record.at,
      eraseAt: eraseAt.toISOString(),
      dueBy: dueBy.toISOString(),
      erasedAt: null,
      cancelledAt: null,
    });
    await publishCustomerEvent(
      this.deps.events,
      {
        type: 'CustomerConsentRevoked',
        data: {
          customerId: caller.customerId,
          consentVersion: record.version,
          revokedAt: record.at,
          eraseAt: erasure.eraseAt,
          erasureDueBy: erasure.dueBy,
        },
      },
      { id: this.deps.newId(), actor: `customer:${caller.customerId}`, cause: caller.cause },
    );
    await this.deps.activity.record(
      caller.customerId,
      {
        action: 'SESSIONS_ENDED',
        actor: `customer:${caller.customerId}`,
        client: caller.client,
        details: { reason: 'CONSENT_REVOKED', sessions: ended },
      },
      caller.cause,
    );
    return erasure;
  }

  history(customerId: string): Promise<ConsentRecord[]> {
    return this.deps.consents.historyOf(customerId);
  }

  private async change(caller: Caller, action: ConsentAction, version: string): Promise<ConsentRecord> {
    const now = this.deps.now();
    for (;;) {
      const stored = await this.deps.customers.getStored(caller.customerId);
      if (!stored) throw customerNotFound();
      const consentVersion = action === 'ACCEPTED' ? version : null;
      try {
        await this.deps.customers.replace(
          { ...stored.data, consentVersion, updatedAt: now.toISOString() },
          stored.version,
        );
        break;
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    const record: ConsentRecord = {
      id: this.deps.newId(),
      customerId: caller.customerId,
      version,
      action,
      at: now.toISOString(),
      ...caller.client,
    };
    await this.deps.consents.append(record);
    await this.deps.activity.record(
      caller.customerId,
      {
        action: action === 'ACCEPTED' ? 'CONSENT_ACCEPTED' : 'CONSENT_REVOKED',
        actor: `customer:${caller.customerId}`,
        client: caller.client,
        details: { consentVersion: version, sessionId: caller.sessionId },
      },
      caller.cause,
    );
    return record;
  }
}
