import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@cabinet/platform/logging';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_CALLBACK_PATH, startSignInPage } from './server.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A page on a free port; `gatewayUrl` is what the system has written by then, if anything. */
async function signInPage(gatewayUrl?: string) {
  const dir = await mkdtemp(join(tmpdir(), 'signin-page-'));
  const gatewayUrlFile = join(dir, 'gateway-url');
  if (gatewayUrl) await writeFile(gatewayUrlFile, `${gatewayUrl}\n`);
  const page = await startSignInPage({
    port: 0,
    host: '127.0.0.1',
    gatewayUrlFile,
    logger: createLogger('signin-page', 'silent'),
  });
  cleanups.push(
    () => page.stop(),
    () => rm(dir, { recursive: true, force: true }),
  );
  return { get: (path: string, init?: RequestInit) => fetch(new URL(path, page.url), init), url: page.url };
}

describe('the sign-in page server', () => {
  it('asks to come back later while the gateway has not started yet', async () => {
    const page = await signInPage();
    const response = await page.get('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Система ещё запускается');
  });

  it('serves the page at / and at the callback path, allowed to call only the gateway', async () => {
    const page = await signInPage('http://localhost:4000/graphql');
    for (const path of ['/', `${SIGN_IN_CALLBACK_PATH}?code=c&state=s`]) {
      const response = await page.get(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('data-gateway="http://localhost:4000/graphql"');
      expect(html).toContain(`data-callback="${new URL(SIGN_IN_CALLBACK_PATH, page.url).toString()}"`);
      expect(response.headers.get('content-security-policy')).toContain('connect-src http://localhost:4000;');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it("stands in for the cabinet's pages that notices link to, the claim's and the conversation's", async () => {
    const page = await signInPage('http://localhost:4000/graphql');
    const id = '3f0c2a64-5d1e-4b7a-9c8d-2e6f1a0b9c7d';
    for (const path of [`/claims/${id}`, `/support/${id}`]) {
      const response = await page.get(path);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('id="target-intro"');
      expect(html).toContain('data-gateway="http://localhost:4000/graphql"');
    }
    for (const path of ['/claims/42', `/claims/${id}/documents`, `/policies/${id}`]) {
      expect((await page.get(path)).status).toBe(404);
    }
  });

  it('serves its script and styles, and nothing else', async () => {
    const page = await signInPage('http://localhost:4000/graphql');
    const script = await page.get('/signin.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('beginGosuslugiSignIn');
    expect((await page.get('/signin.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await page.get('/elsewhere')).status).toBe(404);
    expect((await page.get('/', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
