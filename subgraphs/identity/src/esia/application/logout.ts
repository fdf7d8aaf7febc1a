import { ESIA_PATHS, esiaUrl, type EsiaClientConfig } from './config.ts';

/** ESIA's single sign-out; note ESIA spells the return address `redirect_url`. */
export function buildLogoutUrl(config: EsiaClientConfig, redirectUrl?: string): string {
  const url = esiaUrl(config, ESIA_PATHS.logout);
  url.searchParams.set('client_id', config.clientId);
  if (redirectUrl) url.searchParams.set('redirect_url', redirectUrl);
  return url.toString();
}
