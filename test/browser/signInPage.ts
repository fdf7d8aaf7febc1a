import { randomUUID } from 'node:crypto';
import { ESIA_TEST_PERSONS } from '@cabinet/esia-emulator/seed';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOn, watch, type PageWatch } from '../support/browser.ts';
import { submitClaim } from '../support/claimSubmission.ts';
import { demoCast } from '../support/demoCast.ts';
import { eventually } from '../support/eventually.ts';
import type { EsiaPersonKey } from '../support/gosuslugi.ts';
import { graphql } from '../support/graphqlClient.ts';
import { mailboxOf } from '../support/mailbox.ts';
import type { TestSystem } from '../support/testSystem.ts';

/** What the person's browser shows from the moment they press the button until a page waits on them. */
const STEP_MS = 20_000;
const TEST_MS = 8 * STEP_MS;

/** Runs on the system and the browser oneSystem.browser.test.ts shares. */
export function signInPageSuite(systemOf: () => TestSystem, browserOf: () => Browser): void {
  describe('the sign-in page, in a real browser', () => {
    signInPageInTheBrowser(systemOf, browserOf);
  });
}

function signInPageInTheBrowser(systemOf: () => TestSystem, browserOf: () => Browser): void {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(() => {
    system = systemOf();
    browser = browserOf();
  });

  async function openSignInPage(): Promise<{ page: Page; watched: PageWatch }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(STEP_MS);
    const watched = watch(page);
    await page.goto(system.signInPageUrl);
    return { page, watched };
  }

  /** The person presses the button and goes through the emulator's pages: login, SMS code, access. */
  async function throughGosuslugi(page: Page, key: EsiaPersonKey, decision: 'Предоставить' | 'Отказать') {
    const person = ESIA_TEST_PERSONS[key];
    const smsBefore = system.smsCount(person.oid);
    await page.getByRole('button', { name: 'Войти через Госуслуги' }).click();
    await page.waitForURL((url) => url.origin === new URL(system.esiaUrl).origin);
    await page.getByLabel('Телефон, почта или СНИЛС').fill(person.snils);
    await page.getByLabel('Пароль').fill(person.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByLabel('Код из СМС').fill(await system.nextSmsCode(person.oid, smsBefore));
    await page.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('button', { name: decision }).click();
    await page.waitForURL((url) => url.href.startsWith(system.redirectUris.web));
  }

  it(
    'signs existingCustomer in through Gosuslugi, takes the consent and shows who signed in, working tokens and the next steps',
    async () => {
      const { page, watched } = await openSignInPage();
      await throughGosuslugi(page, 'existingCustomer', 'Предоставить');

      // Back on the page: the code has left the address bar, and the first sign-in asks for the consent.
      expect(new URL(page.url()).search).toBe('');
      await page.getByRole('button', { name: 'Принимаю' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 2 }).first().textContent(), { timeout: STEP_MS })
        .toBe('Вы вошли как Смирнова Ольга Викторовна');

      const accessToken = await page.locator('#access-token').inputValue();
      const me = await graphql<{ me: { fullName: string } }>(system.gatewayUrl, '{ me { fullName } }', {
        token: accessToken,
      });
      expect(me.data?.me.fullName).toBe('Смирнова Ольга Викторовна');
      const refreshed = await graphql<{ refreshSession: { accessToken: string } }>(
        system.gatewayUrl,
        'mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
        { variables: { t: await page.locator('#refresh-token').inputValue() } },
      );
      expect(refreshed.errors).toBeUndefined();
      expect(JSON.parse(await page.locator('#headers').inputValue())).toEqual({
        authorization: `Bearer ${accessToken}`,
      });

      expect(await page.getByRole('link', { name: 'GraphiQL' }).getAttribute('href')).toBe(system.gatewayUrl);
      const nextSteps = await page.getByRole('list').last().innerText();
      expect(nextSteps).toContain('MyPolicies');
      expect(nextSteps).toContain('ClaimStatusChanged');
      expect(nextSteps).toContain('RefreshSession');
      expect(await page.locator('#untrusted').isHidden()).toBe(true);
      expect(watched.externalRequests).toEqual([]);
      expect(errorsOn(watched, new URL(system.signInPageUrl).origin)).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    "opens the claim a notice e-mail links to: the cabinet's address signs the person in and shows the claim",
    async () => {
      const { customer, policy } = demoCast();
      const token = await system.token({
        kind: 'customer',
        customerId: customer.id,
        sessionId: randomUUID(),
        trusted: true,
      });
      const submitted = await submitClaim(system.gatewayUrl, token, policy.id);
      expect(submitted.errors).toBeUndefined();
      const claim = submitted.data!.submitClaim;
      const notice = await eventually(
        async () => (await mailboxOf(system)).find((message) => message.text.includes(claim.id)),
        { what: 'the notice of the submitted claim in the mailbox', until: (found) => found !== undefined },
      );
      const link = /Подробности в личном кабинете: (\S+)/.exec(notice!.text)?.[1];
      // The embedded profile's cabinet address is the sign-in page, not the gateway.
      expect(link).toBe(new URL(`claims/${claim.id}`, system.signInPageUrl).toString());

      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(STEP_MS);
      const watched = watch(page);
      await page.goto(link!);
      expect(await page.locator('#target-intro').innerText()).toBe(
        'Войдите через Госуслуги, чтобы открыть заявление.',
      );
      await throughGosuslugi(page, 'existingCustomer', 'Предоставить');

      // A first sign-in in this system asks for the consent; a later one goes straight to the claim.
      const title = page.getByRole('heading', { name: `Заявление № ${claim.number}` });
      const consent = page.getByRole('button', { name: 'Принимаю' });
      await title.or(consent).waitFor();
      if (await consent.isVisible()) await consent.click();
      await title.waitFor();
      expect(new URL(page.url()).pathname).toBe(`/claims/${claim.id}`);
      expect(await page.locator('#target-status').innerText()).toMatch(/^Статус: «Подано», изменён /);
      expect(await page.locator('#target-items').innerText()).toContain(
        `Заявление ${claim.number} подано: Залив`,
      );
      expect(watched.externalRequests).toEqual([]);
      expect(errorsOn(watched, new URL(system.signInPageUrl).origin)).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'tells the person in Russian when they refuse access at Gosuslugi',
    async () => {
      const { page, watched } = await openSignInPage();
      await throughGosuslugi(page, 'confirmed', 'Отказать');

      const problem = page.getByRole('alert');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/GOSUSLUGI_ACCESS_DENIED/);
      expect(await problem.innerText()).toMatch(/[а-яё]/i);
      expect(await page.locator('#session').isHidden()).toBe(true);
      expect(watched.externalRequests).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'shows the code and state of a sign-in begun elsewhere (in GraphiQL, say) for completing it by hand',
    async () => {
      const page = await browser.newPage();
      page.setDefaultTimeout(STEP_MS);
      await page.goto(`${system.redirectUris.web}?code=a-code&state=a-state`);

      await page.getByRole('heading', { name: 'Вход начат не на этой странице' }).waitFor();
      expect(await page.locator('#foreign-code').innerText()).toBe('a-code');
      expect(await page.locator('#foreign-state').innerText()).toBe('a-state');
      await page.close();
    },
    TEST_MS,
  );
}
