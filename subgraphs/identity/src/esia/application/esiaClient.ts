import { buildAuthorizationRequest, type AuthorizationRequest, type ClientDeps } from './authorization.ts';
import type { EsiaClientConfig } from './config.ts';
import { buildLogoutUrl } from './logout.ts';
import type { EsiaPerson } from './person.ts';
import { fetchPerson } from './personResource.ts';
import { requestTokens, type EsiaTokens } from './tokenEndpoint.ts';

/** The ESIA protocol for one registered system, as ESIA speaks it. */
export interface EsiaClient {
  authorizationRequest(redirectUri: string): Promise<AuthorizationRequest>;
  /** `redirectUri` must be the one the authorization request was signed for. */
  exchangeCode(code: string, redirectUri: string): Promise<EsiaTokens>;
  refresh(refreshToken: string, redirectUri: string): Promise<EsiaTokens>;
  fetchPerson(accessToken: string, oid: string): Promise<EsiaPerson>;
  logoutUrl(redirectUrl?: string): string;
}

export function createEsiaClient(config: EsiaClientConfig, deps: ClientDeps): EsiaClient {
  return {
    authorizationRequest: (redirectUri) => buildAuthorizationRequest(config, deps, redirectUri),
    exchangeCode: (code, redirectUri) =>
      requestTokens(config, deps, { kind: 'authorization_code', code }, redirectUri),
    refresh: (refreshToken, redirectUri) =>
      requestTokens(config, deps, { kind: 'refresh_token', refreshToken }, redirectUri),
    fetchPerson: (accessToken, oid) => fetchPerson(config, accessToken, oid),
    logoutUrl: (redirectUrl) => buildLogoutUrl(config, redirectUrl),
  };
}
