import { Router } from 'express';
import type { AppDeps } from '../appDeps.ts';
import { RedirectableRejection, checkAuthorizationRequest } from '../authorizeRequest.ts';
import { EsiaRejection } from '../esiaErrors.ts';
import { errorPage } from '../pages.ts';
import { startAttempt, type SignInDeps } from '../signInFlow.ts';
import { html, logRejection } from './responses.ts';

/**
 * `GET /aas/oauth2/v2/ac`: a valid authorization request starts a sign-in attempt at the login page.
 * A rejection goes back to the client's redirect URI when that one is known, else to an error page.
 */
export function authorizationEndpoint(
  deps: Pick<AppDeps, 'clients' | 'now' | 'timestampToleranceSeconds' | 'logger'>,
  signIn: SignInDeps,
): Router {
  const router = Router();
  router.get('/aas/oauth2/v2/ac', (request, response) => {
    try {
      const authorization = checkAuthorizationRequest(
        request.query,
        deps.clients,
        deps.now(),
        deps.timestampToleranceSeconds,
      );
      const attempt = startAttempt(signIn, authorization);
      response.redirect(302, `/login?attempt=${encodeURIComponent(attempt.id)}`);
    } catch (error) {
      if (error instanceof RedirectableRejection) {
        logRejection(deps.logger, error.rejection);
        const target = new URL(error.redirectUri);
        target.searchParams.set('error', error.rejection.error);
        target.searchParams.set('error_description', error.rejection.description);
        if (error.state) target.searchParams.set('state', error.state);
        response.redirect(302, target.toString());
        return;
      }
      if (!(error instanceof EsiaRejection)) throw error;
      logRejection(deps.logger, error);
      html(response, 400, errorPage('Ошибка запроса', error.description));
    }
  });
  return router;
}
