import { Router } from 'express';
import type { AppDeps } from '../appDeps.ts';
import { EsiaRejection } from '../esiaErrors.ts';
import { errorPage, signedOutPage } from '../pages.ts';
import { html } from './responses.ts';

/**
 * `GET /idp/ext/Logout?client_id&redirect_url`: a registered client's logout, back to `redirect_url`
 * when it is on one of the client's redirect origins, else to a signed-out page.
 */
export function logoutEndpoint(deps: Pick<AppDeps, 'clients'>): Router {
  const router = Router();
  router.get('/idp/ext/Logout', (request, response) => {
    const clientId = request.query['client_id'];
    const credentials = typeof clientId === 'string' ? deps.clients.get(clientId) : undefined;
    if (!credentials) {
      html(response, 400, errorPage('Ошибка запроса', new EsiaRejection('007002', 'client_id').description));
      return;
    }
    const redirectUrl = request.query['redirect_url'];
    if (redirectUrl === undefined) {
      html(response, 200, signedOutPage());
      return;
    }
    const allowedOrigins = credentials.client.redirectUris.map((uri) => new URL(uri).origin);
    const target =
      typeof redirectUrl === 'string' && URL.canParse(redirectUrl) ? new URL(redirectUrl) : undefined;
    if (!target || !allowedOrigins.includes(target.origin)) {
      html(
        response,
        400,
        errorPage('Ошибка запроса', new EsiaRejection('007023', 'redirect_url').description),
      );
      return;
    }
    response.redirect(302, target.toString());
  });
  return router;
}
