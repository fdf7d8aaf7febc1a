import { isDomainError } from '@cabinet/kernel';
import { currentRequestClient, type ActivityRecorder } from '@cabinet/platform/activity';
import { ACCESS_TOKEN_TTL_SECONDS, type AccessTokenSigner } from '@cabinet/platform/auth';
import { causedByRequest } from '@cabinet/platform/eventstore';
import { REQUEST_ID_HEADER, requestIdFrom, type Logger } from '@cabinet/platform/logging';
import express, { type Express, type Response } from 'express';
import { RequestAbandoned } from '../../secrets/application/hashQueue.ts';
import { currentRequestSignal } from '../../secrets/application/requestSignal.ts';
import type { PartnerAuthentication } from '../application/partnerAuthentication.ts';
import { grantedScopes } from '../domain/partnerClient.ts';
import { parseClientCredentialsRequest, type TokenRequestError } from './clientCredentialsRequest.ts';

export interface OauthTokenDeps {
  readonly authentication: PartnerAuthentication;
  readonly signer: AccessTokenSigner;
  readonly activity: ActivityRecorder;
  readonly log: Logger;
  readonly now: () => Date;
}

function refuse(response: Response, error: TokenRequestError, description: string): void {
  const status = error === 'invalid_client' ? 401 : 400;
  if (status === 401) response.set('www-authenticate', 'Basic realm="partners"');
  response.status(status).set('cache-control', 'no-store').json({ error, error_description: description });
}

/** Too many attempts: 429 with Retry-After (RFC 6585), answered before any secret is hashed. */
function tooManyAttempts(response: Response, retryAfterSeconds: number): void {
  response
    .status(429)
    .set('retry-after', String(retryAfterSeconds))
    .set('cache-control', 'no-store')
    .json({ error: 'temporarily_unavailable', error_description: 'too many attempts, retry later' });
}

/** `POST /oauth/token`: OAuth 2.0 client credentials for partner apps (scope `claims:status`). */
export function oauthTokenRoute(deps: OauthTokenDeps) {
  return (app: Express) => {
    app.post('/oauth/token', express.urlencoded({ extended: false, limit: '8kb' }), (request, response) => {
      void (async () => {
        const cause = causedByRequest(requestIdFrom(request.headers[REQUEST_ID_HEADER]), 'oauthToken');
        const parsed = parseClientCredentialsRequest(
          (request.body ?? {}) as Record<string, unknown>,
          request.headers.authorization,
        );
        if (!parsed.ok) return refuse(response, parsed.error, parsed.description);
        const client = await deps.authentication.authenticate(
          parsed.clientId,
          parsed.clientSecret,
          currentRequestClient(),
          currentRequestSignal(),
        );
        if (!client) {
          await deps.activity.record(
            `partner-${parsed.clientId}`,
            {
              action: 'PARTNER_TOKEN',
              outcome: 'FAILURE',
              actor: `partner:${parsed.clientId}`,
              errorCode: 'invalid_client',
            },
            cause,
          );
          return refuse(response, 'invalid_client', 'client authentication failed');
        }
        const scopes = grantedScopes(parsed.scope, client.scopes);
        if (!scopes) return refuse(response, 'invalid_scope', `allowed scopes: ${client.scopes.join(' ')}`);
        const accessToken = await deps.signer.sign(
          { kind: 'partner', partnerId: client.partnerId, clientId: client.clientId, scopes },
          { now: deps.now() },
        );
        await deps.activity.record(
          `partner-${client.clientId}`,
          {
            action: 'PARTNER_TOKEN',
            actor: `partner:${client.clientId}`,
            details: { scope: scopes.join(' ') },
          },
          cause,
        );
        response
          .set('cache-control', 'no-store')
          .set('pragma', 'no-cache')
          .json({
            access_token: accessToken,
            token_type: 'Bearer',
            expires_in: ACCESS_TOKEN_TTL_SECONDS,
            scope: scopes.join(' '),
          });
      })().catch((error: unknown) => {
        if (error instanceof RequestAbandoned) return;
        if (isDomainError(error) && error.code === 'TOO_MANY_ATTEMPTS') {
          return tooManyAttempts(response, Number(error.details['retryAfterSeconds']));
        }
        deps.log.error({ err: error }, 'partner token request failed');
        response.status(500).json({ error: 'server_error' });
      });
    });
  };
}
