import type { Signer } from './signer.ts';

/** The request fields `client_secret` covers on `/v2/ac` and `/v3/te`. */
export interface ClientSecretParts {
  readonly clientId: string;
  readonly scope: string;
  readonly scopeOrg: string;
  readonly timestamp: string;
  readonly state: string;
  readonly redirectUri: string;
  /** Only at the token endpoint when exchanging an authorization code. */
  readonly code?: string;
}

/** `client_id + scope + scope_org + timestamp + state + redirect_uri [+ code]`, with no separators. */
export function clientSecretMessage(parts: ClientSecretParts): string {
  const { clientId, scope, scopeOrg, timestamp, state, redirectUri, code = '' } = parts;
  return clientId + scope + scopeOrg + timestamp + state + redirectUri + code;
}

export async function signClientSecret(signer: Signer, parts: ClientSecretParts): Promise<string> {
  const signature = await signer.sign(new TextEncoder().encode(clientSecretMessage(parts)));
  return Buffer.from(signature).toString('base64url');
}
