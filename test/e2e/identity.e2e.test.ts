import { demoCustomers } from '@cabinet/demo-data';
import { EXISTING_INSURER_CUSTOMER } from '@cabinet/esia-emulator/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptConsent, signInAs } from '../support/gosuslugi.ts';
import { graphql } from '../support/graphqlClient.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

const existing = demoCustomers().find((customer) => customer.inn === EXISTING_INSURER_CUSTOMER.inn)!;

describe('signing in through Gosuslugi via the gateway', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('links the existing customer by SNILS, asks for consent, then `me` answers with their policies', async () => {
    const signedIn = await signInAs(system, 'existingCustomer');
    expect(signedIn.errors).toBeUndefined();
    const session = signedIn.data!.completeGosuslugiSignIn;
    expect(session).toMatchObject({ consentRequired: true, trusted: true });

    const beforeConsent = await graphql(system.gatewayUrl, '{ me { id } }', { token: session.accessToken });
    expect(beforeConsent.errors?.[0]?.extensions?.['code']).toBe('CONSENT_REQUIRED');

    const token = await acceptConsent(system, session.accessToken);
    const me = await graphql<{
      me: { id: string; fullName: string; phone: string; policies: { totalCount: number } };
    }>(system.gatewayUrl, '{ me { id fullName phone policies(first: 10) { totalCount } } }', { token });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({
      id: existing.id,
      fullName: 'Смирнова Ольга Викторовна',
      phone: '+79031234567',
    });
    expect(me.data?.me.policies.totalCount).toBeGreaterThan(0);
  });
});
