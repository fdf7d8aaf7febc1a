import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { startTestSystem, type TestSystem } from '../support/testSystem.ts';
import { graphiqlSuite } from './graphiql.ts';
import { signInPageSuite } from './signInPage.ts';

// Both browser suites need nothing but the default system and a Chromium, each page in a context of
// its own, so they share one start-up of each. The sign-in suite expects existingCustomer's first
// sign-in to ask for the consent: nothing else here signs anyone in.
let system: TestSystem;
let browser: Browser;
beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.shutdown();
});

const systemOf = () => system;
const browserOf = () => browser;

signInPageSuite(systemOf, browserOf);
graphiqlSuite(systemOf, browserOf);
