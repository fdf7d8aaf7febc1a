import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; playwright-core never downloads a browser of its own. */
const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium in a new empty profile. Background networking stays off: this machine's network
 * is closed, and Chromium's own calls home would only be refused.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageWatch {
  /** Every URL the page requested that is not on this machine. */
  readonly externalRequests: string[];
  /** Console errors and uncaught exceptions (a CSP or CORS refusal shows up here), with the page's URL. */
  readonly errors: { readonly text: string; readonly url: string }[];
}

/** Records what a page fetched from elsewhere and what went wrong in it, for assertions at the end. */
export function watch(page: Page): PageWatch {
  const watched: PageWatch = { externalRequests: [], errors: [] };
  page.on('request', (request) => {
    const url = new URL(request.url());
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (!local && url.protocol !== 'data:' && url.protocol !== 'blob:')
      watched.externalRequests.push(url.href);
  });
  page.on('console', (message) => {
    if (message.type() === 'error')
      watched.errors.push({ text: message.text(), url: message.location().url });
  });
  page.on('pageerror', (error) => watched.errors.push({ text: error.message, url: page.url() }));
  return watched;
}

/** The errors of pages from one origin: the emulator's pages, say, are not the page under test. */
export function errorsOn(watched: PageWatch, origin: string): string[] {
  return watched.errors.filter((error) => error.url.startsWith(origin)).map((error) => error.text);
}
