import { afterAll, beforeAll } from 'vitest';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { accountLockoutSuite } from './accountLockout.ts';
import { claimInputSuite } from './claimInput.ts';
import { claimNoticesSuite } from './claimNotices.ts';
import { claimStaffRulesSuite } from './claimStaffRules.ts';
import { internalEndpointsSuite } from './internalEndpoints.ts';
import { partnerPolicyDataSuite } from './partnerPolicyData.ts';
import { probingIdsSuite } from './probingIds.ts';
import { webSocketAuthenticationSuite } from './webSocketAuthentication.ts';

// These suites need nothing but the default system, and each makes what it reads (its own claims,
// tokens and client addresses), so they share one start-up instead of paying for one each.
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.shutdown();
});

accountLockoutSuite(() => system);
claimInputSuite(() => system);
claimNoticesSuite(() => system);
claimStaffRulesSuite(() => system);
internalEndpointsSuite(() => system);
partnerPolicyDataSuite(() => system);
probingIdsSuite(() => system);
webSocketAuthenticationSuite(() => system);
