import { afterAll, beforeAll } from 'vitest';
import { sessionRevocationSuite } from '../security/sessionRevocation.ts';
import { BUDGETS_NO_SUITE_EXHAUSTS, startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { authorizationMatrixSuite } from './authorizationMatrix.ts';
import { probeSuite } from './probe.ts';
import { reconsentSuite } from './reconsent.ts';
import { storeMetricsSuite } from './storeMetrics.ts';

// Suites of consent, sessions and access (and two of operations) that need nothing but the default
// system share one start-up. The order matters: the store-metrics suite expects nothing pending in
// claims' outbox or policy's payment reconciliation, so it runs first; the reconsent suite runs the
// erasure job expecting it to erase nobody, so it runs before any suite that revokes a consent; the
// session suite revokes secondCustomer's consent in its last test, and the authorization matrix (which
// calls every root field as secondCustomer, revokeConsent among them) runs after it; the probe stops
// claims in its last test, so it runs last.
let system: TestSystem;
beforeAll(async () => {
  // The authorization matrix calls every root field for four principals: more calls than the default
  // per-minute budgets allow.
  system = await startTestSystem({ env: { RATE_LIMITS: BUDGETS_NO_SUITE_EXHAUSTS } });
});
afterAll(async () => {
  await system?.shutdown();
});

storeMetricsSuite(() => system);
reconsentSuite(() => system);
sessionRevocationSuite(() => system);
authorizationMatrixSuite(() => system);
probeSuite(() => system);
