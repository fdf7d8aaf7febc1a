import { createHash, timingSafeEqual } from 'node:crypto';
import { isDomainError } from '@cabinet/kernel';
import { ENDED_SESSIONS_PATH } from '@cabinet/platform/auth';
import type { Logger } from '@cabinet/platform/logging';
import type { Express } from 'express';
import { BadFeedPosition, type EndedSessionFeed } from '../application/endedSessionFeed.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as digests, so neither the length nor the first differing byte of the secret leaks. */
function holdsSecret(authorization: string | undefined, secret: string): boolean {
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(secret));
}

/**
 * `GET /internal/ended-sessions?since=…&page=…`: the feed the other services follow to refuse the
 * tokens of ended sessions. Not routed by the gateway; with a secret set, answered only to who sends it.
 */
export function endedSessionsRoute(feed: EndedSessionFeed, secret: string | undefined, log: Logger) {
  return (app: Express) => {
    app.get(ENDED_SESSIONS_PATH, (request, response) => {
      response.set('cache-control', 'no-store');
      if (secret !== undefined && !holdsSecret(request.headers.authorization, secret)) {
        response.status(401).set('www-authenticate', 'Bearer').json({ error: 'unauthorized' });
        return;
      }
      const { since, page } = request.query;
      if (
        (since !== undefined && typeof since !== 'string') ||
        (page !== undefined && typeof page !== 'string')
      ) {
        response.status(400).json({ error: 'since and page are single values' });
        return;
      }
      feed.read({ since, page }).then(
        (answer) => response.json(answer),
        (error: unknown) => {
          if (error instanceof BadFeedPosition || isDomainError(error)) {
            response.status(400).json({ error: error.message });
            return;
          }
          log.error({ err: error }, 'the feed of ended sessions could not be read');
          response.status(500).json({ error: 'internal' });
        },
      );
    });
  };
}
