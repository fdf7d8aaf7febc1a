import { afterAll, beforeAll } from 'vitest';
import { BUDGETS_NO_SUITE_EXHAUSTS, startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { clientForwardingSuite } from './clientForwarding.ts';
import { federationSuite } from './federation.ts';
import { fuzzSuite } from './fuzz.ts';
import { metricsSuite } from './metrics.ts';

// These suites need nothing but the default system, so they share one start-up instead of paying for
// one each. The order matters: the metrics suite counts requests and refusals since the start, so it
// runs first; the federation suite expects the customer to have filed no claim (nothing before it
// files one) and stops policy in its last test, so it runs last.
let system: TestSystem;
beforeAll(async () => {
  // The fuzz sends more requests a minute than a customer's default budget allows.
  system = await startTestSystem({ env: { RATE_LIMITS: BUDGETS_NO_SUITE_EXHAUSTS } });
});
afterAll(async () => {
  await system?.shutdown();
});

metricsSuite(() => system);
fuzzSuite(() => system);
clientForwardingSuite(() => system);
federationSuite(() => system);
