import { isDomainError } from '@cabinet/kernel';
import { ENDED_SESSIONS_PATH } from '@cabinet/platform/auth';
import { internalOnlyMiddleware } from '@cabinet/platform/graphql';
import type { InternalRequestVerifier } from '@cabinet/platform/internal-requests';
import type { Logger } from '@cabinet/platform/logging';
import type { Express } from 'express';
import { BadFeedPosition, type EndedSessionFeed } from '../application/endedSessionFeed.ts';

/**
 * `GET /internal/ended-sessions?since=…&page=…`: the feed the other services follow to refuse the
 * tokens of ended sessions. Not routed by the gateway, and answered only to a proven internal caller.
 */
export function endedSessionsRoute(
  feed: EndedSessionFeed,
  internalRequests: InternalRequestVerifier,
  log: Logger,
) {
  return (app: Express) => {
    app.get(ENDED_SESSIONS_PATH, internalOnlyMiddleware(internalRequests), (request, response) => {
      response.set('cache-control', 'no-store');
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
