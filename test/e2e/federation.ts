import { randomUUID } from 'node:crypto';
import {
  ClaimCardDocument,
  ClaimStatusChangedDocument,
  HomeDocument,
  MyActivityDocument,
  SubmitClaimDocument,
} from '@cabinet/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect, graphql, wsClient } from '../support/graphqlClient.ts';
import { demoCast, seededDay } from '../support/demoCast.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { customer, policy, stranger } = demoCast();
const customerPrincipal = {
  kind: 'customer',
  customerId: customer.id,
  sessionId: randomUUID(),
  trusted: true,
} as const;
const staffPrincipal = {
  kind: 'staff',
  staffId: randomUUID(),
  sessionId: randomUUID(),
  roles: ['supervisor'],
} as const;

/**
 * Runs last on the system oneSystem.gateway.e2e.test.ts shares: it expects the customer to have filed no
 * claim, and its last test stops policy.
 */
export function federationSuite(systemOf: () => TestSystem): void {
  describe('the federated graph through the gateway', () => {
    federatedGraph(systemOf);
  });
}

function federatedGraph(systemOf: () => TestSystem): void {
  let system: TestSystem;
  let customerToken: string;
  let staffToken: string;

  beforeAll(async () => {
    system = systemOf();
    customerToken = await system.token(customerPrincipal);
    staffToken = await system.token(staffPrincipal);
  });

  it("answers the cabinet's home screen with fields from identity, policy and claims", async () => {
    const response = await graphql(system.gatewayUrl, HomeDocument, {
      token: customerToken,
      variables: { first: 50 },
    });
    expect(response.errors).toBeUndefined();
    const me = response.data?.me;
    expect(me?.fullName).toBe(`${customer.lastName} ${customer.firstName} ${customer.middleName}`);
    const card = me?.policies?.nodes.find((node) => node.id === policy.id);
    expect(card).toMatchObject({ number: policy.number, status: 'ACTIVE', statusLabel: 'действует' });
    expect(card?.premium.amount).toMatch(/^\d+\.\d{2}$/);
    expect(me?.claims?.totalCount).toBe(0);
  });

  it('refuses a protected field to an anonymous caller with UNAUTHENTICATED', async () => {
    const response = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            id
          }
        }
      `,
    );
    expect(response.data).toEqual({ me: null });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses a tampered token at the gateway with 401 before any subgraph is asked', async () => {
    const [header, payload] = customerToken.split('.');
    const response = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        {
          me {
            id
          }
        }
      `,
      {
        token: `${header}.${payload}.${'A'.repeat(86)}`,
      },
    );
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it("hides another customer's policy as POLICY_NOT_FOUND", async () => {
    const strangerToken = await system.token({ ...customerPrincipal, customerId: stranger.id });
    const response = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        query ($id: UUID!) {
          policy(id: $id) {
            number
          }
        }
      `,
      {
        token: strangerToken,
        variables: { id: policy.id },
      },
    );
    expect(response.data).toEqual({ policy: null });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('POLICY_NOT_FOUND');
  });

  it('pushes status changes over graphql-ws through the gateway, with the policy number from the policy subgraph', async () => {
    const submitted = await graphql(system.gatewayUrl, SubmitClaimDocument, {
      token: customerToken,
      variables: {
        idempotencyKey: `e2e-${randomUUID()}`,
        input: {
          policyId: policy.id,
          incident: {
            occurredOn: seededDay(),
            kind: 'ДТП',
            place: 'Москва, Тверская ул.',
            description: 'Столкновение на перекрёстке',
          },
          contact: { phone: '8 (916) 123-45-67' },
        },
      },
    });
    expect(submitted.errors).toBeUndefined();
    const claim = submitted.data?.submitClaim;
    if (!claim) throw new Error('the claim was not filed');
    expect(claim).toMatchObject({ status: 'SUBMITTED', statusLabel: 'Подано' });
    expect(claim.number).toMatch(/^У-\d{4}-\d{6}$/);

    const client = wsClient(system.gatewayUrl, customerToken);
    // Resuming after the submission's cursor: whenever the socket opens, nothing after it is missed.
    const changes = collect(client, ClaimStatusChangedDocument, { claimId: claim.id, after: claim.cursor });
    const accepted = await graphql(
      system.gatewayUrl,
      /* GraphQL */ `
        mutation ($id: UUID!) {
          acceptClaim(id: $id) {
            status
          }
        }
      `,
      {
        token: staffToken,
        variables: { id: claim.id },
      },
    );
    expect(accepted.errors).toBeUndefined();

    // Both changes are in the customer's activity log, whoever made them.
    const activity = await graphql(system.gatewayUrl, MyActivityDocument, {
      token: customerToken,
      variables: { first: 10 },
    });
    expect(activity.data?.myActivity?.nodes.map(({ action, actor }) => ({ action, actor }))).toEqual(
      expect.arrayContaining([
        { action: 'CLAIM_SUBMITTED', actor: `customer:${customer.id}` },
        { action: 'CLAIM_ACCEPTED', actor: `staff:${staffPrincipal.staffId}` },
      ]),
    );

    const [change] = await changes.until(1);
    expect(change?.claimStatusChanged).toMatchObject({
      claimId: claim.id,
      claimNumber: claim.number,
      status: 'ACCEPTED',
      statusLabel: 'Принято',
      previousStatus: 'SUBMITTED',
      policy: { id: policy.id, number: policy.number },
    });
    changes.unsubscribe();
    await client.dispose();

    // The claim card tells the same story as the feed, its timeline oldest first.
    const card = await graphql(system.gatewayUrl, ClaimCardDocument, {
      token: customerToken,
      variables: { id: claim.id },
    });
    expect(card.errors).toBeUndefined();
    expect(card.data?.claim?.cursor).toBe(change?.claimStatusChanged.cursor);
    expect(card.data?.claim?.policy?.number).toBe(policy.number);
    expect(card.data?.claim?.timeline.map((entry) => [entry.statusBefore, entry.statusAfter])).toEqual([
      [null, 'SUBMITTED'],
      ['SUBMITTED', 'ACCEPTED'],
    ]);

    // The same subscription over SSE, resuming after the submission: the missed change is replayed.
    const sse = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${customerToken}`,
      },
      body: JSON.stringify({
        query: /* GraphQL */ `
          subscription ($id: UUID!, $after: String) {
            claimStatusChanged(claimId: $id, after: $after) {
              status
              policy {
                number
              }
            }
          }
        `,
        variables: { id: claim.id, after: claim.cursor },
      }),
    });
    expect(sse.headers.get('content-type')).toContain('text/event-stream');
    const reader = sse.body!.getReader();
    let text = '';
    while (!text.includes('"ACCEPTED"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    await reader.cancel();
    expect(text).toContain(
      JSON.stringify({
        data: { claimStatusChanged: { status: 'ACCEPTED', policy: { number: policy.number } } },
      }),
    );
  });

  it('finds a customer by INN or SNILS for staff only', async () => {
    const FIND = 'query ($inn: INN, $snils: SNILS) { findCustomer(inn: $inn, snils: $snils) { id } }';
    const byInn = await graphql(system.gatewayUrl, FIND, {
      token: staffToken,
      variables: { inn: customer.inn },
    });
    expect(byInn.data).toEqual({ findCustomer: { id: customer.id } });
    const bySnils = await graphql(system.gatewayUrl, FIND, {
      token: staffToken,
      variables: { snils: customer.snils },
    });
    expect(bySnils.data).toEqual({ findCustomer: { id: customer.id } });
    const both = await graphql(system.gatewayUrl, FIND, {
      token: staffToken,
      variables: { inn: customer.inn, snils: customer.snils },
    });
    expect(both.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
    const byCustomer = await graphql(system.gatewayUrl, FIND, {
      token: customerToken,
      variables: { inn: customer.inn },
    });
    expect(byCustomer.data).toEqual({ findCustomer: null });
    expect(byCustomer.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
  });

  it('refuses a subscription to a malformed claim id in Russian, naming the variable', async () => {
    const client = wsClient(system.gatewayUrl, customerToken);
    const refused = collect(
      client,
      'subscription ($id: UUID!) { claimStatusChanged(claimId: $id) { status } }',
      { id: 'not-a-uuid' },
    );
    await refused.until(1);
    expect(refused.received).toEqual([]);
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Неверное значение «\$id»: Идентификатор указан неверно/) as string,
        extensions: { code: 'BAD_USER_INPUT', argument: '$id' },
      }),
    ]);
    await client.dispose();
  });

  describe("every pair of a customer's root fields in one document", () => {
    /** Each root field a customer may ask, with stable selections: some answer, some refuse with a code. */
    const ROOT_FIELDS: Readonly<Record<string, string>> = {
      me: 'me { id fullName }',
      myPersonalData: 'myPersonalData { lastName supportDataHeld }',
      myConsents: 'myConsents { version action }',
      mySessions: 'mySessions { id }',
      myActivity: 'myActivity(first: 1) { __typename }',
      consentDocument: 'consentDocument { version }',
      paymentMethods: 'paymentMethods { id }',
      policy: `policy(id: "${policy.id}") { number }`,
      quoteRenewal: `quoteRenewal(policyId: "${policy.id}") { policyId termMonths }`,
      quoteCoverageChange: `quoteCoverageChange(policyId: "${policy.id}", changes: [{ code: OSAGO_PROPERTY, sumInsured: { amount: "500000.00", currency: "RUB" } }]) { policyId }`,
      claim: `claim(id: "${randomUUID()}") { id }`,
      claimAsOf: `claimAsOf(id: "${randomUUID()}", at: "2026-01-01T00:00:00Z") { id }`,
      myConversations: 'myConversations { totalCount }',
      conversation: `conversation(id: "${randomUUID()}") { id }`,
    };
    const fields = Object.keys(ROOT_FIELDS);

    interface FieldAnswer {
      readonly value: unknown;
      readonly codes: unknown[];
    }

    /** What each field of the document answered: its value and the codes of the errors under it. */
    async function answers(token: string, asked: readonly string[]): Promise<Record<string, FieldAnswer>> {
      const response = await graphql(
        system.gatewayUrl,
        `{ ${asked.map((field) => ROOT_FIELDS[field]).join(' ')} }`,
        { token },
      );
      expect(response.data, `data of { ${asked.join(' ')} }`).not.toBeNull();
      return Object.fromEntries(
        asked.map((field) => [
          field,
          {
            value: response.data?.[field],
            codes: (response.errors ?? [])
              .filter((error) => error.path?.[0] === field)
              .map((error) => error.extensions?.['code']),
          },
        ]),
      );
    }

    async function expectEveryPairAsAlone(token: string): Promise<Record<string, FieldAnswer>> {
      const alone: Record<string, FieldAnswer> = {};
      for (const field of fields) Object.assign(alone, await answers(token, [field]));
      for (const [index, first] of fields.entries()) {
        for (const second of fields.slice(index + 1)) {
          expect(await answers(token, [first, second]), `${first} with ${second}`).toEqual({
            [first]: alone[first],
            [second]: alone[second],
          });
        }
      }
      return alone;
    }

    it('answers each field as it answers alone, a refused one null beside its code', async () => {
      const alone = await expectEveryPairAsAlone(customerToken);
      expect(alone['policy']).toEqual({ value: { number: policy.number }, codes: [] });
      expect(alone['claim']).toEqual({ value: null, codes: ['CLAIM_NOT_FOUND'] });
    });

    it("keeps identity's answers when personal data is refused, as after a consent revocation", async () => {
      const withoutConsent = await system.token({
        ...customerPrincipal,
        customerId: stranger.id,
        consentVersion: null,
      });
      const alone = await expectEveryPairAsAlone(withoutConsent);
      expect(alone['myPersonalData']).toEqual({ value: null, codes: ['CONSENT_REQUIRED'] });
      expect(alone['consentDocument']?.codes).toEqual([]);
    });
  });

  it('reports readiness only while every subgraph answers', async () => {
    const readiness = new URL('/readiness', system.gatewayUrl);
    expect((await fetch(readiness)).status).toBe(200);
    await system.services.policy.stop();
    expect((await fetch(readiness)).status).toBe(503);
  });
}
