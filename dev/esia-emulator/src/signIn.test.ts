import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESIA_TEST_PERSONS } from './seed.ts';
import { SIGN_IN_LIMITS } from './signInFlow.ts';
import { EsiaBrowser, signInThroughEsia } from './testing/browser.ts';
import { authorizationUrl } from './testing/client.ts';
import { startTestEmulator, type TestEmulator } from './testing/harness.ts';

describe('ESIA emulator sign-in pages, driven as a browser', () => {
  let test: TestEmulator;
  beforeAll(async () => {
    test = await startTestEmulator();
  });
  afterAll(async () => {
    await test.emulator.stop();
  });

  const url = (state = randomUUID()) =>
    authorizationUrl(test.emulator.url, test.client, { now: test.clock.now(), state });
  const latestCode = (oid: number) => () => test.emulator.latestSmsCode(oid);

  it.each([
    { by: 'phone as written by people', login: '8 (903) 123-45-67' },
    { by: 'e-mail in any case', login: 'Olga.Smirnova@example.ru' },
    { by: 'SNILS', login: '143-256-789 68' },
  ])('signs in by $by and returns a code with the same state', async ({ login }) => {
    const person = ESIA_TEST_PERSONS.existingCustomer;
    const state = randomUUID();

    const callback = await signInThroughEsia(test.emulator.url, url(state), {
      login,
      password: person.password,
      smsCode: latestCode(person.oid),
      consent: 'allow',
    });

    expect(callback.origin + callback.pathname).toBe(test.client.redirectUri);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('code')).toMatch(/\S{16,}/);
  });

  it('sends the SMS code to the mobile number and reports it through the hook', async () => {
    const person = ESIA_TEST_PERSONS.confirmed;
    const browser = new EsiaBrowser(test.emulator.url);
    const login = await browser.open(url());

    const smsPage = await browser.submit('/login', {
      attempt: login.attempt!,
      login: '+7(000)0000006',
      password: person.password,
    });

    expect(smsPage.html).toContain('action="/login/sms"');
    expect(test.sms.at(-1)).toMatchObject({
      oid: person.oid,
      phone: '+7(000)0000006',
      attemptId: login.attempt,
    });
    expect(test.sms.at(-1)?.code).toMatch(/^\d{6}$/);
  });

  it('lists the requested scopes on the consent screen', async () => {
    const person = ESIA_TEST_PERSONS.newcomer;
    const browser = new EsiaBrowser(test.emulator.url);
    const login = await browser.open(
      authorizationUrl(test.emulator.url, test.client, {
        now: test.clock.now(),
        scope: 'openid fullname snils',
      }),
    );
    const sms = await browser.submit('/login', {
      attempt: login.attempt!,
      login: '+79267654321',
      password: person.password,
    });

    const consent = await browser.submit('/login/sms', {
      attempt: sms.attempt!,
      code: test.emulator.latestSmsCode(person.oid)!,
    });

    expect([...consent.html.matchAll(/data-scope="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'openid',
      'fullname',
      'snils',
    ]);
    expect(consent.html).toContain('Фамилия, имя и отчество');
  });

  it('redirects a refusal with error=access_denied and ESIA-007004', async () => {
    const person = ESIA_TEST_PERSONS.confirmed;
    const state = randomUUID();

    const callback = await signInThroughEsia(test.emulator.url, url(state), {
      login: 'sokolov.test@example.ru',
      password: person.password,
      smsCode: latestCode(person.oid),
      consent: 'deny',
    });

    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toMatch(/^ESIA-007004:/);
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('locks an account for 15 minutes after 5 wrong passwords, even against the right one', async () => {
    const person = ESIA_TEST_PERSONS.unconfirmed;
    const browser = new EsiaBrowser(test.emulator.url);
    const attempt = (await browser.open(url())).attempt!;
    const tryPassword = (password: string) =>
      browser.submit('/login', { attempt, login: '+79165550102', password });

    const alerts: (string | undefined)[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.passwordFailures; i += 1)
      alerts.push((await tryPassword('wrong')).alert);
    const withRightPassword = await tryPassword(person.password);
    test.clock.advance(14 * 60_000);
    const stillLocked = await browser.submit('/login', {
      attempt: (await browser.open(url())).attempt!,
      login: '+79165550102',
      password: person.password,
    });
    test.clock.advance(60_000);
    const afterLockout = await browser.submit('/login', {
      attempt: (await browser.open(url())).attempt!,
      login: '+79165550102',
      password: person.password,
    });

    expect(alerts.slice(0, 4)).toEqual(
      [1, 2, 3, 4].map((n) => `Неверный логин или пароль. Осталось попыток: ${5 - n}.`),
    );
    expect(alerts[4]).toMatch(/заблокирован.*15 мин/);
    expect(withRightPassword.alert).toMatch(/заблокирован/);
    expect(stillLocked.alert).toMatch(/заблокирован.*1 мин/);
    expect(afterLockout.html).toContain('action="/login/sms"');
  });

  it('does not tell an unknown login from a wrong password', async () => {
    const browser = new EsiaBrowser(test.emulator.url);
    const page = await browser.submit('/login', {
      attempt: (await browser.open(url())).attempt!,
      login: 'nobody@example.ru',
      password: 'x',
    });
    expect(page.alert).toBe('Неверный логин или пароль.');
  });

  it('sends the person back to the password after an expired SMS code', async () => {
    const person = ESIA_TEST_PERSONS.newcomer;
    const browser = new EsiaBrowser(test.emulator.url);
    const sms = await browser.submit('/login', {
      attempt: (await browser.open(url())).attempt!,
      login: 'novikov.test@example.ru',
      password: person.password,
    });
    test.clock.advance(SIGN_IN_LIMITS.smsTtlMs);

    const page = await browser.submit('/login/sms', {
      attempt: sms.attempt!,
      code: test.emulator.latestSmsCode(person.oid)!,
    });

    expect(page.alert).toBe('Срок действия кода истёк. Войдите снова.');
    expect(page.html).toContain('action="/login"');
  });

  it('allows three tries of the SMS code', async () => {
    const person = ESIA_TEST_PERSONS.newcomer;
    const browser = new EsiaBrowser(test.emulator.url);
    const sms = await browser.submit('/login', {
      attempt: (await browser.open(url())).attempt!,
      login: 'novikov.test@example.ru',
      password: person.password,
    });
    const wrong = String((Number(test.emulator.latestSmsCode(person.oid)) + 1) % 1_000_000).padStart(6, '0');

    const first = await browser.submit('/login/sms', { attempt: sms.attempt!, code: wrong });
    const second = await browser.submit('/login/sms', { attempt: sms.attempt!, code: wrong });
    const third = await browser.submit('/login/sms', { attempt: sms.attempt!, code: wrong });

    expect([first.alert, second.alert]).toEqual([
      'Неверный код. Осталось попыток: 2.',
      'Неверный код. Осталось попыток: 1.',
    ]);
    expect(third.alert).toMatch(/Войдите снова/);
    expect(third.html).toContain('action="/login"');
  });

  it('refuses to skip a step or reuse a finished attempt', async () => {
    const browser = new EsiaBrowser(test.emulator.url);
    const attempt = (await browser.open(url())).attempt!;

    const skipped = await browser.submit('/consent', { attempt, decision: 'allow' });
    const unknown = await browser.submit('/login', { attempt: randomUUID(), login: 'x', password: 'y' });

    expect(skipped.status).toBe(409);
    expect(unknown.status).toBe(400);
  });

  it('expires an unfinished attempt after 30 minutes', async () => {
    const browser = new EsiaBrowser(test.emulator.url);
    const attempt = (await browser.open(url())).attempt!;
    test.clock.advance(SIGN_IN_LIMITS.attemptTtlMs);

    const page = await browser.submit('/login', { attempt, login: 'x', password: 'y' });

    expect(page.status).toBe(400);
    expect(page.html).toContain('Сеанс входа истёк');
  });
});
