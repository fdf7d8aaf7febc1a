import { loadIdentityConfig, start } from '@cabinet/identity';
import { ManualClock } from '@cabinet/esia-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDED_AT } from '../support/demoCast.ts';
import { beginSignIn, callbackOf, completeSignIn, passEsia } from '../support/gosuslugi.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';

/** Identity runs inside the test here, on a clock the test moves; everything else is its own process. */
describe('sign-in deadlines through the gateway', () => {
  // Starts where the other processes' clocks stand: the emulator checks our timestamps against its own.
  const clock = new ManualClock(SEEDED_AT);
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      startIdentity: (env) => start(loadIdentityConfig({ ...env, LOG_LEVEL: 'silent' }), { now: clock.now }),
    });
  });
  afterAll(async () => {
    await system?.shutdown();
  });

  it('refuses a state that comes back after the 10 minutes an attempt lives', async () => {
    const start = (await beginSignIn(system)).data!.beginGosuslugiSignIn;
    const landing = await passEsia(system, start.authorizationUrl, 'existingCustomer');
    clock.advance(10 * 60 * 1000 + 1_000);
    const response = await completeSignIn(system, { attemptId: start.attemptId, ...callbackOf(landing) });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'GOSUSLUGI_SIGN_IN_EXPIRED',
      reason: 'expired',
    });
  });
});
