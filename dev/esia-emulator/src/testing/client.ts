import { createHash, createPrivateKey, createPublicKey, randomUUID, sign } from 'node:crypto';

/**
 * A minimal registered client for tests of the emulator itself: it can sign correct requests and
 * then spoil any parameter, which a real client never does.
 */
export interface TestClient {
  readonly clientId: string;
  readonly privateKeyPem: string;
  readonly redirectUri: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

export function esiaTimestamp(moment: Date): string {
  return (
    `${moment.getUTCFullYear()}.${pad(moment.getUTCMonth() + 1)}.${pad(moment.getUTCDate())} ` +
    `${pad(moment.getUTCHours())}:${pad(moment.getUTCMinutes())}:${pad(moment.getUTCSeconds())} +0000`
  );
}

export function certificateHash(client: TestClient): string {
  const der = createPublicKey(client.privateKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export function clientSecret(client: TestClient, message: string): string {
  const key = createPrivateKey(client.privateKeyPem);
  const signature =
    key.asymmetricKeyType === 'ec'
      ? sign('sha256', Buffer.from(message), { key, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(message), key);
  return signature.toString('base64url');
}

/** Parameters to replace after signing; `undefined` removes a parameter. */
export type Overrides = Readonly<Record<string, string | undefined>>;

function applied(params: URLSearchParams, overrides: Overrides): URLSearchParams {
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) params.delete(name);
    else params.set(name, value);
  }
  return params;
}

export interface RequestOptions {
  readonly now: Date;
  readonly scope?: string;
  readonly state?: string;
  readonly accessType?: 'online' | 'offline';
  readonly overrides?: Overrides;
}

export const TEST_SCOPE = 'openid fullname birthdate gender snils inn id_doc mobile email contacts addresses';

export function authorizationUrl(emulatorUrl: string, client: TestClient, options: RequestOptions): string {
  const scope = options.scope ?? TEST_SCOPE;
  const state = options.state ?? randomUUID();
  const timestamp = esiaTimestamp(options.now);
  const url = new URL('/aas/oauth2/v2/ac', emulatorUrl);
  url.search = applied(
    new URLSearchParams({
      client_id: client.clientId,
      client_secret: clientSecret(client, client.clientId + scope + timestamp + state + client.redirectUri),
      client_certificate_hash: certificateHash(client),
      redirect_uri: client.redirectUri,
      scope,
      response_type: 'code',
      state,
      access_type: options.accessType ?? 'offline',
      timestamp,
    }),
    options.overrides ?? {},
  ).toString();
  return url.toString();
}

export type Grant = { readonly code: string } | { readonly refreshToken: string };

export function tokenForm(client: TestClient, grant: Grant, options: RequestOptions): URLSearchParams {
  const scope = options.scope ?? TEST_SCOPE;
  const state = options.state ?? randomUUID();
  const timestamp = esiaTimestamp(options.now);
  const code = 'code' in grant ? grant.code : '';
  const form = new URLSearchParams({
    client_id: client.clientId,
    grant_type: 'code' in grant ? 'authorization_code' : 'refresh_token',
    client_certificate_hash: certificateHash(client),
    client_secret: clientSecret(
      client,
      client.clientId + scope + timestamp + state + client.redirectUri + code,
    ),
    state,
    redirect_uri: client.redirectUri,
    scope,
    timestamp,
    token_type: 'Bearer',
  });
  if ('code' in grant) form.set('code', grant.code);
  else form.set('refresh_token', grant.refreshToken);
  return applied(form, options.overrides ?? {});
}

export async function postTokenForm(
  emulatorUrl: string,
  form: URLSearchParams,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL('/aas/oauth2/v3/te', emulatorUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
