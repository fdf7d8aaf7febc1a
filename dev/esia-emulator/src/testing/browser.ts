/** What a browser sees after one request: a redirect, or a page (with its alert text, if any). */
export interface BrowserStep {
  readonly status: number;
  readonly url: URL;
  readonly location?: URL;
  readonly html: string;
  readonly alert?: string;
  /** The hidden `attempt` field of the page's form. */
  readonly attempt?: string;
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)));
}

async function step(url: URL, init: RequestInit = {}): Promise<BrowserStep> {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  const html = await response.text();
  const location = response.headers.get('location');
  const alert = /<p role="alert">([^<]*)<\/p>/.exec(html)?.[1];
  const attempt = /name="attempt" value="([^"]*)"/.exec(html)?.[1];
  return {
    status: response.status,
    url,
    html,
    ...(location ? { location: new URL(location, url) } : {}),
    ...(alert === undefined ? {} : { alert: decodeEntities(alert) }),
    ...(attempt === undefined ? {} : { attempt: decodeEntities(attempt) }),
  };
}

/**
 * Plays a person's browser against the emulator: follows redirects within the emulator and posts
 * its forms, stopping at the first redirect that leaves it (the client's redirect_uri).
 */
export class EsiaBrowser {
  constructor(private readonly emulatorOrigin: string) {}

  /** GET, following redirects while they stay on the emulator. */
  async open(url: string | URL): Promise<BrowserStep> {
    let current = await step(new URL(url));
    for (let hops = 0; current.location && this.isEmulator(current.location) && hops < 10; hops += 1) {
      current = await step(current.location);
    }
    return current;
  }

  /** Posts a form of the emulator's pages, then follows redirects like `open`. */
  async submit(path: string, fields: Record<string, string>): Promise<BrowserStep> {
    const posted = await step(new URL(path, this.emulatorOrigin), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return posted.location && this.isEmulator(posted.location) ? this.open(posted.location) : posted;
  }

  private isEmulator(url: URL): boolean {
    return url.origin === new URL(this.emulatorOrigin).origin;
  }
}

export interface PersonAtTheKeyboard {
  readonly login: string;
  readonly password: string;
  /**
   * Reads the SMS code the emulator sent (e.g. `emulator.latestSmsCode(oid)`); asynchronous when the
   * emulator is another process whose log has to be read first.
   */
  readonly smsCode: () => string | undefined | Promise<string | undefined>;
  readonly consent: 'allow' | 'deny';
}

/**
 * The whole ESIA sign-in as a person does it: login form, SMS code, consent. Resolves to the URL
 * ESIA sends the browser back to (with `code` and `state`, or with `error`).
 */
export async function signInThroughEsia(
  emulatorOrigin: string,
  authorizationUrl: string,
  person: PersonAtTheKeyboard,
): Promise<URL> {
  const browser = new EsiaBrowser(emulatorOrigin);
  const expectForm = (current: BrowserStep, what: string): string => {
    if (current.location)
      throw new Error(`ESIA redirected to ${current.location.toString()} instead of ${what}`);
    if (current.attempt === undefined) {
      throw new Error(
        `ESIA showed no ${what} (HTTP ${current.status}): ${current.alert ?? current.html.slice(0, 300)}`,
      );
    }
    return current.attempt;
  };
  const loginPage = await browser.open(authorizationUrl);
  if (loginPage.location) return loginPage.location;
  const attempt = expectForm(loginPage, 'login form');
  const smsPage = await browser.submit('/login', { attempt, login: person.login, password: person.password });
  if (!smsPage.html.includes('action="/login/sms"')) {
    throw new Error(`ESIA did not accept the password: ${smsPage.alert ?? `HTTP ${smsPage.status}`}`);
  }
  const code = await person.smsCode();
  if (code === undefined) throw new Error('no SMS code was sent');
  const consentPage = await browser.submit('/login/sms', { attempt: expectForm(smsPage, 'SMS form'), code });
  if (!consentPage.html.includes('action="/consent"')) {
    throw new Error(`ESIA did not accept the SMS code: ${consentPage.alert ?? `HTTP ${consentPage.status}`}`);
  }
  const callback = await browser.submit('/consent', {
    attempt: expectForm(consentPage, 'consent form'),
    decision: person.consent,
  });
  if (!callback.location) throw new Error(`ESIA did not redirect after consent (HTTP ${callback.status})`);
  return callback.location;
}
