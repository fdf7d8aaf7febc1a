import type { ClientDeps } from './authorization.ts';
import { signClientSecret } from './clientSecret.ts';
import { ESIA_PATHS, esiaUrl, type EsiaClientConfig } from './config.ts';
import { esiaCodeOf, esiaErrorToDomainError, gosuslugiError } from './errors.ts';
import { callEsia, readJsonObject } from './http.ts';
import { optionalString, requiredString, unexpected } from './json.ts';
import { formatEsiaTimestamp } from './timestamp.ts';

export interface EsiaTokens {
  readonly accessToken: string;
  readonly idToken?: string;
  /** Present when the authorization asked for `access_type=offline`. */
  readonly refreshToken?: string;
  readonly expiresInSeconds: number;
}

export type TokenGrant =
  | { readonly kind: 'authorization_code'; readonly code: string }
  | { readonly kind: 'refresh_token'; readonly refreshToken: string };

/**
 * One call to `/aas/oauth2/v3/te`. Each call carries a fresh `state` that ESIA echoes back; a reply
 * with another `state` is not an answer to this request.
 */
export async function requestTokens(
  config: EsiaClientConfig,
  deps: ClientDeps,
  grant: TokenGrant,
  redirectUri: string,
): Promise<EsiaTokens> {
  const state = deps.newState();
  const timestamp = formatEsiaTimestamp(deps.now());
  const scope = config.scopes.join(' ');
  const scopeOrg = config.organizationScopes.join(' ');
  const code = grant.kind === 'authorization_code' ? grant.code : undefined;
  const clientSecret = await signClientSecret(deps.signer, {
    clientId: config.clientId,
    scope,
    scopeOrg,
    timestamp,
    state,
    redirectUri,
    ...(code === undefined ? {} : { code }),
  });

  const form = new URLSearchParams({
    client_id: config.clientId,
    grant_type: grant.kind,
    client_certificate_hash: deps.signer.certificateHash,
    client_secret: clientSecret,
    state,
    redirect_uri: redirectUri,
    scope,
    timestamp,
    token_type: 'Bearer',
  });
  if (scopeOrg) form.set('scope_org', scopeOrg);
  if (grant.kind === 'authorization_code') form.set('code', grant.code);
  else form.set('refresh_token', grant.refreshToken);

  const url = esiaUrl(config, ESIA_PATHS.token);
  const response = await callEsia(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    },
    config.timeoutMs,
  );
  const body = await readJsonObject(response);
  const error = optionalString(body ?? {}, 'error');
  const description = optionalString(body ?? {}, 'error_description');
  if (response.status >= 500 && esiaCodeOf(description) === undefined) {
    throw gosuslugiError('GOSUSLUGI_UNAVAILABLE', undefined, {
      reason: `HTTP ${response.status}`,
      path: url.pathname,
    });
  }
  if (!response.ok || error !== undefined) throw esiaErrorToDomainError(error, description);
  if (body === undefined) throw unexpected('token response is not a JSON object');
  if (optionalString(body, 'state') !== state)
    throw unexpected('token response state differs from the request');
  const tokenType = optionalString(body, 'token_type');
  if (tokenType !== undefined && tokenType.toLowerCase() !== 'bearer')
    throw unexpected('token type is not Bearer');
  const expiresIn = Number(body['expires_in']);
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) throw unexpected('token response has no expires_in');

  const idToken = optionalString(body, 'id_token');
  const refreshToken = optionalString(body, 'refresh_token');
  return {
    accessToken: requiredString(body, 'access_token', 'token response'),
    expiresInSeconds: expiresIn,
    ...(idToken === undefined ? {} : { idToken }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
  };
}
