import { authenticateClient, type ClientCredentials } from './clients.ts';
import { EsiaRejection } from './esiaErrors.ts';
import { Params, requireUuid, type RawParams } from './params.ts';
import { PERSON_SCOPES } from './scopes.ts';
import type { AuthorizationRequest } from './state.ts';
import { checkTimestamp } from './timestamp.ts';

/** A rejection that can be reported to the client's redirect_uri, because that URI is known good. */
export class RedirectableRejection extends Error {
  constructor(
    readonly rejection: EsiaRejection,
    readonly redirectUri: string,
    readonly state: string | undefined,
  ) {
    super(rejection.message);
    this.name = 'RedirectableRejection';
  }
}

export function parseScopes(value: string): string[] {
  const scopes = value.split(' ').filter(Boolean);
  if (scopes.length === 0) throw new EsiaRejection('007013', 'scope');
  if (scopes.some((scope) => !(scope in PERSON_SCOPES)) || new Set(scopes).size !== scopes.length) {
    throw new EsiaRejection('007006', 'scope');
  }
  return scopes;
}

/**
 * Checks an `/aas/oauth2/v2/ac` request the way ESIA does. Problems with the client or its
 * redirect_uri are shown to the person (throws EsiaRejection); anything after that goes back to the
 * redirect_uri (throws RedirectableRejection).
 */
export function checkAuthorizationRequest(
  raw: RawParams,
  clients: ReadonlyMap<string, ClientCredentials>,
  now: Date,
  timestampToleranceSeconds: number,
): AuthorizationRequest {
  const params = new Params(raw);
  const clientId = params.required('client_id');
  const credentials = clients.get(clientId);
  if (!credentials) throw new EsiaRejection('007002', 'client_id');
  const redirectUri = params.required('redirect_uri');
  if (!credentials.client.redirectUris.includes(redirectUri))
    throw new EsiaRejection('007023', 'redirect_uri');

  const state = params.optional('state');
  try {
    const clientSecret = params.required('client_secret');
    const certificateHash = params.required('client_certificate_hash');
    const scope = params.required('scope');
    const responseType = params.required('response_type');
    params.required('state');
    const timestamp = params.required('timestamp');
    if (responseType !== 'code') throw new EsiaRejection('007012', 'response_type');
    requireUuid(state ?? '', 'state');
    const accessType = params.optional('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') throw new EsiaRejection('007003', 'access_type');
    const scopeOrg = params.optional('scope_org') ?? '';
    if (scopeOrg !== '') throw new EsiaRejection('007006', 'scope_org');
    const scopes = parseScopes(scope);
    checkTimestamp(timestamp, now, timestampToleranceSeconds);
    authenticateClient(
      credentials,
      certificateHash,
      clientSecret,
      clientId + scope + scopeOrg + timestamp + (state ?? '') + redirectUri,
    );
    return { clientId, redirectUri, scopes, state: state ?? '', accessType };
  } catch (error) {
    if (error instanceof EsiaRejection) throw new RedirectableRejection(error, redirectUri, state);
    throw error;
  }
}
