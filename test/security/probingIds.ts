import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { submitClaim } from '../support/claimSubmission.ts';
import { claimsCast } from '../support/demoCast.ts';
import { graphql, type GraphQLResponse } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

/**
 * Issue #12, item 11: an id that is not a UUID broke the claims service (INTERNAL_SERVER_ERROR and a
 * stack trace in its log), and a partner asking for a claim was told FORBIDDEN where a customer is told
 * CLAIM_NOT_FOUND. Every caller who may not see a claim or policy is told it is not there. Since issue
 * #13 ids are typed UUIDs: the gateway refuses one that is not before any subgraph reads it.
 */
const { own, other } = claimsCast();
const NOT_A_UUID = `x'; DROP TABLE claims; --${randomUUID().slice(0, 8)}`;

const codesOf = (response: GraphQLResponse) => response.errors?.map((error) => error.extensions?.['code']);

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function probingIdsSuite(systemOf: () => TestSystem): void {
  describe('ids that are not UUIDs are refused, and claims a caller may not see answer not-found', () => {
    let system: TestSystem;
    let customerToken: string;
    let strangerToken: string;
    let staffToken: string;
    let sellingPartnerToken: string;
    let otherPartnerToken: string;

    const customerOf = (customerId: string) =>
      system.token({ kind: 'customer', customerId, sessionId: randomUUID(), trusted: true });
    const partnerOf = (partnerId: string) =>
      system.token({
        kind: 'partner',
        partnerId,
        clientId: `client-${partnerId}`,
        scopes: ['claims:status'],
      });

    beforeAll(async () => {
      system = systemOf();
      customerToken = await customerOf(own.customer.id);
      strangerToken = await customerOf(other.customer.id);
      staffToken = await system.token({
        kind: 'staff',
        staffId: randomUUID(),
        sessionId: randomUUID(),
        roles: ['supervisor'],
      });
      sellingPartnerToken = await partnerOf(own.partnerId);
      otherPartnerToken = await partnerOf(other.partnerId);
    });

    const ask = (token: string, document: string, variables: Record<string, unknown>) =>
      graphql(system.gatewayUrl, document, { token, variables });

    it('answers BAD_USER_INPUT naming the id to an id that is not a UUID, without a stack trace in the log', async () => {
      const id = NOT_A_UUID;
      const answers = {
        claim: await ask(customerToken, 'query ($id: UUID!) { claim(id: $id) { id } }', { id }),
        claimAsOf: await ask(
          staffToken,
          'query ($id: UUID!, $at: DateTimeISO!) { claimAsOf(id: $id, at: $at) { id } }',
          { id, at: new Date(0).toISOString() },
        ),
        acceptClaim: await ask(staffToken, 'mutation ($id: UUID!) { acceptClaim(id: $id) { id } }', { id }),
        withdrawClaim: await ask(customerToken, 'mutation ($id: UUID!) { withdrawClaim(id: $id) { id } }', {
          id,
        }),
        policy: await ask(customerToken, 'query ($id: UUID!) { policy(id: $id) { id } }', { id }),
      };
      for (const [field, answer] of Object.entries(answers)) {
        expect(codesOf(answer), field).toEqual(['BAD_USER_INPUT']);
        expect(answer.errors?.[0]?.extensions?.['argument'], field).toBe('$id');
      }
      for (const service of ['claims', 'policy', 'gateway']) {
        const traces = (system.logs.get(service) ?? []).filter(
          (line) => line.includes('"stack"') || line.includes('    at '),
        );
        expect(traces, `${service} logged a stack trace`).toEqual([]);
      }
    });

    it('tells the partner that sold the policy, another partner and another customer alike that a claim is not there', async () => {
      const submitted = await submitClaim(system.gatewayUrl, customerToken, own.policy.id);
      expect(submitted.errors).toBeUndefined();
      const claimId = submitted.data!.submitClaim.id;
      const READ = 'query ($id: UUID!) { claim(id: $id) { id status } }';

      const byOwner = await ask(customerToken, READ, { id: claimId });
      expect(byOwner.errors).toBeUndefined();
      const absent = await ask(customerToken, READ, { id: randomUUID() });
      expect(codesOf(absent)).toEqual(['CLAIM_NOT_FOUND']);

      for (const [who, token] of [
        ['the partner that sold the policy', sellingPartnerToken],
        ['another partner', otherPartnerToken],
        ['another customer', strangerToken],
      ] as const) {
        const answer = await ask(token, READ, { id: claimId });
        expect(codesOf(answer), who).toEqual(['CLAIM_NOT_FOUND']);
        expect(answer.errors?.[0]?.message, who).toBe(absent.errors?.[0]?.message);
      }
    });
  });
}
