import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  CustomerRepository,
  ErasureRepository,
  runDueErasures,
  SessionRepository,
} from '@cabinet/identity/testing';
import { ActivityRecorder } from '@cabinet/platform/activity';
import { openDocumentStore } from '@cabinet/platform/documents';
import { openEventStore } from '@cabinet/platform/eventstore';
import { createLogger } from '@cabinet/platform/logging';
import { beforeAll, describe, expect, it } from 'vitest';
import { submitClaim } from '../support/claimSubmission.ts';
import { demoCast, SEEDED_AT } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { acceptConsent, signInAs } from '../support/gosuslugi.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

const WAIT_MS = 30_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The Gosuslugi person `existingCustomer` and their ОСАГО in force. */
const { customer, policy } = demoCast();
const supervisor = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['supervisor'],
} as const;

const CARD = /* GraphQL */ `
  query ($id: UUID!) {
    claim(id: $id) {
      timeline {
        type
        details
      }
    }
  }
`;

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.['code'];

/**
 * Runs on the system oneSystem.access.e2e.test.ts shares, before any suite that revokes a consent: it
 * runs the erasure job expecting it to erase nobody.
 */
export function reconsentSuite(systemOf: () => TestSystem): void {
  describe('a customer who revokes consent and accepts it again', () => {
    revokedAndGivenAgain(systemOf);
  });
}

function revokedAndGivenAgain(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let staffToken: string;

  beforeAll(async () => {
    system = systemOf();
    staffToken = await system.token(supervisor);
  });

  async function signedInWithConsent() {
    const response = await signInAs(system, 'existingCustomer');
    expect(response.errors).toBeUndefined();
    const session = response.data!.completeGosuslugiSignIn;
    return acceptConsent(system, session.accessToken);
  }

  const submit = (token: string, description: string, key: string) =>
    submitClaim(system.gatewayUrl, token, policy.id, { description, key });

  const submissionDetails = async (claimId: string) => {
    const card = await graphql<{ claim: { timeline: { type: string; details: string | null }[] } }>(
      system.gatewayUrl,
      CARD,
      { token: staffToken, variables: { id: claimId } },
    );
    expect(card.errors).toBeUndefined();
    return card.data!.claim.timeline.find((entry) => entry.type === 'ClaimSubmitted')?.details;
  };

  it('files claims again with readable personal data, the old claim stays shredded and identity keeps the customer', async () => {
    // Given a customer who filed a claim and then revoked consent
    const first = await signedInWithConsent();
    const filed = await submit(first, 'Протечка до отзыва согласия', randomUUID());
    expect(filed.errors).toBeUndefined();
    const oldClaimId = filed.data!.submitClaim.id;
    expect(await submissionDetails(oldClaimId)).toContain('Протечка до отзыва согласия');
    const revoked = await graphql(system.gatewayUrl, 'mutation { revokeConsent { revokedAt } }', {
      token: first,
    });
    expect(revoked.errors).toBeUndefined();
    // The claims service follows identity's events asynchronously.
    expect(
      await eventually(() => submissionDetails(oldClaimId), {
        what: 'the old claim’s personal data shredded',
        until: (details) => details === null,
        timeoutMs: WAIT_MS,
      }),
    ).toBeNull();

    // When they sign in again within the grace period and accept the consent
    const again = await signedInWithConsent();

    // Then they file a new claim (once claims has seen the consent given again) and its personal data reads back
    const key = randomUUID();
    const refiled = await eventually(() => submit(again, 'Протечка после нового согласия', key), {
      what: 'claims to see the consent given again',
      until: (response) => codeOf(response) !== 'PERSONAL_DATA_ERASED',
      timeoutMs: WAIT_MS,
    });
    expect(refiled.errors).toBeUndefined();
    expect(await submissionDetails(refiled.data!.submitClaim.id)).toContain('Протечка после нового согласия');
    // And they may announce a document for it
    const upload = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($key: String!) {
          requestDocumentUpload(
            fileName: "акт о заливе.pdf"
            contentType: "application/pdf"
            size: 1000
            idempotencyKey: $key
          ) {
            documentId
          }
        }
      `,
      { token: again, variables: { key: randomUUID() } },
    );
    expect(upload.errors).toBeUndefined();
    // And the old claim stays shredded
    expect(await submissionDetails(oldClaimId)).toBeNull();

    // And the activity log shows the erasure cancelled
    const activity = await graphql<{ myActivity: { nodes: { action: string }[] } }>(
      system.gatewayUrl,
      '{ myActivity(first: 50) { nodes { action } } }',
      { token: again },
    );
    expect(activity.errors).toBeUndefined();
    expect(activity.data!.myActivity.nodes.map((node) => node.action)).toContain(
      'PERSONAL_DATA_ERASURE_CANCELLED',
    );

    // And the erasure job, run once the erasure would have been due, keeps the customer
    const documents = await openDocumentStore({
      database: 'identity',
      sqliteFile: join(system.dataDir, 'identity', 'documents.sqlite'),
    });
    const events = await openEventStore({ sqliteFile: join(system.dataDir, 'events.sqlite') });
    try {
      const later = new Date(SEEDED_AT.getTime() + 31 * DAY_MS);
      const erased = await runDueErasures({
        erasures: await ErasureRepository.open(documents),
        customers: await CustomerRepository.open(documents),
        sessions: await SessionRepository.open(documents),
        events,
        activity: new ActivityRecorder({ events, service: 'identity', now: () => later, newId: randomUUID }),
        log: createLogger('reconsent-test', 'silent'),
        now: () => later,
        newId: randomUUID,
      });
      expect(erased).toBe(0);
      expect((await (await ErasureRepository.open(documents)).get(customer.id))?.cancelledAt).toEqual(
        expect.any(String),
      );
    } finally {
      await documents.close();
      await events.close();
    }
    const me = await graphql<{ me: { id: string } }>(system.gatewayUrl, '{ me { id } }', { token: again });
    expect(me.data?.me.id).toBe(customer.id);
  });
}
