import { authenticateClient, type ClientCredentials } from './clients.ts';
import { EsiaRejection } from './esiaErrors.ts';
import { parseScopes } from './authorizeRequest.ts';
import { Params, requireUuid, type RawParams } from './params.ts';
import type { EmulatorState } from './state.ts';
import { checkTimestamp } from './timestamp.ts';
import {
  TOKEN_TTL_SECONDS,
  issueAccessToken,
  issueIdToken,
  type TokenKeys,
  type TokenSubject,
} from './tokenKeys.ts';

export interface TokenResponse {
  readonly access_token: string;
  readonly id_token: string;
  readonly refresh_token?: string;
  readonly state: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export interface TokenDeps {
  readonly state: EmulatorState;
  readonly clients: ReadonlyMap<string, ClientCredentials>;
  readonly keys: TokenKeys;
  readonly now: () => Date;
  readonly newId: () => string;
  readonly timestampToleranceSeconds: number;
}

function sameScopes(requested: readonly string[], granted: readonly string[]): boolean {
  return requested.every((scope) => granted.includes(scope));
}

/**
 * `/aas/oauth2/v3/te`: every parameter is checked and the client authenticated before the code or
 * refresh token is looked at. Codes are single-use; refresh tokens rotate on use.
 */
export async function issueTokens(deps: TokenDeps, raw: RawParams): Promise<TokenResponse> {
  const params = new Params(raw);
  const clientId = params.required('client_id');
  const grantType = params.required('grant_type');
  const certificateHash = params.required('client_certificate_hash');
  const clientSecret = params.required('client_secret');
  const state = requireUuid(params.required('state'), 'state');
  const redirectUri = params.required('redirect_uri');
  const scope = params.required('scope');
  const timestamp = params.required('timestamp');
  if (params.required('token_type') !== 'Bearer') throw new EsiaRejection('007003', 'token_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw new EsiaRejection('007009', 'grant_type');
  }
  const code = grantType === 'authorization_code' ? params.required('code') : undefined;
  const refreshToken = grantType === 'refresh_token' ? params.required('refresh_token') : undefined;
  const scopeOrg = params.optional('scope_org') ?? '';

  const credentials = deps.clients.get(clientId);
  if (!credentials) throw new EsiaRejection('008010', 'client_id');
  const now = deps.now();
  checkTimestamp(timestamp, now, deps.timestampToleranceSeconds);
  authenticateClient(
    credentials,
    certificateHash,
    clientSecret,
    clientId + scope + scopeOrg + timestamp + state + redirectUri + (code ?? ''),
  );
  if (!credentials.client.redirectUris.includes(redirectUri))
    throw new EsiaRejection('007023', 'redirect_uri');
  const requestedScopes = parseScopes(scope);

  let subject: TokenSubject;
  let offline: boolean;
  if (code !== undefined) {
    const issued = deps.state.codes.get(code);
    deps.state.codes.delete(code);
    if (!issued || issued.expiresAt <= now || issued.request.clientId !== clientId) {
      throw new EsiaRejection('007011', 'code');
    }
    if (issued.request.redirectUri !== redirectUri) throw new EsiaRejection('007011', 'redirect_uri');
    if (!sameScopes(requestedScopes, issued.request.scopes)) throw new EsiaRejection('007006', 'scope');
    subject = {
      clientId,
      oid: issued.oid,
      scopes: requestedScopes,
      sessionId: issued.sessionId,
      authTime: issued.authTime,
    };
    offline = issued.request.accessType === 'offline';
  } else {
    const grant = deps.state.refreshGrants.get(refreshToken ?? '');
    if (!grant || grant.clientId !== clientId) throw new EsiaRejection('007011', 'refresh_token');
    deps.state.refreshGrants.delete(refreshToken ?? '');
    if (!sameScopes(requestedScopes, grant.scopes)) throw new EsiaRejection('007006', 'scope');
    subject = { ...grant, scopes: requestedScopes };
    offline = true;
  }

  const nextRefreshToken = offline ? deps.newId() : undefined;
  if (nextRefreshToken) deps.state.refreshGrants.set(nextRefreshToken, subject);
  return {
    access_token: await issueAccessToken(deps.keys, subject, now),
    id_token: await issueIdToken(deps.keys, subject, now),
    ...(nextRefreshToken ? { refresh_token: nextRefreshToken } : {}),
    state,
    token_type: 'Bearer',
    expires_in: TOKEN_TTL_SECONDS,
  };
}
