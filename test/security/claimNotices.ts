import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCast, seededDay } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import { graphql } from '../support/graphqlClient.ts';
import { mailboxOf } from '../support/mailbox.ts';
import type { TestSystem } from '../support/testSystem.ts';

/**
 * Issue #12, item 8: every status notice of a claim went to the contact e-mail typed into it, which
 * nobody confirmed, so the insurer's branded notices could be sent to anyone's address.
 */
const { customer, policy } = demoCast();
const STRANGER = `stranger-${randomUUID()}@example.com`;

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitClaimInput!, $key: String!) {
    submitClaim(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function claimNoticesSuite(systemOf: () => TestSystem): void {
  describe('claim notices go to the e-mail Gosuslugi verified, never to a typed contact address', () => {
    let system: TestSystem;

    beforeAll(() => {
      system = systemOf();
    });

    it("e-mails the customer's verified address and nothing to a stranger's address given as the contact", async () => {
      const token = await system.token({
        kind: 'customer',
        customerId: customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
      const answer = await graphql<{ submitClaim: { id: string } }>(system.gatewayUrl, SUBMIT, {
        token,
        variables: {
          key: `claim-${randomUUID()}`,
          input: {
            policyId: policy.id,
            documentIds: [],
            incident: { occurredOn: seededDay(), kind: 'ДТП', place: 'Москва', description: 'Столкновение' },
            contact: { email: STRANGER },
          },
        },
      });
      expect(answer.errors).toBeUndefined();
      const claimId = answer.data!.submitClaim.id;

      const notices = await eventually(
        async () => (await mailboxOf(system)).filter((message) => message.text.includes(claimId)),
        { what: 'the notice of the submitted claim e-mailed', until: (found) => found.length > 0 },
      );
      expect(notices.map((message) => message.to)).toEqual([customer.email]);
      // Greeted by the name identity holds, in the letter's HTML and plain-text parts alike
      const greeting = `Здравствуйте, ${customer.firstName} ${customer.middleName}!`;
      expect(notices[0]?.text).toContain(greeting);
      expect(notices[0]?.html).toContain(greeting);
      expect((await mailboxOf(system)).filter((message) => message.to.includes(STRANGER))).toEqual([]);
    });
  });
}
