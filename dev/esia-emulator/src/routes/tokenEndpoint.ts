import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { AppDeps } from '../appDeps.ts';
import { EsiaRejection } from '../esiaErrors.ts';
import { issueTokens } from '../tokenService.ts';
import { logRejection } from './responses.ts';

/** `POST /aas/oauth2/v3/te`: code exchange and refresh; a rejection answers 400 with the request's state. */
export function tokenEndpoint(
  deps: Pick<AppDeps, 'state' | 'clients' | 'keys' | 'now' | 'timestampToleranceSeconds' | 'logger'>,
): Router {
  const router = Router();
  router.post('/aas/oauth2/v3/te', async (request, response) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const tokens = await issueTokens(
        {
          state: deps.state,
          clients: deps.clients,
          keys: deps.keys,
          now: deps.now,
          newId: randomUUID,
          timestampToleranceSeconds: deps.timestampToleranceSeconds,
        },
        body,
      );
      response.set('cache-control', 'no-store').json(tokens);
    } catch (error) {
      if (!(error instanceof EsiaRejection)) throw error;
      logRejection(deps.logger, error);
      const state = typeof body['state'] === 'string' ? body['state'] : undefined;
      response
        .status(400)
        .json({ error: error.error, error_description: error.description, ...(state ? { state } : {}) });
    }
  });
  return router;
}
