import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_CONSENT_VERSION } from '@cabinet/kernel';
import { ActivityRecorder } from '@cabinet/platform/activity';
import { createAccessTokenSigner, loadOrCreateKeyRing } from '@cabinet/platform/auth';
import { openDocumentStore, type DocumentStore } from '@cabinet/platform/documents';
import { causedByRequest, openEventStore, type EventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../activity/storage/activityLog.ts';
import { CustomerRepository } from '../../customer/storage/customerRepository.ts';
import { SessionRepository } from '../../session/storage/sessionRepository.ts';
import { SessionService } from '../../session/application/sessionService.ts';
import { ConsentRepository } from '../storage/consentRepository.ts';
import { ConsentService, type Caller } from './consentService.ts';
import { runDueErasures } from './erasureJob.ts';
import { ErasureRepository } from '../storage/erasureRepository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const ERASE_AFTER_DAYS = 7;

let directory: string;
let documents: DocumentStore;
let events: EventStore;
let clock: Date;
let customers: CustomerRepository;
let erasures: ErasureRepository;
let sessionStore: SessionRepository;
let sessions: SessionService;
let activity: ActivityRecorder;
let consents: ConsentService;
let customerId: string;

const now = () => clock;
const advanceDays = (days: number) => (clock = new Date(clock.getTime() + days * DAY_MS));

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'identity-consent-'));
  documents = await openDocumentStore({
    database: 'identity',
    sqliteFile: join(directory, 'documents.sqlite'),
  });
  events = await openEventStore({ sqliteFile: join(directory, 'events.sqlite') });
  clock = new Date('2026-04-20T09:00:00Z');
  customers = await CustomerRepository.open(documents);
  customerId = '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
  await customers.insert({
    id: customerId,
    lastName: 'Петрова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    birthDate: '1985-04-12',
    gender: 'F',
    snils: '112-233-445 95',
    inn: null,
    passport: null,
    phone: '+79161234567',
    email: 'petrova@example.ru',
    registrationAddress: null,
    esiaOid: null,
    esiaTrusted: null,
    consentVersion: null,
    createdAt: '2020-01-15T09:00:00.000Z',
    updatedAt: '2020-01-15T09:00:00.000Z',
  });
  erasures = await ErasureRepository.open(documents);
  sessionStore = await SessionRepository.open(documents);
  sessions = new SessionService({
    sessions: sessionStore,
    signer: createAccessTokenSigner(await loadOrCreateKeyRing(join(directory, 'keys.json'), clock), {
      issuer: 'cabinet-identity',
      audience: 'cabinet',
    }),
    consentVersionOf: async (id) => (await customers.get(id))?.consentVersion ?? null,
    now,
    newId: randomUUID,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    reuseGraceMs: 10_000,
  });
  activity = new ActivityRecorder({ events, service: 'identity', now, newId: randomUUID });
  consents = new ConsentService({
    customers,
    consents: await ConsentRepository.open(documents),
    erasures,
    sessions,
    events,
    activity,
    eraseAfterDays: ERASE_AFTER_DAYS,
    now,
    newId: randomUUID,
  });
});

afterEach(async () => {
  await documents.close();
  await events.close();
  await rm(directory, { recursive: true, force: true });
});

async function signedIn(): Promise<Caller> {
  const { session } = await sessions.open({ kind: 'customer', customerId, trusted: true }, 'GOSUSLUGI', {
    ip: '203.0.113.7',
    userAgent: 'test',
  });
  return {
    customerId,
    sessionId: session.id,
    client: { ip: '203.0.113.7', userAgent: 'test' },
    cause: causedByRequest(randomUUID(), 'acceptConsent'),
  };
}

const runJob = () =>
  runDueErasures({
    erasures,
    customers,
    sessions: sessionStore,
    events,
    activity,
    log: createLogger('identity-test', 'silent'),
    now,
    newId: randomUUID,
  });

const activityActions = async () =>
  (await new ActivityLog(events).page(customerId, 50)).entries.map((entry) => entry.action).reverse();

describe('accepting the consent again during the erasure grace period', () => {
  it('cancels the scheduled erasure, keeps the record of it, and the job then erases nothing', async () => {
    // Given a customer who accepted and then revoked the consent
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);
    const revokedAt = advanceDays(1);
    const scheduled = await consents.revoke(await signedIn());

    // When they sign in again two days later and accept the consent
    const acceptedAt = advanceDays(2);
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);

    // Then the erasure is kept, marked cancelled at that moment
    expect(await erasures.get(customerId)).toEqual({
      ...scheduled,
      requestedAt: revokedAt.toISOString(),
      cancelledAt: acceptedAt.toISOString(),
    });
    // And the activity log shows the cancellation right after the acceptance
    expect((await activityActions()).slice(-2)).toEqual([
      'CONSENT_ACCEPTED',
      'PERSONAL_DATA_ERASURE_CANCELLED',
    ]);
    // And the other services learn that the consent was given again, after the revocation
    expect(
      (await events.read(`customer-${customerId}`)).map((event) => ({ type: event.type, data: event.data })),
    ).toEqual([
      expect.objectContaining({ type: 'CustomerConsentRevoked' }),
      {
        type: 'CustomerConsentGiven',
        data: {
          customerId,
          consentVersion: CURRENT_CONSENT_VERSION,
          acceptedAt: acceptedAt.toISOString(),
          revokedAt: revokedAt.toISOString(),
        },
      },
    ]);
    // Each published with the request that made it and the command it belongs to
    for (const { metadata } of await events.read(`customer-${customerId}`)) {
      expect(metadata.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(metadata.causationId).toMatch(/^[0-9a-f-]{36}$/);
    }
    // And once the erasure would have been due, the job leaves the customer alone
    advanceDays(ERASE_AFTER_DAYS + 1);
    expect(await runJob()).toBe(0);
    expect((await customers.get(customerId))?.consentVersion).toBe(CURRENT_CONSENT_VERSION);
  });

  it('schedules a new erasure when the customer revokes once more, and that one runs', async () => {
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);
    await consents.revoke(await signedIn());
    advanceDays(1);
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);
    const revokedAgainAt = advanceDays(1);

    const scheduled = await consents.revoke(await signedIn());

    expect(scheduled).toMatchObject({
      requestedAt: revokedAgainAt.toISOString(),
      erasedAt: null,
      cancelledAt: null,
    });
    advanceDays(ERASE_AFTER_DAYS);
    expect(await runJob()).toBe(1);
    expect(await customers.get(customerId)).toBeNull();
    expect((await erasures.get(customerId))?.erasedAt).toBe(clock.toISOString());
  });

  it('records no cancellation and tells nobody when no erasure is pending', async () => {
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);

    expect(await erasures.get(customerId)).toBeNull();
    expect(await activityActions()).not.toContain('PERSONAL_DATA_ERASURE_CANCELLED');
    expect(await events.read(`customer-${customerId}`)).toEqual([]);
  });

  it('still erases a customer who did not come back', async () => {
    await consents.accept(await signedIn(), CURRENT_CONSENT_VERSION);
    await consents.revoke(await signedIn());
    advanceDays(ERASE_AFTER_DAYS - 1);
    expect(await runJob()).toBe(0);

    advanceDays(1);

    expect(await runJob()).toBe(1);
    expect(await customers.get(customerId)).toBeNull();
    expect((await activityActions()).at(-1)).toBe('PERSONAL_DATA_ERASED');
  });
});
