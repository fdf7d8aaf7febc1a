import {
  INTERNAL_REQUEST_HEADER,
  type InternalRequestSigner,
} from '../internalRequests/internalRequestProof.ts';
import type { Logger } from '../logging/logger.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './accessTokens.ts';
import {
  followEndedSessions,
  type EndedSessions,
  type EndedSessionsPage,
  type EndedSessionsSource,
} from './endedSessions.ts';

/** Identity's feed of ended sessions, for the other services only: the gateway never routes to it. */
export const ENDED_SESSIONS_PATH = '/internal/ended-sessions';

/** The clock skew tokens are verified with, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** An ended session is worth knowing while a token issued just before its end may still be alive. */
export const ENDED_SESSION_KEEP_MS = (ACCESS_TOKEN_TTL_SECONDS + 2 * CLOCK_TOLERANCE_SECONDS) * 1000;

/** The feed's answer over HTTP; `sessionIds` are random UUIDs and nothing else about a session is sent. */
export function isEndedSessionsPage(body: unknown): body is EndedSessionsPage {
  const page = body as Partial<EndedSessionsPage> | null;
  return (
    typeof page === 'object' &&
    page !== null &&
    Array.isArray(page.sessionIds) &&
    page.sessionIds.every((id) => typeof id === 'string') &&
    typeof page.since === 'string' &&
    (page.nextPage === null || typeof page.nextPage === 'string')
  );
}

/** Reads identity's feed over HTTP, each request proven as the calling service's own. */
export function endedSessionsOverHttp(options: {
  readonly url: string;
  readonly internalRequests: InternalRequestSigner;
  readonly timeoutMs: number;
}): EndedSessionsSource {
  return async ({ since, page }) => {
    const url = new URL(options.url);
    if (since !== undefined) url.searchParams.set('since', since);
    if (page !== undefined) url.searchParams.set('page', page);
    const response = await fetch(url, {
      headers: { [INTERNAL_REQUEST_HEADER]: options.internalRequests.proof() },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
    const body: unknown = await response.json();
    if (!isEndedSessionsPage(body)) throw new Error(`${url.pathname} answered something else than a page`);
    return body;
  };
}

/** What a service's configuration says about the feed (serviceConfigSpec and the gateway's spec). */
export interface EndedSessionsConfig {
  readonly JWKS_URL: string;
  readonly ENDED_SESSIONS_URL: string | undefined;
  readonly ENDED_SESSIONS_POLL_MS: number;
}

/** Follows identity's feed from another service; without its own URL the feed is where the JWKS is. */
export function followIdentitysEndedSessions(
  config: EndedSessionsConfig,
  internalRequests: InternalRequestSigner,
  log: Logger,
): EndedSessions {
  return followEndedSessions({
    source: endedSessionsOverHttp({
      url: config.ENDED_SESSIONS_URL ?? new URL(ENDED_SESSIONS_PATH, config.JWKS_URL).toString(),
      internalRequests,
      timeoutMs: Math.max(1_000, config.ENDED_SESSIONS_POLL_MS * 4),
    }),
    intervalMs: config.ENDED_SESSIONS_POLL_MS,
    keepMs: ENDED_SESSION_KEEP_MS,
    now: Date.now,
    log,
  });
}
