import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimsCast } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

/**
 * Issue #12, item 9: the partner that sold a policy read `Policy.tariff`, whose factors are facts about
 * the holder (territory, КБМ class, age and experience, engine power). It is guarded as `holder` is.
 */
const { own } = claimsCast();

const TARIFF = /* GraphQL */ `
  query ($id: UUID!) {
    policy(id: $id) {
      number
      tariff {
        components {
          description
          factors {
            code
            label
            value
          }
        }
      }
    }
  }
`;

interface TariffAnswer {
  policy: {
    number: string;
    tariff: {
      components: { description: string; factors: { code: string; label: string; value: string }[] }[];
    };
  } | null;
}

/** Runs on the system the suite file shares (oneSystem.security.test.ts). */
export function partnerPolicyDataSuite(systemOf: () => TestSystem): void {
  describe('the partner that sold a policy does not see how its premium was priced', () => {
    let system: TestSystem;

    beforeAll(() => {
      system = systemOf();
    });

    it('refuses Policy.tariff to the selling partner, and shows it to the holder', async () => {
      const holderToken = await system.token({
        kind: 'customer',
        customerId: own.customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
      const partnerToken = await system.token({
        kind: 'partner',
        partnerId: own.partnerId,
        clientId: 'security-partner',
        scopes: ['claims:status'],
      });

      const asHolder = await graphql<TariffAnswer>(system.gatewayUrl, TARIFF, {
        token: holderToken,
        variables: { id: own.policy.id },
      });
      expect(asHolder.errors).toBeUndefined();
      const factors = asHolder.data!.policy!.tariff.components.flatMap((component) => component.factors);
      // An ОСАГО is priced from the holder's territory and КБМ class among others.
      expect(factors.length).toBeGreaterThan(1);

      const asPartner = await graphql<TariffAnswer>(system.gatewayUrl, TARIFF, {
        token: partnerToken,
        variables: { id: own.policy.id },
      });
      expect(asPartner.errors?.map((error) => error.extensions?.['code'])).toEqual(['FORBIDDEN']);
      const body = JSON.stringify(asPartner.data ?? null);
      for (const factor of factors) expect(body).not.toContain(factor.label);

      // The rest of the policy stays readable for the partner.
      const number = await graphql<{ policy: { number: string } }>(
        system.gatewayUrl,
        'query ($id: UUID!) { policy(id: $id) { number status } }',
        { token: partnerToken, variables: { id: own.policy.id } },
      );
      expect(number.errors).toBeUndefined();
      expect(number.data?.policy.number).toBe(own.policy.number);
    });
  });
}
