import { signClientSecret } from './clientSecret.ts';
import { ESIA_PATHS, esiaUrl, type EsiaClientConfig } from './config.ts';
import type { Signer } from './signer.ts';
import { formatEsiaTimestamp } from './timestamp.ts';

export interface AuthorizationRequest {
  /** Where to send the person's browser. */
  readonly url: string;
  /** The UUID ESIA returns on the callback; bind it to the sign-in attempt. */
  readonly state: string;
  readonly timestamp: string;
}

export interface ClientDeps {
  readonly signer: Signer;
  readonly now: () => Date;
  /** A fresh UUID v4 for each `state`. */
  readonly newState: () => string;
}

/** The `/aas/oauth2/v2/ac` URL for one sign-in, signed for exactly this `redirect_uri` and `state`. */
export async function buildAuthorizationRequest(
  config: EsiaClientConfig,
  deps: ClientDeps,
  redirectUri: string,
): Promise<AuthorizationRequest> {
  const state = deps.newState();
  const timestamp = formatEsiaTimestamp(deps.now());
  const scope = config.scopes.join(' ');
  const scopeOrg = config.organizationScopes.join(' ');
  const clientSecret = await signClientSecret(deps.signer, {
    clientId: config.clientId,
    scope,
    scopeOrg,
    timestamp,
    state,
    redirectUri,
  });
  const url = esiaUrl(config, ESIA_PATHS.authorization);
  const params: [string, string][] = [
    ['client_id', config.clientId],
    ['client_secret', clientSecret],
    ['client_certificate_hash', deps.signer.certificateHash],
    ['redirect_uri', redirectUri],
    ['scope', scope],
    ['response_type', 'code'],
    ['state', state],
    ['access_type', config.accessType],
    ['timestamp', timestamp],
  ];
  if (scopeOrg) params.push(['scope_org', scopeOrg]);
  for (const [name, value] of params) url.searchParams.set(name, value);
  return { url: url.toString(), state, timestamp };
}
