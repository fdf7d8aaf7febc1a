import { afterAll, beforeAll } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { claimsCliSuite } from './claimsCli.ts';
import { claimsDocumentsSuite } from './claimsDocuments.ts';
import { claimsLifecycleSuite } from './claimsLifecycle.ts';
import { subscriptionSharingSuite } from './subscriptionSharing.ts';

// Claims suites that need nothing but the default system share one start-up. The order matters: the
// documents suite finds its claim's events on the first page of the whole claim log, so it runs first;
// the subscription-sharing suite counts the WebSocket connections claims holds, so it runs before any
// suite that subscribes; the command-line suite stops and restarts claims, and the lifecycle suite
// stops it in its last test, so they run last.
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.shutdown();
});

claimsDocumentsSuite(() => system);
subscriptionSharingSuite(() => system);
claimsCliSuite(() => system);
claimsLifecycleSuite(() => system);
