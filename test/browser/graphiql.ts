import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOn, watch } from '../support/browser.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { demoCast } from '../support/demoCast.ts';
import { graphql } from '../support/graphqlClient.ts';
import type { TestSystem } from '../support/testSystem.ts';

const { customer, policy } = demoCast();
/** GraphiQL loads its editors and the schema before a person can use it. */
const STEP_MS = 20_000;
const TEST_MS = 6 * STEP_MS;

/** The text a GraphiQL editor shows (`operation.graphql`, `variables.json`, `request-headers.json`, `response.json`). */
const editor = (page: Page, name: string) => page.locator(`.monaco-editor[data-uri$="-${name}"]`);

/**
 * What a person does to an editor: copy the text, select everything in the editor and paste over it
 * (typed text would meet the editor's auto-closing quotes and brackets). Resolves once it shows.
 */
async function pasteInto(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate((copied) => navigator.clipboard.writeText(copied), text);
  await editor(page, name).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await editor(page, name).getByText(text).waitFor();
}

/** Runs on the system and the browser oneSystem.browser.test.ts shares. */
export function graphiqlSuite(systemOf: () => TestSystem, browserOf: () => Browser): void {
  describe('GraphiQL on the gateway, in a real browser', () => {
    graphiqlInTheBrowser(systemOf, browserOf);
  });
}

function graphiqlInTheBrowser(systemOf: () => TestSystem, browserOf: () => Browser): void {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(() => {
    system = systemOf();
    browser = browserOf();
  });

  it(
    'opens with the example operations, and its claimStatusChanged subscription over SSE delivers a change',
    async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      const watched = watch(page);
      await page.goto(system.gatewayUrl);

      const tabs = page.locator('.graphiql-tab-button');
      await tabs.first().waitFor();
      expect(await tabs.allInnerTexts()).toEqual([
        'BeginGosuslugiSignIn',
        'ConsentDocument',
        'MyPolicies',
        'MyClaims',
        'ClaimStatusChanged',
      ]);
      await editor(page, 'variables.json').getByText(system.redirectUris.web).waitFor();

      const customerToken = await system.token({
        kind: 'customer',
        customerId: customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
      const submitted = await submitClaim(system.gatewayUrl, customerToken, policy.id);
      const claim = submitted.data!.submitClaim;

      await tabs.filter({ hasText: 'ClaimStatusChanged' }).click();
      await editor(page, 'operation.graphql').getByText('subscription ClaimStatusChanged').waitFor();
      await pasteInto(page, 'variables.json', JSON.stringify({ claimId: claim.id, after: claim.cursor }));
      await page.getByRole('button', { name: 'Headers' }).click();
      await pasteInto(
        page,
        'request-headers.json',
        JSON.stringify({ authorization: `Bearer ${customerToken}` }),
      );
      await page.getByRole('button', { name: 'Execute query (Ctrl-Enter)' }).click();

      const staffToken = await system.token({
        kind: 'staff',
        staffId: randomUUID(),
        sessionId: randomUUID(),
        roles: ['supervisor'],
      });
      const accepted = await graphql(
        system.gatewayUrl,
        'mutation ($id: UUID!) { acceptClaim(id: $id) { status } }',
        {
          token: staffToken,
          variables: { id: claim.id },
        },
      );
      expect(accepted.errors).toBeUndefined();

      const response = editor(page, 'response.json');
      // The first thing GraphiQL shows: the change, or the refusal (CSRF's, say) at once.
      await response.locator('.view-lines', { hasText: /"statusLabel"|"message"/ }).waitFor();
      // The editor lays some spaces out as no-break spaces.
      const shown = (await response.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      expect(JSON.parse(shown)).toEqual({
        data: {
          claimStatusChanged: {
            cursor: expect.any(String) as string,
            claimNumber: claim.number,
            previousStatus: 'SUBMITTED',
            status: 'ACCEPTED',
            statusLabel: 'Принято',
            changedAt: expect.any(String) as string,
          },
        },
      });
      expect(watched.externalRequests).toEqual([]);
      expect(errorsOn(watched, new URL(system.gatewayUrl).origin)).toEqual([]);
      await context.close();
    },
    TEST_MS,
  );

  it('still refuses an SSE subscription from any other page that does not send the header', async () => {
    const url = new URL(system.gatewayUrl);
    url.searchParams.set('query', 'subscription { claimStatusChanged { status } }');
    const response = await fetch(url, { headers: { accept: 'text/event-stream' } });
    const body = await response.text();
    expect(response.status).toBe(403);
    expect(body).toContain('CSRF');
  });
}
