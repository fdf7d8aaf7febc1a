import type { PartnerScope } from '@cabinet/kernel';

/** A partner application registered for OAuth 2.0 client credentials; its secret is kept hashed. */
export interface PartnerClientRecord {
  readonly clientId: string;
  readonly partnerId: string;
  readonly name: string;
  readonly secretHash: string;
  readonly scopes: readonly PartnerScope[];
  readonly active: boolean;
}

export type TokenRequestError =
  'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

export type ClientCredentialsRequest =
  | {
      readonly ok: true;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly scope: string | undefined;
    }
  | { readonly ok: false; readonly error: TokenRequestError; readonly description: string };

/**
 * RFC 6749 §4.4 / §2.3.1: the client authenticates with HTTP Basic or with `client_id` and
 * `client_secret` in the form, never both.
 */
export function parseClientCredentialsRequest(
  form: Readonly<Record<string, unknown>>,
  authorization: string | undefined,
): ClientCredentialsRequest {
  if (form['grant_type'] !== 'client_credentials') {
    return {
      ok: false,
      error: 'unsupported_grant_type',
      description: 'only client_credentials is supported',
    };
  }
  const scope = typeof form['scope'] === 'string' ? form['scope'] : undefined;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '')?.[1];
  const inForm = typeof form['client_id'] === 'string' || typeof form['client_secret'] === 'string';
  if (basic !== undefined && inForm) {
    return { ok: false, error: 'invalid_request', description: 'use one client authentication method' };
  }
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return { ok: false, error: 'invalid_client', description: 'malformed Basic credentials' };
    return {
      ok: true,
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      scope,
    };
  }
  const clientId = form['client_id'];
  const clientSecret = form['client_secret'];
  if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || clientId === '') {
    return { ok: false, error: 'invalid_client', description: 'client authentication is required' };
  }
  return { ok: true, clientId, clientSecret, scope };
}

/** The scopes to grant: those asked for (all of them must be allowed), or every allowed one. */
export function grantedScopes(
  requested: string | undefined,
  allowed: readonly PartnerScope[],
): PartnerScope[] | null {
  if (requested === undefined || requested.trim() === '') return [...allowed];
  const asked = requested.split(' ').filter(Boolean);
  return asked.every((scope) => (allowed as readonly string[]).includes(scope))
    ? (asked as PartnerScope[])
    : null;
}
